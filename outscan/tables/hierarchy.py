"""Hierarchical coded lists whose small rows are left out: what the parents give back.

Some exports list parent categories and their sub-categories in one column and drop the
rows they suppress instead of marking them. CDC WONDER does this with "Show Suppressed:
False" ("Rows with suppressed Deaths are hidden") and "Show Zero Values: False": in the
NCHS 130 Cause List a parent such as "Infections specific to the perinatal period
(P35-P39)" (GR130-105, 760) prints two of its three children (GR130-106, 603 and
GR130-108, 156); the missing GR130-107 is 760 - 759 = 1.

What this module relies on, and why:

- **The tree comes from the code ranges in the labels.** A label ending in ICD-10 codes
  ("Leukemia (C91-C95)", "... (A00-B99,U07.1)", "*U01" included), or a cell that is only
  codes ("C00-D48"), names a set of codes; a row whose set lies inside an earlier row's
  set is its descendant, and its parent is the smallest such row (the nearest one when
  two are equal). Parents are looked for above a row only: a hierarchical list reads top
  down, and the tree must then be the list's own order (every row's parent is the
  previous row or one of its ancestors), or nothing is inferred. Indentation and "#"
  marks say nothing reliable and are not used.
- **How many rows are hidden comes from the gaps in a running code** ("GR130-082",
  "GR130-084": one row, GR130-083, is missing). A list in this order is a pre-order walk
  of the tree, so the rows missing between two printed rows ``a`` and ``b`` are hidden
  children of ``a``, of its parents, ..., up to ``b``'s parent, in that order: between
  siblings they are siblings; at the end of a parent's block they may belong to the inner
  parent or to an outer one. Which split holds is left to the arithmetic (below); when
  several fit, every one is kept and what is reported holds for all of them. A run of
  missing codes may also nest (a hidden parent with its hidden children), so ``g``
  missing codes are 1 to ``g`` hidden rows. Rows missing after the last printed code are
  unknown in number: the parents still open there get any number of extra rows.
- **The ranges say where no row can hide, not how many do.** A parent whose printed
  children cover every code of its range has no hidden child. The part left uncovered is
  weak evidence the other way: ranges name codes that do not exist (P07.4-P07.9 under
  "P07"), and neighbouring hidden rows merge into one uncovered stretch, so the uncovered
  part is never used to count rows. In a list with no running code it is the only
  evidence that rows are hidden at all (their number is then unknown).
- **The notes say that rows are hidden and what they hold.** "Show Suppressed: False" or a
  note that rows are hidden/not shown; "Show Zero Values: False" adds zeros. A hidden row
  holds what the notes state ("counts between 1-9 ..."; ``stated_range``), else CDC
  WONDER's published rule (1-9) for a WONDER export, else at least 1. Without such a note
  a gap in the codes is only a list that leaves categories out, and nothing is inferred.
- **The arithmetic must hold.** Each parent is the sum of its children: parent minus the
  printed children is what its hidden rows add up to. A column where some parent is less
  than its printed children, or keeps a remainder that no hidden row can explain (rates,
  a population repeated on every row, rounded values), is left alone, and so is a column
  where no parent is confirmed by children that add up to it exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from outscan.documents import Table
from outscan.tables.cells import CellKind, parse_cell
from outscan.tables.columns import Role, column_profiles
from outscan.tables.structure import range_in, table_stated_range

_INF = float("inf")
_MAX_ROWS = 2000  # containment is quadratic; cause lists have about 150 rows
_MAX_READINGS = 50_000  # splits of the gaps tried per group of linked gaps

# ---------------------------------------------------------------- ICD-10 code ranges

_CODE = r"\*?([A-Z])(\d{2})(?:\.(\d{1,4}))?"
_ITEM = re.compile(rf"^{_CODE}(?:\s*[-–]\s*{_CODE})?$")
_TRAILING_GROUP = re.compile(r"\(([^()]*)\)\s*$")

Ranges = tuple[tuple[int, int], ...]  # merged, sorted, closed intervals on a line of codes


def _position(letter: str, number: str, decimals: str | None, end: bool) -> int:
    """A code as a point on one line: "C91" starts at C91.0000 and ends at C91.9999."""
    tail = (decimals or "").ljust(4, "9" if end else "0")
    return ((ord(letter) - 65) * 100 + int(number)) * 10_000 + int(tail)


def _merge(intervals) -> Ranges:
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def _parse_codes(text: str) -> Ranges | None:
    intervals = []
    for item in text.split(","):
        match = _ITEM.match(item.strip())
        if not match:
            return None
        first = match.group(1, 2, 3)
        last = match.group(4, 5, 6) if match.group(4) else first
        start, end = _position(*first, end=False), _position(*last, end=True)
        if end < start:
            return None
        intervals.append((start, end))
    return _merge(intervals) if intervals else None


def code_ranges(text: str) -> Ranges | None:
    """The ICD-10 codes a label names: its trailing "(A00-B99,U07.1)", or the whole cell."""
    text = text.strip().strip('"').strip()
    if not text or not any(ch.isdigit() for ch in text):
        return None
    match = _TRAILING_GROUP.search(text)
    if match:
        return _parse_codes(match.group(1))
    return _parse_codes(text)


def _within(inner: Ranges, outer: Ranges) -> bool:
    return all(any(s >= os and e <= oe for os, oe in outer) for s, e in inner)


def _measure(ranges: Ranges) -> int:
    return sum(e - s + 1 for s, e in ranges)


def _uncovered(outer: Ranges, parts: list[Ranges]) -> Ranges:
    """What of `outer` no part covers."""
    covering = _merge(interval for ranges in parts for interval in ranges)
    left = []
    for start, end in outer:
        cursor = start
        for s, e in covering:
            if e < cursor or s > end:
                continue
            if s > cursor:
                left.append((cursor, s - 1))
            cursor = max(cursor, e + 1)
        if cursor <= end:
            left.append((cursor, end))
    return tuple(left)


# ---------------------------------------------------------------- what the notes say

_SHOW = re.compile(r"show\s+(suppressed|zero\s+values)\s*:\s*(true|false)", re.I)
_ROWS_LEFT_OUT = re.compile(
    r"\b(?:rows?|categor(?:y|ies)|causes?|lines?|groups?)\b[^.;]*?"
    r"\b(?:hidden|omitted|not\s+(?:shown|displayed|listed|included)|left\s+out)\b",
    re.I,
)
_WONDER = re.compile(r"wonder\.cdc\.gov|cdc\s+wonder", re.I)
# CDC WONDER suppresses counts of one through nine ("Assurance of Confidentiality",
# wonder.cdc.gov/wonder/help/ucd.html); its exports do not repeat the numbers.
_WONDER_RANGE = (1, 9)


@dataclass(frozen=True)
class HiddenRowRule:
    """What a table's notes say about the rows it leaves out."""

    suppressed: bool  # rows with suppressed (small) values are left out
    zeros: bool | None  # rows of zero are left out (True), shown (False), or not said (None)
    low: int  # what a left-out suppressed row holds
    high: float

    def bounds(self, column_shows_zero: bool) -> tuple[int, float]:
        """What one hidden row of a column can hold: zero too where zero rows are left out
        (or where the notes do not say and the column prints no zero)."""
        if not self.suppressed:
            return 0, 0.0
        zeros = self.zeros if self.zeros is not None else not column_shows_zero
        return (0 if zeros else self.low), self.high


