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


@pytest.mark.parametrize("policy", ["sdc-handbook", "nccr-dua"])
def test_the_traps_stay_quiet(reports, policy):
    """Rounded OpenSAFELY outputs, NA header rows, the '0 (NaN)' artefacts, SCP annual averages,
    '***': no secondary-disclosure finding outside the three linked WONDER files."""
    noisy = {f.path.rsplit("/", 1)[-1] for f in reports[policy].findings
             if f.category.value == "secondary_disclosure"}
    assert noisy <= {"allcause_2019_race.txt", "allcause_2019_ethnicity.txt", "allcause_2019_race_ethnicity.txt"}
    assert not reports[policy].unreadable
