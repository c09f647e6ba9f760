"""What a file's first bytes say about it, for discovery and readers alike (no parser imported)."""

from __future__ import annotations


def dicom_preamble(head: bytes) -> bool:
    """A DICOM file proper: 128 bytes of preamble, then "DICM"."""
    return len(head) >= 132 and head[128:132] == b"DICM"


def dicom_data_set_at_start(head: bytes) -> bool:
    """A DICOM data set written without its preamble starts with a little-endian tag of group
    0002 or 0008 followed by an explicit VR (two capitals) or a short implicit length."""
    if len(head) < 8 or head[:2] not in (b"\x02\x00", b"\x08\x00") or head[3:4] != b"\x00":
        return False
    vr = head[4:6]
    if vr.isalpha() and vr.isupper():
        return True
    return int.from_bytes(head[4:8], "little") < 1024
