"""OS210 small-count-in-prose."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class SmallCountInProse(TextCheck):
    """A count of people below the policy's threshold, written in a manuscript's text.

    **What it flags.** A number that counts people or events of people and is below the
    policy's minimum (10 under ``sdc-handbook``, 16 under ``nccr-dua``): "n = 3", "only four
    children", "two cases", "a single patient", "3 (1.2%)", "3/250 patients", "3 of the 250
    patients", in the body, captions, comments and headers. Words count as numbers ("one",
    "a single", "twelve").

    **What it leaves alone.** Labels ("Table 3", "stage 2", "grade 3", "Figure 4"), rates
    ("3 per 100,000", "1 in 5 children"), bounds written to suppress ("fewer than 10
    patients", "<16"), ranges ("2-5 patients"), percentages, durations and ages ("5-year
    survival", "3-year-old"), counts of things that are not people ("n = 3 replicates",
    "two groups"), zero (unless the policy counts zero as small), and counts in tables,
    which the table checks read with their totals.

    **Why it matters.** A small count in the text discloses as much as a small cell in a
    table, and the text is where suppression is most often forgotten: NCCR DUA §17 asks
    publications to follow NIH's small-cell policy; the output-checking threshold rule
    asks for at least 10 units behind every number.

    **Example.** Under ``nccr-dua`` (threshold 16)::

        Only 3 patients (1.2%) relapsed after transplant.   <- 'Only 3 patients' (3 < 16)

    **How to fix.** Give the count at a coarser level that reaches the threshold, write
    "fewer than 16" (the policy's threshold), or drop the sentence. Keep the percentage
    only if the denominator cannot recover the count.
    """

    code = "OS210"
    name = "small-count-in-prose"
    category = Category.SMALL_CELL
    severity = Severity.BLOCK
    entities = ("PERSON_COUNT",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        value = hit.detail.get("value")
        if value is None or not context.policy.is_small(value):
            return None
        policy = context.policy
        return self.report(hit, document, context,
                           f"a count of {value} in the text, below the minimum of {policy.min_count} "
                           f"({policy.min_count_source})", match_key=f"count:{value}:{' '.join(hit.text.lower().split())}")
