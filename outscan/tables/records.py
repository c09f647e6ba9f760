"""Whether a table is record-level data (one row per person) and how identifying its rows are.

An aggregate table names categories and counts people in them; a record-level table *is*
the people: a column that names each row (MRN, patient ID, a name, a column of unique
codes shaped like IDs), exact dates of birth, diagnosis or death, and no column of
aggregated counts, no rates, no total row. A "de-identified" extract drops the names but
keeps the quasi-identifiers (age, sex, race, ZIP3, diagnosis year, site) that, combined,
still single people out; k-anonymity over them says how well they hide each row.

Everything here reads headers and cell texts and reports column *headers* only: a value
of a record-level file never leaves this module.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from operator import itemgetter
from typing import NamedTuple

from outscan.documents import Table, TableRow, column_letter
from outscan.masking import LABEL_WIDTH
from outscan.tables.cells import CellKind, parse_cell

# Uniqueness alone says little in a handful of rows: 20 is where "every row has its own
# ID" stops being a coincidence of a short list. Two independent signals (an identifier
# column and exact dates of birth, diagnosis or death) are enough from 3 rows: a
# df.head() of a patient file.
MIN_ROWS = 20
MIN_ROWS_TWO_SIGNALS = 3
# A column of codes with more distinct values than this is not a coded variable
# (grade 1-4, stage 0-4, a 0/1 flag) but a column of counts or measurements.
_CODED_VARIABLE_VALUES = 12
_MOSTLY = 0.8


def _normalise(header: str) -> str:
    """'PatientID' -> 'patient id', 'year_of_dx' -> 'year of dx', 'Age (years)' -> 'age'."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header)  # units and footnotes in brackets
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)
    text = re.sub(r"[^0-9A-Za-z]+", " ", text)
    return " ".join(text.lower().split())


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])")


# --------------------------------------------------------------------------- vocabulary

_ID_WORD = _words(r"ids?", r"identifiers?", r"uuid", r"guid", r"mrn", r"ssn", r"social security(?: number| no)?",
                  r"medical record(?: number| no| num)?", r"accession(?: number| no)?", r"barcode",
                  r"nhs(?: number| no)?", r"chart(?: number| no)")
_PERSON_WORD = _words(r"patients?", r"pts?", r"pat", r"persons?", r"subjects?", r"participants?", r"cases?",
                      r"records?", r"individuals?", r"members?", r"beneficiar(?:y|ies)", r"enrollees?",
                      r"respondents?", r"study", r"specimens?", r"samples?", r"tumou?rs?", r"donors?", r"mothers?",
                      r"infants?", r"child")
_NUMBER_WORD = _words(r"number", r"no", r"num", r"nr", r"key", r"code")
# The person word alone names each row only when it is the whole header ("Patient", "Case").
_PERSON_ALONE = re.compile(r"(?:patient|pt|person|subject|participant|individual|case|record)s?")
_PERSON_NAME = re.compile(r"(?:(?:patient|person|subject|participant|first|last|given|family|full|middle|maiden|"
                          r"mother s|father s) )?(?:sur|fore)?names?|surname|forename")
# What an ID-like column names when it does not name a person: places, providers, codes.
_NOT_A_PERSON = _words(r"county", r"state", r"fips", r"zip\w*", r"post ?code", r"postal", r"tract", r"region",
                       r"district", r"city", r"town", r"country", r"geo\w*", r"site", r"hospital", r"facility",
                       r"clinic", r"registry", r"provider", r"practice", r"lab", r"laboratory", r"physician",
                       r"doctor", r"institution", r"center", r"centre", r"trial", r"batch", r"plate", r"variable",
                       r"item", r"question", r"icd\w*", r"cause", r"model", r"run", r"file", r"table")
# Events in a person's life whose exact date is a quasi-identifier or an identifier.
_PERSON_DATE = _words(r"birth\w*", r"dob", r"born", r"diagnos\w*", r"dx", r"death", r"died", r"dod", r"deceased",
                      r"admi\w*", r"discharg\w*", r"surg\w*", r"operat\w*", r"procedure", r"visit", r"onset",
                      r"enrol\w*", r"consent", r"last contact", r"contact", r"follow up", r"treat\w*", r"biopsy",
                      r"collect\w*", r"recurr\w*", r"progress\w*", r"vital", r"encounter", r"last seen", r"dos")
