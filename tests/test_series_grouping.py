"""What every file of a DICOM series repeats is one finding, with the other files in `also_in`."""

from __future__ import annotations

import json

from pydicom.uid import generate_uid

from outscan.api import scan
from outscan.decisions import attach, decide, status
from outscan.model import Decision, Severity
from outscan.report import render
from tests.dicom_factory import make_dicom, make_series

HEAD = {"Modality": "CT", "BodyPartExamined": "CHEST", "PatientName": "Whitfield^Eleanor", "PatientID": "4471902",
        "InstitutionName": "St Mary Medical Center"}


def _at(report, keyword_tag: str, rule: str = "OS301"):
    return [f for f in report.findings if f.rule == rule and f.location.tag == keyword_tag]


def test_a_series_repeating_a_name_gives_one_finding_naming_the_other_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_series(tmp_path / "series", 12, HEAD)
    report = scan(["."])
    names = _at(report, "(0010,0010)")
    assert len(names) == 1
    name = names[0]
    assert name.severity is Severity.BLOCK
    assert name.path == "series/slice000.dcm"
    assert name.also_in == tuple(f"series/slice{n:03d}.dcm" for n in range(1, 12))
    assert "the same in 11 other files of this series" in name.message
    # A UID every file holds its own of is reviewed once for the series, saying the values differ.
    uids = _at(report, "(0008,0018)")
    assert len(uids) == 1 and uids[0].severity is Severity.REVIEW
    assert uids[0].path == "series/slice000.dcm" and len(uids[0].also_in) == 11
    assert "also in 11 other files of this series, the value differing in each" in uids[0].message
    document = json.loads(render(report, "json"))
    grouped = [f for f in document["findings"] if f["location"].get("tag") == "(0010,0010)"]
    assert grouped[0]["also_in"] == list(name.also_in)


def test_other_series_and_other_values_are_findings_of_their_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_series(tmp_path / "a", 5, HEAD)
    make_series(tmp_path / "b", 5, HEAD)  # the same patient, another series
    odd = make_series(tmp_path / "c", 4, {**HEAD, "SeriesInstanceUID": generate_uid()})
    make_dicom(odd[0], {**HEAD, "PatientName": "Okafor^Ada", "SeriesInstanceUID": "1.2.3.4",
                        "InstanceNumber": 1})
    make_dicom(tmp_path / "c" / "other.dcm", {**HEAD, "PatientName": "Okafor^Ada", "SeriesInstanceUID": "1.2.3.4"})
    report = scan(["."])
    names = _at(report, "(0010,0010)")
    by_path = {f.path: f for f in names}
    assert set(by_path) == {"a/slice000.dcm", "b/slice000.dcm", "c/slice001.dcm", "c/other.dcm"}
    assert len(by_path["a/slice000.dcm"].also_in) == 4
    assert len(by_path["c/slice001.dcm"].also_in) == 2
    # The slice that names someone else is grouped with the other file of its own series.
    assert by_path["c/other.dcm"].also_in == ("c/slice000.dcm",)


def test_a_blocking_value_that_differs_in_one_file_is_a_finding_of_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = make_series(tmp_path / "series", 6, {**HEAD, "StudyDate": "20190314"})
    series = "1.2.826.0.1.3680043.8.498.77"
    for index, path in enumerate(paths):
        odd = index == 3
        make_dicom(path, {**HEAD, "SeriesInstanceUID": series, "InstanceNumber": index + 1,
                          "PatientName": "Okafor^Ada" if odd else HEAD["PatientName"],
                          "StudyDate": "20200315" if odd else "20190314"})
    report = scan(["."])
    names = {f.path: f for f in _at(report, "(0010,0010)")}
    assert set(names) == {"series/slice000.dcm", "series/slice003.dcm"}
    assert len(names["series/slice000.dcm"].also_in) == 4 and names["series/slice003.dcm"].also_in == ()
    assert "O*** A***" in names["series/slice003.dcm"].message
    # A date to review: one finding for the series, saying one file's value differs.
    dates = _at(report, "(0008,0020)")
    assert len(dates) == 1 and len(dates[0].also_in) == 5
    assert "the value differing in 1]" in dates[0].message


def test_files_without_a_series_uid_are_never_grouped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("one.dcm", "two.dcm"):
        make_dicom(tmp_path / name, HEAD)
    names = _at(scan(["."]), "(0010,0010)")
    assert [(f.path, f.also_in) for f in names] == [("one.dcm", ()), ("two.dcm", ())]


