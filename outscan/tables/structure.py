"""The arithmetic of a count table: which cells are totals of which, as equations.

A published table repeats itself: a "Total" column is the sum of the columns beside it,
a "Total" row the sum of the rows above, an indented sub-group sums to its parent, and a
"Cases (N=180)" header is what every complete group of rows adds up to. Each relation
that the printed numbers confirm becomes an equation over the table's cells, and a
suppressed cell becomes an unknown with the bounds its marker states. The audit
(``audit.py``) then asks what the equations reveal about each unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from outscan.documents import Table, TableRow
from outscan.tables.cells import Cell, CellKind, parse_cell
from outscan.tables.columns import Role
from outscan.tables.counts import column_profiles
from outscan.tables.columns import row_is_summary

_TOTAL_LABEL = re.compile(
    r"^\s*(?:grand\s+)?(?:total|totals|all|overall|sum|subtotal|sub-total|both sexes|all ages|all races|"
    r"all stages|all sites|all cases|all patients|n)\b",
    re.I,
)
_TOTAL_HEADER = re.compile(r"(?<![a-z])(?:total|all|overall|both sexes|all ages)(?![a-z])", re.I)
GROUP_SIZE = re.compile(r"(?<![A-Za-z0-9])[Nn]\s*=\s*(\d[\d,]*)(?![\d.])")

Cellref = tuple[int, int]  # (index into Table.rows, column index)


@dataclass(frozen=True)
class Unknown:
    """A suppressed cell: where it is, what its marker says, the bounds that follow."""

    at: Cellref
    marker: str
    low: int
    high: float  # float("inf") when the marker states no range
    ambiguous: bool


@dataclass(frozen=True)
class Equation:
    """total = sum(parts), over cell references; `kind` says which published relation it is."""

    total: Cellref | int  # a cell, or a constant (a header's N)
    parts: tuple[Cellref, ...]
    kind: str


@dataclass
class Structure:
    values: dict[Cellref, int] = field(default_factory=dict)
    unknowns: dict[Cellref, Unknown] = field(default_factory=dict)
    equations: list[Equation] = field(default_factory=list)
    shows_zeros: bool = False


def row_label_text(table: Table, row: TableRow, labels: list[int]) -> str:
    return " ".join(row.get(i).strip() for i in labels if row.get(i).strip())


def _indent(table: Table, row: TableRow, labels: list[int]) -> int:
    for i in labels:
        text = row.get(i)
        if text.strip():
            return len(text) - len(text.lstrip(" \u00a0\t"))
    return 0


def is_total_label(text: str) -> bool:
    return bool(_TOTAL_LABEL.match(text))


def build_structure(table: Table) -> Structure:
    """Cells, unknowns and the relations the printed numbers confirm."""
    cached = table.derived.get("structure")
    if cached is not None:
        return cached
    structure = Structure()
    profiles = column_profiles(table)
    labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not p.is_index]
    columns = [i for i, p in enumerate(profiles) if p.role is Role.COUNT]
    rows = [r for r in range(len(table.rows))
            if not row_is_summary(row_label_text(table, table.rows[r], labels))]

    cells: dict[Cellref, Cell] = {}
    for r in rows:
        for c in columns:
            cell = parse_cell(table.rows[r].get(c))
            if cell.kind is CellKind.COUNT and cell.value is not None:
                structure.values[(r, c)] = int(cell.value)
                structure.shows_zeros |= cell.value == 0
                cells[(r, c)] = cell
            elif cell.kind is CellKind.SUPPRESSED or cell.hidden_max is not None:
                cells[(r, c)] = cell
    for at, cell in cells.items():
        if at not in structure.values:
            # A range the marker states; zero is shown as 0 where the table prints zeros.
            low = 1 if structure.shows_zeros and cell.hidden_max is not None else 0
            high = float(cell.hidden_max) if cell.hidden_max is not None else float("inf")
            structure.unknowns[at] = Unknown(at, table.rows[at[0]].get(at[1]).strip(), low, high, cell.ambiguous)

    if structure.unknowns:  # nothing to audit in a table that hides nothing
        structure.equations += _total_columns(table, structure, rows, columns)
        structure.equations += _total_rows(table, structure, rows, columns, labels)
        structure.equations += _group_sizes(table, structure, rows, columns, labels)
    table.derived["structure"] = structure
    return structure


def _holds(structure: Structure, total: Cellref | int, parts: tuple[Cellref, ...]) -> bool | None:
    """True/False where every term is printed; None where a suppressed or blank cell is involved."""
    terms = ([total] if not isinstance(total, int) else []) + list(parts)
    if any(t not in structure.values for t in terms):
        return None
    value = total if isinstance(total, int) else structure.values[total]
    return value == sum(structure.values[p] for p in parts)


def _involved(structure: Structure, at: Cellref) -> bool:
    return at in structure.values or at in structure.unknowns


def _accept(structure: Structure, candidates: list[Equation], labelled: bool) -> list[Equation]:
    """A family of relations is kept when no printed instance contradicts it, and either a
    label names it or at least two fully printed instances confirm it."""
    checks = [_holds(structure, e.total, e.parts) for e in candidates]
    if any(result is False for result in checks):
        return []
    confirmed = sum(1 for result in checks if result)
    if labelled or confirmed >= 2:
        return [e for e, result in zip(candidates, checks) if result is None]
    return []


def _total_columns(table: Table, structure: Structure, rows: list[int], columns: list[int]) -> list[Equation]:
    found: list[Equation] = []
    for total in columns:
        labelled = bool(_TOTAL_HEADER.search(table.column_name(total)))
        others = [c for c in columns if c != total]
        left = [c for c in columns if c < total]
        right = [c for c in columns if c > total]
        for parts in (others, left, right):
            if len(parts) < 2:
                continue
            candidates = [
                Equation((r, total), tuple((r, c) for c in parts), "row total")
                for r in rows
                if _involved(structure, (r, total)) and all(_involved(structure, (r, c)) for c in parts)
            ]
            accepted = _accept(structure, candidates, labelled)
            if accepted or (candidates and any(_holds(structure, e.total, e.parts) for e in candidates)):
                found += accepted
                break
    return found


def row_blocks(table: Table, rows: list[int]) -> list[list[int]]:
    """Runs of rows between section headings ("Sex", "Stage at diagnosis")."""
    blocks: list[list[int]] = [[]]
    for r in rows:
        cells = table.rows[r].cells
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and cells and cells[0].strip() and parse_cell(cells[0]).kind is CellKind.TEXT:
            blocks.append([])
        else:
            blocks[-1].append(r)
    return [b for b in blocks if b]


def _total_rows(table: Table, structure: Structure, rows: list[int], columns: list[int],
                labels: list[int]) -> list[Equation]:
    found: list[Equation] = []
    for block in row_blocks(table, rows):
        totals = [r for r in block if is_total_label(row_label_text(table, table.rows[r], labels))
                  or any(is_total_label(table.rows[r].get(i)) for i in labels)]
        relations: list[tuple[int, list[int], bool]] = []
        start = 0
        for t in totals:
            position = block.index(t)
            above = [r for r in block[start:position] if r not in totals]
            below_end = next((block.index(n) for n in totals if block.index(n) > position), len(block))
            below = [r for r in block[position + 1:below_end] if r not in totals]
            relations.append((t, above, True))
            relations.append((t, below, True))
            relations.append((t, [r for r in block if r not in totals], True))  # a grand total
            start = position + 1
        relations += _indented(table, block, labels)
        for total, parts, labelled in relations:
            if len(parts) < 2:
                continue
            for column_family in _column_families(columns):
                candidates = [
                    Equation((total, c), tuple((r, c) for r in parts), "column total")
                    for c in column_family
                    if _involved(structure, (total, c)) and all(_involved(structure, (r, c)) for r in parts)
                ]
                found += _accept(structure, candidates, labelled)
    return _unique(found)


def _column_families(columns: list[int]) -> list[list[int]]:
    # Each column is its own family: a total row may hold in one column and not in a
    # rounded or derived neighbour.
    return [[c] for c in columns]


def _indented(table: Table, block: list[int], labels: list[int]) -> list[tuple[int, list[int], bool]]:
    """A row followed by more indented rows is their parent; the children are the next level."""
    relations = []
    indents = [_indent(table, table.rows[r], labels) for r in block]
    for i, r in enumerate(block):
        children = []
        child_indent = None
        for j in range(i + 1, len(block)):
            if indents[j] <= indents[i]:
                break
            child_indent = indents[j] if child_indent is None else child_indent
            if indents[j] == child_indent:
                children.append(block[j])
        if len(children) >= 2:
            relations.append((r, children, True))  # the indentation says it, as a label would
    return relations


def _group_sizes(table: Table, structure: Structure, rows: list[int], columns: list[int],
                 labels: list[int]) -> list[Equation]:
    """'Cases (N=180)': each complete group of rows in that column adds up to 180."""
    found: list[Equation] = []
    for c in columns:
        match = GROUP_SIZE.search(table.column_name(c))
        if not match:
            continue
        size = int(match.group(1).replace(",", ""))
        for block in row_blocks(table, rows):
            parts = tuple((r, c) for r in block if _involved(structure, (r, c))
                          and not is_total_label(row_label_text(table, table.rows[r], labels)))
            if len(parts) < 2:
                continue
            printed = [structure.values[p] for p in parts if p in structure.values]
            hidden = [structure.unknowns[p] for p in parts if p in structure.unknowns]
            # Categories are complete only when what is hidden can make up the rest.
            rest = size - sum(printed)
            if hidden and sum(u.low for u in hidden) <= rest <= sum(u.high for u in hidden):
                found.append(Equation(size, parts, "group size"))
    return found


def _unique(equations: list[Equation]) -> list[Equation]:
    seen, out = set(), []
    for e in equations:
        key = (e.total, frozenset(e.parts))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
