"""OS221 registry-name."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.text_engine import TextHit


@register
class RegistryName(TextCheck):
    """A cancer registry named in a manuscript, which names the area it covers.

    **What it flags.** A state or regional cancer registry: "the Utah Cancer Registry",
    "Connecticut Tumor Registry", "New York State Cancer Registry", "Cancer Registry of
    Greater California", "SEER Atlanta", "the Seattle-Puget Sound registry" (SEER's
    registry areas and aliases are in outscan's gazetteer). Blocks under a policy whose
    released geography does not include registries (``nccr-dua``); for review otherwise.

    **What it leaves alone.** National programmes and pooled data ("the National Childhood
    Cancer Registry", "SEER 22", "the SEER Program", "NPCR"), registries named in the
    byline or the reference list.

    **Why it matters.** A registry is an area and a data source at once: NCCR DUA §10 lists
    the registry among the geographic areas a user may not identify or infer, and §11
    forbids identifying a data source.

    **Example.** Under ``nccr-dua``::

        Two of the cases were reported by the Utah Cancer Registry.   <- 'Utah Cancer Registry'

    **How to fix.** Describe the data as the release does (e.g. "NCCR data, all registries
    combined") and leave out which registry reported what.
    """

    code = "OS221"
    name = "registry-name"
    category = Category.GEOGRAPHY
    severity = Severity.BLOCK
    entities = ("REGISTRY",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        allowed = context.policy.geography_allowed
        if allowed is not None and "registry" in allowed:
            return None
        severity = Severity.REVIEW if allowed is None else None
        return self.report(hit, document, context,
                           f"names a cancer registry, which identifies its area ({hit.detail.get('area', '?')})",
                           severity)