# Headers of aggregated statistics: counts of people, rates, summaries, intervals, tests.
_AGGREGATE_COUNT = _words(r"n", r"no", r"counts?", r"cases", r"deaths", r"freq\w*", r"total\w*", r"population",
                          r"pop", r"numerator", r"denominator", r"patients", r"persons", r"people", r"individuals",
                          r"subjects", r"participants", r"events", r"births", r"admissions", r"discharges",
                          r"respondents", r"beneficiaries", r"women", r"men", r"number of \w+s")
_AGGREGATE_MEASURE = _words(r"rates?", r"ratios?", r"per \d+", r"proportions?", r"mean", r"averages?", r"avg",
                            r"median", r"sd", r"std", r"standard (?:deviation|error)", r"se", r"iqr", r"ci",
                            r"confidence", r"lcl", r"ucl", r"p", r"p ?values?", r"pval", r"odds", r"hazard",
                            r"estimates?", r"values?", r"indicator", r"measure", r"metric", r"statistic",
                            r"percent(?:age)?s?", r"pct", r"distribution", r"prevalence", r"incidence",
                            r"coef\w*", r"beta", r"auc", r"auroc", r"sensitivity", r"specificity", r"accuracy")
# Per-person measurements a record file holds in numbers (not counts of people).
_PERSON_MEASURE = _words(r"age\w*", r"size", r"nodes?", r"psa", r"dose", r"score", r"bmi", r"weight", r"height",
                         r"los", r"days", r"months", r"weeks", r"years", r"time", r"survival", r"follow up",
                         r"duration", r"stage", r"grade", r"status", r"level", r"result", r"lab", r"visits")
_TOTAL_LABELS = frozenset({
    "total", "totals", "all", "overall", "subtotal", "sub total", "grand total", "all ages", "all races",
    "both sexes", "all sites", "all cancer sites", "all stages", "all persons", "all patients", "all cases",
    "total population", "sum",
})
# A value shaped like a record ID: a prefix and digits (P0001, TCGA-02-0001, SUBJ_017), a
# long run of digits (000123456), or a UUID.
_ID_VALUE = re.compile(r"(?=(?:[^0-9]*[0-9]){3})[A-Za-z0-9]+(?:[-_#.:][A-Za-z0-9]+)*")
_NOT_ID_KINDS = frozenset({CellKind.NUMBER, CellKind.PERCENT, CellKind.INTERVAL, CellKind.INEQUALITY, CellKind.DATE})
_UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")
_YEARISH = re.compile(r"(?:1[89]|20)\d\d")


class QuasiKind(Enum):
    AGE = "age"
    SEX = "sex"
    RACE = "race/ethnicity"
    GEOGRAPHY = "geography"
    EVENT_DATE = "diagnosis/event year or date"
    DIAGNOSIS = "site/histology/diagnosis"