def hidden_row_rule(table: Table) -> HiddenRowRule | None:
    """Whether the notes say rows are left out, and what such a row can hold."""
    lines = (*table.notes, *table.title)
    shown: dict[str, bool] = {}
    for line in lines:
        for what, flag in _SHOW.findall(line):
            key = "suppressed" if what.lower().startswith("suppressed") else "zeros"
            shown[key] = shown.get(key, True) and flag.lower() == "true"
    left_out = next((line for line in lines if _ROWS_LEFT_OUT.search(line)), None)
    suppressed = not shown.get("suppressed", left_out is None)
    zeros = None if "zeros" not in shown else not shown["zeros"]
    if not suppressed and not zeros:
        return None
    stated = table_stated_range(table) or (range_in(left_out) if left_out else None)
    if stated is not None:
        low, high = stated[0], float(stated[1])
    elif any(_WONDER.search(line) for line in lines):
        low, high = _WONDER_RANGE[0], float(_WONDER_RANGE[1])
    else:
        low, high = 1, _INF
    return HiddenRowRule(suppressed, zeros, max(low, 1), high)


# ---------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Gap:
    """Codes missing between two printed rows, and the rows they may be hidden under.

    `chain` runs from the row before the gap up to the parent of the row after it, deepest
    first: the missing codes, in order, are hidden children of chain[0], then of chain[1],
    ... A `None` at the end is the top of the list, which has no total.
    """

    codes: tuple[str, ...]
    chain: tuple[int | None, ...]


