"""What one table cell holds: a count, another kind of number, a suppression marker, or text.

Published tables mix counts with rates, percentages, intervals, p-values, codes and the
markers that stand for hidden values. Telling them apart cell by cell is the first half
of the small-cell check (the second half, in ``columns.py``, looks at the column and row
a cell sits in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class CellKind(Enum):
    EMPTY = "empty"
    COUNT = "count"  # a non-negative whole number, alone or as the n of "n (%)" / "n/N"
    NUMBER = "number"  # any other number: decimals, negatives, means, medians
    PERCENT = "percent"
    INTERVAL = "interval"  # "1.2-3.4", "(1.2, 3.4)", or a band such as "12-29"
    INEQUALITY = "inequality"  # "<0.001", ">100": bounds that are not suppression
    CODE = "code"  # zero-padded numbers such as FIPS "06041"
    DATE = "date"
    SUPPRESSED = "suppressed"
    FLAG = "flag"  # markers that are not suppression: "Unreliable", "Not Applicable"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Cell:
    kind: CellKind
    value: float | None = None
    # The largest value a marker says it hides ("<11" -> 10, "1-10" -> 10), if it says.
    hidden_max: int | None = None
    # For SUPPRESSED: markers such as "--" or "n/a" that may mean missing rather than hidden.
    ambiguous: bool = False
    form: str = "plain"  # "plain", "n_pct", "n_of_N", "mean_sd", "median_range"
    # The percentage printed with a count or a marker ("12 (3.4%)", "<11 (3.4%)"), as written:
    # its decimals say how precisely it gives the count back.
    share: str | None = None

    @property
    def is_count(self) -> bool:
        return self.kind is CellKind.COUNT


_HAS_DIGIT = re.compile(r"\d")
_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
# Footnote marks on a number: "12*", "14 *", "12a", "7b", "12ᵃ", "5¹".
_FOOTNOTE = r"(?:\s?[*†‡§¶#]{1,3}|[a-g]|[ᵃᵇᶜᵈᵉᶠᵍ¹²³⁴⁵⁶⁷⁸⁹]{1,2})?"
_PLAIN = re.compile(rf"^({_NUM}){_FOOTNOTE}$")
_PERCENT = re.compile(rf"^({_NUM})\s*%{_FOOTNOTE}$")
# "12 (3.4%)", "1,525 (14)", "0 (NaN)", "12 [3.4]"
# "<11 (3.4%)", "* (0.8%)": a hidden count whose share is printed beside it.
_MARKER_WITH_SHARE = re.compile(rf"^(\S[^()\[\]]*?)\s*[(\[]\s*({_NUM})\s*%?\s*[)\]]$")
_WITH_SHARE = re.compile(rf"^({_NUM}){_FOOTNOTE}\s*[(\[]\s*(?:({_NUM})\s*%?|nan|-|—|–|na)\s*[)\]]$", re.I)
# "45 (32-60)", "12.1 (3.4, 20.9)": a central value with a range
_WITH_RANGE = re.compile(rf"^({_NUM})\s*[(\[]\s*({_NUM})\s*(?:-|–|—|,|;|to)\s*({_NUM})\s*[)\]]$", re.I)
_N_OF_N = re.compile(r"^(\d[\d,]*)\s*(?:/|of)\s*(\d[\d,]*)$", re.I)
_PLUS_MINUS = re.compile(rf"^({_NUM})\s*(?:±|\+/-|\+-)\s*({_NUM})$")
_INTERVAL = re.compile(rf"^[(\[]?\s*({_NUM})\s*(?:-|–|—|,|;|to)\s*({_NUM})\s*[)\]]?$", re.I)
_INEQUALITY = re.compile(rf"^(?:p\s*)?([<>≤≥]=?|=<|>=|<=)\s*({_NUM})\s*(%?){_FOOTNOTE}$", re.I)
# "1-10", "(1-9)": in a count column, the range a suppressed count lies in.
_LOW_RANGE = re.compile(rf"^[(\[]?\s*[01]\s*(?:-|–|—|to)\s*(\d{{1,2}})\s*[)\]]?{_FOOTNOTE}$", re.I)
_P_VALUE = re.compile(rf"^p\s*[=<>≤≥]\s*{_NUM}$", re.I)
_FEWER = re.compile(r"^(\d+)\s+or\s+(?:fewer|less)$|^(?:fewer|less)\s+than\s+(\d+)$|^under\s+(\d+)$", re.I)
_RANGE_MARKER = re.compile(r"^[(\[]?\s*1\s*(?:-|–|to)\s*(\d+)\s*[)\]]?\s*(?:suppressed|\(suppressed\))$", re.I)
_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$|^\d{1,2}/\d{1,2}/\d{2,4}$|^\d{1,2}\.\d{1,2}\.\d{4}$"
)

# Markers that say a value was hidden (suppression) ...
SUPPRESSION_MARKERS = frozenset({
    "*", "**", "suppressed", "supp", "supp.", "redacted", "[redacted]", "<redacted>", "c", "[c]",
    "(c)", "s", "(s)", "d", "(d)", "masked", "small", "too few to report", "too small to report",
    "not shown", "withheld", "censored", "x", "[x]",
})
# ... markers that may mean hidden or simply missing ...
AMBIGUOUS_MARKERS = frozenset({"--", "-", "—", "–", "n/a", "na", "nan", ".", "..", "...", "null", "none", "#n/a",
                               "unk", "n.r.", "nr"})
# ... and flags that qualify a value without hiding a count.
FLAGS = frozenset({
    "unreliable", "not applicable", "not available", "not stated", "***", "missing", "n.a.", "‡",
    "†", "^", "+", "true", "false", "yes", "no",
})


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@lru_cache(maxsize=1 << 17)
def parse_cell(raw: str) -> Cell:
    text = raw.strip().strip('"').strip()
    if not text:
        return Cell(CellKind.EMPTY)
    lowered = text.lower()
    if not _HAS_DIGIT.search(text):
        # Markers hold no digits, and every pattern below needs one: labels, most of a
        # table's text, are settled here without them.
        if lowered in SUPPRESSION_MARKERS:
            return Cell(CellKind.SUPPRESSED)
        if lowered in AMBIGUOUS_MARKERS:
            return Cell(CellKind.SUPPRESSED, ambiguous=True)
        if lowered in FLAGS:
            return Cell(CellKind.FLAG)
        return Cell(CellKind.TEXT)

    match = _PLAIN.match(text)
    if match:
        number = match.group(1)
        value = _number(number)
        digits = number.lstrip("+-")
        if len(digits) > 1 and digits.startswith("0") and "." not in digits and "," not in digits:
            return Cell(CellKind.CODE, value)
        if value >= 0 and value.is_integer() and not number.startswith("+"):
            return Cell(CellKind.COUNT, value)
        return Cell(CellKind.NUMBER, value)

    match = _PERCENT.match(text)
    if match:
        return Cell(CellKind.PERCENT, _number(match.group(1)), share=match.group(1))

    match = _WITH_SHARE.match(text)
    if match:
        value = _number(match.group(1))
        if value >= 0 and value.is_integer() and "." not in match.group(1):
            return Cell(CellKind.COUNT, value, form="n_pct", share=match.group(2))
        return Cell(CellKind.NUMBER, value, form="mean_sd")

    match = _MARKER_WITH_SHARE.match(text)
    if match:
        marker = parse_cell(match.group(1))
        if marker.kind is CellKind.SUPPRESSED:
            return Cell(CellKind.SUPPRESSED, hidden_max=marker.hidden_max, ambiguous=marker.ambiguous,
                        form="n_pct", share=match.group(2))

    match = _WITH_RANGE.match(text)
    if match:
        return Cell(CellKind.NUMBER, _number(match.group(1)), form="median_range")

    match = _N_OF_N.match(text)
    if match:
        return Cell(CellKind.COUNT, _number(match.group(1)), form="n_of_N")

    if _PLUS_MINUS.match(text):
        return Cell(CellKind.NUMBER, _number(_PLUS_MINUS.match(text).group(1)), form="mean_sd")

    match = _INEQUALITY.match(text)
    if match:
        operator, number, percent = match.groups()
        value = _number(number)
        whole = value.is_integer() and "." not in number
        if operator in ("<", "≤", "<=", "=<") and whole and not percent and not lowered.startswith("p"):
            if value >= 2:
                return Cell(CellKind.SUPPRESSED, hidden_max=int(value) - (operator == "<"))
        return Cell(CellKind.INEQUALITY, value)

    if _P_VALUE.match(text):
        return Cell(CellKind.INEQUALITY)

    match = _FEWER.match(text)
    if match:
        if match.group(1):
            return Cell(CellKind.SUPPRESSED, hidden_max=int(match.group(1)))
        bound = int(match.group(2) or match.group(3))
        return Cell(CellKind.SUPPRESSED, hidden_max=bound - 1)

    match = _LOW_RANGE.match(text)
    if match:
        return Cell(CellKind.INTERVAL, hidden_max=int(match.group(1)))

    match = _RANGE_MARKER.match(text)
    if match:
        return Cell(CellKind.SUPPRESSED, hidden_max=int(match.group(1)))

    if _INTERVAL.match(text):
        return Cell(CellKind.INTERVAL)
    if _DATE.match(text):
        return Cell(CellKind.DATE)
    return Cell(CellKind.TEXT)
