"""Generate the HELD-OUT labelled manuscript-sentence set: benchmarks/data/text_holdout.jsonl.

    python benchmarks/make_text_holdout.py            # writes benchmarks/data/text_holdout.jsonl
    python benchmarks/make_text_holdout.py --check    # regenerate in memory, compare with the committed file
    python benchmarks/eval_text.py --set benchmarks/data/text_holdout.jsonl   # score outscan on it

Why a second set: benchmarks/data/text_eval.jsonl (benchmarks/make_text_eval.py) has been
used to tune outscan's recognisers, so its figures are optimistic. This set is written
apart from it and from outscan: its sentence templates were written fresh for it (not
taken or paraphrased from make_text_eval.py, and without reading outscan's recognisers or
checks), its value generators are its own, and Faker runs under another seed. Nothing in
outscan should be tuned on this set; once it has been, it is no longer held out.

Requirements: ``faker`` (the ``bench`` extra). The output is committed; the file is the
same on every run with the same Faker release (generated with Faker 40.54.0).

The record format and label conventions are those of text_eval.jsonl, so eval_text.py
scores either. One JSON record per line, one sentence (a manuscript paragraph) each::

    {"text": "...", "labels": [{"category": "identifier", "kind": "person", "value": "..."}],
     "source": "ho-person-07", "part": "body"}

* ``labels``: every disclosure in the sentence, by outscan's categories: ``identifier``
  (person, mrn, ssn, phone, email, address, date, age), ``small_cell`` (count),
  ``individual_records`` (case), ``geography`` (county, city, zip, tract, coordinates,
  registry), ``data_source`` (facility, physician, npi). ``value`` occurs in ``text`` (for a
  case, the whole sentence). ``"optional": true`` marks what a finding may rightly point at
  but need not (a physician's name is also a person's name; an NPI is also an ID number; a
  full address names its city and ZIP code; a sentence about one named patient describes a
  single person; "one patient" is a count of one): no false positive there, and no false
  negative either. A sentence without labels is clean.
* What is labelled: exact dates tied to one person's birth, diagnosis, admission, surgery,
  relapse or death (not a study's calendar, a data release or a meeting); ages over 89
  (including the top of a range); counts of people of 1-9 (the default threshold is 10;
  counts of 10 and more, and small numbers that do not count people - cycles, strata,
  codes, sites - are not labelled); single-person clinical descriptions; named US counties,
  cities, ZIP codes, tracts and coordinates of where people live or were counted; named
  state/regional cancer registries and SEER registry areas (SEER, NPCR, USCS and other
  national sources are clean); named hospitals, clinics, laboratories and practices; named
  treating doctors and providers; NPIs (10 digits, valid check digit).
* Clean sentences are what a scan must leave alone: statistical methods (eponyms included),
  genes and fusions, CIs, P values, durations, study periods, age bands (also "90+"), group
  counts of 10 or more, suppression wording, rates, national data sources, DOIs, URLs,
  citations with authors' names, standard populations, software with its maker's city,
  trial names, cooperative groups, staging systems named after cities, and the paper's own
  authors, affiliations and correspondence details.
* ``source`` is ``ho-<kind>-NN`` for a leaking template, ``ho-clean-NNN`` for a clean one
  (``ho-clean-front-NN``, ``ho-clean-back-NN``, ``ho-clean-reference-NN``). ``part`` is
  ``front``, ``body``, ``back`` or ``references``; the byline record carries ``authors``.
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
from faker.providers.person.en_US import Provider as PersonNames

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUTPUT = HERE / "data" / "text_holdout.jsonl"
GAZETTEER = ROOT / "outscan" / "data"
SEED = 7310925  # not the first set's seed

ID, SC, IR, GEO, SRC = "identifier", "small_cell", "individual_records", "geography", "data_source"

# --------------------------------------------------------------------------- gazetteer

STATES: dict[str, str] = {}           # postal -> name (50 states)
COUNTY_ROWS: list[tuple[str, str, str]] = []   # (fips, postal, name)
PLACE_ROWS: list[tuple[str, str]] = []         # (name, postal)
SEER_AREAS: list[str] = []             # registry names and aliases from cancer_registries.tsv
ZIP5: list[str] = []
ZIP3: list[str] = []


def _tsv(name: str) -> list[list[str]]:
    text = (GAZETTEER / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def load_gazetteer() -> None:
    not_states = {"DC", "PR", "GU", "VI", "AS", "MP", "UM"}
    for name, postal, _ in _tsv("us_states.tsv"):
        if postal not in not_states:
            STATES[postal] = name
    for fips, postal, name in _tsv("us_counties.tsv"):
        if postal in STATES and name.endswith((" County", " Parish")):
            COUNTY_ROWS.append((fips, postal, name))
    for postal, name in _tsv("us_places.tsv"):
        if postal in STATES:
            PLACE_ROWS.append((name, postal))
    for row in _tsv("cancer_registries.tsv"):
        names = [row[2]] + [a for a in (row[3].split("|") if len(row) > 3 else []) if a]
        SEER_AREAS.extend(n for n in names if "excl" not in n.lower() and "/" not in n)
    lines = (GAZETTEER / "us_zip_codes.txt").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("zip3\t"):
            ZIP3.extend(line.split("\t", 1)[1].split())
        if line.strip() == "zip5":
            bits = base64.b64decode("".join(lines[i + 1:]))
            ZIP5.extend(f"{n:05d}" for n in range(100_000) if bits[n // 8] >> (n % 8) & 1)
            break


# --------------------------------------------------------------------------- value generators

rng = random.Random(SEED)
Faker.seed(SEED)
fake = Faker("en_US")

NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
               "sixteen seventeen eighteen nineteen".split()
DECADES = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def in_words(n: int) -> str:
    if n < 20:
        return NUMBER_WORDS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return DECADES[tens] + (f"-{NUMBER_WORDS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{NUMBER_WORDS[hundreds]} hundred" + (f" and {in_words(rest)}" if rest else "")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


SURNAME_ODDITIES = ["de la Fuente", "van Houten", "O'Donnell", "McAllister", "Al-Harbi", "Nguyen-Tran", "di Stefano",
                    "St. Pierre", "Ben-David", "du Plessis", "ter Haar", "MacIsaac", "Oyelaran-Brooks", "Dela Peña",
                    "Vander Meulen", "N'Diaye", "LaFleur", "Ó Briain"]


def _last() -> str:
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), fake.last_name())  # Faker writes "Mccoy"


def surname() -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(SURNAME_ODDITIES)
    if roll < 0.22:
        return f"{_last()}-{_last()}"
    return _last()


def given(sex: str = "") -> str:
    sex = sex or rng.choice("fm")
    return fake.first_name_female() if sex == "f" else fake.first_name_male()


def person_name(sex: str = "") -> str:
    sex = sex or rng.choice("fm")
    roll = rng.random()
    if roll < 0.2:
        return f"{given(sex)} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {surname()}"
    if roll < 0.25 and sex == "m":
        return f"{given(sex)} {surname()} Jr."
    if roll < 0.30:
        return f"{given(sex)} {given(sex)} {surname()}"
    return f"{given(sex)} {surname()}"


MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def format_date(day: dt.date) -> str:
    month = day.strftime("%B")
    return rng.choice([
        f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}", f"{day:%m/%d/%Y}",
        f"{day.month}/{day.day}/{day:%y}", f"{day:%Y-%m-%d}", f"{MONTH_SHORT[day.month - 1]} {day.day}, {day.year}",
        f"{day.day}-{MONTH_SHORT[day.month - 1]}-{day:%y}", f"{month} {ordinal(day.day)}, {day.year}",
        f"the {ordinal(day.day)} of {month} {day.year}", f"{day:%d.%m.%Y}", f"{day.day} {MONTH_SHORT[day.month - 1]} {day.year}",
        f"{month} {day.day} {day.year}"])


def event_dates(k: int) -> list[str]:
    start = fake.date_between(dt.date(2001, 1, 1), dt.date(2021, 6, 30))
    days = sorted(rng.sample(range(1, 900), k - 1))
    return [format_date(start)] + [format_date(start + dt.timedelta(days=d)) for d in days]


def birth_date(child: bool = True) -> str:
    if child:
        return format_date(fake.date_between(dt.date(1999, 1, 1), dt.date(2000, 12, 31)))
    return format_date(fake.date_between(dt.date(1921, 1, 1), dt.date(1932, 12, 31)))


def mrn() -> str:
    r = rng.randrange
    return rng.choice([
        f"MRN {r(10**6, 10**7)}", f"MRN: {r(100):02d}-{r(1000):03d}-{r(1000):03d}", f"MR#{r(10**7):07d}",
        f"med. rec. no. {r(10**6, 10**7)}", f"EMR ID {r(10**9, 10**10):010d}", f"Epic ID Z{r(10**7):07d}",
        f"chart number C-{r(10**5, 10**6)}", f"MRN {r(10**8):08d}", f"hospital no. {r(100, 999)}{r(10**4):04d}",
        f"medical record #{r(10**5, 10**6)}"])


def accession() -> str:
    r = rng.randrange
    return rng.choice([f"SP-{r(5, 23):02d}-{r(10**4, 10**5)}", f"S{r(5, 23):02d}-{r(1000, 99999)}",
                       f"BM-{r(5, 23):02d}-{r(1000, 9999):04d}", f"FC{r(10, 23)}-{r(100, 9999):04d}"])


def ssn() -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    group, serial = rng.randrange(1, 100), rng.randrange(1, 10000)
    return rng.choice([f"{area:03d}-{group:02d}-{serial:04d}", f"{area:03d}-{group:02d}-{serial:04d}",
                       f"{area:03d} {group:02d} {serial:04d}", f"{area:03d}{group:02d}{serial:04d}"])


AREA_CODES = ["307", "406", "208", "701", "605", "785", "620", "573", "417", "870", "479", "228", "662", "985", "337",
              "318", "432", "575", "928", "520", "435", "541", "509", "360", "907", "808", "802", "603", "207", "413"]


def phone() -> str:
    area = rng.choice(AREA_CODES)
    exchange = rng.choice([e for e in range(202, 989) if e % 100 != 11 and e != 555])
    line = f"{rng.randrange(10000):04d}"
    return rng.choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}", f"{area}.{exchange}.{line}",
                       f"+1-{area}-{exchange}-{line}", f"{area} {exchange} {line}", f"({area}){exchange}-{line}",
                       f"1 ({area}) {exchange}-{line}"])


MAIL_DOMAINS = ["protonmail.com", "comcast.net", "att.net", "verizon.net", "msn.com", "ymail.com", "live.com",
                "sbcglobal.net", "charter.net", "bellsouth.net", "gmail.com", "yahoo.com", "icloud.com",
                "juniperhillsmed.org", "kidscare-ne.org"]


def email() -> str:
    a, b = fake.first_name().lower(), fake.last_name().lower().replace("'", "")
    domain = rng.choice(MAIL_DOMAINS)
    return rng.choice([f"{a}.{b}@{domain}", f"{a}{b}{rng.randrange(70, 2010)}@{domain}", f"{a[0]}_{b}@{domain}",
                       f"{b}{a[:2]}@{domain}", f"mom.of.{a}{rng.randrange(1, 9)}@{domain}", f"{a}-{b}@{domain}"])


STREETS = ["Birchwood", "Quarry", "Sycamore", "Hawthorne", "Bluebonnet", "Prospect", "Kingsley", "Orchard",
           "Coldwater", "Foxglove", "Ridgeway", "Cottonwood", "Bayou", "Summit", "Harvest", "Lantern", "Chestnut",
           "Greenbriar", "Mesquite", "Canal", "Tulip", "Aspen", "Riverside", "Grandview", "Poplar", "Hickory",
           "Juniper", "Redbud", "Wren", "Sequoia"]
STREET_KINDS = ["Street", "St", "St.", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Ln.", "Boulevard", "Blvd",
                "Court", "Ct", "Way", "Place", "Pl.", "Circle", "Cir.", "Parkway", "Pkwy", "Terrace", "Trail",
                "Loop", "Pike", "Run"]


def street() -> str:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice([f"PO Box {rng.randrange(10, 9999)}", f"HC {rng.randrange(1, 80)} Box {rng.randrange(1, 300)}",
                           f"Route {rng.randrange(1, 9)}, Box {rng.randrange(10, 500)}"])
    name = rng.choice(STREETS) if rng.random() < 0.7 else fake.last_name()
    if rng.random() < 0.12:
        name = ordinal(rng.randrange(1, 120))
    prefix = rng.choice(["", "", "", "", "N ", "S. ", "East ", "W. ", "SW "])
    number = int(2.718281828 ** rng.uniform(1.1, 9.9))
    text = f"{number} {prefix}{name} {rng.choice(STREET_KINDS)}"
    roll = rng.random()
    if roll < 0.12:
        text += f", Apt. {rng.randrange(1, 30)}{rng.choice('ABCD')}"
    elif roll < 0.2:
        text += f" #{rng.randrange(101, 420)}"
    elif roll < 0.25:
        text += f", Lot {rng.randrange(1, 80)}"
    return text


COMMON_WORDS = {"Beach", "Bell", "Bay", "Center", "Chester", "College", "Commerce", "Concord", "Eagle", "Edison",
                "Enterprise", "Fairfield", "Fairview", "Florence", "Franklin", "Freedom", "Friendship", "Garden",
                "Glendale", "Golden", "Grove", "Harmony", "Highland", "Hope", "Independence", "Industry", "Justice",
                "Liberty", "Lincoln", "Madison", "Marina", "Mission", "Normal", "Orange", "Paradise", "Peoria",
                "Phoenix", "Plymouth", "Progress", "Salem", "Security", "Springfield", "Temple", "Union", "Victoria",
                "Washington", "Wheaton", "Winter", "Woodland", "Warren", "Marion", "Clinton", "Jackson"}
FIRST_AND_LAST = set(PersonNames.first_names) | set(PersonNames.last_names)


def place() -> tuple[str, str]:
    return rng.choice(PLACE_ROWS)


def bare_place() -> str:
    """A place name that reads as a place on its own: several words, or one uncommon word that is not a name."""
    while True:
        name, _ = place()
        if " " in name or (len(name) >= 6 and name not in COMMON_WORDS and name not in FIRST_AND_LAST):
            return name


def place_with_state() -> str:
    name, postal = place()
    return rng.choice([f"{name}, {postal}", f"{name}, {STATES[postal]}", f"{name}, {postal}", f"{name} ({postal})"])


def county_name() -> str:
    _, _, name = rng.choice(COUNTY_ROWS)
    if name.endswith(" County") and rng.random() < 0.12:
        return name[: -len("County")] + "Co."
    return name


def county_with_state() -> str:
    _, postal, name = rng.choice(COUNTY_ROWS)
    return rng.choice([f"{name}, {STATES[postal]}", f"{name}, {postal}", f"{name} ({postal})",
                       f"{name[:-len('County')]}Co., {postal}" if name.endswith(" County") else f"{name}, {postal}"])


ZIP_FIRST_DIGIT = {"0": "CT MA ME NH NJ RI VT", "1": "DE NY PA", "2": "MD NC SC VA WV", "3": "AL FL GA MS TN",
                   "4": "IN KY MI OH", "5": "IA MN MT ND SD WI", "6": "IL KS MO NE", "7": "AR LA OK TX",
                   "8": "AZ CO ID NM NV UT WY", "9": "AK CA HI OR WA"}
STATE_ZIP_DIGIT = {state: digit for digit, states in ZIP_FIRST_DIGIT.items() for state in states.split()}


def zip5(postal: str = "") -> str:
    """A ZIP code in use; with a state, one in that state's first-digit zone."""
    if postal:
        digit = STATE_ZIP_DIGIT[postal]
        return rng.choice([z for z in ZIP5 if z[0] == digit])
    return rng.choice(ZIP5)


