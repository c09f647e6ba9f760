"""What the text checks share: hits of their entities, where they are, and masked evidence."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from typing import ClassVar

from outscan.checks.base import Check, CheckContext, CheckUnavailable
from outscan.documents import Part, TextDocument
from outscan.masking import excerpt_with_span, mask_age, mask_date, mask_email, mask_identifier, mask_name, mask_street
from outscan.model import Finding, Severity
from outscan.text_engine import TextHit, analyse, hits
from outscan.text_engine.engine import ModelMissing

# How each entity's own words appear in evidence anywhere in a report.
_MASKS = {
    "PERSON": mask_name, "PHYSICIAN": mask_name, "MEDICAL_RECORD_NUMBER": mask_identifier, "US_SSN": mask_identifier,
    "NPI": mask_identifier, "PHONE_NUMBER": mask_identifier, "EMAIL_ADDRESS": mask_email,
    "STREET_ADDRESS": mask_street,
    "PERSONAL_DATE": mask_date,
    "AGE_OVER_89": mask_age,
    "USER_PATH": lambda t: t[:1] + "***",
}
# Places are shown by name (the reviewer needs to know which county), but codes that pin a
# home down (ZIP codes, tracts, coordinates) are masked like identifiers.
_MASKED_PLACE_LEVELS = frozenset({"zip5", "zip3", "tract", "block_group", "coordinates"})

_WHERE = {
    Part.COMMENT: "in a comment, which is published with the source file",
    Part.HEADER_FOOTER: "in a page header or footer",
    Part.PROPERTY: "in the document's properties",
    Part.TABLE: "in a table",
    Part.CAPTION: "in a caption",
    Part.CODE: "in a code block",
}


def masked(hit: TextHit) -> str | None:
    """The hit's words as a report may show them, or None when they are shown as written."""
    if hit.entity == "PLACE" and hit.detail.get("level") in _MASKED_PLACE_LEVELS:
        return mask_identifier(hit.text, digits_only=True)
    mask = _MASKS.get(hit.entity)
    return mask(hit.text) if mask else None


def _identifiers_by_block(document: TextDocument) -> dict[int, list[tuple[int, int, str]]]:
    """Every masked span of the document, by block: computed once, read by every finding."""
    cached = document.derived.get("masked_spans")
    if cached is None:
        cached = {}
        for hit in analyse(document):
            shown = masked(hit)
            if shown is not None:
                cached.setdefault(id(hit.block), []).append((hit.start, hit.end, shown))
        for spans in cached.values():
            spans.sort()
        document.derived["masked_spans"] = cached
    return cached


def evidence(document: TextDocument, hit: TextHit) -> tuple[str, tuple[int, int] | None]:
    """The hit in its sentence, with the hit (when it is an identifier) and every identifier around it
    masked; and where the hit stands in it."""
    spans = _identifiers_by_block(document).get(id(hit.block), [])
    # Spans are sorted by start; only those that can reach the excerpt's window are passed on.
    low = bisect.bisect_left(spans, (hit.start - 400,))
    high = bisect.bisect_right(spans, (hit.end + 40,))
    nearby = [(s, e, r) for s, e, r in spans[low:high] if e > hit.start - 40]
    return excerpt_with_span(hit.block.text, hit.start, hit.end, masked(hit), nearby)


def where(hit: TextHit) -> str:
    """' (in a comment ...)' when the part says more than the line does."""
    said = _WHERE.get(hit.block.part)
    label = hit.block.label
    if label and hit.block.part in (Part.COMMENT, Part.HEADER_FOOTER, Part.PROPERTY, Part.TABLE) \
            and label.lower() not in (said or "").lower():
        said = f"{said} ({label})" if said else label
    return f" ({said})" if said else ""


class TextCheck(Check):
    """A check of a manuscript's text: judges each hit of its entities."""

    reads = TextDocument
    entities: ClassVar[tuple[str, ...]]

    def run(self, document: TextDocument, context: CheckContext) -> Iterator[Finding]:
        try:
            found = hits(document, *self.entities)
        except ModelMissing as exc:
            raise CheckUnavailable(f"the text was not checked: {exc}") from exc
        for hit in found:
            finding = self.judge(hit, document, context)
            if finding is not None:
                yield finding

    def judge(self, hit: TextHit, document: TextDocument, context: CheckContext) -> Finding | None:
        raise NotImplementedError

    def report(self, hit: TextHit, document: TextDocument, context: CheckContext, message: str,
               severity: Severity | None = None, match_key: str | None = None) -> Finding:
        shown, highlight = evidence(document, hit)
        return self.finding(context, document.location(hit.block, hit.start), message + where(hit), shown,
                            match_key or f"{hit.entity}:{' '.join(hit.text.lower().split())}", severity,
                            highlight=highlight)


def scrub_identifiers(findings: list[Finding]) -> list[Finding]:
    """The file's table findings with every identifier its text checks found masked in them.

    A table check does not know that the label "Aurelio Montefiore" is a person's name; the
    text engine does (OS201 on the same notebook). What it identified, no table finding of
    the file prints: row labels in messages and evidence are masked the same way. (Text
    findings mask every identifier in view already.)
    """
    found: dict[str, str] = {}
    for finding in findings:
        entity, _, value = finding.match_key.partition(":")
        mask = _MASKS.get(entity)
        if mask is not None and len(value) >= 4:
            found[value] = mask(value) if entity not in ("PERSON", "PHYSICIAN") else mask_name(value.title())
    if not found:
        return findings
    # Whole words only: "Diana" is a name, and no part of "Indiana".
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in sorted(found, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
    scrubbed = []
    for finding in findings:
        if finding.location.row is None and finding.location.column is None:
            scrubbed.append(finding)
            continue
        message = pattern.sub(lambda m: found[m.group().lower()], finding.message)
        evidence = pattern.sub(lambda m: found[m.group().lower()], finding.evidence)
        if message != finding.message or evidence != finding.evidence:
            finding = dataclasses.replace(finding, message=message, evidence=evidence,
                                          highlight=finding.highlight if evidence == finding.evidence else None)
        scrubbed.append(finding)
    return scrubbed
