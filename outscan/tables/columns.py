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
                                       r"length of stay", r"los", r"age at", r"mean age")),
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

_NON_TEXT = {CellKind.EMPTY, CellKind.SUPPRESSED, CellKind.FLAG}


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


def profile_columns(table: Table) -> list[ColumnProfile]:
    profiles: list[ColumnProfile] = []
    in_stub = True  # the leading label columns, before the first column of values
    for column in range(table.width):
        header = table.header[column] if column < len(table.header) else ""
        cells = [parse_cell(v) for v in table.column_values(column)]
        profile = _profile(header, cells, in_stub, column)
        profiles.append(profile)
        in_stub = in_stub and profile.role is Role.LABEL
    return profiles


def _profile(header: str, cells: list, in_stub: bool, column: int) -> ColumnProfile:
    filled = [c for c in cells if c.kind not in _NON_TEXT]
    texts = sum(1 for c in filled if c.kind in (CellKind.TEXT, CellKind.DATE))
    if texts and (in_stub or texts >= 0.5 * len(filled)):
        return ColumnProfile(Role.LABEL, "holds text labels")
    said = header_says(header)
    if said is not None:
        return said
    if not filled:
        # Nothing but markers and blanks: a column of suppressed counts, or an empty one.
        suppressed = any(c.kind is CellKind.SUPPRESSED for c in cells)
        return ColumnProfile(Role.COUNT if suppressed else Role.LABEL, "no values")
    counts = [c.value for c in filled if c.kind is CellKind.COUNT and c.form == "plain"]
    if not header.strip() and _is_sequence(counts, pandas_index=True):
        return ColumnProfile(Role.LABEL, "an unnamed running index", is_index=True)
    if in_stub and column == 0 and _is_sequence(sorted(counts)) and len(counts) == len(filled):
        return ColumnProfile(Role.LABEL, "an ordinal row label")
    if any(c.kind is CellKind.COUNT and c.form in ("n_pct", "n_of_N") for c in filled):
        return ColumnProfile(Role.COUNT, "n (%) cells")
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


@lru_cache(maxsize=1 << 14)
def row_is_summary(label: str) -> bool:
    """A row whose label names a summary statistic ("Age, mean (SD)") holds no counts."""
    return bool(label) and bool(_MEASURE_ROW.search(label))
