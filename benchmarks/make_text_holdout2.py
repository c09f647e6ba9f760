"""Make benchmarks/data/text_holdout2.jsonl: a second held-out set of labelled manuscript sentences.

    python benchmarks/make_text_holdout2.py            # writes benchmarks/data/text_holdout2.jsonl
    python benchmarks/eval_text.py --set benchmarks/data/text_holdout2.jsonl

Why a second held-out set: text_eval.jsonl and text_holdout.jsonl have both been used to tune
outscan's prose checks, so neither measures them honestly any more. This set was written
without reading outscan's recognisers or checks, nor the other two generators or sets (only
eval_text.py's loader and scorer and the first lines of one set, for the record format), from
fresh templates and a new Faker seed. Once it is used to tune outscan it stops being held out.

Record format (as eval_text.py reads it): ``text``; ``labels``, a list of ``{category, kind,
value, optional}``; ``source`` (template name and instance number); ``part`` (front, body,
back or references); ``authors`` on the byline. A label is ``optional`` when the sentence
implies it but it is not the sentence's point (a physician's name is also a person's name; a
full street address also names its city and ZIP code; an identifier of one numbered participant,
case or relative also touches individual_records/case).

Label conventions: identifier/date is an exact date tied to one person's birth, diagnosis,
admission, surgery, relapse or death (study periods, data extraction and approval dates are
not); identifier/age is one individual aged over 89 (90+ top coding is not); small_cell/count
is a count of people from 1 to 9 (10 or more, and "fewer than 10", are not);
individual_records/case describes one patient; geography/registry is a state or regional
cancer registry (national programmes such as SEER as a whole, NPCR or NCCR are not);
data_source/npi is a 10-digit NPI whose check digit is valid (Luhn over "80840" + number).
The authors' own names, affiliations, e-mail and telephone in the front matter are clean, as
are cited authors, eponyms, trial names, cooperative groups and software.

Requires Faker (the ``bench`` extra). Deterministic: Faker en_US and random both seeded 7390421.
"""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

from faker import Faker

SEED = 7390421
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "data" / "text_holdout2.jsonl"
GAZ = ROOT / "outscan" / "data"

fake = Faker("en_US")
Faker.seed(SEED)
rng = random.Random(SEED)

# --------------------------------------------------------------------------- gazetteers (data files only)