_PERSON_KINDS = frozenset({QuasiKind.AGE, QuasiKind.SEX, QuasiKind.RACE})
# Checked in this order: "age at diagnosis" is an age, "year of diagnosis" a date, "diagnosis" a site.
_QUASI_HEADERS: tuple[tuple[QuasiKind, re.Pattern[str]], ...] = (
    (QuasiKind.AGE, _words(r"age", r"ages", r"age ?(?:band|group|grp|cat\w*|range|years?|yrs?)", r"age at \w+",
                           r"age dx", r"agegrp", r"ageband", r"agecat", r"yob", r"year of birth", r"birth ?year",
                           r"dob", r"date of birth", r"birth ?date", r"born")),
    (QuasiKind.SEX, _words(r"sex", r"gender")),
    (QuasiKind.RACE, _words(r"race", r"races", r"ethnic\w*", r"eth\d*", r"hispanic", r"race ?eth\w*", r"ancestry")),
    (QuasiKind.GEOGRAPHY, _words(r"county", r"counties", r"state", r"zip\w*", r"post ?code", r"postal(?: code)?",
                                 r"region", r"city", r"town", r"tract", r"block group", r"fips", r"geoid", r"census",
                                 r"residence", r"country", r"registry", r"district", r"neighbou?rhood",
                                 r"municipality", r"province", r"lat", r"latitude", r"lon", r"long", r"longitude",
                                 r"msa", r"cbsa", r"puma", r"hsa", r"rucc?a?", r"urban", r"rural")),
    (QuasiKind.EVENT_DATE, _words(r"year", r"yr", r"year ?(?:of )?(?:dx|diag\w*|death)", r"(?:dx|diag\w*) ?year",
                                  r"yeardx", r"date of (?:diagnosis|dx|death)", r"(?:diagnosis|dx|death) date",
                                  r"dod", r"dodx")),
    (QuasiKind.DIAGNOSIS, _words(r"site", r"sites", r"primary(?: site)?", r"histolog\w*", r"morpholog\w*",
                                 r"topograph\w*", r"icd\w*", r"icdo\w*", r"diagnos\w*", r"dx", r"cancer(?: type)?",
                                 r"tumou?r type", r"disease")),
)
# Headers that mention a year but measure time, not when ("Survival (years)" loses its
# unit to _normalise, "Years since diagnosis" does not).
_NOT_A_YEAR = _words(r"survival", r"follow up", r"since", r"duration", r"time", r"length", r"months", r"smok\w*",
                     r"pack")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RecordLevel:
    """Why a table is one row per person. Columns are named by header, never by value."""

    rows: int
    identifiers: tuple[str, ...] = ()  # columns unique per row that name or look like record IDs
    dates: tuple[str, ...] = ()  # columns of exact dates of birth, diagnosis, death ...
    quasi_identifiers: tuple[str, ...] = ()  # present when they are the evidence (no IDs, no dates)

    def describe(self) -> str:
        """"147 rows, 147 distinct 'MRN'; exact dates in 'DOB'": counts and headers only."""
        parts = [", ".join([f"{self.rows} rows", *(f"{self.rows} distinct {name}" for name in self.identifiers)])]
        if self.dates:
            parts.append("exact dates in " + ", ".join(self.dates))
        if self.quasi_identifiers and not (self.identifiers or self.dates):
            parts.append("one row per person over " + ", ".join(self.quasi_identifiers))
        parts.append("no count, rate or total")
        return "; ".join(parts)

    def summary(self) -> str:
        """The strongest evidence in a few words, for a finding's evidence field."""
        if self.identifiers:
            return f"{self.rows} rows, {self.rows} distinct {self.identifiers[0]}"
        if self.dates:
            return f"{self.rows} rows, exact dates in {self.dates[0]}"
        return f"{self.rows} rows, no IDs, no counts"


@dataclass(frozen=True)
class QuasiIdentifier:
    column: int
    name: str  # as a report may show it: the header, or the column letter
    kind: QuasiKind


class Group(NamedTuple):
    """An equivalence class: how many records share its quasi-identifier values, and where the first is."""

    size: int
    first_row: int  # spreadsheet row number of its first record


class KAnonymity(NamedTuple):
    k: int  # the smallest number of records sharing one combination of quasi-identifier values
    unique_records: int  # records no other record shares that combination with
    worst_combinations: tuple[Group, ...]  # up to three of the smallest groups, in reading order


# --------------------------------------------------------------------------- the table's columns


@dataclass(frozen=True)
class _Columns:
    """The records of a table, read column by column without copying them into columns:
    a million rows are walked by ``itemgetter`` in C, never transposed."""

    rows: list[TableRow]  # non-blank rows
    cells: list[tuple[str, ...]]  # each row's cells, at least as many as the header
    names: tuple[str, ...]  # what a report may call each column
    normalised: tuple[str, ...]
    _distinct: dict[int, dict[str, None]] = field(default_factory=dict)

    def values(self, column: int) -> Iterator[str]:
        return map(itemgetter(column), self.cells)

    def distinct(self, column: int) -> dict[str, None]:
        """The column's distinct cell texts in reading order (a dict, for order and lookup)."""
        if column not in self._distinct:
            self._distinct[column] = dict.fromkeys(self.values(column))
        return self._distinct[column]

    def sample(self, column: int, limit: int = 500) -> list[str]:
        """The first `limit` distinct filled values: enough to judge a column's kind without
        parsing a million IDs (and flooding parse_cell's shared cache with them)."""
        return list(islice((v for v in self.distinct(column) if v.strip()), limit))


def _columns(table: Table) -> _Columns:
    cached = table.derived.get("record_columns")
    if cached is None:
        cells = [row.cells for row in table.rows]
        rows = table.rows
        if not all(map(any, cells)):  # blank lines are rows of the sheet, not records
            rows = [row for row in rows if any(row.cells)]
            cells = [row.cells for row in rows]
        width = table.width
        if cells and min(map(len, cells)) < width:
            cells = [c if len(c) >= width else c + ("",) * (width - len(c)) for c in cells]
        cached = table.derived["record_columns"] = _Columns(
            rows, cells, _report_names(table), tuple(_normalise(h) for h in table.header))
    return cached