@dataclass
class Hierarchy:
    """The tree of a coded list: rows are indexes into `Table.rows`, in list order."""

    label_column: int
    code_column: int | None  # the running code ("GR130-001"), when the list has one
    rows: list[int]
    ranges: dict[int, Ranges]
    parent: dict[int, int | None]
    children: dict[int, list[int]]
    covered: set[int]  # parents whose printed children cover their whole range
    gaps: list[Gap] = field(default_factory=list)
    open_rows: set[int] = field(default_factory=set)  # blocks that may go on past the last code

    def code(self, table: Table, row: int) -> str:
        return table.rows[row].get(self.code_column).strip() if self.code_column is not None else ""

    def label(self, table: Table, row: int) -> str:
        return table.rows[row].get(self.label_column).strip()


_RUNNING_CODE = re.compile(r"^(.*?)(\d+)$")


def infer_hierarchy(table: Table) -> Hierarchy | None:
    """The tree of a table's coded list, once per table; None when it is not one."""
    if "hierarchy" not in table.derived:
        table.derived["hierarchy"] = _infer(table)
    return table.derived["hierarchy"]


def _infer(table: Table) -> Hierarchy | None:
    if len(table.rows) > _MAX_ROWS or len(table.rows) < 3:
        return None
    profiles = column_profiles(table)
    labels = [c for c, p in enumerate(profiles) if p.role is Role.LABEL]
    best = None
    for c in labels:
        values = [row.get(c).strip() for row in table.rows]
        filled = [v for v in values if v]
        parsed = {r: code_ranges(v) for r, v in enumerate(values) if v}
        found = {r: ranges for r, ranges in parsed.items() if ranges is not None}
        if len(found) >= 3 and len(found) >= 0.8 * len(filled) and (best is None or len(found) > len(best[1])):
            best = (c, found)
    if best is None:
        return None
    label_column, ranges = best
    rows = sorted(ranges)
    if len(set(ranges.values())) < len(rows):
        return None  # the same codes twice: a list repeated per state or year, not one tree
    code_column = _running_code_column(table, labels, rows, label_column)
    named = [code_column] if code_column is not None else labels
    if any(r not in ranges and any(table.rows[r].get(c).strip() for c in named) for r in range(len(table.rows))):
        # A listed row whose codes are not known cannot be placed (and its running code
        # would be taken for a missing row).
        return None

    parent: dict[int, int | None] = {}
    children: dict[int, list[int]] = {r: [] for r in rows}
    for i, r in enumerate(rows):
        best_parent, best_measure = None, None
        for q in reversed(rows[:i]):
            if _within(ranges[r], ranges[q]):
                measure = _measure(ranges[q])
                if best_measure is None or measure < best_measure:
                    best_parent, best_measure = q, measure
        parent[r] = best_parent
        if best_parent is not None:
            children[best_parent].append(r)
    if not any(children.values()):
        return None  # a flat list

    # The list must be a pre-order walk of the tree: each row's parent is the row before
    # it or one of that row's ancestors.
    for previous, r in zip(rows, rows[1:]):
        if parent[r] is not None and parent[r] not in _ancestors_or_self(parent, previous):
            return None
    covered = {r for r in rows if children[r] and not _uncovered(ranges[r], [ranges[c] for c in children[r]])}
    hierarchy = Hierarchy(label_column, code_column, rows, ranges, parent, children, covered)
    if code_column is not None:
        _find_gaps(table, hierarchy)
    return hierarchy


def _ancestors_or_self(parent: dict[int, int | None], row: int | None) -> list[int | None]:
    chain: list[int | None] = []
    while row is not None:
        chain.append(row)
        row = parent[row]
    return chain


def _running_code_column(table: Table, labels: list[int], rows: list[int], label_column: int) -> int | None:
    """A column of codes that share a prefix and whose numbers rise down the list."""
    for c in labels:
        if c == label_column:
            continue
        codes = [_RUNNING_CODE.match(table.rows[r].get(c).strip()) for r in rows]
        if not all(codes):
            continue
        prefixes = {m.group(1) for m in codes}
        numbers = [int(m.group(2)) for m in codes]
        if len(prefixes) == 1 and all(b > a for a, b in zip(numbers, numbers[1:])):
            return c
    return None


