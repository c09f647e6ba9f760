"""Generate the labelled manuscript-sentence set that benchmarks/eval_text.py scores outscan on.

    python benchmarks/make_text_eval.py            # writes benchmarks/data/text_eval.jsonl
    python benchmarks/make_text_eval.py --check    # regenerate in memory, compare with the committed file

Requirements: ``faker`` (the ``bench`` extra). The output is committed, so scoring needs
neither this script nor Faker; the file is the same on every run with the same Faker
release (generated with Faker 40.54.0: Faker's word lists change between releases, so
``--check`` may differ under another one).

One JSON record per line, one sentence (a manuscript paragraph) per record::

    {"text": "...", "labels": [{"category": "identifier", "kind": "person", "value": "..."}],
     "source": "person-07", "part": "body"}

* ``labels`` name every disclosure in the sentence, by outscan's categories: ``identifier``
  (kinds person, mrn, ssn, phone, email, address, date, age), ``small_cell`` (count),
  ``individual_records`` (case), ``geography`` (county, city, zip, tract, coordinates,
  registry), ``data_source`` (facility, physician, npi). ``value`` is the text that
  discloses (it occurs in ``text``). A label with ``"optional": true`` is something a
  finding may rightly point at but need not (a physician's name is a person's name too; a
  full street address names its city): a finding there is not a false positive, and no
  finding is not a false negative. A sentence without labels is clean.
* ``source`` is the template the sentence came from (``clean-...`` for clean ones).
* ``part`` is where the sentence stands in the manuscript eval_text.py writes: ``front``
  (title, byline, affiliations, correspondence: the paper's own authors), ``body``,
  ``back`` (funding, acknowledgements), ``references``. ``authors`` on the byline record
  lists the paper's authors.

The sentences are written the way manuscripts, case reports, supplementary tables and
LaTeX comments say these things, not from outscan's recognisers: the set measures them.
Leaking sentences cover every kind above, with values from Faker (seeded; names include
middle initials, hyphenated and multi-word surnames) and from outscan's own gazetteer
(real counties, places, ZIP codes, registries). Counts of 10-99 appear next to small ones
and alone; only counts of 1-9 (below the default threshold of 10) are labelled. Clean
sentences are the scientific prose a scan must leave alone: statistics, eponymous tests
and diseases, genes, study periods, durations, rates, standard populations, national data
sources, DOIs, URLs, citations, and the paper's own authors and affiliations.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUTPUT = HERE / "data" / "text_eval.jsonl"
DATA = ROOT / "outscan" / "data"
SEED = 20240611

# --------------------------------------------------------------------------- reference data

STATE_NAMES: dict[str, str] = {}
COUNTIES: list[tuple[str, str]] = []  # (name, postal code)
PLACES: list[tuple[str, str]] = []
REGISTRIES: list[str] = []
ZIPS: list[str] = []


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def load_reference_data() -> None:
    for name, postal, _fips in _rows("us_states.tsv"):
        STATE_NAMES[postal] = name
    states50 = {p for p in STATE_NAMES if p not in {"PR", "GU", "VI", "AS", "MP", "UM", "DC"}}
    for _fips, postal, name in _rows("us_counties.tsv"):
        if postal in states50 and (name.endswith(" County") or name.endswith(" Parish")):
            COUNTIES.append((name, postal))
    for postal, name in _rows("us_places.tsv"):
        if postal in states50:
            PLACES.append((name, postal))
    for row in _rows("cancer_registries.tsv"):
        name, aliases = row[2], (row[3] if len(row) > 3 else "")
        REGISTRIES.append(name)
        REGISTRIES.extend(a for a in aliases.split("|") if a)
    lines = (DATA / "us_zip_codes.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "zip5")
    bitmap = base64.b64decode("".join(lines[start + 1:]))
    ZIPS.extend(f"{n:05d}" for n in range(100_000) if bitmap[n // 8] >> (n % 8) & 1)


# --------------------------------------------------------------------------- fillers

rng = random.Random(SEED)
Faker.seed(SEED)
fake = Faker("en_US")

SMALL_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
MULTIWORD_SURNAMES = ["De La Cruz", "Van Buren", "Del Rosario", "St. John", "Von Essen", "Da Silva", "Le Blanc",
                      "Mac Donald", "De Leon", "Van der Berg", "Dos Santos", "El-Amin", "Abu Bakr", "De Vries",
                      "Van Allen", "La Rosa"]
HOSPITAL_ROOTS = ["Cedar Valley", "Riverbend", "Lakeshore", "Pine Ridge", "Sutter Creek", "Harbor View", "Maple Grove",
                  "Blue Mesa", "Prairie View", "Stonebridge", "Willow Creek", "Oak Hollow", "Silver Lake",
                  "North Fork", "Eastbrook", "Red Bluff", "Highland Park", "Clearwater Bay", "Fox Run", "Granite Hills"]
SAINTS = ["St. Brendan's", "St. Agnes", "St. Cecilia", "St. Jerome", "Holy Cross", "Good Samaritan", "Sacred Heart",
          "St. Vincent de Paul", "Our Lady of Mercy", "St. Ambrose", "St. Clare's", "St. Benedict"]
EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com",
                 "riverbendhealth.org", "cedarvalleymed.org", "stonebridgeclinic.com", "uthscsa.edu", "umich.edu",
                 "mercyhs.org", "pinecrestpeds.net"]
AREA_CODES = ["214", "312", "617", "713", "404", "206", "303", "615", "801", "919", "503", "412", "216", "602", "702",
              "314", "816", "502", "505", "901", "414", "608", "515", "402", "316", "405", "918", "501", "601", "205"]
DIAGNOSES = ["acute lymphoblastic leukemia", "acute myeloid leukemia", "neuroblastoma", "Wilms tumor",
             "medulloblastoma", "osteosarcoma", "Ewing sarcoma", "Hodgkin lymphoma", "Burkitt lymphoma",
             "rhabdomyosarcoma", "hepatoblastoma", "retinoblastoma", "glioblastoma", "pancreatic adenocarcinoma",
             "triple-negative breast cancer", "metastatic melanoma", "small cell lung cancer",
             "diffuse large B-cell lymphoma", "multiple myeloma", "anaplastic thyroid carcinoma",
             "adrenocortical carcinoma", "germ cell tumor", "clear cell renal cell carcinoma"]
RACES = ["American Indian/Alaska Native", "Asian", "Native Hawaiian", "Black", "Hispanic", "Pacific Islander"]
CHEMO = ["induction chemotherapy", "cisplatin-based chemotherapy", "R-CHOP", "high-dose methotrexate",
         "autologous stem cell transplant", "proton beam therapy", "CAR T-cell therapy", "imatinib",
         "external beam radiotherapy", "a limb-sparing resection"]
EVENTS_BORN = ["born", "delivered"]
MONTHS_ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def words(n: int) -> str:
    if n < 10:
        return SMALL_WORDS[n - 1]
    if n < 20:
        return TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return TENS[tens] + ("-" + SMALL_WORDS[unit - 1] if unit else "")


def first() -> str:
    return fake.first_name()


def last() -> str:
    roll = rng.random()
    if roll < 0.15:
        return f"{fake.last_name()}-{fake.last_name()}"
    if roll < 0.25:
        return rng.choice(MULTIWORD_SURNAMES)
    return fake.last_name()


def full_name() -> str:
    roll = rng.random()
    if roll < 0.25:
        return f"{first()} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last()}"
    return f"{first()} {last()}"


def a_date() -> str:
    day = fake.date_between(dt.date(1996, 1, 1), dt.date(2021, 12, 31))
    style = rng.randrange(8)
    if style == 0:
        return f"{day:%B} {day.day}, {day.year}"
    if style == 1:
        return f"{day:%m/%d/%Y}"
    if style == 2:
        return f"{day.month}/{day.day}/{day:%y}"
    if style == 3:
        return f"{day:%Y-%m-%d}"
    if style == 4:
        return f"{day.day} {day:%B} {day.year}"
    if style == 5:
        return f"{MONTHS_ABBR[day.month - 1]} {day.day}, {day.year}"
    if style == 6:
        return f"{day.day:02d}-{day:%b}-{day.year}"
    return f"{day:%d.%m.%Y}"


def birth_date() -> str:
    day = fake.date_between(dt.date(1930, 1, 1), dt.date(1995, 12, 31))  # before every diagnosis date
    return rng.choice([f"{day:%B} {day.day}, {day.year}", f"{day:%m/%d/%Y}", f"{day:%Y-%m-%d}",
                       f"{day.day} {day:%B} {day.year}"])


def mrn() -> str:
    n = rng.randrange
    return rng.choice([
        f"MRN {n(10**7):08d}", f"MRN: {n(10**6, 10**7)}", f"medical record number {n(1000, 9999)}-{n(1000, 9999)}",
        f"MR# A{n(10**7):07d}", f"chart #{n(10, 22)}-{n(10**6):06d}", f"hospital number H{n(10**8):08d}",
        f"patient ID HX-{n(10**4):04d}-{n(10**4):04d}", f"Epic MRN E{n(10**7):07d}",
        f"surgical pathology accession S{n(98, 121) % 100:02d}-{n(1000, 99999)}", f"record no. {n(10**5, 10**6)}",
        f"MRN#{n(10**6, 10**7)}", f"medical record {n(100, 999)}-{n(100, 999)}-{n(10, 99)}"])


def ssn() -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    group, serial = rng.randrange(1, 100), rng.randrange(1, 10000)
    return rng.choice([f"{area:03d}-{group:02d}-{serial:04d}", f"{area:03d} {group:02d} {serial:04d}",
                       f"{area:03d}{group:02d}{serial:04d}"])


def phone() -> str:
    area = rng.choice(AREA_CODES)
    exchange = rng.choice([e for e in range(201, 990) if e % 100 != 11 and e != 555])
    line = rng.randrange(10000)
    return rng.choice([f"({area}) {exchange}-{line:04d}", f"{area}-{exchange}-{line:04d}", f"{area}.{exchange}.{line:04d}",
                       f"+1 {area} {exchange} {line:04d}", f"1-{area}-{exchange}-{line:04d}",
                       f"({area}) {exchange}-{line:04d} ext. {rng.randrange(100, 9999)}"])


def email() -> str:
    f, l_ = fake.first_name().lower(), fake.last_name().lower()
    domain = rng.choice(EMAIL_DOMAINS)
    return rng.choice([f"{f}.{l_}@{domain}", f"{f[0]}{l_}{rng.randrange(1, 99)}@{domain}", f"{l_}.{f[0]}@{domain}",
                       f"{f}{l_[0]}@{domain}", fake.free_email()])


STREET_NAMES = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Walnut", "Lincoln", "Washington", "Jefferson", "Highland",
                "Lakeview", "Sunset", "Ridge", "Mill", "Church", "Park", "Spring", "Meadow", "Hillcrest", "Forest",
                "Magnolia", "Dogwood", "Willow", "Cherry", "Main", "Market", "Franklin", "Jackson", "Madison", "Center"]
STREET_TYPES = ["Street", "St.", "St", "Avenue", "Ave.", "Ave", "Road", "Rd.", "Drive", "Dr.", "Lane", "Ln",
                "Boulevard", "Blvd.", "Court", "Ct.", "Way", "Place", "Circle", "Parkway", "Terrace", "Trail"]


def street() -> str:
    """A US street address as people write it: number, optional direction, name, type, optional unit."""
    name = rng.choice(STREET_NAMES) if rng.random() < 0.6 else fake.last_name()
    if rng.random() < 0.15:
        name = rng.choice(["1st", "2nd", "3rd", "4th", "5th", "12th", "21st", "38th", "104th"])
    direction = rng.choice(["N. ", "S. ", "E. ", "W. ", "North ", "West ", "NE ", ""] + [""] * 6)
    text = f"{rng.randrange(2, 9999)} {direction}{name} {rng.choice(STREET_TYPES)}"
    roll = rng.random()
    if roll < 0.15:
        text += f", Apt {rng.randrange(1, 40)}{rng.choice(['', 'B', 'C'])}"
    elif roll < 0.25:
        text += f" #{rng.randrange(100, 999)}"
    elif roll < 0.32:
        text += f", Unit {rng.randrange(1, 30)}"
    elif roll < 0.38:
        return rng.choice([f"P.O. Box {rng.randrange(10, 9999)}", f"Rural Route {rng.randrange(1, 9)}, Box {rng.randrange(10, 400)}",
                           f"{rng.randrange(100, 99999)} County Road {rng.randrange(10, 999)}",
                           f"{rng.randrange(100, 99999)} State Highway {rng.randrange(1, 300)}"])
    return text


def place() -> tuple[str, str]:
    return rng.choice(PLACES)


def plain_place() -> str:
    """A place name that reads as a place without its state (no one-word common nouns)."""
    while True:
        name, _ = place()
        if len(name) >= 5 and (" " in name or name not in COMMON_WORD_PLACES):
            return name


COMMON_WORD_PLACES = {"College", "Badger", "Commerce", "Independence", "Mission", "Normal", "Liberty", "Union",
                      "Justice", "Paradise", "Enterprise", "Opportunity", "Hope", "Orange", "Pearl", "Florence",
                      "Hazard", "Progress", "Security", "Fairview", "Center", "Bay", "Industry", "Marina", "Eagle"}


def county() -> tuple[str, str]:
    return rng.choice(COUNTIES)


def a_zip() -> str:
    return rng.choice(ZIPS)


def tract() -> str:
    whole, part = rng.randrange(1, 9800), rng.randrange(1, 99)
    return rng.choice([f"census tract {whole}.{part:02d}", f"Census Tract {whole}", f"tract {whole}.{part:02d}",
                       f"census tract {whole:04d}{part:02d}"])


def coords() -> str:
    lat, lon = rng.uniform(25.5, 48.5), -rng.uniform(71.0, 122.0)
    return rng.choice([f"({lat:.4f}, {lon:.4f})", f"latitude {lat:.5f}, longitude {lon:.5f}",
                       f"{lat:.2f}\u00b0N, {-lon:.2f}\u00b0W", f"lat {lat:.4f} / lon {lon:.4f}",
                       f"{lat:.6f},{lon:.6f}"])


def registry() -> str:
    roll = rng.random()
    if roll < 0.45:
        postal = rng.choice([p for p in STATE_NAMES if p not in {"PR", "GU", "VI", "AS", "MP", "UM", "DC"}])
        return rng.choice([f"{STATE_NAMES[postal]} Cancer Registry", f"{STATE_NAMES[postal]} State Cancer Registry",
                           f"{STATE_NAMES[postal]} Cancer Surveillance System"])
    name = rng.choice([r for r in REGISTRIES if "exclud" not in r and "excl." not in r and "/" not in r])
    if "registry" in name.lower() or "program" in name.lower():
        return name
    return rng.choice([f"{name} registry", f"{name} SEER registry", f"{name} Cancer Registry"])


def hospital() -> str:
    roll = rng.randrange(6)
    if roll == 0:
        return f"{rng.choice(HOSPITAL_ROOTS)} Regional Medical Center"
    if roll == 1:
        return f"{rng.choice(SAINTS)} Hospital"
    if roll == 2:
        return f"{rng.choice(HOSPITAL_ROOTS)} Children's Hospital"
    if roll == 3:
        return f"{fake.last_name()} Memorial Hospital"
    if roll == 4:
        return f"{rng.choice(SAINTS)} Medical Center"
    return f"{rng.choice(HOSPITAL_ROOTS)} Community Hospital"


def clinic() -> str:
    return rng.choice([f"the {rng.choice(HOSPITAL_ROOTS)} Cancer Clinic", f"{fake.last_name()} Oncology Clinic",
                       f"the {rng.choice(HOSPITAL_ROOTS)} Pediatric Hematology-Oncology Clinic",
                       f"{rng.choice(SAINTS)} Infusion Center", f"{rng.choice(HOSPITAL_ROOTS)} Imaging Center",
                       f"the {fake.last_name()} Breast Health Center"])


def lab() -> str:
    return rng.choice([f"{rng.choice(HOSPITAL_ROOTS)} Pathology Associates", f"{fake.last_name()} Diagnostics Laboratory",
                       f"the {rng.choice(HOSPITAL_ROOTS)} Molecular Pathology Laboratory",
                       f"{fake.last_name()} Reference Laboratories", f"{rng.choice(SAINTS)} Clinical Laboratory"])


def practice() -> str:
    return rng.choice([f"{fake.last_name()} Family Practice", f"{fake.last_name()} & {fake.last_name()} Pediatrics",
                       f"{rng.choice(HOSPITAL_ROOTS)} Internal Medicine Associates",
                       f"{fake.last_name()} Hematology & Oncology, P.C.", f"{rng.choice(HOSPITAL_ROOTS)} Primary Care"])


def npi() -> str:
    """A 10-digit NPI with a valid check digit (Luhn over 80840 + the first nine digits)."""
    body = [rng.choice([1, 2])] + [rng.randrange(10) for _ in range(8)]
    digits = [8, 0, 8, 4, 0] + body
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    check = (10 - total % 10) % 10
    return "".join(map(str, body)) + str(check)


# --------------------------------------------------------------------------- slots

def L(category: str, kind: str, value: str, optional: bool = False) -> dict:
    label = {"category": category, "kind": kind, "value": value}
    if optional:
        label["optional"] = True
    return label


def slot(name: str) -> tuple[str, list[dict]]:
    """The text for a {slot} and what it discloses."""
    ident, geo, src = "identifier", "geography", "data_source"
    if name == "person":
        v = full_name()
        return v, [L(ident, "person", v)]
    if name == "first":
        v = first()
        return v, [L(ident, "person", v)]
    if name == "titled":
        v = f"{rng.choice(['Mr.', 'Mrs.', 'Ms.', 'Miss'])} {last()}"
        return v, [L(ident, "person", v)]
    if name == "initials_last":
        v = f"{first()[0]}. {last()}"
        return v, [L(ident, "person", v)]
    if name == "mrn":
        v = mrn()
        return v, [L(ident, "mrn", v)]
    if name == "ssn":
        v = ssn()
        return v, [L(ident, "ssn", v)]
    if name == "phone":
        v = phone()
        return v, [L(ident, "phone", v)]
    if name == "email":
        v = email()
        return v, [L(ident, "email", v)]
    if name == "street":
        v = street()
        return v, [L(ident, "address", v)]
    if name == "full_address":
        city, postal = place()
        z = a_zip()
        v = f"{street()}, {city}, {postal} {z}"
        return v, [L(ident, "address", v), L(geo, "city", city, True), L(geo, "zip", z, True)]
    if name == "date":
        v = a_date()
        return v, [L(ident, "date", v)]
    if name == "dob":
        v = birth_date()
        return v, [L(ident, "date", v)]
    if name == "old_age":
        v = str(rng.randrange(90, 105))
        return v, [L(ident, "age", v)]
    if name == "old_age_word":
        v = words(rng.randrange(90, 100))
        return v, [L(ident, "age", v)]
    if name == "small":
        v = str(rng.randrange(2, 10))
        return v, [L("small_cell", "count", v)]
    if name in ("small_word", "Small_word"):
        v = rng.choice(SMALL_WORDS[1:])
        v = v.capitalize() if name[0] == "S" else v
        return v, [L("small_cell", "count", v)]
    if name in ("one_word", "one_digit", "single"):
        v = {"one_word": "one", "one_digit": "1", "single": "single"}[name]
        return v, [L("small_cell", "count", v)]
    if name == "county":
        v = county()[0]
        return v, [L(geo, "county", v)]
    if name == "county_st":
        c, postal = county()
        v = f"{c}, {rng.choice([postal, STATE_NAMES[postal]])}"
        return v, [L(geo, "county", v)]
    if name == "city":
        v = plain_place()
        return v, [L(geo, "city", v)]
    if name == "city_st":
        c, postal = place()
        v = f"{c}, {rng.choice([postal, postal, STATE_NAMES[postal]])}"
        return v, [L(geo, "city", v)]
    if name == "zip":
        v = a_zip()
        return v, [L(geo, "zip", v)]
    if name == "zip_prefix":
        v = a_zip()[:3]
        return v, [L(geo, "zip", v)]
    if name == "tract":
        v = tract()
        return v, [L(geo, "tract", v)]
    if name == "geoid":
        c = rng.randrange(1, 56) * 1000 + rng.randrange(1, 200, 2)
        v = f"{c:05d}{rng.randrange(100, 990000):06d}"
        return v, [L(geo, "tract", v)]
    if name == "coords":
        v = coords()
        return v, [L(geo, "coordinates", v)]
    if name == "registry":
        v = registry()
        return v, [L(geo, "registry", v)]
    if name in ("hospital", "clinic", "lab", "practice"):
        v = {"hospital": hospital, "clinic": clinic, "lab": lab, "practice": practice}[name]()
        return v, [L(src, "facility", v)]
    if name == "dr":
        surname = last()
        v = rng.choice([f"Dr. {surname}", f"Dr. {first()} {surname}", f"Dr {surname}", f"Dr. {first()[0]}. {surname}"])
        return v, [L(src, "physician", v), L(ident, "person", v, True)]
    if name == "md":
        v = f"{first()} {last()}{rng.choice([', MD', ' MD', ', M.D.', ', DO', ', MD, PhD'])}"
        return v, [L(src, "physician", v), L(ident, "person", v, True)]
    if name == "doc_name":  # a physician's name the sentence itself calls a physician
        v = full_name()
        return v, [L(src, "physician", v), L(ident, "person", v, True)]
    if name == "npi":
        v = npi()
        return v, [L(src, "npi", v), L(ident, "mrn", v, True)]
    # unlabelled fillers
    if name == "big":
        return str(rng.randrange(10, 100)), []
    if name in ("big_word", "Big_word"):
        v = words(rng.randrange(10, 100))
        return (v.capitalize() if name[0] == "B" else v), []
    if name == "bign":
        return f"{rng.randrange(120, 48000):,}", []
    if name == "child":
        return str(rng.randrange(2, 18)), []
    if name == "adult":
        return str(rng.randrange(19, 89)), []
    if name == "months":
        return str(rng.randrange(2, 60)), []
    if name == "year":
        return str(rng.randrange(1998, 2022)), []
    if name == "dx":
        return rng.choice(DIAGNOSES), []
    if name == "cdx":
        return rng.choice(DIAGNOSES[:12]), []
    if name == "adx":
        return rng.choice(DIAGNOSES[12:] + ["Hodgkin lymphoma", "Ewing sarcoma"]), []
    if name == "race":
        return rng.choice(RACES), []
    if name == "tx":
        return rng.choice(CHEMO), []
    if name == "sex":
        return rng.choice(["boy", "girl"]), []
    if name == "Sex":
        return rng.choice(["Male", "Female"]), []
    if name == "adult_sex":
        return rng.choice(["man", "woman"]), []
    if name == "pct":
        return f"{rng.uniform(0.5, 9.5):.1f}", []
    if name == "state":
        return rng.choice([v for k, v in STATE_NAMES.items() if k not in {"PR", "GU", "VI", "AS", "MP", "UM"}]), []
    if name == "pid":
        return str(rng.randrange(1, 40)), []
    raise KeyError(name)


SLOT = re.compile(r"\{([A-Za-z_]+)(\d?)\}")


def fill(template: str) -> tuple[str, list[dict]]:
    labels: list[dict] = []
    seen: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        key = match.group(0)
        if key not in seen:
            text, found = slot(match.group(1))
            seen[key] = text
            labels.extend(found)
        return seen[key]

    text = SLOT.sub(replace, template)
    # "a 8-year-old", "a 84-year-old" -> "an ..."
    text = re.sub(r"\b([Aa]) (?=(?:8\d?|11|18)(?:-| years\b| y\b|yo\b))", r"\1n ", text)
    return text, labels


# --------------------------------------------------------------------------- leaking templates
# (kind, number of sentences, templates); "+case" etc. after a template adds a label the
# slots do not carry: "+case" individual_records, "+case?" optional, "+small?" an optional
# small count (the word "one"/"single"/"only" of a one-person description).

LEAKING: list[tuple[str, int, list[str]]] = [
    ("person", 38, [
        "Written informed consent was obtained from {person}, the patient's mother, before enrolment.",
        "{person} was lost to follow-up after moving out of state in {year}.",
        "The proband, {person}, carried a pathogenic BRCA2 variant and had an affected sister. +case?",
        "Interview excerpt (participant {first}): \"Nobody told me the scans would take all day.\"",
        "Chart abstraction for {person} was completed by the research nurse on the second pass.",
        "% TODO: confirm with {person} whether the son's relapse should be counted as an event",
        "Imaging for {person} was re-read centrally because the local report was ambiguous. +case?",
        "Case 4 ({person}) had a germline TP53 variant and developed a second malignancy. +case",
        "{titled} declined further chemotherapy after the second cycle and chose hospice care. +case",
        "We thank {person} and her family for permission to publish the photographs in Figure 2.",
        "Follow-up calls were made to {person} and the other caregivers who missed the survey window.",
        "Data for {person} were entered twice; the duplicate record was removed before analysis.",
        "Participant {person} (age 14) reported the highest fatigue score in the cohort. +case?",
        "Quote from {first}, mother of a survivor: \"We drove four hours each way for every cycle.\"",
        "The family of {person} requested that the autopsy findings be shared with the treating team.",
        "{person}'s tumour was the only one with an ALK fusion in the series. +case?",
        "Her brother, {person}, was the matched sibling donor for the transplant. +case?",
        "Exclusion log: {person}, consent withdrawn; {person2}, ineligible histology.",
        "Consent forms signed by {person} and {person2} could not be located during the audit.",
        "Survey responses from {person} were excluded because the questionnaire was completed by a sibling.",
        "{titled}, a long-term survivor, agreed to be named in the patient-perspective box.",
        "Transcript 12, speaker {first} (parent): \"The oncologist explained everything twice.\"",
        "Re-consent at age 18 was obtained from {person} during the survivorship visit.",
        "The tumour board discussed {person} because of discordant biopsy results. +case?",
        "{initials_last} was enrolled in the pilot before the eligibility criteria were changed.",
        "Note from coordinator: {person} and {person2} were randomised on the same day by mistake.",
        "Pedigree II-3 ({person}) was diagnosed with colorectal cancer at 38 and died at 41. +case",
        "Samples from {person} failed sequencing quality control and were not re-run.",
        "We are grateful to {person}, whose story prompted this study.",
        "Baseline questionnaires were mailed to {person} at the address on file.",
    ]),
    ("mrn", 22, [
        "Imaging for the index patient ({mrn}) was re-read centrally. +case?",
        "The duplicate registration was traced to {mrn}, which had been entered under two names.",
        "% check {mrn} - discharge summary missing",
        "Specimens were retrieved using {mrn} and matched to the biobank inventory.",
        "Row 14 of the abstraction sheet lists {mrn} with a missing stage.",
        "The patient with {mrn} was excluded because the diagnosis predated the study period.",
        "Audit query: {mrn} shows two dates of last contact.",
        "Records were linked by {mrn} and date of birth; unmatched records were reviewed by hand.",
        "Pathology review of {mrn} reclassified the tumour as a rhabdoid tumour. +case?",
        "Supplementary Table S7: {mrn} | relapse | alive",
        "Linkage keys ({mrn}, {mrn2}) were retained in the analytic file by mistake.",
    ]),
    ("ssn", 8, [
        "Death records were matched on SSN ({ssn}) and name.",
        "The linkage file included the social security number {ssn} for the index case.",
        "SSN: {ssn}; DOB: withheld; status: deceased",
        "Two records shared SSN {ssn}, which the registry resolved as a twin pair.",
    ]),
    ("phone", 14, [
        "For questions about the survey, families could call the study line at {phone}.",
        "Contact the parent at {phone} before the 6-month visit.",
        "% call back {phone} re consent form",
        "The patient's daughter ({phone}) confirmed the date of death.",
        "Voicemail left at {phone}; no return call after three attempts.",
        "Participants who screened positive were referred to the after-hours line, {phone}.",
        "Home phone on the abstraction form: {phone}.",
        "Emergency contact: {person}, {phone}.",
    ]),
    ("email", 12, [
        "Survey links were sent to {email} and the other caregivers on the list.",
        "Questions about individual records were forwarded to {email}.",
        "% from {email}: the family agreed to the photo",
        "The participant wrote (from {email}) that she would not attend the final visit.",
        "Reminder emails bounced for {email}; the participant was contacted by phone instead.",
        "Contact for the family: {email}.",
    ]),
    ("address", 14, [
        "The patient lived at {street} at the time of diagnosis. +case?",
        "Questionnaires were mailed to {full_address}.",
        "Geocoding failed for {street} because the street was renamed in 2012.",
        "Residence at diagnosis: {street} (rented since {year}).",
        "The family home at {full_address} was 0.4 miles from the former smelter site.",
        "% address on intake form: {street}",
        "Home visits were made to {street} and the neighbouring houses.",
    ]),
    ("date", 32, [
        "The patient was born on {date} and diagnosed at 14 months. +case",
        "She was diagnosed on {date} after a routine blood count. +case?",
        "The first patient was admitted on {date} and the last on {date2}.",
        "He died on {date}, eleven weeks after the transplant. +case?",
        "Date of birth: {dob}; date of diagnosis: {date}.",
        "The index case underwent nephrectomy on {date}. +case?",
        "Relapse was confirmed by bone-marrow aspirate on {date}. +case?",
        "Patient 7 was discharged on {date} and readmitted with fever four days later. +case",
        "% DOB {dob} - check against registry",
        "The infant, born {date}, was referred at 3 weeks of age. +case?",
        "Admission date {date}; discharge date {date2}.",
        "Death occurred on {date} at home. +case?",
        "Diagnosis was made on {date}, when imaging showed a 6 cm renal mass. +case?",
        "The second biopsy ({date}) showed residual disease. +case?",
        "Case 3 was diagnosed on {date} and started induction the next day. +case",
        "The mother reported that the child was born on {date} at 34 weeks. +case?",
        "Symptoms began in the week of {date}, according to the clinic notes. +case?",
        "She underwent surgery on {date} and received adjuvant therapy thereafter. +case?",
    ]),
    ("age", 22, [
        "A {old_age}-year-old woman presented with a painless breast mass. +case",
        "The oldest participant, aged {old_age} years, completed all study visits.",
        "The median age at diagnosis was 71 years (range, 34-{old_age}).",
        "One man aged {old_age} received full-dose therapy without dose-limiting toxicity. +case +small?",
        "Case 11: female, {old_age} years, stage IV, died 3 months after diagnosis. +case",
        "The {old_age_word}-year-old resident of a nursing home was the only case in the facility. +case +small?",
        "Ages ranged from 62 to {old_age} years.",
        "Patient age at death: {old_age}.",
        "A {old_age}-year-old man was diagnosed incidentally on imaging for a fall. +case",
        "Her mother, aged {old_age}, was the primary caregiver.",
        "The eldest survivor in the cohort turned {old_age} during follow-up.",
        "Table S2 note: one decedent was {old_age} years old at the time of death. +small?",
    ]),
    ("small", 44, [
        "Only {small} patients developed grade 4 neutropenia during consolidation.",
        "{Small_word} children died during induction.",
        "Of the {big} adolescents, {small} relapsed and the rest remained in remission.",
        "Secondary malignancies occurred in {small_word} survivors.",
        "Patients with Down syndrome (n = {small}) were excluded from the survival analysis.",
        "Among {race} patients, {small} cases of {dx} were recorded.",
        "There were {small} deaths among the {bign} children in the cohort.",
        "{Small_word} of the {big} patients had a MYCN amplification.",
        "Toxic deaths: {small}.",
        "Loss to follow-up affected {small_word} participants in the intervention arm.",
        "Of {big} deaths, {small} were attributed to infection.",
        "Late cardiac events were seen in {small} of {bign} anthracycline-exposed survivors.",
        "In {year}, {small_word} new cases were diagnosed in the smallest age group.",
        "Stage IV disease was present in {small} girls and {big} boys.",
        "A total of {small} infants under 1 year were treated on the protocol.",
        "Hispanic adolescents accounted for {small_word} of the brain tumour cases in {year}.",
        "Grade 3 neurotoxicity (n={small}) resolved within two weeks in all cases.",
        "We identified {small_word} cases of male breast cancer among registry patients under 40.",
        "{Small_word} patients withdrew consent, and {big_word} were lost to follow-up.",
        "Only {small_word} American Indian children were diagnosed with retinoblastoma in the period.",
        "Relapse occurred in {small} ({pct}%) of the children who completed maintenance.",
        "Supplementary Table S5 row: Pacific Islander | {small} cases | rate suppressed",
        "% n = {small} in the ALL subgroup, check before submission",
        "Twins were concordant for leukemia in {small_word} pairs.",
        "{Small_word} deaths occurred within 30 days of surgery.",
        "Fertility preservation was offered to {big} patients and accepted by {small}.",
        "Only {one_word} patient with {dx} developed a second cancer by {year}.",
        "A {single} death in {year} was attributed to the study drug.",
        "Transfusion-associated infection occurred in {one_digit} child in {year}.",
        "There was {one_word} case of secondary AML among the {bign} children treated.",
    ]),
    ("case", 30, [
        "A {child}-year-old {sex} presented with a four-week history of bone pain and was diagnosed with {cdx}. +case",
        "The patient, a {adult}-year-old {adult_sex} with a history of smoking, developed {adx} eight years after {tx}. +case",
        "Patient {pid} was a {adult}-year-old {adult_sex} who relapsed {months} months after transplant and died of sepsis. +case",
        "In one case, a {child}-year-old {sex} with {cdx} had an isolated CNS relapse at day 180. +case +small?",
        "Case 2: {Sex}, aged {adult}, {race}, diagnosed with {adx} in {year}, alive without disease at last contact. +case",
        "The only {race} patient in the cohort, a {adult_sex} aged {adult}, declined surgery. +case +small?",
        "Our patient, a previously healthy {child}-year-old {sex}, was admitted with headache and vomiting. +case",
        "One child, a {child}-year-old {sex} from {county}, died of treatment-related toxicity. +case +small?",
        "The index patient was a {adult}-year-old {race} {adult_sex} who worked as a farm labourer. +case",
        "A {child}-month-old infant with {cdx} was treated with {tx} and remains in remission. +case",
        "Patient {pid} | {Sex} | {child} y | {cdx} | relapse at {months} mo | alive +case",
        "The {adult}-year-old {adult_sex} in whom the variant was found had no family history of cancer. +case",
        "We report a {child}-year-old {sex} with {cdx} who developed posterior reversible encephalopathy during {tx}. +case",
        "The single patient with {dx} in {year} was a {adult}-year-old {adult_sex} from {city}. +case +small?",
        "Case 9 ({Sex}, {adult} y) presented with hemoptysis and weight loss of 9 kg over {months} months. +case",
        "% pt 3 = the {child}yo {sex} who relapsed twice, exclude? +case",
    ]),
    ("county", 20, [
        "Incidence was highest in {county}, where {big} cases were diagnosed.",
        "Patients living in {county_st} had longer travel times to treatment.",
        "A suspected cluster of {dx} was investigated in {county} in {year}.",
        "Rates in {county} were twice the state average.",
        "Supplementary Table S4 lists counts for {county} and {county2}.",
        "The rural county with the highest rate, {county_st}, had no pediatric oncologist.",
        "Children from {county} were referred across state lines for proton therapy.",
        "% drop {county} from the map? rates unstable",
        "Residents of {county_st} were oversampled in the survey.",
        "Mortality declined in every county except {county}.",
        "The outbreak investigation focused on two schools in {county}.",
    ]),
    ("city", 20, [
        "Residents of {city} accounted for a third of the cases in the region.",
        "Children from {city_st} were referred to the regional center for radiotherapy.",
        "Air-quality monitors in {city_st} recorded the highest benzene levels in the state.",
        "Most survivors lived within 20 miles of {city}.",
        "Focus groups were held in {city_st} and {city_st2}.",
        "The cluster included households in {city} and the surrounding townships.",
        "Patients from {city_st} travelled a median of 140 miles for treatment.",
        "% {city} numbers look off - recheck geocoding",
        "Incidence in {city_st} exceeded the national rate for every year studied.",
        "Community health workers in {city} enrolled families door to door.",
        "Two of the deaths occurred in {city_st}. +small?",
    ]),
    ("zip", 12, [
        "Rates were mapped by ZIP code; ZIP {zip} had the highest standardized incidence ratio.",
        "Addresses were geocoded, and {big} cases fell within ZIP code {zip}.",
        "Residents of ZIP codes {zip} and {zip2} were invited to the screening event.",
        "The 3-digit ZIP area {zip_prefix} contributed {big} cases.",
        "Zip {zip}: {big} cases, rate 41.2 per 100,000.",
        "% exclude zip {zip}? only the nursing home",
    ]),
    ("tract", 10, [
        "The SIR in {tract} of {county} was 2.4.",
        "Neighbourhood deprivation was highest in {tract}.",
        "The case residences clustered in {tract} and {tract2}.",
        "Tract GEOID {geoid} was flagged as a hot spot.",
        "Cases were assigned to {tract} by the geocoder.",
    ]),
    ("coordinates", 9, [
        "The residence was geocoded to {coords}.",
        "Cluster centroid: {coords}, radius 12 km.",
        "The former landfill lies at {coords}, 1.2 km from the school.",
        "% home coords {coords}",
        "The monitoring station used for exposure assignment was at {coords}.",
    ]),
    ("registry", 18, [
        "Data were obtained from the {registry}.",
        "The {registry} provided case counts for {year}.",
        "We linked records from the {registry} to the state death file.",
        "Cases were identified through the {registry} and verified by chart review.",
        "Staff of the {registry} abstracted treatment variables.",
        "Incidence in the {registry} area rose faster than in the nation.",
        "Our analysis used the {registry} research file released in {year}.",
    ]),
    ("facility", 28, [
        "Patients were recruited at {hospital} between 2010 and 2016.",
        "Tissue samples were processed by {lab}.",
        "All MRI scans were read at {clinic}.",
        "Records from {practice} were abstracted by two reviewers.",
        "{hospital} contributed {big} patients and {hospital2} contributed {big2}.",
        "The pilot was run in the infusion suite of {hospital}.",
        "Germline testing was performed by {lab} using a 94-gene panel.",
        "Survivors attended the late-effects clinic at {hospital}.",
        "Most referrals came from {practice} in the first year.",
        "% ask {hospital} for the missing path reports",
        "Frozen sections were interpreted at {hospital} and confirmed at {lab}.",
        "The feasibility study enrolled families seen at {clinic}.",
        "Adolescents treated at {hospital} were less likely to enrol on trials.",
        "Pharmacy dispensing data came from {practice} for the whole study period.",
    ]),
    ("physician", 20, [
        "All biopsies were reviewed by {dr}.",
        "{md}, the treating oncologist, confirmed the diagnosis.",
        "The treating oncologist, {doc_name}, recommended a second opinion.",
        "Referral letters from {dr} were reviewed for eligibility.",
        "Surgery was performed by {dr} at {hospital}.",
        "Central pathology review by {md} confirmed the diagnosis in every case.",
        "% {dr} says the relapse date is wrong",
        "Echocardiograms were read centrally by {md}.",
        "The patient's pediatrician, {doc_name}, reported the case to the registry.",
        "Chemotherapy orders were signed by {dr} for all participants.",
        "Consent was taken by the attending physician, {doc_name}.",
    ]),
    ("npi", 6, [
        "Claims were restricted to the prescriber with NPI {npi}.",
        "Ordering provider NPI: {npi}.",
        "% NPI {npi} = the radiation oncologist",
    ]),
]


# --------------------------------------------------------------------------- clean sentences

CLEAN_BODY: list[str] = [
    # statistics and eponymous methods
    "Overall survival was estimated with the Kaplan-Meier method and compared with the log-rank test.",
    "Hazard ratios were estimated with Cox proportional hazards models stratified by age group.",
    "The proportional hazards assumption was checked with Schoenfeld residuals.",
    "Relative survival was computed with the Ederer II method using state life tables.",
    "Categorical variables were compared with Fisher's exact test and continuous variables with the Mann-Whitney U test.",
    "A Bonferroni correction was applied to the {big} pairwise comparisons.",
    "Comorbidity was summarised with the Charlson comorbidity index (0, 1, 2 or more).",
    "Gleason score 7 tumours were split into 3+4 and 4+3 patterns.",
    "Cumulative incidence of relapse was estimated with competing risks (Fine and Gray), with death as the competing event.",
    "Confidence intervals for rates were computed with the Tiwari method.",
    "Trends were described by annual percent change from Joinpoint regression (version 5.0.2).",
    "Agreement between reviewers was measured with Cohen's kappa (0.81).",
    "Model calibration was assessed with the Hosmer-Lemeshow test (p = 0.42).",
    "Differences between groups were tested with the Kruskal-Wallis test followed by Dunn's test.",
    "Spearman's rank correlation between deprivation and incidence was 0.31.",
    "Poisson regression with an offset for log person-years was used to model incidence.",
    "Standard errors were estimated with Greenwood's formula.",
    "The false discovery rate was controlled with the Benjamini-Hochberg procedure at 5%.",
    "Multiple imputation by chained equations generated 20 imputed datasets.",
    "Nelson-Aalen estimates of the cumulative hazard are shown in Supplementary Figure S3.",
    "Bland-Altman plots showed no systematic bias between the two assays.",
    "A two-sided p value below 0.05 was considered statistically significant.",
    "All analyses were done in SAS 9.4 and R version 4.3.1.",
    "Analyses used SEER*Stat version 8.4.3 and the Joinpoint Regression Program.",
    "Sensitivity analyses excluded patients with missing stage (three analyses in all).",
    "Propensity scores were estimated by logistic regression and matched 1:4 with a caliper of 0.2 SD.",
    "The hazard of death was higher in the unmatched cohort (HR 1.82, 95% CI 1.21-2.74).",
    "The adjusted odds ratio for late effects was 2.3 (95% CI, 1.4 to 3.8; p = .001).",
    "Five-year overall survival was 84.1% (95% CI 81.9-86.1).",
    "Event-free survival at 3 years was 71% in the high-risk group versus 89% in the standard-risk group.",
    "Median follow-up was 84 months (interquartile range 52-121).",
    "Patients were followed for a median of 6.2 years after diagnosis.",
    "The median time to relapse was 14 months.",
    "Treatment lasted 2 to 3 years depending on sex and risk group.",
    "Each cycle lasted 21 days, and patients received 6 cycles.",
    "Survival was measured from diagnosis to death or last contact, censored at 10 years.",
    "The interaction term between age and stage was not significant (p = 0.37).",
    "Model 2 additionally adjusted for area-level poverty and rurality.",
    "Results from Model 3 are shown in Table 2 and Figure 4.",
    "The C-statistic of the nomogram was 0.74 in the validation cohort.",
    "Heterogeneity across studies was moderate (I2 = 46%).",
    "A random-effects meta-analysis pooled 17 cohort studies.",
    "The number needed to treat was 12 (95% CI 8-25).",
    "Power was 80% to detect a hazard ratio of 1.5 at an alpha of 0.05.",
    "Restricted cubic splines with four knots modelled the effect of age.",
    "Missing data were under 5% for every covariate except income.",
    "We used a 5-point Likert scale for every satisfaction item.",
    "The questionnaire took a median of 18 minutes to complete.",
    "Relative risks were estimated with modified Poisson regression with robust variance.",
    "Bootstrap resampling (1,000 replicates) was used for internal validation.",
    "Survival curves crossed at about 2 years, so restricted mean survival time was also reported.",
    "The Wilcoxon signed-rank test compared scores before and after the intervention.",
    "Student's t test compared mean doses between arms.",
    "Post hoc comparisons used Tukey's honest significant difference.",
    "Time-varying covariates were handled with the counting-process formulation of the Cox model.",
    "Incidence rate ratios comparing 2015-2019 with 2000-2004 are shown in Table 3.",
    "Standardized incidence ratios were computed with indirect standardization.",
    "Results were robust to the choice of reference category.",
    # eponymous diseases, scores and stagings
    "Hodgkin lymphoma was the most common cancer among adolescents aged 15 to 19 years.",
    "Wilms tumor accounted for most renal tumours in children under 5.",
    "Ewing sarcoma and osteosarcoma were analysed together as malignant bone tumours.",
    "Burkitt lymphoma was more frequent in boys than in girls.",
    "Patients with Li-Fraumeni syndrome were offered whole-body MRI surveillance.",
    "Children with Down syndrome have a markedly higher risk of acute leukemia.",
    "Beckwith-Wiedemann syndrome was an indication for abdominal ultrasound screening.",
    "Langerhans cell histiocytosis was excluded because it is not coded as malignant before 2010.",
    "Kaposi sarcoma incidence fell sharply after the introduction of antiretroviral therapy.",
    "Merkel cell carcinoma incidence rose with age in both sexes.",
    "Barrett's esophagus was the main risk factor examined for esophageal adenocarcinoma.",
    "Lynch syndrome was confirmed by germline testing in the mismatch-repair-deficient subgroup.",
    "Performance status was recorded as Karnofsky or Lansky score, depending on age.",
    "Response was assessed with RECIST 1.1 every 8 weeks.",
    "Lymphomas were staged with the Ann Arbor system with Cotswolds modifications.",
    "Breslow thickness and Clark level were abstracted from the pathology reports.",
    "Von Hippel-Lindau disease was present in a small minority of hemangioblastoma cases.",
    "Hirschsprung disease was recorded as a congenital anomaly, not as a cancer predisposition.",
    "Crohn's disease was associated with a higher risk of small-bowel adenocarcinoma.",
    "The Lugano classification was used to assess response in lymphoma.",
    "Tumours were graded with the Nottingham system (grade 1 to 3).",
    "Toxicity was graded with CTCAE version 5.0.",
    "Neuroblastoma risk groups followed the International Neuroblastoma Risk Group classification.",
    "Gleason grade group 2 or 3 disease was managed with active surveillance in the recent period.",
    "Parkinson's disease and Alzheimer's disease were included as competing comorbidities.",
    # genes and markers
    "Pathogenic BRCA1 or BRCA2 variants were found in 11% of the tested patients.",
    "TP53 mutations were associated with shorter event-free survival.",
    "Ki-67 above 20% defined the high-proliferation group.",
    "EGFR exon 19 deletions and L858R mutations were the most frequent driver alterations.",
    "ALK rearrangements were detected by fluorescence in situ hybridization.",
    "KRAS G12C was present in 13% of the lung adenocarcinomas tested.",
    "MYCN amplification was the strongest predictor of relapse in neuroblastoma.",
    "ETV6-RUNX1 fusion conferred a favourable prognosis in B-cell ALL.",
    "BCR-ABL1-positive leukemias received a tyrosine kinase inhibitor from day 15.",
    "HER2-positive tumours were treated with trastuzumab for 1 year.",
    "PD-L1 expression of 50% or more was required for first-line pembrolizumab.",
    "IDH1 R132H mutation and MGMT promoter methylation were assessed in every glioma.",
    "FLT3-ITD and NPM1 status defined the genetic risk group in AML.",
    "The IKZF1 deletion was detected by MLPA in 15% of the samples.",
    "CDKN2A/B homozygous deletion was associated with higher grade.",
    "The rs2736100 variant in TERT was associated with glioma risk (OR 1.27).",
    "Chromosome 17p deletion and t(4;14) defined high-risk myeloma.",
    "Microsatellite instability was measured with a five-marker panel.",
    # study periods, populations, rates, counts that are fine
    "We included children diagnosed from 2000 through 2018.",
    "The study period was 2000\u20132018, with follow-up through December 31, 2019.",
    "Cases diagnosed between 2004 and 2015 were eligible.",
    "Rates were age-adjusted to the 2000 US standard population (19 age groups, Census P25-1130).",
    "Rates were age-adjusted to the 2000 U.S. standard population and expressed per 1,000,000 person-years.",
    "Age-adjusted incidence was 17.9 per 100,000 in {year}.",
    "Incidence increased by 0.8% per year (95% CI 0.5-1.1) from 1975 to 2019.",
    "Mortality fell from 4.1 to 2.3 per 100,000 over the study period.",
    "About 1 in 5 survivors reported financial hardship.",
    "One in three patients was enrolled on a clinical trial.",
    "Patients aged 90 and over were grouped with those aged 85-89 in every table.",
    "Ages were top-coded at 90 years, as required by the data use agreement.",
    "Ages 85 and older were combined into one group.",
    "Patients aged 90 years or older (n = 1,204) had the lowest survival.",
    "Cells with fewer than 10 cases were suppressed, as were complementary cells.",
    "Counts of 1 to 9 were suppressed in accordance with NCCR policy.",
    "Rates based on fewer than 16 cases are not shown.",
    "The cohort comprised {bign} children and adolescents.",
    "Of {bign} eligible patients, {bign2} consented and {bign3} completed the baseline survey.",
    "{Big_word} patients relapsed during maintenance therapy.",
    "Forty-two percent of survivors reported at least one chronic condition.",
    "In all, {big} deaths occurred during the first year of follow-up.",
    "Second cancers occurred in {big} survivors ({pct}%).",
    "Of the {bign} cases, {bign2} were microscopically confirmed.",
    "There were {big} hospitals in the network, each contributing at least 20 patients.",
    "The analysis included {bign} person-years of follow-up.",
    "No deaths occurred within 30 days of surgery.",
    "None of the patients in the low-risk arm relapsed.",
    "Every participant completed at least two questionnaires.",
    "Stage II and stage III disease were combined in the regression models.",
    "WHO grade 4 tumours were analysed separately.",
    "Patients received 2 cycles of induction followed by consolidation.",
    "The 3-year overall survival was 78%.",
    "A 2-step approach was used: screening, then confirmatory testing.",
    "Patients with 2 or more comorbidities were classified as high risk.",
    "ICD-O-3 histology codes 9650-9667 defined Hodgkin lymphoma.",
    "Tumours were classified with ICCC-3, main groups I to XII.",
    "Supplementary Table S4 lists the ICD-10 codes used to define each outcome.",
    "Children were grouped into five age groups: 0, 1-4, 5-9, 10-14 and 15-19 years.",
    "The response rate was 61% after two reminders.",
    "Dose reductions of 25% were allowed after grade 3 toxicity.",
    "The male-to-female ratio was 1.3 to 1.",
    "Incidence in girls was highest at ages 1 to 4 years.",
    "Adolescents and young adults were defined as ages 15 to 39.",
    "Body mass index was categorised using the CDC growth charts for children under 20.",
    "At least 10 cases per cell were needed for a rate to be reported.",
    "Half of the children were diagnosed before age 6.",
    "The 10th and 90th percentiles of travel distance were 4 and 96 miles.",
    "Cases were restricted to first primary tumours.",
    "Survival improved by about 5 percentage points per decade.",
    "The trial randomised {bign} patients in a 2:1 ratio.",
    # geography at national and state level, and generic
    "Incidence was highest in the Northeast and lowest in the South.",
    "Rates in {state} were similar to the national average.",
    "Rural-urban status was assigned with the 2013 Rural-Urban Continuum Codes.",
    "County-level poverty came from the American Community Survey 5-year estimates.",
    "Area-level deprivation was measured with the Yost index at the census-tract level.",
    "All 50 states and the District of Columbia contributed data.",
    "Patients were treated at more than 200 children's hospitals across the United States and Canada.",
    "The registries covered about 48% of the US population.",
    "Appalachian counties had higher lung cancer mortality than non-Appalachian counties.",
    "Rates were mapped at the state level only, in line with the data use agreement.",
    "Participants lived in {big} states.",
    "The study was conducted at a tertiary referral center in the southeastern United States.",
    "Patients from rural areas travelled farther for radiotherapy.",
    # national and public data sources
    "Data came from SEER 22 (excluding Illinois and Massachusetts), released April 2023.",
    "We used the NPCR and SEER combined U.S. Cancer Statistics database.",
    "Incidence data were obtained from the National Childhood Cancer Registry (NCCR) through NCCR*Explorer.",
    "Images were obtained from The Cancer Imaging Archive (TCIA) under its data use agreement.",
    "Population estimates came from the US Census Bureau via SEER.",
    "Mortality data were obtained from CDC WONDER.",
    "The National Cancer Database (NCDB) was used to examine treatment patterns.",
    "NAACCR's CiNA data were used for the sensitivity analysis.",
    "Children were treated on Children's Oncology Group (COG) protocols.",
    "The analysis used the public-use SEER research data, November 2022 submission.",
    "Survey data came from the National Health Interview Survey.",
    "Genomic data were downloaded from The Cancer Genome Atlas through the GDC portal.",
    "This analysis used de-identified data from the Childhood Cancer Survivor Study.",
    "Linked SEER-Medicare data were used for patients aged 66 and older.",
    "The National Death Index was searched for deaths through 2020.",
    # identifiers of studies, documents, software
    "The trial is registered at ClinicalTrials.gov (NCT01234567).",
    "Code is available at https://github.com/example-lab/survival-analysis.",
    "SEER data are available at https://seer.cancer.gov/data/ after signing the research data agreement.",
    "See doi:10.1200/JCO.2019.37.15_suppl.10031 for the conference abstract.",
    "The full protocol is available at https://doi.org/10.5281/zenodo.7654321.",
    "The study protocol was approved by the institutional review board (protocol 2019-0412).",
    "The data use agreement (DUA-2021-118) permits publication of state-level counts only.",
    "The analytic dataset was frozen on March 1, 2023.",
    "Data were extracted on 15 January 2022 and analysed in the following months.",
    "Version 2.1 of the protocol (dated June 2, 2017) introduced the revised eligibility criteria.",
    "The Supplementary Appendix, section 3.2, describes the coding rules.",
    "Further details are given in eTable 4 of the supplement.",
    # citations
    "Smith et al. (2019) reported similar survival in a larger cohort.",
    "These findings agree with those of Ward and colleagues.",
    "As shown by Siegel et al., incidence has plateaued since 2015.",
    "Our estimates are lower than those of Howlader et al. (2020), who used an earlier release.",
    "Previous studies (Armstrong et al., 2014; Oeffinger et al., 2006) described late effects in survivors.",
    "The method follows Fay and Feuer (1997) for gamma intervals.",
    "Consistent with the report by Kim and colleagues [23], the association weakened after adjustment.",
    "Robison and Hudson reviewed the survivorship literature in 2014.",
    "The classification of Steliarova-Foucher et al. was used for childhood tumours.",
    "Unlike Johnson et al. [12], we did not exclude second primaries.",
    "The approach of Cronin and Feuer to cumulative risk was used.",
    "Estimates were compared with GLOBOCAN (Bray et al., 2018).",
    # general prose with people in general terms
    "Treatment decisions were at the discretion of the treating physician.",
    "Patients and parents were interviewed separately by trained research staff.",
    "The research nurse contacted families who missed a visit.",
    "Two pathologists reviewed the slides independently, blinded to outcome.",
    "Hospital-level clustering was accounted for with robust standard errors.",
    "Participating hospitals were not named, as required by the data use agreement.",
    "The registry's staff had no role in the analysis or interpretation.",
    "Survivors were asked whether a physician had ever told them they had a heart condition.",
    "Parents of children under 12 completed the proxy version of the questionnaire.",
    "Patients were seen every 3 months for the first 2 years and every 6 months thereafter.",
    "The median age at diagnosis was 6 years (range, 0-19).",
    "The median age was 64 years (interquartile range, 56-72).",
    "Women accounted for 52% of the cohort.",
    "The mean age of the mothers at delivery was 29.4 years.",
    "Oncologists in academic centres were more likely to recommend genetic testing.",
    "Family physicians reported limited confidence in survivorship care.",
    "Cancer centers designated by the National Cancer Institute treated 38% of the adolescents.",
    "Patients treated at high-volume hospitals had lower 30-day mortality.",
    # eponyms and names that read as people or places
    "Philadelphia chromosome-positive ALL was treated with dasatinib in the later era.",
    "Reed-Sternberg cells were identified in every classic Hodgkin lymphoma specimen.",
    "Homer Wright rosettes were described in most of the neuroblastoma slides.",
    "Fanconi anemia and Diamond-Blackfan anemia were recorded as predisposing conditions.",
    "Denys-Drash and WAGR syndromes were excluded from the Wilms tumor analysis.",
    "Peutz-Jeghers syndrome, Cowden syndrome and Gorlin syndrome were grouped as rare predispositions.",
    "Epstein-Barr virus was detected in 40% of the nasopharyngeal carcinomas.",
    "Cardiovascular risk was summarised with the Framingham risk score.",
    "Lyme disease and Rocky Mountain spotted fever were included as negative-control outcomes.",
    "The Aalen-Johansen estimator was used for the cumulative incidence of second cancers.",
    "The Cochran-Armitage test showed a linear trend across deprivation quintiles.",
    "Weibull and Gompertz models gave similar estimates of the cure fraction.",
    "Model fit was compared with the Akaike information criterion.",
    "McNemar's test compared paired proportions before and after the training.",
    "Kendall's tau between the two rankings was 0.62.",
    "Gray's test compared cumulative incidence between the treatment eras.",
    "Pearson's chi-square test was used for the contingency tables.",
    "The Hodges-Lehmann estimator gave a median difference of 3.1 points.",
    "JAK2 V617F was detected in most patients with polycythemia vera.",
    "SMARCB1 loss defined the atypical teratoid/rhabdoid tumours.",
    "Germline RB1 variants were found in all bilateral retinoblastoma cases tested.",
    "NF1 microdeletions were associated with a higher risk of malignant peripheral nerve sheath tumour.",
    "Hedgehog pathway inhibitors were not available during the study period.",
    "Children treated on Total Therapy XV had no cranial irradiation.",
    "Participants in the Nurses' Health Study and the Health Professionals Follow-up Study were pooled.",
    "The Women's Health Initiative provided the external validation cohort.",
    "Hispanic ethnicity was assigned with the NAACCR Hispanic Identification Algorithm.",
    "Three reviewers abstracted the charts independently and resolved disagreements by consensus.",
    "Interviews lasted 45 to 60 minutes and were audio-recorded.",
    "Cohort sizes ranged from 120 to 4,500 participants across the pooled studies.",
    "Patients were censored at age 90 to protect confidentiality.",
    "Survivors' mothers reported more anxiety than fathers did.",
    "The manuscript was accepted for publication on March 3, 2023.",
    "Ages 1-9 years at diagnosis were associated with the best outcomes.",
    "Grade 3 or higher events occurred in a third of the patients.",
    "Figure 3B shows the cumulative incidence by treatment era.",
]

CLEAN_FRONT: list[tuple[str, list[str]]] = [
    ("Incidence and survival of childhood cancers in the United States, 2000\u20132018", []),
    ("Jane Q. Public, MD, PhD1; Mariana Gonzalez-Ortiz, MPH2; Thomas Okafor, MD1,3; Wei Zhang, PhD2",
     ["Jane Q. Public", "Mariana Gonzalez-Ortiz", "Thomas Okafor", "Wei Zhang"]),
    ("1 Department of Pediatrics, University of Texas Southwestern Medical Center, Dallas, TX, USA", []),
    ("2 Division of Cancer Control and Population Sciences, National Cancer Institute, Bethesda, MD", []),
    ("3 Department of Oncology, St. Jude Children's Research Hospital, Memphis, Tennessee", []),
    ("Correspondence: Jane Q. Public, MD, PhD, 5323 Harry Hines Blvd, Dallas, TX 75390; "
     "jane.public@utsouthwestern.edu; tel. (214) 648-3111", []),
    ("Running title: Childhood cancer incidence and survival", []),
    ("Word count: 3,412; Tables: 3; Figures: 4", []),
]

CLEAN_BACK: list[str] = [
    "This work was supported by the National Cancer Institute (grant R01CA123456) and by the American Cancer Society.",
    "Jane Q. Public and Wei Zhang designed the study; Mariana Gonzalez-Ortiz analysed the data.",
    "Thomas Okafor reports consulting fees from a pharmaceutical company; the other authors report none.",
    "The content is solely the responsibility of the authors and does not represent the official views of the NIH.",
    "SEER data are available to researchers who sign the SEER Research Data Use Agreement.",
    "We thank the cancer registries of the SEER program and the NPCR for the data.",
]


def references(n: int) -> list[str]:
    journals = ["J Clin Oncol", "Cancer", "JAMA Oncol", "Pediatr Blood Cancer", "J Natl Cancer Inst",
                "Cancer Epidemiol Biomarkers Prev", "Lancet Oncol", "CA Cancer J Clin", "Blood", "N Engl J Med"]
    topics = ["Trends in childhood cancer incidence", "Late effects among survivors of childhood cancer",
              "Survival after relapse of acute lymphoblastic leukemia", "Geographic variation in cancer incidence",
              "Socioeconomic status and survival in adolescents and young adults with cancer",
              "Cardiac outcomes after anthracycline exposure", "Second malignant neoplasms after radiotherapy",
              "Racial and ethnic disparities in pediatric cancer survival", "Rural residence and cancer mortality",
              "Germline predisposition in pediatric solid tumors"]
    out = []
    for i in range(1, n + 1):
        authors = ", ".join(f"{fake.last_name()} {''.join(rng.choice('ABCDEFGHJKLMNPRSTW') for _ in range(rng.randrange(1, 3)))}"
                            for _ in range(rng.randrange(2, 6)))
        year = rng.randrange(1997, 2024)
        volume, page = rng.randrange(10, 130), rng.randrange(100, 4000)
        doi = f"10.{rng.randrange(1000, 9999)}/{rng.choice(['jco', 'cncr', 'pbc', 'jnci'])}.{year}.{rng.randrange(1000, 99999)}"
        out.append(f"{i}. {authors}{rng.choice([', et al', ''])}. {rng.choice(topics)}. {rng.choice(journals)}. "
                   f"{year};{volume}({rng.randrange(1, 24)}):{page}-{page + rng.randrange(3, 15)}. doi:{doi}")
    return out


# --------------------------------------------------------------------------- assembly

def parse_template(template: str) -> tuple[str, list[dict]]:
    """Split a template's "+case" markers from its text."""
    extra: list[dict] = []
    while True:
        match = re.search(r"\s\+(case\??|small\?)$", template)
        if not match:
            break
        marker = match.group(1)
        template = template[:match.start()]
        if marker.startswith("case"):
            extra.append({"category": "individual_records", "kind": "case", "optional": marker.endswith("?")})
        else:
            extra.append({"category": "small_cell", "kind": "count", "optional": True})
    return template, extra


