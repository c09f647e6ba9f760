"""The count cells of a table, each with the row label a reader would name it by."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from outscan.documents import Table, TableRow
from outscan.masking import LABEL_WIDTH
from outscan.tables.cells import Cell, CellKind, parse_cell
from outscan.tables.columns import Role, column_profiles, row_is_summary
from outscan.tables.people import row_label_shown
from outscan.tables.records import record_level


@dataclass(frozen=True, slots=True)
class CountCell:
    row: TableRow
    column: int
    text: str
    cell: Cell
    row_label: str


def count_cells(table: Table, include_suppressed: bool = False) -> Iterator[CountCell]:
    """Cells that hold (or, with `include_suppressed`, hide) a count, in reading order."""
    cells = table.derived.get("count_cells")
    if cells is None:
        cells = table.derived["count_cells"] = list(_find_count_cells(table))
    if include_suppressed:
        return iter(cells)
    return (c for c in cells if c.cell.kind is CellKind.COUNT)


def is_section_heading(cells: tuple[str, ...]) -> bool:
    """A row with only a word in its first cell ("Sex", "Stage at diagnosis") heads a group."""
    return len(cells) > 1 and bool(cells[0].strip()) and not any(c.strip() for c in cells[1:]) \
        and parse_cell(cells[0]).kind is CellKind.TEXT


def _find_count_cells(table: Table) -> Iterator[CountCell]:
    if record_level(table) is not None:
        return  # one row per person: its numbers are a person's values, not counts of people (OS110)
    profiles = column_profiles(table)
    # Row labels name the row in messages: never an index, never a person's identifier.
    labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not (p.is_index or p.is_identifier)]
    counts = [i for i, p in enumerate(profiles) if p.role is Role.COUNT]
    if not counts:
        return
    section = ""
    for row in table.rows:
        cells = row.cells
        if is_section_heading(cells):
            section = cells[0].strip()  # "Age group" above its categories
            continue
        label = " / ".join(text for text in (row.get(i).strip() for i in labels) if text)
        if section and label:
            label = f"{section} / {label}"
        if row_is_summary(label):
            continue
        for column in counts:
            text = cells[column] if column < len(cells) else ""
            cell = parse_cell(text)
            # A range such as "1-10" in a count column is a marker saying what it hides.
            if cell.kind is CellKind.COUNT or cell.kind is CellKind.SUPPRESSED or cell.hidden_max is not None:
                yield CountCell(row, column, text, cell, label)


def row_label(table: Table, row_number: int, column: int) -> str:
    """The label a count (or hidden) cell's row is known by, "" when it has none."""
    labels = table.derived.get("row_labels")
    if labels is None:
        labels = table.derived["row_labels"] = {
            (item.row.number, item.column): item.row_label for item in count_cells(table, include_suppressed=True)}
    return labels.get((row_number, column), "")


def describe_cell(table: Table, row_number: int, column: int) -> str:
    """How a message names a cell: "'0-4 / Female' × 'Distant'", or just the column."""
    label = row_label_shown(table, row_label(table, row_number, column))
    name = table.column_label(column, LABEL_WIDTH)
    return f"'{label}' × '{name}'" if label else f"'{name}'"
