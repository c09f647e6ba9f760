"""Find the files to scan and tell what each one is, by content as well as by name.

A workbook renamed ``.dat`` is still a workbook, a ``.csv`` full of binary is not a table,
and a DICOM file needs no ``.dcm``. Every file found is reported: a kind outscan cannot
read yet is listed as skipped, never dropped.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

IGNORE_FILE = ".outscanignore"

# Directories that are tooling, not outputs.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "__pycache__", ".ipynb_checkpoints", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", ".tox", ".nox", "node_modules", ".venv", "venv", ".eggs", "site-packages",
    ".idea", ".vscode",
})
SKIP_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", IGNORE_FILE})

_TEXT_KINDS_BY_SUFFIX = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".md": "markdown", ".markdown": "markdown", ".rst": "text", ".txt": "text", ".dat": "text",
    ".tex": "latex", ".html": "html", ".htm": "html", ".ipynb": "notebook",
    ".py": "code", ".r": "code", ".rmd": "code", ".qmd": "code", ".sas": "code", ".do": "code",
    ".sql": "code", ".sh": "code", ".jl": "code", ".m": "code", ".js": "code",
    ".json": "data", ".yaml": "config", ".yml": "config", ".toml": "config", ".cfg": "config",
    ".ini": "config", ".env": "config",
}
_BINARY_KINDS_BY_SUFFIX = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".docx": "docx", ".doc": "doc", ".pptx": "pptx",
    ".pdf": "pdf", ".dcm": "dicom", ".png": "image", ".jpg": "image", ".jpeg": "image",
    ".gif": "image", ".tif": "image", ".tiff": "image", ".svg": "image", ".parquet": "data",
    ".feather": "data", ".sas7bdat": "data", ".dta": "data", ".sav": "data", ".rds": "data",
    ".rdata": "data", ".pkl": "data", ".zip": "archive", ".gz": "archive",
}
_TABLE_TEXT_KINDS = {"csv", "tsv"}

_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"PAR1", "data"),
    (b"\x1f\x8b", "archive"),
    (b"\xd0\xcf\x11\xe0", "ole"),
    (b"\x7fELF", "binary"),
)


@dataclass(frozen=True)
class Candidate:
    """A file found by discovery: where it is, how to show it, what it is."""

    path: Path
    display: str  # relative, forward slashes: what the report shows
    kind: str
    problem: str | None = None  # set when name and content disagree, or it is empty


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "archive"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "archive"


def _looks_delimited(head: bytes) -> str | None:
    """A text file whose opening lines split into the same number of fields is a table.

    Only a run of lines must agree: CDC WONDER exports put a notes block after the table.
    """
    lines = [line for line in head.decode("latin-1").splitlines()[:40] if line.strip()]
    for delimiter, kind in (("\t", "tsv"), (",", "csv"), (";", "csv"), ("|", "csv")):
        run = longest = 0
        previous = None
        for line in lines:
            count = line.count(delimiter)
            run = run + 1 if count and count == previous else (1 if count else 0)
            previous = count
            longest = max(longest, run)
        if longest >= min(3, len(lines)) and longest >= 2:
            return kind
    return None


def classify(path: Path) -> tuple[str, str | None]:
    """(kind, problem). `problem` is set when the file cannot be what its name says."""
    suffix = path.suffix.lower()
    named = _TEXT_KINDS_BY_SUFFIX.get(suffix) or _BINARY_KINDS_BY_SUFFIX.get(suffix)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        return named or "unknown", f"cannot open: {exc.strerror or exc}"
    if size == 0:
        return named or "unknown", "empty file (0 bytes)"

    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        kind = _zip_kind(path)
        if kind == "archive" and named in ("xlsx", "docx", "pptx"):
            return named, None  # a damaged workbook: its reader says what is wrong
        return kind, None
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom", None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "ole":
                kind = named if named in ("xls", "doc") else "office-legacy"
            if named in _TABLE_TEXT_KINDS or named == "text":
                return named, f"named {suffix} but holds {kind} content"
            return kind, None
    if named in ("xlsx", "docx", "pptx"):
        return named, None  # not a ZIP at all: the reader reports it

    binary = b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if binary:
        if named in _TABLE_TEXT_KINDS or named in ("text", "markdown", "latex", "html"):
            return named, f"named {suffix} but holds binary content"
        return named or "binary", None

    if named == "text" or named is None:
        # Notebook JSON first: nbformat writes one key per line, each ending in a comma, which
        # reads as a one-column CSV. "nbformat" comes last, past the head of a big notebook,
        # but "cells" opens it.
        stripped = head.lstrip()
        if stripped.startswith(b"{") and (b'"nbformat"' in head or b'"cells"' in stripped[:64]):
            return "notebook", None
        delimited = _looks_delimited(head)
        if delimited:
            return delimited, None
    return named or "text", None


class _Ignore:
    """`.outscanignore` (gitignore syntax) at each scan root, plus --exclude globs."""

    def __init__(self, root: Path, excludes: Iterable[str]):
        self.root = root
        patterns: list[str] = []
        ignore_file = root / IGNORE_FILE if root.is_dir() else None
        if ignore_file is not None and ignore_file.is_file():
            patterns.extend(ignore_file.read_text(encoding="utf-8", errors="replace").splitlines())
        # --exclude comes last, so the file's "!keep.csv" cannot undo what the command line excludes.
        patterns.extend(excludes)
        self.spec = pathspec.GitIgnoreSpec.from_lines(patterns)

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            relative = path.name
        if is_dir:
            relative += "/"
        return self.spec.match_file(relative)


def display_path(path: Path, base: Path) -> str:
    """Relative to the working directory when inside it (as ruff and git show paths)."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def discover(roots: Iterable[Path], excludes: Iterable[str] = (), base: Path | None = None) -> Iterator[Candidate]:
    """Every file under `roots`, in a stable order, with its kind."""
    base = (base or Path.cwd()).absolute()
    excludes = list(excludes)
    seen: set[Path] = set()
    for root in roots:
        root = Path(root)
        ignore = _Ignore(root if root.is_dir() else root.parent, excludes)
        if root.is_file():
            files = [root]
        else:
            files = []
            for directory, dirnames, filenames in os.walk(root):
                here = Path(directory)
                dirnames[:] = sorted(
                    d for d in dirnames
                    if d not in SKIP_DIRS and not d.endswith(".egg-info")
                    and not _is_virtualenv(here / d) and not ignore.ignored(here / d, is_dir=True)
                )
                files.extend(here / name for name in sorted(filenames) if name not in SKIP_FILES)
        for path in files:
            if path != root and ignore.ignored(path):
                continue
            if root.is_file() and excludes and ignore.ignored(path):
                continue
            resolved = path.resolve()
            if resolved in seen or not path.is_file():
                continue
            seen.add(resolved)
            kind, problem = classify(path)
            yield Candidate(path=path, display=display_path(path, base), kind=kind, problem=problem)
