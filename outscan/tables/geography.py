"""Which columns of a table name places, and how small those places are.

A column is geographic because of its header ("County", "ZIP code", "FIPS", "Latitude")
or because most of its values are places: "Marin County(7)" as State Cancer Profiles
writes it, "06041", "Census Tract 4012.01", "37.77, -122.41", "Seattle (Puget Sound)".
One value that happens to be a place ("Washington" among cancer sites, "Lincoln" among
names) does not make a column geographic: without a header that says so, most of the
column's values must match, and a bare name ("Marin", "Jackson") only counts when nearly
all of them do.

Places are matched against the gazetteer in ``outscan/data/`` (US states, counties and
FIPS codes, places of 10,000 people or more, ZIP codes in use, SEER registry areas),
shipped with the package: nothing is looked up over the network.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from importlib import resources

from outscan.documents import Table
from outscan.tables.cells import CellKind, parse_cell
from outscan.tables.columns import Role, header_says


class Level(str, Enum):
    """Geographic levels, coarsest first. Policy packs list the levels they allow."""

    NATIONAL = "national"
    STATE = "state"
    REGISTRY = "registry"
    COUNTY = "county"
    CITY = "city"
    ZIP3 = "zip3"
    ZIP5 = "zip5"
    TRACT = "tract"
    BLOCK_GROUP = "block_group"
    COORDINATES = "coordinates"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    @property
    def plural(self) -> str:
        return _PLURAL[self]


_ORDER = list(Level)
_PLURAL = {
    Level.NATIONAL: "national totals", Level.STATE: "states", Level.REGISTRY: "cancer registry areas",
    Level.COUNTY: "counties", Level.CITY: "cities or towns", Level.ZIP3: "3-digit ZIP areas",
    Level.ZIP5: "ZIP codes", Level.TRACT: "census tracts", Level.BLOCK_GROUP: "census block groups",
    Level.COORDINATES: "coordinates",
}


# ---------------------------------------------------------------------------------------
# The gazetteer


@dataclass(frozen=True)
class Gazetteer:
    state_by_name: dict[str, str]  # normalised name -> postal code
    state_postal: frozenset[str]
    state_fips: frozenset[str]  # "06"
    county_full: frozenset[str]  # "marin county", "orleans parish", "baltimore city"
    county_bare: frozenset[str]  # "marin", "orleans", "baltimore"
    county_fips: frozenset[str]  # "06041"
    places: dict[str, frozenset[str]]  # normalised name -> states it is in
    registries: dict[str, str]  # normalised name or alias -> state
    registry_codes: frozenset[str]
    zip3: frozenset[str]
    zip5_bits: bytes

    def zip5_exists(self, code: str) -> bool:
        number = int(code)
        return bool(self.zip5_bits[number // 8] >> (number % 8) & 1)


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("outscan").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


_COUNTY_SUFFIXES = ("city and borough", "census area", "planning region", "county", "parish", "borough",
                    "municipality", "municipio", "city")


@cache
def gazetteer() -> Gazetteer:
    state_by_name: dict[str, str] = {}
    postal, state_fips = set(), set()
    for name, code, fips in _data_lines("us_states.tsv"):
        state_by_name[normalise(name)] = code
        postal.add(code)
        state_fips.add(fips)
    state_by_name.setdefault("virgin islands", "VI")

    county_full, county_bare, county_fips = set(), set(), set()
    for fips, _state, name in _data_lines("us_counties.tsv"):
        key = normalise(name)
        county_full.add(key)
        county_fips.add(fips)
        bare = _strip_county_suffix(key)
        if bare:
            county_bare.add(bare)

    places: dict[str, set[str]] = {}
    for state, name in _data_lines("us_places.tsv"):
        places.setdefault(normalise(name), set()).add(state)

    registries: dict[str, str] = {}
    codes = set()
    for row in _data_lines("cancer_registries.tsv"):
        code, state, name = row[0], row[1], row[2]
        aliases = row[3].split("|") if len(row) > 3 and row[3] else []
        for alias in (name, *aliases):
            registries[normalise(alias)] = state
        if code:
            codes.update({code, f"15{code}", f"00000015{code}"})

    zip3: frozenset[str] = frozenset()
    bitmap = []
    in_bitmap = False
    for row in _data_lines("us_zip_codes.txt"):
        if row[0] == "zip3":
            zip3 = frozenset(row[1].split())
        elif row[0] == "zip5":
            in_bitmap = True
        elif in_bitmap:
            bitmap.append(row[0])
    return Gazetteer(
        state_by_name=state_by_name, state_postal=frozenset(postal), state_fips=frozenset(state_fips),
        county_full=frozenset(county_full), county_bare=frozenset(county_bare),
        county_fips=frozenset(county_fips),
        places={k: frozenset(v) for k, v in places.items()}, registries=registries,
        registry_codes=frozenset(codes), zip3=zip3, zip5_bits=base64.b64decode("".join(bitmap)),
    )


def _strip_county_suffix(key: str) -> str | None:
    for suffix in _COUNTY_SUFFIXES:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1].strip() or None
    return None


# ---------------------------------------------------------------------------------------
# Values

# Footnote marks after a name: "Marin County(7)", "US (SEER+NPCR)(1,10)", "Iowa*", "Utah ᵃ".
_FOOTNOTE_TAIL = re.compile(
    r"(?:\s*(?:\(\s*[\d\s,;]+\)|\(\s*[a-z]\s*\)|\[\s*[\d\s,;]+\]|[*†‡§¶#^+]+|[¹²³⁴⁵⁶⁷⁸⁹⁰ᵃᵇᶜᵈᵉᶠᵍ]+))+\s*$"
)
_SEER_PREFIX = re.compile(r"^seer (?:reg(?:istry)? )?\d+ ")
_NATIONAL = frozenset({"us", "usa", "united states", "united states of america", "national", "nation",
                       "all states", "total us", "us total", "all registries", "all areas", "nationwide"})
_NEUTRAL = frozenset({
    "total", "totals", "all", "overall", "other", "others", "unknown", "missing", "not stated", "all other",
    "rest of state", "balance of state", "remainder of state", "all counties", "other counties",
    "statewide", "state total", "none", "unspecified", "not specified", "out of state", "all other areas",
    "other areas", "all areas combined", "combined",
})
_NEUTRAL_PREFIX = re.compile(r"^(?:unknown|other|all|rest of|balance of|remainder of|unspecified|out of)\b")
_TRACT = re.compile(r"^(?:census\s+)?tract\s*(?:no\.?|#)?\s*\d{1,6}(?:\.\d{1,2})?\b", re.I)
_BLOCK_GROUP = re.compile(r"^(?:census\s+)?block\s*group\s*\d", re.I)
_COORD_PAIR = re.compile(r"^[(\[]?\s*(-?\d{1,3}\.\d+)\s*°?\s*[NS]?\s*[,;]\s*(-?\d{1,3}\.\d+)\s*°?\s*[EW]?\s*[)\]]?$", re.I)
_DIGITS = re.compile(r"^\d+$")
_ZIP_PLUS4 = re.compile(r"^(\d{5})-\d{4}$")
_ZIP3_MASKED = re.compile(r"^(\d{3})(?:xx|\*\*|00)?$", re.I)
_REGISTRY_WORDS = re.compile(r"\b(?:cancer|tumou?r|registry|registries|program|seer|npcr|state|the|of)\b")


def clean(text: str) -> str:
    """The value as a reader would name it: quotes, spaces and footnote marks removed."""
    text = text.strip().strip('"').strip()
    return _FOOTNOTE_TAIL.sub("", text).strip()


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Case, punctuation and spelling variants folded: "St. Mary's Parish" == "saint marys parish"."""
    key = text.lower().replace("&", " and ")
    key = re.sub(r"[.'’()]", "", key)
    key = re.sub(r"[-–—/_,]", " ", key)
    key = re.sub(r"\bsaint\b", "st", key)
    key = " ".join(key.split())
    return _SEER_PREFIX.sub("", key)


