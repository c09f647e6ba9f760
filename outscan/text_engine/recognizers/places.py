"""Places in prose, by level: counties, cities, ZIP codes, census tracts, coordinates,
states, and the cancer registries that name an area.

Names are checked against the gazetteer shipped in ``outscan/data`` (the same one the
table checks use); nothing is looked up online. A county needs its word ("Johnson
County", "Orleans Parish"); a city is a place spaCy tags as a location that the gazetteer
knows, or a "City, ST" pair; a state is a location that is a state's name. A registry
names an area when the words before "Cancer Registry"/"Tumor Registry" (or after "SEER")
are a place: "the Utah Cancer Registry", "Connecticut Tumor Registry", "SEER Atlanta" —
not "the National Childhood Cancer Registry" or "SEER 22".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.tables.geography import Level, gazetteer, normalise
from outscan.text_engine.recognizers.base import Match, OutscanRecognizer, window

_CAP = r"[A-Z][A-Za-z.'’-]*"
_COUNTY = re.compile(rf"\b(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})\s+(?P<kind>County|Parish|Borough|Census Area|Co\.(?=,?\s+[A-Z]{{2}}\b))")
_STATE_CODES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
                "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR").split()
_CITY_STATE = re.compile(rf"\b(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}}),\s+(?P<state>{'|'.join(_STATE_CODES)})\b(?!\.\w)")
_ZIP_LABELLED = re.compile(r"\b(?:ZIP|zip|Zip|[Pp]ostal)(?:\s*codes?|code)?\b(?:[^.;\d]{0,40}?)[:#=(]?\s*(?P<zip>\d{5})(?:-\d{4})?\b(?![.,]\d)")
# "residing in 09278": a five-digit number where only a place can stand.
_ZIP_RESIDENCE = re.compile(r"\b(?:residing|resident|residents|lived|living|lives|households?)\s+(?:in|of|at)\s+(?P<zip>\d{5})\b(?![.,]\d)")
_ZIP_AFTER_STATE = re.compile(rf"\b(?:{'|'.join(_STATE_CODES)})\s+(?P<zip>\d{{5}})(?:-\d{{4}})?\b")
_ZIP3 = re.compile(r"\b(?:3-digit|three-digit|3 digit)\s+ZIP(?:\s*codes?)?(?:\s+(?:prefix(?:es)?|areas?|regions?))?\s*(?:of|:)?\s*(?P<zip>\d{3})\b"
                   r"|\b(?:ZIP3|ZIP\s*code\s+prefix|zip3)\s*(?:of|:|=)?\s*(?P<zip2>\d{3})\b"
                   r"|\bZIP\s+(?P<zip3>\d{3})(?![\d-])", re.I)
_TRACT = re.compile(r"\b(?:census\s+)?tracts?\s+(?:no\.?\s*|#\s*|GEOID\s*[:#]?\s*)?(?:\d{11}|\d{1,6}(?:\.\d{1,2})?)\b"
                    r"|\b(?:tract\s+)?GEOID\s*[:#=]?\s*\d{11}\b"
                    r"|\bblock\s+groups?\s+\d\b", re.I)
_COORD = re.compile(r"(?<![\d.])(?P<lat>[-+]?\d{1,2}\.\d{2,})\s*°?\s*(?P<ns>[NS])?\s*(?:[,;/]\s*|\s+)"
                    r"(?:lon(?:g|gitude)?\.?\s*[:=]?\s*)?(?P<lon>[-+]?\d{1,3}\.\d{2,})\s*°?\s*(?P<ew>[EW])?(?!\d|\.\d)")
_COORD_CONTEXT = re.compile(r"\b(?:lat(?:itude)?|lon(?:gitude)?|coords?|coordinates?|GPS|geocoded?|located at|centroid"
                            r"|residence|home|address|lies at|lived at)\b", re.I)
_STATE_NAMES = ("Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho"
                "|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota"
                "|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York"
                "|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina"
                "|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming")
_CITY_STATE_NAME = re.compile(rf"\b(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}}),\s+(?P<state>{_STATE_NAMES})\b")
# "lived in Paramus", "residents of Bridgewater", "within 20 miles of Sherman": a gazetteer place
# that spaCy did not tag, named where only a place can stand.
_RESIDENCE = re.compile(
    rf"\b(?:lived|living|lives|resided|residing|residents?|households?|families|born|moved|relocated|miles|km"
    rf"|kilometers|kilometres|town|city|village|community|hometown|man|woman|boy|girl|child|patient)\b"
    rf"(?:\s+[a-z]+){{0,3}}?\s+(?:in|of|from|near|to|at)\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})")
# "Ann Arbor staging", "Philadelphia chromosome": places in the names of things.
_NAMED_THING_AFTER = re.compile(r"^[\s-]*(?:staging|stage|system|classification|criteria|chromosome|translocation"
                                r"|modification|protocol|regimen|score|scale|consensus|statement|declaration)", re.I)
_PAREN = r"(?:\s*\([A-Z][\w .-]*\))?"
_REGISTRY = re.compile(
    rf"\b(?P<area>{_CAP}(?:[\s-]+(?:{_CAP}|of|and)){{0,5}}?{_PAREN})\s+(?:State\s+|Statewide\s+)?(?:Cancer|Tumou?r)\s+"
    rf"(?:Registry|Surveillance\s+System|Reporting\s+System|Data\s+System)\b"
    rf"|\b(?:Cancer|Tumou?r)\s+Registry\s+of\s+(?P<area2>{_CAP}(?:\s+{_CAP}){{0,3}})"
    rf"|\bSEER[\s-](?P<area3>{_CAP}(?:[\s-]+{_CAP}){{0,2}})"
    rf"|\b(?P<area4>{_CAP}(?:[\s-]+{_CAP}){{0,2}}?{_PAREN})\s+(?:SEER\s+)?registry\b")
_NOT_AN_AREA = re.compile(r"^(?:the\s+)?(?:national|north american|central|childhood|pediatric|international|european"
                          r"|global|us|u\.s\.|united states|american|nci|cdc|seer|npcr|statewide|population|hospital"
                          r"|institutional|our|this|a|an)\b", re.I)


# "(SAS Institute Inc., Cary, NC)", "(R Foundation for Statistical Computing, Vienna, Austria)":
# where software comes from is no place of the study's.
_MAKER = re.compile(r"\((?=[^()]*\b(?:Inc|LLC|Ltd|Corp|Corporation|GmbH|AG|SA|Foundation|Institute|Company|Co|Software"
                    r"|Statistical Computing)\b)[^()]*\)")


def area_level(name: str) -> Level | None:
    """The level a bare name is at, if the gazetteer knows it: state, registry area, county, city."""
    g = gazetteer()
    key = normalise(name)
    key = re.sub(r"^the\s+", "", key)
    if not key or key in ("us", "usa", "united states", "america"):
        return None
    if key in g.state_by_name:
        return Level.STATE
    if key in g.registries:
        return Level.REGISTRY
    if key in g.county_full:
        return Level.COUNTY
    if key in g.places:
        return Level.CITY
    return None


class PlaceRecognizer(OutscanRecognizer):
    ENTITIES = ("PLACE",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        g = gazetteer()
        taken: list[tuple[int, int]] = []

        makers = [m.span() for m in _MAKER.finditer(text)]

        def emit(start: int, end: int, level: Level, score: float = 0.85) -> Iterator[Match]:
            if any(s <= start and end <= e for s, e in makers):
                return
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                yield Match("PLACE", start, end, score, {"level": level.value})

        for match in _COUNTY.finditer(text):
            name = match["name"]
            # "Los Angeles County" is a county; so is the shortest tail that the gazetteer knows.
            words = name.split()
            for first in range(len(words)):
                candidate = " ".join(words[first:])
                kind = "County" if match["kind"] == "Co." else match["kind"]
                if normalise(f"{candidate} {kind}") in g.county_full:
                    start = match.start("name") + name.index(candidate)
                    yield from emit(start, match.end(), Level.COUNTY)
                    break
        for pattern, level in ((_ZIP_LABELLED, Level.ZIP5), (_ZIP_AFTER_STATE, Level.ZIP5), (_ZIP_RESIDENCE, Level.ZIP5)):
            for match in pattern.finditer(text):
                if g.zip5_exists(match["zip"]):
                    yield from emit(*match.span("zip"), level)
        for match in _ZIP3.finditer(text):
            group = next(name for name in ("zip", "zip2", "zip3") if match[name])
            if match[group] in g.zip3:
                yield from emit(*match.span(group), Level.ZIP3)
        for match in _TRACT.finditer(text):
            yield from emit(*match.span(), Level.TRACT)
        for match in _COORD.finditer(text):
            lat, lon = float(match["lat"]), float(match["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue
            left, right = window(text, match.start(), match.end(), before=50, after=20)
            hemispheres = match["ns"] and match["ew"]
            # Four decimals on both, a latitude and a western longitude of the US: a location, not a CI.
            us_like = (min(len(match["lat"].split(".")[1]), len(match["lon"].split(".")[1])) >= 4
                       and 17 <= lat <= 72 and -180 <= lon <= -64)
            if hemispheres or us_like or _COORD_CONTEXT.search(left) or _COORD_CONTEXT.search(right) \
                    or "°" in match.group():
                yield from emit(*match.span(), Level.COORDINATES)
        for match in _CITY_STATE.finditer(text):
            key = normalise(match["name"])
            if match["state"] in g.places.get(key, ()):
                yield from emit(match.start("name"), match.end(), Level.CITY)
        for match in _CITY_STATE_NAME.finditer(text):
            if g.places.get(normalise(match["name"])) and g.state_by_name.get(normalise(match["state"])) in \
                    g.places[normalise(match["name"])]:
                yield from emit(match.start("name"), match.end(), Level.CITY)
        for match in _RESIDENCE.finditer(text):
            name = match["name"]
            if area_level(name) is Level.CITY and not _NAMED_THING_AFTER.match(text[match.end():match.end() + 20]):
                yield from emit(match.start("name"), match.end("name"), Level.CITY)
        for entity in getattr(nlp_artifacts, "entities", None) or ():
            # presidio relabels spaCy's GPE and LOC as LOCATION in its artifacts.
            if entity.label_ not in ("LOCATION", "GPE", "LOC"):
                continue
            level = area_level(entity.text)
            if _NAMED_THING_AFTER.match(text[entity.end_char:entity.end_char + 20]):
                continue
            if level in (Level.CITY, Level.STATE):
                yield from emit(entity.start_char, entity.end_char, level, 0.75)


class RegistryRecognizer(OutscanRecognizer):
    ENTITIES = ("REGISTRY",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _REGISTRY.finditer(text):
            group = next(name for name in ("area", "area2", "area3", "area4") if match[name])
            area = match[group]
            if _NOT_AN_AREA.match(area):
                continue
            # The area may carry leading words ("the data of the Utah"): take the longest known tail.
            words = re.sub(r"[()]", " ", area).replace("-", " - ").split()
            for first in range(len(words)):
                if words[first].lower() in ("of", "and", "the", "-"):
                    continue
                candidate = " ".join(words[first:]).replace(" - ", "-")
                level = area_level(candidate)
                if level is not None:
                    start = match.start(group) + len(" ".join(words[:first]).replace(" - ", "-")) + (1 if first else 0)
                    yield Match("REGISTRY", start if group != "area3" else match.start(), match.end(), 0.85,
                                {"area": candidate, "level": level.value})
                    break