def _find_gaps(table: Table, hierarchy: Hierarchy) -> None:
    rows = hierarchy.rows
    parent = hierarchy.parent
    matches = [_RUNNING_CODE.match(hierarchy.code(table, r)) for r in rows]
    prefix, width = matches[0].group(1), len(matches[0].group(2))
    numbers = [int(m.group(2)) for m in matches]
    for (a, number_a), (b, number_b) in zip(zip(rows, numbers), zip(rows[1:], numbers[1:])):
        if number_b - number_a <= 1:
            continue
        codes = tuple(f"{prefix}{n:0{width}d}" for n in range(number_a + 1, number_b))
        path = _ancestors_or_self(parent, a)
        stop = parent[b]
        chain = tuple(path[:path.index(stop) + 1]) if stop is not None else (*path, None)
        hierarchy.gaps.append(Gap(codes, chain))
    # Rows left out after the last printed code: how many is unknown, and any block still
    # open there may hold some.
    hierarchy.open_rows = {r for r in _ancestors_or_self(parent, rows[-1]) if r is not None}


# ---------------------------------------------------------------- the arithmetic


@dataclass(frozen=True)
class HiddenUnder:
    """What one parent's hidden rows are, read from the parent and its printed children."""

    parent: int  # index into Table.rows
    total: int
    visible: int  # the sum of the printed children
    counts: tuple[int, float]  # the fewest and most hidden rows under it, in any reading
    low: float  # what each hidden row can hold, over every reading
    high: float
    codes: tuple[str, ...]  # the missing codes that are under it in every reading
    maybe_codes: tuple[str, ...]  # ... and those that are in some readings only
    always_hidden: bool  # every reading has at least one hidden row under it

    @property
    def residual(self) -> int:
        return self.total - self.visible


@dataclass
class _Node:
    residual: int
    has_children: bool
    covered: bool
    open: bool
    # The numbers of hidden rows the arithmetic allows: zero, and from..to.
    zero_ok: bool = True
    k_from: float = 1
    k_to: float = _INF
    # Gathered over the readings that fit.
    seen: bool = False
    zero_seen: bool = False
    k_seen_from: float = _INF
    k_seen_to: float = 0
    codes_always: set[str] | None = None
    codes_some: set[str] = field(default_factory=set)


def hidden_under_parents(table: Table, hierarchy: Hierarchy, column: int, low: int, high: float
                         ) -> list[HiddenUnder] | None:
    """Each parent of a count column with what its hidden rows can be; None when the
    column's arithmetic is not that of a tree of sums (or cannot be read)."""
    values: dict[int, int] = {}
    for r in hierarchy.rows:
        cell = parse_cell(table.rows[r].get(column))
        if cell.kind is not CellKind.COUNT or cell.form != "plain" or cell.value is None:
            return None
        values[r] = int(cell.value)

    nodes: dict[int, _Node] = {}
    for r in hierarchy.rows:
        kids = hierarchy.children[r]
        residual = values[r] - sum(values[c] for c in kids)
        node = _Node(residual, bool(kids), r in hierarchy.covered, r in hierarchy.open_rows)
        node.zero_ok = residual == 0 or not kids
        node.k_from, node.k_to = _row_counts(residual, low, high)
        if node.covered:
            node.k_from, node.k_to = 1, 0  # no room for a hidden child
        if hierarchy.code_column is None and kids:
            # No running code: a remainder is hidden rows (of unknown number) where the
            # range leaves room for them, and nothing otherwise.
            node.open = residual > 0 and not node.covered
        nodes[r] = node

    for group in _linked_gaps(hierarchy.gaps):
        if not _read_group(group, nodes):
            return None
    untouched = set(nodes) - {r for gap in hierarchy.gaps for r in gap.chain if r is not None}
    for r in untouched:
        if not _settle(nodes[r], []):
            return None

    # Some parent must be exactly the sum of two or more printed children: a column of sums.
    confirmed = any(node.residual == 0 and len(hierarchy.children[r]) >= 2 for r, node in nodes.items())
    if not confirmed:
        return None

    found = []
    for r, node in nodes.items():
        if not node.seen or node.k_seen_to < 1:
            continue
        each_low, each_high = _each(node.residual, node.k_seen_from, node.k_seen_to, low, high)
        always = node.codes_always or set()
        found.append(HiddenUnder(
            parent=r, total=values[r], visible=values[r] - node.residual,
            counts=(0 if node.zero_seen else int(node.k_seen_from), node.k_seen_to),
            low=each_low, high=each_high,
            codes=tuple(sorted(always)), maybe_codes=tuple(sorted(node.codes_some - always)),
            always_hidden=not node.zero_seen,
        ))
    return sorted(found, key=lambda h: h.parent)


