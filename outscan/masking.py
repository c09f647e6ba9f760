"""Masking for evidence: reports are shared and CI logs are public.

Checks call these before a value goes into a Finding; formatters never see the raw value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

_LONG_DIGITS = re.compile(r"\d{5,}")
# Full dates keep only their year: a date of birth must not reach a report.
_FULL_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|(\d{4})[-/.]\d{1,2}[-/.]\d{1,2}(?:T[\d:.]+)?)\b"
)
_MAX_EVIDENCE = 60


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# Dates in words: "4 March 1957", "March 4, 1957", "27-Jun-1969", "4th of March 1957".
_WORDED_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?[\s/-]+{_MONTH}[\s,/-]+(\d{{4}}|\d{{2}})\b"
    rf"|\b{_MONTH}[\s-]+\d{{1,2}}(?:st|nd|rd|th)?,?[\s-]+(\d{{4}})\b"
    rf"|\b(\d{{4}})[\s/-]+{_MONTH}[\s/-]+\d{{1,2}}\b", re.IGNORECASE)


def worded_date(text: str) -> bool:
    """The whole text is a date written with its month's name ("4 March 1957")."""
    match = _WORDED_DATE.fullmatch(text)
    return match is not None


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+([a-z]+)\.?[\s,-]+(\d{4}|\d{2})", re.I)
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def date_value(text: str, day_first: bool = False) -> dt.date | None:
    """The date a cell holds, in digits or in words ("2020-01-07", "1/7/2020", "January 7, 2020",
    "7-Jan-20"), or None. Slashed dates are read month first unless `day_first`; dotted ones day first."""
    text = text.strip()
    year = month = day = None
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC_DATE.fullmatch(text):
        first, separator, second, year_text = match.groups()
        year = int(year_text)
        day, month = (int(first), int(second)) if day_first or separator == "." else (int(second), int(first))
    elif match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = int(match.group(1)), _MONTH_NUMBERS.get(match.group(2)[:3].lower()), int(match.group(3))
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = _MONTH_NUMBERS.get(match.group(1)[:3].lower()), int(match.group(2)), int(match.group(3))
    if year is None or month is None:
        return None
    if year < 100:
        year += 1900 if year >= 50 else 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def mask_digits(text: str) -> str:
    """Full dates keep their year; long digit runs (record numbers) keep their last two digits."""
    text = _FULL_DATE.sub(lambda m: f"**/**/{m.group(1) or m.group(2)}", text)
    text = _WORDED_DATE.sub(lambda m: f"** *** {m.group(1) or m.group(2) or m.group(3)}", text)
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 2) + m.group()[-2:], text)


def short(text: str, limit: int = _MAX_EVIDENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# How much of a row label or column header a message prints.
LABEL_WIDTH = 40


@lru_cache(maxsize=1 << 14)
def safe_label(text: str) -> str:
    """A row or column label fit for a report line: dates, record numbers, contact details and
    people's names masked."""
    return short(mask_person_names(mask_digits(mask_contacts(text))), LABEL_WIDTH)


def mask_contacts(text: str) -> str:
    """Emails, phone numbers, street addresses and Family^Given names masked where they stand."""
    if not any(ch in text for ch in "@^") and not any(ch.isdigit() for ch in text):
        return text
    for pattern, mask in _CONTACT_MASKS:
        text = pattern.sub(lambda m: mask(m.group()), text)
    return text


# A given name (1990 US Census list, outscan/data/given_names.txt), any middle names or
# initials, and a surname; or "Surname, Given". Words are read with any letters, so that
# "José Muñoz", "O'Brien", "McDonald" and "WHITFIELD" are words like "Whitfield".
# Words that make a place or an organisation of the pair leave it alone.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NOT_SURNAMES = frozenset({
    "county", "city", "parish", "borough", "township", "valley", "beach", "springs", "falls", "island", "heights",
    "hospital", "clinic", "center", "centre", "medical", "health", "university", "college", "institute",
    "registry", "cancer", "children", "memorial", "general", "regional", "foundation", "school", "group",
    "total", "other", "unknown", "male", "female", "white", "black", "asian", "hispanic", "syndrome", "disease",
    "lymphoma", "leukemia", "leukaemia", "tumor", "tumour", "sarcoma", "carcinoma", "stage", "grade", "type",
    "research", "river", "creek", "canyon", "laboratories", "laboratory", "labs", "pharmaceuticals", "systems",
    "network", "department", "association", "society", "academy", "museum", "airport", "corporation", "company",
    "inc", "program", "programme", "services", "trial", "study", "cohort", "sclerosis", "virus",
})
# Words after a name that make the name a place's or an organisation's ("Henry Ford Health
# System", "Morris Park"), though each can be a surname of its own ("Eleanor Hill").
_THING_AFTER_A_NAME = _NOT_SURNAMES | {
    "park", "hill", "hall", "house", "church", "lake", "station", "state", "system", "service", "unit", "ward",
    "chapel", "square", "street", "road", "avenue", "bridge", "building", "wing", "fund", "trust", "award",
}
# Upper-case words that are abbreviations, not surnames ("Jordan USA", "Virginia DOH").
_ABBREVIATIONS = frozenset({
    "usa", "us", "uk", "nhs", "cdc", "nih", "nci", "seer", "npcr", "who", "hiv", "aids", "icd", "doh", "dph", "covid",
    "ci", "sd", "iqr", "na", "nos", "md", "phd", "rn", "mph", "jr", "sr", "ii", "iii", "iv",
})
_PARTICLES = frozenset({"van", "von", "de", "del", "della", "der", "den", "la", "le", "da", "di", "du", "dos", "das",
                        "st", "ten", "ter"})
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof"})
_MAX_MIDDLE = 3  # words between a given name and a surname: "Mary Ellen de la Cruz"


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names, lower case and without accents: the 1990 US Census list and Faker's names of
    86 locales (outscan/data, each file with its source)."""
    from importlib import resources

    names: set[str] = set()
    for name in ("given_names.txt", "given_names_world.txt"):
        text = resources.files("outscan").joinpath("data", name).read_text(encoding="utf-8")
        names.update(_folded(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(names)


@lru_cache(maxsize=1 << 14)
def _folded(word: str) -> str:
    """Lower case, accents and a possessive off: "Zoë" -> "zoe", "Children's" -> "children"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    return re.sub(r"['’]s$", "", plain)


