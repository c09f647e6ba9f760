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
from outscan.masking import LABEL_WIDTH
from outscan.tables.cells import Cell, CellKind, parse_cell
from outscan.tables.columns import Role, column_profiles, row_is_summary
from outscan.tables.counts import is_section_heading
from outscan.tables.records import record_level

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
    # A printed share whose count is known only to its rounding: an unknown of the system,
    # never reported as hidden.
    printed: bool = False


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


def total_rows(table: Table) -> frozenset[int]:
    """Rows whose label, or one of its label cells ("0-4, All"), says Total / All / Overall."""
    found = table.derived.get("total_rows")
    if found is None:
        profiles = column_profiles(table)
        labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not p.is_index]
        found = table.derived["total_rows"] = frozenset(
            r for r, text in enumerate(label_texts(table))
            if text and (is_total_label(text) or any(is_total_label(table.rows[r].get(i)) for i in labels)))
    return found


def label_texts(table: Table) -> list[str]:
    """Each row's label text (its label columns joined), computed once per table."""
    texts = table.derived.get("label_texts")
    if texts is None:
        profiles = column_profiles(table)
        labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not p.is_index]
        texts = table.derived["label_texts"] = [row_label_text(table, row, labels) for row in table.rows]
    return texts


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
    if record_level(table) is not None:
        # One row per person holds no totals to audit (OS110 reports the file itself).
        table.derived["structure"] = structure
        return structure
    profiles = column_profiles(table)
    labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not p.is_index]
    columns = [i for i, p in enumerate(profiles) if p.role is Role.COUNT]
    rows = [r for r in range(len(table.rows))
            if not row_is_summary(label_texts(table)[r])]

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
    stated = table_stated_range(table)
    for at, cell in cells.items():
        if at not in structure.values:
            # A range the marker states, or the table's notes state for its bare markers;
            # zero is shown as 0 where the table prints zeros.
            if cell.hidden_max is not None:
                low, high = (1 if structure.shows_zeros else 0), float(cell.hidden_max)
            elif stated is not None and not cell.ambiguous:
                low, high = stated[0], float(stated[1])
            else:
                low, high = 0, float("inf")
            structure.unknowns[at] = Unknown(at, table.rows[at[0]].get(at[1]).strip(), low, high, cell.ambiguous)

    _bound_by_derivations(table, structure)
    # Share rows are labelled as percentages ("Distribution of deaths (%)"), which the row
    # filter above takes for summaries: they are looked for in every row.
    structure.equations += _share_rows(table, structure, range(len(table.rows)), labels, profiles)
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


def _accept(structure: Structure, candidates: list[Equation], labelled: bool, needed: int = 2) -> list[Equation]:
    """A family of relations is kept when no printed instance contradicts it, and either a
    label names it or `needed` fully printed instances confirm it."""
    checks = [_holds(structure, e.total, e.parts) for e in candidates]
    if any(result is False for result in checks):
        return []
    confirmed = sum(1 for result in checks if result)
    if labelled or confirmed >= needed:
        return [e for e, result in zip(candidates, checks) if result is None]
    return []


def _total_columns(table: Table, structure: Structure, rows: list[int], columns: list[int]) -> list[Equation]:
    found: list[Equation] = []
    for total in columns:
        labelled = bool(_TOTAL_HEADER.search(table.column_name(total)))
        # A total column is labelled, or stands first or last among the counts: trying every
        # column as the sum of the others costs columns squared times rows on wide tables.
        if not labelled and total not in (columns[0], columns[-1]):
            continue
        others = [c for c in columns if c != total]
        left = [c for c in columns if c < total]
        right = [c for c in columns if c > total]
        for parts in (others, left, right):
            if len(parts) < 2:
                continue
            family = _row_total_family(structure, rows, total, parts, labelled)
            if family is not None:
                found += family
                break
    return found


def _row_total_family(structure: Structure, rows: list[int], total: int, parts: list[int],
                      labelled: bool) -> list[Equation] | None:
    """`total` = sum(`parts`) on every row, or None. The first printed row that contradicts
    it ends the search: in a large table most candidate families fail within a few rows."""
    values = structure.values
    candidates: list[Equation] = []
    confirmed = 0
    for r in rows:
        terms = [(r, total), *((r, c) for c in parts)]
        if not all(t in values or t in structure.unknowns for t in terms):
            continue
        if all(t in values for t in terms):
            if values[(r, total)] != sum(values[(r, c)] for c in parts):
                return None
            confirmed += 1
        else:
            candidates.append(Equation((r, total), tuple(terms[1:]), "row total"))
    if labelled or confirmed >= 2:
        return candidates
    return [] if confirmed else None


def row_blocks(table: Table, rows: list[int]) -> list[list[int]]:
    """Runs of rows between section headings ("Sex", "Stage at diagnosis")."""
    blocks: list[list[int]] = [[]]
    for r in rows:
        if is_section_heading(table.rows[r].cells):
            blocks.append([])
        else:
            blocks[-1].append(r)
    return [b for b in blocks if b]


