"""Secondary disclosure on the real published tables: what their README verified by arithmetic."""

from __future__ import annotations

import re

import pytest

from outscan.api import scan
from outscan.policy import build_policy

WONDER = {
    # (file, row, column) -> the value the README verified
    ("allcause_2019_race_ethnicity.txt", 2, "Deaths"): 2,    # AIAN x Hispanic = 35 - 33 - 0
    ("allcause_2019_race_ethnicity.txt", 5, "Deaths"): 7,    # Asian x Hispanic = 357 - 350 - 0
    ("allcause_2019_race_ethnicity.txt", 11, "Deaths"): 1,   # NHPI x Hispanic
    ("allcause_2019_race_ethnicity.txt", 12, "Deaths"): 2,   # NHPI x Not Hispanic
    ("allcause_2019_race_ethnicity.txt", 16, "Deaths"): 1,   # White x Not Stated = 28601 - 1869 - 26731
    ("allcause_2019_race_ethnicity.txt", 17, "Deaths"): 4,   # More than one race x Hispanic = 39 - 35 - 0
    ("allcause_2019_race.txt", 5, "Deaths"): 3,              # NHPI total
    ("allcause_2019_ethnicity.txt", 4, "Deaths"): 1,         # Not Stated total
}


@pytest.fixture(scope="module")
def reports(request):
    from tests.conftest import REAL_TABLES

    if not REAL_TABLES.is_dir():
        pytest.skip("../shared/real_tables is not beside this checkout")
    return {name: scan([REAL_TABLES], build_policy([name])) for name in ("sdc-handbook", "nccr-dua")}


@pytest.mark.parametrize("policy", ["sdc-handbook", "nccr-dua"])
def test_the_three_wonder_files_read_together_give_back_every_suppressed_cell(reports, policy):
    found = {}
    for f in reports[policy].findings:
        if f.rule == "OS105":
            value = int(re.search(r"is exactly (\d+) when read with", f.message).group(1))
            found[(f.path.rsplit("/", 1)[-1], f.location.row, f.location.column)] = value
            others = {"allcause_2019_race.txt", "allcause_2019_ethnicity.txt", "allcause_2019_race_ethnicity.txt"}
            assert all(name in f.message for name in others - {f.path.rsplit("/", 1)[-1]})
    assert found == WONDER


COVID = "Provisional_COVID-19_Deaths_by_County__and_Race_and_Hispanic_Origin.csv"
# (state, county, indicator word, column) -> what the README verified for single-blank rows
COVID_SINGLE_BLANKS = {
    ("CO", "El Paso County", "COVID-19", "Non-Hispanic Native Hawaiian or Other Pacific Islander"): "exactly 6",
    ("WA", "Pierce County", "COVID-19", "Other"): "exactly 6",
    ("CA", "Kern County", "COVID-19", "Non-Hispanic Native Hawaiian or Other Pacific Islander"): "between 2 and 4",
    ("UT", "Salt Lake County", "COVID-19", "Other"): "between 6 and 8",
    ("OK", "Garfield County", "all-cause", "Non-Hispanic Asian"): "between 2 and 4",
    ("OK", "Pottawatomie County", "all-cause", "Non-Hispanic Native Hawaiian or Other Pacific Islander"):
        "between 0 and 2",
}


def test_a_share_that_the_row_total_gives_back(reports):
    import csv

    from tests.conftest import REAL_TABLES

    with (REAL_TABLES / COVID).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    found = {}
    for f in reports["sdc-handbook"].findings:
        if f.rule == "OS103" and f.path.endswith(COVID):
            row = rows[f.location.row - 1]
            indicator = "COVID-19" if "COVID-19" in row[9] else "all-cause" if "all-cause" in row[9] else row[9]
            found[(row[3], row[4], indicator, f.location.column)] = \
                re.search(r"(exactly \d+|between \d+ and \d+)", f.message).group(1)
    for key, value in COVID_SINGLE_BLANKS.items():
        assert found.get(key) == value, key
    # Rows with several blanks are one finding each, at their first blank: three blanks of
    # Salt Lake-size rows can share so few deaths that each is pinned to a handful of values.
    pinned = [f for f in reports["sdc-handbook"].findings
              if f.rule == "OS103" and f.path.endswith(COVID) and f.severity.value == "block"]
    assert {re.search(r"exactly (\d+)", f.message).group(1) for f in pinned} <= {"6", "9"}
    assert len([f for f in reports["sdc-handbook"].findings if f.path.endswith(COVID)]) < 200


@pytest.mark.parametrize("policy", ["sdc-handbook", "nccr-dua"])
def test_the_traps_stay_quiet(reports, policy):
    """Rounded OpenSAFELY outputs, NA header rows, the '0 (NaN)' artefacts, SCP annual averages,
    '***': no secondary-disclosure finding outside the three linked WONDER files, the county
    shares and the hidden rows of the cause list."""
    noisy = {f.path.rsplit("/", 1)[-1] for f in reports[policy].findings
             if f.category.value == "secondary_disclosure"}
    assert noisy <= {"allcause_2019_race.txt", "allcause_2019_ethnicity.txt", "allcause_2019_race_ethnicity.txt", COVID,
                     "0-130CauseList.txt"}
    assert not reports[policy].unreadable
