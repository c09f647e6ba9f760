"""The count cells of a table, each with the row label a reader would name it by."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from outscan.documents import Table, TableRow
from outscan.tables.cells import Cell, CellKind, parse_cell
from outscan.tables.columns import Role, profile_columns, row_is_summary


@dataclass(frozen=True, slots=True)
class CountCell:
    row: TableRow
    column: int
    text: str
    cell: Cell
    row_label: str


def count_cells(table: Table, include_suppressed: bool = False) -> Iterator[CountCell]:
    """Cells that hold (or, with `include_suppressed`, hide) a count, in reading order."""
    profiles = table.derived.get("column_profiles")
    if profiles is None:
        profiles = table.derived["column_profiles"] = profile_columns(table)
    labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not p.is_index]
    counts = [i for i, p in enumerate(profiles) if p.role is Role.COUNT]
    section = ""
    for row in table.rows:
        filled = [i for i, text in enumerate(row.cells) if text.strip()]
        if filled == [0] and parse_cell(row.cells[0]).kind is CellKind.TEXT:
            section = row.cells[0].strip()  # "Age group" above its categories
            continue
        label = " / ".join(row.get(i).strip() for i in labels if row.get(i).strip())
        if section and label:
            label = f"{section} / {label}"
        if row_is_summary(label):
            continue
        for column in counts:
            text = row.get(column)
            cell = parse_cell(text)
            if cell.kind is CellKind.COUNT or (include_suppressed and cell.kind is CellKind.SUPPRESSED):
                yield CountCell(row, column, text, cell, label)
