"""OS301 on DICOM files written by others: pydicom's own test files (pydicom-data's too, which
pydicom finds offline) and deid-data's. Every non-empty identifying attribute that pydicom's
own walk of a data set finds must come back as a block finding at its tag — inside sequences
and DICOMDIR records too — and no report may repeat an identifier in full."""

from __future__ import annotations

import shutil
import warnings
from collections import Counter
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from outscan.checks.base import CheckContext
from outscan.checks.dicom.os301_confidentiality_profile import ConfidentialityProfileAttribute
from outscan.checks.dicom.profile import (annex_e_row, declaration, deidentification_declared, dummy_kind,
                                          has_content, person_like)
from outscan.documents import dicom_tag
from outscan.policy import build_policy
from outscan.readers.dicom import read_dicom
from outscan.readers.errors import ReadError

# The identifying attributes the issue lists, by keyword (names, IDs, birth date, address,
# phones, accession number, institution, physicians, operators, station, device serial).
IDENTIFYING = frozenset({
    "PatientName", "PatientID", "OtherPatientIDs", "OtherPatientNames", "PatientBirthName", "PatientMotherBirthName",
    "PatientBirthDate", "PatientAddress", "PatientTelephoneNumbers", "AccessionNumber", "InstitutionName",
    "InstitutionAddress", "InstitutionalDepartmentName", "ReferringPhysicianName", "ReferringPhysicianAddress",
    "ReferringPhysicianTelephoneNumbers", "PerformingPhysicianName", "NameOfPhysiciansReadingStudy",
    "PhysiciansOfRecord", "RequestingPhysician", "ScheduledPerformingPhysicianName", "OperatorsName",
    "StationName", "DeviceSerialNumber",
})


def _deid_files() -> list[str]:
    try:
        import deid_data
    except ImportError:
        return []
    root = Path(deid_data.__file__).parent / "data"
    return sorted(str(p) for p in root.rglob("*.dcm"))


def _dicom_files() -> list[str]:
    """pydicom's own test files and pydicom-data's, found locally: `get_testdata_files()` would
    try to download the files neither holds, and tests run offline."""
    from pydicom.data.data_manager import DATA_ROOT, external_data_sources

    files = {str(p) for p in (Path(DATA_ROOT) / "test_files").rglob("*") if p.is_file()}
    for source in external_data_sources().values():
        for dtype in (0, 3):  # DICOM data sets and DICOMDIRs
            files.update(str(p) for p in source.get_paths("**/*", dtype) if Path(p).is_file())
    return sorted(files) + _deid_files()


def _readable(path: str):
    try:
        return read_dicom(Path(path))[0]
    except ReadError:
        return None


def _findings(header):
    context = CheckContext(path="file.dcm", policy=build_policy(["tcia-limited-access"]))
    return list(ConfidentialityProfileAttribute().run(header, context))


def _expected(dataset, header) -> Counter:
    """What pydicom's own walk says must be blocked: identifying, non-empty, not a trusted dummy."""
    trusted = deidentification_declared(header)
    expected: Counter = Counter()
    for element in dataset.iterall():
        if element.keyword not in IDENTIFYING or element.VR == "SQ":
            continue
        value = element.value
        text = "\\".join(str(v) for v in value) if isinstance(value, (list, tuple)) or \
            type(value).__name__ == "MultiValue" else str(value if value is not None else "")
        if not has_content(text):
            continue
        if trusted and dummy_kind(text) and not person_like(text):
            continue  # a dummy under a trusted declaration is info; the fixtures pin the cross-attribute rule
        expected[dicom_tag(int(element.tag))] += 1
    return expected


FILES = _dicom_files()


