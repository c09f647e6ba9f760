"""OS102 weaker-suppression-rule."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.tables.counts import count_cells


@register
class WeakerSuppressionRule(Check):
    """A suppression marker shows the table was made under a smaller minimum than the policy's.

    **What it flags.** Markers that state what they hide — ``<11``, ``≤10``, ``< 5``,
    ``fewer than 10``, ``3 or fewer`` — in a count column, when the largest value they hide
    is below the policy's minimum minus one. One finding per table and marker, at its first
    occurrence, with the number of cells that carry it.

    **Why it matters.** ``<11`` means the table was suppressed under an 11-rule (CMS):
    counts of 11 and above were printed. Under ``nccr-dua`` (minimum 16) every printed
    11–15 is then a small cell; OS101 flags each of them, and this finding explains why the
    table's own suppression did not catch them. NCCR DUA §17; CMS cell size policy.

    **What it leaves alone.** Bare markers (``*``, ``Suppressed``) that state no range,
    markers whose range covers the policy's, and markers in columns that are not counts
    (a State Cancer Profiles "3 or fewer" in an *average annual* count column).

    **Example.** Under ``nccr-dua``: a column of ``<11`` markers beside a printed 12.

    **How to fix.** Re-run the suppression with the policy's minimum (16 for NCCR data)
    and label the markers to match (``<16``).
    """

    code = "OS102"
    name = "weaker-suppression-rule"
    category = Category.SMALL_CELL
    severity = Severity.REVIEW
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        policy = context.policy
        first_seen: dict[int, tuple] = {}
        occurrences: dict[int, int] = {}
        for item in count_cells(table, include_suppressed=True):
            hidden_max = item.cell.hidden_max
            if item.cell.is_count or hidden_max is None or hidden_max >= policy.min_count - 1:
                continue
            first_seen.setdefault(hidden_max, (item.row, item.column, item.text.strip()))
            occurrences[hidden_max] = occurrences.get(hidden_max, 0) + 1
        for hidden_max, (row, column, marker) in sorted(first_seen.items()):
            exposed = (f"{hidden_max + 1}" if hidden_max + 1 == policy.min_count - 1
                       else f"{hidden_max + 1}–{policy.min_count - 1}")
            cells = occurrences[hidden_max]
            yield self.finding(
                context,
                table.location(row.number, column),
                message=(f"marker '{short(marker, 20)}' ({cells} cell{'s' if cells != 1 else ''}) hides counts "
                         f"up to {hidden_max}, but the policy's minimum is {policy.min_count}: "
                         f"counts of {exposed} were left unsuppressed"),
                evidence=short(marker, 20),
                match_key=f"{table.sheet}|{hidden_max}",
            )