@dataclass(frozen=True)
class ValueMatch:
    """What one value says: the levels it names, each strong (it says so) or weak (a bare name)."""

    levels: tuple[tuple[Level, bool], ...] = ()
    neutral: bool = False  # a total, "Unknown", "United States": says nothing about the column

    def strong(self, level: Level) -> bool:
        return any(l is level and s for l, s in self.levels)

    def any(self, level: Level) -> bool:
        return any(l is level for l, _ in self.levels)


_NEUTRAL_MATCH = ValueMatch(neutral=True)
_NO_MATCH = ValueMatch()


@lru_cache(maxsize=1 << 16)
def match_value(text: str) -> ValueMatch:
    """The geographic levels one table value names, matched against the gazetteer."""
    raw = clean(text)
    if not raw:
        return _NEUTRAL_MATCH
    kind = parse_cell(raw).kind
    if kind in (CellKind.EMPTY, CellKind.SUPPRESSED, CellKind.FLAG):
        return _NEUTRAL_MATCH
    key = normalise(raw)
    if key in _NEUTRAL or _NEUTRAL_PREFIX.match(key):
        return _NEUTRAL_MATCH
    if normalise(raw.split("(")[0]) in _NATIONAL:
        return _NEUTRAL_MATCH  # "US (SEER+NPCR)": the national row beside the areas
    gaz = gazetteer()
    found: dict[Level, bool] = {}

    def add(level: Level, strong: bool) -> None:
        found[level] = found.get(level, False) or strong

    pair = _COORD_PAIR.match(raw)
    if pair:
        lat, lon = float(pair.group(1)), float(pair.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (abs(lon) > 90 or (17 <= lat <= 72 and lon <= -64)):
            add(Level.COORDINATES, True)
    if _BLOCK_GROUP.match(raw):
        add(Level.BLOCK_GROUP, True)
    elif _TRACT.match(raw):
        add(Level.TRACT, True)

    # "Marin County, CA", "Springfield, Illinois": a place qualified by its state.
    qualified_by_state = None
    if "," in raw:
        head, tail = raw.rsplit(",", 1)
        tail_key = normalise(tail)
        if tail.strip() in gaz.state_postal:
            qualified_by_state = tail.strip()
        elif tail_key in gaz.state_by_name:
            qualified_by_state = gaz.state_by_name[tail_key]
        if qualified_by_state:
            key = normalise(head)

    if key in gaz.state_by_name and not qualified_by_state:
        add(Level.STATE, True)
    elif raw in gaz.state_postal:
        add(Level.STATE, True)
    elif key.endswith(" state") and key[:-6] in gaz.state_by_name:
        add(Level.STATE, True)  # "New York State"
    elif key.startswith("state of ") and key[9:] in gaz.state_by_name:
        add(Level.STATE, True)

    if key in gaz.registries:
        add(Level.REGISTRY, True)
    elif "registr" in key:
        # "California Cancer Registry", "New York State Cancer Registry"
        area = " ".join(_REGISTRY_WORDS.sub(" ", key).split())
        if area in gaz.state_by_name or area in gaz.registries:
            add(Level.REGISTRY, True)

    if key in gaz.county_full:
        add(Level.COUNTY, True)
    else:
        bare = _strip_county_suffix(key)
        if bare is None and key.endswith(" co"):
            bare = key[:-3]
        if bare is not None and not bare.isdigit():
            # "Foo County" says it is a county even where the gazetteer does not know it.
            add(Level.COUNTY, True)
        elif key in gaz.county_bare:
            add(Level.COUNTY, bool(qualified_by_state))

    if key.startswith("city of ") and len(key) > 8:
        add(Level.CITY, True)
    elif key in gaz.places:
        add(Level.CITY, bool(qualified_by_state) and qualified_by_state in gaz.places[key])
    elif qualified_by_state and Level.COUNTY not in found and len(key.split()) <= 4 and not any(
            ch.isdigit() for ch in key):
        add(Level.CITY, True)  # "Smallville, KS": a town qualified by its state

    if not found:
        return _NO_MATCH
    return ValueMatch(tuple(sorted(found.items(), key=lambda item: item[0].rank)))


# ---------------------------------------------------------------------------------------
# Headers


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])", re.I)