def tract_number() -> str:
    whole = rng.randrange(1, 9900)
    return rng.choice([f"{whole}.{rng.randrange(1, 99):02d}", f"{whole:04d}.{rng.randrange(1, 99):02d}", f"{whole}"])


def geoid() -> str:
    fips = rng.choice(COUNTY_ROWS)[0]
    return f"{fips}{rng.randrange(100, 990000):06d}"


def coordinates() -> str:
    south, north, east, west = rng.choice([(33.0, 41.0, 85.0, 112.0), (41.0, 47.0, 90.0, 122.0), (30.5, 35.0, 82.0, 98.0),
                                           (39.0, 44.0, 72.5, 80.0), (35.0, 39.0, 77.0, 90.0)])
    lat, lon = rng.uniform(south, north), rng.uniform(east, west)

    def dms(x: float) -> str:
        d = int(x)
        m = int((x - d) * 60)
        s = round(((x - d) * 60 - m) * 60)
        return f"{d}\u00b0{m:02d}\u2032{min(s, 59):02d}\u2033"

    return rng.choice([f"{lat:.5f}, -{lon:.5f}", f"({lat:.4f}, \u2212{lon:.4f})", f"{dms(lat)}N {dms(lon)}W",
                       f"N {lat:.4f} W {lon:.4f}", f"lat={lat:.4f}, lon=-{lon:.4f}", f"{lat:.3f}N, {lon:.3f}W",
                       f"{lat:.6f},-{lon:.6f}"])


def registry() -> str:
    if rng.random() < 0.5:
        state = rng.choice(list(STATES.values()))
        return rng.choice([f"{state} Cancer Registry", f"{state} Tumor Registry", f"{state} State Tumor Registry",
                           f"Cancer Registry of {state}", f"{state} Cancer Surveillance Program",
                           f"{state} Central Cancer Registry", f"{state} Department of Health cancer registry"])
    area = rng.choice(SEER_AREAS)
    if "regist" in area.lower() or "program" in area.lower():
        return area
    return rng.choice([f"{area} SEER registry", f"SEER {area} registry", f"{area} registry",
                       f"{area} Cancer Registry"])


FACILITY_ROOTS = ["Copper Canyon", "Juniper Hills", "Bayberry", "Hollis Creek", "Thornfield", "Kestrel Point",
                  "Marigold Valley", "Ironwood", "Bramble Ridge", "Larkspur", "Amber Fields", "Cobalt Lake",
                  "Briar Glen", "Sagebrush", "Tamarack", "Winslow Heights", "Heron Bay", "Falcon Crest",
                  "Greystone", "Sparrow Hill"]
PATRONS = ["St. Bartholomew's", "St. Hedwig", "Mount Carmel", "St. Isidore", "Good Shepherd", "St. Columba's",
           "Our Lady of Lourdes", "St. Gemma", "Holy Redeemer", "St. Raphael"]


def hospital() -> str:
    root, patron, name = rng.choice(FACILITY_ROOTS), rng.choice(PATRONS), fake.last_name()
    return rng.choice([f"{root} Children's Medical Center", f"{patron} Hospital", f"{root} Regional Hospital",
                       f"{name} Memorial Children's Hospital", f"{root} University Hospital", f"{patron} Medical Center",
                       f"{root} General", f"{name} County Hospital", f"{root} Health Women and Children's Hospital"])


def clinic() -> str:
    root, name = rng.choice(FACILITY_ROOTS), fake.last_name()
    return rng.choice([f"the {root} Pediatric Specialty Clinic", f"{name} Cancer Institute",
                       f"the {root} Fertility Preservation Program", f"{root} Radiation Oncology", f"{root} Hematology/Oncology Associates",
                       f"the {name} Survivorship Clinic", f"{root} Proton Center", f"{rng.choice(PATRONS)} Infusion Suite"])


def laboratory() -> str:
    root, name = rng.choice(FACILITY_ROOTS), fake.last_name()
    return rng.choice([f"{name} Genomics Laboratory", f"{root} Pathology Group", f"{name} Molecular Diagnostics",
                       f"the {root} Cytogenetics Laboratory", f"{name}-{fake.last_name()} Reference Lab"])


def practice() -> str:
    root, name = rng.choice(FACILITY_ROOTS), fake.last_name()
    return rng.choice([f"{name} Family Medicine", f"{root} Pediatrics, PLLC", f"{name} & {fake.last_name()} Pediatric Associates",
                       f"{root} Internal Medicine Group", f"{name} Children's Clinic, P.A."])


def other_facility(kind: str) -> str:
    root, name = rng.choice(FACILITY_ROOTS), fake.last_name()
    return {"imaging": rng.choice([f"{root} Diagnostic Imaging", f"{name} Open MRI"]),
            "homecare": rng.choice([f"{root} Home Infusion Services", f"{name} Home Health"]),
            "urgent": rng.choice([f"{root} Urgent Care", f"{name} Walk-In Clinic"]),
            "hospice": rng.choice([f"{root} Hospice", f"{rng.choice(PATRONS)} Hospice and Palliative Care"])}[kind]


