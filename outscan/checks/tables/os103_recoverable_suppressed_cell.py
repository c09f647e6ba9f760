"""OS103 recoverable-suppressed-cell."""

from __future__ import annotations

import math
from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.policy import Policy
from outscan.tables.audit import Inconsistent, feasibility_intervals
from outscan.tables.counts import describe_cell, row_label
from outscan.tables.structure import build_structure


def protection_width(policy: Policy) -> int:
    """How uncertain a hidden small cell must stay: an interval narrower than this (3 or
    fewer possible values under a minimum of 10, 4 or fewer under 16) pins it in effect."""
    return max(3, math.ceil(policy.min_count / 4))


def could_disclose(policy: Policy, low: float, high: float) -> bool:
    """An interval that may hold a small count and is too narrow to protect it."""
    smallest = 0 if policy.zero_is_small else 1
    overlaps_small = low <= policy.min_count - 1 and high >= smallest
    return overlaps_small and high - low < protection_width(policy)


def audit_table(table: Table, policy: Policy):
    """The feasibility intervals of a table's hidden cells, once per table and policy."""
    key = ("audit", policy.min_count, policy.zero_is_small)
    if key not in table.derived:
        structure = build_structure(table)
        intervals = {}
        if structure.unknowns and structure.equations:
            try:
                intervals = feasibility_intervals(
                    structure, lambda low, high: could_disclose(policy, low, high), policy.min_count - 1)
            except Inconsistent:
                intervals = {}  # the printed numbers do not add up exactly: no relation can be trusted
        table.derived[key] = intervals
    return table.derived[key]


def disclosed_by_totals(table: Table, policy: Policy) -> set[tuple[int, int]]:
    """Hidden cells (row index, column) that the table's own totals give away."""
    structure = build_structure(table)
    return {at for at, interval in audit_table(table, policy).items()
            if not structure.unknowns[at].printed and could_disclose(policy, interval.low, interval.high)}


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
        for (r, c), interval in sorted(intervals.items()):
            unknown = structure.unknowns[(r, c)]
            if unknown.printed or not could_disclose(policy, interval.low, interval.high):
                continue
            row = table.rows[r]
            column = table.column_name(c)
            label = row_label(table, row.number, c)
            how = " and ".join(sorted(relations.get((r, c), ())))
            yield self.finding(
                context,
                table.location(row.number, c),
                message=f"{describe_cell(table, row.number, c)}: the hidden value ('{short(unknown.marker, 20)}') is {interval.describe()}, "
                        f"worked out from the {how}",
                evidence=short(unknown.marker, 20),
                match_key=f"{table.sheet}|{column}|{label}|{interval.low}|{interval.high}",
                severity=Severity.BLOCK if interval.pinned else Severity.REVIEW,
            )
