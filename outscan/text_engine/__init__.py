"""The text engine: one analysis of a document's text, shared by every text check.

`analyse(document)` runs presidio (spaCy's named entities, its phone and email
recognisers, and outscan's own recognisers in ``recognizers/``) over each block of text,
batched through spaCy's pipe, then drops what scientific prose explains (eponyms, genes,
citations, the paper's own authors) and what a block's part makes harmless (names in the
reference list, affiliations in the byline). The result is cached on the document: each
check takes the hits of its own entities.

Blocks are analysed one by one (a paragraph, a cell, a page), never as one whole-document
call, which costs three times the memory; a block longer than `_MAX_BLOCK` is analysed in
pieces cut at line breaks, sentence ends or spaces, never inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from outscan.documents import Part, TextBlock, TextDocument
from outscan.text_engine.science import quiet_person

# The entities outscan asks presidio for; spaCy's ORGANIZATION and LOCATION feed the
# place and provider recognisers through the NLP artifacts and are not reported alone.
ENTITIES = ("PERSON", "PHYSICIAN", "MEDICAL_RECORD_NUMBER", "US_SSN", "NPI", "PHONE_NUMBER", "EMAIL_ADDRESS",
            "STREET_ADDRESS", "PERSONAL_DATE", "AGE_OVER_89", "PERSON_COUNT", "CASE_DESCRIPTION", "PLACE",
            "REGISTRY", "FACILITY", "USER_PATH")
_MIN_SCORE = 0.4
_MAX_BLOCK = 20_000
_BATCH = 32

# Where an entity is not a finding, by part. The byline and an affiliations section hold
# the authors, their institutions, cities and contact details; the back matter thanks
# colleagues; table cells hold counts that the table checks read as a table.
_QUIET_IN: dict[str, frozenset[Part]] = {
    "PERSON": frozenset({Part.FRONT, Part.BACK}),
    "PHYSICIAN": frozenset({Part.FRONT, Part.BACK}),
    "PHONE_NUMBER": frozenset({Part.FRONT}),
    "EMAIL_ADDRESS": frozenset({Part.FRONT, Part.BACK}),
    "STREET_ADDRESS": frozenset({Part.FRONT}),
    # Places in a table's cells are the table checks' (OS120 judges a column of them).
    "PLACE": frozenset({Part.FRONT, Part.BACK, Part.TABLE}),
    "FACILITY": frozenset({Part.FRONT}),
    "REGISTRY": frozenset({Part.FRONT, Part.TABLE}),
    "PERSON_COUNT": frozenset({Part.TABLE, Part.BACK, Part.PROPERTY}),
    "CASE_DESCRIPTION": frozenset({Part.TABLE, Part.BACK}),
}
# Parts never analysed: a reference list is other people's papers.
_SKIPPED_PARTS = frozenset({Part.REFERENCES})
# When two hits cover the same words, the more specific one stands.
_SUPERSEDED_BY = {
    "PERSON": ("PHYSICIAN", "FACILITY", "REGISTRY", "PLACE", "STREET_ADDRESS"),
    "PHONE_NUMBER": ("MEDICAL_RECORD_NUMBER", "US_SSN", "NPI", "PERSONAL_DATE", "PLACE"),
    "PLACE": ("REGISTRY", "STREET_ADDRESS", "FACILITY"),
    "PERSON_COUNT": ("CASE_DESCRIPTION", "AGE_OVER_89"),
}
# What makes a sentence a citation: a DOI, "doi", "et al".
_CITING = re.compile(r"\b10\.\d{4,9}/\S+|\bdoi\b|\bet al\b", re.I)


@dataclass(frozen=True)
class TextHit:
    """One recognised span: which entity, in which block, where, and what the recogniser saw."""

    entity: str
    block: TextBlock
    start: int
    end: int
    score: float
    detail: dict = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def analyse(document: TextDocument) -> list[TextHit]:
    """Every hit in the document, in reading order (computed once per document)."""
    cached = document.derived.get("text_hits")
    if cached is None:
        cached = document.derived["text_hits"] = list(_analyse(document))
    return cached


def hits(document: TextDocument, *entities: str) -> list[TextHit]:
    return [hit for hit in analyse(document) if hit.entity in entities]


def _pieces(block: TextBlock) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of at most _MAX_BLOCK characters, cut at line breaks where possible."""
    text, offset = block.text, 0
    while len(text) - offset > _MAX_BLOCK:
        # At a line break, else a sentence's end, else a space: never inside a word or a name.
        cut = text.rfind("\n", offset, offset + _MAX_BLOCK)
        if cut <= offset:
            cut = text.rfind(". ", offset, offset + _MAX_BLOCK)
        if cut <= offset:
            cut = text.rfind(" ", offset, offset + _MAX_BLOCK)
        cut = cut + 1 if cut > offset else offset + _MAX_BLOCK
        yield offset, text[offset:cut]
        offset = cut
    yield offset, text[offset:]


