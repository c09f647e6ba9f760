"""OS110 record-level-data."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.tables.records import record_level


@register
class RecordLevelData(Check):
    """A table holds one row per person or record, not a result.

    **What it flags.** A table (a CSV, a sheet of a workbook) that is individual-level data,
    once for the whole table: a column that names each row — a header such as ``MRN``,
    ``Patient ID``, ``Name``, ``Case number`` over values unique per row, or a column of
    unique codes shaped like record IDs (``P0001``, ``TCGA-02-0001``, UUIDs) — or exact dates
    of birth, diagnosis or death, in a table with no column of aggregated counts, no rates
    or means and no total row. Twenty rows or more are needed when there is one such
    signal; an identifier column *and* exact dates are enough from three rows (a
    ``df.head()`` of a patient file). A "de-identified" extract (age, sex, race, ZIP3,
    diagnosis year, site: two quasi-identifiers or more, no IDs) is flagged too when its
    rows repeat combinations of them, as people do and an aggregate's categories do not, or
    when it holds single years of age. The message names the evidence by column header and
    counts only (``147 rows, 147 distinct 'MRN'``), never a value.

    **What it leaves alone.** Aggregates: tables with a count column (``n``, ``Cases``,
    ``Deaths``, ``Population``), ``n (%)`` cells, rates, means, intervals or p-values, or a
    ``Total``/``All``/``Overall`` row; long-format tables with a count per combination; a
    county table whose FIPS codes are unique per row; a clinical Table 1; a list of a few
    rows with IDs and nothing else; a daily series with dates and counts; a crosswalk of
    counties, states and regions.

    **Why it matters.** Record-level data is the data itself, not a result derived from it:
    NCCR DUA §9 forbids releasing the data in full or in part, §8 and §17 forbid sharing
    information on an individual, TCIA §3.1 forbids identifying the people in a collection,
    and the output-checking handbook accepts no output that shows a single unit.

    **Example.** ::

        MRN,Date of birth,Sex,Date of diagnosis,Site
        00412873,1961-03-14,F,2019-06-02,Breast
        ...                     <- whole file: 147 rows, 147 distinct 'MRN'; exact dates in
                                   'Date of birth', 'Date of diagnosis'

    **How to fix.** Do not publish the file: keep it inside the enclave and publish the
    aggregate it was used for (counts by category, with small cells suppressed), or, where
    an agreement allows record-level release, the approved de-identified extract made by
    the data owner. Remove ``df.head()`` and similar previews from outputs.
    """

    code = "OS110"
    name = "record-level-data"
    category = Category.INDIVIDUAL_RECORDS
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        evidence = record_level(table)
        if evidence is None:
            return
        described = evidence.describe()
        yield self.finding(
            context,
            table.location(),
            message=f"record-level data, not a result: {described}",
            evidence=short(evidence.summary()),
            match_key=f"{table.sheet}|{'|'.join(evidence.identifiers + evidence.dates + evidence.quasi_identifiers)}",
        )