_HEADER_FIPS = _words(r"fips", r"geo_?id", r"geoid10", r"geoid20", r"geocode")
_HEADER_ZIP3 = _words(r"zip ?3", r"3[- ]?digit zip(?: ?codes?)?", r"zip(?: ?code)? prefix", r"zip3")
_HEADER_ZIP = _words(r"zip", r"zips", r"zip ?codes?", r"zipcodes?", r"zcta\d*", r"post ?codes?", r"postal codes?")
_HEADER_BLOCK_GROUP = _words(r"block ?groups?", r"blkgrp")
_HEADER_TRACT = _words(r"tracts?", r"census ?tracts?")
_HEADER_COORD = _words(r"latitude", r"longitude", r"lat", r"lon", r"lng", r"lat[/_ ]?lon(?:g)?", r"coordinates?",
                       r"x[_ ]?coord", r"y[_ ]?coord", r"geolocation", r"lat_dd", r"lon_dd")
_HEADER_LONG = re.compile(r"^\s*long\.?\s*$", re.I)
_HEADER_COUNTY = _words(r"count(?:y|ies)", r"parish(?:es)?", r"boroughs?")
_HEADER_CITY = _words(r"city", r"cities", r"towns?", r"municipality", r"municipalities", r"villages?")
_HEADER_REGISTRY = _words(r"registry", r"registries")
_HEADER_STATE = _words(r"states?", r"state name", r"st abbr")
_HEADER_NOT_STATE = _words(r"united states", r"status", r"marital", r"vital", r"disease state", r"state of disease")
_HEADER_HINT = _words(r"area", r"areas", r"regions?", r"geography", r"geographic(?:al)?(?: area| unit)?", r"geo",
                      r"location", r"residence", r"place", r"places", r"jurisdiction", r"locality", r"catchment",
                      r"where")
