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


def mask_identifier(text: str, digits_only: bool = False) -> str:
    """Every letter and digit but the last two starred: 'MRN 4471902' -> '*** *****02'; with
    `digits_only`, the words stay: 'census tract 17031081500' -> 'census tract *********00'."""
    keep = 2
    masks = str.isdigit if digits_only else str.isalnum
    out, seen = [], 0
    total = sum(masks(ch) for ch in text)
    for ch in text:
        if masks(ch):
            seen += 1
            out.append(ch if seen > total - keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return f"{local[:1]}***@{domain}" if domain else mask_identifier(text)


def star_all(text: str) -> str:
    """Every letter and digit starred: what overlapping identifiers become together."""
    return "".join("*" if ch.isalnum() else ch for ch in text)


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_DAY_OR_MONTH_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)")
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|ninety|hundred)"
                          r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b", re.I)


def mask_date(text: str) -> str:
    """A date keeps its year only, whatever its form: 'March 4, 2015', '27-Oct-1997', '30.05.2012'."""
    text = _MONTH_WORD.sub("***", text)
    return _DAY_OR_MONTH_NUMBER.sub("**", text)


def mask_age(text: str) -> str:
    """An age's number starred, in digits or in words: '**-year-old', 'aged ***'."""
    return _NUMBER_WORD.sub("***", "".join("*" if ch.isdigit() else ch for ch in text))


def excerpt(text: str, start: int, end: int, shown: str | None, masked_spans: list[tuple[int, int, str]] = (),
            context: int = 28) -> str:
    """The words around a span, with every identifier in view masked.

    `shown` is the span's own masked form, or None when the span is shown as written (a
    count, a place name) — identifiers inside it are masked all the same. `masked_spans`
    are (start, end, replacement) for each identifier near the span. Overlapping
    identifiers are starred together, so no part of either is printed.
    """
    return excerpt_with_span(text, start, end, shown, masked_spans, context)[0]


# Private marks around the span while the excerpt is built: they survive masking and the
# whitespace squeeze, and are taken out again once their positions are known.
_OPEN, _CLOSE = "\x00", "\x01"


def excerpt_with_span(text: str, start: int, end: int, shown: str | None,
                      masked_spans: list[tuple[int, int, str]] = (), context: int = 28
                      ) -> tuple[str, tuple[int, int] | None]:
    """`excerpt`, and where the span (as shown) stands in it, for a formatter to mark."""
    text = text.replace(_OPEN, " ").replace(_CLOSE, " ")
    left_edge = max(0, start - context)
    right_edge = min(len(text), end + context)
    spans = [(max(s, left_edge), min(e, right_edge), r) for s, e, r in masked_spans
             if s < right_edge and e > left_edge and not (s == start and e == end)]
    if shown is not None:
        spans.append((start, end, shown))
    merged: list[list] = []
    for s, e, replacement in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2] = None  # overlapping identifiers: starred as one
        else:
            merged.append([s, e, replacement])

    def plain(a: int, b: int) -> str:
        """Text outside the masked spans, digits masked, the span's edges marked where they fall."""
        cuts = sorted({a, b} | {p for p in (start, end) if a <= p <= b})
        out = []
        for x, y in zip(cuts, cuts[1:] + [None]):
            if x == start and (x < b or start == end):
                out.append(_OPEN)
            if x == end and x > a:
                out.append(_CLOSE)
            if y is not None:
                out.append(mask_digits(text[x:y]))
        return "".join(out)

    pieces, cursor = [], left_edge
    for s, e, replacement in merged:
        pieces.append(plain(cursor, s))
        masked = replacement if replacement is not None else star_all(text[s:e])
        pieces.append((_OPEN if s <= start < e else "") + masked + (_CLOSE if s < end <= e else ""))
        cursor = e
    pieces.append(plain(cursor, right_edge))
    body = " ".join("".join(pieces).split())
    shown_text = ("…" if left_edge > 0 else "") + body + ("…" if right_edge < len(text) else "")
    opened, closed = shown_text.find(_OPEN), shown_text.find(_CLOSE)
    clean = shown_text.replace(_OPEN, "").replace(_CLOSE, "")
    if opened < 0 or closed < 0 or closed < opened or shown_text.count(_OPEN) != 1 or shown_text.count(_CLOSE) != 1:
        return clean, None
    return clean, (opened, closed - 1)