def doctor() -> str:
    last = surname()
    return rng.choice([f"Dr. {last}", f"Dr {given()} {last}", f"Dr. {given()[0]}. {last}", f"Dr. {given()} {last}"])


def doctor_with_degree() -> str:
    return rng.choice([f"{given()} {surname()}, MD", f"{given()} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname()}, M.D., Ph.D.",
                       f"{given()} {surname()}, DO", f"{given()} {surname()} MD", f"{given()} {surname()}, MBBS"])


def nurse_practitioner() -> str:
    return f"{given()} {surname()}, {rng.choice(['CPNP', 'APRN', 'PA-C', 'FNP-BC'])}"


def npi() -> str:
    """Ten digits, the tenth the Luhn check digit over '80840' + the first nine."""
    nine = [rng.choice([1, 2])] + [rng.randrange(10) for _ in range(8)]
    total = 0
    for position, digit in enumerate(reversed([8, 0, 8, 4, 0] + nine)):
        if position % 2 == 0:  # the rightmost digit of the payload is doubled (the check digit goes after it)
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return "".join(map(str, nine)) + str((10 - total % 10) % 10)


def npi_is_valid(number: str) -> bool:
    digits = [int(c) for c in "80840" + number]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return len(number) == 10 and total % 10 == 0


CHILD_DX = ["B-cell acute lymphoblastic leukaemia", "T-cell acute lymphoblastic leukemia", "acute myeloid leukemia",
            "high-risk neuroblastoma", "Wilms tumour", "medulloblastoma", "osteosarcoma", "Ewing sarcoma",
            "embryonal rhabdomyosarcoma", "hepatoblastoma", "bilateral retinoblastoma", "pilocytic astrocytoma",
            "ependymoma", "Hodgkin lymphoma", "anaplastic large cell lymphoma", "germ cell tumour"]
ADULT_DX = ["chronic lymphocytic leukemia", "pancreatic adenocarcinoma", "multiple myeloma", "colorectal cancer",
            "cutaneous squamous cell carcinoma", "myelodysplastic syndrome", "bladder cancer", "gastric adenocarcinoma"]
RACE_WORDS = ["Black", "Hispanic", "Asian", "Native Hawaiian", "American Indian", "Alaska Native", "Samoan", "Hmong"]


# --------------------------------------------------------------------------- slots

def label(category: str, kind: str, value: str, optional: bool = False) -> dict:
    out = {"category": category, "kind": kind, "value": value}
    if optional:
        out["optional"] = True
    return out


def fill_slot(name: str) -> tuple[str, list[dict]]:
    """The text for one «slot» and its labels."""
    if name in ("pname", "pname_f", "pname_m"):
        v = person_name(name[6:])
        return v, [label(ID, "person", v)]
    if name in ("given", "given_f", "given_m"):
        v = given(name[6:])
        return v, [label(ID, "person", v)]
    if name == "lastfirst":
        v = f"{surname()}, {given()}"
        return v, [label(ID, "person", v)]
    if name in ("honorific", "honorific_m"):
        v = f"{rng.choice(['Mr.', 'Mr'] if name.endswith('_m') else ['Mr.', 'Ms.', 'Mrs.', 'Mr', 'Ms'])} {surname()}"
        return v, [label(ID, "person", v)]
    if name == "initlast":
        v = f"{given()[0]}. {surname()}"
        return v, [label(ID, "person", v)]
    if name == "family":
        v = surname()
        return v, [label(ID, "person", v)]
    if name == "mrn":
        v = mrn()
        return v, [label(ID, "mrn", v)]
    if name == "accession":
        v = accession()
        return v, [label(ID, "mrn", v)]
    if name == "fin":
        v = f"{rng.randrange(10**9, 10**10)}"
        return v, [label(ID, "mrn", v)]
    if name == "ssn":
        v = ssn()
        return v, [label(ID, "ssn", v)]
    if name == "phone":
        v = phone()
        return v, [label(ID, "phone", v)]
    if name == "email":
        v = email()
        return v, [label(ID, "email", v)]
    if name == "street":
        v = street()
        return v, [label(ID, "address", v)]
    if name == "fulladdr":
        city, postal = place()
        z = zip5(postal)
        v = rng.choice([f"{street()}, {city}, {postal} {z}", f"{street()}, {city} {postal} {z}",
                        f"{street()}, {city}, {STATES[postal]} {z}"])
        return v, [label(ID, "address", v), label(GEO, "city", city, True), label(GEO, "zip", z, True)]
    if name == "bdate":
        v = birth_date()
        return v, [label(ID, "date", v)]
    if name == "old_bdate":
        v = birth_date(child=False)
        return v, [label(ID, "date", v)]
    if name == "oldage":
        v = str(rng.randrange(90, 104))
        return v, [label(ID, "age", v)]
    if name == "oldagew":
        v = in_words(rng.randrange(90, 100))
        return v, [label(ID, "age", v)]
    if name == "oldord":
        v = ordinal(rng.randrange(90, 103))
        return v, [label(ID, "age", v)]
    if name == "n":
        v = str(rng.randrange(2, 10))
        return v, [label(SC, "count", v)]
    if name in ("nw", "Nw"):
        v = in_words(rng.randrange(2, 10))
        v = v.capitalize() if name == "Nw" else v
        return v, [label(SC, "count", v)]
    if name == "county":
        v = county_name()
        return v, [label(GEO, "county", v)]
    if name == "countyst":
        v = county_with_state()
        return v, [label(GEO, "county", v)]
    if name == "fipscounty":
        fips, postal, cname = rng.choice(COUNTY_ROWS)
        v = f"{fips} ({cname}, {postal})"
        return v, [label(GEO, "county", v)]
    if name == "city":
        v = bare_place()
        return v, [label(GEO, "city", v)]
    if name == "cityst":
        v = place_with_state()
        return v, [label(GEO, "city", v)]
    if name == "zip":
        v = zip5()
        return v, [label(GEO, "zip", v)]
    if name == "zip4":
        v = f"{zip5()}-{rng.randrange(1, 9999):04d}"
        return v, [label(GEO, "zip", v)]
    if name == "zip3":
        v = rng.choice(ZIP3)
        return v, [label(GEO, "zip", v)]
    if name == "tract":
        v = tract_number()
        return v, [label(GEO, "tract", v)]
    if name == "geoid":
        v = geoid()
        return v, [label(GEO, "tract", v)]
    if name == "coord":
        v = coordinates()
        return v, [label(GEO, "coordinates", v)]
    if name == "registry":
        v = registry()
        return v, [label(GEO, "registry", v)]
    if name == "seer_area":  # an area, not a population or a registry's full name
        v = rng.choice([a for a in SEER_AREAS if not re.search(r"Native|Indian|Regist", a)])
        return v, [label(GEO, "registry", v)]
    if name in ("hosp", "clinic", "lab", "practice", "imaging", "homecare", "urgent", "hospice"):
        maker = {"hosp": hospital, "clinic": clinic, "lab": laboratory, "practice": practice}.get(name)
        v = maker() if maker else other_facility(name)
        return v, [label(SRC, "facility", v)]
    if name in ("dr", "md", "doc", "np"):
        v = {"dr": doctor, "md": doctor_with_degree, "doc": person_name, "np": nurse_practitioner}[name]()
        return v, [label(SRC, "physician", v), label(ID, "person", v, True)]
    if name == "npi":
        v = npi()
        return v, [label(SRC, "npi", v), label(ID, "mrn", v, True)]
    # fillers that disclose nothing
    if name == "big":
        return str(rng.randrange(11, 99)), []
    if name == "bigw":
        return in_words(rng.randrange(10, 20)), []
    if name == "huge":
        return f"{rng.randrange(1200, 60000):,}", []
    if name == "kidage":
        return str(rng.randrange(2, 18)), []
    if name == "months":
        return str(rng.randrange(3, 23)), []
    if name == "adultage":
        return str(rng.randrange(24, 86)), []
    if name == "cdx":
        return rng.choice(CHILD_DX), []
    if name == "adx":
        return rng.choice(ADULT_DX), []
    if name == "race":
        return rng.choice(RACE_WORDS), []
    if name == "pct":
        return f"{rng.uniform(0.4, 9.8):.1f}", []
    if name == "rate":
        return f"{rng.uniform(0.8, 48.0):.1f}", []
    if name == "state":
        return rng.choice(list(STATES.values())), []
    if name == "grant":
        return f"{rng.choice(['R01', 'R03', 'U10', 'K07', 'P30', 'R21'])} CA{rng.randrange(100000, 299999)}", []
    if name == "nct":
        return f"NCT0{rng.randrange(1000000, 5999999)}", []
    raise KeyError(name)


SLOT = re.compile(r"«([a-z_A-Z0-9]+)(?::(\d))?»")


def render(template: str) -> tuple[str, list[dict]]:
    labels: list[dict] = []
    taken: dict[str, str] = {}
    # a run of event dates in order: «edate1», «edate2», ... take one sorted sequence
    wanted = [int(m) for m in re.findall(r"«edate(\d)»", template)]
    if wanted:
        dates = event_dates(max(wanted))
        for i in sorted(set(wanted)):
            template = template.replace(f"«edate{i}»", "\x00" + dates[i - 1] + "\x01")

    def swap(match: re.Match) -> str:
        key = match.group(0)
        if key not in taken:
            text, found = fill_slot(match.group(1))
            taken[key] = text
            labels.extend(found)
        return taken[key]

    text = SLOT.sub(swap, template)
    for value in re.findall("\x00(.*?)\x01", text):
        labels.append(label(ID, "date", value))
    text = text.replace("\x00", "").replace("\x01", "")
    text = re.sub(r"\.\.$", ".", text)  # a value ending in "Ph.D." at the end of a sentence
    text = re.sub(r"\b([Aa]) (?=(?:8|11|18)\d*-(?:year|month|week)|(?:8|11|18)\d* (?:years|months)\b)", r"\1n ", text)
    return text, labels


# --------------------------------------------------------------------------- leaking templates
#
# Each entry: (template, flags). Flags: "case" (the sentence describes one person: a required
# individual_records label on the whole sentence), "case?" (the same, optional), "one?" (an
# optional count label on the sentence's "one"/"single"/"only"/"1"), "one" (the same, required).

