"""Find the files to scan and tell what each one is, by content as well as by name.

A workbook renamed ``.dat`` is still a workbook, a ``.csv`` full of binary is not a table,
and a DICOM file needs no ``.dcm``. Every file found is reported: a kind outscan cannot
read yet is listed as skipped, never dropped.
"""

from __future__ import annotations

import json
import os
import re
import stat
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from outscan.readers.sniff import dicom_data_set_at_start, dicom_preamble

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

# Model weights: these suffixes are a "model" only when the content (or, failing a
# signature, the name) says so; an HDF5 or .bin file may as well be data.
MODEL_SUFFIXES = frozenset({".pt", ".pth", ".ckpt", ".h5", ".hdf5", ".keras", ".onnx", ".safetensors", ".joblib",
                            ".tflite", ".pb", ".bin"})
_MODEL_NAME = re.compile(r"model|weights?|checkpoint|ckpt|pytorch|tf_model|saved_model|classifier|"
                         r"regressor|encoder|decoder|unet|resnet|bert|epoch", re.IGNORECASE)
_KERAS_MARKS = (b"model_config", b"keras_version", b"model_weights", b"layer_names")

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


# outscan's own JSON reports and decisions files: masked already, and not research outputs.
# Recognised by content and then only when the whole file is valid (a report against its
# schema, a decisions file entry by entry), so a marker pasted into a data file changes
# nothing; they are listed as not scanned. Worksheets (HTML, Markdown, CSV, XLSX) are
# outputs like any other: keep them out of the scanned tree or in .outscanignore.
OWN_REPORT = "outscan-report"
_OWN_REPORT_MARKS = re.compile(rb'\A\{\s*(?:"schema_version"|"format":\s*"outscan-decisions/|"\$schema":\s*"[^"]*sarif)')


def _own_report(path: Path, head: bytes) -> bool:
    if not _OWN_REPORT_MARKS.search(head.lstrip()):
        return False
    try:
        return _validated_own_report(path)
    except (AttributeError, TypeError, ValueError, KeyError):
        return False  # a data file that merely starts like ours: scanned as data


def _validated_own_report(path: Path) -> bool:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    if isinstance(data, dict) and str(data.get("format", "")).startswith("outscan-decisions/"):
        from outscan.decisions import decisions_problem

        return decisions_problem(data) is None
    if isinstance(data, dict) and "runs" in data:
        return _own_sarif(data)
    from outscan.report.json_report import schema_problem

    return isinstance(data, dict) and data.get("tool", {}).get("name") == "outscan" and schema_problem(data) is None


def _own_sarif(data: dict) -> bool:
    """A SARIF log of one outscan run and nothing else (what `--format sarif` writes)."""
    runs = data.get("runs")
    if set(data) - {"$schema", "version", "runs"} or data.get("version") != "2.1.0" or not isinstance(runs, list) \
            or len(runs) != 1 or not isinstance(runs[0], dict):
        return False
    driver = runs[0].get("tool", {}).get("driver", {})
    results = runs[0].get("results", [])
    return isinstance(driver, dict) and driver.get("name") == "outscan" and isinstance(results, list) \
        and all(isinstance(r, dict) and str(r.get("ruleId", "")).startswith("OS") for r in results)


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
    if any(name == "data.pkl" or name.endswith("/data.pkl") for name in names) or "model.weights.h5" in names:
        return "model"  # torch.save's archive (never unpickled here), a Keras 3 .keras file
    return "archive"


