"""OS230 named-facility."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import Part, TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class NamedFacility(TextCheck):
    """A named hospital, clinic, laboratory or oncology practice in a manuscript.

    **What it flags.** Facilities by name: "St. Mary's Children's Hospital", "Mayo
    Clinic", "Hospital for Sick Children", "Riverside Pediatric Oncology Associates",
    "Quest Diagnostics Laboratory", "Lakeside Imaging Center". In acknowledgements it is
    reported for review (thanking a hospital often says where the data came from).

    **What it leaves alone.** The byline and affiliations (the authors' institutions);
    descriptions rather than names ("a tertiary children's hospital", "University
    Hospital" alone, "participating centers"); national bodies and cooperative groups
    (the National Cancer Institute, the Children's Oncology Group, NCI-designated cancer
    centers); the reference list.

    **Why it matters.** NCCR DUA §11 forbids identifying or inferring a data source,
    healthcare provider or facility — hospital, laboratory, oncology office. A named
    hospital beside a case or a count tells readers where the record came from.

    **Example.**::

        ... was treated at St. Mary's Children's Hospital by Dr. Alvarez.   <- the hospital

    **How to fix.** Describe the kind of facility ("a children's hospital in the Midwest"
    only if the release allows the region) or leave it out.
    """

    code = "OS230"
    name = "named-facility"
    category = Category.DATA_SOURCE
    severity = Severity.BLOCK
    entities = ("FACILITY",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        severity = Severity.REVIEW if hit.block.part is Part.BACK else None
        return self.report(hit, document, context, "names a hospital, clinic, laboratory or practice (a data source)",
                           severity)