def _analyse(document: TextDocument) -> Iterator[TextHit]:
    from outscan.text_engine.engine import analyzer

    jobs = [(block, offset, piece) for block in document.blocks
            if block.part not in _SKIPPED_PARTS and block.text.strip() for offset, piece in _pieces(block)]
    if not jobs:
        return
    engine = analyzer()
    artifacts = engine.nlp_engine.process_batch([piece for _, _, piece in jobs], language="en", batch_size=_BATCH)
    authors = Authors.of(document.authors)
    for (block, offset, piece), (_, nlp_artifacts) in zip(jobs, artifacts):
        results = engine.analyze(piece, language="en", entities=list(ENTITIES), nlp_artifacts=nlp_artifacts,
                                 score_threshold=_MIN_SCORE)
        found = [TextHit(r.entity_type, block, r.start + offset, r.end + offset, r.score,
                         (r.recognition_metadata or {}).get("detail") or {}) for r in results]
        yield from sorted(_keep(found, block, authors), key=lambda h: (h.start, h.entity))


def _keep(found: list[TextHit], block: TextBlock, authors: "Authors") -> Iterator[TextHit]:
    by_entity: dict[str, list[TextHit]] = {}
    for hit in found:
        by_entity.setdefault(hit.entity, []).append(hit)
    for hit in found:
        if block.part in _QUIET_IN.get(hit.entity, ()):
            continue
        # Only the (few) hits of the entities that supersede this one are looked at: a
        # paragraph of 20,000 names must not compare every name with every other.
        if any(other.start < hit.end and hit.start < other.end
               for entity in _SUPERSEDED_BY.get(hit.entity, ()) for other in by_entity.get(entity, ())):
            continue
        if hit.entity in ("PERSON", "PHYSICIAN") and _not_a_subject(hit, block, authors):
            continue
        yield hit


# A cited author's name is followed by initials ("Clark K, Vendt B, ...", "Smith J.") in a
# sentence that cites (a DOI, "et al", a year in brackets).
_INITIALS_AFTER = re.compile(r"^,?\s+[A-Z]{1,3}\.?(?:\s*[A-Z]\.)?\s*[,;.]")


def _not_a_subject(hit: TextHit, block: TextBlock, authors: "Authors") -> bool:
    """A name that is an author of the paper, a cited author, or an eponym, not a person in the data."""
    if authors.wrote(hit.text):
        return True
    if _INITIALS_AFTER.match(block.text, hit.end) or _INITIALS_AFTER.match(block.text[hit.end:hit.end + 12]):
        sentence_start = max(block.text.rfind(". ", 0, hit.start), block.text.rfind("\n", 0, hit.start), 0)
        sentence_end = block.text.find("\n\n", hit.end)
        if _CITING.search(block.text[sentence_start:sentence_end if sentence_end >= 0 else len(block.text)]):
            return True
    if hit.entity == "PERSON" and not hit.detail.get("sure"):
        return quiet_person(block.text, hit.start, hit.end)
    return False


@dataclass(frozen=True)
class Authors:
    """The paper's own authors, as (surname, first initial): "Jane Public" and "J. Public" are
    the author Jane Q. Public; "John Public" and "Linda Wilson" (one shared word) are not."""

    names: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, authors: tuple[str, ...]) -> "Authors":
        names = set()
        for author in authors:
            if "," in author:  # "Smith, J." / "Smith, John"
                surname, _, given = author.partition(",")
            else:
                words = author.split()
                surname, given = (words[-1], words[0]) if len(words) > 1 else (author, "")
            surname = _name_key(surname)
            if surname:
                names.add((surname, _name_key(given)[:1]))
        return cls(frozenset(names))

    def wrote(self, name: str) -> bool:
        words = [w for w in re.split(r"\s+", name.strip()) if w.strip(".,")]
        if not words or not self.names:
            return False
        surname = _name_key(words[-1])
        given = _name_key(words[0])[:1] if len(words) > 1 else ""
        return any(surname == s and (not given or not initial or given == initial) for s, initial in self.names)


def _name_key(word: str) -> str:
    return word.strip(" .,;:()").lower().removesuffix("'s").removesuffix("’s")


@dataclass(frozen=True)
class ValueHit:
    """A hit in a short standalone value (a DICOM description): where, what, and the recogniser's detail."""

    entity: str
    start: int
    end: int
    score: float
    detail: dict = field(default_factory=dict, compare=False)


# Values already analysed in this process: a series repeats its descriptions in every file,
# and an archive repeats its protocol names, so each distinct text meets spaCy once.
_VALUE_CACHE: dict[str, tuple[ValueHit, ...]] = {}
_VALUE_CACHE_LIMIT = 100_000


def analyse_values(values: list[str]) -> list[tuple[ValueHit, ...]]:
    """The hits of each value, analysed as body text; repeated values cost nothing after the first."""
    unseen = [value for value in dict.fromkeys(values) if value not in _VALUE_CACHE]
    if unseen:
        document = TextDocument([TextBlock(value) for value in unseen])
        by_block: dict[int, list[ValueHit]] = {}
        for hit in analyse(document):
            by_block.setdefault(id(hit.block), []).append(
                ValueHit(hit.entity, hit.start, hit.end, hit.score, hit.detail))
        if len(_VALUE_CACHE) + len(unseen) > _VALUE_CACHE_LIMIT:
            _VALUE_CACHE.clear()
        for block in document.blocks:
            _VALUE_CACHE[block.text] = tuple(by_block.get(id(block), ()))
    return [_VALUE_CACHE[value] for value in values]
