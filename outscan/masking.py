"""Masking for evidence: reports are shared and CI logs are public.

Checks call these before a value goes into a Finding; formatters never see the raw value.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LONG_DIGITS = re.compile(r"\d{5,}")
# Full dates keep only their year: a date of birth must not reach a report.
_FULL_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|(\d{4})-\d{1,2}-\d{1,2})\b"
)
_MAX_EVIDENCE = 60


def mask_digits(text: str) -> str:
    """Full dates keep their year; long digit runs (record numbers) keep their last two digits."""
    text = _FULL_DATE.sub(lambda m: f"**/**/{m.group(1) or m.group(2)}", text)
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 2) + m.group()[-2:], text)


def short(text: str, limit: int = _MAX_EVIDENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=1 << 14)
def safe_label(text: str) -> str:
    """A row or column label fit for a report line."""
    return short(mask_digits(text), 40)


def mask_name(text: str) -> str:
    """'John Smith' -> 'J*** S***': enough for the author to find it, not enough to name anyone."""
    return " ".join(word if word.rstrip(".").lower() in _TITLES else word[0] + "***" if word[:1].isalpha() else word
                    for word in text.split())


_TITLES = frozenset({"dr", "drs", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"})


def mask_identifier(text: str) -> str:
    """Every letter and digit but the last two starred: 'MRN 4471902' -> '*** *****02'."""
    keep = 2
    out, seen = [], 0
    total = sum(ch.isalnum() for ch in text)
    for ch in text:
        if ch.isalnum():
            seen += 1
            out.append(ch if seen > total - keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return f"{local[:1]}***@{domain}" if domain else mask_identifier(text)


def excerpt(text: str, start: int, end: int, shown: str, masked_spans: list[tuple[int, int, str]] = (),
            context: int = 28) -> str:
    """The words around a span, the span itself shown as `shown`, other identifiers masked.

    `masked_spans` are (start, end, replacement) for every identifier near the span, so an
    MRN beside a name is not printed in the name's evidence.
    """
    left_edge = max(0, start - context)
    right_edge = min(len(text), end + context)
    pieces, cursor = [], left_edge
    spans = sorted([(s, e, r) for s, e, r in masked_spans if s < right_edge and e > left_edge and not (s == start and e == end)]
                   + [(start, end, shown)])
    for s, e, replacement in spans:
        s, e = max(s, left_edge), min(e, right_edge)
        if s < cursor:
            continue
        pieces.append(mask_digits(text[cursor:s]))
        pieces.append(replacement)
        cursor = e
    pieces.append(mask_digits(text[cursor:right_edge]))
    body = " ".join("".join(pieces).split())
    return ("…" if left_edge > 0 else "") + body + ("…" if right_edge < len(text) else "")
