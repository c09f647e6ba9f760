"""HTML manuscripts and tables: hand-written pages, pandas ``DataFrame.to_html()``, tables
pasted into Markdown.

Parsed with the standard library's ``html.parser``, which never fails on broken markup: an
unclosed ``<td>`` or ``<tr>`` ends where the next one starts, as browsers read it. Each
``<table>`` becomes one `Table`, with its ``<caption>`` and the source line of each row. A
table inside a table cell is a table of its own; the table around it lays out a page and
is not read (its text would be the inner tables' text again). Scripts and styles are not
read.

The text is read block by block (paragraphs, list items, headings ``<h1>``-``<h6>``,
captions, ``<pre>``, comments) with its tags dropped; columns are not kept, lines are: a
block keeps the line breaks of its source, tags spanning lines included. The byline is in
``<meta name="author">`` and ``<meta name="citation_author">``.

The helpers at the end (`document_table`, `name_tables`) are shared by every reader of tables
inside documents (Markdown, LaTeX, notebooks): rows are numbered within the table from 1, the
header row first, and each row keeps the line it was written on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from outscan.documents import Part, Table, TextDocument
from outscan.readers.plain import Draft, assign_parts, heading_draft, prose_draft, split_names, unique
from outscan.readers.text_encoding import read_text
from outscan.tables.layout import find_table

# Spans beyond these are typing errors or attacks on memory, not tables.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 10_000
_SKIPPED_CONTENT = {"script", "style", "template"}
_WHITESPACE = re.compile(r"\s+")


def read_html(path: Path) -> list[Table]:
    text, encoding = read_text(path)
    tables = html_tables(text)
    for table in tables:
        table.source_encoding = encoding
    return tables


def read_html_document(path: Path) -> list:
    """An HTML manuscript: its text (one `TextDocument`), then its tables."""
    text, encoding = read_text(path)
    document, tables = html_document(text)
    document.source_encoding = encoding
    for table in tables:
        table.source_encoding = encoding
    return [document, *tables]


def html_document(html: str) -> tuple[TextDocument, list[Table]]:
    sources = html_table_sources(html)
    tables = name_tables([source.table for source in sources if source.table])
    prose = _ProseParser()
    prose.read(html)
    blocks = assign_parts([*prose.drafts, *table_drafts(sources)])
    return TextDocument(blocks, authors=unique(prose.authors)), tables


def html_drafts(html: str, line_offset: int = 0) -> list[Draft]:
    """The text of HTML inside another file (a Markdown block); `line_offset` as for `html_tables`.
    Table cells are not in it: `table_drafts` gives them, row by row."""
    prose = _ProseParser(line_offset)
    prose.read(html)
    return prose.drafts


def html_tables(html: str, line_offset: int = 0) -> list[Table]:
    """The tables of an HTML text; `line_offset` is added to its line numbers (1-based within `html`).

    For HTML that sits inside another file (a Markdown block, a notebook output), pass the
    number of lines above it, so that each row's line is the line of the whole file.
    """
    return name_tables([source.table for source in html_table_sources(html, line_offset) if source.table])


def html_table_sources(html: str, line_offset: int = 0) -> list[TableSource]:
    """Every ``<table>`` with the rows it was read from; a layout table (one holding tables)
    has rows but no `Table`: its data are in the tables inside it."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    sources = []
    for built in sorted(parser.finished, key=lambda b: b.order):
        rows = built.grid(line_offset)
        table = None if built.holds_tables else document_table(rows, built.caption_text(),
                                                                header_known=built.header_rows() > 0)
        sources.append(TableSource(table, rows))
    return sources


def clean_text(text: str) -> str:
    """Cell text as a reader sees it: runs of whitespace (newlines, non-breaking spaces) as one space."""
    return _WHITESPACE.sub(" ", text).strip()


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1


@dataclass
class _Row:
    line: int
    header: bool  # in <thead>, or a row of <th> cells only
    cells: list[_Cell] = field(default_factory=list)
    all_th: bool = True


