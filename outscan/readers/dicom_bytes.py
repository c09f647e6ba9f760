"""The common DICOM file read straight from its bytes: the fast path of `readers.dicom`.

pydicom's parse is the floor of what a scan built on it can do: it turns every element
into an object, converts what is asked for, and a scan of a 100,000-file archive pays that
for elements no check reads. Most files are plain — a preamble, a little-endian data set
with explicit or implicit VR, sequences of defined or undefined length, ASCII, Latin-1 or
UTF-8 text — and for them this walk lists the same elements `readers.dicom._walk` lists
from pydicom's data set, value for value, several times faster (tests hold the two equal
on pydicom's, pydicom-data's and deid-data's files).

Anything else returns None and the file goes through pydicom: big-endian and deflated
transfer syntaxes, files without a preamble, other character sets, a VR the walk does
not know, a value running past the end of the file, undefined-length values that are not
sequences, tags out of order, private elements whose VR pydicom's private dictionary
would change. A file the fast path declines costs only the time to decline it.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from outscan.documents import DicomElement, dicom_tag

_EXPLICIT = struct.Struct("<HH2sH").unpack_from
_IMPLICIT = struct.Struct("<HHL").unpack_from
_LENGTH_32 = struct.Struct("<L").unpack_from

UNDEFINED = 0xFFFFFFFF
_ITEM, _ITEM_END, _SEQUENCE_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
_PIXEL_DATA = frozenset({0x7FE00010, 0x7FE00009, 0x7FE00008})
_IMPLICIT_LE = "1.2.840.10008.1.2"
# Transfer syntaxes whose data set is explicit VR little endian (compressed pixel data
# included: the header before it is written the same way).
_NOT_EXPLICIT_LE = frozenset({_IMPLICIT_LE, "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})

# VRs with a 4-byte length in explicit VR (PS3.5 7.1.2); all others have 2 bytes.
_LONG_VRS = frozenset({"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"})
_KNOWN_VRS = _LONG_VRS | frozenset({"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "PN",
                                    "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"})
_VR_OF_BYTES = {vr.encode("ascii"): vr for vr in _KNOWN_VRS}
# Character sets whose bytes decode without pydicom (most files): ASCII, Latin-1, UTF-8.
SIMPLE_CHARSETS = {"": "latin-1", "ISO_IR 6": "latin-1", "ISO 2022 IR 6": "latin-1", "ISO_IR 100": "latin-1",
                    "ISO 2022 IR 100": "latin-1", "ISO_IR 192": "utf-8"}
_UNSTRIPPED_TEXT = frozenset({"LT", "ST", "UT"})


class Decline(Exception):
    """The file is not one the fast path reads exactly as pydicom would: hand it to pydicom."""


def read_elements(data: bytes, text_vrs: frozenset[str]) -> tuple[list[DicomElement], str, str] | None:
    """(elements, transfer syntax UID, media storage SOP class UID), or None to use pydicom."""
    if len(data) < 144 or data[128:132] != b"DICM":
        return None
    try:
        position, meta = _file_meta(data)
        syntax = meta.get(0x00020010, "")
        if syntax in _NOT_EXPLICIT_LE and syntax != _IMPLICIT_LE:
            return None
        implicit = syntax == _IMPLICIT_LE
        _check_encoding_guess(data, position, implicit)
        walk = _Walk(data, implicit, text_vrs)
        walk.data_set(position, len(data), "", None, "latin-1", top=True)
    except (Decline, struct.error, UnicodeDecodeError):
        return None
    return walk.elements, syntax, meta.get(0x00020002, "")


def _file_meta(data: bytes) -> tuple[int, dict[int, str]]:
    """Where the data set starts after group 0002 (always explicit VR little endian), and its text values."""
    position, meta = 132, {}
    while position + 8 <= len(data):
        group, element, vr_bytes, length = _EXPLICIT(data, position)
        if group != 0x0002:
            break
        vr = _VR_OF_BYTES.get(vr_bytes)
        if vr is None:
            raise Decline
        if vr in _LONG_VRS:
            length = _LENGTH_32(data, position + 8)[0]
            position += 12
        else:
            position += 8
        if length == UNDEFINED or position + length > len(data):
            raise Decline
        if vr == "UI":
            meta[group << 16 | element] = data[position:position + length].decode("ascii").strip(" \x00")
        position += length
    if not meta:
        raise Decline  # no file meta: pydicom guesses the encoding
    return position, meta


def _check_encoding_guess(data: bytes, position: int, implicit: bool) -> None:
    """pydicom looks at the first element's VR bytes and follows what it finds over what the
    transfer syntax says; a file where the two disagree is left to it."""
    if position + 6 > len(data):
        return
    vr = data[position + 4:position + 6]
    looks_implicit = not (0x40 < vr[0] < 0x5B and 0x40 < vr[1] < 0x5B)
    if looks_implicit != implicit:
        raise Decline


@lru_cache(maxsize=8192)
def keyword_of(tag: int) -> str:
    from pydicom.datadict import keyword_for_tag

    return keyword_for_tag(tag) or ""


@lru_cache(maxsize=8192)
def dictionary_vr(tag: int) -> str:
    from pydicom.datadict import dictionary_VR

    try:
        return dictionary_VR(tag).split(" or ")[0]
    except KeyError:
        return ""


@lru_cache(maxsize=4096)
def _private_dictionary_knows(tag: int, creator: str) -> bool:
    from pydicom.datadict import private_dictionary_VR

    try:
        private_dictionary_VR(tag, creator)
    except KeyError:
        return False
    return True


# tag -> ("(gggg,eeee)", keyword): one lookup per element for what two cached calls gave.
_TAGS: dict[int, tuple[str, str]] = {}
# A named tuple's constructor is a Python function; building the tuple directly is faster.
_element = tuple.__new__


# The files of an archive repeat their paths and most of their short values: each is made
# once and the same string object is shared, so comparing a file with the one before it
# (series_delta) and hashing its elements mostly compares pointers.
_PATHS: dict[str, dict[int, str]] = {}
_TEXTS: dict[str, dict[bytes, str]] = {}


def _paths_under(prefix: str) -> dict[int, str]:
    found = _PATHS.get(prefix)
    if found is None or len(found) >= 4096:
        if len(_PATHS) >= 4096:
            _PATHS.clear()
        found = _PATHS[prefix] = {}
    return found


def _texts_in(encoding: str) -> dict[bytes, str]:
    found = _TEXTS.get(encoding)
    if found is None or len(found) >= 65536:
        found = _TEXTS[encoding] = {}
    return found


def _tag_info(tag: int) -> tuple[str, str]:
    found = _TAGS.get(tag)
    if found is None:
        if len(_TAGS) >= 65536:
            _TAGS.clear()
        found = _TAGS[tag] = (dicom_tag(tag), "" if tag & 0x10000 else keyword_of(tag))
    return found


def _strip_parts(text: str) -> str:
    return "\\".join(part.strip(" \x00") for part in text.split("\\")) if "\\" in text else text.strip(" \x00")


class _Walk:
    """One file's walk: `elements` in the order `readers.dicom._walk` yields them."""

    def __init__(self, data: bytes, implicit: bool, text_vrs: frozenset[str]) -> None:
        self.data = data
        self.implicit = implicit
        self.text_vrs = text_vrs
        self.elements: list[DicomElement] = []

    def data_set(self, position: int, end: int, prefix: str, outer: str | None, encoding: str, top: bool) -> int:
        """Read elements from `position` to `end` (or an item delimiter); the position after."""
        data, implicit, out, text_vrs = self.data, self.implicit, self.elements, self.text_vrs
        paths = _paths_under(prefix)
        texts = _texts_in(encoding)
        creators: dict[tuple[int, int], str] = {}
        previous = -1
        size = len(data)
        while position < end:
            if position + 8 > size:
                raise Decline  # cut short: pydicom reports where
            if implicit:
                group, number, length = _IMPLICIT(data, position)
                position += 8
                vr = ""
            else:
                group, number, vr_bytes, length = _EXPLICIT(data, position)
                vr = _VR_OF_BYTES.get(vr_bytes)
                if vr is None:
                    if group == 0xFFFE:  # item tags carry no VR
                        vr, length = "", _LENGTH_32(data, position + 4)[0]
                    else:
                        raise Decline
                if vr in _LONG_VRS:
                    if position + 12 > size:
                        raise Decline
                    length = _LENGTH_32(data, position + 8)[0]
                    position += 12
                else:
                    position += 8
            tag = group << 16 | number
            if tag == _ITEM_END:
                return position
            if group == 0xFFFE or tag <= previous:
                raise Decline  # stray item tags, or tags out of order or repeated
            previous = tag
            if top and tag in _PIXEL_DATA:
                return size
            if group == 0x0002:
                raise Decline  # file meta elements in the data set
            private = group & 1 == 1
            if implicit:
                vr = "" if private else dictionary_vr(tag)
            elif vr == "UN" and not private:
                raise Decline  # a public element written as UN: pydicom may give it its dictionary VR
            tag_text, keyword = _TAGS.get(tag) or _tag_info(tag)
            path = paths.get(tag)
            if path is None:
                path = paths[tag] = prefix + tag_text
            if length == UNDEFINED and vr != "SQ":
                raise Decline  # an undefined-length value pydicom reads its own way (an implied sequence)
            if vr == "SQ":
                creator = creators.get((group, number >> 8)) if private and number > 0xFF else None
                if private and 0x10 <= number <= 0xFF:
                    raise Decline  # a sequence in a private creator's place
                marker = len(out)
                out.append(None)  # type: ignore[arg-type]  # the sequence, once its items are counted
                position, count = self._items(position, length, f"{path}[", outer or keyword or tag_text, encoding)
                out[marker] = _element(DicomElement, (tag, keyword, "SQ", path,
                                                      f"{count} item{'s' if count != 1 else ''}", True, creator, outer))
                continue
            if position + length > size:
                raise Decline
            value = data[position:position + length]
            position += length
            if tag == 0x00080005:
                charset = "\\".join(part.strip(" \x00") for part in value.decode("ascii").split("\\"))
                encoding = SIMPLE_CHARSETS.get(charset)
                if encoding is None:
                    raise Decline
                texts = _texts_in(encoding)
            if private:
                if 0x10 <= number <= 0xFF:
                    if vr not in ("LO", "", "UN"):
                        raise Decline
                    # As pydicom converts an LO value: each part right-stripped, a single value stripped.
                    parts = [part.rstrip("\x00 ") for part in value.decode(encoding).split("\\")]
                    text = parts[0].strip() if len(parts) == 1 else "\\".join(parts)
                    creators[(group, number)] = text
                    out.append(_element(DicomElement, (tag, "PrivateCreator", vr or "LO", path, text, True, text, outer)))
                    continue
                creator = creators.get((group, number >> 8)) if number > 0xFF else None
                if vr in ("UN", ""):
                    if creator and number > 0xFF and _private_dictionary_knows(tag, creator):
                        raise Decline  # pydicom would convert it by the private dictionary's VR
                    text = value.decode("latin-1").strip(" \x00")
                    out.append(_element(DicomElement, (tag, "", vr or "UN", path, text if text.isprintable() else "",
                                                       True, creator, outer)))
                    continue
                if vr in text_vrs:
                    out.append(_element(DicomElement, (tag, "", vr, path, _decode(value, vr, encoding), True, creator,
                                                       outer)))
                else:
                    out.append(_element(DicomElement, (tag, "", vr, path, "", False, creator, outer)))
                continue
            if vr in text_vrs:
                # Short values of the stripped-by-parts VRs are shared (LT, ST, UT strip differently).
                shared = vr not in _UNSTRIPPED_TEXT and len(value) <= 64
                text = texts.get(value) if shared else None
                if text is None:
                    text = _decode(value, vr, encoding)
                    if shared:
                        texts[value] = text
                out.append(_element(DicomElement, (tag, keyword, vr, path, text, True, None, outer)))
            else:
                out.append(_element(DicomElement, (tag, keyword, vr, path, "", False, None, outer)))
        if position != end and end != size:
            raise Decline  # an item's length and its elements disagree
        return position

    def _items(self, position: int, length: int, prefix: str, outer: str, encoding: str) -> tuple[int, int]:
        """Read a sequence's items; the position after it and how many items it holds."""
        data = self.data
        size = len(data)
        end = size if length == UNDEFINED else position + length
        if end > size:
            raise Decline
        count = 0
        while position < end:
            if position + 8 > size:
                raise Decline
            group, number, item_length = _IMPLICIT(data, position)
            tag = group << 16 | number
            position += 8
            if tag == _SEQUENCE_END:
                if length != UNDEFINED:
                    raise Decline
                return position, count
            if tag != _ITEM:
                raise Decline
            index = count
            count += 1
            if item_length == UNDEFINED:
                position = self.data_set(position, size, f"{prefix}{index}]>", outer, encoding, top=False)
            else:
                item_end = position + item_length
                if item_end > size:
                    raise Decline
                self.data_set(position, item_end, f"{prefix}{index}]>", outer, encoding, top=False)
                position = item_end
        if length == UNDEFINED:
            raise Decline  # no sequence delimiter before the end of the file
        return position, count


def _decode(value: bytes, vr: str, encoding: str) -> str:
    text = value.decode(encoding, "replace")
    return text.strip(" \x00") if vr in _UNSTRIPPED_TEXT else _strip_parts(text)
