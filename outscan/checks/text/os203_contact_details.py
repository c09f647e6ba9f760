"""OS203 contact-details."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit

_WHAT = {"PHONE_NUMBER": "a phone number", "EMAIL_ADDRESS": "an email address", "STREET_ADDRESS": "a street address",
         "USER_PATH": "a username in a home-directory path"}


@register
class ContactDetails(TextCheck):
    """A phone number, email address or street address in a manuscript's text.

    **What it flags.** US phone numbers (presidio's phone recogniser, plus any number in
    the US pattern after "phone", "tel", "fax", "cell"), email addresses, street
    addresses ("1420 Maple Avenue", "22 W. Oak St., Apt 4") and P.O. boxes, in the body,
    captions, tables, comments, headers and properties; and usernames in home-directory
    paths (``/home/jdoe/...``, ``C:\\Users\\jdoe\\...``), which notebooks keep in their
    metadata and tracebacks (accounts that name nobody, such as ``jovyan`` or ``runner``,
    are left alone).

    **What it leaves alone.** The byline and a "Correspondence" or affiliations section,
    where the corresponding author's address, phone and email belong; emails in the
    acknowledgements; years, ranges and statistics that look like digits in groups.

    **Why it matters.** Contact details reach a person directly: NCCR DUA §8 forbids
    information that would identify an individual, TCIA §3.1 any effort to identify or
    contact the people who are the sources of the data.

    **Example.**::

        ... could be reached at 312-555-0187 or jdoe@example.org   <- '********87', 'j***@example.org'

    **How to fix.** Remove the contact details. The corresponding author's belong in the
    byline or the correspondence section.
    """

    code = "OS203"
    name = "contact-details"
    category = Category.IDENTIFIER
    severity = Severity.BLOCK
    entities = ("PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "USER_PATH")

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        return self.report(hit, document, context, _WHAT[hit.entity])