@dataclass
class _TableBuilder:
    order: int
    rows: list[_Row] = field(default_factory=list)
    caption: list[str] | None = None
    in_caption: bool = False
    holds_tables: bool = False  # a layout table: its data are in the tables inside it
    section: str = ""
    cell: _Cell | None = None
    row: _Row | None = None

    def caption_text(self) -> str | None:
        text = clean_text("".join(self.caption or ()))
        return text or None

    def grid(self, line_offset: int) -> list[tuple[int, tuple[str, ...]]]:
        """(source line, cells) per row, with spans laid out as a spreadsheet lays out merged cells.

        A cell spanning columns holds its text in its first column and leaves the others
        empty, as a CSV export writes a spanning header ("", "Male", "", "Female", ""),
        which is how the table layout recognises stacked headers; a cell spanning rows
        gives its text to each data row it covers (the row label of every row), but not to
        the header rows below it, where it would be read twice ("Stage Stage").
        """
        pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
        out: list[tuple[int, tuple[str, ...]]] = []
        header_rows = self.header_rows()
        for index, row in enumerate(self.rows):
            is_header = index < header_rows
            cells: dict[int, str] = {}
            column = 0

            def take_pending(col: int) -> bool:
                if col not in pending:
                    return False
                left, text = pending[col]
                cells[col] = "" if is_header else text
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (left - 1, text)
                return True

            for cell in row.cells:
                while take_pending(column):
                    column += 1
                text = clean_text("".join(cell.text))
                cells[column] = text
                for extra in range(1, cell.colspan):
                    cells.setdefault(column + extra, "")
                if cell.rowspan > 1:
                    for extra in range(cell.colspan):
                        pending[column + extra] = (cell.rowspan - 1, text if extra == 0 else "")
                column += cell.colspan
            for col in sorted(c for c in pending if c >= column):
                take_pending(col)
            width = max(cells, default=-1) + 1
            out.append((row.line + line_offset, tuple(cells.get(i, "") for i in range(width))))
        return _fold_index_names(out, header_rows)

    def header_rows(self) -> int:
        """Rows in <thead>, else the leading rows made of <th> cells only."""
        count = 0
        for row in self.rows:
            if not row.header and not (row.all_th and row.cells):
                break
            count += 1
        return count


def _fold_index_names(rows: list[tuple[int, tuple[str, ...]]], header_rows: int) -> list[tuple[int, tuple[str, ...]]]:
    """pandas writes the index's name on a header row of its own, under the column labels:

        <tr><th></th><th>Male</th><th>Female</th></tr>
        <tr><th>Stage</th><th></th><th></th></tr>

    That row is the header of the index column; it is folded into the header row above it,
    so the table reads as "Stage, Male, Female" and the stacked headers above stay whole.
    """
    if header_rows < 2:
        return rows
    names = rows[header_rows - 1][1]
    above = rows[header_rows - 2][1]
    filled = [i for i, text in enumerate(names) if text]
    if not filled or filled != list(range(len(filled))):
        return rows
    if any(i < len(above) and above[i] for i in filled) or any(i >= len(above) for i in filled):
        return rows
    merged = tuple(names[i] if i in filled else text for i, text in enumerate(above))
    return [*rows[:header_rows - 2], (rows[header_rows - 2][0], merged), *rows[header_rows:]]


class _TolerantParser(HTMLParser):
    """html.parser, except that a malformed ``<![...`` section is skipped rather than raised
    (Python before 3.13 asserts on it)."""

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1


