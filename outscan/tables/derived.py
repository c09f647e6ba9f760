"""Counts that a table does not print but gives away: from a percentage and its N, a rate
and its population, or the rest of a group.

``<11 (3.3%)`` of ``Cases (N=180)`` is 6, whatever the marker says; ``2.2%`` in a column
of percentages of 180 patients is 4; ``177 (98.3%)`` of 180, the only row of its group,
leaves 3 for the group not shown; a crude rate of 2.6 per 100,000 over a population of
230,000 is 6 deaths. Each derivation keeps the rounding of the printed figure, so the
result is the set of whole counts that print that way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from outscan.documents import Table
from outscan.tables.cells import CellKind, parse_cell
from outscan.tables.columns import Role, column_profiles, row_is_summary
from outscan.tables.records import record_level
from outscan.tables.structure import GROUP_SIZE, label_texts, row_blocks, total_rows

_PERCENT_HEADER = re.compile(r"(?:^|\s)(?:%|\(%\)|percent(?:age)?|pct)(?:\s|$)", re.I)
_PER = re.compile(r"per\s*([\d][\d,. ]*\d|\d)", re.I)
_POPULATION = re.compile(r"(?<![a-z])(?:population|pop\.?|person[- ]years|denominator)(?![a-z])", re.I)
_EPS = 1e-9


@dataclass(frozen=True)
class Derived:
    row: int  # index into table.rows
    column: int
    low: int
    high: int
    how: str  # "3.3% of N=180"
    shown: str  # the cell as printed


def decimals(text: str) -> int:
    text = text.strip().rstrip("%").strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def whole_counts(value: float, places: int, scale: float) -> tuple[int, int] | None:
    """The whole counts n for which n / scale prints as `value` with `decimals` decimals."""
    half = 0.5 * 10 ** -places
    low = math.ceil((value - half) * scale - _EPS)
    high = math.floor((value + half) * scale + _EPS)
    low = max(low, 0)
    return (low, high) if low <= high else None


def _title_size(table: Table) -> int | None:
    lines = (*table.title, table.caption or "")  # a document table's N is often in its caption
    sizes = {int(m.group(1).replace(",", "")) for line in lines for m in GROUP_SIZE.finditer(line)}
    return sizes.pop() if len(sizes) == 1 else None


def _group_size(table: Table, labels: list[int], block: list[int], column: int) -> int | None:
    """N for a block of rows in a column: its total row, else the header's N=, else the title's."""
    for r in block:
        row = table.rows[r]
        if r in total_rows(table):
            cell = parse_cell(row.get(column))
            if cell.kind is CellKind.COUNT and cell.value:
                return int(cell.value)
    match = GROUP_SIZE.search(table.column_name(column))
    if match:
        return int(match.group(1).replace(",", ""))
    return _title_size(table)


def _percent_partner(table: Table, profiles, column: int) -> int | None:
    """The count column a percentage column belongs to: 'Male n' for 'Male %', or its left neighbour."""
    name = table.column_name(column)
    if not _PERCENT_HEADER.search(name) or profiles[column].role is Role.COUNT:
        return None
    prefix = _PERCENT_HEADER.sub(" ", name).strip()
    for candidate in (column - 1, column + 1):
        if 0 <= candidate < table.width and profiles[candidate].role is Role.COUNT:
            other = table.column_name(candidate)
            if candidate == column - 1 or (prefix and other.startswith(prefix)):
                return candidate
    return None


def derived_counts(table: Table) -> list[Derived]:
    """Every count the table gives away without printing it, with the range it comes to."""
    cached = table.derived.get("derived_counts")
    if cached is not None:
        return cached
    if record_level(table) is not None:
        table.derived["derived_counts"] = []
        return []
    profiles = column_profiles(table)
    labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not p.is_index]
    rows = [r for r in range(len(table.rows)) if not row_is_summary(label_texts(table)[r])]
    found = list(_from_shares(table, profiles, labels, rows)) + list(_from_rates(table, profiles, rows))
    table.derived["derived_counts"] = found
    return found


def _from_shares(table: Table, profiles, labels: list[int], rows: list[int]) -> Iterator[Derived]:
    counts = [c for c, p in enumerate(profiles) if p.role is Role.COUNT]
    partners = {c: _percent_partner(table, profiles, c) for c in range(table.width)}
    for block in row_blocks(table, rows):
        category_rows = [r for r in block if r not in total_rows(table)]
        for c in range(table.width):
            percent_column = partners[c] is not None or (
                profiles[c].role is not Role.COUNT and _PERCENT_HEADER.search(table.column_name(c)))
            if c not in counts and not percent_column:
                continue
            target = partners[c] if partners[c] is not None else c
            size = _group_size(table, labels, block, target)
            if not size:
                continue
            if partners[c] is not None and not _shares_of(table, category_rows, target, c, size):
                continue  # "% of county population" beside deaths: not shares of that count
            for r in category_rows:
                text = table.rows[r].get(c)
                cell = parse_cell(text)
                if c in counts:
                    if cell.kind is CellKind.SUPPRESSED and cell.share is not None:
                        share = cell.share  # "<11 (3.3%)": the share gives the count back
                    elif cell.kind is CellKind.COUNT and cell.form == "n_pct" and len(category_rows) == 1:
                        # The only category shown: the rest of the group is N - n.
                        rest = size - int(cell.value)
                        yield Derived(r, c, rest, rest, f"N={size} minus the {int(cell.value)} shown", text.strip())
                        continue
                    else:
                        continue
                else:
                    if cell.kind not in (CellKind.PERCENT, CellKind.NUMBER, CellKind.COUNT) or cell.value is None:
                        continue
                    printed = parse_cell(table.rows[r].get(target)) if partners[c] is not None else None
                    if printed is not None and printed.kind is CellKind.COUNT:
                        continue  # the count is printed beside it: small-count's business
                    share = cell.share or text.strip().rstrip("%").strip()
                value = float(share.replace(",", ""))
                counts_range = whole_counts(value, decimals(share), size / 100)
                if counts_range is not None:
                    yield Derived(r, target if c not in counts else c, *counts_range,
                                  f"{share}% of N={size}", text.strip())


def _shares_of(table: Table, rows: list[int], count: int, percent: int, size: int) -> bool:
    """Whether the percentages are this count's shares of N: every row that prints both agrees."""
    for r in rows:
        n, p = parse_cell(table.rows[r].get(count)), parse_cell(table.rows[r].get(percent))
        if n.kind is CellKind.COUNT and p.kind in (CellKind.PERCENT, CellKind.NUMBER, CellKind.COUNT) and p.value is not None:
            text = table.rows[r].get(percent).strip().rstrip("%").strip()
            bounds = whole_counts(p.value, decimals(text), size / 100)
            if bounds is None or not bounds[0] <= n.value <= bounds[1]:
                return False
    return True