def _row_counts(residual: int, low: int, high: float) -> tuple[float, float]:
    """How many hidden rows, each low..high, can add up to `residual` (empty when from > to)."""
    if residual < 0:
        return 1, 0
    if residual == 0:
        return (1, _INF) if low == 0 else (1, 0)
    if high == 0:
        return 1, 0
    k_from = max(1, math.ceil(residual / high)) if high != _INF else 1
    k_to = residual // low if low > 0 else _INF
    return k_from, k_to


def _each(residual: int, k_from: float, k_to: float, low: int, high: float) -> tuple[float, float]:
    """What one of k hidden rows can hold, k from k_from to k_to, when they add up to `residual`."""
    k_from = max(k_from, 1)
    most = residual - (k_from - 1) * low
    if k_to == _INF:
        least = low
    elif k_to == 1 or high == _INF:
        least = residual if k_to == 1 else low
    else:
        least = residual - (k_to - 1) * high
    return float(max(low, least)), float(min(high, most))


def _linked_gaps(gaps: list[Gap]) -> list[list[Gap]]:
    """Gaps that may hide rows under a common parent are read together."""
    groups: list[tuple[set[int], list[Gap]]] = []
    for gap in gaps:
        rows = {r for r in gap.chain if r is not None}
        joined = [g for g in groups if g[0] & rows]
        merged = (rows.union(*(g[0] for g in joined)), [x for g in joined for x in g[1]] + [gap])
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged]
    return [g[1] for g in groups]


def _splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        yield (total,)
        return
    for first in range(total, -1, -1):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


def _read_group(group: list[Gap], nodes: dict[int, _Node]) -> bool:
    """Try every split of the group's gaps; gather what each parent holds in those that fit.
    False when none fits (the arithmetic does not hold); a group too large to try is skipped."""
    members = sorted({r for gap in group for r in gap.chain if r is not None})
    assigned: dict[int, list[tuple[str, ...]]] = {r: [] for r in members}
    readings = 0
    fitted = False

    def walk(i: int) -> bool:
        nonlocal readings, fitted
        if i == len(group):
            readings += 1
            if all(_fits(nodes[r], assigned[r]) for r in members):
                fitted = True
                for r in members:
                    _settle(nodes[r], assigned[r])
            return readings < _MAX_READINGS
        gap = group[i]
        for split in _splits(len(gap.codes), len(gap.chain)):
            start, ok = 0, True
            chunks = []
            for r, size in zip(gap.chain, split):
                chunk = gap.codes[start:start + size]
                start += size
                if size and r is not None:
                    node = nodes[r]
                    if node.k_from > node.k_to or len(assigned[r]) + 1 > node.k_to:
                        ok = False
                        break
                    chunks.append((r, chunk))
            if not ok:
                continue
            for r, chunk in chunks:
                assigned[r].append(chunk)
            going = walk(i + 1)
            for r, _ in chunks:
                assigned[r].pop()
            if not going:
                return False
        return True

    if not walk(0) and readings >= _MAX_READINGS:
        for r in members:  # too many ways to read it: say nothing about these parents
            nodes[r].seen, nodes[r].k_seen_to = False, 0
        return True
    return fitted


def _possible(node: _Node, chunks: list[tuple[str, ...]]) -> tuple[bool, float, float]:
    """Given the missing codes put under a row: may it hide none, and from..to rows."""
    if chunks:
        least, most = len(chunks), float(sum(len(c) for c in chunks))
    else:
        least, most = 0, 0.0
    if node.open:
        most = _INF
    zero = least == 0 and node.zero_ok
    k_from, k_to = max(least, 1, node.k_from), min(most, node.k_to)
    return zero, k_from, k_to


def _fits(node: _Node, chunks: list[tuple[str, ...]]) -> bool:
    zero, k_from, k_to = _possible(node, chunks)
    return zero or k_from <= k_to


def _settle(node: _Node, chunks: list[tuple[str, ...]]) -> bool:
    """Record a reading that fits this row; False when it does not fit."""
    zero, k_from, k_to = _possible(node, chunks)
    if not zero and k_from > k_to:
        return False
    node.seen = True
    node.zero_seen |= zero
    if k_from <= k_to:
        node.k_seen_from = min(node.k_seen_from, k_from)
        node.k_seen_to = max(node.k_seen_to, k_to)
    codes = {code for chunk in chunks for code in chunk}
    node.codes_always = codes if node.codes_always is None else node.codes_always & codes
    node.codes_some |= codes
    return True
