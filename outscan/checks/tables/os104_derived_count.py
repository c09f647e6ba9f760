"""OS104 derived-small-count."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.tables.audit import disclosed_by_totals
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.tables.counts import describe_cell, row_label
from outscan.tables.derived import derived_counts


@register
class DerivedSmallCount(Check):
    """A small count the table does not print can be worked out from a percentage or a rate.

    **What it flags.** Counts derived, with the rounding of the printed figures, from:
    a hidden cell's printed share (``<11 (3.3%)`` in a ``Cases (N=180)`` column is 6); a
    percentage column beside a hidden count, or a column of percentages with its N
    (``2.2%`` of 180 is 4); the only category of a group shown as ``177 (98.3%)`` of
    N=180, which leaves 3 for the category not shown; a rate beside a population when the
    count is hidden (2.6 per 100,000 of 230,000 is 6). When every count that prints that
    way is small, it is a finding — block under policies whose small-cell rule covers
    derived values (``cms-cell-suppression``, ``nccr-dua``), review otherwise.

    **What it leaves alone.** Percentages whose counts are printed beside them (OS101
    checks those), cells the table's totals already give away (OS103 reports those),
    derivations that come to a count at or above the minimum, and percentages with no N
    to apply them to.

    **Why it matters.** CMS: no cell of 1–10 may be shown *or derived*, percentages
    included. Hiding ``6`` but printing ``3.3%`` of 180 hides nothing. NCCR DUA §17.

    **Example.** Under ``nccr-dua``::

        Characteristic,Cases (N=180)
        Unknown stage,<16 (3.3%)    <- row 2: 3.3% of N=180 is 6

    **How to fix.** Suppress the percentage with the count (``<16 (–)``), round it to a
    level that no longer pins the count, or merge the category.
    """

    code = "OS104"
    name = "derived-small-count"
    category = Category.SECONDARY_DISCLOSURE
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        policy = context.policy
        found = derived_counts(table)
        if not found:
            return
        by_totals = disclosed_by_totals(table, policy)
        for derived in found:
            if (derived.row, derived.column) in by_totals:
                continue  # the totals give it away already: one finding (OS103) for one cell
            small = [n for n in range(derived.low, derived.high + 1) if policy.is_small(n)]
            if not small or len(small) < derived.high - derived.low + 1 - (derived.low == 0):
                continue  # some count that prints this way is not small
            row = table.rows[derived.row]
            column = table.column_name(derived.column)
            label = row_label(table, row.number, derived.column)
            where = describe_cell(table, row.number, derived.column)
            value = f"{derived.low}" if derived.low == derived.high else f"between {derived.low} and {derived.high}"
            certain = derived.low >= 1 or policy.zero_is_small
            yield self.finding(
                context,
                table.location(row.number, derived.column),
                message=f"{where}: {derived.how} gives the count back: {value}, below the minimum of "
                        f"{policy.min_count}",
                evidence=short(derived.shown, 30),
                match_key=f"{table.sheet}|{column}|{label}|{derived.how}",
                severity=Severity.BLOCK if policy.derived_counts and certain else Severity.REVIEW,
            )
