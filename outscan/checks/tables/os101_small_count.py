"""OS101 small-count."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import safe_label, short
from outscan.model import Category, Finding, Location, Severity
from outscan.tables.counts import count_cells


@register
class SmallCount(Check):
    """A published count is below the policy's minimum cell size.

    **What it flags.** Every count cell of a table — a whole number in a count column, or
    the *n* of an ``n (%)`` or ``n/N`` cell — from 1 up to the policy's minimum minus one
    (16 under ``nccr-dua``: 1–15; 11 under ``cms-cell-suppression``: 1–10; 10 under
    ``sdc-handbook``: 1–9). Zero is flagged only where the policy says a zero is small.
    Totals are flagged too: a total of 4 discloses as much as a cell of 4.

    **What it leaves alone.** Numbers that are not counts: years, codes and identifiers
    (FIPS "06041", a pandas index), ranks, rates and ratios, percentages and fractions,
    means, medians and SDs, confidence intervals, p-values, average annual counts, rows
    labelled as summaries ("Age, mean (SD)"), and cells already suppressed
    (``<11``, ``*``, ``Suppressed``, ``[REDACTED]``).

    **Why it matters.** A small count describes a handful of people, and with the row and
    column labels (age, sex, stage, area) it can point to one of them. NCCR DUA §17 requires
    following NIH policy on small cell sizes; CMS forbids showing cells of 1–10; the general
    output-checking threshold rule asks for at least 10 units per cell.

    **Example.** Under ``nccr-dua``::

        Age group,Male,Female,Total
        0-14,3,22,25          <- row 2, column 'Male': count 3 is below 16

    **How to fix.** Suppress the cell (and enough others that it cannot be recovered from
    the totals), merge categories until every cell reaches the minimum, or publish a
    rounded or banded value the policy allows.
    """

    code = "OS101"
    name = "small-count"
    category = Category.SMALL_CELL
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        policy = context.policy
        for item in count_cells(table):
            value = item.cell.value
            if value is None or not policy.is_small(value):
                continue
            count = int(value)
            column = table.column_name(item.column)
            where = f"'{safe_label(item.row_label)}' × '{safe_label(column)}'" if item.row_label else f"'{safe_label(column)}'"
            if count == 0:
                why = "a zero count is a small cell under this policy"
            else:
                why = f"below the minimum of {policy.min_count}"
            yield self.finding(
                context,
                Location(sheet=table.sheet, row=item.row.number, column=column,
                         cell_ref=table.cell_ref(item.row, item.column)),
                message=f"{where}: count {count} is {why}",
                evidence=short(item.text.strip()),
                match=f"{table.sheet}|{column}|{item.row_label}|{count}",
            )