def test_workers_group_as_one_process_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for index in range(3):
        make_series(tmp_path / f"s{index}", 30, HEAD)
    serial, parallel = (json.loads(render(scan(["."], jobs=jobs), "json")) for jobs in (1, 2))
    serial.pop("generated_at"), parallel.pop("generated_at")
    assert serial == parallel
    assert sum(1 for f in serial["findings"] if f.get("also_in")) > 10


def test_a_decision_on_a_grouped_finding_reopens_when_any_file_of_the_series_changes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = make_series(tmp_path / "series", 6, HEAD)
    (tmp_path / "notes.txt").write_text("nothing to see\n")
    report = scan(["."])
    name = _at(report, "(0010,0010)")[0]
    review = decide(report, name, Decision.CHANGE, "R. Checker", comment="empty the name")

    (tmp_path / "notes.txt").write_text("an unrelated edit\n")
    again = attach(scan(["."]), [review])
    assert status(again, _at(again, "(0010,0010)")[0]) != "open"
    assert name.fingerprint in again.reviews

    make_dicom(paths[4], {**HEAD, "SeriesInstanceUID": _series_of(paths[0]), "InstanceNumber": 5,
                          "ImageComments": "edited"})
    changed = attach(scan(["."]), [review])
    assert _at(changed, "(0010,0010)")[0].fingerprint == name.fingerprint
    assert name.fingerprint in changed.reopened


def _series_of(path) -> str:
    import pydicom

    return str(pydicom.dcmread(path, stop_before_pixels=True).SeriesInstanceUID)


def test_the_cli_report_shows_the_group_once(tmp_path, run_cli):
    make_series(tmp_path / "series", 8, HEAD)
    result = run_cli("scan", ".", "--format", "markdown", "--exit-zero")
    assert result.output.count("PatientName (0010,0010)") == 1
    assert "the same in 7 other files of this series" in result.output


def test_findings_reused_across_files_follow_the_policy_of_each_scan(tmp_path, monkeypatch):
    """OS301 copies a finding a series repeats: a second scan under another policy (other clauses,
    a severity override) in the same process must not get the first scan's copies."""
    import dataclasses

    from outscan.policy import build_policy

    monkeypatch.chdir(tmp_path)
    make_series(tmp_path / "series", 3, HEAD)
    first = _at(scan(["."], build_policy(["tcia-limited-access"])), "(0010,0010)")[0]
    strict = build_policy(["nccr-dua"])
    lowered = dataclasses.replace(strict, severity_overrides={"OS301": Severity.REVIEW})
    second = _at(scan(["."], lowered), "(0010,0010)")[0]
    assert first.severity is Severity.BLOCK and second.severity is Severity.REVIEW
    assert first.clauses != second.clauses
    assert all(clause.startswith("NCCR") or clause.startswith("SDC") for clause in second.clauses)


def test_the_worksheets_list_the_other_files_of_a_group(tmp_path, run_cli):
    make_series(tmp_path / "series", 8, HEAD)
    markdown = run_cli("scan", ".", "--format", "markdown", "--exit-zero").output
    assert "Also in 7 other files of the series: series/slice001.dcm, series/slice002.dcm" in markdown
    assert "… series/slice007.dcm" in markdown
    run_cli("scan", ".", "--format", "html", "--exit-zero", "--output", "w.html")
    html = (tmp_path / "w.html").read_text(encoding="utf-8")
    assert "<dt>Also in</dt><dd>7 other files of the series: series/slice001.dcm" in html


def test_a_process_that_forgets_a_series_sends_its_findings_anew_and_the_report_is_the_same(tmp_path, monkeypatch):
    """A worker remembers what it sent of its most recent series only; series read in turns
    make it forget and send again, which the parent must group as before."""
    from outscan import api
    from outscan.grouping import SentInThisProcess

    monkeypatch.chdir(tmp_path)
    for index in range(6):
        for series in ("1.2.826.0.1.3680043.8.498.41", "1.2.826.0.1.3680043.8.498.42"):
            make_dicom(tmp_path / "mixed" / f"IM{index:03d}_{series[-2:]}.dcm",
                       {**HEAD, "SeriesInstanceUID": series, "ImageComments": f"slice {index}"})
    remembering = json.loads(render(scan(["."]), "json"))
    monkeypatch.setattr(api, "_SENT", SentInThisProcess(series_kept=1))
    forgetting = json.loads(render(scan(["."]), "json"))
    remembering.pop("generated_at"), forgetting.pop("generated_at")
    assert forgetting == remembering
    assert any(len(f.get("also_in", ())) == 5 for f in forgetting["findings"])
