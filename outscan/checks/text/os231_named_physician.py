"""OS231 named-physician."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class NamedPhysician(TextCheck):
    """A physician or other provider named in a manuscript, or a provider's NPI number.

    **What it flags.** A title and a name ("Dr. Alvarez", "Prof. Chen"), a name with a
    clinical credential ("Jane Roe, MD"), a person beside a clinical role ("the treating
    oncologist, Maria Chen", "referred by Ann Lee"), and National Provider Identifier
    numbers (10 digits with a valid NPI check digit, next to "NPI" or "provider").

    **What it leaves alone.** The paper's authors (byline, contributions), people thanked
    in the acknowledgements, cited authors and eponyms ("Dr. Kaplan's estimator" is still
    flagged only when it is not an eponym).

    **Why it matters.** NCCR DUA §11 forbids identifying or inferring a data source or
    healthcare provider. A physician's name tells readers which practice a record came
    from, and with a case description, which child.

    **Example.**::

        ... treated at St. Mary's Children's Hospital by Dr. Alvarez.   <- 'Dr. A***'

    **How to fix.** Remove the name ("by the treating oncologist").
    """

    code = "OS231"
    name = "named-physician"
    category = Category.DATA_SOURCE
    severity = Severity.BLOCK
    entities = ("PHYSICIAN", "NPI")

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        if hit.entity == "NPI":
            return self.report(hit, document, context, "a provider's NPI number")
        return self.report(hit, document, context, "names a physician or provider (a data source)")