def _report_names(table: Table) -> tuple[str, ...]:
    """Column names safe to print. A header row that holds data (a headerless record file
    read with its first record as the header) is never repeated: its columns go by letter."""
    header_holds_data = any(parse_cell(h).kind is CellKind.DATE for h in table.header) or \
        sum(1 for h in table.header if _looks_like_data(h)) >= 2
    names = []
    for index, header in enumerate(table.header):
        if header_holds_data or not header.strip():
            names.append(f"column {column_letter(index)}")
        else:
            names.append(f"'{table.column_label(index, LABEL_WIDTH)}'")
    return tuple(names)


def _looks_like_data(header: str) -> bool:
    text = header.strip()
    if not text:
        return False
    kind = parse_cell(text).kind
    return kind in (CellKind.DATE, CellKind.CODE) or bool(_UUID.fullmatch(text)) or bool(
        re.fullmatch(r"[A-Za-z]{0,10}[-_#]?\d{4,}[0-9A-Za-z_-]*", text) and not _YEARISH.fullmatch(text))


# --------------------------------------------------------------------------- detection


def record_level(table: Table) -> RecordLevel | None:
    """The evidence that `table` holds one row per person or record, or None for an aggregate.

    Computed once per table (``table.derived["record_level"]``) and shared by every check.
    """
    if "record_level" in table.derived:
        return table.derived["record_level"]
    result = table.derived["record_level"] = _record_level(table)
    return result


def _record_level(table: Table) -> RecordLevel | None:
    columns = _columns(table)
    rows = len(columns.rows)
    if rows < 1 or table.width < 2:
        return None
    identifiers = [i for i in range(table.width) if _names_each_row(columns, i)]
    dates = [i for i in range(table.width) if _holds_person_dates(columns, i)]
    strong_ids = [i for i in identifiers if _is_identifier_header(columns.normalised[i])]
    # An identifier column (MRN, patient ID) beside personal dates makes rows records, however
    # few and whatever else they hold (a 'Value' column); weaker evidence needs more rows and
    # no sign of an aggregate.
    if not (strong_ids and dates) and (rows < MIN_ROWS_TWO_SIGNALS or _is_aggregate(table, columns)):
        return None
    enough = rows >= MIN_ROWS or (strong_ids and dates)
    if not enough:
        return None
    if strong_ids or (dates and rows >= MIN_ROWS):
        return RecordLevel(rows, tuple(columns.names[i] for i in strong_ids or identifiers),
                           tuple(columns.names[i] for i in dates))
    # Weaker evidence (codes shaped like IDs, quasi-identifiers alone) must also show no
    # column of whole numbers that could be counts of people.
    if _has_count_like_column(table, columns):
        return None
    if identifiers:
        return RecordLevel(rows, tuple(columns.names[i] for i in identifiers))
    quasi = quasi_identifiers(table)
    # Places and years alone describe places and periods (a list of studies by country and
    # year); records describe people: an age, a sex or a race among them.
    describes_people = any(q.kind in _PERSON_KINDS for q in quasi)
    if len(quasi) >= 2 and describes_people and (_quasi_repeat(table, quasi) or _has_exact_age(columns, quasi)):
        return RecordLevel(rows, quasi_identifiers=tuple(q.name for q in quasi))
    return None


def _is_identifier_header(normalised: str) -> bool:
    if not normalised or _NOT_A_PERSON.search(normalised):
        return False
    if _ID_WORD.search(normalised) or _PERSON_NAME.fullmatch(normalised) or _PERSON_ALONE.fullmatch(normalised):
        return True
    return bool(_PERSON_WORD.search(normalised) and _NUMBER_WORD.search(normalised))