LEAKING: dict[str, list[tuple[str, str]]] = {
    "person": [
        ("Written consent for publication of the photographs was given by «pname_f», the patient's mother.", ""),
        ("«pname» (patient 6 in Table 2) remained in continuous complete remission at last contact.", "case?"),
        ("% TODO check with «given»'s parents that the photo in Fig. 4 is OK to use", ""),
        ("Reviewer 2, point 7: the legend of Figure 3 still credits the «family» family, which identifies the child.", ""),
        ("Figure 2. Axial T2-weighted MRI of «pname» at diagnosis, showing a 4.2-cm mass in the fourth ventricle.", "case?"),
        ("The proband, «pname_f», was referred for germline testing after her sister's diagnosis of adrenocortical carcinoma.", "case?"),
        ("Interview 14 («pname», survivor of «cdx») described missing most of tenth grade.", "case?"),
        ("Supplementary Table S5, row 9: «lastfirst»; relapse at 19 months, CNS3 at relapse", "case?"),
        ("We are grateful to «pname_f» and her parents for allowing us to describe her course.", ""),
        ("«honorific_m», the child's grandfather and legal guardian, signed the assent form on her behalf.", ""),
        ("Coordinator note: «pname_f» withdrew consent after cycle 2, and her stored samples were destroyed.", ""),
        ("As «given_f» put it in her exit interview, the port was \"the worst part of the whole thing.\"", ""),
        ("Data for «pname» were abstracted by hand because the paper chart predated the 2011 EHR migration.", ""),
        ("The sibling donor («given») was HLA-identical at 10 of 10 loci.", ""),
        ("<!-- editor: is «pname» the same child reported in ref. 14? -->", ""),
        ("Patient «initlast» received a second allogeneic transplant from a haploidentical donor.", "case?"),
        ("Baby «family» was transferred to the NICU on day of life 2 with a palpable abdominal mass.", "case?"),
        ("Every 6 months the study nurse telephoned «pname»'s household to update vital status.", ""),
        ("The mother, «pname_f», reported that the family farm applied atrazine every spring.", ""),
        ("In the narrative section «given» is described as \"a bright, stubborn nine-year-old.\"", ""),
        ("The linked death certificate for «pname» lists sepsis as the underlying cause.", "case?"),
        ("«honorific» (subject 0412) declined the optional research biopsy.", ""),
        ("Supplementary Video 1 was shared by «pname»'s parents, who asked that it be used for teaching.", ""),
        ("Pedigree (Figure S2): individual II-3, «pname_f», died of breast cancer at 34 and is the proband's maternal aunt.", ""),
        ("The clinical photograph was provided by the patient's father, «pname_m», who asked that it be published.", ""),
        ("Response to reviewers: we have removed the name «pname» from the axis labels of Figure 5.", ""),
        ("Free-text comment from the survivor questionnaire, signed \"«pname», class of 2012\".", ""),
    ],
    "mrn": [
        ("Re-biopsy («mrn») confirmed residual ganglioneuroma without viable neuroblasts.", "case?"),
        ("Linkage failed for the record «mrn» because two of its digits had been transposed.", ""),
        ("Supplementary Table S2 | «mrn» | F | «kidage» y | B-ALL | MRD-positive day 29", "case"),
        ("% pull the labs for «mrn» again, the 2016 values look wrong", ""),
        ("The discordant central review concerned accession «accession» (favourable vs unfavourable histology).", ""),
        ("Reviewer 1: the identifier «mrn» is visible in the header of Supplementary Figure 6.", ""),
        ("Encounter FIN «fin» documents the transfusion reaction.", ""),
        ("Her record («mrn») lists an anaphylactic reaction to pegaspargase.", "case?"),
        ("Screening log entry: «mrn»; ineligible (prior anthracycline exposure).", ""),
        ("Cross-checking the chart of «mrn» showed that the second primary had been recorded twice.", ""),
        ("«mrn» was excluded after the parent revoked HIPAA authorization.", ""),
        ("Flow cytometry of marrow sample «accession» showed 0.02% residual blasts.", "case?"),
        ("The DICOM header retained the patient identifier «mrn» on all 212 slices.", ""),
        ("Key file row: study ID P-118 = «mrn».", ""),
        ("The frozen-section report (accession «accession») was amended two days later.", ""),
        ("Pharmacy dispensing records for «mrn» showed 6-mercaptopurine adherence below 80%.", "case?"),
    ],
    "ssn": [
        ("Appendix C reproduces the enrolment form, on which the SSN field still reads «ssn».", ""),
        ("% SSN «ssn» -- needed for the NDI match, strip before sharing", ""),
        ("National Death Index matching used the social security number (for subject 118, «ssn»).", ""),
        ("Guardian SSN: «ssn» (Medicaid verification)", ""),
        ("Reviewer 3 notes that the supplementary data file has a column of Social Security numbers, the first being «ssn».", ""),
        ("Her Social Security number, «ssn», was used to retrieve earnings records for the financial-toxicity analysis.", ""),
        ("SS# «ssn» matched two records in the state death file; the later one was kept.", ""),
        ("The linkage variable was the nine-digit SSN (e.g. «ssn»), hashed after matching.", ""),
    ],
    "phone": [
        ("The mother's cell phone («phone») was the only working contact at the 5-year follow-up.", ""),
        ("Contact on file: «phone» (home), disconnected as of 2019.", ""),
        ("% call the family back at «phone» about consent for tissue banking", ""),
        ("Attempts to reach the family at «phone» failed, and the patient was censored at last contact.", ""),
        ("The grandmother, reachable at «phone», confirmed the date of death.", ""),
        ("Phone: «phone»; preferred language Spanish; interpreter required.", ""),
        ("His father left a voicemail from «phone» reporting new morning headaches.", ""),
        ("Emergency contact: «phone» (aunt).", ""),
        ("Reviewer comment: a patient's telephone number («phone») is legible in the scanned consent form in Appendix 2.", ""),
        ("The referral letter reproduced as Figure S1 gives the patient's number as «phone».", ""),
    ],
    "email": [
        ("The survivorship questionnaire was sent to the adolescent's own e-mail address, «email».", ""),
        ("Parent contact: «email»", ""),
        ("% forwarded from «email» (pt's mom) - she wants a copy of the paper", ""),
        ("Supplementary Figure 3 shows the patient-portal messages sent from «email».", ""),
        ("Survey invitations bounced for «email», so a paper copy was mailed.", ""),
        ("Address for return of research results: «email».", ""),
        ("The request to withdraw consent came from «email» on behalf of the family.", ""),
        ("Reminders were sent to the family's address, «email», in weeks 2 and 4.", ""),
        ("Free-text answer (Q27): please contact me at «email» rather than by phone", ""),
        ("Reviewer 1 flagged the e-mail address «email» in the header of Supplementary File 4.", ""),
    ],
    "address": [
        ("At diagnosis the family lived at «street», within 400 m of a former wood-treatment plant.", ""),
        ("Home address (geocoded): «fulladdr»", ""),
        ("The index case's residence, «fulladdr», fell inside the exposure buffer.", "case?"),
        ("% mailing address for the survey: «street»", ""),
        ("Supplementary Table S8 gives the residential address at diagnosis for each case (first row: «street»).", ""),
        ("She was discharged to her aunt's home at «fulladdr».", ""),
        ("Mail sent to «street» came back undeliverable, and the patient was lost to follow-up.", ""),
        ("Figure 5 plots each case at its street address; the cluster centre is «street».", ""),
        ("Residence at death: «fulladdr».", ""),
        ("The investigation began when a parent on «street» reported «nw» neighbourhood children with leukaemia.", ""),
        ("Forwarding address: «street»", ""),
        ("The home visit took place at «fulladdr» in the presence of both parents.", ""),
    ],
    "date": [
        ("She was born on «bdate» and diagnosed with «cdx» at 14 months.", "case?"),
        ("Date of diagnosis «edate1»; date of last contact «edate2».", "case?"),
        ("The patient was admitted on «edate1» with febrile neutropenia and died eleven days later.", "case?"),
        ("His gross total resection was performed on «edate1».", ""),
        ("% DOB «bdate» - check against the registry", ""),
        ("The death certificate gives «edate1» as the date of death and acute myeloid leukemia as the underlying cause.", ""),
        ("Relapse was confirmed by marrow aspirate on «edate1», 31 months after completion of therapy.", "case?"),
        ("Born «bdate»; presented on «edate1» with leukocoria of the left eye.", "case?"),
        ("The proband underwent prophylactic thyroidectomy on «edate1».", ""),
        ("The second sibling (born «bdate») carried the same germline TP53 variant.", ""),
        ("Pt 21 · diagnosed «edate1» · HSCT «edate2» · alive without disease", "case"),
        ("CAR T-cell infusion took place on «edate1», after which she developed grade 3 cytokine release syndrome.", "case?"),
        ("Timeline (Figure 1): first symptoms «edate1», MRI «edate2», biopsy «edate3».", "case?"),
        ("He was last seen in clinic on «edate1» and was reported deceased by the registry later that year.", ""),
        ("DOB: «bdate»  Sex: F  Dx: «cdx»", "case?"),
        ("Her date of birth («bdate») together with her ZIP code was enough to find her in the state file.", ""),
        ("Admitted «edate1», discharged «edate2».", ""),
        ("The child died at home on «edate1», surrounded by family.", "case?"),
        ("Orchiectomy («edate1») revealed a mixed germ cell tumour with 40% embryonal carcinoma.", "case?"),
        ("Per the medical examiner, death occurred at 04:12 on «edate1».", ""),
        ("The hospital file records the diagnosis on «edate1», the registry on «edate2».", ""),
        ("Symptoms began on «edate1», when she collapsed during a soccer game.", "case?"),
        ("She underwent limb-salvage surgery on «edate1» and then completed 18 weeks of MAP chemotherapy.", "case?"),
        ("The patient, born «old_bdate», was diagnosed with «adx» at a routine visit.", ""),
        ("Date of surgery: «edate1» (right radical nephrectomy)", ""),
        ("He was admitted to the PICU on «edate1» after a seizure at school.", "case?"),
    ],
    "age": [
        ("The oldest patient in the cohort was «oldage» years old at diagnosis.", "case?"),
        ("A «oldage»-year-old woman with «adx» declined surgery and was managed with best supportive care.", "case"),
        ("Age at death: «oldage» y.", ""),
        ("The grandfather, aged «oldage», is the oldest living carrier of the variant in the kindred.", ""),
        ("Supplementary row: F | «oldage» y | stage IV | hospice", "case"),
        ("At «oldagew» years of age he was the oldest person treated with the regimen at our centre.", "case?"),
        ("% check: is the «oldage»-yo in row 41 real or a data-entry error?", ""),
        ("The patient's great-grandmother, who died at «oldage», also had melanoma.", ""),
        ("Participant 2218 gave her age as «oldage» on the baseline questionnaire.", ""),
        ("Ages of the enrolled caregivers ranged from 24 to «oldage» years.", ""),
        ("The oldest decedent («oldage» years) lived alone.", ""),
        ("A man aged «oldagew» presented with painless jaundice and weight loss.", "case"),
        ("Median age of the grandparents was 71 years (range, 52-«oldage»).", ""),
        ("He celebrated his «oldord» birthday during the second cycle.", "case?"),
        ("Age «oldage»; sex M; histology squamous cell carcinoma; no treatment", "case"),
        ("The oldest of the «big» caregivers interviewed was «oldage».", ""),
    ],
    "count": [
        ("Only «n» of the «big» children treated at the smallest site relapsed.", ""),
        ("«Nw» patients experienced grade 4 hepatotoxicity.", ""),
        ("Among American Indian/Alaska Native adolescents, «nw» deaths were observed (Table 3).", ""),
        ("Secondary AML developed in «n» survivors (cumulative incidence 1.1%).", ""),
        ("Stage IV disease, n = «n»", ""),
        ("Black | «n» («pct»%) | «big» (41.2%)", ""),
        ("Hispanic girls aged 15-19 years in the rural stratum contributed «nw» cases.", ""),
        ("«Nw» of the «big» carriers declined risk-reducing surgery.", ""),
        ("Neuroblastoma was diagnosed in «nw» infants whose mothers had used the drug in pregnancy.", ""),
        ("Of the «big» patients with Down syndrome, «n» died of treatment-related toxicity.", ""),
        ("Cardiotoxicity (LVEF below 50%) was seen in «n»/«big» patients.", ""),
        ("Vital status could not be ascertained for «nw» participants.", ""),
        ("Only a handful of children, «nw» in all, received proton therapy before 2010.", ""),
        ("Adverse events: febrile neutropenia (n=«n:1»), mucositis (n=«n:2»).", ""),
        ("Deaths in first remission: «n» («pct»%)", ""),
        ("«Nw» of the «big» irradiated survivors developed a second neoplasm.", ""),
        ("«Nw» siblings were also found to carry the variant.", ""),
        ("Reviewer 2: with «n» cases in the \"Other race\" row, Table 2 could identify individuals; please collapse it.", ""),
        ("The AYA subgroup (n = «n») was too small for multivariable analysis.", ""),
        ("Seizures were reported by «nw» families in the open-text responses.", ""),
        ("% only «n» pts in the 2003 cohort - merge with 2004?", ""),
        ("In total, «nw» patients were excluded for missing consent.", ""),
        ("Transplant-related mortality: «nw» deaths within 100 days.", ""),
        ("Infant ALL with KMT2A rearrangement accounted for «n» cases in the Appalachian stratum.", ""),
        ("Hearing loss requiring aids was reported by «nw» survivors of hepatoblastoma.", ""),
        ("A single patient withdrew after cycle 1.", "one"),
        ("One child in the comparison arm died of an unrelated cause.", "one"),
        ("«Nw» mothers reported a previous pregnancy loss.", ""),
        ("Grade 3 or higher neuropathy: vincristine arm «n», control arm «big».", ""),
        ("Only «nw» boys in the cohort were of Pacific Islander descent.", ""),
        ("Events, n: male «n», female «big»", ""),
        ("Relapses by site: CNS «n», testis «n:2», marrow «big».", ""),
        ("Fewer than ten, in fact «nw», of the adolescents had been enrolled on a trial.", ""),
        ("Pacific Islander, n (%): «n» («pct»)", ""),
    ],
    "case": [
        ("A «kidage»-year-old girl presented with a three-week history of limping and night pain; radiographs showed a lytic lesion of the distal femur.", "case"),
        ("Patient 7, a girl with trisomy 21, developed transient abnormal myelopoiesis at birth and acute megakaryoblastic leukemia at 22 months.", "case"),
        ("The index case was a previously healthy «kidage»-year-old boy whose father had died of adrenocortical carcinoma at 38.", "case"),
        ("Pt 03 | M | «kidage» y | neuroblastoma, MYCN-amplified | relapse at 14 mo | deceased", "case"),
        ("We describe an adolescent boy of «race» descent with «cdx» of the mandible who was treated with surgery alone.", "case"),
        ("Her course was complicated by posterior reversible encephalopathy syndrome on day 9 of induction, which resolved fully.", "case"),
        ("The infant, whose mother had a history of «cdx», had blueberry-muffin skin nodules at birth.", "case"),
        ("A woman of 41 treated with mantle-field radiation for Hodgkin lymphoma at 15 developed bilateral breast cancer 26 years later.", "case"),
        ("Case 2: boy, «kidage» years, Li-Fraumeni syndrome, choroid plexus carcinoma at diagnosis and osteosarcoma six years later.", "case"),
        ("Figure 4 shows the MRI of a 13-year-old boy with an H3 K27M-mutant thalamic glioma before and after radiotherapy.", "case"),
        ("One patient, a «kidage»-year-old «race» girl with hypodiploid ALL, died of invasive aspergillosis during consolidation.", "case one?"),
        ("A «months»-month-old boy was brought to the emergency department with abdominal distension and a 12-cm left renal mass.", "case"),
        ("In the case reported here, the tumour carried an ETV6-NTRK3 fusion and responded completely to larotrectinib within 8 weeks.", "case"),
        ("Subject 044 (female, «kidage» years, Native Hawaiian) was the only participant with a germline DICER1 variant.", "case one?"),
        ("A transgender adolescent receiving gender-affirming hormone therapy was diagnosed with a prolactinoma at «kidage».", "case"),
        ("Our patient, a «kidage»-year-old girl from a migrant farmworker family, received all of her therapy in Spanish through an interpreter.", "case"),
        ("Supplementary narrative S1: girl, «kidage» y, relapsed ETV6-RUNX1 ALL, third remission after blinatumomab, matched-unrelated-donor HSCT.", "case"),
        ("The patient who died on day 15 of induction was a «kidage»-year-old with T-cell ALL and a large mediastinal mass.", "case"),
        ("The boy had been adopted from Guatemala at 2 years of age and presented at 7 with hepatoblastoma.", "case"),
        ("A preterm infant born at 27 weeks developed hepatoblastoma at 11 months, in keeping with the known association.", "case"),
        ("The longest survivor, a girl diagnosed at «kidage» with DIPG, lived 41 months.", "case"),
        ("Autopsy of a «kidage»-year-old boy revealed leptomeningeal dissemination that had not been seen on imaging.", "case"),
        ("A «kidage»-year-old boy with neurofibromatosis type 1 developed a malignant peripheral nerve sheath tumour of the sciatic nerve.", "case"),
        ("Row 12: F, «kidage», Wilms (diffuse anaplasia), stage III, lung metastases at relapse, alive without disease", "case"),
        ("She was the first patient in the state to receive tisagenlecleucel, at «kidage» years of age.", "case"),
        ("An 18-year-old college freshman collapsed during practice and was found to have a cardiac rhabdomyosarcoma.", "case"),
        ("The «kidage»-year-old with ataxia-telangiectasia tolerated only half doses of cyclophosphamide.", "case"),
        ("A «kidage»-year-old Amish girl with maple syrup urine disease was diagnosed with B-ALL after a routine blood count.", "case"),
        ("Patient 19, a pregnant 17-year-old, was diagnosed with Hodgkin lymphoma at 24 weeks' gestation and delivered at term.", "case"),
        ("Only one child, a 6-year-old boy in the high-risk arm, developed secondary AML.", "case one?"),
    ],
    "county": [
        ("Incidence was highest in «county» (SIR 2.41; 95% CI, 1.31-4.05).", ""),
        ("All «big» cases from «countyst» were reviewed centrally.", ""),
        ("The cluster was centred on «county», where «nw» children were diagnosed within 18 months.", ""),
        ("% «county» numbers look off - recheck before resubmission", ""),
        ("Residence at diagnosis: «countyst»", "case?"),
        ("The map (Figure 3) shades «county» darkest, at 31.2 per 100,000.", ""),
        ("We excluded «countyst» because reporting there was incomplete before 2008.", ""),
        ("Reviewer 2 asks why «county» is named in the Discussion when county-level reporting is not permitted.", ""),
        ("Children living in «county» near the uranium tailings had twice the expected rate.", ""),
        ("FIPS «fipscounty»: rate suppressed", ""),
        ("After diagnosis the patient moved from «countyst» to a neighbouring state.", ""),
        ("Rates were lowest in rural «county».", ""),
        ("Table S4 row: «county», 2010-2014, «n» cases", ""),
        ("Families from «countyst» travelled a median of 212 miles for radiotherapy.", ""),
        ("Well density was highest in «county:1» and «county:2».", ""),
        ("The excess was confined to the eastern half of «countyst».", ""),
    ],
    "city": [
        ("The family relocated to «cityst» for proton therapy.", ""),
        ("A cluster of retinoblastoma cases was reported in «city» in 2012.", ""),
        ("Residence: «cityst»", ""),
        ("% the boy from «city» -- confirm consent for the photo", "case?"),
        ("Most patients from «city» were referred through the outreach clinic.", ""),
        ("Her hometown, «cityst», held a fundraiser that was covered by local media.", "case?"),
        ("Tap water in «city» exceeded the nitrate limit in 3 of 12 years.", ""),
        ("Cases were geocoded to «cityst» and the surrounding townships.", ""),
        ("Reviewer 3: naming «city» in the legend of Figure 2 is unnecessary and risks disclosure.", ""),
        ("Born and raised in «cityst», he worked at the chemical plant for 30 years.", "case?"),
        ("The incidence in «city» (12.3 per 100,000) exceeded the state rate.", ""),
        ("Participants living in «city» were interviewed in person, the others by telephone.", ""),
        ("She commutes from «cityst» for each cycle.", ""),
        ("The second cluster, near «city», involved older adolescents.", ""),
        ("Place of death: «cityst».", ""),
        ("Families in «cityst» were recruited through the school district.", ""),
    ],
    "zip": [
        ("ZIP code of residence at diagnosis: «zip»", ""),
        ("Cases in ZIP «zip» accounted for 40% of the excess.", ""),
        ("% «zip» has only «n» cases - suppress?", ""),
        ("The 3-digit ZIP prefix «zip3» covers fewer than 20,000 people and was recoded to 000.", ""),
        ("Most returned surveys came from ZIP codes «zip:1» and «zip:2».", ""),
        ("Home ZIP: «zip4»", ""),
        ("Patients residing in «zip» lived within 2 km of the smelter.", ""),
        ("Geocoding failed for ZIP «zip»; the centroid was used instead.", ""),
        ("Postal code «zip» (rural).", ""),
        ("Reviewer: Table S7 lists five-digit ZIP codes (such as «zip») beside the year of diagnosis.", ""),
    ],
    "tract": [
        ("The patient lived in census tract «tract», where median household income was $21,400.", "case?"),
        ("Tract «tract» had the highest SIR (3.8).", ""),
        ("GEOID «geoid»: «n» cases, 1,872 children", ""),
        ("% tract «tract» is the one next to the rail yard", ""),
        ("Cases clustered in Census Tract «tract» of «county».", ""),
        ("The code «geoid» corresponds to a tract of about 2,100 residents.", ""),
        ("Neighbourhood deprivation for tract «tract» was in the top decile.", ""),
        ("Residential tract: «geoid»", ""),
        ("Block group 2 of census tract «tract» contained the index household.", ""),
    ],
    "coordinates": [
        ("Geocoded residence: «coord»", ""),
        ("The case home, at «coord», lay 600 m downwind of the incinerator.", ""),
        ("% coords for the map pin: «coord»", ""),
        ("Figure 2 marks the index household at «coord».", ""),
        ("Distance was measured from «coord» to the nearest pesticide application site.", ""),
        ("Latitude/longitude of the residence at birth: «coord».", ""),
        ("Address point «coord» (rooftop match).", ""),
        ("Reviewer 2 notes that the KML file in the supplement holds point locations such as «coord».", ""),
    ],
    "registry": [
        ("Cases were identified through the «registry».", ""),
        ("Data were provided by the «registry» under a data use agreement.", ""),
        ("Vital status was updated by linkage with the «registry» and the National Death Index.", ""),
        ("% «registry» wants to review the draft before submission", ""),
        ("Figure 1 compares incidence in the «registry» with SEER 22.", ""),
        ("The «registry» contributed 41% of eligible cases.", ""),
        ("Histology codes supplied by the «registry» were recoded to ICCC-3.", ""),
        ("Data availability: individual-level data cannot be shared; requests should go to the «registry».", ""),
        ("Completeness of the «registry» exceeds 95% (NAACCR gold certification).", ""),
        ("We thank the abstractors of the «registry» for completing the treatment fields.", ""),
        ("Case ascertainment in the «seer_area» SEER area was restricted to 2004-2017.", ""),
        ("Linkage to the «registry» was approved by its scientific review committee.", ""),
        ("Reviewer 1: please confirm that the «registry» permits rates by region to be published.", ""),
        ("Cases from the «seer_area» registry were analysed separately in a sensitivity analysis.", ""),
    ],
    "facility": [
        ("All patients were treated at «hosp».", ""),
        ("Pathology was reviewed centrally at «lab».", ""),
        ("She received radiotherapy at «clinic», 90 miles from home.", "case?"),
        ("% «hosp» data came in late - exclude?", ""),
        ("Most children from the northern counties were seen at «hosp».", ""),
        ("Supplementary Table S1 lists enrolment by site, including «hosp» (n = 47).", ""),
        ("Karyotype and FISH were performed by «lab».", ""),
        ("Her primary care was provided by «practice».", ""),
        ("He was transferred from «hosp» to our PICU on day 3.", ""),
        ("Fertility preservation was offered through «clinic».", ""),
        ("Records from «hosp:1» and «hosp:2» were pooled.", ""),
        ("The «hosp» tumour board recommended observation.", ""),
        ("Reviewer 3: the Methods name «hosp», which the data use agreement does not allow.", ""),
        ("Imaging was obtained at «imaging».", ""),
        ("Germline panel testing was ordered through «lab».", ""),
        ("Data availability: data are available from «hosp» with IRB approval.", ""),
        ("Home infusions were arranged through «homecare».", ""),
        ("The patient first presented to «urgent» with a limp.", "case?"),
        ("Hospice care was provided by «hospice».", ""),
        ("Well-child visits at «practice» had documented normal growth until age 5.", ""),
    ],
    "physician": [
        ("The patient was referred by «dr» for evaluation of a neck mass.", ""),
        ("Resection was performed by «md».", ""),
        ("% ask «dr» for the operative note", ""),
        ("The treating oncologist, «doc», documented the decision to stop chemotherapy.", ""),
        ("Pathology was signed out by «md».", ""),
        ("Chart review showed that «dr» had prescribed the same regimen to «nw» siblings of the same family.", ""),
        ("Her paediatrician, «doc», felt the abdominal mass at a well-child visit.", ""),
        ("Radiation was planned by «md» with an intensity-modulated technique.", ""),
        ("Consent discussions were led by the nurse practitioner, «np».", ""),
        ("Reviewer 2: the attending physician («dr») should not be named.", ""),
        ("Ordering provider: «md» (NPI «npi»)", ""),
        ("She was followed by «dr» in the survivorship clinic until age 21.", ""),
        ("According to «dr»'s note, the family declined hospice.", ""),
        ("Attending: «md:1»; fellow: «md:2»", ""),
        ("The surgeon, «doc», chose a nephron-sparing approach.", ""),
        ("Dermatology («dr») biopsied the scalp lesion.", ""),
    ],
    "npi": [
        ("Prescriber NPI «npi» appears in the claims extract shown in Table S9.", ""),
        ("NPI: «npi»", ""),
        ("Claims were attributed to the treating physician by NPI (e.g., «npi»).", ""),
        ("% NPI «npi» - confirm this is the oncologist, not the group", ""),
        ("Rendering provider «npi» billed 62% of the infusion codes.", ""),
        ("The National Provider Identifier «npi» was linked to the AMA Masterfile to obtain specialty.", ""),
        ("Referring NPI «npi:1»; billing NPI «npi:2».", ""),
    ],
}

