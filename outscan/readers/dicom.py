"""DICOM headers, element by element, with pydicom; pixel data is never read or decoded.

Every element is listed with its path, sequences walked to any depth, DICOMDIR records
included (they are items of a sequence). Text values are decoded in the file's character
set; numeric and binary values are left unconverted (no check reads them), which keeps a
scan near the speed of the parse itself. A file pydicom cannot parse is a `ReadError`
naming what is wrong.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import BinaryIO

from outscan.documents import DicomElement, DicomHeader, DicomSeriesMember, dicom_tag
from outscan.readers.dicom_bytes import SIMPLE_CHARSETS as _SIMPLE_CHARSETS
from outscan.readers.dicom_bytes import dictionary_vr as _dictionary_vr
from outscan.readers.dicom_bytes import keyword_of as _keyword
from outscan.readers.dicom_bytes import read_elements
from outscan.readers.errors import ReadError
from outscan.readers.sniff import dicom_data_set_at_start, dicom_preamble

# pydicom logs each odd value it meets; a scan reports findings, not the parser's chatter.
logging.getLogger("pydicom").setLevel(logging.ERROR)

# Value representations whose values are text a check may read.
TEXT_VRS = frozenset({"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR",
                      "UT"})
_NOT_DEFACED = re.compile(r"\b(?:not|no|non|without|un)[ -]?(?:de-?fac|face[ _-]?mask)")
_DEFACING_TOOLS = ("deface", "pydeface", "mri_deface", "fsl_deface", "quickshear", "mridefacer", "afni_refacer",
                   "refacer", "face mask", "facemask", "defaced")


def read_dicom(path: Path) -> list:
    import warnings

    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        with path.open("rb") as handle:
            head = handle.read(256)
            # A plain file is read here, by the same open; anything else by pydicom below.
            header = _read_plain_file(handle) if dicom_preamble(head) else None
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if header is not None:
        return [header, series_member(header)]
    if not (dicom_preamble(head) or dicom_data_set_at_start(head)):
        raise ReadError("not a DICOM file: no 'DICM' preamble and no DICOM data set at its start")
    try:
        # pydicom warns about every odd value (a bad VR, an over-long string); the header is
        # read all the same, and the findings, not the warnings, are what a user acts on.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = pydicom.dcmread(path, stop_before_pixels=True, force=True)
            elements = list(_walk(dataset, "", None))
        header = DicomHeader(elements=elements,
                             transfer_syntax=str(getattr(dataset.file_meta, "TransferSyntaxUID", "") or "") or None,
                             is_dicomdir=type(dataset).__name__ == "FileSet" or
                             str(getattr(dataset.file_meta, "MediaStorageSOPClassUID", "")) == "1.2.840.10008.1.3.10")
    except InvalidDicomError as exc:
        raise ReadError(f"not a DICOM file pydicom can read ({exc})") from exc
    except (EOFError, OSError) as exc:
        raise ReadError(f"the DICOM file ends early or cannot be read ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # noqa: BLE001 - pydicom raises many types on damaged files
        raise ReadError(f"the DICOM header cannot be parsed ({type(exc).__name__}: {exc})") from exc
    if not header.elements:
        raise ReadError("no DICOM data elements could be read (not a DICOM file?)")
    ended_early = _ended_early(dataset, path)
    if ended_early:
        header.problems.append(ended_early)
    return [header, series_member(header)]


# Files up to this size are read whole for the fast path; larger ones (multi-frame images)
# are mapped, so only the header's pages are read.
_READ_WHOLE = 1 << 18


def _read_plain_file(handle: BinaryIO) -> DicomHeader | None:
    """The header by `dicom_bytes`' walk, or None when the file needs pydicom."""
    import mmap
    import os

    try:
        digest = None
        if os.fstat(handle.fileno()).st_size <= _READ_WHOLE:
            handle.seek(0)
            data = handle.read()
            digest = hashlib.sha256(data).hexdigest()
            found = read_elements(data, TEXT_VRS)
        else:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                found = read_elements(mapped, TEXT_VRS)
    except (OSError, ValueError):
        return None  # pydicom's path says what is wrong
    if found is None or not found[0]:
        return None
    elements, syntax, storage_class = found
    return DicomHeader(elements=elements, transfer_syntax=syntax or None,
                       is_dicomdir=storage_class == "1.2.840.10008.1.3.10", sha256=digest)


