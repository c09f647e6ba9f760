"""Geography: the value matcher, column classification, the shipped gazetteer, and the real tables."""

from __future__ import annotations

import json

import pytest

from outscan.api import scan
from outscan.policy import build_policy
from outscan.tables.geography import (Level, classify_values, clean, gazetteer, header_geography,
                                      match_value)
from tests.conftest import ROOT, write


@pytest.mark.parametrize(("value", "level"), [
    ("Marin County", Level.COUNTY),
    ("Marin County(7)", Level.COUNTY),  # State Cancer Profiles footnote marks
    ("MARIN COUNTY", Level.COUNTY),
    ("Marin Co.", Level.COUNTY),
    ("Marin County, CA", Level.COUNTY),
    ("Orleans Parish", Level.COUNTY),
    ("St. Mary's Parish", Level.COUNTY),
    ("Saint Louis city", Level.COUNTY),
    ("Anchorage Municipality", Level.COUNTY),
    ("Capitol Planning Region", Level.COUNTY),  # Connecticut since 2022
    ("California(7)", Level.STATE),
    ("Kentucky(3,8)", Level.STATE),
    ("AK", Level.STATE),
    ("New York State", Level.STATE),
    ("Seattle (Puget Sound)", Level.REGISTRY),
    ("Seattle-Puget Sound", Level.REGISTRY),
    ("San Francisco-Oakland SMSA", Level.REGISTRY),
    ("SEER Reg 01 - San Francisco-Oakland SMSA", Level.REGISTRY),
    ("Atlanta (Metropolitan)", Level.REGISTRY),
    ("Rural Georgia", Level.REGISTRY),
    ("Greater California (excluding SF, Los Angeles & SJ)", Level.REGISTRY),
    ("California Cancer Registry", Level.REGISTRY),
    ("Springfield, IL", Level.CITY),
    ("City of Fresno", Level.CITY),
    ("Census Tract 4012.01", Level.TRACT),
    ("Block Group 1, Census Tract 4012.01", Level.BLOCK_GROUP),
    ("37.77, -122.41", Level.COORDINATES),
    ("(37.7749, -122.4194)", Level.COORDINATES),
])
def test_values_that_say_what_they_are(value, level):
    assert match_value(value).strong(level)


@pytest.mark.parametrize("value", ["Breast", "Lung and Bronchus", "Female", "Stage IV", "2019", "12",
                                   "(37.1, 45.2)", "0.85, 1.23", "Other", "Hispanic"])
def test_values_that_are_not_places(value):
    assert not match_value(value).levels


@pytest.mark.parametrize("value", ["Total", "US (SEER+NPCR)(1)", "United States", "Unknown County", "All counties",
                                   "*", "Suppressed", ""])
def test_totals_national_rows_and_markers_say_nothing(value):
    assert match_value(value).neutral


def test_bare_names_are_weak_and_ambiguous():
    washington = match_value("Washington")
    assert washington.strong(Level.STATE)
    assert washington.any(Level.COUNTY) and not washington.strong(Level.COUNTY)
    lincoln = match_value("Lincoln")
    assert lincoln.any(Level.COUNTY) and not lincoln.strong(Level.COUNTY)


def test_clean_drops_footnote_marks_but_keeps_names_in_brackets():
    assert clean('"Marin County(7)"') == "Marin County"
    assert clean("US (SEER+NPCR)(1,10)") == "US (SEER+NPCR)"
    assert clean("Seattle (Puget Sound)") == "Seattle (Puget Sound)"
    assert clean("Iowa*") == "Iowa"


@pytest.mark.parametrize(("header", "level", "code"), [
    ("County", Level.COUNTY, None),
    ("County Name", Level.COUNTY, None),
    ("FIPS", None, "fips"),
    ("FIPS State", Level.STATE, "fips"),
    ("Patient ZIP3", Level.ZIP3, "zip"),
    ("ZIP code", None, "zip"),
    ("Census tract", Level.TRACT, "tract"),
    ("Latitude", Level.COORDINATES, "coordinates"),
    ("lon", Level.COORDINATES, "coordinates"),
    ("City", Level.CITY, None),
    ("SEER registry", Level.REGISTRY, None),
])
def test_headers_that_name_a_level(header, level, code):
    said = header_geography(header)
    assert said is not None and (said.level, said.code) == (level, code)


@pytest.mark.parametrize("header", ["Counties (n)", "County rate", "Average Annual Count", "Vital status",
                                    "Year", "Cancer site", "Long-term survivors", "United States"])
def test_headers_that_do_not(header):
    said = header_geography(header)
    assert said is None or (said.level is None and said.code is None)


def test_one_place_name_does_not_make_a_column_geographic():
    assert classify_values(["Breast", "Lung and Bronchus", "Washington", "Colon", "Prostate"]) is None
    assert classify_values(["Female", "Male", "Lincoln", "Stage IV"]) is None


def test_most_values_must_match_without_a_header():
    found = classify_values(["Marin County(7)", "Yolo County(7)", "California(7)", "US (SEER+NPCR)(1)"])
    assert (found.level, found.matched, found.total) == (Level.COUNTY, 2, 3)
    assert classify_values(["Marin County", "Breast", "Lung", "Colon"]) is None


def test_surnames_that_are_places_do_not_count_under_a_name_header():
    surnames = ["Jackson", "Lincoln", "Washington", "Madison", "Franklin"]
    assert classify_values(surnames, "Surname") is None


