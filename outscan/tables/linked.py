"""Tables that give each other away: margins published apart, and nested cohorts.

A CDC WONDER user who exports deaths by race, by Hispanic origin, and by race x Hispanic
origin has published one cross-tab and its two margins in three files: each is safe
alone, and together they give back every suppressed cell. Likewise a table of the whole
cohort beside the same table without one subgroup publishes that subgroup by subtraction.
Tables are linked by what they share: label columns of the same name, whose values match,
and count columns of the same name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from outscan.documents import Table
from outscan.tables.columns import Role, column_profiles
from outscan.tables.structure import Equation, Structure, Unknown, build_structure, is_total_label

Key = tuple[int, int, int]  # (table index, row index, column index)


@dataclass(frozen=True)
class Shape:
    """What linking needs of a table: its label and count columns, by normalised header."""

    labels: dict[str, int]
    counts: dict[str, int]


def _normal(header: str) -> str:
    return " ".join(header.lower().split())


def shape(table: Table) -> Shape:
    profiles = column_profiles(table)
    labels, counts = {}, {}
    for column, profile in enumerate(profiles):
        name = _normal(table.column_name(column))
        if profile.role is Role.LABEL and not profile.is_index:
            if any(row.get(column).strip() for row in table.rows):  # an always-empty "Notes" links nothing
                labels[name] = column
        elif profile.role is Role.COUNT:
            counts[name] = column
    return Shape(labels, counts)


def _row_key(table: Table, row: int, columns: list[int]) -> tuple[str, ...]:
    return tuple(" ".join(table.rows[row].get(c).split()).lower() for c in columns)


def _is_total_row(table: Table, row: int, shape_: Shape) -> bool:
    return any(is_total_label(table.rows[row].get(c)) for c in shape_.labels.values())


def margin_equations(tables: list[Table], shapes: list[Shape], margin: int, detail: int) -> list[Equation]:
    """Each row of `margin` = the sum of the `detail` rows that share its labels, per shared count column."""
    a, b = shapes[margin], shapes[detail]
    shared = sorted(set(a.labels) & set(b.labels))
    if not shared or set(a.labels) - set(b.labels) or set(a.labels) == set(b.labels):
        return []
    counts = sorted(set(a.counts) & set(b.counts))
    if not counts:
        return []
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for r in range(len(tables[detail].rows)):
        if not _is_total_row(tables[detail], r, b):
            groups[_row_key(tables[detail], r, [b.labels[n] for n in shared])].append(r)
    equations = []
    for r in range(len(tables[margin].rows)):
        if _is_total_row(tables[margin], r, a):
            continue
        parts = groups.get(_row_key(tables[margin], r, [a.labels[n] for n in shared]), [])
        if len(parts) < 2:
            continue
        for name in counts:
            equations.append(Equation(
                (margin, r, a.counts[name]), tuple((detail, p, b.counts[name]) for p in parts), "linked table"))
    return equations


def sum_equations(tables: list[Table], shapes: list[Shape], margin: int, detail: int) -> list[Equation]:
    """A margin published as its own table: 'Stage, Total' beside 'Stage, Male, Female' (each
    total is the row's sum), or 'Sex, Cases' beside it (each row is a column's sum)."""
    a, b = shapes[margin], shapes[detail]
    if len(a.counts) != 1 or len(b.counts) < 2:
        return []
    (count_name, count_column), = a.counts.items()
    if count_name in b.counts:
        return []  # the same count in both: margin_equations' case
    rows_b = [r for r in range(len(tables[detail].rows)) if not _is_total_row(tables[detail], r, b)]
    equations: list[Equation] = []
    if a.labels and set(a.labels) == set(b.labels):
        names = sorted(a.labels)
        by_key = {_row_key(tables[detail], r, [b.labels[n] for n in names]): r for r in rows_b}
        for r in range(len(tables[margin].rows)):
            other = by_key.get(_row_key(tables[margin], r, [a.labels[n] for n in names]))
            if other is not None and not _is_total_row(tables[margin], r, a):
                equations.append(Equation((margin, r, count_column),
                                          tuple((detail, other, c) for c in b.counts.values()), "linked table"))
    elif len(a.labels) == 1:
        (label_column,) = a.labels.values()
        for r in range(len(tables[margin].rows)):
            name = _normal(tables[margin].rows[r].get(label_column))
            if name in b.counts and len(rows_b) >= 2:
                equations.append(Equation((margin, r, count_column),
                                          tuple((detail, other, b.counts[name]) for other in rows_b), "linked table"))
        if len(equations) < 2:
            return []  # one matching name may be chance
    return equations


def joint_structure(tables: list[Table], members: list[int], links: list[Equation]) -> Structure:
    """One structure over several tables: their own relations and the links between them."""
    joint = Structure()
    for t in members:
        own = build_structure(tables[t])
        joint.values.update({(t, *at): v for at, v in own.values.items()})
        for at, unknown in own.unknowns.items():
            joint.unknowns[(t, *at)] = Unknown((t, *at), unknown.marker, unknown.low, unknown.high, unknown.ambiguous)
        for e in own.equations:
            total = e.total if isinstance(e.total, int) else (t, *e.total)
            joint.equations.append(Equation(total, tuple((t, *p) for p in e.parts), e.kind))
    # A link through a cell that is neither printed nor hidden ("Not Applicable") says nothing.
    joint.equations.extend(e for e in links
                           if all(t in joint.values or t in joint.unknowns for t in (e.total, *e.parts)))
    return joint


def contradicted(structure: Structure, equations: list[Equation]) -> bool:
    """Whether a printed instance of these links fails to add up."""
    for e in equations:
        terms = [e.total, *e.parts]
        if all(t in structure.values for t in terms) and \
                structure.values[e.total] != sum(structure.values[p] for p in e.parts):
            return True
    return False


def consistent(structure: Structure, equations: list[Equation]) -> bool:
    """A link holds where every term is printed: printed margins that disagree are not margins."""
    checked = 0
    for e in equations:
        if e.kind != "linked table":
            continue
        terms = [e.total, *e.parts]
        if all(t in structure.values for t in terms):
            checked += 1
            if structure.values[e.total] != sum(structure.values[p] for p in e.parts):
                return False
    return checked > 0


@dataclass(frozen=True)
class Difference:
    """Cells of a nested pair: `outer` minus `inner` is a small group."""

    outer: int
    inner: int
    cells: tuple[tuple[int, int, str, int], ...]  # (row in outer, row in inner, count column name, difference)


def differences(tables: list[Table], shapes: list[Shape], outer: int, inner: int, is_small) -> Difference | None:
    """Same labels, same count columns, every cell of `outer` at least the matching cell of
    `inner`, some larger and at least half equal: `inner` is `outer` less a subgroup,
    published by subtraction."""
    a, b = shapes[outer], shapes[inner]
    if set(a.labels) != set(b.labels) or not a.labels or set(a.counts) != set(b.counts) or not a.counts:
        return None
    names = sorted(a.labels)
    rows_b = {_row_key(tables[inner], r, [b.labels[n] for n in names]): r for r in range(len(tables[inner].rows))}
    pairs, larger = [], False
    outer_structure, inner_structure = build_structure(tables[outer]), build_structure(tables[inner])
    for r in range(len(tables[outer].rows)):
        other = rows_b.get(_row_key(tables[outer], r, [a.labels[n] for n in names]))
        if other is None:
            continue
        for name in a.counts:
            x = outer_structure.values.get((r, a.counts[name]))
            y = inner_structure.values.get((other, b.counts[name]))
            if x is None or y is None:
                continue
            if x < y:
                return None  # not nested: another year, another place
            larger |= x > y
            pairs.append((r, other, name, x - y))
    # Nested tables repeat most of their cells (the subgroup touches a few categories); two
    # years or two cohorts with the same layout differ almost everywhere.
    equal = sum(1 for *_, d in pairs if d == 0)
    if not larger or len(pairs) < 2 or equal < len(pairs) / 2:
        return None
    small = tuple((r, o, c, d) for r, o, c, d in pairs if is_small(d) and d > 0)
    return Difference(outer, inner, small) if small else None
