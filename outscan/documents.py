"""What readers produce and checks consume. A check sees documents, never files."""

from __future__ import annotations

from dataclasses import dataclass, field

from outscan.model import Location


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column names a spreadsheet shows."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int  # the row as a spreadsheet shows it (1-based, header included)
    cells: tuple[str, ...]

    def get(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""


@dataclass
class Table:
    """A table as published: header text per column, data rows with their spreadsheet row numbers.

    `title` holds the lines above the header (captions, "(N=180)"), `notes` the footnotes
    below it; later checks read both.
    """

    header: tuple[str, ...]
    rows: list[TableRow]
    header_rows: tuple[int, ...] = ()
    header_cells: tuple[tuple[str, ...], ...] = ()  # the header rows as written, before merging
    sheet: str | None = None
    title: tuple[str, ...] = ()
    title_rows: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    # Tables inside documents (Markdown, HTML, LaTeX): their name ("Table 2" or the
    # caption's first words) and the source line of each row; rows there are numbered
    # within the table, header first, and have no A1 reference.
    name: str | None = None
    line_of_row: dict[int, int] = field(default_factory=dict, repr=False)
    caption: str | None = None
    source_encoding: str | None = None
    # What could not be read in an otherwise readable table; the file is reported as an error.
    problems: list[str] = field(default_factory=list)
    # What checks work out about the table (column roles ...), computed once and shared.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def width(self) -> int:
        return len(self.header)

    def column_name(self, column: int) -> str:
        name = self.header[column].strip() if column < len(self.header) else ""
        return name or column_letter(column)

    def cell_ref(self, row: TableRow, column: int) -> str:
        return f"{column_letter(column)}{row.number}"

    def location(self, row: int | None = None, column: int | None = None) -> Location:
        """Where a finding about this table (a row, a column, a cell, or the whole) is."""
        in_document = bool(self.line_of_row) or self.name is not None
        return Location(
            sheet=self.sheet,
            table=self.name,
            row=row,
            column=self.column_name(column) if column is not None else None,
            cell_ref=f"{column_letter(column)}{row}" if row is not None and column is not None and not in_document
            else None,
            line=self.line_of_row.get(row) if row is not None else None,
        )

    def column_values(self, column: int):
        return (row.get(column) for row in self.rows)


@dataclass(frozen=True)
class Unchecked:
    """A part of a file that was read but that no check of this version reads (a manuscript's
    prose): no check sees it; the file is scanned, and its note says what was left unchecked."""

    note: str


@dataclass(frozen=True)
class TableSet:
    """Every table of a scan, with the path of its file: what checks that link tables read."""

    tables: tuple[tuple[str, Table], ...]
