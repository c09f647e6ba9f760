"""What the text checks share: hits of their entities, where they are, and masked evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from outscan.checks.base import Check, CheckContext, CheckUnavailable
from outscan.documents import Part, TextDocument
from outscan.masking import excerpt, mask_digits, mask_email, mask_identifier, mask_name
from outscan.model import Finding, Severity
from outscan.text_engine import TextHit, analyse, hits
from outscan.text_engine.engine import ModelMissing

# How each entity's own words appear in evidence anywhere in a report.
_MASKS = {
    "PERSON": mask_name, "PHYSICIAN": mask_name, "MEDICAL_RECORD_NUMBER": mask_identifier, "US_SSN": mask_identifier,
    "NPI": mask_identifier, "PHONE_NUMBER": mask_identifier, "EMAIL_ADDRESS": mask_email,
    "STREET_ADDRESS": lambda t: mask_identifier(t.split()[0]) + " " + " ".join(t.split()[1:]) if t.split() else t,
    "PERSONAL_DATE": lambda t: mask_digits(t) if any(c == "/" or c == "-" for c in t) else _year_only(t),
    "AGE_OVER_89": lambda t: "".join("*" if c.isdigit() else c for c in t),
}

_WHERE = {
    Part.COMMENT: "in a comment, which is published with the source file",
    Part.HEADER_FOOTER: "in a page header or footer",
    Part.PROPERTY: "in the document's properties",
    Part.TABLE: "in a table",
    Part.CAPTION: "in a caption",
    Part.CODE: "in a code block",
}


def _year_only(text: str) -> str:
    words = text.replace(",", " ").split()
    return " ".join("**" if w.rstrip("stndrh").isdigit() and len(w.rstrip("stndrh")) <= 2 else w for w in words)


def masked(hit: TextHit) -> str:
    mask = _MASKS.get(hit.entity)
    return mask(hit.text) if mask else " ".join(hit.text.split())


def evidence(document: TextDocument, hit: TextHit) -> str:
    """The hit in its sentence, with the hit and every identifier around it masked."""
    others = [(other.start, other.end, masked(other)) for other in analyse(document)
              if other.block is hit.block and other.entity in _MASKS]
    return excerpt(hit.block.text, hit.start, hit.end, masked(hit), others)


def where(hit: TextHit) -> str:
    """' (in a comment ...)' when the part says more than the line does."""
    said = _WHERE.get(hit.block.part)
    if hit.block.label and hit.block.part in (Part.COMMENT, Part.HEADER_FOOTER, Part.PROPERTY, Part.TABLE):
        said = f"{said} ({hit.block.label})" if said else hit.block.label
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
        return self.finding(context, document.location(hit.block, hit.start), message + where(hit),
                            evidence(document, hit), match_key or f"{hit.entity}:{' '.join(hit.text.lower().split())}",
                            severity)