def _total_rows(table: Table, structure: Structure, rows: list[int], columns: list[int],
                labels: list[int]) -> list[Equation]:
    found: list[Equation] = []
    for block in row_blocks(table, rows):
        indents = {r: _indent(table, table.rows[r], labels) for r in block}
        totals = [r for r in block if r in total_rows(table)]
        relations: list[tuple[int, list[int], str, bool]] = []
        start = 0
        for t in totals:
            position = block.index(t)
            below_end = next((block.index(n) for n in totals if block.index(n) > position), len(block))
            for parts in (block[start:position], block[position + 1:below_end], block):
                parts = _top_level([r for r in parts if r not in totals], indents)
                relations.append((t, _known_only(table, t, parts), "total row", True))
            start = position + 1
        # Indented sub-groups must show they add up (overlapping conditions do not).
        relations += [(r, children, "indented sub-groups", False) for r, children in _indented(block, indents)]
        for total, parts, kind, labelled in relations:
            if len(parts) < 2:
                continue
            candidates = [
                Equation((total, c), tuple((r, c) for r in parts), kind)
                for c in columns
                if _involved(structure, (total, c)) and all(_involved(structure, (r, c)) for r in parts)
            ]
            # One relation across all columns: a printed column that does not add up (an
            # average row, a total excluding a category) rules it out everywhere.
            found += _accept(structure, candidates, labelled, needed=1)
    return _unique(found)


def _bound_by_derivations(table: Table, structure: Structure) -> None:
    """A hidden count whose percentage or rate is printed is known to the rounding of that
    figure; the audit starts from that, so the totals can give away its neighbours."""
    from outscan.tables.derived import derived_counts  # derived builds on this module

    for derived in derived_counts(table):
        at = (derived.row, derived.column)
        unknown = structure.unknowns.get(at)
        if unknown is None:
            continue
        low, high = max(unknown.low, derived.low), min(unknown.high, float(derived.high))
        if low <= high:
            structure.unknowns[at] = Unknown(at, unknown.marker, low, high, unknown.ambiguous)


def _top_level(parts: list[int], indents: dict[int, int]) -> list[int]:
    """A total sums the shallowest rows under it, not their indented sub-groups as well."""
    if not parts:
        return parts
    shallowest = min(indents[r] for r in parts)
    return [r for r in parts if indents[r] == shallowest]


_EXCLUDING = re.compile(r"known|excl|without|except", re.I)
_UNKNOWN_ROW = re.compile(r"unknown|missing|not stated|not known|unspecified|n/?a\b", re.I)


def _known_only(table: Table, total: int, parts: list[int]) -> list[int]:
    """'Total (known stage)' leaves the Unknown row out."""
    if _EXCLUDING.search(label_texts(table)[total]):
        return [r for r in parts if not _UNKNOWN_ROW.search(label_texts(table)[r])]
    return parts


def _indented(block: list[int], indents: dict[int, int]) -> list[tuple[int, list[int]]]:
    """A row followed by more indented rows is their parent; the children are the next level."""
    relations = []
    for i, r in enumerate(block):
        children = []
        child_indent = None
        for j in range(i + 1, len(block)):
            if indents[block[j]] <= indents[r]:
                break
            child_indent = indents[block[j]] if child_indent is None else child_indent
            if indents[block[j]] == child_indent:
                children.append(block[j])
        if len(children) >= 2:
            relations.append((r, children))
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
        groups, complete = [], False
        for block in row_blocks(table, rows):
            parts = tuple((r, c) for r in block if _involved(structure, (r, c))
                          and r not in total_rows(table))
            if len(parts) < 2:
                continue
            printed = [structure.values[p] for p in parts if p in structure.values]
            hidden = [structure.unknowns[p] for p in parts if p in structure.unknowns]
            if not hidden:
                complete |= sum(printed) == size
                continue
            # Categories are complete only when what is hidden can make up the rest.
            rest = size - sum(printed)
            if sum(u.low for u in hidden) <= rest <= sum(u.high for u in hidden):
                groups.append(Equation(size, parts, "group size"))
        # The table must show that its groups are complete (a printed group adding up to N):
        # a Table 1 that leaves out missing values does not.
        if complete:
            found += groups
    return found


_WORD = re.compile(r"[a-z0-9][a-z0-9-]{2,}")
_STATED_RANGE = (
    re.compile(r"(\d+)\s*(?:-|–|to)\s*(\d+)"),
    re.compile(r"(?:fewer|less) than (\d+)|under (\d+)|<\s*(\d+)"),
)


def range_in(text: str) -> tuple[int, int] | None:
    """A range of small counts a text gives: "1-9" -> (1, 9), "fewer than 16" -> (1, 15)."""
    match = _STATED_RANGE[0].search(text)
    if match and int(match.group(1)) <= 1 < int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    match = _STATED_RANGE[1].search(text)
    if match:
        bound = int(next(g for g in match.groups() if g))
        if bound > 1:
            return 1, bound - 1
    return None


def stated_range(text: str) -> tuple[int, int] | None:
    """What a note says suppressed cells hide: "counts between 1-9 ... suppressed" -> (1, 9),
    "suppressed if fewer than 16" -> (1, 15). Only sentences that speak of suppression count."""
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if _SUPPRESSION_NOTE.search(sentence) and (found := range_in(sentence)):
            return found
    return None