# --------------------------------------------------------------------------- clean templates

CLEAN_BODY = [
    # methods and statistics
    "Overall survival was estimated with the Kaplan-Meier method and compared with the log-rank test.",
    "Hazard ratios came from Cox proportional hazards models stratified by treatment era; proportionality was checked with Schoenfeld residuals.",
    "Cumulative incidence of relapse treated death in remission as a competing event (Gray's test), and subdistribution hazards were modelled with the Fine-Gray approach.",
    "Categorical variables were compared with Fisher's exact test and continuous variables with the Wilcoxon rank-sum test.",
    "Trends were assessed with Joinpoint regression (version 5.0.2; National Cancer Institute), allowing up to three joinpoints.",
    "Age-adjusted rates were standardised to the 2000 US standard population (19 age groups; Census P25-1130).",
    "Multiple testing was controlled with the Benjamini-Hochberg procedure at a false discovery rate of 5%.",
    "Analyses were run in R version 4.3.2 (R Foundation for Statistical Computing, Vienna, Austria) with the survival and cmprsk packages.",
    "Data management used SAS 9.4 (SAS Institute Inc., Cary, NC).",
    "Poisson models were fitted in Stata/MP 18.0 (StataCorp LLC, College Station, TX).",
    "Interobserver agreement was quantified with Cohen's kappa (\u03ba = 0.81).",
    "Spearman's rank correlation between the deprivation index and stage at diagnosis was weak (\u03c1 = 0.12; P = .04).",
    "Calibration was assessed with the Hosmer-Lemeshow statistic (P = .62).",
    "A two-sided P < .05 was considered statistically significant.",
    "Mantel-Haenszel odds ratios were pooled across «bigw» strata defined by age and sex.",
    "The Cochran-Armitage test was used for trend across the four treatment eras.",
    "Missing covariates (7.4% of records) were handled by multiple imputation with chained equations (20 imputations) and combined with Rubin's rules.",
    "Propensity scores from a logistic model were matched 1:2 with a caliper of 0.2 standard deviations.",
    "Relative survival was computed with the Ederer II method and state life tables.",
    "Excess absolute risk is expressed per 10,000 person-years.",
    "Standardised incidence ratios have exact Poisson confidence intervals.",
    "Sensitivity analyses excluded the first 2 years of follow-up to address reverse causation.",
    "Discrimination was summarised with Harrell's C-index (0.71; 95% CI, 0.68-0.74).",
    "The effect of age was modelled with restricted cubic splines with 4 knots.",
    "Random-effects meta-analysis used the DerSimonian-Laird estimator, with heterogeneity summarised as I\u00b2.",
    "The Nelson-Aalen estimator gave the cumulative hazard of late cardiac events.",
    "A Bonferroni-corrected threshold (P < .0025) was applied to the 20 secondary end points.",
    "A Besag-York-Molli\u00e9 model smoothed area-level rates with a conditional autoregressive prior.",
    "With 412 events the study had 80% power to detect a hazard ratio of 1.32 at \u03b1 = 0.05.",
    "Potential follow-up was calculated with the reverse Kaplan-Meier method of Schemper and Smith.",
    "Person-time ran from diagnosis to death, loss to follow-up or December 31, 2020, whichever came first.",
    "The study period was January 1, 2000, through December 31, 2019.",
    "Data were extracted on 14 February 2024 from the November 2023 SEER submission.",
    "Incidence per 1,000,000 children per year used population estimates from the US Census Bureau.",
    "Children aged 0-14 years and adolescents aged 15-19 years were analysed separately.",
    "Patients aged 85 years and older were grouped into a single 85+ category, as SEER requires.",
    "Ages of 90 and above were top-coded as 90+ before analysis.",
    "Counts between 1 and 15 are suppressed in keeping with NPCR and SEER data release rules.",
    "Cells with fewer than 10 cases are shown as <10 in Table 2.",
    "Rates based on fewer than 16 cases are statistically unreliable and are not shown.",
    "Complementary suppression was applied so that hidden cells cannot be recovered from row and column totals.",
    "Median follow-up among survivors was 7.8 years (interquartile range, 4.2-11.5).",
    "Five-year event-free survival was 84.1% (95% CI, 81.6%-86.3%) in the standard-risk group.",
    "The 10-year cumulative incidence of subsequent neoplasms was 3.9% (95% CI, 2.8-5.2).",
    "Incidence increased by 0.8% per year (APC 0.8; 95% CI, 0.5-1.1) between 2001 and 2019.",
    "Mortality fell from 3.1 to 2.2 per 100,000 between 1999 and 2020 (P for trend < .001).",
    "Among 8,477 children with ALL, 1,204 (14.2%) were Hispanic.",
    "Of the 38 patients who relapsed, 21 received salvage transplantation.",
    "Fifteen of the 62 adolescents reported financial toxicity.",
    "Twelve institutions each contributed at least 25 patients.",
    "Enrolment by cooperative group: Children's Oncology Group 1,842; SIOP 611.",
    "Treatment followed Children's Oncology Group protocol AALL0932 for standard-risk B-ALL.",
    "Patients enrolled on AREN0532 or AREN0533 were excluded from the historical comparison.",
    "The SIOP WT 2001 trial randomised 583 children to omit doxorubicin.",
    "Risk groups followed the International Neuroblastoma Risk Group (INRG) classification.",
    "High-risk patients received the ANBL0532 tandem-transplant regimen.",
    "St. Jude Total Therapy XVI established MRD-guided reduction of therapy.",
    # biology
    "MYCN amplification was present in 31% of tumours and ALK F1174L mutations in 6%.",
    "ETV6-RUNX1 fusion and high hyperdiploidy together made up half of B-ALL cases.",
    "Germline TP53 variants were found in 9.4% of children with adrenocortical carcinoma.",
    "IKZF1 deletions conferred inferior event-free survival (HR 2.1; 95% CI, 1.5-2.9).",
    "BRAF V600E-mutant low-grade gliomas had lower 5-year progression-free survival than KIAA1549-BRAF fusion tumours.",
    "Median overall survival for H3 K27M-mutant diffuse midline glioma was 11 months.",
    "FLT3-ITD with a high allelic ratio identified a subgroup with poor prognosis.",
    "The PAX3-FOXO1 fusion defined alveolar rhabdomyosarcoma regardless of histology.",
    "SMARCB1 loss was confirmed by immunohistochemistry in every atypical teratoid/rhabdoid tumour.",
    "Pathogenic DICER1 variants were enriched among pleuropulmonary blastoma cases.",
    "Children with Down syndrome, Li-Fraumeni syndrome or Fanconi anaemia formed a predisposition subgroup.",
    "Hodgkin lymphoma, Burkitt lymphoma and Wilms tumour together made up 18% of cases.",
    "Ewing sarcoma was more frequent among non-Hispanic White adolescents (IRR 3.4).",
    "Langerhans cell histiocytosis was excluded because its behaviour code changed in ICD-O-3.2.",
    "Tumours were classified with ICCC-3 from ICD-O-3 site and morphology codes.",
    "Stage was abstracted with the Toronto Paediatric Cancer Stage Guidelines, tier 2.",
    "Toxicities were graded with CTCAE version 5.0.",
    "Echocardiography every 2 years followed the COG Long-Term Follow-Up Guidelines, version 6.0.",
    "Ann Arbor stage IIB or higher was considered advanced.",
    "Patients were treated on a Berlin-Frankfurt-M\u00fcnster (BFM) backbone.",
    "The Philadelphia chromosome was found in 3% of B-ALL cases.",
    "Murphy (St. Jude) staging was used for non-Hodgkin lymphoma.",
    "The NOPHO ALL2008 protocol served as a comparator.",
    "Children with Ph-like ALL were identified with a low-density array.",
    "Stage 4S neuroblastoma regressed spontaneously in most infants.",
    "Doses are expressed per square metre of body-surface area (Mosteller formula).",
    "The WHO 2021 classification of CNS tumours (WHO CNS5) was applied retrospectively.",
    "The Wilms tumour cohort was stratified by loss of heterozygosity at 1p and 16q.",
    "Lansky or Karnofsky performance status of at least 70 was required.",
    "The Charlson comorbidity index was 0 for 88% of patients.",
    # data sources and links
    "National data came from the Kids' Inpatient Database and the Pediatric Health Information System (PHIS).",
    "Mortality data were obtained from CDC WONDER (underlying cause of death, 1999-2020).",
    "Incidence data are from U.S. Cancer Statistics, which combines NPCR and SEER and covers the whole US population.",
    "Treatment analyses used the National Cancer Database, a hospital-based registry sponsored by the American College of Surgeons and the American Cancer Society.",
    "Area-level poverty was taken from the American Community Survey 5-year estimates (2015-2019).",
    "Rurality was defined with the 2013 Rural-Urban Continuum Codes (codes 4-9 rural).",
    "Neighbourhood socioeconomic status was measured with the Yost index, in quintiles.",
    "Data were accessed through SEER*Stat 8.4.3 (https://seer.cancer.gov/seerstat/).",
    "Analysis code is available at https://github.com/pedsepi-lab/aya-survival.",
    "The trial is registered at ClinicalTrials.gov («nct»).",
    "The primary trial report is doi:10.1200/JCO.22.01234.",
    "Definitions follow Ward et al. (2014) and Siegel et al. (2023).",
    "Consistent with earlier reports [12-15], survival improved most in infants.",
    "As Hudson and colleagues showed in the St. Jude Lifetime cohort, chronic conditions accumulate with age.",
    "Unlike the Childhood Cancer Survivor Study, our cohort includes survivors diagnosed after 1999.",
    "Ethnicity was assigned with the NAACCR Hispanic Identification Algorithm.",
    "Census region (Northeast, Midwest, South, West) was the only geographic variable released.",
    "Estimates for all 50 states and the District of Columbia are in Supplementary Table S3.",
    "The institutional review board waived consent because the data were de-identified.",
    "Reporting follows the STROBE and RECORD guidelines.",
    "This analysis of de-identified public data was exempt under 45 CFR 46.104(d)(4).",
    "Preprint: medRxiv 2023.08.14.23294077.",
    "The online calculator is at https://surveillance.cancer.gov/joinpoint/.",
    "Distances to the treating centre were straight-line miles from each ZIP code centroid.",
    "Addresses were geocoded by the registry, and only census-tract attributes were released to us.",
    "Counties were classified as metropolitan or nonmetropolitan with the USDA codes.",
    "County-level estimates were not produced because numbers were small.",
    "Physicians were not contacted; treatment data came from registry abstracts.",
    "The hospital-based cohort included 28 children's hospitals contributing to PHIS.",
    "Participating institutions are listed in the Appendix.",
    "Weighted estimates used the survey's sampling weights (SUDAAN 11.0.3).",
    "Data availability: SEER data are available to researchers who sign the SEER research data agreement (https://seer.cancer.gov/data/).",
    "Data availability: the analytic code is available from the corresponding author on reasonable request.",
    "The datasets are not publicly available because of registry confidentiality rules, but aggregate tables are in the supplement.",
    # results prose, legends, table rows
    "Participants contributed 48,211 person-years of follow-up.",
    "The median age at diagnosis was 6 years (range, 0-19).",
    "Median time to relapse was 28 months (IQR, 17-41).",
    "Five-year survival did not differ by sex (boys 78.2% vs girls 79.0%; P = .61).",
    "Adolescents and young adults (15-39 years) were enrolled on trials less often than children (14% vs 44%).",
    "Rates among American Indian/Alaska Native children were 0.7 times those of non-Hispanic White children (95% CI, 0.6-0.9).",
    "Incidence in the Appalachian region was 8% higher than elsewhere.",
    "Eligible patients were 1 to 21 years old at enrolment.",
    "Dexrazoxane was given at a 10:1 ratio to doxorubicin.",
    "Cranial radiation (18 Gy) was given to 13% of the historical cohort.",
    "Cumulative cisplatin above 400 mg/m\u00b2 was recorded in 61 patients.",
    "Late mortality was 2.3 times that expected (SMR 2.3; 95% CI, 2.0-2.7).",
    "The 2 \u00d7 2 factorial design randomised patients to both questions at once.",
    "Patients were seen every 3 months in year 1, every 4 months in year 2 and every 6 months thereafter.",
    "Version 2 of the protocol (amended March 2016) removed the second delayed intensification.",
    "Enrolment opened in October 2008 and closed in June 2014.",
    "Survivors completed the questionnaire a median of 9.4 years after diagnosis.",
    "Event-free survival ran from diagnosis to relapse, second malignancy or death from any cause.",
    "Ten-year survival exceeded 90% for retinoblastoma and Hodgkin lymphoma.",
    "Incidence rate ratios came from negative binomial models to allow for overdispersion.",
    "Conditional on surviving 5 years, 10-year survival was 95.6%.",
    "Education was grouped as less than high school, high school, some college, or college graduate.",
    "Grade 3 or 4 infections occurred in 27% of courses.",
    "By age 40 about 1 in 25 survivors had a second neoplasm.",
    "Each of the 4 study sites contributed at least 200 cases.",
    "Observed-to-expected ratios used indirect standardisation to the 2010 population.",
    "Poisson regression with log population as offset was adjusted for age group, sex and year.",
    "Dose-response was evaluated across tertiles of cumulative anthracycline dose (150 or less, 151-300, above 300 mg/m\u00b2).",
    "A total of 1,036 parents completed the Decision Regret Scale.",
    "Model coefficients, with robust (Huber-White) standard errors, are in Supplementary Table S10.",
    "Figure 1. Age-adjusted incidence of childhood leukaemia, 2000-2019, by sex; shaded bands are 95% CIs.",
    "Figure 2. Kaplan-Meier overall survival by MRD status at the end of induction (log-rank P < .001).",
    "Figure 3. Hazard ratios from the multivariable Cox model; squares are proportional to the number of events.",
    "Table 1. Characteristics of 4,286 patients by treatment era.",
    "Supplementary Table S4. Sensitivity analyses restricted to patients with complete staging (n = 2,904).",
    "Supplementary Table S6 | 15-19 years | 1,118 | 27.4 (25.8-29.1) | reference",
    "Table 3 footnote: * suppressed (1-9 cases); \u2020 rate based on fewer than 20 cases.",
    "Female | 2,114 | 48.7 | 81.3 (79.6-82.9)",
    "Hispanic, n (%): 1,377 (32.1)",
    "Age 90+ | 312 | 2.4 | 11.8 (10.5-13.2)",
    "Stage IV, n = 214",
    "Deaths, n (%): 96 (8.9)",
    "Relapse at any site occurred in «big» patients (12%).",
    "Fourteen of the «huge» survivors declined the follow-up visit.",
    # reviewer and author comments, LaTeX
    "Reviewer 2, comment 3: please report the number at risk beneath each Kaplan-Meier curve.",
    "Response to reviewers: we have added the E-value for the main hazard ratio (E = 2.31).",
    "Reviewer 1 asked why 2000 was chosen as the start year; we now cite the change in ICD-O coding.",
    "% TODO: update Figure 2 with the 2021 data release",
    "% \\textcolor{red}{check that the CI in the abstract matches Table 2}",
    "% reviewer 3 wants the Fine-Gray models in the main text, not the supplement",
    "Reviewer 3: the cell suppression rule should be stated in the Methods, not only in the footnotes.",
    "% \\cite{ward2014} or \\cite{siegel2023}? use the newer one",
    "We thank the reviewers for suggesting the competing-risks analysis, which is now in Table 4.",
    "Response: we agree and have replaced \"significantly\" with the effect size and its 95% CI throughout.",
    "The editor asked us to shorten the Discussion to 1,500 words.",
    "% fig3.pdf regenerated with ggplot2 3.4.4 -- fonts now embedded",
]