def model_evidence(name: str, head: bytes) -> str | None:
    """What says a file of a model suffix holds trained weights, or None.

    By content: a safetensors header (8-byte length, then JSON), HDF5 with Keras's
    attributes (or named .keras / like a model), an ONNX protobuf (field 1, ir_version),
    a TFLite flatbuffer ("TFL3"), GGUF, a legacy torch.save pickle. Failing a signature, a
    name such as ``model.bin``, ``weights.pt``, ``saved_model.pb``. `head` is the file's
    first bytes (64 KB is plenty); nothing is parsed beyond that.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in MODEL_SUFFIXES:
        return None
    named = bool(_MODEL_NAME.search(Path(name).stem))
    if len(head) >= 10 and suffix == ".safetensors":
        (length,) = struct.unpack("<Q", head[:8])
        if 2 <= length < 100_000_000 and head[8:9] == b"{":
            return "a safetensors header"
    if head.startswith(b"\x89HDF\r\n\x1a\n"):
        if suffix == ".keras" or named or any(mark in head for mark in _KERAS_MARKS):
            return "an HDF5 file of Keras model weights"
        return None
    if head.startswith(b"GGUF"):
        return "a GGUF model file"
    if suffix == ".tflite" and head[4:8] == b"TFL3":
        return "a TensorFlow Lite model"
    if suffix == ".onnx" and head[:1] == b"\x08" and (b"onnx" in head.lower() or named or b"\x12" in head[:16]):
        return "an ONNX model (protobuf)"
    if suffix in (".pt", ".pth", ".ckpt") and head[:1] == b"\x80":
        return "a torch.save pickle"
    if suffix == ".joblib" and b"sklearn" in head:
        return "a joblib pickle of a scikit-learn estimator"
    if named:
        return f"a {suffix} file named like model weights"
    return None


def _looks_delimited(head: bytes) -> str | None:
    """A text file whose opening lines split into the same number of fields is a table.

    Only a run of lines must agree (CDC WONDER exports put a notes block after the table);
    with commas, semicolons or bars it must be most of the lines read, or ten or more.
    Prose has commas too ("In 2015, 40 children, ..."): a run whose fields are clauses
    (four words or more, typically) is text, not a table.
    """
    lines = [line for line in head.decode("latin-1").splitlines()[:40] if line.strip()]
    for delimiter, kind in (("\t", "tsv"), (",", "csv"), (";", "csv"), ("|", "csv")):
        run: list[str] = []
        longest: list[str] = []
        previous = None
        for line in lines:
            count = line.count(delimiter)
            run = run + [line] if count and count == previous else ([line] if count else [])
            previous = count
            if len(run) > len(longest):
                longest = run
        # Tabs are a table's; but three lines with the same commas among forty are a byline or
        # an address block, not a table: such a run must be most of what was read, or long.
        enough = len(longest) >= min(3, len(lines)) if delimiter == "\t" else \
            len(longest) >= 10 or len(longest) >= max(min(3, len(lines)), 0.4 * len(lines))
        if enough and len(longest) >= 2 and not _clauses(longest, delimiter):
            return kind
    return None


def _clauses(lines: list[str], delimiter: str) -> bool:
    if delimiter == "\t":
        return False
    words = sorted(len(field.split()) for line in lines for field in line.split(delimiter))
    return words[len(words) // 2] >= 4


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
    if dicom_preamble(head):
        return "dicom", None
    if suffix in MODEL_SUFFIXES and model_evidence(path.name, head):
        return "model", None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "ole":
                kind = named if named in ("xls", "doc") else "office-legacy"
            if named in _TABLE_TEXT_KINDS or named == "text":
                return named, f"named {suffix} but holds {kind} content"
            return kind, None
    if named in ("xlsx", "docx", "pptx"):
        return named, None  # not a ZIP at all: the reader reports it

    if named is None and dicom_data_set_at_start(head):
        return "dicom", None
    binary = b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if binary:
        if named in _TABLE_TEXT_KINDS or named in ("text", "markdown", "latex", "html"):
            return named, f"named {suffix} but holds binary content"
        return named or "binary", None

    if _own_report(path, head):
        return OWN_REPORT, None
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


class IgnoreRules:
    """What not to scan: `.outscanignore` files (gitignore syntax) and exclude patterns.

    As with .gitignore, an ignore file applies to its own folder and below, a deeper one
    overriding a shallower one; exclude patterns (``--exclude``, ``[tool.outscan]
    exclude``) are anchored at the project root and have the last word.
    """

    def __init__(self, base: Path, excludes: Iterable[str] = ()):
        self.base = base.absolute()
        patterns = list(excludes)
        self.excludes = pathspec.GitIgnoreSpec.from_lines(patterns)
        self._has_excludes = bool(patterns)
        self._files: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        # Per (folder, top): the ignore files that apply to what the folder holds, each with the
        # folder it sits in, and the anchor of the exclude patterns. An archive has thousands
        # of files per folder: the chain is worked out once per folder, not once per file.
        self._chains: dict[tuple[Path, Path], tuple[list[tuple[str, pathspec.GitIgnoreSpec]], str]] = {}

    def _ignore_file(self, directory: Path) -> pathspec.GitIgnoreSpec | None:
        if directory not in self._files:
            path = directory / IGNORE_FILE
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else None
            self._files[directory] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self._files[directory]

    @staticmethod
    def _decide(spec: pathspec.GitIgnoreSpec, relative: str, decision: bool | None) -> bool | None:
        include = spec.check_file(relative).include
        return decision if include is None else include

    def _chain(self, folder: Path, top: Path) -> tuple[list[tuple[str, pathspec.GitIgnoreSpec]], str]:
        chain = self._chains.get((folder, top))
        if chain is None:
            specs = []
            for above in (*reversed(folder.parents), folder):
                if above == top or top in above.parents:
                    spec = self._ignore_file(above)
                    if spec is not None:
                        specs.append((above.as_posix(), spec))
            anchor = self.base if self.base == folder or self.base in folder.parents else top
            chain = self._chains[(folder, top)] = (specs, anchor.as_posix())
        return chain

    def ignored(self, path: Path, top: Path, is_dir: bool = False) -> bool:
        """Whether `path` is ignored; ignore files are read from `top` down to its folder."""
        path, top = path.absolute(), top.absolute()
        specs, anchor = self._chain(path.parent, top)
        if not specs and not self._has_excludes:
            return False
        text, suffix = path.as_posix(), "/" if is_dir else ""
        decision: bool | None = None
        for folder, spec in specs:
            decision = self._decide(spec, _below(text, folder) + suffix, decision)
        if self._has_excludes:
            decision = self._decide(self.excludes, _below(text, anchor) + suffix, decision)
        return bool(decision)

    def excluded(self, path: Path) -> bool:
        """For a file named on the command line: only exclude patterns apply, not ignore files."""
        path = path.absolute()
        anchor = self.base if self.base in path.parents else path.parent
        return bool(self.excludes.check_file(path.relative_to(anchor).as_posix()).include)


def _below(path: str, folder: str) -> str:
    """`path` relative to `folder`, both absolute POSIX paths, `path` inside `folder`."""
    return path[len(folder.rstrip("/")) + 1:]


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding .git or pyproject.toml, else `start`.

    Report paths are relative to it, so a finding's path (and fingerprint) is the same
    whichever folder of the project outscan runs from.
    """
    start = (start or Path.cwd()).absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists() or (folder / "pyproject.toml").is_file():
            return folder
    return start


