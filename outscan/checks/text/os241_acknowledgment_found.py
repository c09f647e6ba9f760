"""OS241 acknowledgment-found."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.checks.text.os240_missing_acknowledgment import credit, credit_finding
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity


@register
class AcknowledgmentFound(Check):
    """A manuscript credits an agreement's data as the agreement asks: recorded for the worksheet.

    **What it flags.** An *info* finding per policy pack with an ``acknowledgment:`` section
    whose data the manuscript says it used (see OS240) and whose every required element is
    there: under ``nccr-dua`` the NCCR data named and the dataset version; under
    ``tcia-limited-access`` TCIA as the source, the collection's data citation with its DOI
    and the NCI funding of TCIA. The worksheet lists these beside OS240's missing credit in
    its *Acknowledgements* section, so the reviewer sees the credit was checked, not skipped.

    **What it leaves alone.** Manuscripts that do not say they used a pack's data, and those
    whose credit is incomplete (OS240 reports what is missing).

    **Why it matters.** NCCR DUA §18 and the TCIA license §6 ask for something present; the
    output checker signs off that it is, and this is the record of it.

    **Example.** "Data: National Childhood Cancer Registry (NCCR) Data Platform, 2023
    release." under ``nccr-dua`` gives "the manuscript credits NCCR data as asked (the NCCR
    data, the dataset version)".

    **How to fix.** Nothing to fix.
    """

    code = "OS241"
    name = "acknowledgment-found"
    category = Category.ACKNOWLEDGMENT
    severity = Severity.INFO
    reads = TextDocument

    def run(self, document: TextDocument, context: CheckContext) -> Iterator[Finding]:
        for ack, mention, missing in credit(document, context):
            if not missing:
                names = ", ".join(element.name for element in ack.requires)
                yield credit_finding(self, document, context, ack, mention,
                                     f"the manuscript credits {ack.data} as asked ({names})", "acknowledged")