# A person's name is not a place, whatever it spells ("Jackson", "Lincoln"): under these
# headers only values that say they are places ("Marin County") count.
_HEADER_PERSON = _words(r"(?:patient|person|first|last|family|given|full|sur|physician|doctor|author)\s*names?",
                        r"surnames?", r"physicians?", r"providers?", r"authors?", r"doctors?")


@dataclass(frozen=True)
class HeaderSays:
    level: Level | None = None  # a level the header names ("County", "ZIP3")
    code: str | None = None  # "fips", "zip", "tract", "coordinates": codes, read by their format
    hint: bool = False  # a word for places in general ("Area", "Region", "Residence")
    person: bool = False  # names people: bare names that are also places do not count


@lru_cache(maxsize=1 << 12)
def header_geography(header: str) -> HeaderSays | None:
    """What a column header says about places, if anything."""
    # Not clean(): "(n)" in a header is no footnote mark.
    text = " ".join(re.sub(r"\(\s*[\d\s,;]+\)|\(\[[^\]]*\]\)", " ", header.strip().strip('"')).replace("_", " ").split())
    if not text:
        return None
    said = header_says(text)
    if said is not None and (said.role is Role.COUNT or (said.role is Role.MEASURE and "codes" not in said.reason)):
        # "Counties (n)", "County rate", "Average annual count": numbers about places, not places.
        if not (_HEADER_COORD.search(text) or _HEADER_LONG.match(text)):
            return None
    sub_level = None
    if _HEADER_BLOCK_GROUP.search(text):
        sub_level = Level.BLOCK_GROUP
    elif _HEADER_TRACT.search(text):
        sub_level = Level.TRACT
    elif _HEADER_COUNTY.search(text):
        sub_level = Level.COUNTY
    elif _HEADER_STATE.search(text) and not _HEADER_NOT_STATE.search(text):
        sub_level = Level.STATE
    if _HEADER_FIPS.search(text):
        return HeaderSays(level=sub_level, code="fips")
    if _HEADER_ZIP3.search(text):
        return HeaderSays(level=Level.ZIP3, code="zip")
    if _HEADER_ZIP.search(text):
        return HeaderSays(code="zip")
    if _HEADER_COORD.search(text) or _HEADER_LONG.match(text):
        return HeaderSays(level=Level.COORDINATES, code="coordinates")
    if sub_level in (Level.TRACT, Level.BLOCK_GROUP):
        return HeaderSays(level=sub_level, code="tract")
    if sub_level is not None:
        return HeaderSays(level=sub_level)
    if _HEADER_CITY.search(text):
        return HeaderSays(level=Level.CITY)
    if _HEADER_REGISTRY.search(text):
        return HeaderSays(level=Level.REGISTRY)
    if _HEADER_PERSON.search(text):
        return HeaderSays(person=True)
    if _HEADER_HINT.search(text):
        return HeaderSays(hint=True)
    return None