def display_path(path: Path, base: Path, root: Path) -> str:
    """Relative to the project root when inside it, else to the folder above the scan root."""
    absolute = path.absolute()
    for anchor in (base, root.absolute().parent):
        try:
            return absolute.relative_to(anchor).as_posix()
        except ValueError:
            continue
    return path.name


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def discover(roots: Iterable[Path], excludes: Iterable[str] = (), base: Path | None = None) -> Iterator[Candidate]:
    """Every file under `roots`, in a stable order, with its kind."""
    base = (base or project_root()).absolute()
    rules = IgnoreRules(base, excludes)
    seen: set[str] = set()
    resolved_folders: dict[Path, str] = {}
    for root in roots:
        root = Path(root)
        if root.is_file():
            files = [] if rules.excluded(root) else [root]
        else:
            # Ignore files above the scan root count too, from the project root down.
            top = base if base in root.absolute().parents or base == root.absolute() else root
            files = []
            for directory, dirnames, filenames in os.walk(root):
                here = Path(directory)
                dirnames[:] = sorted(
                    d for d in dirnames
                    if d not in SKIP_DIRS and not d.endswith(".egg-info")
                    and not _is_virtualenv(here / d) and not rules.ignored(here / d, top, is_dir=True)
                )
                files.extend(here / name for name in sorted(filenames)
                             if name not in SKIP_FILES and not rules.ignored(here / name, top))
        shown_folders: dict[Path, str | None] = {}
        for path in files:
            # The same file met twice (two roots, a symbolic link) is scanned once: told by its
            # resolved path (two hard links are two published files, and stay two). A folder is
            # resolved once; only a file that is itself a link is resolved on its own.
            try:
                status = path.lstat()
                if stat.S_ISLNK(status.st_mode):
                    status, identity = path.stat(), str(path.resolve())
                else:
                    identity = os.path.join(_resolved(path.parent, resolved_folders), path.name)
            except (OSError, RuntimeError):
                continue  # a broken or looping link
            if identity in seen or not stat.S_ISREG(status.st_mode):
                continue
            seen.add(identity)
            kind, problem = classify(path)
            yield Candidate(path=path, display=_display(path, base, root, shown_folders), kind=kind, problem=problem)


def _resolved(folder: Path, known: dict[Path, str]) -> str:
    found = known.get(folder)
    if found is None:
        found = known[folder] = str(folder.resolve())
    return found


def _display(path: Path, base: Path, root: Path, shown_folders: dict[Path, str | None]) -> str:
    """display_path, worked out once per folder."""
    folder = path.parent
    if folder not in shown_folders:
        shown = display_path(folder / "_", base, root)
        shown_folders[folder] = shown[:-1] if shown.endswith("/_") or shown == "_" else None
    prefix = shown_folders[folder]
    return prefix + path.name if prefix is not None else display_path(path, base, root)