def _names_each_row(columns: _Columns, index: int) -> bool:
    """Every row filled, no two alike, and either a header that names a person or record or
    values shaped like record IDs (under a header that names no place or code list)."""
    normalised = columns.normalised[index]
    named = _is_identifier_header(normalised)
    if not named and (_NOT_A_PERSON.search(normalised) or _quasi_kind(normalised) is not None):
        return False
    distinct = columns.distinct(index)
    if not distinct or "" in distinct or len(distinct) != len(columns.rows):
        return False
    if named:
        return True
    shaped = [v.strip() for v in distinct]
    if all(_UUID.fullmatch(v) for v in shaped):
        return True
    if len(shaped) < MIN_ROWS:
        return False
    if not all(_ID_VALUE.fullmatch(v) for v in shaped) or all(_YEARISH.fullmatch(v) for v in shaped):
        return False
    # Plain numbers must be as long as record numbers are (six digits or more, one width):
    # a column of unique counts or populations is not a column of IDs.
    if all(v.isdigit() for v in shaped):
        return len({len(v) for v in shaped}) == 1 and len(shaped[0]) >= 6
    # Otherwise letters or separators among the digits (P0001, TCGA-A1-0001), and no
    # decimals or dates ("12.5", "2019-06-02" fit the shape too).
    return not any(parse_cell(v).kind in _NOT_ID_KINDS for v in columns.sample(index, 50))


def _holds_person_dates(columns: _Columns, index: int) -> bool:
    """Exact dates (day, month and year) of a person's birth, diagnosis, death ... in most
    rows, and not one date repeated (a "Data as of" column)."""
    normalised = columns.normalised[index]
    if not _PERSON_DATE.search(normalised):
        return False
    sample = columns.sample(index)
    if not sample:
        return False
    dates = sum(1 for v in sample if parse_cell(v).kind is CellKind.DATE)
    if dates < _MOSTLY * len(sample):
        return False
    filled = sum(1 for value in columns.values(index) if value.strip())
    different = len(columns.distinct(index)) - ("" in columns.distinct(index))
    return different >= max(2, 0.2 * filled)


def _is_aggregate(table: Table, columns: _Columns) -> bool:
    """A total row, a column of aggregated counts or of rates, means, intervals, tests, or
    ``n (%)`` cells: the table counts or summarises people."""
    for index in range(table.width):
        normalised = columns.normalised[index]
        if any(v.strip().lower() in _TOTAL_LABELS for v in columns.distinct(index) if len(v) < 24):
            return True
        sample = columns.sample(index)
        aggregate_header = _AGGREGATE_COUNT.search(normalised) or _AGGREGATE_MEASURE.search(normalised)
        if aggregate_header and not _is_identifier_header(normalised) and _quasi_kind(normalised) is None \
                and _mostly_numeric(sample) and not _one_per_row(columns, index):
            return True
        if _has_share_cells(sample):
            return True
    return False


def _one_per_row(columns: _Columns, index: int) -> bool:
    """A 'count' that is 1 (or 0/1) on every row counts one record per row: a line list's
    N column, not an aggregate."""
    values = {v.strip() for v in columns.distinct(index)} - {""}
    return bool(values) and values <= {"1", "0", "1.0", "0.0"}


def _mostly_numeric(sample: list[str]) -> bool:
    text = (CellKind.TEXT, CellKind.DATE, CellKind.EMPTY)
    numeric = sum(1 for value in sample if parse_cell(value).kind not in text)
    return bool(sample) and numeric >= _MOSTLY * len(sample)


def _has_share_cells(sample: list[str]) -> bool:
    """``12 (3.4%)`` and ``7/120`` cells: a count with its share is an aggregate's cell."""
    shares = sum(1 for v in sample if parse_cell(v).form in ("n_pct", "n_of_N"))
    return shares >= 2 and shares >= 0.2 * len(sample)


def _has_count_like_column(table: Table, columns: _Columns) -> bool:
    """A column of whole numbers that is not a quasi-identifier, an ID or a per-person
    measurement, with more values than a coded variable has: counts under category headers
    ("Female", "Breast", "2019")."""
    for index in range(table.width):
        normalised = columns.normalised[index]
        if _quasi_kind(normalised) is not None or _is_identifier_header(normalised) \
                or _PERSON_MEASURE.search(normalised):
            continue
        sample = columns.sample(index)
        if len(sample) <= _CODED_VARIABLE_VALUES:
            continue
        counts = sum(1 for value in sample if parse_cell(value).kind is CellKind.COUNT)
        if counts >= _MOSTLY * len(sample):
            return True
    return False


def _quasi_repeat(table: Table, quasi: tuple[QuasiIdentifier, ...]) -> bool:
    """Some rows share every quasi-identifier value: rows are people, not the categories of a
    table (an aggregate's label columns are its key, each combination once)."""
    return len(_group_sizes(table, tuple(q.column for q in quasi))) < len(_columns(table).rows)