@pytest.mark.parametrize("path", FILES, ids=[Path(f).parent.name + "/" + Path(f).name for f in FILES])
def test_every_identifying_attribute_is_found_at_its_tag(path):
    header = _readable(path)
    if header is None:
        pytest.skip("the reader does not read this file (not DICOM, or no meta and no recognisable start)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = pydicom.dcmread(path, stop_before_pixels=True, force=True)
    expected = _expected(dataset, header)
    found = Counter()
    for finding in _findings(header):
        tag = finding.location.tag.rsplit(">", 1)[-1]
        if finding.severity.value == "block" and tag in expected:
            found[tag] += 1
    missing = expected - found
    assert not missing, f"not blocked at their tags: {dict(missing)}"


def test_the_suite_reads_files_with_identifiers_in_sequences_and_dicomdir_records():
    """The parametrized test above is not vacuous: real identifiers, nested ones included."""
    nested = 0
    total = 0
    for path in FILES:
        header = _readable(path)
        if header is None:
            continue
        for finding in _findings(header):
            if finding.severity.value == "block":
                total += 1
                nested += ">" in finding.location.tag
    assert total > 200 and nested > 20, (total, nested)


def test_dicomdir_records_are_checked():
    header = _readable(get_testdata_file("DICOMDIR", download=False))
    assert header is not None
    blocked = {f.location.tag for f in _findings(header) if f.severity.value == "block"}
    assert any(tag.startswith("(0004,1220)[") and tag.endswith(">(0010,0010)") for tag in blocked), blocked
    assert any(tag.endswith(">(0010,0020)") for tag in blocked)


def test_other_patient_ids_inside_their_sequence():
    header = _readable(get_testdata_file("CT_small.dcm", download=False))
    findings = {f.location.tag: f for f in _findings(header)}
    assert findings["(0010,1002)[0]>(0010,0020)"].severity.value == "block"
    assert findings["(0010,1002)[1]>(0010,0020)"].severity.value == "block"
    assert findings["(0010,1002)"].severity.value == "info"  # the sequence itself; its IDs block


def test_the_table_covers_repeating_groups_and_leaves_private_and_file_meta_out():
    assert annex_e_row(0x60003000).keyword == "OverlayData"
    assert annex_e_row(0x601E4000).keyword == "OverlayComments"
    assert annex_e_row(0x50020010).keyword == "CurveData"
    assert annex_e_row(0x60013000) is None  # odd group: private
    assert annex_e_row(0x00100010).action == "Z"
    assert annex_e_row(0x00080016) is None  # SOPClassUID is not in the table


def test_declaration_and_its_contradictions(tmp_path):
    from tests.dicom_factory import make_dicom

    method = [{"CodeValue": "113100", "CodingSchemeDesignator": "DCM", "CodeMeaning": "Basic Profile"}]
    clean = read_dicom(make_dicom(tmp_path / "a.dcm", {"PatientName": "SUBJ01", "PatientIdentityRemoved": "YES",
                                                       "DeidentificationMethodCodeSequence": method}))[0]
    assert deidentification_declared(clean) and declaration(clean).contradictions == ()
    burned = read_dicom(make_dicom(tmp_path / "b.dcm", {"PatientIdentityRemoved": "YES", "BurnedInAnnotation": "YES"}))[0]
    assert not deidentification_declared(burned) and deidentification_declared(burned, trusted=False)
    assert declaration(burned).contradictions == ("BurnedInAnnotation is YES",)
    plain = read_dicom(make_dicom(tmp_path / "c.dcm", {"PatientName": "Doe^John"}))[0]
    assert not deidentification_declared(plain, trusted=False)


@pytest.mark.parametrize(("value", "kind"), [
    ("SUBJ0104", "pseudonym"), ("TCGA-02-0001", "pseudonym"), ("0104", "pseudonym"), ("ANON", "dummy"),
    ("Anonymized", "dummy"), ("XXXX", "dummy"), ("^", "dummy"), ("Doe^John", None), ("4471902", None),
    ("John Smith", None), ("Springfield General Hospital", None),
])
def test_dummies_and_pseudonyms(value, kind):
    assert dummy_kind(value) == kind


def test_no_identifier_reaches_a_json_report(run_cli, tmp_path):
    """End to end: a real scanner file through the CLI; every identifying value stays masked."""
    source = get_testdata_file("CT_small.dcm", download=False)
    shutil.copy(source, tmp_path / "ct.dcm")
    result = run_cli("scan", "ct.dcm", "--format", "json", "--policy", "tcia-limited-access", cwd=tmp_path)

    assert result.exit_code == 1, result.output
    os301 = [f for f in result.report["findings"] if f["rule"] == "OS301"]
    blocked = {f["location"]["tag"] for f in os301 if f["severity"] == "block"}
    assert {"(0010,0010)", "(0010,0020)", "(0008,0080)", "(0008,1010)"} <= blocked
    assert all({"TCIA §3.1", "TCIA §4"} <= set(f["clauses"]) for f in os301)
    dataset = pydicom.dcmread(source, stop_before_pixels=True)
    secrets = set()
    for element in dataset.iterall():
        if element.keyword in IDENTIFYING | {"StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"} \
                and element.VR != "SQ" and str(element.value).strip():
            value = str(element.value)
            secrets.add(value)
            secrets.update(part for part in value.replace("^", " ").split() if len(part) >= 4)
    assert secrets
    for secret in secrets:
        assert secret not in result.output, secret
