"""Jupyter notebooks (``.ipynb``): every cell, every output, and the metadata.

A notebook is JSON, read with the standard library (nbformat 4, and the ``worksheets`` of
nbformat 3). What a reader of the published notebook sees is read:

- markdown cells as prose (their pipe and HTML tables as tables), in the part their
  headings put them in;
- code cells' source as code blocks (comments in code name people and paths too);
- outputs: ``text/html`` holding a ``<table>`` (pandas ``DataFrame.to_html``) and
  ``text/plain`` that is a pandas DataFrame or Series repr (``df.head()``,
  ``value_counts()``) as tables, their rows as table blocks as well; other text, streams
  and error tracebacks as prose;
- the notebook's and each cell's metadata (kernel, authors, paths) as a property block.

Images are not read (a figure is for a human to review). Every block carries its cell
(0-based) and its label says which output ("output 2", 0-based); tables are named after
their cell and output ("cell 3, output 1"), since a notebook's JSON lines mean nothing to
its reader.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from outscan.documents import Part, Table, TextBlock, TextDocument, Unchecked
from outscan.readers.errors import ReadError
from outscan.readers.html import document_table, html_drafts, html_table_sources

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
_PANDAS_SHAPE = re.compile(r"^\s*\[?\d[\d,]* rows\s*[x×]\s*\d[\d,]* columns\]?\s*$")
_SERIES_FOOTER = re.compile(r"^(?:(?:Name|Freq|Length): .*?, )*dtype: \S+\s*$")
_SERIES_NAME = re.compile(r"(?:^|, )Name: (?P<name>.*?)(?:, (?:Length|dtype|Freq): |$)")
_RULE_LINE = re.compile(r"^\s*[=\-_~*+|]{3,}\s*$")
_GUTTER = 2  # pandas separates columns by two spaces at least
# Metadata that says nothing about people: editor state, timings, widget state, language details.
_SKIPPED_METADATA = {"collapsed", "scrolled", "execution", "ExecuteTime", "widgets", "language_info",
                     "toc", "varInspector", "vscode", "editable", "deletable", "slideshow", "jupyter"}
_MAX_METADATA_CHARS = 20_000


def read_notebook(path: Path) -> list:
    """A notebook: its text (one `TextDocument`), then the tables of its cells and outputs."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read the notebook: {exc.strerror or exc}") from exc
    try:
        notebook = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError("not a readable notebook: the file is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(f"not a readable notebook: the JSON is broken ({exc.msg} at line {exc.lineno}, "
                        f"column {exc.colno}); open and save it in Jupyter, or restore it from version control") from exc
    except RecursionError as exc:
        raise ReadError("not a readable notebook: the JSON is nested too deeply") from exc
    cells = _cells(notebook)
    reader = _NotebookReader()
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    reader.metadata(metadata, None, "notebook metadata")
    for index, cell in enumerate(cells):
        if isinstance(cell, dict):
            reader.cell(index, cell)
    documents: list = [TextDocument(reader.blocks, authors=_authors(metadata)), *reader.tables]
    if reader.images:
        shown = ", ".join(reader.images[:5]) + (f" and {len(reader.images) - 5} more" if len(reader.images) > 5 else "")
        documents.append(Unchecked(f"{len(reader.images)} image output{'s' if len(reader.images) != 1 else ''} "
                                   f"not read ({shown}): review {'them' if len(reader.images) != 1 else 'it'} by eye"))
    return documents


def _cells(notebook: object) -> list:
    if not isinstance(notebook, dict):
        raise ReadError("not a Jupyter notebook: the JSON is not an object with 'cells'")
    if isinstance(notebook.get("cells"), list):
        return notebook["cells"]
    worksheets = notebook.get("worksheets")
    if isinstance(worksheets, list):  # nbformat 3
        return [cell for sheet in worksheets if isinstance(sheet, dict)
                for cell in (sheet.get("cells") if isinstance(sheet.get("cells"), list) else [])]
    raise ReadError("not a Jupyter notebook: the JSON has no 'cells' list")


def _text(value: object) -> str:
    """A notebook string: one string, or a list of lines (each with its own line break)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part for part in value if isinstance(part, str))
    return ""


def _authors(metadata: dict) -> tuple[str, ...]:
    authors = metadata.get("authors")
    if not isinstance(authors, list):
        return ()
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    return tuple(dict.fromkeys(n.strip() for n in names if isinstance(n, str) and n.strip()))


def _metadata_lines(value: object, key: str = "", depth: int = 0) -> list[str]:
    """'key: value' for each string (and number) in the metadata, nested keys joined by dots."""
    if depth > 20:
        return []
    if isinstance(value, dict):
        return [line for k, v in value.items() if str(k) not in _SKIPPED_METADATA
                for line in _metadata_lines(v, f"{key}.{k}" if key else str(k), depth + 1)]
    if isinstance(value, list):
        return [line for item in value for line in _metadata_lines(item, key, depth + 1)]
    if isinstance(value, str) and value.strip():
        return [f"{key}: {' '.join(value.split())}" if key else " ".join(value.split())]
    return []


class _NotebookReader:
    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.tables: list[Table] = []
        self.images: list[str] = []  # figures are for a human to review: where they are, not read

    def add(self, text: str, cell: int | None, part: Part, label: str | None = None) -> None:
        text = text.rstrip()
        if text.strip():
            self.blocks.append(TextBlock(text, cell=cell, part=part, label=label))

    def metadata(self, metadata: object, cell: int | None, label: str) -> None:
        lines = _metadata_lines(metadata)
        text = "\n".join(lines)[:_MAX_METADATA_CHARS]
        self.add(text, cell, Part.PROPERTY, label)

    def cell(self, index: int, cell: dict) -> None:
        kind = cell.get("cell_type")
        source = _text(cell.get("source", cell.get("input")))
        if kind == "markdown":
            self.markdown(index, source)
        elif kind == "code":
            self.add(source, index, Part.CODE, "code")
            outputs = cell.get("outputs")
            for number, output in enumerate(outputs if isinstance(outputs, list) else []):
                if isinstance(output, dict):
                    self.output(index, number, output)
        elif kind in ("raw", "heading"):
            self.add(source, index, Part.BODY)
        metadata = cell.get("metadata")
        if isinstance(metadata, dict) and metadata:
            self.metadata(metadata, index, "cell metadata")

    def markdown(self, index: int, source: str) -> None:
        from outscan.readers.markdown import markdown_document

        document, tables = markdown_document(source)
        for block in document.blocks:
            self.blocks.append(replace(block, line=None, cell=index))
        for number, table in enumerate(tables, start=1):
            name = f"cell {index}" if len(tables) == 1 else f"cell {index}, table {number}"
            self.tables.append(_placed(table, f"{name} ({table.name})" if table.name else name, index))

    def output(self, cell: int, number: int, output: dict) -> None:
        label = f"output {number}"
        kind = output.get("output_type")
        if kind == "stream":
            self.add(_ANSI.sub("", _text(output.get("text"))), cell, Part.BODY, label)
            return
        if kind in ("error", "pyerr"):
            traceback = output.get("traceback")
            lines = [_ANSI.sub("", line) for line in traceback if isinstance(line, str)] \
                if isinstance(traceback, list) else []
            if not lines:
                lines = [f"{output.get('ename', '')}: {output.get('evalue', '')}"]
            self.add("\n".join(lines), cell, Part.BODY, label)
            return
        data = output.get("data") if isinstance(output.get("data"), dict) else output  # nbformat 3: keys inline
        html = _text(data.get("text/html", data.get("html")))
        plain = _text(data.get("text/plain", data.get("text")))
        if any(key.startswith("image/") or key in ("png", "jpeg", "svg") for key in data):
            self.images.append(f"cell {cell} output {number}")
        if html and "<table" in html.lower():
            self.html_tables(cell, number, html)
            return
        if html:
            for draft in html_drafts(html):
                self.add(draft.text, cell, Part.BODY, label)
            return
        markdown = _text(data.get("text/markdown"))
        if markdown:
            self.add(markdown, cell, Part.BODY, label)
            return
        if plain:
            frame = frame_repr(plain)
            if frame is None:
                self.add(plain, cell, Part.BODY, label)
            else:
                self.table(cell, number, [frame], [frame])

    def html_tables(self, cell: int, number: int, html: str) -> None:
        sources = [s for s in html_table_sources(html) if s.table is not None]
        self.place(cell, number, [s.table for s in sources], [[cells for _, cells in s.rows] for s in sources])
        for draft in html_drafts(html):
            if not _PANDAS_SHAPE.match(draft.text):
                self.add(draft.text, cell, Part.BODY, f"output {number}")

    def table(self, cell: int, number: int, frames: list, rows: list) -> None:
        tables = [document_table(list(enumerate(frame, start=1)), None, header_known=True) for frame in frames]
        kept = [(t, r) for t, r in zip(tables, rows) if t is not None]
        self.place(cell, number, [t for t, _ in kept], [r for _, r in kept])
        if not kept:  # aligned text that holds no table after all: read it as text
            for frame in frames:
                self.add("\n".join("  ".join(cells) for cells in frame), cell, Part.BODY, f"output {number}")

    def place(self, cell: int, number: int, tables: list[Table], rows: list[list[tuple[str, ...]]]) -> None:
        for position, (table, table_rows) in enumerate(zip(tables, rows), start=1):
            name = f"cell {cell}, output {number}" + (f", table {position}" if len(tables) > 1 else "")
            self.tables.append(_placed(table, name, cell, number))
            for cells in table_rows:
                if any(c.strip() for c in cells):
                    self.blocks.append(TextBlock(" | ".join(cells), cell=cell, part=Part.TABLE, label=name))


def _placed(table: Table, name: str, cell: int, output: int | None = None) -> Table:
    table.name = name
    table.cell, table.output = cell, output
    table.line_of_row = {}  # lines of the JSON mean nothing to a notebook's reader; the name says where
    return table


# --- pandas reprs in text/plain -------------------------------------------------------


def frame_repr(text: str) -> list[tuple[str, ...]] | None:
    """The rows (header first) of a pandas DataFrame or Series as ``repr`` prints it, or None
    when the text is not one."""
    lines = [line.rstrip() for line in _ANSI.sub("", text).replace("\t", "    ").splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) < 2 or len(lines) > 5000 or any(_RULE_LINE.match(line) for line in lines):
        return None
    if _SERIES_FOOTER.match(lines[-1].strip()):
        return _series(lines[:-1], lines[-1].strip())
    if _PANDAS_SHAPE.match(lines[-1]):
        lines = lines[:-1]
        while lines and not lines[-1].strip():
            lines.pop()
    return _frame(lines)


def _columns(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each column: runs of characters between positions blank in every line.

    pandas right-aligns every column (its values and its label) and puts two spaces between
    columns, or one where a label is wider than the values below it ("name date of birth").
    So a gap of two blanks always parts columns; a gap of one parts them only when every
    line's text to its left ends right there, as an aligned column does; otherwise the
    blank is a space inside values ("John Smith").
    """
    width = max(len(line) for line in lines)
    used = [False] * width
    for line in lines:
        for i, ch in enumerate(line):
            if ch != " ":
                used[i] = True
    runs: list[tuple[int, int]] = []
    i = 0
    while i < width:
        if not used[i]:
            i += 1
            continue
        start = i
        while i < width and used[i]:
            i += 1
        runs.append((start, i))
    spans: list[tuple[int, int]] = []
    for start, end in runs:
        if spans and start - spans[-1][1] < _GUTTER and not _labelled_column(lines, spans[-1]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _labelled_column(lines: list[str], span: tuple[int, int]) -> bool:
    """The span is a column of its own: it has a label (first line) and values, and they all end at its end."""
    start, end = span
    return bool(lines[0][start:end].strip()) and any(line[start:end].strip() for line in lines[1:]) and \
        all(line[end - 1:end] not in ("", " ") for line in lines if line[start:end].strip())


def _cut(line: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    return tuple(line[start:end].strip() for start, end in spans)


def _frame(lines: list[str]) -> list[tuple[str, ...]] | None:
    chunks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    chunks = [c for c in chunks if c]
    wrapped = len(chunks) > 1
    if wrapped and not all(c[0].endswith("\\") for c in chunks[:-1]):
        return None
    merged: list[list[str]] | None = None
    index_columns = 1
    for chunk in chunks:
        if wrapped:
            chunk = [chunk[0][:-1].rstrip() if chunk[0].endswith("\\") else chunk[0], *chunk[1:]]
        rows = _chunk(chunk)
        if rows is None:
            return None
        if merged is None:
            merged = [list(r) for r in rows]
            index_columns = max(1, next((i for i, c in enumerate(rows[0]) if c), 1))
        else:
            if len(rows) != len(merged):
                return None
            for target, row in zip(merged, rows):
                target.extend(row[index_columns:])
    if merged is None:
        return None
    width = max(len(r) for r in merged)
    return [tuple(r) + ("",) * (width - len(r)) for r in merged]


def _chunk(lines: list[str]) -> list[tuple[str, ...]] | None:
    """One block of a DataFrame repr: the column header, maybe a line of index names, rows."""
    if len(lines) < 2:
        return None
    spans = _columns(lines)
    if len(spans) < 2:
        return None
    cut = [_cut(line, spans) for line in lines]
    header = list(cut[0])
    body = cut[1:]
    # Text in the index slot of the header is the columns' name (a crosstab's); pandas
    # then writes the index's name on a line of its own below.
    index_columns = next((i for i, c in enumerate(header) if c), 0) or 1
    if body and any(body[0][:index_columns]) and not any(body[0][index_columns:]):
        # the index's names on a line of their own, below the column labels
        for i in range(index_columns):
            name = body[0][i]
            header[i] = f"{header[i]} / {name}" if header[i] and name else header[i] or name
        body = body[1:]
    elif header[0]:
        return None  # a DataFrame's header leaves the index slot blank
    body = [row for row in body if not all(c in ("", "..", "...", "…") for c in row)]
    if not body or not all(row[0] or any(row[1:]) for row in body):
        return None
    if not any(header[1:]):
        return None
    return [tuple(header), *body]


def _series(lines: list[str], footer: str) -> list[tuple[str, ...]] | None:
    """A Series repr: index and value per line (an index name on a line of its own above),
    and the footer "Name: count, dtype: int64"."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return None
    match = _SERIES_NAME.search(footer)
    name = match.group("name").strip() if match else ""
    index_name = ""
    spans = _columns(lines)
    if len(spans) < 2:
        return None
    cut = [_cut(line, spans) for line in lines]
    names: tuple[str, ...] = ("",) * (len(spans) - 1)
    if any(cut[0]) and not cut[0][-1]:
        names = cut[0][:-1]
        cut = cut[1:]
    index_name = names[0]
    cut = [row for row in cut if not all(c in ("", "..", "...", "…") for c in row)]
    if not cut:
        return None
    values = [row[-1] for row in cut]
    counts = all(re.fullmatch(r"\d+", v) for v in values if v)
    if counts and not index_name and name and name.lower() not in ("count", "counts", "n", "size", "proportion"):
        # value_counts() before pandas 2: the Series is named after the column counted
        index_name, name = name, "count"
    header = (index_name, *names[1:], name or ("count" if counts else "value"))
    return [header, *cut]
