"""The DICOM reader and what the scan does around it: found by content, walked to any depth,
damaged files reported per file, and the same report from one process or several."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from outscan.api import scan
from outscan.discover import classify
from outscan.readers.dicom import read_dicom
from outscan.readers.errors import ReadError
from outscan.report import render
from tests.dicom_factory import make_dicom


def test_sequences_are_walked_with_paths(tmp_path):
    path = make_dicom(tmp_path / "a.dcm", {
        "PatientName": "Doe^John",
        "RequestAttributesSequence": [{"AccessionNumber": "A1", "ScheduledProcedureStepID": "S1"},
                                      {"AccessionNumber": "A2"}],
    }, private={(0x0009, "ACME 1.0"): {0x01: ("LO", "kept")}})
    header, member = read_dicom(path)
    paths = {e.path: e for e in header.elements}
    assert paths["(0010,0010)"].value == "Doe^John"
    assert paths["(0040,0275)[1]>(0008,0050)"].value == "A2"
    assert paths["(0040,0275)[0]>(0008,0050)"].in_sequence == "RequestAttributesSequence"
    assert paths["(0009,1001)"].private_creator == "ACME 1.0"
    assert member.modality == "MR"


def test_dicomdir_records_are_read():
    header, _ = read_dicom(Path(get_testdata_file("DICOMDIR", download=False)))
    assert header.is_dicomdir
    names = [e for e in header.elements if e.keyword == "PatientName"]
    assert names and all(e.path.startswith("(0004,1220)[") for e in names)


def test_a_file_without_preamble_is_found_by_content(tmp_path):
    shutil.copy(get_testdata_file("ExplVR_LitEndNoMeta.dcm", download=False), tmp_path / "image")
    assert classify(tmp_path / "image") == ("dicom", None)
    header, _ = read_dicom(tmp_path / "image")
    assert header.first("Modality")


@pytest.mark.parametrize("name", ["MR_truncated.dcm", "rtplan_truncated.dcm"])
def test_damaged_files_are_per_file_results_not_crashes(name, tmp_path):
    shutil.copy(get_testdata_file(name, download=False), tmp_path / name)
    (tmp_path / "not_dicom.dcm").write_text("hello, I am a text file with a .dcm name\n")
    report = scan([tmp_path])
    by_path = {f.path.rsplit("/", 1)[-1]: f for f in report.files}
    assert by_path["not_dicom.dcm"].status.value == "error"
    assert by_path[name].status.value in ("scanned", "error")


def test_not_dicom_named_dcm_raises_a_read_error(tmp_path):
    (tmp_path / "x.dcm").write_bytes(b"\x00" * 10)
    with pytest.raises(ReadError):
        read_dicom(tmp_path / "x.dcm")


def test_workers_give_the_same_report_as_one_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for index in range(80):
        make_dicom(tmp_path / "dicom" / f"f{index:03d}.dcm",
                   {"PatientName": f"Doe^John{index}", "PatientID": f"{100000 + index}", "Modality": "CT"})
    (tmp_path / "t.csv").write_text("Group,Count\nA,3\nB,40\n")
    serial, parallel = (json.loads(render(scan(["."], jobs=jobs), "json")) for jobs in (1, 2))
    serial.pop("generated_at"), parallel.pop("generated_at")
    assert serial == parallel
    assert len(serial["files"]) == 81


def test_a_file_cut_inside_a_value_is_an_error_with_what_was_read(tmp_path, run_cli):
    whole = make_dicom(tmp_path / "whole.dcm", {"PatientName": "Doe^John", "PatientID": "4471902",
                                                "StudyDescription": "CT HEAD " + "x" * 60})
    data = whole.read_bytes()
    (tmp_path / "cut.dcm").write_bytes(data[: data.index(b"CT HEAD") + 10])
    whole.unlink()
    result = run_cli("scan", "cut.dcm", "--format", "json", cwd=tmp_path)
    (entry,) = result.report["files"]
    assert entry["status"] == "error" and "truncated" in entry["error"]
    assert result.exit_code == 3


@pytest.mark.parametrize("source", ["plain", "pydicom"])
def test_the_report_gives_each_dicom_file_its_sha256(source, tmp_path, monkeypatch):
    """The fast path hashes the bytes it read; a file pydicom reads (no preamble) is hashed apart."""
    import hashlib

    monkeypatch.chdir(tmp_path)
    path = make_dicom(tmp_path / "a.dcm", {"PatientName": "Doe^John"}, preamble=source == "plain")
    truncated = tmp_path / "cut.dcm"
    truncated.write_bytes(path.read_bytes()[:200])
    report = scan([tmp_path])
    hashes = {f.path: f.sha256 for f in report.files}
    assert hashes["a.dcm"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert hashes["cut.dcm"] == hashlib.sha256(truncated.read_bytes()).hexdigest()
