"""A file as an artifact of a repository: its name, size and first bytes, never its parse.

Pickles are never loaded, archives never extracted; at most 128 KB of a file is read
(its first 64 KB and, when larger, its last 64 KB).
"""

from __future__ import annotations

from pathlib import Path

from outscan.documents import Artifact
from outscan.readers.errors import ReadError

CHUNK = 64 * 1024
TEXT_KINDS = frozenset({"code", "config", "text"})
# Data files written as text that may hold a connection string or token as much as a config does.
TEXT_DATA_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".xml", ".geojson"})


def read_artifact(path: Path, kind: str) -> list[Artifact]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(CHUNK)
            tail = b""
            if size > CHUNK:
                handle.seek(max(CHUNK, size - CHUNK))
                tail = handle.read(CHUNK)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    text = None
    if (kind in TEXT_KINDS or kind == "data" and path.suffix.lower() in TEXT_DATA_SUFFIXES) and b"\x00" not in head:
        text = head.decode("utf-8", errors="replace")
        if size > CHUNK:  # a cut line is not a line
            text = text.rsplit("\n", 1)[0]
    return [Artifact(name=path.name, suffix=path.suffix.lower(), kind=kind, size=size, head=head, tail=tail,
                     text=text)]


def read_text_artifact(path: Path) -> list[Artifact]:
    """A plain-text file as an artifact only when it could be a fixed-width extract (its first
    line 80 characters or more, three such lines at least): other text is prose alone."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
    except OSError:
        return []
    first = start.split(b"\n", 1)[0].rstrip(b"\r")
    if len(first) < 80 or start.count(b"\n") < 2 and len(start) < 3 * 80:
        return []
    return read_artifact(path, "text")
