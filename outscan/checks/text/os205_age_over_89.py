"""OS205 age-over-89."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class AgeOver89(TextCheck):
    """A person's age above 89 written in a manuscript.

    **What it flags.** An individual age of 90 or more: "a 93-year-old man", "aged 95",
    "92 years of age", "(age 91)".

    **What it leaves alone.** Age bands and open groups ("aged 90 and over", "90+ years",
    "90-94 years", ">=90"), which are aggregates; ages of 89 or less.

    **Why it matters.** Few people are that old: HIPAA's Safe Harbor method counts any age
    over 89 as an identifier and groups them as "90 or older". NCCR DUA §8 and §17 forbid
    information that identifies, or is about, an individual.

    **Example.**::

        A 93-year-old woman was ...   <- '**-year-old'

    **How to fix.** Write "90 or older", or leave the age out.
    """

    code = "OS205"
    name = "age-over-89"
    category = Category.IDENTIFIER
    severity = Severity.BLOCK
    entities = ("AGE_OVER_89",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        return self.report(hit, document, context, "an individual age over 89 (HIPAA groups these as '90 or older')",
                           match_key=f"age:{hit.detail.get('age')}:{hit.text.lower()}")
