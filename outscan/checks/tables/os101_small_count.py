"""OS101 small-count."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.tables.counts import count_cells, describe_cell
from outscan.tables.structure import GROUP_SIZE  # a group size in a header or title: "Treated (N=12)"



@register
class SmallCount(Check):
    """A published count is below the policy's minimum cell size.

    **What it flags.** Every count cell of a table — a whole number in a count column, or
    the *n* of an ``n (%)`` or ``n/N`` cell, footnote marks allowed (``12a``, ``7*``) — from
    1 up to the policy's minimum minus one (16 under ``nccr-dua``: 1–15; 11 under
    ``cms-cell-suppression``: 1–10; 10 under ``sdc-handbook``: 1–9). Zero is flagged only
    where the policy says a zero is small. Totals are flagged too: a total of 4 discloses
    as much as a cell of 4. So are group sizes printed in a header or title
    (``Treated (N=12)``).

    **What it leaves alone.** Numbers that are not counts: years, codes and identifiers
    (FIPS "06041", a pandas index, Sex coded 1/2, Stage 1–4 beside the row labels), ranks,
    rates and ratios, percentages and fractions, means, medians and SDs, survival times,
    confidence intervals, p-values, average annual counts, rows labelled as summaries
    ("Age, mean (SD)", "Age at diagnosis, years"), and cells already suppressed
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
        yield from self._group_sizes(table, context)
        policy = context.policy
        for item in count_cells(table):
            value = item.cell.value
            if value is None or not policy.is_small(value):
                continue
            count = int(value)
            column = table.column_name(item.column)
            where = describe_cell(table, item.row.number, item.column)
            yield self.finding(
                context,
                table.location(item.row.number, item.column),
                message=f"{where}: count {count} is {self._why(count, context)}",
                evidence=short(item.text.strip()),
                match_key=f"{table.sheet}|{column}|{item.row_label}|{count}",
            )

    def _group_sizes(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        """`N=12` in a header cell or a title line is a published count too."""
        places = [(row, column, text) for row, cells in zip(table.header_rows, table.header_cells)
                  for column, text in enumerate(cells)]
        places += [(row, None, text) for row, text in zip(table.title_rows, table.title)]
        if table.caption:  # a document table's caption: "Table 2. ... (N=12)"
            places.append((None, None, table.caption))
        for row, column, text in places:
            for match in GROUP_SIZE.finditer(text):
                count = int(match.group(1).replace(",", ""))
                if not context.policy.is_small(count):
                    continue
                name = table.column_name(column) if column is not None else None
                yield self.finding(
                    context,
                    table.location(row, column),
                    message=f"group size {match.group(0).strip()} in the "
                            f"{'header' if name else 'title' if row is not None else 'caption'} "
                            f"is {self._why(count, context)}",
                    evidence=short(match.group(0)),
                    match_key=f"{table.sheet}|group|{name}|{count}",
                )

    @staticmethod
    def _why(count: int, context: CheckContext) -> str:
        if count == 0:
            return "a zero count, a small cell under this policy"
        return f"below the minimum of {context.policy.min_count}"
