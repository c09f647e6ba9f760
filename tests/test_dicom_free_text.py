"""Identifying free text (OS303), private tags (OS302) and burned-in text risk (OS304),
end to end through the CLI on DICOM files written with pydicom, and on other people's files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from tests.dicom_factory import dataset, make_dicom

# What the planted patient is: none of it may reach a report.
SECRETS = ("John", "JOHN", "Doe", "DOE", "4471902", "19520314", "1952-03-14", "03/14/1952", "A7734521",
           "617-555-0199", "Gonzalez", "GONZALEZ")
RULES = ("OS302", "OS303", "OS304")


def _findings(report: dict, path: str) -> dict[tuple[str, str], dict]:
    return {(f["rule"], f["location"].get("tag")): f for f in report["findings"]
            if f["rule"] in RULES and f["path"] == path}


def _leaky_file(folder: Path) -> Path:
    path = make_dicom(folder / "case01.dcm", {
        "PatientName": "DOE^JOHN", "PatientID": "4471902", "PatientBirthDate": "19520314",
        "OtherPatientIDs": "A7734521", "Modality": "MR",
        "StudyDescription": "Brain MRI John Doe", "SeriesDescription": "AX T1 4471902",
        "ProtocolName": "BRAIN^ROUTINE", "ImageComments": "MRN 4471902 call 617-555-0199",
        "AdditionalPatientHistory": "DOB 03/14/1952", "StudyID": "A7734521",
        "ContentSequence": [{"ValueType": "TEXT", "TextValue": "Seen with Maria Gonzalez"}],
    }, private={(0x0019, "ACME 1.0"): {0x01: ("LO", "DOE^JOHN"), 0x02: ("DS", "1.5")},
                (0x0029, "SIEMENS CSA HEADER"): {0x08: ("CS", "IMAGE NUM 4")}})
    ds = pydicom.dcmread(path)
    # A private block inside a sequence item, and private elements without a creator.
    ds.RequestAttributesSequence = [dataset({"RequestedProcedureID": "RQ1"},
                                            private={(0x0021, "INNER 2"): {0x01: ("LO", "Doe John")}})]
    ds.add_new(0x00171001, "LO", "stray value")
    ds.add_new(0x00171002, "LO", "another")
    ds.save_as(path)
    return path


def test_identifying_text_and_private_tags_at_their_tags_and_nothing_identifying_printed(run_cli, tmp_path):
    _leaky_file(tmp_path / "out")

    result = run_cli("scan", "out", "--format", "json")

    assert result.exit_code == 1
    found = _findings(result.report, "out/case01.dcm")
    assert {key for key in found if key[0] == "OS303"} == {
        ("OS303", "(0008,1030)"), ("OS303", "(0008,103E)"), ("OS303", "(0010,21B0)"), ("OS303", "(0020,0010)"),
        ("OS303", "(0020,4000)"), ("OS303", "(0040,A730)[0]>(0040,A160)")}
    assert "the patient's name" in found[("OS303", "(0008,1030)")]["message"]
    assert "the PatientID value" in found[("OS303", "(0008,103E)")]["message"]
    assert "the patient's birth date" in found[("OS303", "(0010,21B0)")]["message"]
    assert "the OtherPatientIDs value" in found[("OS303", "(0020,0010)")]["message"]
    assert "a person's name" in found[("OS303", "(0040,A730)[0]>(0040,A160)")]["message"]
    assert {f["severity"] for key, f in found.items() if key[0] == "OS303"} == {"block"}
    # ImageComments holds the PatientID and a phone number: one finding per kind.
    comments = [f for f in result.report["findings"] if f["rule"] == "OS303" and f["location"]["tag"] == "(0020,4000)"]
    assert sorted(f["message"].split(" holds ")[1] for f in comments) == ["a phone number", "the PatientID value"]

    assert found[("OS302", "(0019,0010)")]["severity"] == "block"
    assert "2 elements" in found[("OS302", "(0019,0010)")]["message"]
    assert found[("OS302", "(0029,0010)")]["severity"] == "review"
    assert found[("OS302", "(0040,0275)[0]>(0021,0010)")]["severity"] == "block"
    assert "orphans" in found[("OS302", "(0017,1001)")]["message"]
    assert not any(rule == "OS304" for rule, _ in found)  # an MR with nothing said of its pixels

    for secret in SECRETS:
        assert secret not in result.output, secret


def test_a_clean_de_identified_file_is_quiet(run_cli, tmp_path):
    make_dicom(tmp_path / "out" / "clean.dcm", {
        "PatientName": "SUBJ0104", "PatientID": "SUBJ0104", "PatientIdentityRemoved": "YES",
        "Modality": "CT", "SOPClassUID": "1.2.840.10008.5.1.4.1.1.2", "BurnedInAnnotation": "NO",
        "StudyDescription": "CT CHEST W CONTRAST", "SeriesDescription": "T1 MPRAGE post contrast",
        "ProtocolName": "BRAIN^ROUTINE", "ImageComments": "SUBJ0104 baseline",
        "DeidentificationMethodCodeSequence": [{"CodeValue": "113100", "CodingSchemeDesignator": "DCM",
                                                "CodeMeaning": "Basic Application Confidentiality Profile"}],
    })

    result = run_cli("scan", "out", "--format", "json")

    assert _findings(result.report, "out/clean.dcm") == {}


def test_burned_in_text_risk_through_the_cli(run_cli, tmp_path):
    make_dicom(tmp_path / "out" / "burned.dcm", {"Modality": "US", "SOPClassUID": "1.2.840.10008.5.1.4.1.1.6.1",
                                                 "BurnedInAnnotation": "YES"})
    make_dicom(tmp_path / "out" / "us.dcm", {"Modality": "US", "SOPClassUID": "1.2.840.10008.5.1.4.1.1.6.1"})

    result = run_cli("scan", "out", "--format", "json")

    assert _findings(result.report, "out/burned.dcm")[("OS304", "(0028,0301)")]["severity"] == "block"
    assert _findings(result.report, "out/us.dcm")[("OS304", "(0008,0016)")]["severity"] == "review"


def _no_internal_errors(report: dict) -> None:
    for entry in report["files"]:
        assert not any(f"internal error in {rule}" in (entry.get("error") or "") for rule in RULES), entry


def test_deid_data_files_are_read_and_checked(run_cli, tmp_path):
    deid_data = pytest.importorskip("deid_data")
    # Copied out of site-packages: a venv inside a project (CI's .venv) would make paths
    # relative to that project's root instead of the data folder.
    folder = tmp_path / "deid"
    shutil.copytree(Path(deid_data.__file__).parent / "data", folder)

    result = run_cli("scan", str(folder), "--format", "json", cwd=folder)

    dicoms = [f for f in result.report["files"] if f["path"].endswith(".dcm")]
    assert len(dicoms) >= 10
    _no_internal_errors(result.report)
    by_rule = {(f["rule"], f["path"], f["location"].get("tag")): f for f in result.report["findings"]}
    # The patient's name kept in a MITRA private block; burned-in annotation declared on an ultrasound.
    assert by_rule[("OS302", "humans/ctbrain1.dcm", "(0033,0010)")]["severity"] == "block"
    assert by_rule[("OS304", "ultrasounds/ultrasound-multiframe.dcm", "(0028,0301)")]["severity"] == "block"
    assert by_rule[("OS304", "ultrasounds/RGB_IMAGE.dcm", "(0008,0016)")]["severity"] == "review"


def _pydicom_files() -> list[Path]:
    """pydicom's own test files and those of pydicom-data, from disk: never fetched."""
    import pydicom.data

    roots = [Path(pydicom.data.__file__).parent / "test_files"]
    try:
        import data_store  # pydicom-data

        roots.append(Path(data_store.__file__).parent / "data")
    except ImportError:
        pass
    return sorted(f for root in roots if root.is_dir() for f in root.rglob("*.dcm"))