def leaking_records() -> list[dict]:
    records = []
    for kind, count, templates in LEAKING:
        order = list(range(len(templates)))
        rng.shuffle(order)
        for i in range(count):
            index = order[i % len(order)]
            template, extra = parse_template(templates[index])
            for _ in range(20):
                text, labels = fill(template)
                if all(r["text"] != text for r in records):
                    break
            for e in extra:
                value = _extra_value(text, e)
                label = L(e["category"], e["kind"], value, e["optional"])
                labels.append(label)
            records.append({"text": text, "labels": _dedupe(labels), "source": f"{kind}-{index + 1:02d}", "part": "body"})
    return records


def _extra_value(text: str, extra: dict) -> str:
    """The words a marker label points at: the whole sentence for a case, the 'one' for a count."""
    if extra["category"] == "small_cell":
        match = re.search(r"\b(?:[Oo]ne|single|only|Two|two)\b", text)
        return match.group(0) if match else text
    return text


def _dedupe(labels: list[dict]) -> list[dict]:
    out, seen = [], set()
    for label in labels:
        key = (label["category"], label["kind"], label["value"], label.get("optional", False))
        if key not in seen:
            seen.add(key)
            out.append(label)
    return out


def clean_records() -> list[dict]:
    records = []
    for index, template in enumerate(CLEAN_BODY):
        text, labels = fill(template)
        assert not labels, template
        records.append({"text": text, "labels": [], "source": f"clean-{index + 1:03d}", "part": "body"})
    return records


