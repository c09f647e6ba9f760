"""The later files of a DICOM series are checked for what differs from the file before
(`outscan.checks.dicom.series_delta`); the report must be the one a check of every file in
full gives, finding for finding, whatever changes inside a series."""

from __future__ import annotations

import pytest

from outscan import api
from outscan.checks.dicom.series_delta import REUSE, RUN_IN_FULL, RUN_ON_CHANGES, SeriesDelta
from outscan.checks.registry import checks_for
from outscan.documents import DicomHeader
from outscan.policy import build_policy
from outscan.readers.dicom import read_dicom
from tests.dicom_factory import make_dicom

SERIES = "1.2.826.0.1.3680043.8.498.1001"
# What every file of the series shares: an identified patient, a study, a scanner and a private block.
SHARED = {
    "PatientName": "Okafor^Chidi", "PatientID": "55012345", "PatientBirthDate": "19610423",
    "AccessionNumber": "A77001", "InstitutionName": "Riverside University Hospital", "StudyDate": "20210304",
    "StudyDescription": "MRI BRAIN", "SeriesDescription": "T1 MPRAGE", "BodyPartExamined": "HEAD",
    "Modality": "MR", "MRAcquisitionType": "3D", "StudyInstanceUID": "1.2.826.0.1.3680043.8.498.1000",
    "SeriesInstanceUID": SERIES, "OperatorsName": "Hansen^Peter",
}
PRIVATE = {(0x0019, "SIEMENS MR HEADER"): {0x08: ("CS", "IMAGE NUM 4"), 0x0F: ("SH", "Fast")}}


def _series(folder, count: int, change=lambda index, elements, private: None) -> None:
    """`count` files of one series; `change(index, elements, private)` edits one file's header."""
    for index in range(count):
        elements = {**SHARED, "SOPInstanceUID": f"1.2.826.0.1.3680043.8.498.2{index:03d}",
                    "InstanceNumber": index + 1, "ImagePositionPatient": [0.0, 0.0, float(index)],
                    "AcquisitionTime": f"1006{index % 60:02d}", "ImageComments": f"slice {index + 1}"}
        private = {key: dict(values) for key, values in PRIVATE.items()}
        change(index, elements, private)
        make_dicom(folder / f"IM{index:04d}.dcm", elements, private)


def _both(folder, monkeypatch, jobs: int = 1):
    """(the report checking every file in full, the report with the series delta)."""
    policy = build_policy(["tcia-limited-access"])
    monkeypatch.setattr(api, "_DELTA_ENABLED", False)
    full = api.scan([folder], policy, jobs=jobs)
    monkeypatch.setattr(api, "_DELTA_ENABLED", True)
    delta = api.scan([folder], policy, jobs=jobs)
    return full, delta


def _same(full, delta) -> None:
    assert delta.files == full.files
    assert [f.to_dict() for f in delta.findings] == [f.to_dict() for f in full.findings]


def _count_runs(monkeypatch) -> dict[str, int]:
    """How often each DICOM header check runs in full (a spy on `run`)."""
    runs: dict[str, int] = {}
    for check in checks_for(DicomHeader(elements=[])):
        cls = type(check)
        original = cls.run

        def counted(self, header, context, original=original, code=cls.code):
            runs[code] = runs.get(code, 0) + 1
            return original(self, header, context)

        monkeypatch.setattr(cls, "run", counted)
    return runs


# ---------------------------------------------------------------------------------------
# The same report


CHANGES = {
    "only the instance's own values change": lambda i, e, p: None,
    "the patient's name changes halfway": lambda i, e, p: e.update(PatientName="Rossi^Anna") if i >= 5 else None,
    "a name every file's description holds becomes the patient's": lambda i, e, p: e.update(
        StudyDescription="MRI BRAIN ROSSI", **({"PatientName": "Rossi^Anna"} if i >= 5 else {})),
    "one file names the patient in its comment": lambda i, e, p: e.update(ImageComments="slice of Chidi Okafor")
    if i == 4 else None,
    "one file holds an MRN in its comment": lambda i, e, p: e.update(ImageComments="MRN 55012345") if i == 6 else None,
    "de-identification declared from the middle": lambda i, e, p: e.update(
        PatientIdentityRemoved="YES", PatientName="SUBJ0104", PatientID="SUBJ0104",
        DeidentificationMethodCodeSequence=[{"CodeValue": "113100", "CodingSchemeDesignator": "DCM",
                                             "CodeMeaning": "Basic Application Confidentiality Profile"}])
    if i >= 3 else None,
    "a private value names the patient in one file": lambda i, e, p: p[(0x0019, "SIEMENS MR HEADER")].update(
        {0x10: ("LO", "Okafor^Chidi")}) if i == 2 else None,
    "an element missing from some files": lambda i, e, p: e.pop("OperatorsName") if i % 3 == 1 else None,
    "an element only some files hold": lambda i, e, p: e.update(PerformingPhysicianName="Tanaka^Wei")
    if i in (2, 7) else None,
    "burned-in text declared in one file": lambda i, e, p: e.update(BurnedInAnnotation="YES") if i == 5 else None,
    "a secondary capture in the middle": lambda i, e, p: e.update(Modality="OT", ImageType=["DERIVED", "SECONDARY"])
    if i == 4 else None,
    "another institution in the last files": lambda i, e, p: e.update(InstitutionName="St Mary Medical Center")
    if i >= 8 else None,
}


