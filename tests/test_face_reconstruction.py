"""Face reconstruction (OS310) end to end through the CLI: the must-holds of the DICOM issue.

A 40-slice head MR series without defacing evidence gives one face_reconstruction finding;
the same series with 113102 declared gives only an info finding; a chest CT gives none.
Series are judged across the whole scan, also when files are read in worker processes.
"""

from __future__ import annotations

from pathlib import Path

from tests.dicom_factory import make_dicom, make_series

CLEAN_VISUAL_FEATURES = [
    {"CodeValue": "113100", "CodingSchemeDesignator": "DCM", "CodeMeaning": "Basic Application Confidentiality Profile"},
    {"CodeValue": "113102", "CodingSchemeDesignator": "DCM", "CodeMeaning": "Clean Recognizable Visual Features Option"},
]
HEAD_MR = {"Modality": "MR", "BodyPartExamined": "HEAD", "SeriesDescription": "T1 AX"}
CHEST_CT = {"Modality": "CT", "BodyPartExamined": "CHEST", "SOPClassUID": "1.2.840.10008.5.1.4.1.1.2"}


def _face(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["category"] == "face_reconstruction"]


def test_a_head_mr_without_defacing_is_one_blocking_finding_citing_tcia(tmp_path, run_cli):
    make_series(tmp_path / "out" / "head", 40, HEAD_MR)

    result = run_cli("scan", "out", "--policy", "tcia-limited-access", "--format", "json")

    found = _face(result.report)
    assert len(found) == 1, found
    finding = found[0]
    assert finding["rule"] == "OS310"
    assert finding["severity"] == "block"
    assert finding["path"] == "out/head/slice000.dcm"
    assert finding["location"] == {}
    assert "40 files, 40 slices" in finding["message"]
    assert "BodyPartExamined HEAD" in finding["message"]
    assert finding["clauses"] == ["TCIA §3.2", "TCIA §3.3"]
    assert result.exit_code == 1


def test_the_same_series_with_113102_declared_is_only_info(tmp_path, run_cli):
    make_series(tmp_path / "out" / "head", 40, {**HEAD_MR, "PatientIdentityRemoved": "YES",
                                                "DeidentificationMethodCodeSequence": CLEAN_VISUAL_FEATURES})

    result = run_cli("scan", "out", "--policy", "tcia-limited-access", "--format", "json")

    found = _face(result.report)
    assert [f["severity"] for f in found] == ["info"], found
    assert "28-38%" in found[0]["message"] and "113102" in found[0]["message"]


def test_a_chest_ct_and_a_short_head_ct_give_nothing(tmp_path, run_cli):
    make_series(tmp_path / "out" / "chest", 40, CHEST_CT)
    make_series(tmp_path / "out" / "head", 5, {**CHEST_CT, "BodyPartExamined": "HEAD"})

    result = run_cli("scan", "out", "--policy", "tcia-limited-access", "--format", "json")

    assert _face(result.report) == []


def test_a_series_is_one_finding_however_its_files_are_spread(tmp_path, run_cli):
    """Files of one series in two folders are one series; a copy of a slice is not a new slice."""
    series = "1.2.826.0.1.3680043.10.310.1"
    make_series(tmp_path / "out" / "a", 20, {**HEAD_MR, "SeriesInstanceUID": series})
    make_series(tmp_path / "out" / "b", 20, {**HEAD_MR, "SeriesInstanceUID": series}, name="copy")

    result = run_cli("scan", "out", "--format", "json")

    found = _face(result.report)
    assert len(found) == 1, found
    assert found[0]["path"].endswith("a/slice000.dcm")
    # both folders hold positions 0..19: 40 files, 20 distinct slices, just enough for a volume
    assert "40 files, 20 slices" in found[0]["message"]


def test_one_slice_repeated_over_time_is_no_volume(tmp_path, run_cli):
    series = "1.2.826.0.1.3680043.10.310.2"
    for index in range(30):
        make_dicom(tmp_path / "out" / "dyn" / f"t{index:03d}.dcm",
                   {**HEAD_MR, "SeriesInstanceUID": series, "InstanceNumber": index + 1,
                    "ImagePositionPatient": [0.0, 0.0, 12.5]})

    result = run_cli("scan", "out", "--format", "json")

    assert _face(result.report) == []