def build() -> list[dict]:
    load_reference_data()
    body = leaking_records() + clean_records()
    rng.shuffle(body)
    front = []
    for index, (text, authors) in enumerate(CLEAN_FRONT):
        record = {"text": text, "labels": [], "source": f"clean-front-{index + 1:02d}", "part": "front"}
        if authors:
            record["authors"] = authors
        front.append(record)
    back = [{"text": t, "labels": [], "source": f"clean-back-{i + 1:02d}", "part": "back"} for i, t in enumerate(CLEAN_BACK)]
    refs = [{"text": t, "labels": [], "source": f"clean-reference-{i + 1:02d}", "part": "references"}
            for i, t in enumerate(references(22))]
    records = front + body + back + refs
    for record in records:
        for label in record["labels"]:
            assert label["value"] in record["text"], (label, record["text"])
        assert "\n" not in record["text"] and "\t" not in record["text"]
    texts = [r["text"] for r in records]
    assert len(texts) == len(set(texts)), "duplicate sentences"
    return records


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with the existing file instead of writing")
    args = parser.parse_args(argv)
    text = dumps(build())
    records = [json.loads(line) for line in text.splitlines()]
    leaking = sum(1 for r in records if any(not l.get("optional") for l in r["labels"]))
    by_category: dict[str, int] = {}
    for r in records:
        for c in {l["category"] for l in r["labels"] if not l.get("optional")}:
            by_category[c] = by_category.get(c, 0) + 1
    summary = (f"{len(records)} sentences: {leaking} leaking, {sum(1 for r in records if not r['labels'])} clean; "
               f"sentences per category: {dict(sorted(by_category.items()))}")
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(("identical to " if same else "DIFFERS from ") + str(args.output) + "; " + summary)
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
