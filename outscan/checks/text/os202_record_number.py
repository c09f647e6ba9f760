"""OS202 record-number."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class RecordNumber(TextCheck):
    """A medical record number or Social Security number in a manuscript.

    **What it flags.** A number labelled as a record number ("MRN 4471902", "medical
    record no. A-00431", "chart #88213", "patient ID 20417733", "accession number ...");
    a 6-10 digit number next to "record", "chart" or "patient ID" in the same sentence; a
    Social Security number in its dashed form with valid groups (not 000, 666 or 9xx) or
    after "SSN"/"social security".

    **What it leaves alone.** Bare nine-digit numbers with no such context (a population,
    a grant number), which presidio's default SSN and date recognisers would report;
    dashed numbers that cannot be SSNs; counts, years and grant numbers.

    **Why it matters.** A record number links a published sentence to one patient's chart:
    NCCR DUA §8 and TCIA §3.1 forbid identifying individuals, and a record number is an
    identifier under HIPAA's Safe Harbor method.

    **Example.**::

        The index case (MRN 004471902) presented with ...   <- '*******02'

    **How to fix.** Delete the number. If a case must be referred to, use a study code that
    is not derived from any hospital identifier.
    """

    code = "OS202"
    name = "record-number"
    category = Category.IDENTIFIER
    severity = Severity.BLOCK
    entities = ("MEDICAL_RECORD_NUMBER", "US_SSN")

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        what = "a Social Security number" if hit.entity == "US_SSN" else \
            f"a {hit.detail.get('label', 'medical record number')}"
        return self.report(hit, document, context, what)
