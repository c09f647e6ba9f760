"""Which columns and rows of a table hold counts.

A number is a count because of where it sits: under "Deaths" or "n", in a column of whole
numbers beside the row labels. It is not a count under "Crude Rate", "Average Annual
Count", "FIPS" or "CI*Rank", in a column of fractions, in the pandas index, or in a row
labelled "mean (SD)". Headers that name categories ("Female", "Stage IV", "2019") say
nothing either way; their values decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from enum import Enum

from outscan.documents import Table
from outscan.masking import caret_name, date_value, looks_like_a_name, person_names, worded_date
from outscan.tables.cells import CellKind, parse_cell


class Role(Enum):
    LABEL = "label"  # row labels, codes, identifiers, the index
    COUNT = "count"
    MEASURE = "measure"  # rates, percentages, means, intervals, years, ranks ...


@dataclass(frozen=True)
class ColumnProfile:
    role: Role
    reason: str
    is_index: bool = False  # a running index names no category, so it is left out of row labels
    # Names a person or record (name, MRN, date of birth ...): never repeated into a report.
    is_identifier: bool = False
    # Names a person, not only a record or a place (a "Hospital ID", a ZIP code): the rows are people.
    is_person: bool = False


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])", re.I)


# Headers that say the column's numbers are not counts, with the reason shown in docs.
_MEASURE_HEADER = (
    ("rates and ratios", _words(r"rates?", r"ratios?", r"per\s*[\d,.]+\s*\w*", r"incidence rate", r"odds",
                                r"hazard")),
    # Abbreviations that are also words ("or") count only in capitals.
    ("rates and ratios", re.compile(r"(?<![A-Za-z0-9])(?:OR|HR|RR|IRR|SIR|SMR|aOR|aHR)(?![A-Za-z0-9])")),
    ("percentages", _words(r"percent(?:age)?s?", r"pct", r"%", r"proportions?", r"shares?", r"distribution",
                           r"prevalence", r"fraction")),
    ("summary statistics", _words(r"mean", r"averages?", r"avg", r"median", r"sd", r"s\.d\.", r"std",
                                  r"standard (?:deviation|error)", r"se", r"sem", r"iqr", r"interquartile",
                                  r"min(?:imum)?", r"max(?:imum)?", r"variance", r"quantile", r"percentile")),
    ("intervals and tests", _words(r"ci", r"confidence", r"lower", r"upper", r"lcl", r"ucl", r"lci", r"uci",
                                   r"p", r"p[-_ ]?values?", r"pval", r"significance", r"sig\.?", r"z", r"t",
                                   r"chi[-_ ]?sq(?:uare)?", r"statistic", r"estimate", r"coef(?:ficient)?",
                                   r"beta", r"aapc", r"apc", r"trend", r"change")),
    ("dates and years", _words(r"years?", r"yr", r"dates?", r"month", r"quarter")),
    ("codes and identifiers", _words(r"ids?", r"identifier", r"codes?", r"fips", r"zip(?:code)?", r"postcode",
                                     r"icd(?:-?\d+)?", r"index", r"idx", r"ranks?", r"order", r"seq",
                                     r"unnamed", r"#")),
    ("scores and measurements", _words(r"scores?", r"weight", r"height", r"bmi", r"dose", r"duration",
                                       r"length of stay", r"los", r"age at", r"mean age", r"survival",
                                       r"time to", r"follow[- ]up")),
    # A unit in brackets: "Survival (months)", "Dose (mg)".
    ("measurements with a unit", re.compile(
        r"[(\[]\s*(?:months?|years?|yrs|days?|weeks?|hours?|minutes?|mg|g|kg|cm|mm|ml|mmol/l|mg/dl|kg/m2|%)\s*[)\]]",
        re.I)),
)
_COUNT_HEADER = _words(
    r"n", r"no\.", r"num(?:ber)?", r"counts?", r"cases", r"deaths", r"patients", r"persons", r"people",
    r"individuals", r"subjects", r"participants", r"events", r"births", r"admissions", r"discharges",
    r"visits", r"freq(?:uency)?", r"total", r"population", r"pop", r"denominator", r"numerator",
    r"respondents", r"children", r"women", r"men", r"beneficiaries", r"n\s*=\s*[\d,]+",
)
# Row labels that make the row's numbers summaries, not counts ("Age, mean (SD)").
_MEASURE_ROW = _words(
    r"mean", r"average", r"median", r"sd", r"std", r"standard deviation", r"iqr", r"interquartile",
    r"range", r"rates?", r"ratios?", r"percent(?:age)?", r"%", r"proportion", r"p[-_ ]?values?",
    r"scores?", r"bmi", r"follow[- ]up", r"duration", r"length of stay", r"per\s*[\d,.]+",
    r"min(?:imum)?", r"max(?:imum)?", r"ci", r"confidence interval",
)
# A row label ending in a unit ("Age at diagnosis, years") names a measurement.
_UNIT_ROW = re.compile(r"[,(]\s*(?:years|yrs|months|days|weeks|hours|mg|kg|cm)\s*\)?\s*$", re.I)

_NON_TEXT = {CellKind.EMPTY, CellKind.SUPPRESSED, CellKind.FLAG}
# Headers of a person's identifiers. A bare "Name" is one only as the whole header: a
# "County Name", "State Name" or "Hospital name" names a place or an institution.
_PERSON_HEADER = _words(
    r"(?:patient|person|first|last|family|given|full|sur|fore)\s*names?", r"^\s*names?\s*$",
    r"names? of (?:the )?(?:patient|person|client|subject|participant|respondent)", r"surname", r"patient",
    r"mrn", r"medical record(?: number)?", r"record (?:number|no\.?|id)", r"ssn", r"social security", r"dob",
    r"date of birth", r"birth ?date", r"address", r"street", r"phone", r"telephone", r"e-?mail", r"npi",
    r"accession", r"subject", r"respondent", r"born", r"case (?:id|no\.?|number)", r"d\.o\.b\.?", r"forenames?",
    r"(?:hosp(?:ital)?|nhs|chart|client|patient|case)\.? ?(?:no\.?|number|#)",
)
# Identifiers of a record or a place: not printed, but they do not make the rows people.
_RECORD_HEADER = _words(r"ids?", r"identifier", r"zip(?: ?code)?", r"post ?code")
# Headers that are a categorical variable's name (not a category: "Stage" but not "Stage IV").
_CATEGORY_VARIABLE = re.compile(
    r"(?:(?:tumou?r |ajcc |seer |summary )?(?:stage|grade|behaviou?r|sex|gender|race|ethnicity|region|site|"
    r"histology|laterality|quintile|decile|tertile|quartile|imd|arm|cohort|group|category|class|type|level|"
    r"cluster|strat(?:um|a))(?:[ _](?:code|group|cat(?:egory)?))?)",
    re.I,
)


def header_says(header: str) -> ColumnProfile | None:
    """What a header alone says about its column, if anything."""
    text = header.strip()
    if not text:
        return None
    for reason, pattern in _MEASURE_HEADER:
        if pattern.search(text):
            return ColumnProfile(Role.MEASURE, f"header names {reason}")
    if _COUNT_HEADER.search(text):
        return ColumnProfile(Role.COUNT, "header names a count")
    return None


def _is_sequence(values: list[float], pandas_index: bool = False) -> bool:
    """0,1,2,... or 1,2,3,...: an index or an ordinal label, not a set of counts.

    A pandas index starts at 0 and may be short; otherwise three steps are needed before
    a run of counts is taken for a sequence.
    """
    if not values or values != [values[0] + i for i in range(len(values))]:
        return False
    if pandas_index and values[0] == 0:
        return True
    return len(values) >= 3 and values[0] in (0, 1)


def column_profiles(table: Table) -> list[ColumnProfile]:
    """Column roles, worked out once per table and shared by every check."""
    profiles = table.derived.get("column_profiles")
    if profiles is None:
        profiles = table.derived["column_profiles"] = profile_columns(table)
    return profiles


def profile_columns(table: Table) -> list[ColumnProfile]:
    profiles: list[ColumnProfile] = []
    in_stub = True  # the leading label columns, before the first column of values
    personal = False  # a column of dates that differ row by row, or of names: the rows are people
    for column in range(table.width):
        header = table.header[column] if column < len(table.header) else ""
        texts = list(table.column_values(column))
        cells = [parse_cell(v) for v in texts]
        has_labels = any(p.role is Role.LABEL and not p.is_index for p in profiles)
        profile = _profile(header, cells, in_stub, has_labels)
        names_people = profile.role is Role.LABEL and (_personal_dates(texts, cells) or _person_names(texts)
                                                       or bool(_PERSON_ID_HEADER.search(header)))
        personal |= names_people
        names_a_person = names_people or bool(_PERSON_HEADER.search(header))
        if profile.role is Role.LABEL and (names_a_person or _RECORD_HEADER.search(header)):
            profile = ColumnProfile(Role.LABEL, "identifies a person or record", is_identifier=True,
                                    is_person=names_a_person)
        profiles.append(profile)
        in_stub = in_stub and profile.role is Role.LABEL
    if personal:
        # Rows that carry a person's dates name a person: none of their labels goes into a report.
        profiles = [ColumnProfile(p.role, "identifies a person or record", is_identifier=True, is_person=True)
                    if p.role is Role.LABEL and not p.is_index else p for p in profiles]
    return profiles


# Headers of columns that only a table of people has (a ZIP code or an ID column does not say so).
_PERSON_ID_HEADER = _words(
    r"(?:patient|person|first|last|family|given|full|sur|fore)\s*names?", r"mrn", r"medical record(?: number)?",
    r"ssn", r"social security", r"dob", r"d\.o\.b\.?", r"date of birth", r"birth ?date",
    # A "Hospital ID" names a hospital; a "Hosp. No." is a patient's number at one.
    r"(?:nhs|chart|client|patient)\.? ?(?:no\.?|number|#|id)", r"hosp(?:ital)?\.? ?(?:no\.?|number|#)",
)


def _person_names(texts: list[str]) -> bool:
    """Most of the column reads as people's names: known ones ("Eleanor Whitfield", "Doe^John"),
    and, beside at least one of those, names only by their shape ("Chidi Okonkwo")."""
    filled = [t.strip() for t in texts if t.strip()][:200]
    known = sum(1 for t in filled if person_names(t) or caret_name(t))
    shaped = sum(1 for t in filled if looks_like_a_name(t) and not person_names(t))
    return bool(filled) and known >= 1 and known + shaped >= 0.5 * len(filled)


def _personal_dates(texts: list[str], cells: list) -> bool:
    """Exact dates that differ row by row (dates of birth, of diagnosis) belong to people;
    a report date repeated down the column does not, nor a time axis (week-ending dates)."""
    dates = [t.strip() for t, c in zip(texts, cells) if c.kind is CellKind.DATE or worded_date(t.strip())]
    return len(dates) >= 2 and len(dates) >= 0.5 * len(cells) and len(set(dates)) >= 0.5 * len(dates) \
        and not _time_axis(dates)


def _time_axis(texts: list[str]) -> bool:
    """Dates at a regular step (days, weeks, months, years), a gap or two allowed: a series' axis.

    Dates of birth fall anywhere; the days between them share no step.
    """
    return any(_evenly_spaced({date_value(t, day_first) for t in texts} - {None}) for day_first in (False, True))


def _evenly_spaced(dates: set) -> bool:
    if len(dates) < 3:
        return False
    if len({d.day for d in dates}) == 1:  # monthly or yearly: counted in months
        points = sorted(d.year * 12 + d.month for d in dates)
    else:
        points = sorted(d.toordinal() for d in dates)
    steps = [b - a for a, b in zip(points, points[1:])]
    base = min(steps)
    return all(step % base == 0 for step in steps) and steps.count(base) >= 0.8 * len(steps)


def _profile(header: str, cells: list, in_stub: bool, has_labels: bool) -> ColumnProfile:
    filled = [c for c in cells if c.kind not in _NON_TEXT]
    said = header_says(header)
    # Age bands ("0-4", "15-19") label rows as often as words do; under a count header
    # ("Admissions") a "1-10" is a suppression range instead.
    label_kinds = {CellKind.TEXT, CellKind.DATE}
    if in_stub and not (said is not None and said.role is Role.COUNT):
        label_kinds.add(CellKind.INTERVAL)
    texts = sum(1 for c in filled if c.kind in label_kinds)
    if filled and texts >= 0.5 * len(filled):
        return ColumnProfile(Role.LABEL, "holds text labels")
    # "n (%)" cells are counts whatever the header says ("No. (%)", "Cases (%)").
    if any(c.kind is CellKind.COUNT and c.form in ("n_pct", "n_of_N") for c in filled):
        return ColumnProfile(Role.COUNT, "n (%) cells")
    if said is not None and said.reason == "header names dates and years" and in_stub and not has_labels:
        return ColumnProfile(Role.LABEL, "years label the rows")  # "Year of diagnosis" down the side
    if said is not None:
        return said
    if texts and in_stub and not has_labels:
        # A table names its rows: with no label column yet, a mostly numeric column with
        # words in it ("1.0", "11.0", "Other") is the row label, holding codes.
        return ColumnProfile(Role.LABEL, "holds the row labels, as codes and words")
    if not filled:
        # Nothing but markers and blanks: a column of suppressed counts, or an empty one.
        suppressed = any(c.kind is CellKind.SUPPRESSED for c in cells)
        return ColumnProfile(Role.COUNT if suppressed else Role.LABEL, "no values")
    counts = [c.value for c in filled if c.kind is CellKind.COUNT and c.form == "plain"]
    if not header.strip() and _is_sequence(counts, pandas_index=True):
        return ColumnProfile(Role.LABEL, "an unnamed running index", is_index=True)
    if in_stub and len(counts) == len(filled) and _is_code_column(header, counts):
        return ColumnProfile(Role.LABEL, "numeric codes beside the row labels")
    kinds = {c.kind for c in filled}
    # Summary cells ("8.4 (4.1)", "8 (4-12)") sit in count columns of a Table 1; they
    # neither make nor break the column.
    scored = [c for c in filled if c.form not in ("mean_sd", "median_range")]
    if scored and len(counts) >= 0.8 * len(scored):
        # A stray decimal (a "mean" row in a Table 1 column) does not make the column a measure.
        return ColumnProfile(Role.COUNT, "whole numbers")
    if kinds <= {CellKind.CODE, CellKind.COUNT}:
        return ColumnProfile(Role.LABEL, "zero-padded codes")
    return ColumnProfile(Role.MEASURE, "holds decimals, percentages or intervals")


def _is_code_column(header: str, values: list[float]) -> bool:
    """Whole numbers that name categories (Sex 1/2, Stage 1-4, Grade), not counts of people.

    Only asked of columns left of the first column of values. A header that is exactly a
    variable's name says so; otherwise the values must run 1, 2, 3 ... in order, or repeat
    a few small codes down a long column.
    """
    if _CATEGORY_VARIABLE.fullmatch(header.strip()):
        return True
    if _is_sequence(values):
        return True
    distinct = set(values)
    return len(values) >= 6 and len(distinct) <= len(values) / 3 and max(distinct) <= 99


@lru_cache(maxsize=1 << 14)
def row_is_summary(label: str) -> bool:
    """A row whose label names a summary statistic ("Age, mean (SD)") holds no counts."""
    return bool(label) and bool(_MEASURE_ROW.search(label) or _UNIT_ROW.search(label))
