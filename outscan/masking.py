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


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# Dates in words: "4 March 1957", "March 4, 1957", "27-Jun-1969", "4th of March 1957".
_WORDED_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?[\s-]+{_MONTH}[\s,-]+(\d{{4}}|\d{{2}})\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)


def worded_date(text: str) -> bool:
    """The whole text is a date written with its month's name ("4 March 1957")."""
    match = _WORDED_DATE.fullmatch(text)
    return match is not None


def mask_digits(text: str) -> str:
    """Full dates keep their year; long digit runs (record numbers) keep their last two digits."""
    text = _FULL_DATE.sub(lambda m: f"**/**/{m.group(1) or m.group(2)}", text)
    text = _WORDED_DATE.sub(lambda m: f"** *** {m.group(1) or m.group(2)}", text)
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 2) + m.group()[-2:], text)


def short(text: str, limit: int = _MAX_EVIDENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# How much of a row label or column header a message prints.
LABEL_WIDTH = 40


@lru_cache(maxsize=1 << 14)
def safe_label(text: str) -> str:
    """A row or column label fit for a report line: dates, record numbers and people's names masked."""
    return short(mask_person_names(mask_digits(text)), LABEL_WIDTH)


# A given name (1990 US Census list, outscan/data/given_names.txt) and a capitalised surname,
# or "Surname, Given". Words that make a place or an organisation of the pair leave it alone.
_NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*"
_PERSON = re.compile(rf"\b(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?(?P<given>[A-Z][a-z]+)(?:\s+[A-Z]\.)?"
                     rf"(?:\s+(?:van|von|de|del|der|la|le|da|di|du|St\.))?\s+(?P<surname>{_NAME_WORD})\b"
                     rf"|\b(?P<surname2>{_NAME_WORD}),\s+(?P<given2>[A-Z][a-z]+)\b")
_NOT_SURNAMES = frozenset({
    "county", "city", "parish", "borough", "township", "valley", "beach", "springs", "falls", "island", "heights",
    "hospital", "clinic", "center", "centre", "medical", "health", "university", "college", "institute",
    "registry", "cancer", "children", "memorial", "general", "regional", "foundation", "school", "group",
    "total", "other", "unknown", "male", "female", "white", "black", "asian", "hispanic", "syndrome", "disease",
    "lymphoma", "leukemia", "leukaemia", "tumor", "tumour", "sarcoma", "carcinoma", "stage", "grade", "type",
})


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    from importlib import resources

    text = resources.files("outscan").joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line and not line.startswith("#"))


def person_names(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that read as a person's name: a known given name and a surname."""
    names, spans = given_names(), []
    for match in _PERSON.finditer(text):
        given = match.group("given") or match.group("given2")
        surname = match.group("surname") or match.group("surname2")
        if given.lower() in names and surname.lower() not in _NOT_SURNAMES and given.lower() != surname.lower():
            spans.append(match.span())
    return spans


def mask_person_names(text: str) -> str:
    """Every name in the text as initials: 'Eleanor Whitfield' -> 'E*** W***'."""
    spans = person_names(text)
    for start, end in reversed(spans):
        text = text[:start] + mask_name(text[start:end]) + text[end:]
    return text


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
