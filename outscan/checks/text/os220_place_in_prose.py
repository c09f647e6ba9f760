"""OS220 place-in-prose."""

from __future__ import annotations

from outscan.checks.base import CheckContext
from outscan.checks.registry import register
from outscan.checks.text.base import TextCheck
from outscan.documents import TextDocument
from outscan.model import Category, Finding, Severity
from outscan.tables.geography import Level
from outscan.text_engine import TextHit

# With no `geography_allowed` in the policy, only places below a state are reported.
_SUB_STATE = frozenset({Level.COUNTY, Level.CITY, Level.ZIP3, Level.ZIP5, Level.TRACT, Level.BLOCK_GROUP,
                        Level.COORDINATES})
_NAMES = {Level.STATE: "a state", Level.COUNTY: "a county", Level.CITY: "a city or town", Level.ZIP3:
          "a 3-digit ZIP area", Level.ZIP5: "a ZIP code", Level.TRACT: "a census tract or block group",
          Level.COORDINATES: "coordinates"}


@register
class PlaceInProse(TextCheck):
    """A place below the released geography named in a manuscript's text.

    **What it flags.** Counties ("rural Johnson County", "Orleans Parish"), cities and
    towns (a place spaCy tags as a location and outscan's gazetteer of US places knows, or
    a "Memphis, TN" pair), ZIP codes (labelled, or after a state code) and 3-digit ZIP
    areas, census tracts and block groups, and coordinates, in the body, captions,
    comments and headers. Under a policy that lists the levels its data release includes
    (``geography_allowed``; ``nccr-dua`` allows national figures only), every level not
    listed is reported, states too, and blocks; under a policy that lists none, places
    below a state are reported for review.

    **What it leaves alone.** The byline, affiliations and acknowledgements (the authors'
    institutions and cities); "United States" and national figures; names the gazetteer
    does not know; ZIP codes that do not exist; number pairs that are not coordinates
    (confidence intervals).

    **Why it matters.** A place narrows who a count or a case can be about. NCCR DUA §10
    forbids identifying or inferring any geographic area not released in the data; a
    county beside a case description can identify the child.

    **Example.**::

        A 7-year-old girl from rural Johnson County ...   <- 'Johnson County' (a county)

    **How to fix.** Leave the place out, or name a level the release includes. If your
    release included an area, record it in your own pack (``extends: nccr-dua`` with
    ``geography_allowed``).
    """

    code = "OS220"
    name = "place-in-prose"
    category = Category.GEOGRAPHY
    severity = Severity.BLOCK
    entities = ("PLACE",)

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        level = Level(hit.detail.get("level", "city"))
        allowed = context.policy.geography_allowed
        if allowed is None:
            if level not in _SUB_STATE:
                return None
            severity = Severity.REVIEW
            why = "below the state level"
        else:
            if level.value in allowed:
                return None
            severity = None
            why = f"a level the policy does not allow (allowed: {', '.join(sorted(allowed)) or 'none'})"
        return self.report(hit, document, context, f"names {_NAMES.get(level, level.value)}, {why}", severity,
                           match_key=f"place:{level.value}:{' '.join(hit.text.lower().split())}")