def test_files_without_a_series_uid_are_grouped_by_folder(tmp_path, run_cli):
    for index in range(25):
        make_dicom(tmp_path / "out" / "loose" / f"img{index:03d}.dcm",
                   {**HEAD_MR, "ImagePositionPatient": [0.0, 0.0, float(index)]})

    result = run_cli("scan", "out", "--format", "json")

    found = _face(result.report)
    assert len(found) == 1 and "25 files, 25 slices" in found[0]["message"], found


def test_defacing_declared_on_part_of_a_series_does_not_lower_it(tmp_path, run_cli):
    series = "1.2.826.0.1.3680043.10.310.3"
    make_series(tmp_path / "out" / "head", 20, {**HEAD_MR, "SeriesInstanceUID": series})
    make_series(tmp_path / "out" / "head", 20, {**HEAD_MR, "SeriesInstanceUID": series,
                                                "DeidentificationMethodCodeSequence": CLEAN_VISUAL_FEATURES},
                name="z", spacing=-1.0)

    result = run_cli("scan", "out", "--format", "json")

    found = _face(result.report)
    assert [f["severity"] for f in found] == ["block"], found
    assert "only 20 of 40 files carry defacing evidence" in found[0]["message"]


def test_the_finding_is_the_same_when_files_are_read_in_worker_processes(tmp_path, run_cli):
    make_series(tmp_path / "out" / "head", 40, HEAD_MR)
    make_series(tmp_path / "out" / "chest", 40, CHEST_CT)

    serial = run_cli("scan", "out", "--format", "json", "--jobs", "1")
    parallel = run_cli("scan", "out", "--format", "json", "--jobs", "2")

    assert _face(serial.report) == _face(parallel.report)
    assert len(_face(parallel.report)) == 1


def test_the_report_names_no_uid_and_no_patient_value(tmp_path, run_cli):
    series = "1.2.826.0.1.3680043.10.310.4"
    make_series(tmp_path / "out" / "head", 40, {**HEAD_MR, "SeriesInstanceUID": series,
                                                "PatientName": "Doe^Jane", "PatientID": "MRN0047113"})

    result = run_cli("scan", "out", "--format", "json")

    for finding in _face(result.report):
        text = finding["message"] + finding["evidence"]
        assert series not in text and "Doe" not in text and "0047113" not in text


def _write_rtstruct(path: Path, referenced: str, rois: list[str]) -> None:
    make_dicom(path, {
        "Modality": "RTSTRUCT", "SOPClassUID": "1.2.840.10008.5.1.4.1.1.481.3",
        "StructureSetROISequence": [{"ROINumber": i + 1, "ROIName": name} for i, name in enumerate(rois)],
        "ReferencedFrameOfReferenceSequence": [{"RTReferencedStudySequence": [
            {"RTReferencedSeriesSequence": [{"SeriesInstanceUID": referenced}]}]}],
    })


def test_an_rt_structure_set_on_a_head_volume_is_in_scope(tmp_path, run_cli):
    series = "1.2.826.0.1.3680043.10.310.5"
    make_series(tmp_path / "out" / "ct", 40, {**CHEST_CT, "BodyPartExamined": "HEADNECK", "SeriesInstanceUID": series})
    _write_rtstruct(tmp_path / "out" / "rs_body.dcm", series, ["External", "Brainstem"])
    _write_rtstruct(tmp_path / "out" / "rs_oar.dcm", series, ["GTV", "Parotid_L"])

    result = run_cli("scan", "out", "--format", "json")

    by_file = {f["path"].rsplit("/", 1)[-1]: f for f in _face(result.report)}
    assert sorted(by_file) == ["rs_body.dcm", "rs_oar.dcm", "slice000.dcm"], by_file
    assert by_file["rs_body.dcm"]["severity"] == "block"
    assert "'External' traces the skin surface" in by_file["rs_body.dcm"]["message"]
    assert by_file["rs_oar.dcm"]["severity"] == "info"


def test_an_rt_structure_set_on_a_chest_ct_is_not(tmp_path, run_cli):
    series = "1.2.826.0.1.3680043.10.310.6"
    make_series(tmp_path / "out" / "ct", 40, {**CHEST_CT, "SeriesInstanceUID": series})
    _write_rtstruct(tmp_path / "out" / "rs.dcm", series, ["External", "Lung_L"])

    result = run_cli("scan", "out", "--format", "json")

    assert _face(result.report) == []
