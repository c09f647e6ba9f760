"""Decide how a text file is encoded, without reading it into memory twice.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. A file that is not
valid UTF-8 is read as Windows-1252 (a superset of Latin-1 for printable text, and what
US statistical exports use: State Cancer Profiles files carry cp1252 daggers) only while it
still looks like Western text; anything else is an error the user can act on.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from outscan.readers.errors import ReadError

_CHUNK = 1 << 20
# Bytes that cp1252 leaves undefined decode as their Latin-1 code points.
_LATIN1_FALLBACK = "outscan-latin1-fallback"


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)

_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1a") + b"\x7f"
_HIGH = bytes(range(128, 256))
# Above this share of non-ASCII bytes a non-UTF-8 file is not Western single-byte text
# (Shift-JIS, GBK, UTF-16 without a BOM ...), and guessing would publish mojibake.
_MAX_HIGH_BYTE_SHARE = 0.30
# Western text has its accents and daggers alone or in pairs ("Île", "população", "Rate(†)");
# GBK, Big5, Shift-JIS and EUC write a word as a run of two-byte characters. A table of
# numbers with Chinese labels stays under the share above, so long runs are counted too.
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
_MIN_HIGH_BYTES_FOR_RUNS = 8


def detect_encoding(path: Path) -> tuple[str, str | None]:
    """(encoding, errors handler) to open `path` with; raises ReadError when it is not text."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "strict"
    else:
        encoding = "utf-8"

    decoder = codecs.getincrementaldecoder("utf-8")()
    high_bytes = total = controls = in_runs = 0
    valid_utf8 = True
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            total += len(chunk)
            controls += len(chunk) - len(chunk.translate(None, _CONTROL))
            high_bytes += len(chunk) - len(chunk.translate(None, _HIGH))
            in_runs += sum(len(run) for run in _HIGH_RUN.findall(chunk))
            if valid_utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    valid_utf8 = False
    if valid_utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid_utf8 = False

    if controls and controls > max(2, total // 1000):
        raise ReadError("binary content: this is not a text file")
    if valid_utf8:
        return encoding, "strict"
    if total and high_bytes / total > _MAX_HIGH_BYTE_SHARE:
        raise ReadError(
            f"not UTF-8, and {high_bytes / total:.0%} of its bytes are non-ASCII, too many for "
            "Latin-1/Windows-1252 text; save it as UTF-8 and scan again"
        )
    if high_bytes >= _MIN_HIGH_BYTES_FOR_RUNS and in_runs > high_bytes / 2:
        raise ReadError(
            "not UTF-8, and its non-ASCII bytes come in multi-byte runs (Chinese, Japanese or "
            "another multi-byte encoding), not Latin-1/Windows-1252 text; save it as UTF-8 and scan again"
        )
    return "cp1252", _LATIN1_FALLBACK


def read_text(path: Path) -> tuple[str, str]:
    """A whole text file (a manuscript) and the encoding it was read with."""
    encoding, errors = detect_encoding(path)
    try:
        return path.read_text(encoding=encoding, errors=errors), encoding
    except UnicodeDecodeError as exc:
        raise ReadError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}") from exc