CLEAN_BACK = [
    "Funding: Supported by the National Cancer Institute («grant:1» and «grant:2») and Alex's Lemonade Stand Foundation.",
    "The funders had no role in design, analysis, interpretation or the decision to publish.",
    "Acknowledgements: We thank the central cancer registries that report to NPCR and SEER, and the patients and families whose data made this work possible.",
    "We also thank «author_like» for editorial assistance.",
    "Author contributions: «initials:1» conceived the study; «initials:2» and «initials:3» analysed the data; all authors approved the final version.",
    "Disclaimer: The findings and conclusions are those of the authors and do not necessarily represent the official position of the Centers for Disease Control and Prevention.",
    "Prior presentation: presented in part at the 2023 ASCO Annual Meeting, Chicago, IL, June 2-6, 2023.",
    "Conflict of interest: the authors declare no competing interests.",
]

REFERENCE_TITLES = [
    "Childhood cancer incidence in the United States by race and ethnicity",
    "Area deprivation and survival after a diagnosis of pediatric leukemia",
    "Late cardiac events after anthracycline therapy in adolescents",
    "Geographic access to pediatric oncology care",
    "Cell suppression and disclosure risk in published cancer statistics",
    "Subsequent neoplasms among five-year survivors of childhood cancer",
    "Minimal residual disease and outcome in childhood acute lymphoblastic leukemia",
    "Rural-urban differences in childhood cancer survival",
    "Trends in adolescent and young adult cancer mortality",
    "Predisposition genes in pediatric solid tumors: a population-based study",
    "Financial toxicity in families of children with cancer",
    "Neuroblastoma risk classification: an update",
]
JOURNALS = [("Pediatr Blood Cancer", "Pediatric Blood & Cancer"), ("J Clin Oncol", "Journal of Clinical Oncology"),
            ("Cancer Epidemiol Biomarkers Prev", "Cancer Epidemiology, Biomarkers & Prevention"),
            ("JAMA Pediatr", "JAMA Pediatrics"), ("Lancet Child Adolesc Health", "The Lancet Child & Adolescent Health"),
            ("J Natl Cancer Inst", "Journal of the National Cancer Institute"), ("Blood", "Blood")]