@pytest.mark.parametrize("what", list(CHANGES))
def test_the_delta_report_is_the_full_report(what, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _series(tmp_path / "series", 10, CHANGES[what])
    full, delta = _both(tmp_path / "series", monkeypatch)
    _same(full, delta)
    assert any(f.rule == "OS301" and f.also_in for f in delta.findings)  # the series' findings were folded


def test_series_read_in_turns_give_the_full_report(tmp_path, monkeypatch):
    """Files of two series interleaved in one folder: each series is compared with its own last file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mixed"
    for index in range(8):
        for series, patient in (("1.2.826.0.1.3680043.8.498.31", "Garcia^Maria"),
                                ("1.2.826.0.1.3680043.8.498.32", "Nguyen^Wei")):
            make_dicom(folder / f"IM{index:03d}_{series[-2:]}.dcm",
                       {**SHARED, "SeriesInstanceUID": series, "PatientName": patient,
                        "SOPInstanceUID": f"{series}.{index}", "ImageComments": f"slice {index}"}, PRIVATE)
    _same(*_both(folder, monkeypatch))


def test_workers_give_the_full_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(api, "_MIN_FILES_FOR_WORKERS", 2)
    _series(tmp_path / "series", 40, CHANGES["one file holds an MRN in its comment"])
    full, delta = _both(tmp_path / "series", monkeypatch, jobs=2)
    _same(full, delta)
    serial = api.scan([tmp_path / "series"], build_policy(["tcia-limited-access"]), jobs=1)
    assert [f.to_dict() for f in serial.findings] == [f.to_dict() for f in delta.findings]


def test_a_mrn_planted_in_one_file_of_a_series_is_found_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _series(tmp_path / "series", 10, CHANGES["one file holds an MRN in its comment"])
    report = api.scan([tmp_path / "series"], build_policy(["tcia-limited-access"]), jobs=1)
    planted = [f for f in report.findings if f.rule == "OS303" and f.location.tag == "(0020,4000)"]
    assert [f.path.rsplit("/", 1)[-1] for f in planted] == ["IM0006.dcm"]


# ---------------------------------------------------------------------------------------
# The checks run only on what differs


def test_later_files_run_the_checks_on_what_differs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _series(tmp_path / "series", 10)
    runs = _count_runs(monkeypatch)
    api.scan([tmp_path / "series"], build_policy(["tcia-limited-access"]), jobs=1)
    # Each check in full on the first file only; the others differ in instance values alone.
    assert runs == {"OS301": 1, "OS302": 1, "OS303": 1, "OS304": 1}


def test_a_change_of_identity_checks_the_file_in_full(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _series(tmp_path / "series", 10, CHANGES["the patient's name changes halfway"])
    runs = _count_runs(monkeypatch)
    api.scan([tmp_path / "series"], build_policy(["tcia-limited-access"]), jobs=1)
    # The first file, and the file where the name changes: the identity every check looks for.
    assert runs["OS301"] == runs["OS302"] == runs["OS303"] == 2
    assert runs["OS304"] == 1  # burned-in text does not read the name


def test_the_plan_says_what_runs(tmp_path):
    first = make_dicom(tmp_path / "a.dcm", {**SHARED, "ImageComments": "slice 1"}, PRIVATE)
    second = make_dicom(tmp_path / "b.dcm", {**SHARED, "ImageComments": "slice 2"}, PRIVATE)
    delta = SeriesDelta()
    header, _ = read_dicom(first)
    checks = checks_for(header)
    plan = delta.plan(header, checks, "scan")
    assert all(plan.mode(check.code) == RUN_IN_FULL for check in checks)
    plan.checked = [check.code for check in checks]
    plan.complete = True
    delta.remember(plan, [], [])
    header, _ = read_dicom(second)
    plan = delta.plan(header, checks, "scan")
    assert {e.keyword for e in plan.changed} == {"ImageComments", "SOPInstanceUID"}
    assert plan.mode("OS301") == plan.mode("OS303") == RUN_ON_CHANGES
    assert plan.mode("OS302") == plan.mode("OS304") == REUSE
    assert delta.plan(header, checks, "another scan").mode("OS301") == RUN_IN_FULL  # nothing carries over