def table_stated_range(table: Table) -> tuple[int, int] | None:
    for line in (*table.notes, *table.title):
        found = stated_range(line)
        if found:
            return found
    return None


_SUPPRESSION_NOTE = re.compile(r"suppress|redact|withheld|confidential", re.I)
_SHARE_TOLERANCE = 0.02


def _words_of(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - {"distribution", "the", "and", "per", "percent"}


def _share_rows(table: Table, structure: Structure, rows, labels: list[int], profiles) -> list[Equation]:
    """Rows that split a count into shares ("Distribution of COVID-19 deaths": 0.697, 0.05, ...,
    blank): each share is a count known to its rounding, a blank one is hidden, and together
    they make the row's count. The count is the column whose header the row's label names."""
    from outscan.tables.derived import decimals, whole_counts  # derived builds on this module

    columns = [c for c, p in enumerate(profiles) if p.role is Role.MEASURE]
    counts = [c for c, p in enumerate(profiles) if p.role is Role.COUNT]
    shares = [c for c in columns if _fractions(table, rows, c)]
    if len(shares) < 2 or not counts:
        return []
    mentions_suppression = any(_SUPPRESSION_NOTE.search(line) for line in table.notes + table.title)
    table_range = table_stated_range(table)
    equations: list[Equation] = []
    complete_ok, confirmed = True, 0
    pending: list[tuple[int, int, list[int], list[int], tuple[int, int] | None]] = []
    for r in rows:
        row = table.rows[r]
        size_column = _named_count(table, row, labels, counts)
        size_cell = parse_cell(row.get(size_column)) if size_column is not None else None
        if size_cell is None or size_cell.kind is not CellKind.COUNT or not size_cell.value:
            continue
        structure.values[(r, size_column)] = int(size_cell.value)
        printed = [c for c in shares if parse_cell(row.get(c)).kind in (CellKind.NUMBER, CellKind.COUNT)]
        blank = [c for c in shares if not row.get(c).strip()]
        if len(printed) + len(blank) != len(shares) or not printed:
            continue
        if not blank:
            total = sum(float(row.get(c)) for c in printed)
            complete_ok &= abs(total - 1) <= _SHARE_TOLERANCE
            confirmed += 1
            continue
        row_note = next((row.get(c) for c in labels if _SUPPRESSION_NOTE.search(row.get(c))), None)
        if row_note is not None or mentions_suppression:
            pending.append((r, size_column, printed, blank, stated_range(row_note) if row_note else table_range))
    if not complete_ok or not confirmed:
        return []  # no complete row shows the shares split a count: another kind of row
    # Exports drop trailing zeros ("0.05" in a column of "0.697"): a column's precision is
    # the most decimals any of its values shows.
    places = {c: max((decimals(table.rows[r].get(c)) for r in rows if table.rows[r].get(c).strip()), default=0)
              for c in shares}
    for r, size_column, printed, blank, hidden_range in pending:
        row = table.rows[r]
        size = structure.values[(r, size_column)]
        parts = []
        for c in printed:
            text = row.get(c).strip()
            bounds = whole_counts(float(text), places[c], size)
            if bounds is None:
                break
            structure.unknowns[(r, c)] = Unknown((r, c), text, bounds[0], float(bounds[1]), False, printed=True)
            parts.append((r, c))
        else:
            # "One or more cells have counts between 1-9": a blank is at most the top of
            # that range, and may be 0 where the rows print no zeros of their own.
            high = hidden_range[1] if hidden_range else float("inf")
            low = 0
            for c in blank:
                structure.unknowns[(r, c)] = Unknown((r, c), "(blank)", low, float(high), False)
                parts.append((r, c))
            shares_of = f"shares of '{table.column_label(size_column, LABEL_WIDTH)}'"
            equations.append(Equation((r, size_column), tuple(parts), shares_of))
    return equations


def _fractions(table: Table, rows: list[int], column: int) -> bool:
    """A column of shares written as fractions: every printed value between 0 and 1."""
    values = [parse_cell(table.rows[r].get(column)) for r in rows]
    numbers = [v.value for v in values if v.kind in (CellKind.NUMBER, CellKind.COUNT) and v.value is not None]
    return bool(numbers) and all(0 <= n <= 1 for n in numbers) and any(0 < n < 1 for n in numbers)


def _named_count(table: Table, row: TableRow, labels: list[int], counts: list[int]) -> int | None:
    """The count column a row's label names ("Distribution of COVID-19 deaths" -> "COVID-19 Deaths")."""
    words = _words_of(" ".join(row.get(i) for i in labels))
    scored = []
    for c in counts:
        header = table.column_name(c)
        overlap = len(words & _words_of(header))
        if overlap:
            scored.append((overlap, "total" in header.lower(), c))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None  # two counts fit as well: no guessing
    return scored[0][2]


def _unique(equations: list[Equation]) -> list[Equation]:
    seen, out = set(), []
    for e in equations:
        key = (e.total, frozenset(e.parts))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