def test_codes_need_a_header_or_a_telling_shape():
    assert classify_values(["94110", "94103", "94117"], "Population") is None
    assert classify_values(["94110", "94103", "94117"]) is None  # could be counts
    assert classify_values(["94110", "94103", "94117"], first_column=True).level is Level.ZIP5
    assert classify_values(["06041", "06075", "06001"]).level is Level.COUNTY  # zero-padded: codes
    assert classify_values(["941", "945"], "ZIP").level is Level.ZIP3
    assert classify_values(["21000", "10000", "0"], "FIPS").level is Level.STATE


def test_examples_in_reports_are_coarsened_for_zip_codes_and_coordinates():
    assert classify_values(["94110", "94103"], "ZIP code").example == "941**"
    assert classify_values(["37.7749", "37.8044"], "Latitude").example == "37.7…"
    assert classify_values(["Marin County", "Yolo County"]).example == "Marin County"


def test_gazetteer_is_shipped_with_its_provenance():
    gaz = gazetteer()
    assert len(gaz.county_fips) > 3200 and "06041" in gaz.county_fips
    assert len(gaz.state_fips) >= 51 and gaz.zip5_exists("94110") and not gaz.zip5_exists("00000")
    assert "941" in gaz.zip3
    data = ROOT / "outscan" / "data"
    sizes = 0
    for path in data.glob("*.t*"):
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert any("Source:" in line for line in head), path.name
        assert any(word in " ".join(head) for word in ("MIT", "public domain")), path.name
        sizes += path.stat().st_size
    assert sizes < 1_000_000


def test_schema_levels_are_the_checks_levels():
    pack_schema = json.loads((ROOT / "outscan" / "schema" / "policy-pack.schema.json").read_text("utf-8"))
    levels = pack_schema["properties"]["settings"]["properties"]["geography_allowed"]["items"]["enum"]
    assert levels == [level.value for level in Level]
    report_schema = json.loads((ROOT / "outscan" / "schema" / "report.schema.json").read_text("utf-8"))
    policy = report_schema["properties"]["policy"]["properties"]["geography_allowed"]
    assert policy["items"]["enum"] == levels


def test_header_row_of_counties_is_one_finding_for_the_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    table = write(tmp_path, "by_county.csv",
                  "Site,Alameda County,Marin County,Sonoma County\nBreast,1200,304,480\n")
    report = scan([table], build_policy(["nccr-dua"]))
    (finding,) = [f for f in report.findings if f.rule == "OS120"]
    assert (finding.location.row, finding.location.column, finding.location.cell_ref) == (1, "Alameda County", "B1")
    assert "column headers name counties" in finding.message
    assert finding.clauses == ("NCCR DUA §10",)
    assert finding.severity.value == "block"


def test_message_names_level_count_and_one_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    table = write(tmp_path, "t.csv", "County,Cases\nMarin County(7),304\nYolo County(7),155\nTotal,459\n")
    (finding,) = scan([table], build_policy(["nccr-dua"])).findings
    assert finding.message == ("column 'County': row labels name counties (2 of 2 distinct values, "
                               "e.g. 'Marin County'); county-level geography is not allowed (allowed: national)")
    assert finding.evidence == "Marin County"


# ---------------------------------------------------------------------------------------
# The published tables in ../shared/real_tables

COVID = "Provisional_COVID-19_Deaths_by_County__and_Race_and_Hispanic_Origin.csv"


def _geography(report, name):
    return {(f.location.column, f.message.split(" name ", 1)[1].split(" (", 1)[0])
            for f in report.findings if f.rule == "OS120" and f.path == f"real_tables/{name}"}


@pytest.fixture
def nccr_report(real_tables, monkeypatch):
    monkeypatch.chdir(real_tables.parent)
    return scan([real_tables.name], build_policy(["nccr-dua"]))


def test_covid_county_file_is_county_level_under_nccr(nccr_report):
    assert _geography(nccr_report, COVID) == {
        ("State", "states"), ("County Name", "counties"), ("FIPS State", "states"),
        ("FIPS County", "counties"), ("FIPS Code", "counties"),
    }


def test_scp_california_county_file_is_county_level_under_nccr(nccr_report):
    assert _geography(nccr_report, "scp-CA-breast_incd.csv") == {("County", "counties"), ("FIPS", "counties")}


def test_only_the_three_geographic_files_are_flagged_under_nccr(nccr_report):
    flagged = {f.path for f in nccr_report.findings if f.rule == "OS120"}
    assert flagged == {f"real_tables/{COVID}", "real_tables/scp-CA-breast_incd.csv",
                       "real_tables/scp-states-allsites_incd.csv"}


def test_scp_states_file_is_clean_under_a_pack_that_allows_states(real_tables, tmp_path, monkeypatch):
    pack = write(tmp_path, "states-ok.yaml",
                 "name: states-ok\nextends: nccr-dua\nsettings:\n  geography_allowed: [national, state]\n")
    monkeypatch.chdir(real_tables.parent)
    report = scan([f"{real_tables.name}/scp-states-allsites_incd.csv"], build_policy([str(pack)]))
    assert [f for f in report.findings if f.rule == "OS120"] == []
    # ... and the same pack still flags the county files.
    county = scan([f"{real_tables.name}/scp-CA-breast_incd.csv"], build_policy([str(pack)]))
    assert {f.location.column for f in county.findings if f.rule == "OS120"} == {"County", "FIPS"}


def test_default_policy_flags_no_geography(real_tables, monkeypatch):
    monkeypatch.chdir(real_tables.parent)
    report = scan([real_tables.name], build_policy([]))
    assert report.policy["geography_allowed"] is None
    assert [f for f in report.findings if f.rule == "OS120"] == []