def _ended_early(dataset, path: Path) -> str | None:
    """A file cut short: pydicom stops at the end of the bytes without a word, and the elements
    after the cut (a patient ID, a birth date) would be silently missing from the report."""
    try:
        size = path.stat().st_size
        last = max((dataset.get_item(tag) for tag in dataset.keys()), key=lambda raw: getattr(raw, "value_tell", 0) or 0)
        tell, length = getattr(last, "value_tell", None), getattr(last, "length", None)
    except Exception:  # noqa: BLE001 - a check of completeness must not make a readable file unreadable
        return None
    if tell is None or length is None or length == 0xFFFFFFFF:
        return None  # an undefined-length sequence: its end is not known from here
    end = tell + length
    if end > size:
        return "the file ends inside an element's value: it is truncated, and what followed was not read"
    return None


def _encoding(dataset, inherited: str | None) -> str | None:
    """The codec for this data set's text values, or None when pydicom must decode them."""
    raw = dataset.get_item(0x00080005) if 0x00080005 in dataset else None
    if raw is None:
        return inherited
    value = raw.value
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        value = "\\".join(str(v) for v in value)
    return _SIMPLE_CHARSETS.get(value.strip(" \x00"))


def _walk(dataset, prefix: str, outer: str | None, encoding: str | None = "latin-1"):
    """Depth-first, in tag order; a sequence's items carry the sequence's path and index."""
    encoding = _encoding(dataset, encoding)
    creators: dict[tuple[int, int], str] = {}
    for tag in sorted(dataset.keys()):
        raw = dataset.get_item(tag)
        tag = int(tag)
        group, element = tag >> 16, tag & 0xFFFF
        private = bool(group & 1)
        # An implicit-VR file carries no VR: the dictionary's is the element's.
        vr = raw.VR or (_dictionary_vr(tag) if not private else "") or ""
        keyword = "" if private else _keyword(tag)
        path = prefix + dicom_tag(tag)
        creator = None
        if private and 0x10 <= element <= 0xFF and vr != "SQ" and not _is_sequence(dataset, tag):
            value = _text(dataset, tag)
            creators[(group, element)] = value
            yield DicomElement(tag, "PrivateCreator", vr or "LO", path, value, True, value, outer)
            continue
        if private and element > 0xFF:
            creator = creators.get((group, element >> 8))
        if vr == "SQ" or (not vr and _is_sequence(dataset, tag)):
            items = dataset[tag].value or []
            yield DicomElement(tag, keyword, "SQ", path, f"{len(items)} item{'s' if len(items) != 1 else ''}", True,
                               creator, outer)
            for index, item in enumerate(items):
                yield from _walk(item, f"{path}[{index}]>", outer or keyword or dicom_tag(tag), encoding)
            continue
        if vr in TEXT_VRS or (private and vr in ("UN", "")):
            value = _raw_text(raw, vr, encoding)
            if value is None:
                value = _text(dataset, tag)
            yield DicomElement(tag, keyword, vr or "UN", path, value, True, creator, outer)
        else:
            yield DicomElement(tag, keyword, vr, path, "", False, creator, outer)


def _raw_text(raw, vr: str, encoding: str | None) -> str | None:
    """A text value straight from its bytes, as pydicom would give it (multi-values joined by a
    backslash, padding stripped), or None when pydicom must convert it: several times faster."""
    value = getattr(raw, "value", None)
    if encoding is None or not isinstance(value, bytes) or vr not in TEXT_VRS:
        return None
    text = value.decode(encoding, "replace")
    # LT, ST, UT keep leading spaces in the standard; a check reads words, so all are stripped alike.
    return "\\".join(part.strip(" \x00") for part in text.split("\\")) if vr not in ("LT", "ST", "UT") \
        else text.strip(" \x00")