# ---------------------------------------------------------------------------------------
# Codes: FIPS, ZIP, tract numbers, coordinates


def _code_level(value: str, said: HeaderSays) -> Level | None:
    """The level of one code under a header that says what the codes are."""
    gaz = gazetteer()
    text = clean(value)
    if said.code == "coordinates":
        if _COORD_PAIR.match(text):
            return Level.COORDINATES
        try:
            number = float(text.rstrip("°NSEWnsew ").strip())
        except ValueError:
            return None
        return Level.COORDINATES if abs(number) <= 180 and "." in text else None
    if said.code == "zip":
        plus4 = _ZIP_PLUS4.match(text)
        if plus4:
            return Level.ZIP5
        if said.level is Level.ZIP3:
            masked = _ZIP3_MASKED.match(text)
            return Level.ZIP3 if masked else None
        if _DIGITS.match(text) and len(text) == 5:
            return Level.ZIP5
        if _ZIP3_MASKED.match(text):
            return Level.ZIP3
        return None
    if said.code == "tract":
        if _TRACT.match(text) or _BLOCK_GROUP.match(text):
            return said.level
        if re.match(r"^\d{1,6}(?:\.\d{1,2})?$", text):
            return said.level
        if _DIGITS.match(text) and len(text) in (11, 12):
            return Level.TRACT if len(text) == 11 else Level.BLOCK_GROUP
        return None
    if said.code == "fips":
        if not _DIGITS.match(text):
            return None
        length = len(text)
        if not text.strip("0"):
            return Level.NATIONAL  # "0", "00000": the US row of a State Cancer Profiles export
        if said.level is Level.STATE and length <= 2:
            return Level.STATE if text.zfill(2) in gaz.state_fips else None
        if said.level is Level.COUNTY and length <= 3:
            return Level.COUNTY
        if length <= 2:
            return Level.STATE if text.zfill(2) in gaz.state_fips else None
        if length in (4, 5):
            code = text.zfill(5)
            if code.endswith("000") and code[:2] in gaz.state_fips:
                return Level.STATE
            return Level.COUNTY if code in gaz.county_fips else None
        if length in (10, 11):
            return Level.TRACT
        if length == 12:
            return Level.BLOCK_GROUP
        if length == 15:
            return Level.BLOCK_GROUP  # a block: finer still
        return None
    return None


def _numeric_level(values: list[str], first_column: bool) -> tuple[Level, list[str]] | None:
    """Codes with no header to say so: zero-padded county FIPS, 11-digit tract GEOIDs, ZIPs as row labels."""
    gaz = gazetteer()
    texts = [clean(v) for v in values]
    if len(texts) < 2 or not all(_DIGITS.match(t) for t in texts):
        return None
    lengths = {len(t) for t in texts}
    if lengths == {5}:
        padded = any(t.startswith("0") for t in texts)  # counts are never zero-padded
        if padded or first_column:
            states = [t for t in texts if t.endswith("000") and t[:2] in gaz.state_fips]
            counties = [t for t in texts if t in gaz.county_fips]
            national = [t for t in texts if t == "00000"]
            if len(counties) + len(states) + len(national) >= 0.9 * len(texts) and counties:
                return Level.COUNTY, counties
            if len(states) + len(national) >= 0.9 * len(texts) and states and padded:
                return Level.STATE, states
        if first_column and len(set(texts)) == len(texts) and len(texts) >= 3:
            zips = [t for t in texts if gaz.zip5_exists(t)]
            if len(zips) >= 0.9 * len(texts):
                return Level.ZIP5, zips
    if lengths <= {11, 12}:
        geoids = [t for t in texts if t[:5] in gaz.county_fips]
        if len(geoids) >= 0.9 * len(texts):
            return (Level.TRACT if lengths == {11} else Level.BLOCK_GROUP), geoids
    return None


# ---------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class GeoColumn:
    """A column (or a table's header row, `column` None) whose values name places of one level."""

    column: int | None
    level: Level
    matched: int  # distinct values that name a place of this level
    total: int  # distinct values, leaving out totals, "Unknown" and the national row
    example: str  # one matched value, as a report may show it
    by_header: bool  # the header says so (the values may not all be in the gazetteer)


