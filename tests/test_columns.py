"""Which columns hold counts: headers first, then the values, then the column's place."""

from __future__ import annotations

import pytest

from outscan.documents import Table, TableRow
from outscan.tables.columns import Role, header_says, profile_columns, row_is_summary


def table(header, *rows):
    return Table(header=tuple(header), rows=[TableRow(i + 2, tuple(r)) for i, r in enumerate(rows)])


@pytest.mark.parametrize("header", [
    "Crude Rate", "Age-Adjusted Incidence Rate - cases per 100,000", "Average Annual Count", "Mean age",
    "95% CI", "Lower 95% Confidence Interval", "p-value", "FIPS", "County code", "CI*Rank", "Year",
    "Percent", "% female", "Odds ratio", "OR", "Standard Error", "Recent 5-Year Trend",
])
def test_measure_headers(header):
    said = header_says(header)
    assert said is not None and said.role is Role.MEASURE


@pytest.mark.parametrize("header", ["n", "N", "Deaths", "Total deaths", "Cases (N=180)", "Number of patients",
                                    "Population", "count"])
def test_count_headers(header):
    said = header_says(header)
    assert said is not None and said.role is Role.COUNT


@pytest.mark.parametrize("header", ["Female", "Stage IV", "2019", "Sotrovimab", "doac_3_months",
                                    "Non-Hispanic American Indian or Alaska Native", "Other"])
def test_category_headers_say_nothing(header):
    assert header_says(header) is None


def test_roles_from_values():
    t = table(["", "eth2001", "events", "share", "Stage"],
              ["0", "1.0", "12", "0.5", "I"], ["1", "11.0", "6", "0.25", "II"], ["2", "Other", "9", "0.25", "III"])
    roles = [p.role for p in profile_columns(t)]
    assert roles == [Role.LABEL, Role.LABEL, Role.COUNT, Role.MEASURE, Role.LABEL]
    assert profile_columns(t)[0].is_index


def test_a_count_column_of_only_markers_is_still_a_count_column():
    t = table(["Site", "Cases"], ["A", "<11"], ["B", "*"])
    assert profile_columns(t)[1].role is Role.COUNT


@pytest.mark.parametrize(("label", "summary"), [
    ("Age, mean (SD)", True), ("Follow-up, months, median", True), ("BMI", True), ("Rate per 1,000", True),
    ("Age 0-14", False), ("Female", False), ("Stage IV", False), ("Total", False), ("", False),
])
def test_summary_rows(label, summary):
    assert row_is_summary(label) is summary
