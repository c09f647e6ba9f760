"""Table excerpts: the rows and columns a table's findings point at, masked, for the worksheet.

A reviewer judges a small count or a recoverable blank by seeing it in its table. The
excerpt is made at scan time (a report is re-rendered later without the files) and is
itself an output that may be shared, so it is masked harder than the table checks' own
reading of it:

- every cell goes through the report's label masks: full dates (in digits or words) keep
  their year, long digit runs their last two digits, people's names become initials;
- in a table whose rows are people — a column of names, person IDs or personal dates, a
  line list, or any identifier or record-level finding in the same file — labels and
  personal values are shown by their shape only (``E*** W***``, ``**``, ``**/**/****``);
  what the table counts is shown as written, except in a line list, where every cell is
  a person's and only the flagged counts are shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from outscan.documents import Table
from outscan.masking import safe_label, short
from outscan.model import Finding, Location, TableExcerpt
from outscan.tables.columns import Role, column_profiles
from outscan.tables.people import findings_say_people, rows_may_be_people
from outscan.tables.records import record_level

# Enough to see a cell among its neighbours; a reviewer opens the file for the rest.
MAX_ROWS = 14
MAX_COLUMNS = 10
CONTEXT_ROWS = 1
_CELL_WIDTH = 24

_WORD = re.compile(r"[^\W\d_]{2,}")


def table_location(location: Location) -> Location:
    """The table a location is in: the location without row, column, cell reference or line."""
    return Location(sheet=location.sheet, table=location.table, page=location.page, paragraph=location.paragraph,
                    cell=location.cell, output=location.output)


def _points_at(finding: Finding, table: Table) -> bool:
    """A finding at a cell, a row or a column of the table, or about the whole table (a line list)."""
    location = finding.location
    if location.line is not None and location.row is None:
        return False  # text near a table in a document, not the table
    return table_location(location) == table_location(table.location())


def _column_index(table: Table, name: str | None) -> int | None:
    """The column a finding names; None (the whole row is marked) when masked headers look alike."""
    if name is None:
        return None
    matches = [index for index in range(table.width) if table.column_label(index) == name]
    return matches[0] if len(matches) == 1 else None


def _shape(text: str) -> str:
    """What a cell looks like, not what it says: letters after the first of a word and digits starred."""
    return _WORD.sub(lambda m: m.group()[0] + "***", re.sub(r"\d", "*", text))


def _cell(text: str, by_shape: bool) -> str:
    text = " ".join(text.split())
    return short(_shape(text) if by_shape else safe_label(text), _CELL_WIDTH)


def _a_flagged_count(text: str, row: int, column: int, flagged: set[tuple[int, int]]) -> bool:
    """The small count a finding points at: shown as written even in a table of people."""
    text = text.strip()
    return (row, column) in flagged and text.isdigit() and len(text) <= 4


def _by_shape(table: Table, people: bool) -> list[bool]:
    """Which columns are drawn by shape: in a table of people its labels and personal values,
    not what it counts; in a line list every column, for each row is a person's record."""
    if not people:
        return [False] * table.width
    if record_level(table) is not None:
        return [True] * table.width
    return [p.role is not Role.COUNT for p in column_profiles(table)]


def table_excerpt(path: str, table: Table, findings: Iterable[Finding], people: bool = False) -> TableExcerpt | None:
    """The excerpt of one table for the findings that point into it, or None when none do.

    `people`: the file is known to hold identifiers elsewhere, so this table's rows may be people.
    """
    mine = [f for f in findings if f.path == path and _points_at(f, table)]
    if not mine:
        return None
    flagged: set[tuple[int, int]] = set()
    for finding in mine:
        column = _column_index(table, finding.location.column)
        row = finding.location.row
        if row is not None:
            flagged.add((row, -1 if column is None else column))
        elif column is not None:
            flagged.add((0, column))  # a whole column: its header is marked
    people = people or findings_say_people(mine) or rows_may_be_people(table)
    by_shape = _by_shape(table, people)

    # The flagged rows first, then their neighbours, up to MAX_ROWS; in the table's order.
    flagged_rows = sorted({row for row, _ in flagged if row > 0})
    present = {row.number for row in table.rows}
    chosen = set(flagged_rows[:MAX_ROWS])
    for distance in range(1, CONTEXT_ROWS + 1):
        for number in flagged_rows:
            for near in (number - distance, number + distance):
                if len(chosen) < MAX_ROWS and near in present:
                    chosen.add(near)
    shown_rows = [row for row in table.rows if row.number in chosen] or table.rows[:3]  # whole table: its top

    flagged_columns = sorted({column for _, column in flagged if column >= 0})
    columns = list(range(table.width))
    if len(columns) > MAX_COLUMNS:  # the label column, then the flagged ones and their neighbours
        keep = {0}
        for column in flagged_columns:
            keep.update(c for c in (column - 1, column, column + 1) if 0 <= c < table.width)
        columns = sorted(keep)[:MAX_COLUMNS]
    return TableExcerpt(
        path=path,
        where=table_location(table.location()),
        # Headers as findings name their columns (Location.column), so a finding finds its column.
        columns=tuple(table.column_label(c) for c in columns),
        column_numbers=tuple(columns),
        width=table.width,
        rows=tuple((row.number, tuple(_cell(row.get(c), by_shape[c] and not _a_flagged_count(row.get(c), row.number,
                                                                                               c, flagged))
                                       for c in columns))
                   for row in shown_rows),
        flagged=frozenset(flagged),
    )


def excerpts_for(path: str, documents: Iterable[object], findings: list[Finding]) -> list[TableExcerpt]:
    """Every table of one file that a finding points into."""
    people = findings_say_people(f for f in findings if f.path == path)
    made = (table_excerpt(path, d, findings, people) for d in documents if isinstance(d, Table))
    return [excerpt for excerpt in made if excerpt is not None]
