"""OS201 person-name."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class PersonName(TextCheck):
    """A person's name in the text of a manuscript.

    **What it flags.** A full name (given name and surname, or a surname after "Mr.",
    "Ms.", "patient") that spaCy's named-entity model finds in the body of a manuscript,
    a caption, a table, a comment (LaTeX ``%`` lines, HTML comments, Word review
    comments), a page header or the document's properties. Physicians are reported by
    OS231 instead.

    **What it leaves alone.** The paper's own authors, wherever they are named (from the
    byline, LaTeX ``\\author``, YAML front matter, the DOCX author property); the byline,
    affiliations, acknowledgements, funding and contributions sections; the reference
    list; names in a citation ("Smith et al.", "(Smith, 2019)", a sentence with a DOI);
    eponyms and named methods (Kaplan-Meier, Cox, Hodgkin, Wilms, Ewing, Fisher's exact,
    Mann-Whitney, Bonferroni, Charlson, Gleason, ...); gene and protein symbols (BRCA1,
    TP53, Ki-67); a lone capitalised word, which in scientific prose is far more often a
    method or a place than a person.

    **Why it matters.** A name identifies a person outright: NCCR DUA §8 forbids sharing
    information that would identify an individual, §17 publishing it; TCIA §3.1 forbids any
    effort to identify the individuals who are the sources of the data.

    **Example.**::

        Patient John Smith relapsed at 14 months.   <- line 12: 'J*** S***'

    **How to fix.** Remove the name; refer to the person, if at all, by a study code that
    is not a record number ("Patient 3"), or describe the group instead.
    """

    code = "OS201"
    name = "person-name"
    category = Category.IDENTIFIER
    severity = Severity.BLOCK
    entities = ("PERSON",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        return self.report(hit, document, context, "a person's name")