def _capitalised(word: str) -> bool:
    """Written as a name is: "Whitfield", "O'Brien", "McDonald", "Ångström", or all in capitals."""
    return word[0].isupper() and (any(c.islower() for c in word) or (word.isupper() and len(word) >= 2))


def _given(word: str) -> bool:
    folded = _folded(word)
    return _capitalised(word) and (folded in given_names() or folded.split("-")[0] in given_names())


def _surname(word: str, given: str) -> bool:
    folded = _folded(word)
    if not _capitalised(word) or folded in _NOT_SURNAMES or folded == _folded(given) or folded in _PARTICLES:
        return False
    return not (word.isupper() and (folded in _ABBREVIATIONS or len(folded) < 3 and folded in _postal_codes()))


@lru_cache(maxsize=1)
def _postal_codes() -> frozenset[str]:
    from outscan.tables.geography import gazetteer  # the gazetteer's module reads tables, which mask labels

    return frozenset(code.lower() for code in gazetteer().state_postal)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Every US state, county, place and registry area the offline gazetteer holds, normalised."""
    from outscan.tables.geography import gazetteer

    places = gazetteer()
    return frozenset(places.county_full | places.county_bare | set(places.places) | set(places.state_by_name)
                     | set(places.registries))


def _is_place(text: str) -> bool:
    from outscan.tables.geography import normalise

    return normalise(text) in _place_names()


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def person_names(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that read as a person's name: a known given name, any middle names or
    initials, and a surname ("Mary Ellen Whitfield"); or "Whitfield, Eleanor"."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    spans = []
    for index, (_, _, word) in enumerate(tokens):
        if _given(word):
            spans.append(_given_first(text, tokens, index))
        if _folded(word) in _HONORIFICS and not word.isupper():  # "MS" is multiple sclerosis
            spans.append(_after_honorific(text, tokens, index))
        if index + 1 < len(tokens) and _surname(word, "") and _gap(text, tokens, index, r",\s*"):
            spans.append(_surname_first(text, tokens, index))
    return _merged([span for span in spans if span is not None])


def _gap(text: str, tokens: list, index: int, allowed: str | None = None) -> bool:
    """Token `index` and the next are words of one name: only a space between them, or the dot
    of an initial or abbreviation ("J.", "Dr.", "St.")."""
    if index + 1 >= len(tokens):
        return False
    if allowed is None:
        word = tokens[index][2]
        abbreviated = _initial(word) or _folded(word) in _PARTICLES or _folded(word) in _HONORIFICS
        allowed = r"\.?\s*" if abbreviated else r"\s+"
    return re.fullmatch(allowed, text[tokens[index][1]:tokens[index + 1][0]]) is not None


def _after_honorific(text: str, tokens: list, title: int) -> tuple[int, int] | None:
    """"Dr. Ignatius Throckmorton", "Mrs Whitfield": whoever a title names, known given name or not."""
    last = title
    while last - title < _MAX_MIDDLE and _gap(text, tokens, last) and _surname(tokens[last + 1][2], ""):
        last += 1
    return (tokens[title + 1][0], tokens[last][1]) if last > title else None


def _given_first(text: str, tokens: list, first: int) -> tuple[int, int] | None:
    given = tokens[first][2]
    last = first  # the words a given name can be followed by before its surname
    while last - first < _MAX_MIDDLE and _gap(text, tokens, last):
        word = tokens[last + 1][2]
        if not (_initial(word) or _given(word) or _folded(word) in _PARTICLES):
            break
        last += 1
    # The surname: the word after the middle names, or else the last of them ("Mary Ellen").
    for end in (last + 1, last):
        if first < end < len(tokens) and _gap(text, tokens, end - 1) and _surname(tokens[end][2], given):
            return None if _names_a_thing(text, tokens, first, end) else (tokens[first][0], tokens[end][1])
    return None


def _names_a_thing(text: str, tokens: list, first: int, last: int) -> bool:
    """The words are a place's name, or part of a place's or an organisation's: "Santa Clara",
    "Anne Arundel" (the gazetteer), "Henry Ford Hospital", "Charles River", "North Carolina Deaths"."""
    if _gap(text, tokens, last) and _folded(tokens[last + 1][2]) in _THING_AFTER_A_NAME:
        return True
    if _is_place(text[tokens[first][0]:tokens[last][1]]):
        return True
    return first > 0 and _gap(text, tokens, first - 1) and _is_place(text[tokens[first - 1][0]:tokens[first][1]])


def _surname_first(text: str, tokens: list, first: int) -> tuple[int, int] | None:
    """"Whitfield, Eleanor" and "WHITFIELD, Eleanor Mary": a given name right after the comma."""
    if not _given(tokens[first + 1][2]) or _folded(tokens[first + 1][2]) == _folded(tokens[first][2]):
        return None
    last = first + 1
    while last - first <= _MAX_MIDDLE and _gap(text, tokens, last) and \
            (_initial(tokens[last + 1][2]) or _given(tokens[last + 1][2])):
        last += 1
    after_comma = tokens[first + 1][0]
    followed = last + 1 if _gap(text, tokens, last) else last
    if any(_is_place(text[after_comma:tokens[end][1]]) for end in range(first + 1, followed + 1)):
        return None  # "Whitfield, Santa Clara": a person and a place, listed
    return tokens[first][0], tokens[last][1]


# Words of table headers that are not names ("North Region", "Urban Rural Description").
_HEADER_WORDS = frozenset({
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "region", "area",
    "district", "zone", "urban", "rural", "metro", "all", "overall", "rate", "rates", "death", "deaths", "case",
    "cases", "count", "counts", "number", "date", "name", "code", "year", "years", "month", "week", "age", "sex",
    "race", "ethnicity", "mean", "median", "percent", "population", "patients", "admissions", "visits", "measure",
    "site", "treated", "control", "controls", "exposed", "placebo", "arm", "men", "women", "adults", "description",
    "indicator", "state", "non", "native", "islander", "pacific", "american", "african", "latino", "new", "old",
})


def looks_like_a_name(text: str) -> bool:
    """Two or three capitalised words that no list knows as anything else: "Chidi Okonkwo", not
    "North Region". Beside a header the name list knows, it says the columns are people."""
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(_TOKEN.fullmatch(w) and _capitalised(w) and not w.isupper() for w in words):
        return False
    known_words = _THING_AFTER_A_NAME | _HEADER_WORDS | _ABBREVIATIONS | _PARTICLES
    return not any(_folded(w) in known_words for w in words) and not _is_place(text)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


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


def _dates_cut_by(text: str, left_edge: int, right_edge: int,
                  masked_spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Full dates that an edge of the window cuts through, each with its masked form, unless
    an identifier's mask covers them already.

    What is left of a date at the edge ("born 14 Marc", "ber 14, 1987", "/14/1987") is no
    date to mask_digits, and would print its day.
    """
    cut = []
    for edge in {left_edge, right_edge}:
        low = max(0, edge - 40)
        near = text[low:edge + 40]
        for pattern in (_FULL_DATE, _WORDED_DATE):
            for match in pattern.finditer(near):
                start, end = low + match.start(), low + match.end()
                if start < edge < end and not any(s < end and start < e for s, e, _ in masked_spans):
                    cut.append((start, end, mask_digits(match.group())))
    return cut


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}(?![\w-])")
_STREET = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'-]*\.?\s+){1,3}"
    r"(?:Street|St|Lane|Ln|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Circle|Parkway"
    r"|Pkwy|Highway|Hwy|Square|Sq)\b\.?")
