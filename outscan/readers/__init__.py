"""Readers turn a file into documents; which reader is used depends on the file's kind.

A reader raises `ReadError` with a reason the user can act on; it never knows a check.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from outscan.readers.delimited import read_delimited
from outscan.readers.errors import ReadError
from outscan.readers.xlsx import read_xlsx

Reader = Callable[[Path], list]


def _lazy(module: str, function: str) -> Reader:
    """A manuscript reader, imported on first use: only scans of that kind pay for its parser.

    Manuscript readers return the text (one `TextDocument`) followed by the tables in it.
    """

    def read(path: Path) -> list:
        return getattr(importlib.import_module(module), function)(path)

    return read


def _artifact(kind: str, *before: Reader) -> Reader:
    """A file read as a repository artifact (code, configuration, data, weights), after any
    reader of its content: a plain-text file is prose and may be a fixed-width extract."""

    def read(path: Path) -> list:
        documents = [document for reader in before for document in reader(path)]
        artifact = importlib.import_module("outscan.readers.artifact")
        if kind == "text":
            return documents + artifact.read_text_artifact(path)
        return documents + artifact.read_artifact(path, kind)

    return read


READERS: dict[str, Reader] = {
    "csv": lambda path: read_delimited(path, ","),
    "tsv": lambda path: read_delimited(path, "\t"),
    "xlsx": read_xlsx,
    "markdown": _lazy("outscan.readers.markdown", "read_markdown_document"),
    "html": _lazy("outscan.readers.html", "read_html_document"),
    "latex": _lazy("outscan.readers.latex", "read_latex_document"),
    "text": _artifact("text", _lazy("outscan.readers.plain", "read_plain_document")),
    "docx": _lazy("outscan.readers.docx", "read_docx"),
    "pdf": _lazy("outscan.readers.pdf", "read_pdf"),
    "dicom": _lazy("outscan.readers.dicom", "read_dicom"),
    "notebook": _lazy("outscan.readers.notebook", "read_notebook"),
    "code": _artifact("code"),
    "config": _artifact("config"),
    "data": _artifact("data"),
    "model": _artifact("model"),
}


def reader_for(kind: str) -> Reader | None:
    return READERS.get(kind)


__all__ = ["READERS", "ReadError", "reader_for"]
