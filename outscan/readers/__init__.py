"""Readers turn a file into documents; which reader is used depends on the file's kind.

A reader raises `ReadError` with a reason the user can act on; it never knows a check.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from outscan.readers.delimited import read_delimited
from outscan.readers.errors import ReadError
from outscan.readers.xlsx import read_xlsx

Reader = Callable[[Path], list]

READERS: dict[str, Reader] = {
    "csv": lambda path: read_delimited(path, ","),
    "tsv": lambda path: read_delimited(path, "\t"),
    "xlsx": read_xlsx,
}


def reader_for(kind: str) -> Reader | None:
    return READERS.get(kind)


__all__ = ["READERS", "ReadError", "reader_for"]
