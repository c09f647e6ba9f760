"""What outscan's recognisers share: a presidio `EntityRecognizer` that yields `Match`es.

Each recogniser is a small rule in a module of its own, with pass and fail sentences in
``tests/test_recognizers.py``. `detail` carries what a check needs beyond the span (a
count's value, a place's level) through presidio's recognition metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult


@dataclass(frozen=True)
class Match:
    entity: str
    start: int
    end: int
    score: float = 0.85
    detail: dict = field(default_factory=dict)


class OutscanRecognizer(EntityRecognizer):
    ENTITIES: ClassVar[tuple[str, ...]]

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=type(self).__name__, supported_language="en")

    def load(self) -> None:  # patterns compile at import; nothing to load
        pass

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES)
        return [
            RecognizerResult(match.entity, match.start, match.end, match.score,
                             recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                   RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                                   "detail": match.detail})
            for match in self.find(text, nlp_artifacts) if match.entity in wanted
        ]


def words(*alternatives: str) -> str:
    """A regex alternation of whole words, longest first so "patients" beats "patient"."""
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


def window(text: str, start: int, end: int, before: int = 60, after: int = 40) -> tuple[str, str]:
    """The text around a span, cut at sentence ends: context words must be in the same sentence."""
    left = text[max(0, start - before):start]
    right = text[end:end + after]
    cut = max(left.rfind(". "), left.rfind("; "), left.rfind("\n\n"))
    if cut >= 0:
        left = left[cut + 2:]
    stop = min((i for i in (right.find(". "), right.find("; "), right.find("\n\n")) if i >= 0), default=len(right))
    return left, right[:stop]


NUMBER_WORDS = {
    "zero": 0, "no": 0, "one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "a couple of": 2, "a pair of": 2, "both": 2, "twin": 2,
}
NUMBER_WORD = words(*(re.escape(w) for w in NUMBER_WORDS if w not in ("no", "both", "twin", "zero")))


def number_value(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    return NUMBER_WORDS.get(text)
