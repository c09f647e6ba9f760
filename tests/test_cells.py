"""What a single cell holds: counts are told apart from every other kind of number."""

from __future__ import annotations

import pytest

from outscan.tables.cells import CellKind, parse_cell

COUNTS = [
    ("3", 3), ("0", 0), ("1,525", 1525), ("3,143", 3143), ("6.0", 6), ("  12 ", 12), ('"7"', 7),
    ("12 (3.4%)", 12), ("1,525 (14)", 1525), ("     0 (NaN)", 0), ("4 [2.2]", 4), ("7/120", 7),
    ("3 of 40", 3), ("12*", 12), ("5†", 5),
]
NOT_COUNTS = [
    ("0.581", CellKind.NUMBER), ("-3", CellKind.NUMBER), ("+2", CellKind.NUMBER), ("124.5", CellKind.NUMBER),
    ("3.4%", CellKind.PERCENT), ("12 %", CellKind.PERCENT), ("8.4 (4.1)", CellKind.NUMBER),
    ("8 (4-12)", CellKind.NUMBER), ("45 (32, 60)", CellKind.NUMBER), ("12.3 ± 4.5", CellKind.NUMBER),
    ("1.2-3.4", CellKind.INTERVAL), ("(1.2, 3.4)", CellKind.INTERVAL), ("12-29", CellKind.INTERVAL),
    ("<0.001", CellKind.INEQUALITY), ("p<0.05", CellKind.INEQUALITY), ("p = 0.03", CellKind.INEQUALITY),
    (">100", CellKind.INEQUALITY), ("<1%", CellKind.INEQUALITY), ("06041", CellKind.CODE),
    ("2021-03-04", CellKind.DATE), ("07/14/2021", CellKind.DATE), ("Leukemia", CellKind.TEXT),
    ("GR130-001", CellKind.TEXT), ("", CellKind.EMPTY), ("   ", CellKind.EMPTY),
    ("Unreliable", CellKind.FLAG), ("Not Applicable", CellKind.FLAG), ("***", CellKind.FLAG),
]
MARKERS = [
    ("<11", 10), ("< 16", 15), ("≤10", 10), ("<=10", 10), ("<5", 4), ("3 or fewer", 3),
    ("fewer than 10", 9), ("less than 11", 10), ("*", None), ("**", None), ("Suppressed", None),
    ("[REDACTED]", None), ("c", None), ("[c]", None), ("(D)", None), ("Too few to report", None),
    ("x", None),
]
AMBIGUOUS = ["--", "-", "—", "–", "n/a", "NA", "N/A", "NaN", ".", ".."]


@pytest.mark.parametrize(("text", "value"), COUNTS)
def test_counts(text, value):
    cell = parse_cell(text)
    assert cell.kind is CellKind.COUNT
    assert cell.value == value


@pytest.mark.parametrize(("text", "kind"), NOT_COUNTS)
def test_not_counts(text, kind):
    assert parse_cell(text).kind is kind


@pytest.mark.parametrize(("text", "hidden_max"), MARKERS)
def test_suppression_markers(text, hidden_max):
    cell = parse_cell(text)
    assert cell.kind is CellKind.SUPPRESSED
    assert cell.hidden_max == hidden_max
    assert not cell.ambiguous


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_markers(text):
    cell = parse_cell(text)
    assert cell.kind is CellKind.SUPPRESSED and cell.ambiguous


def test_n_pct_form_is_recorded():
    assert parse_cell("12 (3.4%)").form == "n_pct"
    assert parse_cell("7/120").form == "n_of_N"
    assert parse_cell("8.4 (4.1)").form == "mean_sd"


def test_markers_hold_no_digits():
    """parse_cell settles digit-free text by the marker lists alone; a marker with a digit would be missed."""
    from outscan.tables.cells import AMBIGUOUS_MARKERS, FLAGS, SUPPRESSION_MARKERS

    assert not [m for m in SUPPRESSION_MARKERS | AMBIGUOUS_MARKERS | FLAGS if any(c.isdigit() for c in m)]