def _from_rates(table: Table, profiles, rows: list[int]) -> Iterator[Derived]:
    populations = [c for c in range(table.width) if _POPULATION.search(table.column_name(c))]
    counts = [c for c, p in enumerate(profiles) if p.role is Role.COUNT and c not in populations]
    if len(populations) != 1 or not counts:
        return
    population = populations[0]
    for c in range(table.width):
        per = _PER.search(table.column_name(c))
        if not per or profiles[c].role is Role.COUNT:
            continue
        scale = float(re.sub(r"[ ,]", "", per.group(1)))
        numerator = _numerator(table, rows, counts, population, c, scale)
        if numerator is None:
            continue
        for r in rows:
            rate_text = table.rows[r].get(c).strip()
            rate = parse_cell(rate_text)
            pop = parse_cell(table.rows[r].get(population))
            hidden = parse_cell(table.rows[r].get(numerator)).kind is CellKind.SUPPRESSED
            if not hidden or rate.kind not in (CellKind.NUMBER, CellKind.COUNT) or pop.kind is not CellKind.COUNT:
                continue
            counts_range = whole_counts(rate.value, decimals(rate_text), pop.value / scale)
            if counts_range is not None:
                yield Derived(r, numerator, *counts_range,
                              f"a rate of {rate_text} per {per.group(1)} over a population of {int(pop.value):,}",
                              table.rows[r].get(numerator).strip())


def _numerator(table: Table, rows: list[int], counts: list[int], population: int, rate: int,
               scale: float) -> int | None:
    """The count column a rate is computed from: the one that gives the printed rate on every
    row where both are printed (the only count column, when no row can tell)."""
    fits = {c: 0 for c in counts}
    for r in rows:
        rate_text = table.rows[r].get(rate).strip()
        rate_cell, pop = parse_cell(rate_text), parse_cell(table.rows[r].get(population))
        if rate_cell.kind not in (CellKind.NUMBER, CellKind.COUNT) or pop.kind is not CellKind.COUNT or not pop.value:
            continue
        for c in list(fits):
            count = parse_cell(table.rows[r].get(c))
            if count.kind is not CellKind.COUNT:
                continue
            bounds = whole_counts(rate_cell.value, decimals(rate_text), pop.value / scale)
            if bounds is None or not bounds[0] <= count.value <= bounds[1]:
                del fits[c]  # this column's counts do not give the printed rates
            else:
                fits[c] += 1
        if not fits:
            return None
    confirmed = [c for c, n in fits.items() if n]
    if len(confirmed) == 1:
        return confirmed[0]
    return counts[0] if len(counts) == 1 and not confirmed else None