def _has_exact_age(columns: _Columns, quasi: tuple[QuasiIdentifier, ...]) -> bool:
    """Single years of age, person by person (not age bands)."""
    for q in quasi:
        if q.kind is not QuasiKind.AGE:
            continue
        distinct = {v.strip() for v in columns.distinct(q.column)} - {""}
        ages = [v for v in distinct if v.isdigit() and int(v) <= 120]
        if len(ages) >= 5 and len(ages) >= _MOSTLY * len(distinct):
            return True
    return False


# --------------------------------------------------------------------------- k-anonymity


def _quasi_kind(normalised: str) -> QuasiKind | None:
    if not normalised or _AGGREGATE_MEASURE.search(normalised) or _AGGREGATE_COUNT.search(normalised):
        return None
    for kind, pattern in _QUASI_HEADERS:
        if pattern.search(normalised):
            if kind is QuasiKind.EVENT_DATE and _NOT_A_YEAR.search(normalised):
                continue
            return kind
    return None


def quasi_identifiers(table: Table) -> tuple[QuasiIdentifier, ...]:
    """Columns whose header names age, sex, race/ethnicity, geography, a diagnosis (or birth,
    death) year or date, or a site/histology/diagnosis. Identifier columns are not among
    them: they single out every row by themselves."""
    columns = _columns(table)
    out = []
    for index in range(table.width):
        normalised = columns.normalised[index]
        kind = _quasi_kind(normalised)
        if kind is None or _is_identifier_header(normalised):
            continue
        out.append(QuasiIdentifier(index, columns.names[index], kind))
    return tuple(out)


def k_anonymity(table: Table, columns: tuple[int, ...] | list[int]) -> KAnonymity:
    """k over the given columns (indexes), by a plain group-by of the cell texts.

    Cells are compared as written, trimmed and case-folded ("F" and "f " are one value);
    blank rows are not records. A table without records has k = 0.
    """
    data = _columns(table)
    columns = tuple(columns)
    if not data.rows or not columns:
        return KAnonymity(0, 0, ())
    sizes = _group_sizes(table, columns)
    counts = list(sizes.values())
    k, unique = min(counts), counts.count(1)
    return KAnonymity(k, unique, _smallest_groups(table, columns, sizes))


def _group_sizes(table: Table, columns: tuple[int, ...]) -> Counter:
    """{combination of cleaned cell texts: records}: one pass of dict counting over the
    rows' tuples. Cached per set of columns (detection and OS111 ask for the same one)."""
    cache = table.derived.setdefault("record_groups", {})
    if columns not in cache:
        cache[columns] = Counter(_keys(table, columns))
    return cache[columns]


def _keys(table: Table, columns: tuple[int, ...]) -> Iterator:
    """Each record's combination of values in `columns`, in reading order. Columns already
    clean (trimmed, case-folded: the usual case) are read straight from the rows' tuples;
    the others through a mapping made once per distinct value."""
    data = _columns(table)
    mappings = [_cleaning(table, c) for c in columns]
    if not any(mappings):
        return map(itemgetter(*columns), data.cells)
    return zip(*(data.values(c) if m is None else map(m.__getitem__, data.values(c))
                 for c, m in zip(columns, mappings)))


def _cleaning(table: Table, column: int) -> dict[str, str] | None:
    """{cell text: trimmed, case-folded text} for a column that needs it, else None."""
    cache = table.derived.setdefault("record_cleaning", {})
    if column not in cache:
        mapping = {v: v.strip().casefold() for v in _columns(table).distinct(column)}
        cache[column] = mapping if any(k != v for k, v in mapping.items()) else None
    return cache[column]


def _smallest_groups(table: Table, columns: tuple[int, ...], sizes: Counter, limit: int = 3) -> tuple[Group, ...]:
    """The `limit` smallest groups, ties in reading order, each by its size and first row."""
    rows = _columns(table).rows
    threshold = max(heapq.nsmallest(limit, sizes.values()))
    smallest = min(sizes.values())
    chosen: dict[object, Group] = {}
    at_minimum = 0
    for position, key in enumerate(_keys(table, columns)):
        size = sizes[key]
        if size > threshold or key in chosen:
            continue
        chosen[key] = Group(size, rows[position].number)
        at_minimum += size == smallest
        if at_minimum >= limit:
            break  # nothing is smaller than the minimum: the first `limit` of them are the answer
    return tuple(sorted(chosen.values())[:limit])