def test_pydicom_test_files_are_checked_without_internal_errors(run_cli, tmp_path):
    files = _pydicom_files()
    if not files:
        pytest.skip("pydicom's test files are not installed")
    folder = tmp_path / "pd"
    folder.mkdir()
    for index, source in enumerate(files):
        (folder / f"{index:03d}_{source.name}").write_bytes(source.read_bytes())

    result = run_cli("scan", "pd", "--format", "json")

    _no_internal_errors(result.report)
    assert any(f["rule"] == "OS302" for f in result.report["findings"])


@pytest.mark.parametrize("value, analysed", [
    ("slice 12 of 40", False), ("ax t2 3mm fs", False), ("post contrast", False),
    ("seen by john smith", True),  # a given name, even in lower case
    ("Dr Okafor", True), ("call 6175550199", True), ("mail x@y.org", True), ("born 1952", True),
])
def test_the_text_engine_meets_only_values_that_could_name_someone(value, analysed):
    from outscan.checks.dicom.free_text import may_name_someone

    assert may_name_someone(value) is analysed


def test_a_value_the_engine_skips_is_still_searched_for_the_files_own_identity(tmp_path, run_cli):
    make_dicom(tmp_path / "a.dcm", {"PatientName": "Whitfield^Eleanor", "PatientID": "4471902",
                                    "ImageComments": "slice 3 of 40 whitfield 4471902"})
    result = run_cli("scan", ".", "--format", "json", "--exit-zero")
    found = _findings(result.report, "a.dcm")
    assert found[("OS303", "(0020,4000)")]["severity"] == "block"
    assert "whitfield" not in result.output.lower() and "4471902" not in result.output