class _TableParser(_TolerantParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[_TableBuilder] = []
        self.finished: list[_TableBuilder] = []
        self.skipping = 0
        self.count = 0

    # The innermost open table receives what is read.
    @property
    def table(self) -> _TableBuilder | None:
        return self.open[-1] if self.open else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_CONTENT:
            self.skipping += 1
            return
        if tag == "table":
            if self.open:
                self.open[-1].holds_tables = True
            self.open.append(_TableBuilder(order=self.count))
            self.count += 1
            return
        table = self.table
        if table is None:
            return
        if tag == "caption":
            table.caption, table.in_caption = [], True
        elif tag in ("thead", "tbody", "tfoot"):
            self._end_row(table)
            table.section = tag
        elif tag == "tr":
            self._start_row(table)
        elif tag in ("td", "th"):
            if table.row is None:
                self._start_row(table)
            self._end_cell(table)
            values = dict(attrs)
            table.cell = _Cell(colspan=_span(values.get("colspan"), _MAX_COLSPAN),
                               rowspan=_span(values.get("rowspan"), _MAX_ROWSPAN))
            table.row.cells.append(table.cell)
            table.row.all_th = table.row.all_th and tag == "th"
        elif tag in ("br", "p", "div", "li"):
            self._add(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        table = self.table
        if table is None:
            return
        if tag == "table":
            self._end_row(table)
            self.finished.append(self.open.pop())
        elif tag == "caption":
            table.in_caption = False
        elif tag in ("td", "th"):
            self._end_cell(table)
        elif tag == "tr":
            self._end_row(table)
        elif tag in ("thead", "tbody", "tfoot"):
            self._end_row(table)
            table.section = ""

    def handle_data(self, data: str) -> None:
        self._add(data)

    def close(self) -> None:
        super().close()
        while self.open:  # unclosed tables end with the text
            table = self.open.pop()
            self._end_row(table)
            self.finished.append(table)

    def _add(self, text: str) -> None:
        table = self.table
        if self.skipping or table is None:
            return
        if table.cell is not None:
            table.cell.text.append(text)
        elif table.in_caption and table.caption is not None:
            table.caption.append(text)

    def _start_row(self, table: _TableBuilder) -> None:
        self._end_row(table)
        table.in_caption = False
        table.row = _Row(line=self.getpos()[0], header=table.section == "thead")
        table.rows.append(table.row)

    @staticmethod
    def _end_cell(table: _TableBuilder) -> None:
        table.cell = None

    def _end_row(self, table: _TableBuilder) -> None:
        self._end_cell(table)
        table.row = None


def _span(value: str | None, limit: int) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        return 1
    return min(max(number, 1), limit)


# --- the text ------------------------------------------------------------------------------

# Elements that end the block before them and start one of their own.
_BLOCK_ELEMENTS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section", "article", "header",
                   "footer", "nav", "aside", "main", "figure", "address", "hr", "body", "html", "head", "form",
                   "fieldset", "details", "summary", "tr", "td", "th", "thead", "tbody", "tfoot", "center"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose text is a block of a kind of its own.
_ROLES = {**dict.fromkeys(_HEADINGS, "heading"), "caption": "caption", "figcaption": "caption", "pre": "code",
          "title": "title"}
# <meta name=...> that names an author; True where the value is one name, surname first ("Doe, Jane").
_AUTHOR_META = {"author": False, "dc.creator": False, "dcterms.creator": False, "citation_author": True}


@dataclass
class _PendingBlock:
    """The text of the block being read, with line breaks added wherever its source broke a line
    inside a tag, so that each piece stays on its own line."""

    line: int
    role: str
    pieces: list[str] = field(default_factory=list)
    newlines: int = 0

    def add(self, text: str, line: int) -> None:
        gap = line - (self.line + self.newlines)
        if gap > 0:
            self.pieces.append("\n" * gap)
            self.newlines += gap
        self.pieces.append(text)
        self.newlines += text.count("\n")


class _ProseParser(_TolerantParser):
    def __init__(self, line_offset: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset
        self.drafts: list[Draft] = []
        self.authors: list[str] = []
        self.skipping = 0
        self.tables = 0  # cells are read by the table parser; only captions are read here
        self.in_head = False
        self.roles: list[str] = []  # open elements that give text a role, innermost last
        self.pending: _PendingBlock | None = None

    def read(self, html: str) -> None:
        """Feed the whole text; a comment never closed runs to the end, as browsers read it."""
        unclosed = html.rfind("<!--")
        if unclosed >= 0 and html.find("-->", unclosed + 4) < 0:
            self.feed(html[:unclosed])
            self.close()
            self._comment(html[unclosed + 4:], html.count("\n", 0, unclosed) + 1 + self.line_offset)
            return
        self.feed(html)
        self.close()

    def close(self) -> None:
        super().close()
        self._flush()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_CONTENT:
            self.skipping += 1
        elif tag == "meta":
            self._meta(dict(attrs))
        elif tag == "table":
            self._flush()
            self.tables += 1
        elif tag in _ROLES:
            self._flush()
            self.roles.append(tag)
        elif tag in _BLOCK_ELEMENTS:
            self._flush()
            self.in_head = tag == "head" or (self.in_head and tag != "body")
            while self.roles and self.roles[-1] in _HEADINGS:  # a heading holds no blocks: it was left open
                self.roles.pop()
        elif tag == "br" and self.pending is not None:
            self.pending.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table":
            self._flush()
            self.tables = max(0, self.tables - 1)
        elif tag in _ROLES:
            self._flush()
            if tag in self.roles:
                del self.roles[len(self.roles) - 1 - self.roles[::-1].index(tag)]
        elif tag in _BLOCK_ELEMENTS:
            self._flush()
            self.in_head = self.in_head and tag != "head"

    def handle_data(self, data: str) -> None:
        if self.skipping or not self._reading():
            return
        line = self.getpos()[0] + self.line_offset
        if self.pending is None:
            text = data.lstrip()
            if not text:
                return
            line += data.count("\n", 0, len(data) - len(text))
            self.pending = _PendingBlock(line, self._role())
            data = text
        self.pending.add(data, line)

    def handle_comment(self, data: str) -> None:
        if not self.skipping:
            self._comment(data, self.getpos()[0] + self.line_offset)

    def _comment(self, data: str, line: int) -> None:
        text = data.lstrip()
        if text.strip():
            line += data.count("\n", 0, len(data) - len(text))
            self.drafts.append(Draft(text.rstrip(), line, part=Part.COMMENT, label="comment"))

    def _role(self) -> str:
        return _ROLES[self.roles[-1]] if self.roles else "text"

    def _reading(self) -> bool:
        if self.tables:
            return "caption" in self.roles
        return not self.in_head or "title" in self.roles

    def _meta(self, values: dict[str, str | None]) -> None:
        name = (values.get("name") or "").strip().lower()
        if name in _AUTHOR_META:
            self.authors.extend(split_names(values.get("content") or "", surname_first=_AUTHOR_META[name]))

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        text = "".join(pending.pieces).rstrip() if pending else ""
        if not text:
            return
        if pending.role == "heading":
            self.drafts.append(heading_draft(text, pending.line))
        elif pending.role == "text":
            self.drafts.append(prose_draft(text, pending.line))
        else:
            part = {"caption": Part.CAPTION, "code": Part.CODE, "title": Part.FRONT}[pending.role]
            self.drafts.append(Draft(text, pending.line, part=part))


# --- shared by the readers of tables inside documents -------------------------------------

_CAPTION_LABEL = re.compile(
    r"^\s*(?:Table|TABLE)\s+(?P<label>[A-Z]{0,2}\d+[A-Za-z]?(?:[.-]\d+)?|[IVXLC]+)(?=$|[\s.:|\u2013\u2014-])")


@dataclass
class TableSource:
    """A table inside a document and the rows it was read from: (source line, cells), header
    first. `table` is None where the rows hold no table (a layout table, a blank one)."""

    table: Table | None
    rows: list[tuple[int, tuple[str, ...]]]


def table_drafts(sources: list[TableSource]) -> list[Draft]:
    """One TABLE draft per row with text: its cells joined by " | ", at its source line, with
    the table's name (set by `name_tables`) as its label."""
    return [Draft(" | ".join(cells), line, part=Part.TABLE, label=source.table.name if source.table else None)
            for source in sources for line, cells in source.rows if any(cell.strip() for cell in cells)]


def document_table(rows: list[tuple[int, tuple[str, ...]]], caption: str | None,
                   header_known: bool = False) -> Table | None:
    """A table inside a document from its rows (source line, cell texts), header first.

    Rows are numbered within the table from 1, so the header is row 1; `line_of_row` maps
    each number back to its line. Title, header, data and notes are found by the same
    layout rules as for CSV and XLSX files. `header_known` says the markup marks row 1 as
    a header (a pipe table's first row, ``<thead>``, the row above ``\\midrule``): a header
    with one label ("", "cases": a pandas index and one column) is then not taken for a title.
    """
    records = [(number, cells) for number, (_, cells) in enumerate(rows, start=1)]
    table = find_table(records)
    if table is None:
        return None
    if header_known and not any(table.header) and table.title_rows == (1,) and table.rows \
            and table.rows[0].number == 2:
        cells = records[0][1]
        table.header = tuple(cells[i].strip() if i < len(cells) else "" for i in range(table.width))
        table.header_rows, table.header_cells = (1,), (cells,)
        table.title, table.title_rows = (), ()
    table.line_of_row = {number: line for number, (line, _) in enumerate(rows, start=1)}
    table.caption = caption
    return table


def caption_name(caption: str | None) -> str | None:
    """"Table 3" for a caption that opens with its own label ("Table 3. Cases by stage")."""
    match = _CAPTION_LABEL.match(caption or "")
    return f"Table {match.group('label').rstrip('.')}" if match else None


def name_tables(tables: list[Table]) -> list[Table]:
    """Name each table by its caption's label, else "Table N" by its place in the document.

    Tables are put in document order (by their first line). A name already taken is
    followed by the table's line, so that every table of a file has a name of its own.
    """
    ordered = sorted(tables, key=lambda t: min(t.line_of_row.values(), default=0))
    taken: set[str] = set()
    for position, table in enumerate(ordered, start=1):
        name = caption_name(table.caption) or f"Table {position}"
        if name in taken:
            name = f"{name} (line {min(table.line_of_row.values(), default=0)})"
        taken.add(name)
        table.name = name
    return ordered
