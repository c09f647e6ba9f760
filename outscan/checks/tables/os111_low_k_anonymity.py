"""OS111 low-k-anonymity."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.tables.records import k_anonymity, quasi_identifiers, record_level

# k-anonymity thresholds are set apart from the small-cell minimum: k = 5 is the common
# floor for a released microdata file, 11 the CMS cell size applied to equivalence classes.
# Policy packs have no k setting yet; a pack can still change the severity (OS111: block).
K_BLOCK = 5
K_REVIEW = 11


@register
class LowKAnonymity(Check):
    """Records of a record-level table can be singled out by their quasi-identifiers.

    **What it flags.** A record-level table (the tables OS110 finds, with or without direct
    identifiers) whose quasi-identifiers — columns headed age or age group, sex or gender,
    race or ethnicity, geography (county, state, ZIP, ZIP3, region, tract, FIPS), a diagnosis
    (or birth, death) year or date, a site, histology or diagnosis — leave some combination
    of values shared by fewer than 11 records: it is *k*-anonymous with *k* < 11. Severity
    **block** when *k* < 5, **review** when 5 ≤ *k* < 11 (the thresholds are fixed; a policy
    pack can still set the rule's severity). One finding per table, with *k*, the number of
    records unique on the quasi-identifiers, and up to three of the smallest groups by size
    and the row of their first record. Column headers and counts only, never a value.

    **What it leaves alone.** Aggregated tables (OS101 checks their cells); record-level
    tables whose every combination of quasi-identifiers is shared by 11 records or more;
    record-level tables without any quasi-identifier column.

    **Why it matters.** Removing names and IDs does not make a file anonymous: a 62-year-old
    woman with a 2019 diagnosis of an uncommon site in one ZIP3 area is often the only such
    record, and anyone who knows those facts about her learns the rest of her row. NCCR DUA §8
    forbids generating information from which identities could be readily ascertained, §17
    information on an individual; TCIA §3.1 forbids identifying the individuals.

    **Example.** ::

        age,sex,zip3,year_dx,site
        62,F,850,2019,Bone
        ...                     <- whole file: k = 1 over 'age', 'sex', 'zip3', 'year_dx',
                                   'site' (40 records); 31 records are unique on them

    **How to fix.** Do not publish record-level data (see OS110). Where a de-identified
    extract may be released, generalise the quasi-identifiers (age bands instead of years,
    ZIP3 to state, diagnosis year to a period, rare sites grouped) and suppress the records
    still in groups smaller than the threshold, until every combination is shared by at
    least 11 records.
    """

    code = "OS111"
    name = "low-k-anonymity"
    category = Category.INDIVIDUAL_RECORDS
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        evidence = record_level(table)
        if evidence is None:
            return
        quasi = quasi_identifiers(table)
        if not quasi:
            return
        k, unique, worst = k_anonymity(table, [q.column for q in quasi])
        if k == 0 or k >= K_REVIEW:
            return
        names = ", ".join(q.name for q in quasi)
        records = evidence.rows
        groups = "; ".join(f"{g.size} record{'s' if g.size != 1 else ''} (first at row {g.first_row})" for g in worst)
        message = (f"k = {k} over {names} ({records} records); {unique} record{'s are' if unique != 1 else ' is'} "
                   f"unique on them; smallest groups: {groups}")
        yield self.finding(context, table.location(), message=message,
                           evidence=short(f"k = {k}; {unique} unique of {records}"),
                           match_key=f"{table.sheet}|{names}",
                           severity=Severity.BLOCK if k < K_BLOCK else Severity.REVIEW)