# A person's name as DICOM and HL7 write it: Family^Given.
_CARET_NAME = re.compile(r"\b[^\W\d_][\w'-]*\^[^\W\d_][\w'-]*(?:\^[\w'.-]*)*")
def caret_name(text: str) -> bool:
    """The whole text is a name as DICOM and HL7 write it: "Quennell^Beatrix"."""
    return bool(_CARET_NAME.fullmatch(text.strip()))


# How far beyond the window the text is read for identifiers the window would cut through.
_CONTEXT_MARGIN = 40


def identifiers_near(text: str, low: int, high: int) -> list[tuple[int, int, str]]:
    """Identifiers around text[low:high] that the checks did not report but an excerpt must not
    print: people's names (also when the window cuts through one, "…eatrix Quennell",
    "Beatrix Q…"), emails, phone numbers, street addresses, dates in any writing.

    Read from a margin around the window, so what the window cuts is recognised whole.
    Offsets are in `text`; the replacement masks the whole identifier."""
    a, b = max(0, low - _CONTEXT_MARGIN), min(len(text), high + _CONTEXT_MARGIN)
    near = text[a:b]
    found: list[tuple[int, int, str]] = []
    for s, e in person_names(near):
        found.append((a + s, a + e, mask_name(near[s:e])))
    for pattern, mask in (*_CONTACT_MASKS, (_FULL_DATE, mask_digits), (_WORDED_DATE, mask_digits)):
        for match in pattern.finditer(near):
            found.append((a + match.start(), a + match.end(), mask(match.group())))
    return [(s, e, r) for s, e, r in found if s < high and e > low]