def _is_sequence(dataset, tag: int) -> bool:
    try:
        return dataset[tag].VR == "SQ"
    except Exception:  # noqa: BLE001
        return False


def _text(dataset, tag: int) -> str:
    """The value as text; a value pydicom cannot convert (a bad VR) is read as bytes."""
    try:
        value = dataset[tag].value
    except Exception:  # noqa: BLE001 - a malformed value must not hide the rest of the header
        raw = dataset.get_item(tag).value
        return raw.decode("latin-1", "replace").strip(" \x00") if isinstance(raw, bytes) else ""
    if value is None:
        return ""
    if isinstance(value, bytes):
        text = value.decode("latin-1", "replace").strip(" \x00")
        return text if text.isprintable() else ""
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value).strip()


def series_member(header: DicomHeader) -> DicomSeriesMember:
    first = header.first
    texts = [(keyword, value) for keyword in ("StudyDescription", "SeriesDescription", "ProtocolName",
                                              "BodyPartExamined") if (value := first(keyword))]
    is_rt_structure_set = (first("Modality") or "") == "RTSTRUCT"
    # One pass over the elements for what sequences hold (a header has a hundred or more).
    anatomy, referenced, roi_names = [], set(), []
    for e in header.elements:
        keyword = e.keyword
        if keyword == "CodeMeaning":
            if e.in_sequence == "AnatomicRegionSequence" and e.value:
                anatomy.append(("AnatomicRegionSequence", e.value))
        elif keyword == "SeriesInstanceUID":
            if "[" in e.path and e.value:
                referenced.add(e.value)
        elif keyword == "ROIName" and is_rt_structure_set and e.value:
            roi_names.append(e.value)
    texts += anatomy
    descriptions = " | ".join(value for _, value in texts)
    position = None
    raw_position = first("ImagePositionPatient")
    if raw_position:
        try:
            x, y, z = (float(v) for v in raw_position.split("\\")[:3])
            position = (x, y, z)
        except ValueError:
            position = None
    frames = first("NumberOfFrames")
    return DicomSeriesMember(
        series_uid=first("SeriesInstanceUID") or "", modality=first("Modality") or "",
        body_part=first("BodyPartExamined") or "", descriptions=descriptions,
        frames=int(frames) if frames and frames.strip().isdigit() else 1,
        acquisition=first("MRAcquisitionType") or "", position=position, defacing=defacing_evidence(header),
        is_rt_structure_set=is_rt_structure_set, referenced_series=tuple(sorted(referenced)), texts=tuple(texts),
        roi_names=tuple(roi_names))


def defacing_evidence(header: DicomHeader) -> str | None:
    """What says the face was removed: 113102 declared, RecognizableVisualFeatures NO, a defacing
    tool named in the de-identification method or in the series' own description or comments
    ("T1 MPRAGE defaced"), unless the text says it was not done ("not defaced")."""
    if "113102" in header.codes("DeidentificationMethodCodeSequence"):
        return "113102 Clean Recognizable Visual Features declared in (0012,0064)"
    if (header.first("RecognizableVisualFeatures") or "").upper() == "NO":
        return "RecognizableVisualFeatures (0028,0302) = NO"
    tools = (*_DEFACING_TOOLS, "defacing", "de-faced", "de-facing", "mask_face")
    for keyword, tag in (("DeidentificationMethod", "(0012,0063)"), ("SeriesDescription", "(0008,103E)"),
                         ("ImageComments", "(0020,4000)")):
        text = (header.first(keyword) or "").lower()
        if any(tool in text for tool in tools) and not _NOT_DEFACED.search(text):
            return f"{keyword} {tag} names a defacing tool"
    return None
