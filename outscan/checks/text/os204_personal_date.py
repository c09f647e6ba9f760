"""OS204 personal-date."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class PersonalDate(TextCheck):
    """An exact date of one person's birth, diagnosis, admission, surgery or death.

    **What it flags.** A full date (a day: "March 4, 2015", "4 March 2015", "03/04/2015",
    "2015-03-04") in a sentence about one person ("he", "she", "the patient", "a 7-year-old
    girl", "DOB") with a life event beside it: born, diagnosed, admitted, discharged,
    operated, relapsed, died.

    **What it leaves alone.** Study periods and data freezes ("diagnosed between January 1,
    2000 and December 31, 2018", "follow-up through March 1, 2024"), dates about groups of
    patients, months and years alone ("in March 2015", "5-year survival"), and dates in the
    reference list.

    **Why it matters.** Exact dates tied to a person are identifiers under HIPAA's Safe
    Harbor method (all elements of dates except the year), and they link a sentence to a
    record: NCCR DUA §8, TCIA §3.1.

    **Example.**::

        She was diagnosed on March 4, 2015 and ...   <- 'March **, 2015'

    **How to fix.** Give intervals instead of dates ("diagnosed at age 7; relapse 14
    months later") or the year alone.
    """

    code = "OS204"
    name = "personal-date"
    category = Category.IDENTIFIER
    severity = Severity.BLOCK
    entities = ("PERSONAL_DATE",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        return self.report(hit, document, context, "an exact date tied to one person (birth, diagnosis, "
                                                   "admission, treatment or death)")