def _mask_caret_name(text: str) -> str:
    return mask_name(text.replace("^", " "))


def _mask_piece(text: str) -> str:
    """Part of an identifier beside a finding's span: words by their initials, digits starred."""
    if any(ch.isdigit() for ch in text):
        return star_all(text)
    core = text.strip()
    return text[:len(text) - len(text.lstrip())] + mask_name(core) + text[len(text.rstrip()):]


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The longest of overlapping spans ("12 March 1941" over "March 1941"), each masked once."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if not any(span[0] < e and s < span[1] for s, e, _ in kept):
            kept.append(span)
    return sorted(kept)


def mask_street(text: str) -> str:
    """'47 Larkspur Lane' -> '** L*** Lane': no house number, the street by its initial."""
    words = text.split()
    return " ".join(star_all(w) if any(c.isdigit() for c in w) else w if i == len(words) - 1 or not w[:1].isalpha()
                    else w[0] + "***" for i, w in enumerate(words))


# What identifies someone wherever it stands, and how a report shows it (mask_contacts,
# identifiers_near).
_CONTACT_MASKS = ((_EMAIL, mask_email), (_PHONE, star_all), (_STREET, mask_street), (_CARET_NAME, _mask_caret_name))


def excerpt_with_span(text: str, start: int, end: int, shown: str | None,
                      masked_spans: list[tuple[int, int, str]] = (), context: int = 28
                      ) -> tuple[str, tuple[int, int] | None]:
    """`excerpt`, and where the span (as shown) stands in it, for a formatter to mark."""
    text = text.replace(_OPEN, " ").replace(_CLOSE, " ")
    left_edge = max(0, start - context)
    right_edge = min(len(text), end + context)
    # What the window shows of identifiers nobody reported (a name in code, a second phone
    # number, a name the window cuts in half) is masked too; never the span itself. One that
    # overlaps a reported identifier ("Philippa" before a masked surname) is starred with it.
    cut = _dates_cut_by(text, left_edge, right_edge, masked_spans)
    known = [*masked_spans, *cut]
    near = []
    for s, e, r in identifiers_near(text, left_edge, right_edge):
        if s < end and start < e:  # it reaches into the span: what lies outside it is masked on its own
            near += [(a, b, _mask_piece(text[a:b])) for a, b in ((s, start), (end, e)) if a < b and text[a:b].strip()]
        else:
            near.append((s, e, r))
    unreported = _without_overlaps([(s, e, r) for s, e, r in near
                                    if not any(ms <= s and e <= me for ms, me, _ in known)])
    spans = [(max(s, left_edge), min(e, right_edge), r) for s, e, r in [*known, *unreported]
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
