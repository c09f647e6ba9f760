"""Readers turn a file into documents; which reader is used depends on the file's kind.

A reader raises `ReadError` with a reason the user can act on; it never knows a check.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from outscan.documents import Unchecked
from outscan.readers.delimited import read_delimited
from outscan.readers.errors import ReadError
from outscan.readers.xlsx import read_xlsx

Reader = Callable[[Path], list]


def _tables_of_a_document(module: str, function: str) -> Reader:
    """A manuscript's tables are checked; its prose is not yet, and the file's note says so.

    The reader's module is imported on first use: only scans of that kind pay for its parser.
    """

    def read(path: Path) -> list:
        tables = getattr(importlib.import_module(module), function)(path)
        count = f"{len(tables)} table{'' if len(tables) == 1 else 's'}"
        return [*tables, Unchecked(f"prose is not checked by this version; {count} read")]

    return read


READERS: dict[str, Reader] = {
    "csv": lambda path: read_delimited(path, ","),
    "tsv": lambda path: read_delimited(path, "\t"),
    "xlsx": read_xlsx,
    "markdown": _tables_of_a_document("outscan.readers.markdown", "read_markdown"),
    "html": _tables_of_a_document("outscan.readers.html", "read_html"),
    "latex": _tables_of_a_document("outscan.readers.latex", "read_latex"),
}


def reader_for(kind: str) -> Reader | None:
    return READERS.get(kind)


__all__ = ["READERS", "ReadError", "reader_for"]
