"""Table excerpts: the rows and columns a table's findings point at, masked, for the worksheet.

A reviewer judges a small count or a recoverable blank by seeing it in its table. The
excerpt is made at scan time (a report is re-rendered later without the files) and is
itself an output that may be shared: every cell goes through the report's masks (long
digit runs and full dates), and in a table whose rows are people (a record-level or
identifier finding on it) every word is cut to its first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from outscan.documents import Table
from outscan.masking import mask_digits, short
from outscan.model import Category, Finding, Location, TableExcerpt
from outscan.tables.columns import Role, profile_columns
from outscan.tables.records import record_level

# Enough to see a cell among its neighbours; a reviewer opens the file for the rest.
MAX_ROWS = 14
MAX_COLUMNS = 10
CONTEXT_ROWS = 1
_CELL_WIDTH = 24

# Findings that say a table's rows are people: their words are not shown.
_PEOPLE_CATEGORIES = frozenset({Category.INDIVIDUAL_RECORDS, Category.IDENTIFIER})
_WORD = re.compile(r"[^\W\d_]{2,}")


def _where(location: Location) -> Location:
    """A finding's table: its location without row, column or line."""
    return Location(sheet=location.sheet, table=location.table, page=location.page, paragraph=location.paragraph,
                    cell=location.cell, output=location.output)


def _points_at(finding: Finding, table: Table) -> bool:
    """A finding at a cell, a row or a column of the table, or about the whole table (a line list)."""
    location = finding.location
    if location.line is not None and location.row is None:
        return False  # text near a table in a document, not the table
    return _where(location) == _where(table.location())


def _column_index(table: Table, name: str | None) -> int | None:
    if name is None:
        return None
    for index in range(table.width):
        if table.column_name(index) == name:
            return index
    return None


def _rows_are_people(table: Table, profiles: list) -> bool:
    """A column that names a person or record (a name, an MRN, dates of birth), or a line list."""
    return any(p.is_identifier for p in profiles) or record_level(table) is not None


def _masked(text: str, people: bool, hidden: bool = False) -> str:
    shown = " ".join(text.split())
    if hidden:
        return short(_WORD.sub(lambda m: m.group()[0] + "***", re.sub(r"\d", "*", shown)), _CELL_WIDTH)
    shown = mask_digits(shown)
    if people:
        shown = _WORD.sub(lambda m: m.group()[0] + "***", shown)
    return short(shown, _CELL_WIDTH)


def table_excerpt(path: str, table: Table, findings: Iterable[Finding]) -> TableExcerpt | None:
    """The excerpt of one table for the findings that point into it, or None when none do."""
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
    profiles = profile_columns(table)
    people = any(f.category in _PEOPLE_CATEGORIES for f in mine) or _rows_are_people(table, profiles)
    # In a table of people, labels (names, IDs, dates of birth) are shown by their shape only.
    hidden = {c for c, p in enumerate(profiles) if people and p.role is Role.LABEL}

    flagged_rows = sorted({row for row, _ in flagged if row > 0})
    wanted: list[int] = []
    for number in flagged_rows:
        for near in range(number - CONTEXT_ROWS, number + CONTEXT_ROWS + 1):
            if near not in wanted:
                wanted.append(near)
    by_number = {row.number: row for row in table.rows}
    shown_rows = [by_number[n] for n in sorted(wanted) if n in by_number]
    if len(shown_rows) > MAX_ROWS:  # keep the flagged rows first, then their neighbours
        keep = set(flagged_rows[:MAX_ROWS])
        shown_rows = [row for row in shown_rows if row.number in keep]
    if not shown_rows:  # about the whole table: its first rows show what it is
        shown_rows = table.rows[:3]

    flagged_columns = sorted({column for _, column in flagged if column >= 0})
    columns = list(range(table.width))
    if len(columns) > MAX_COLUMNS:  # the label column, then the flagged ones and their neighbours
        chosen = {0}
        for column in flagged_columns:
            chosen.update(c for c in (column - 1, column, column + 1) if 0 <= c < table.width)
        columns = sorted(chosen)[:MAX_COLUMNS]
    return TableExcerpt(
        path=path,
        where=_where(table.location()),
        columns=tuple(_masked(table.column_name(c), False) for c in columns),
        column_numbers=tuple(columns),
        rows=tuple((row.number, tuple(_masked(row.get(c), people, c in hidden) for c in columns))
                   for row in shown_rows),
        flagged=frozenset(flagged),
    )


def excerpts_for(path: str, documents: Iterable[object], findings: list[Finding]) -> list[TableExcerpt]:
    """Every table of one file that a finding points into."""
    made = (table_excerpt(path, d, findings) for d in documents if isinstance(d, Table))
    return [excerpt for excerpt in made if excerpt is not None]