def reference_list(n: int) -> list[str]:
    out = []
    for i in range(1, n + 1):
        names = [(_last(), "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.randrange(1, 3))))
                 for _ in range(rng.randrange(1, 6))]
        year, volume, page = rng.randrange(2001, 2025), rng.randrange(5, 140), rng.randrange(100, 3000)
        title = rng.choice(REFERENCE_TITLES)
        short, long_ = rng.choice(JOURNALS)
        doi = f"10.{rng.choice(['1002', '1200', '1158', '1001', '1016', '1093'])}/{rng.choice(['pbc', 'jco', 'epi', 'jamapediatrics', 'jnci'])}.{rng.randrange(10000, 99999)}"
        if i % 3 == 0:  # APA-like
            authors = ", ".join(f"{s}, {'. '.join(g)}." for s, g in names[:-1])
            authors = (authors + ", & " if authors else "") + f"{names[-1][0]}, {'. '.join(names[-1][1])}."
            out.append(f"{authors} ({year}). {title}. {long_}, {volume}({rng.randrange(1, 13)}), {page}-{page + rng.randrange(4, 20)}. https://doi.org/{doi}")
        elif i % 3 == 1:  # Vancouver
            authors = ", ".join(f"{s} {g}" for s, g in names) + (", et al" if len(names) == 5 else "")
            out.append(f"[{i}] {authors}. {title}. {short}. {year};{volume}({rng.randrange(1, 13)}):{page}-{page + rng.randrange(4, 20)}. "
                       f"doi:{doi}. PMID: {rng.randrange(10**7, 4 * 10**7)}")
        else:
            authors = " and ".join(f"{g[0]}. {s}" for s, g in names[:2]) + (" et al." if len(names) > 2 else ".")
            out.append(f"{i}. {authors} {title}. {short} {volume}, {page} ({year}).")
    return out


def front_records() -> tuple[list[dict], list[str]]:
    authors = [f"{fake.first_name_female()} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {fake.last_name()}",
               f"{fake.first_name_male()} {fake.last_name()}-{fake.last_name()}", f"{fake.first_name()} {fake.last_name()}",
               f"{fake.first_name_female()} {fake.last_name()}"]
    lead = authors[0].split()
    mail = f"{lead[0][0].lower()}{lead[-1].lower()}@umn.edu"
    texts = [
        ("Where children live and whether they survive: area deprivation and outcomes of childhood and adolescent cancer in the United States, 2000-2019", None),
        (f"{authors[0]}, MD, MPH\u00b9; {authors[1]}, PhD\u00b2; {authors[2]}, MS\u00b9; {authors[3]}, MD\u00b9\u02d2\u00b3", authors),
        ("\u00b9 Division of Pediatric Hematology/Oncology, Department of Pediatrics, University of Minnesota, Minneapolis, MN, USA", None),
        ("\u00b2 Department of Epidemiology, Rollins School of Public Health, Emory University, Atlanta, GA, USA", None),
        ("\u00b3 Masonic Cancer Center, University of Minnesota, Minneapolis, MN, USA", None),
        (f"Correspondence: {authors[0]}, MD, MPH, Department of Pediatrics, University of Minnesota, Minneapolis, MN 55455; "
         f"e-mail {mail}; telephone (612) {rng.randrange(202, 989)}-{rng.randrange(10000):04d}", None),
        ("Running head: Area deprivation and childhood cancer survival", None),
        ("Word count: 3,412 (abstract 248); tables 3; figures 4; supplementary files 2", None),
        ("Keywords: childhood cancer; SEER; area deprivation; survival disparities; adolescents", None),
    ]
    records = []
    for i, (text, names) in enumerate(texts):
        record = {"text": text, "labels": [], "source": f"ho-clean-front-{i + 1:02d}", "part": "front"}
        if names:
            record["authors"] = names
        records.append(record)
    return records, authors


# --------------------------------------------------------------------------- assembly

def _count_value(text: str) -> str:
    match = re.search(r"\b(?:One|one|single|only|1)\b", text)
    assert match, text
    return match.group(0)


def leaking_records() -> list[dict]:
    records: list[dict] = []
    for kind, templates in LEAKING.items():
        for index, (template, flags) in enumerate(templates):
            for _ in range(30):
                text, labels = render(template)
                if all(r["text"] != text for r in records):
                    break
            flags = flags.split()
            if "case" in flags or "case?" in flags:
                labels.append(label(IR, "case", text, optional="case?" in flags))
            if "one" in flags or "one?" in flags:
                labels.append(label(SC, "count", _count_value(text), optional="one?" in flags))
            records.append({"text": text, "labels": _dedupe(labels), "source": f"ho-{kind}-{index + 1:02d}", "part": "body"})
    return records


def _dedupe(labels: list[dict]) -> list[dict]:
    seen, out = set(), []
    for item in labels:
        key = (item["category"], item["kind"], item["value"], item.get("optional", False))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def clean_records(authors: list[str]) -> tuple[list[dict], list[dict]]:
    body = []
    for index, template in enumerate(CLEAN_BODY):
        text, labels = render(template)
        assert not labels, (template, labels)
        body.append({"text": text, "labels": [], "source": f"ho-clean-{index + 1:03d}", "part": "body"})
    initials = ["".join(w[0] + "." for w in a.replace("-", " ").split() if w[0].isupper()) for a in authors]
    back = []
    for index, template in enumerate(CLEAN_BACK):
        text = template.replace("«author_like»", f"{fake.first_name()} {fake.last_name()}")
        for k in (1, 2, 3):
            text = text.replace(f"«initials:{k}»", initials[k - 1] if k < len(initials) else initials[0])
        text, labels = render(text)
        assert not labels, (template, labels)
        back.append({"text": text, "labels": [], "source": f"ho-clean-back-{index + 1:02d}", "part": "back"})
    return body, back


def build() -> list[dict]:
    load_gazetteer()
    front, authors = front_records()
    leaking = leaking_records()
    clean_body, back = clean_records(authors)
    body = leaking + clean_body
    rng.shuffle(body)
    refs = [{"text": t, "labels": [], "source": f"ho-clean-reference-{i + 1:02d}", "part": "references"}
            for i, t in enumerate(reference_list(18))]
    records = front + body + back + refs
    for record in records:
        for item in record["labels"]:
            assert item["value"] in record["text"], (item, record["text"])
            if item["kind"] == "npi":
                assert npi_is_valid(item["value"]), item
        assert "\n" not in record["text"] and "\t" not in record["text"] and "«" not in record["text"], record["text"]
    texts = [r["text"] for r in records]
    assert len(texts) == len(set(texts)), "duplicate sentences"
    return records


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def summary(records: list[dict]) -> str:
    leaking = sum(1 for r in records if any(not l.get("optional") for l in r["labels"]))
    kinds: dict[str, int] = {}
    for r in records:
        for key in {f"{l['category']}/{l['kind']}" for l in r["labels"] if not l.get("optional")}:
            kinds[key] = kinds.get(key, 0) + 1
    return (f"{len(records)} sentences: {leaking} leaking, {sum(1 for r in records if not r['labels'])} clean; "
            f"sentences per label kind: {dict(sorted(kinds.items()))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with the existing file instead of writing")
    args = parser.parse_args(argv)
    records = build()
    text = dumps(records)
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(("identical to " if same else "DIFFERS from ") + str(args.output) + "; " + summary(records))
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {summary(records)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