_MAX_DISTINCT = 2000  # enough to judge a column; a 100,000-row table is not matched value by value


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        text = value.strip()
        if text and text not in seen:
            seen[text] = None
            if len(seen) >= _MAX_DISTINCT:
                break
    return list(seen)


def example_of(level: Level, value: str) -> str:
    """One matched value for a report: names as written; ZIP codes and coordinates coarsened."""
    text = clean(value)
    if level is Level.ZIP5 and len(text) >= 5 and text[:5].isdigit():
        return text[:3] + "**"
    if level is Level.COORDINATES:
        return re.sub(r"(\d+\.\d)\d+", r"\1…", text)
    if level in (Level.TRACT, Level.BLOCK_GROUP) and _DIGITS.match(text) and len(text) > 5:
        return text[:5] + "*" * (len(text) - 5)
    return text


def classify_values(values: Iterable[str], header: str = "", first_column: bool = False) -> GeoColumn | None:
    """The geographic level of a column of values under `header`, or None."""
    said = header_geography(header) if header else None
    distinct = _distinct(values)
    if not distinct:
        return None
    if said is not None and said.code is not None:
        found = _classify_codes(distinct, said)
        if found is not None or said.code != "fips":
            return found
    if said is None or said.hint or said.person:
        numeric = _numeric_level(
            [v for v in distinct if not match_value(v).neutral], first_column)
        if numeric is not None:
            level, matched = numeric
            return _result(level, matched, len([v for v in distinct if not match_value(v).neutral]), False)
    return _classify_names(distinct, said)


def _classify_codes(distinct: list[str], said: HeaderSays) -> GeoColumn | None:
    levels: dict[Level, list[str]] = {}
    considered = 0
    for value in distinct:
        if match_value(value).neutral and not _DIGITS.match(clean(value)):
            continue
        considered += 1
        level = _code_level(value, said)
        if level is not None and level is not Level.NATIONAL:
            levels.setdefault(level, []).append(value)
        elif level is Level.NATIONAL:
            considered -= 1
    if not considered or not levels:
        return None
    level, matched = max(levels.items(), key=lambda item: (len(item[1]), item[0].rank))
    fitting = sum(len(v) for v in levels.values())
    if fitting < 0.8 * considered:
        return None
    return _result(level, matched, considered, True)


def _classify_names(distinct: list[str], said: HeaderSays | None) -> GeoColumn | None:
    matches = [(value, match_value(value)) for value in distinct]
    counted = [(value, m) for value, m in matches if not m.neutral]
    if not counted:
        return None
    total = len(counted)
    specific = said.level if said is not None and said.code is None else None
    hinted = said is not None and (said.hint or specific is not None)
    person = said is not None and said.person

    def tally(level: Level, weak_too: bool) -> list[str]:
        return [value for value, m in counted if (m.any(level) if weak_too else m.strong(level))]

    def best(weak_too: bool) -> tuple[Level, list[str]] | None:
        scored = [(level, tally(level, weak_too)) for level in _ORDER if level is not Level.NATIONAL]
        scored = [(level, found) for level, found in scored if found]
        if not scored:
            return None
        return max(scored, key=lambda item: (len(item[1]), len(tally(item[0], False)), -item[0].rank))

    if specific is not None:
        own = tally(specific, True)
        if specific is Level.REGISTRY:
            own = [value for value, m in counted if m.any(Level.REGISTRY) or m.any(Level.STATE)]
        if specific is Level.STATE:
            own = [value for value, m in counted if m.any(Level.STATE) or clean(value).upper() in
                   gazetteer().state_postal]
        if len(own) >= 0.5 * total:
            return _result(specific, own, total, True)
        if specific in (Level.COUNTY, Level.CITY):
            texts = sum(1 for value, _ in counted if parse_cell(clean(value)).kind is CellKind.TEXT)
            if texts >= 0.8 * total:
                # Names the header vouches for, whether or not the gazetteer knows them.
                return _result(specific, own, total, True, example=counted[0][0])
    if hinted:
        found = best(weak_too=True)
        if found is not None and len(found[1]) >= 0.5 * total:
            return _result(found[0], found[1], total, True)
        return None
    found = best(weak_too=False)
    if found is not None and len(found[1]) >= 0.6 * total and len(found[1]) >= 2:
        return _result(found[0], found[1], total, False)
    found = None if person else best(weak_too=True)
    if found is not None and len(found[1]) >= 0.8 * total and len(found[1]) >= 3:
        return _result(found[0], found[1], total, False)
    return None


