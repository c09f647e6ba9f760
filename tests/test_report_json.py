"""The JSON contract: schema-valid, deterministic, content-based fingerprints, masked evidence."""

from __future__ import annotations

import json

from outscan.api import scan
from outscan.policy import build_policy
from outscan.report import render
from tests.conftest import validate_report, write

TABLE = "Site,Male,Female\nLeukemia,3,40\nLymphoma,52,61\nWilms,8,22\n"


def _json(report) -> dict:
    return validate_report(json.loads(render(report, "json")))


def test_same_inputs_same_json_apart_from_the_timestamp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "b.csv", TABLE)
    write(tmp_path, "a/c.csv", TABLE)
    write(tmp_path, "notes.png", b"\x89PNG\r\n\x1a\n synthetic")
    first, second = (_json(scan(["."], build_policy(["nccr-dua"]))) for _ in range(2))
    first.pop("generated_at"), second.pop("generated_at")
    assert first == second
    assert [f["path"] for f in first["files"]] == ["a/c.csv", "b.csv", "notes.png"]
    assert [(f["path"], f["location"]["row"]) for f in first["findings"]] == [
        ("a/c.csv", 2), ("a/c.csv", 4), ("b.csv", 2), ("b.csv", 4)]
    assert first["files"][2]["status"] == "skipped"
    assert len(first["files"][0]["sha256"]) == 64


def test_fingerprint_survives_rows_added_above(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "t.csv", TABLE)
    before = {f.fingerprint: f.location.row for f in scan([path]).findings}
    write(tmp_path, "t.csv", TABLE.replace("Leukemia,3,40\n", "Myeloma,90,91\nLeukemia,3,40\n"))
    after = {f.fingerprint: f.location.row for f in scan([path]).findings}
    assert set(before) == set(after)
    assert sorted(after.values()) == [r + 1 for r in sorted(before.values())]


def test_fingerprint_tells_identical_matches_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "t.csv", "Site,Cases\nA,3\nA,3\n")
    fingerprints = [f.fingerprint for f in scan([path]).findings]
    assert len(fingerprints) == 2 and len(set(fingerprints)) == 2


def test_identifiers_never_reach_the_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "patients.csv",
          "Patient name,MRN,Date of birth,Diagnosis,Visits\nJohn Smith,00482135,03/14/1987,Ependymoma,3\n")
    write(tmp_path, "notes.csv", "Group,Visits\nseen 2019-04-02 as MRN 123456789,3\n")
    report = scan(["."])
    text = render(report, "json") + render(report, "console")
    for secret in ("John", "Smith", "00482135", "03/14/1987", "123456789", "2019-04-02"):
        assert secret not in text
    messages = sorted(f.message for f in report.findings)
    # A 'Patient name' column makes the rows people: none of their labels names the row.
    assert messages == [
        "'Visits': count 3 is below the minimum of 10",
        "'seen **/**/2019 as MRN *******89' × 'Visits': count 3 is below the minimum of 10",
    ]
    _json(report)


def test_names_beside_personal_dates_never_name_a_row(tmp_path, monkeypatch):
    """A row label column next to dates that differ row by row (dates of birth) names people."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "subjects.csv", "Case,Born,Lesions,Biopsies,Total\nJohn Smith,1962-03-14,12,*,17\n"
                                    "Mary Jones,1970-05-02,20,9,29\nAnn Lee,1981-11-23,15,3,18\n")
    report = scan(["."])
    text = render(report, "json") + render(report, "console")
    assert report.findings
    for secret in ("John", "Smith", "Mary", "1962-03-14", "1970"):
        assert secret not in text