def _rows(name: str) -> list[list[str]]:
    lines = (GAZ / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


COUNTIES = [(r[1], r[2]) for r in _rows("us_counties.tsv") if r[2].endswith(("County", "Parish"))]
PLACES = [(r[0], r[1]) for r in _rows("us_places.tsv")]
STATES = {r[1]: r[0] for r in _rows("us_states.tsv")}


def _zips() -> list[str]:
    lines = (GAZ / "us_zip_codes.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "zip5")
    bits = base64.b64decode("".join(lines[start + 1:]))
    return [f"{n:05d}" for n in range(100000) if bits[n // 8] >> (n % 8) & 1]


ZIPS = _zips()

REGISTRIES = [
    "the Utah Cancer Registry", "the Kentucky Cancer Registry", "the Iowa Cancer Registry",
    "the New Mexico Tumor Registry", "the Louisiana Tumor Registry", "the Connecticut Tumor Registry",
    "the Hawaii Tumor Registry", "the Cancer Registry of Greater California", "the Greater Bay Area Cancer Registry",
    "the New Jersey State Cancer Registry", "the Texas Cancer Registry", "the Illinois State Cancer Registry",
    "the Massachusetts Cancer Registry", "the Cancer Data Registry of Idaho", "the New York State Cancer Registry",
    "the SEER Seattle-Puget Sound registry", "the Metropolitan Detroit SEER registry", "the Atlanta SEER registry",
    "the Alaska Native Tumor Registry", "the Greater Georgia registry", "the Rural Georgia SEER registry",
    "the San Jose-Monterey registry", "the Los Angeles SEER registry", "the Arizona Indians registry area",
]

# --------------------------------------------------------------------------- fillers

WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DX = ["B-cell acute lymphoblastic leukaemia", "acute myeloid leukemia", "neuroblastoma", "Wilms tumour",
      "medulloblastoma", "alveolar rhabdomyosarcoma", "osteosarcoma", "Ewing sarcoma", "hepatoblastoma",
      "retinoblastoma", "diffuse midline glioma", "Hodgkin lymphoma", "Burkitt lymphoma", "ependymoma",
      "atypical teratoid/rhabdoid tumor", "juvenile myelomonocytic leukemia", "germ cell tumour"]
SITES = ["abdominal mass", "bone pain", "limp", "headache and morning vomiting", "leukocoria", "fever and pallor",
         "painless cervical lymphadenopathy", "proptosis", "ataxia", "a swollen knee", "haematuria"]


def cnt(word_chance: float = 0.5, low: int = 2) -> tuple[str, int]:
    n = rng.randint(low, 9)
    if rng.random() < word_chance:
        return WORDS[n - 1], n
    return str(n), n


def big() -> int:
    return rng.randint(11, 940)


def child_age() -> int:
    return rng.randint(1, 17)


def old_age() -> int:
    return rng.choice([90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 101, 103])


def a_date() -> str:
    d = fake.date_between(start_date="-24y", end_date="-1y")
    style = rng.randrange(6)
    if style == 0:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == 1:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == 2:
        return d.isoformat()
    if style == 3:
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == 4:
        return f"{MON[d.month - 1]}. {d.day}, {d.year}"
    return f"{d.day:02d}-{MON[d.month - 1]}-{d.year}"


def dob() -> str:
    d = fake.date_of_birth(minimum_age=1, maximum_age=18)
    return rng.choice([d.isoformat(), f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.day} {MONTHS[d.month - 1]} {d.year}"])


def person() -> str:
    return f"{fake.first_name()} {fake.last_name()}"


def child() -> str:
    return f"{fake.first_name()} {fake.last_name()}"


def doctor() -> str:
    return f"Dr. {fake.first_name()} {fake.last_name()}" if rng.random() < 0.5 else f"Dr {fake.last_name()}"


def doctor_md() -> str:
    return f"{fake.first_name()} {fake.last_name()}, " + rng.choice(["MD", "M.D.", "DO", "MBBS", "NP", "PA-C"])


def county() -> tuple[str, str]:
    st, name = rng.choice(COUNTIES)
    return name, st


def city() -> tuple[str, str]:
    st, name = rng.choice(PLACES)
    return name, st


def zipc() -> str:
    return rng.choice(ZIPS)


def phone() -> str:
    a, b, c = rng.randint(201, 989), rng.randint(210, 989), rng.randint(1000, 9999)
    return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}"])


def email(name: str | None = None) -> str:
    name = name or person()
    first, last = name.lower().split()[0], name.lower().split()[-1]
    user = rng.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{rng.randint(1, 99)}", f"{last}.{first[0]}"])
    return f"{user}@{rng.choice(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'hotmail.com', 'comcast.net'])}"


def mrn() -> str:
    n = rng.randint(1000000, 99999999)
    return rng.choice([str(n), f"{str(n)[:3]}-{str(n)[3:]}", f"H{n:08d}", f"{n:09d}"])


def ssn() -> str:
    s = fake.ssn()
    return s if rng.random() < 0.7 else s.replace("-", " ") if rng.random() < 0.5 else s.replace("-", "")


def street() -> str:
    return fake.street_address()


def tract() -> str:
    return rng.choice([f"{rng.randint(1, 9899)}.{rng.choice(['01', '02', '03', '04'])}",
                       f"{rng.randint(100, 9800)}", f"{rng.randint(10, 56):02d}{rng.randint(1, 199):03d}{rng.randint(100, 980000):06d}"])


def coords() -> str:
    lat, lon = rng.uniform(25.5, 48.5), -rng.uniform(70.5, 123.5)
    style = rng.randrange(4)
    if style == 0:
        return f"({lat:.5f}, {lon:.5f})"
    if style == 1:
        return f"lat {lat:.4f}, long {lon:.4f}"
    if style == 2:
        d1, m1 = int(lat), int((lat % 1) * 60)
        d2, m2 = int(-lon), int((-lon % 1) * 60)
        return f"{d1}°{m1:02d}′N {d2}°{m2:02d}′W"
    return f"{lat:.6f},{lon:.6f}"


def npi_valid() -> str:
    body = f"{rng.choice([1, 2])}{rng.randint(0, 99999999):08d}"
    digits = [int(c) for c in "80840" + body]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:  # positions that will be doubled once the check digit is appended
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return body + str((10 - total % 10) % 10)


def npi_ok(n: str) -> bool:
    digits = [int(c) for c in "80840" + n]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return total % 10 == 0


def npi_invalid() -> str:
    n = npi_valid()
    return n[:-1] + str((int(n[-1]) + rng.randint(1, 9)) % 10)


def facility() -> tuple[str, str | None]:
    """A named hospital, clinic, practice or lab, and the city its name contains (or None)."""
    ln, (c, _) = fake.last_name(), city()
    return rng.choice([
        (f"{ln} Memorial Hospital", None), (f"{c} Children's Hospital", c), (f"St. {fake.first_name()}'s Medical Center", None),
        (f"{c} Regional Medical Center", c), (f"{ln} Pediatric Associates", None), (f"{ln} Family Practice", None),
        (f"{c} Community Hospital", c), (f"{ln}-{fake.last_name()} Diagnostic Laboratories", None), (f"{c} Imaging Center", c),
        (f"Mercy {c} Hospital", c), (f"{ln} Children's Clinic", None), (f"{c} General Hospital", c),
    ])


def fac_labels(f: str, c: str | None) -> list[dict]:
    return [L("data_source", "facility", f)] + ([L("geography", "city", c, True)] if c else [])


def L(category: str, kind: str, value: str, optional: bool = False) -> dict:
    return {"category": category, "kind": kind, "value": value, "optional": optional}


# --------------------------------------------------------------------------- leaking templates
# Each returns its variants, [(text, labels), ...], freshly filled; the n-th instance of a template
# takes variant n (mod the number of variants). Grouped by the kind that is the sentence's point.


def t_person():
    a, d = child_age(), rng.choice(DX)
    girl = rng.random() < 0.5
    n = f"{fake.first_name_female() if girl else fake.first_name_male()} {fake.last_name()}"
    mother = f"{fake.first_name_female()} {fake.last_name()}"
    pron = "she" if girl else "he"
    return [
        (f"The index patient, {n}, was {a} years old when {pron} was referred with {rng.choice(SITES)}.",
         [L("identifier", "person", n), L("individual_records", "case", "index patient")]),
        (f"Parental consent was obtained from {n} on behalf of the participant.", [L("identifier", "person", n)]),
        (f"% FIXME: row 14 is {n} — drop the name column before we upload to the journal",
         [L("identifier", "person", n)]),
        (f"Sample SJ{rng.randint(1000, 9999)} (donor: {n}) failed library QC and was re-sequenced.",
         [L("identifier", "person", n)]),
        (f"We are grateful to {n} and family for allowing us to share her daughter's story.",
         [L("identifier", "person", n)]),
        (f"Interviewer notes: mother ({mother}) reported that the child had been exposed to pesticides on the farm.",
         [L("identifier", "person", mother)]),
        (f"PATIENT NAME: {n.upper()}", [L("identifier", "person", n)]),
        (f"{n.split()[1]}, {n.split()[0]} | {d} | relapsed", [L("identifier", "person", n),
                                                           L("individual_records", "case", "row")]),
        (f"<!-- {n} withdrew consent in 2021; their records must be excluded from the re-analysis -->",
         [L("identifier", "person", n)]),
        (f"Reviewer 2 asked whether {n}, the sibling donor, was HLA-matched; the donor was a full match.",
         [L("identifier", "person", n)]),
    ]


def t_mrn():
    m = mrn()
    return [
        (f"Records were linked by MRN (e.g., {m}) and date of birth.", [L("identifier", "mrn", m)]),
        (f"% check MRN {m} — duplicated in the oncology and the surgery extract", [L("identifier", "mrn", m)]),
        (f"The discordant case (medical record no. {m}) was re-reviewed by a second pathologist.",
         [L("identifier", "mrn", m), L("individual_records", "case", "discordant case", True)]),
        (f"Hospital number {m} was excluded because the diagnosis preceded the study window.",
         [L("identifier", "mrn", m)]),
        (f"MRN: {m}; Dx: {rng.choice(DX)}; status: alive", [L("identifier", "mrn", m),
                                                           L("individual_records", "case", "row")]),
        (f"Chart {m} documents a second malignancy after radiotherapy.", [L("identifier", "mrn", m),
                                                                         L("individual_records", "case", "chart")]),
        (f"Patient identifiers (Epic MRN {m}) were replaced by study codes before analysis.",
         [L("identifier", "mrn", m)]),
    ]


def t_ssn():
    s = ssn()
    return [
        (f"Linkage to the National Death Index used the SSN ({s}) where available.", [L("identifier", "ssn", s)]),
        (f"SSN {s} matched two registry records, which were merged.", [L("identifier", "ssn", s)]),
        (f"| 0{rng.randint(10, 99)} | {s} | F | {child_age()} y | ALL |", [L("identifier", "ssn", s),
                                                                          L("individual_records", "case", "row", True)]),
        (f"Social Security number: {s}", [L("identifier", "ssn", s)]),
        (f"The mother's social security no. {s} was recorded on the intake form.", [L("identifier", "ssn", s)]),
    ]


def t_phone():
    p = phone()
    return [
        (f"The family was contacted by telephone at {p} to complete the follow-up questionnaire.",
         [L("identifier", "phone", p)]),
        (f"Contact for participant 0{rng.randint(10, 99)}: {p} (mother's mobile).",
         [L("identifier", "phone", p), L("individual_records", "case", "participant", True)]),
        (f"% call-back number for the parent who asked about results: {p}", [L("identifier", "phone", p)]),
        (f"The survivor, reachable on {p}, agreed to a second interview.", [L("identifier", "phone", p)]),
        (f"tel. {p} — guardian, preferred contact after 5 pm", [L("identifier", "phone", p)]),
    ]


def t_email():
    n = person()
    e = email(n)
    return [
        (f"Follow-up surveys were sent to the parent's address on file ({e}).", [L("identifier", "email", e)]),
        (f"One participant ({e}) replied that her son had since moved out of state.", [L("identifier", "email", e)]),
        (f"Survivor contact: {e}", [L("identifier", "email", e)]),
        (f"<!-- pt email {e} bounced, try the phone -->", [L("identifier", "email", e)]),
        (f"The adolescent emailed the study team from {e} to withdraw.", [L("identifier", "email", e)]),
    ]


def t_address():
    s, (c, st), z = street(), city(), zipc()
    return [
        (f"The child resided at {s}, {c}, {st} {z} at the time of diagnosis.",
         [L("identifier", "address", s), L("geography", "city", c, True), L("geography", "zip", z, True)]),
        (f"Residential history: {s} (birth to age 4), then a rural property outside town.",
         [L("identifier", "address", s)]),
        (f"Home address ({s}) was geocoded with the Census Bureau geocoder.", [L("identifier", "address", s)]),
        (f"Address at diagnosis: {s}, {c}, {STATES.get(st, st)}", [L("identifier", "address", s),
                                                                   L("geography", "city", c, True)]),
        (f"The family lived at {s}, roughly 200 m from the former dry-cleaning site.",
         [L("identifier", "address", s)]),
    ]


def t_date():
    d, a, b = a_date(), child_age(), dob()
    return [
        (f"She was diagnosed on {d} and started induction two days later.",
         [L("identifier", "date", d), L("individual_records", "case", "she", True)]),
        (f"The patient underwent gross total resection on {d}.", [L("identifier", "date", d),
                                                                 L("individual_records", "case", "patient", True)]),
        (f"Date of death: {d} (sepsis during consolidation).", [L("identifier", "date", d)]),
        (f"He was admitted to the PICU on {d} with tumour lysis syndrome.",
         [L("identifier", "date", d), L("individual_records", "case", "he", True)]),
        (f"Isolated CNS relapse was confirmed on {d}, 26 months after diagnosis.",
         [L("identifier", "date", d), L("individual_records", "case", "relapse", True)]),
        (f"Case 4 was born on {b}; the tumour was found at a routine well-child visit.",
         [L("identifier", "date", b), L("individual_records", "case", "case 4", True)]),
        (f"The boy died on {d}, aged {a}.", [L("identifier", "date", d), L("individual_records", "case", "boy", True)]),
    ]


def t_dob():
    d = dob()
    return [
        (f"DOB {d}", [L("identifier", "date", d)]),
        (f"Participant 1{rng.randint(10, 99)} (born {d}) was excluded as out of range.",
         [L("identifier", "date", d), L("individual_records", "case", "participant", True)]),
        (f"date_of_birth = '{d}'  # the one record we could not match", [L("identifier", "date", d)]),
    ]


def t_age():
    a = old_age()
    return [
        (f"The oldest patient in the series was {a} years old at diagnosis.", [L("identifier", "age", str(a))]),
        (f"One woman aged {a} declined chemotherapy and received best supportive care.",
         [L("identifier", "age", str(a)), L("individual_records", "case", "one woman", True)]),
        (f"A {a}-year-old man with chronic lymphocytic leukaemia developed Richter transformation.",
         [L("identifier", "age", str(a)), L("individual_records", "case", "man", True)]),
        (f"The grandfather of the proband was diagnosed with prostate cancer at {a}.",
         [L("identifier", "age", str(a)), L("individual_records", "case", "grandfather", True)]),
        (f"Exclusions: one decedent ({a} y) whose age was outside the survivor cohort.",
         [L("identifier", "age", str(a)), L("individual_records", "case", "decedent", True)]),
        (f"Age at death {a} years (participant 0{rng.randint(10, 99)}).",
         [L("identifier", "age", str(a)), L("individual_records", "case", "participant", True)]),
    ]


def t_count():
    w, n = cnt()
    W = w.capitalize()
    b = big()
    return [
        (f"{W} children ({100 * n / b:.1f}%) developed grade 4 cardiotoxicity.", [L("small_cell", "count", w)]),
        (f"Only {w} patients with infant ALL were treated at the smaller centres.", [L("small_cell", "count", w)]),
        (f"Among American Indian/Alaska Native adolescents there were {w} deaths during the study period.",
         [L("small_cell", "count", w)]),
        (f"Hepatoblastoma (n = {n}) was grouped with other hepatic tumours.", [L("small_cell", "count", str(n))]),
        (f"Secondary AML occurred in {n} of {b} survivors.", [L("small_cell", "count", str(n))]),
        (f"| Retinoblastoma | {n} | {100 * n / b:.1f} |", [L("small_cell", "count", str(n))]),
        (f"{W} girls aged 15–19 years were diagnosed with ovarian germ cell tumours in the rural counties.",
         [L("small_cell", "count", w)]),
        (f"Relapse was seen in {n}/{b} patients with a hypodiploid karyotype.", [L("small_cell", "count", str(n))]),
        (f"Hispanic infants, {n} cases", [L("small_cell", "count", str(n))]),
        (f"Of the {b} children screened, {w} declined participation.", [L("small_cell", "count", w)]),
        (f"Non-Hispanic Black males: {n} ({100 * n / b:.1f}%)", [L("small_cell", "count", str(n))]),
        (f"There were {w} survivors with a second neoplasm in the 2015 cohort.", [L("small_cell", "count", w)]),
    ]


def t_case():
    a, d, s = child_age(), rng.choice(DX), rng.choice(SITES)
    sex = rng.choice([("girl", "She", "her"), ("boy", "He", "his")])
    m = rng.randint(6, 60)
    return [
        (f"A {a}-year-old {sex[0]} presented with {s}; imaging revealed a {rng.randint(3, 14)} cm mass and biopsy confirmed {d}.",
         [L("individual_records", "case", "A ... presented")]),
        (f"{sex[1]} completed therapy in {rng.randint(2008, 2021)} and remains in first remission {m} months later.",
         [L("individual_records", "case", sex[1])]),
        (f"Patient {rng.randint(1, 30)} (F, {a} y) had an ETV6-RUNX1 fusion and was MRD-negative at day 29.",
         [L("individual_records", "case", "Patient")]),
        (f"CASE REPORT: An adolescent {sex[0]} ({rng.randint(12, 17)} years) with trisomy 21 was admitted with hyperleukocytosis.",
         [L("individual_records", "case", "case report")]),
        (f"The proband's {d} recurred {m} months after autologous transplant, and {sex[2]} father carried the same germline TP53 variant.",
         [L("individual_records", "case", "proband")]),
        (f"P{rng.randint(1, 40):02d} | {'M' if sex[0] == 'boy' else 'F'} | {a} | {d} | CR1 | alive at {m} mo",
         [L("individual_records", "case", "row")]),
        (f"Figure 3. Axial T2-weighted MRI of a {a}-year-old {sex[0]} showing the lesion before and after two cycles.",
         [L("individual_records", "case", "figure")]),
        (f"In our patient, the {d} was refractory to second-line therapy and {sex[0] == 'girl' and 'she' or 'he'} was transferred to palliative care.",
         [L("individual_records", "case", "our patient")]),
        (f"An infant {sex[0]} born at 32 weeks was found to have a congenital {d} on a routine ultrasound.",
         [L("individual_records", "case", "infant")]),
    ]


def t_county():
    c, st = county()
    return [
        (f"Incidence was highest in {c}, {st} (SIR 1.84).", [L("geography", "county", c)]),
        (f"A suspected cluster of neuroblastoma in {c} prompted the investigation.", [L("geography", "county", c)]),
        (f"Cases resident in {c} were excluded because the county changed registry reporting in 2012.",
         [L("geography", "county", c)]),
        (f"| {c} | {STATES.get(st, st)} | {big()} |", [L("geography", "county", c)]),
        (f"The two rural counties (including {c}) had no paediatric oncologist.", [L("geography", "county", c)]),
        (f"County of residence at diagnosis — {c.upper()}", [L("geography", "county", c)]),
    ]


def t_city():
    c, st = city()
    return [
        (f"All {rng.randint(11, 60)} cases from {c}, {st} were reviewed for clustering.", [L("geography", "city", c)]),
        (f"Children living within the city of {c} had higher benzene exposure estimates.", [L("geography", "city", c)]),
        (f"The patient had moved to {c} from a neighbouring state six months before diagnosis.",
         [L("geography", "city", c), L("individual_records", "case", "patient", True)]),
        (f"Residence at diagnosis: {c}, {STATES.get(st, st)}", [L("geography", "city", c)]),
        (f"We mapped excess leukaemia around the petrochemical plant in {c}.", [L("geography", "city", c)]),
    ]


def t_zip():
    z = zipc()
    return [
        (f"Residence was assigned by ZIP code; cases were concentrated in {z}.", [L("geography", "zip", z)]),
        (f"ZIP {z} contributed the largest share of rural cases.", [L("geography", "zip", z)]),
        (f"zip_code == '{z}' was recoded to the neighbouring area before release", [L("geography", "zip", z)]),
        (f"The family's postal code ({z}) lies downwind of the incinerator.", [L("geography", "zip", z)]),
        (f"Table S4 row: ZIP {z}, 13 cases, SIR 2.1", [L("geography", "zip", z)]),
    ]


def t_tract():
    t = tract()
    g = f"{rng.randint(10, 56):02d}{rng.randint(1, 199):03d}{rng.randint(100, 980000):06d}"
    return [
        (f"Census tract {t} had the highest area deprivation index among case residences.",
         [L("geography", "tract", t)]),
        (f"The cluster centred on tract {t}.", [L("geography", "tract", t)]),
        (f"GEOID {g}: 4 cases / 2,311 children", [L("geography", "tract", g), L("small_cell", "count", "4")]),
        (f"She lived in census tract {t}, where 41% of households were below the poverty line.",
         [L("geography", "tract", t), L("individual_records", "case", "she", True)]),
    ]


def t_coords():
    c = coords()
    return [
        (f"The geocoded residence of case 12 was {c}.",
         [L("geography", "coordinates", c), L("individual_records", "case", "case 12", True)]),
        (f"Well W-7 at {c} exceeded the nitrate limit; the nearest case lived 300 m away.",
         [L("geography", "coordinates", c)]),
        (f"Point of diagnosis residence: {c}", [L("geography", "coordinates", c)]),
        (f"% centroid for the map inset: {c} — is this too precise?", [L("geography", "coordinates", c)]),
    ]


def t_registry():
    r = rng.choice(REGISTRIES)
    R = r[0].upper() + r[1:]
    return [
        (f"Cases were identified through {r}.", [L("geography", "registry", r)]),
        (f"{R} supplied cases diagnosed in 2004–2019.", [L("geography", "registry", r)]),
        (f"Data were obtained from {r} under a data use agreement.", [L("geography", "registry", r)]),
        (f"Survival in {r} was lower than the national estimate.", [L("geography", "registry", r)]),
        (f"Linkage with {r} identified additional adolescent cases missed by hospital records.",
         [L("geography", "registry", r)]),
    ]


def t_facility():
    f, c = facility()
    fl = fac_labels(f, c)
    return [
        (f"All patients were treated at {f} between 2005 and 2018.", fl),
        (f"Pathology slides were retrieved from {f}.", fl),
        (f"Electronic health records were extracted from {f}'s Epic system.", fl),
        (f"She was referred from {f} with a presumptive diagnosis of osteomyelitis.",
         fl + [L("individual_records", "case", "she", True)]),
        (f"Source of cases: {f} oncology clinic (n = {big()})", fl),
        (f"Karyotyping was performed by {f}.", fl),
    ]


def t_facility_back():
    f, c = facility()
    fl = fac_labels(f, c)
    return [
        (f"We thank the tumour registrars at {f} for abstracting the charts.", fl),
        (f"Data for this study were provided by {f}; the interpretations are the authors' own.", fl),
    ]


def t_physician():
    d = doctor()
    m = doctor_md()
    return [
        (f"All bone-marrow aspirates were read by {d}.", [L("data_source", "physician", d),
                                                          L("identifier", "person", d, True)]),
        (f"Referring physician: {m}", [L("data_source", "physician", m), L("identifier", "person", m, True)]),
        (f"The patient was followed in {d}'s late-effects clinic until age 21.",
         [L("data_source", "physician", d), L("identifier", "person", d, True),
          L("individual_records", "case", "patient", True)]),
        (f"Treating oncologist {m} provided outcome data for the 2011–2014 cases.",
         [L("data_source", "physician", m), L("identifier", "person", m, True)]),
        (f"Attending: {d} (paediatric haematology)", [L("data_source", "physician", d),
                                                       L("identifier", "person", d, True)]),
    ]


def t_npi():
    n = npi_valid()
    assert npi_ok(n), n
    return [
        (f"Claims were restricted to rendering provider NPI {n}.", [L("data_source", "npi", n)]),
        (f"prov_npi = {n}", [L("data_source", "npi", n)]),
        (f"The ordering provider (NPI: {n}) accounted for most of the MRI referrals.",
         [L("data_source", "npi", n)]),
        (f"| {n} | radiation oncology | {big()} claims |", [L("data_source", "npi", n)]),
    ]


LEAKING = [  # (template, how many, part)
    (t_person, 18, "body"), (t_mrn, 14, "body"), (t_ssn, 9, "body"), (t_phone, 11, "body"),
    (t_email, 11, "body"), (t_address, 11, "body"), (t_date, 16, "body"), (t_dob, 5, "body"),
    (t_age, 13, "body"), (t_count, 30, "body"), (t_case, 22, "body"), (t_county, 14, "body"),
    (t_city, 13, "body"), (t_zip, 11, "body"), (t_tract, 9, "body"), (t_coords, 9, "body"),
    (t_registry, 13, "body"), (t_facility, 15, "body"), (t_facility_back, 4, "back"),
    (t_physician, 13, "body"), (t_npi, 9, "body"),
]

# --------------------------------------------------------------------------- clean sentences


def clean_front() -> tuple[list[dict], list[str]]:
    authors = [person() for _ in range(5)]
    a0 = authors[0]
    c1, s1 = city()
    rows = [
        "Neighbourhood deprivation and survival after childhood acute lymphoblastic leukaemia: a population-based cohort study, 2000–2019",
        f"{authors[0]}, MD, MPH1,2; {authors[1]}, PhD3; {authors[2]}, MSc1; {authors[3]}, MD3; {authors[4]}, DrPH2",
        f"1 Division of Pediatric Hematology/Oncology, {c1} Children's Hospital, {c1}, {s1}",
        "2 Department of Epidemiology, Rollins School of Public Health, Emory University, Atlanta, GA, USA",
        "3 Hopp Children's Cancer Center Heidelberg (KiTZ), Heidelberg, Germany",
        f"Correspondence: {a0}, MD, MPH, Department of Pediatrics, {fake.street_address()}, {c1}, {s1} {zipc()}; "
        f"tel {phone()}; {a0.split()[0].lower()}.{a0.split()[1].lower()}@{c1.lower().replace(' ', '')}childrens.org",
        f"ORCID: {authors[1]} https://orcid.org/0000-0002-{rng.randint(1000, 9999)}-{rng.randint(100, 999)}X",
        "Running title: Deprivation and ALL survival",
        "Word count: abstract 248; main text 3,412; 4 tables; 2 figures; 41 references",
        "Key words: childhood cancer; SEER; socioeconomic status; Yost index; health disparities",
        "Received 14 March 2024; revised 2 August 2024; accepted 19 August 2024",
        "Conflict of interest statement: the authors declare no potential conflicts of interest.",
        f"Present address of {authors[3]}: Department of Oncology, University of Cambridge, Cambridge, UK",
        "What is already known: children from deprived areas have worse outcomes in some, but not all, healthcare systems.",
    ]
    records = [{"text": t, "labels": [], "source": f"clean-front-{i + 1:02d}", "part": "front"}
               for i, t in enumerate(rows)]
    records[1]["authors"] = authors
    return records, authors


CLEAN_BODY = [
    # periods, ages, top coding, thresholds
    "We included all children aged 0–19 years diagnosed with a first primary malignancy between 1 January 2000 and 31 December 2019.",
    "Ages were top-coded at 90+ in the public-use file, so adult comparisons used the 85+ band.",
    "Cells with fewer than 10 cases were suppressed in accordance with NPCR and SEER data-use rules.",
    "Counts of 1–9 are shown as '<10' and the complementary cells were also suppressed.",
    "Rates are per 1,000,000 person-years and age-adjusted to the 2000 US standard population (19 age groups; Census P25-1130).",
    "Incidence rates per 100,000 were computed in SEER*Stat version 8.4.3 (Information Management Services, Inc.).",
    "Five-year relative survival was 86.4% (95% CI 85.9–86.9) overall.",
    "The hazard ratio for the most deprived quintile was 1.42 (1.10, 1.83) after adjustment for age and sex.",
    "Median age at diagnosis was 6 years (IQR 3–12); 54.1% were male.",
    "Data were extracted on 15 June 2023 from the November 2022 SEER submission (SEER 22 registries).",
    "The protocol was approved on 3 May 2016 by the institutional review board, which waived consent.",
    "The study period was divided into 2000–2006, 2007–2013 and 2014–2019 to examine trends.",
    "Children aged 1–4 years had the highest incidence of ALL (APC 0.8%; 95% CI 0.4–1.2).",
    "Mortality data came from CDC WONDER (underlying cause of death, 1999–2020), which suppresses counts below 10.",
    "Adolescents and young adults (AYAs) were defined as those aged 15–39 years at diagnosis.",
    "Tumours were classified with the International Classification of Childhood Cancer, third edition (ICCC-3).",
    "Race and ethnicity were categorised as non-Hispanic White, non-Hispanic Black, Hispanic, Asian/Pacific Islander and American Indian/Alaska Native.",
    "Joinpoint Regression Program 5.0.2 was used to estimate annual percent changes, allowing up to 3 joinpoints.",
    "Analyses were run in R 4.3.1 (survival, ggplot2) and Stata/MP 17.0.",
    "All P values are two-sided, and P < .05 was considered statistically significant.",
    "Overall, 12,418 children were eligible, of whom 11,902 (95.8%) had complete follow-up.",
    "Among the 4 tumour groups examined, only CNS tumours showed a significant trend.",
    "The cohort included 38 infants with KMT2A-rearranged ALL, a subgroup with poor prognosis.",
    "Survival differences by sex were small (HR 1.04; 95% CI 0.97–1.12).",
    "We excluded cases identified by death certificate or autopsy only (0.4%).",
    "Images from The Cancer Imaging Archive (TCIA) were used under the TCIA data usage policy.",
    "The NCCR*Explorer interface was used to cross-check incidence by diagnostic group.",
    "Population denominators were obtained from the SEER bridged-race population estimates.",
    "The area deprivation index (ADI) was linked at the census-tract level and categorised into quintiles.",
    "Census tract-level poverty (ACS 2015–2019) was classified as <5%, 5–9.9%, 10–19.9% and ≥20%.",
    "ZIP-code-level data were aggregated to the county before any analysis, and no geography below the state is reported.",
    "Rurality was defined with the 2013 Rural-Urban Continuum Codes (RUCC 4–9 = nonmetropolitan).",
    "The Yost index, a composite of seven census variables, was provided by the registries as quintiles.",
    "State-level estimates are reported only where the underlying count exceeded 15.",
    "Spatial scan statistics (SaTScan 10.1, Kulldorff's Poisson model) were applied to county-level counts.",
    # eponyms, genes, syndromes
    "Wilms tumour, Ewing sarcoma and Hodgkin lymphoma were analysed separately.",
    "Patients with Down syndrome, Li-Fraumeni syndrome or neurofibromatosis type 1 were flagged as predisposed.",
    "Beckwith–Wiedemann spectrum was present in a minority of hepatoblastoma cases.",
    "Survival curves were estimated by the Kaplan–Meier method and compared with the log-rank test.",
    "Associations were assessed with Fisher's exact test and Cox proportional hazards models.",
    "Burkitt lymphoma incidence was stable, whereas Hodgkin lymphoma declined among adolescents.",
    "TP53, NRAS, KRAS and PTPN11 variants were called with GATK Mutect2.",
    "Hyperdiploid and ETV6-RUNX1-positive ALL together made up most B-ALL cases.",
    "Langerhans cell histiocytosis was not reportable before 2010 and was excluded.",
    "Small cell carcinoma of the ovary, hypercalcaemic type, is driven by SMARCA4 loss.",
    "Kasabach–Merritt phenomenon was reviewed as a potential misclassification.",
    "Standardised incidence ratios used the Breslow–Day approach for confidence intervals.",
    "The Charlson comorbidity index was not applicable to paediatric patients.",
    "Lansky and Karnofsky performance scores were harmonised to a single scale.",
    "Cumulative incidence of second neoplasms was estimated with Gray's test, treating death as a competing risk.",
    "Propensity scores were estimated with logistic regression and matched 1:1 with a caliper of 0.2 SD.",
    "Multiple imputation by chained equations (m = 20) handled missing stage.",
    "Treatment followed Children's Oncology Group (COG) protocols AALL0232 and AALL0932.",
    "European patients were treated on AIEOP-BFM ALL 2009, UKALL2011 or NOPHO ALL2008.",
    "Eligibility mirrored the St. Jude Total Therapy XVI criteria.",
    "The SIOP-RTSG UMBRELLA protocol defines risk groups for renal tumours.",
    "Toxicities were graded with CTCAE version 5.0.",
    "Response was assessed by RECIST 1.1 and, for neuroblastoma, the revised INRC.",
    "As in previous work by Pui et al. and by Hunger and Mullighan, relapse risk fell over time.",
    "Our findings agree with Siegel and colleagues, who reported a plateau in childhood cancer incidence.",
    "Stiller's classification of childhood cancers was used for historical comparison.",
    "Following Steliarova-Foucher et al., we restricted to malignant tumours plus non-malignant CNS tumours.",
    "Gene-level counts were normalised with DESeq2 (Love, Huber and Anders, 2014).",
    "MRD was measured by flow cytometry at the end of induction (day 29).",
    "Cardiomyopathy was defined as an ejection fraction below 50% or shortening fraction below 28%.",
    "The cumulative anthracycline dose exceeded 250 mg/m2 in 17% of survivors.",
    "Stage 4 neuroblastoma and MYCN amplification defined the high-risk group.",
    "Grade 3 or higher infections occurred in 22.6% of courses.",
    "Chromosome 7 monosomy was more frequent in therapy-related myeloid neoplasms.",
    "Table 2 shows the distribution by ICCC group, sex and age band (0, 1–4, 5–9, 10–14, 15–19 years).",
    "Figure 1. Age-adjusted incidence of leukaemia, 2000–2019, by race and ethnicity; shaded areas are 95% CIs.",
    "Figure 2 (A, B): Kaplan–Meier survival by deprivation quintile; numbers at risk are shown below.",
    "Supplementary Table S3 lists the ICD-O-3 histology codes included in each group.",
    "| Age group | Cases | Rate per 100,000 | 95% CI |",
    "| 15–19 | 2,514 | 23.4 | 22.5–24.3 |",
    "| All ages | 18,903 | 17.8 | 17.5–18.1 |",
    "| Suppressed | <10 | — | — |",
    "% TODO: rerun Table 3 with the 2023 population estimates before resubmission",
    "<!-- Figure 4 caption needs the colour-blind palette note -->",
    "Response to Reviewer 1, comment 3: we have added the sensitivity analysis excluding the 2020 pandemic year.",
    "Response to Reviewer 2: we agree that small numbers limit the AI/AN estimates and now present them only in aggregate.",
    "We thank the reviewer for this suggestion; the revised Table 2 now reports rates rather than counts.",
    "ABSTRACT — BACKGROUND: Socioeconomic disparities in childhood cancer survival persist.",
    "METHODS: Population-based cohort from 22 SEER registries, 2000–2019.",
    "RESULTS: Five-year survival differed by 6.1 percentage points between extreme quintiles.",
    "CONCLUSIONS: Area deprivation is associated with inferior survival in paediatric ALL.",
    "Limitations include the lack of individual-level income and treatment data in SEER.",
    "Registry data do not capture relapse, which we inferred from later treatment only in the linked subset.",
    "Patients were followed until death, loss to follow-up or 31 December 2020, whichever came first.",
    "Survival time was computed in months from diagnosis to death or last contact.",
    "Unknown stage accounted for 7.3% of solid tumours and was retained as a separate category.",
    "Tumours were grouped by WHO CNS5 (2021) categories.",
    "Sex-specific rates were similar (rate ratio 1.18 for boys; 95% CI 1.14–1.22).",
    "The excess in boys was seen across all ages but was largest for 15–19-year-olds.",
    "Infants under 1 year accounted for 6.2% of cases.",
    "The mean follow-up was 8.7 years (SD 5.1).",
    "The NPI file was not linked; provider characteristics were unavailable.",
    "Medicaid enrolment was ascertained from the Medicaid Analytic eXtract for 2006–2014.",
    "Hospital volume was defined as the number of new paediatric oncology cases per year, in tertiles.",
    "A p-value for interaction of 0.03 suggested effect modification by age group.",
    "Smoothed maps use the Bayesian BYM2 model fitted with R-INLA.",
    "Beta coefficients ranged from −0.13 to 0.97 across models.",
    "Cluster robust SEs were used (β = 0.42; 95% CI, −0.13 to 0.97).",
    "Cohort members were matched to the National Death Index through 2021.",
    "Data availability: SEER data are available at https://seer.cancer.gov/data/ after signing the SEER research data agreement.",
    "The analysis code is available at https://github.com/epi-lab/ped-all-adi (doi:10.5281/zenodo.8123456).",
    "Raw sequencing data have been deposited in dbGaP under accession phs000218.v24.p8.",
    "Imaging data are available from TCIA (https://doi.org/10.7937/K9/TCIA.2016.8SP3VF1E).",
    "See https://www.cdc.gov/cancer/uscs/ for the U.S. Cancer Statistics public use database.",
    "ClinicalTrials.gov identifier NCT01190930.",
    "This report follows the STROBE and RECORD guidelines.",
    "Consistent with the 2018 CDC guidance, counts below 16 were also checked for complementary disclosure.",
    "Approximately 15,000 children and adolescents are diagnosed with cancer each year in the United States.",
    "Nationally, leukaemia accounts for about 28% of cancers in children younger than 15 years.",
    "Comparisons with England used the National Cancer Registration and Analysis Service published tables.",
    "Rates in Europe were taken from the ACCIS and the IICC-3 compendium.",
    "The Childhood Cancer Survivor Study (CCSS) provides comparable late-effects estimates.",
    "Hereditary retinoblastoma (RB1) carries a lifelong risk of osteosarcoma.",
    "Dose–response was evaluated in 5 Gy increments of cardiac radiation.",
    "Dexrazoxane use increased after 2012 in COG trials.",
    "CAR T-cell therapy (tisagenlecleucel) was approved in 2017 for relapsed B-ALL up to age 25.",
    "Blinatumomab improved disease-free survival in the AALL1331 trial.",
    "Interrater agreement for stage abstraction was substantial (κ = 0.78).",
    "Sensitivity analyses restricted to microscopically confirmed cases gave similar results.",
    "Death certificates coded C91.0 were compared with registry histology.",
    "We used ICD-10 codes C00–C97 and D32–D33 for mortality analyses.",
    "Adjusted models included age, sex, race and ethnicity, diagnosis year and rurality.",
    "Children whose cancer was diagnosed at age 18 or 19 were analysed as adolescents.",
    "Three sensitivity analyses were prespecified.",
    "Two-thirds of relapses occurred within 3 years of diagnosis.",
    "Pairwise comparisons used Bonferroni correction across 6 tests.",
    "The Hodgkin–Reed–Sternberg cells were CD30-positive in all reviewed specimens.",
    "Bland–Altman plots compared registry and chart ages.",
    "Missing data patterns are shown in eFigure 2.",
    "The number needed to treat was 9 (95% CI 6–21).",
    "Participation was 71% among those invited (n = 1,432).",
    "Sample size: 80% power to detect an HR of 1.25 with α = 0.05.",
    "The 95th percentile of travel time was 184 minutes.",
    "Model fit was checked with Schoenfeld residuals; the proportional hazards assumption held.",
]

CLEAN_BACK = [
    "Funding: This work was supported by the National Cancer Institute (grant R01 CA245678 and P30 CA021765) and by Alex's Lemonade Stand Foundation.",
    "Support also came from the St. Baldrick's Foundation and Cancer Research UK (C18281/A29019).",
    "The funders had no role in study design, data collection, analysis, interpretation or the decision to publish.",
    "Acknowledgements: We thank Maria Hernandez for statistical advice and Kevin O'Brien for help with the figures.",
    "We are grateful to the patients and families who make childhood cancer research possible.",
    "The collection of cancer incidence data was supported by the NCI SEER Program and the CDC NPCR.",
    "The ideas and opinions expressed herein are those of the authors, and no endorsement by the funders is intended or should be inferred.",
    "Author contributions: conceptualisation, A.B. and C.D.; formal analysis, E.F.; writing, all authors.",
    "Parts of this work were presented at the ASCO Annual Meeting, Chicago, IL, June 2023.",
    "Disclosures: one author has received consulting fees from Jazz Pharmaceuticals; the others report none.",
    "Data sharing: requests should be directed to the corresponding author and will require approval by the SEER programme.",
    "Ethics approval was granted by the Research Ethics Committee (reference 19/LO/1234).",
    "This study used the Surveillance, Epidemiology, and End Results (SEER) Research Plus data, released April 2023.",
    "Editorial assistance was provided by the Office of Scientific Writing; no medical writer was paid.",
    "AI tools were not used to write this manuscript.",
    "Open access funding was provided by the university library.",
    "The authors thank the Children's Oncology Group statistics and data centre staff.",
    "Preprint: medRxiv 2023.11.04.23298112.",
]

CLEAN_REFS = [
    "1. Siegel RL, Giaquinto AN, Jemal A. Cancer statistics, 2024. CA Cancer J Clin. 2024;74(1):12-49. doi:10.3322/caac.21820",
    "2. Steliarova-Foucher E, Stiller C, Lacour B, Kaatsch P. International Classification of Childhood Cancer, third edition. Cancer. 2005;103(7):1457-1467.",
    "3. Hunger SP, Mullighan CG. Acute lymphoblastic leukemia in children. N Engl J Med. 2015;373(16):1541-1552.",
    "4. Pui CH, Yang JJ, Hunger SP, et al. Childhood acute lymphoblastic leukemia: progress through collaboration. J Clin Oncol. 2015;33(27):2938-2948.",
    "5. Yost K, Perkins C, Cohen R, Morris C, Wright W. Socioeconomic status and breast cancer incidence in California for different race/ethnic groups. Cancer Causes Control. 2001;12(8):703-711.",
    "6. Kulldorff M. A spatial scan statistic. Commun Stat Theory Methods. 1997;26(6):1481-1496.",
    "7. Surveillance Research Program, National Cancer Institute. SEER*Stat software version 8.4.3. https://seer.cancer.gov/seerstat",
    "8. Kind AJH, Buckingham WR. Making neighborhood-disadvantage metrics accessible — the Neighborhood Atlas. N Engl J Med. 2018;378(26):2456-2458.",
    "9. Pizzo PA, Poplack DG, eds. Principles and Practice of Pediatric Oncology. 7th ed. Philadelphia: Wolters Kluwer; 2015. ISBN 1496319869.",
    "10. Love MI, Huber W, Anders S. Moderated estimation of fold change and dispersion for RNA-seq data with DESeq2. Genome Biol. 2014;15(12):550.",
    "11. Ward E, DeSantis C, Robbins A, Kohler B, Jemal A. Childhood and adolescent cancer statistics, 2014. CA Cancer J Clin. 2014;64(2):83-103.",
    "12. Lupo PJ, Spector LG. Cancer progress and priorities: childhood cancer. Cancer Epidemiol Biomarkers Prev. 2020;29(6):1081-1094.",
    "13. Armstrong GT, Chen Y, Yasui Y, et al. Reduction in late mortality among 5-year survivors of childhood cancer. N Engl J Med. 2016;374(9):833-842.",
    "14. Kaplan EL, Meier P. Nonparametric estimation from incomplete observations. J Am Stat Assoc. 1958;53(282):457-481.",
    "15. R Core Team. R: A Language and Environment for Statistical Computing. Vienna, Austria: R Foundation for Statistical Computing; 2023.",
    "16. Clark K, Vendt B, Smith K, et al. The Cancer Imaging Archive (TCIA): maintaining and operating a public information repository. J Digit Imaging. 2013;26(6):1045-1057.",
    "17. National Childhood Cancer Registry Explorer. Bethesda, MD: National Cancer Institute; 2023. https://nccrexplorer.ccdi.cancer.gov",
    "18. Kehm RD, Spector LG, Poynter JN, Vock DM, Altekruse SF, Osypuk TL. Does socioeconomic status account for racial and ethnic disparities in childhood cancer survival? Cancer. 2018;124(20):4090-4097.",
    "19. Fine JP, Gray RJ. A proportional hazards model for the subdistribution of a competing risk. J Am Stat Assoc. 1999;94(446):496-509.",
    "20. Gupta S, Dai Y, Chen Z, et al. Racial and ethnic disparities in childhood and young adult acute lymphocytic leukaemia. Lancet Haematol. 2023;10(2):e129-e141.",
]


# --------------------------------------------------------------------------- assembly

def main() -> None:
    front, _ = clean_front()
    body: list[dict] = []
    seen: set[str] = set()
    back: list[dict] = []
    for template, n, part in LEAKING:
        for i in range(n):
            text, labels = [None, None]
            while text is None or text in seen:  # no sentence twice
                variants = template()
                text, labels = variants[i % len(variants)]
            seen.add(text)
            for label in labels:  # the value as the sentence writes it (case, "Last, First")
                v = label["value"]
                if v not in text and " " in v and f"{v.split()[-1]}, {' '.join(v.split()[:-1])}" in text:
                    label["value"] = f"{v.split()[-1]}, {' '.join(v.split()[:-1])}"
                elif v not in text and v.lower() in text.lower():
                    at = text.lower().index(v.lower())
                    label["value"] = text[at:at + len(v)]
            record = {"text": text, "labels": labels, "source": f"{template.__name__[2:]}-{i + 1:02d}", "part": part}
            (back if part == "back" else body).append(record)
    clean_body = CLEAN_BODY + [
        # a 10-digit number whose NPI check digit is wrong: not an NPI
        f"Asparaginase lot {npi_invalid()} was recalled in 2019, and courses from that lot were analysed separately.",
    ]
    body += [{"text": t, "labels": [], "source": f"clean-body-{i + 1:03d}", "part": "body"}
             for i, t in enumerate(clean_body)]
    rng.shuffle(body)
    back += [{"text": t, "labels": [], "source": f"clean-back-{i + 1:02d}", "part": "back"}
             for i, t in enumerate(CLEAN_BACK)]
    rng.shuffle(back)
    refs = [{"text": t, "labels": [], "source": f"clean-ref-{i + 1:02d}", "part": "references"}
            for i, t in enumerate(CLEAN_REFS)]
    records = front + body + back + refs
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    leaking = sum(1 for r in records if any(not l["optional"] for l in r["labels"]))
    clean = sum(1 for r in records if not r["labels"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(records)} sentences, {leaking} leaking, {clean} clean")


if __name__ == "__main__":
    main()
