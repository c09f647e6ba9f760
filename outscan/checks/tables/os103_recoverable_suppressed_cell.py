"""OS103 recoverable-suppressed-cell."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import LABEL_WIDTH, short
from outscan.model import Category, Finding, Severity
from outscan.tables.audit import audit_table, could_disclose
from outscan.tables.counts import describe_cell, row_label
from outscan.tables.structure import build_structure


@register
class RecoverableSuppressedCell(Check):
    """A suppressed cell can be worked out, or narrowed down, from the totals the table prints.

    **What it flags.** Every hidden cell (``*``, ``<16``, ``Suppressed``, ``1-10`` ...) in
    a count table whose value the published numbers give back: the only hidden cell of a
    row or column with a total (``Total`` column, ``Total``/``All`` row, indented
    sub-groups that sum to their parent, every complete group of a ``Cases (N=180)``
    column), and the blank share of a row that splits a count into shares
    ("Distribution of COVID-19 deaths": 0.697, 0.05, ..., blank, with the deaths beside
    them; each printed share is a count known to its rounding). What a bare marker hides
    comes from the table's own notes when they say ("counts between 1-9 ... suppressed"). For each hidden cell outscan computes the least and the most it can be given
    everything printed — propagation over the table's equations first, then linear
    programming (HiGHS) for what is left — and reports the cell when that interval is a
    single small value (block) or narrower than the protection width (review): a quarter of
    the policy's minimum, at least 3, so that a cell known to be one of 3 values (4 under
    ``nccr-dua``) is reported.

    **What it leaves alone.** Tables protected by secondary suppression (two or more
    hidden cells in every row and column with a total, so each stays uncertain); hidden
    cells the interval shows are large (complementary suppressions); tables whose totals
    do not add up exactly (rounded outputs), where no relation is assumed.

    **Why it matters.** Suppressing a small cell protects nobody when a reader can
    subtract: ``Total 216`` minus the printed ``131 + 52 + 22`` gives back the hidden 11.
    NCCR DUA §17 (small cells), CMS (may not be shown *or derived*), the SDC handbook's
    secondary disclosure rule.

    **Example.** Under ``nccr-dua``::

        Age group,Localized,Regional,Unknown,Total
        0-4,131,52,<16,194        <- row 2, 'Unknown': the hidden value is exactly 11

    **How to fix.** Suppress a second cell in the same row and column (a complementary
    suppression), or merge categories; then re-run outscan to confirm every hidden cell
    keeps a wide interval.
    """

    code = "OS103"
    name = "recoverable-suppressed-cell"
    category = Category.SECONDARY_DISCLOSURE
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        policy = context.policy
        intervals = audit_table(table, policy)
        if not intervals:
            return
        structure = build_structure(table)
        relations = {}
        for equation in structure.equations:
            for term in (equation.total, *equation.parts):
                relations.setdefault(term, set()).add(equation.kind)
        narrowed: dict[int, list[tuple[int, object]]] = {}
        for (r, c), interval in sorted(intervals.items()):
            unknown = structure.unknowns[(r, c)]
            if unknown.printed or not could_disclose(policy, interval.low, interval.high):
                continue
            if not interval.pinned:
                narrowed.setdefault(r, []).append((c, interval))
                continue
            yield self._finding(table, context, r, [c], f"the hidden value ('{short(unknown.marker, 20)}') is "
                                f"{interval.describe()}", relations.get((r, c), ()), Severity.BLOCK)
        # Cells of one row narrowed together ("five blanks share 2 deaths") are one finding.
        for r, cells in narrowed.items():
            columns = [c for c, _ in cells]
            low = min(i.low for _, i in cells)
            high = max(i.high for _, i in cells)
            what = (f"the hidden value ('{short(structure.unknowns[(r, columns[0])].marker, 20)}') is "
                    f"{cells[0][1].describe()}" if len(cells) == 1 else
                    f"{len(cells)} hidden values of this row are each between {low:g} and {high:g}")
            kinds = set().union(*(relations.get((r, c), set()) for c in columns))
            yield self._finding(table, context, r, columns, what, kinds, Severity.REVIEW)

    def _finding(self, table: Table, context: CheckContext, r: int, columns: list[int], what: str, kinds,
                 severity: Severity) -> Finding:
        row = table.rows[r]
        first = columns[0]
        also = ", ".join(repr(table.column_label(c, LABEL_WIDTH)) for c in columns[1:])
        others = f" (also {also})" if also else ""
        return self.finding(
            context,
            table.location(row.number, first),
            message=f"{describe_cell(table, row.number, first)}{others}: {what}, worked out from the "
                    f"{' and '.join(sorted(kinds))}",
            evidence=short(table.rows[r].get(first).strip() or "(blank)", 20),
            match_key=f"{table.sheet}|{table.column_name(first)}|{row_label(table, row.number, first)}|{what}",
            severity=severity,
        )