def _result(level: Level, matched: list[str], total: int, by_header: bool, example: str | None = None,
            column: int | None = None) -> GeoColumn:
    sample = matched[0] if matched else (example or "")
    return GeoColumn(column, level, len(matched), max(total, len(matched)), example_of(level, sample), by_header)


def geographic_columns(table: Table) -> list[GeoColumn]:
    """Every column of `table` whose values name places, worked out once per table."""
    found = table.derived.get("geographic_columns")
    if found is None:
        found = []
        for column in range(table.width):
            header = table.header[column] if column < len(table.header) else ""
            result = classify_values(table.column_values(column), header, first_column=column == 0)
            if result is not None:
                found.append(GeoColumn(column, result.level, result.matched, result.total, result.example,
                                       result.by_header))
        table.derived["geographic_columns"] = found
    return found


def geographic_header(table: Table) -> GeoColumn | None:
    """A header row that names places ("Site, Alameda County, Marin County, ..."): a table by area.

    The first header cell names the row labels, not a column of values, and is left out.
    `column` of the result is the first header cell that names a place.
    """
    cells = [(i, text) for i, text in enumerate(table.header) if i > 0 and text.strip()]
    if len(cells) < 2:
        return None
    result = classify_values((text for _, text in cells))
    if result is None:
        return None
    first = next(i for i, text in cells if _names_level(text, result.level))
    return GeoColumn(first, result.level, result.matched, result.total, result.example, False)


def _names_level(text: str, level: Level) -> bool:
    return match_value(text.strip()).any(level)


@dataclass(frozen=True)
class GeoRows:
    """Rows of one label column that name places: a section ("County of residence" and the
    rows below it) or a key in a long table (`variable = county`, `category = Marin County`)."""

    column: int
    row: int  # index into table.rows of the first row that names a place
    label: str  # the section or key that says what the rows hold
    found: GeoColumn


def geographic_row_groups(table: Table, label_columns: list[int]) -> list[GeoRows]:
    """Groups of rows inside label columns that name places, where the whole column does not."""
    whole = {geo.column for geo in geographic_columns(table)}
    groups: list[GeoRows] = []
    if label_columns and label_columns[0] == 0 and 0 not in whole:
        groups += _sections(table)
    for left in label_columns:
        # The category column of a long table may hold numbers (ZIP codes): its role does not matter.
        right = left + 1
        if right < table.width and right not in whole:
            groups += _keyed(table, left, right)
    return groups


def _sections(table: Table) -> list[GeoRows]:
    """"County of residence" alone on its row, then the rows it heads (a Table 1)."""
    found: list[GeoRows] = []
    current: tuple[str, list[int]] | None = None

    def close() -> None:
        if current is not None and current[1]:
            said = header_geography(current[0])
            if said is not None:
                result = classify_values((table.rows[i].get(0) for i in current[1]), current[0])
                if result is not None:
                    found.append(GeoRows(0, current[1][0], current[0], result))

    for index, row in enumerate(table.rows):
        cells = row.cells
        if len(cells) > 1 and cells[0].strip() and not any(c.strip() for c in cells[1:]):
            close()
            current = (cells[0].strip(), [])
        elif current is not None and row.get(0).strip():
            current[1].append(index)
    close()
    return found


def _keyed(table: Table, key_column: int, value_column: int) -> list[GeoRows]:
    """A long table: the key column says which variable each row's category belongs to."""
    rows_by_key: dict[str, list[int]] = {}
    for index, row in enumerate(table.rows):
        key = row.get(key_column).strip()
        if key:
            rows_by_key.setdefault(key, []).append(index)
    if len(rows_by_key) > 200:
        return []  # not a column of variable names
    found: list[GeoRows] = []
    for key, indexes in rows_by_key.items():
        if len(indexes) < 2 or header_geography(key) is None:
            continue
        result = classify_values((table.rows[i].get(value_column) for i in indexes), key)
        if result is not None:
            found.append(GeoRows(value_column, indexes[0], key, result))
    return found
