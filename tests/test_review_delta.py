"""Found by the review of the DICOM speed-up (series delta, needle hints, discovery): inputs
where the report was not the one of checking every file in full, or not the one before the
speed-up. Each test failed on the reviewed code; its docstring says what was wrong there.
"""

from __future__ import annotations

import os

import pytest
from pydicom.dataset import Dataset

from outscan import api
from outscan.checks.dicom.free_text import _case_insensitive, _needles
from outscan.discover import discover
from outscan.policy import build_policy
from tests.dicom_factory import make_dicom
from tests.test_series_delta import _both

SERIES = "1.2.826.0.1.3680043.8.498.7001"
SHARED = {
    "PatientName": "Okafor^Chidi", "PatientID": "55012345", "PatientBirthDate": "19610423",
    "AccessionNumber": "A77001", "StudyDescription": "MRI BRAIN", "Modality": "MR",
    "StudyInstanceUID": "1.2.826.0.1.3680043.8.498.7000", "SeriesInstanceUID": SERIES,
}


def _item(**values) -> Dataset:
    item = Dataset()
    for keyword, value in values.items():
        setattr(item, keyword, value)
    return item


def test_os302_reuses_its_findings_when_a_standard_element_inside_a_private_sequence_changes(tmp_path, monkeypatch):
    """OS302 declares `delta = ON_INPUTS` with `depends_on = element.is_private or
    shapes_identity(element)` (outscan/checks/dicom/os302_private_tags.py:118-121), but
    `private_blocks` puts the *standard* elements inside a block's private sequences into
    `block.nested` (os302_private_tags.py:57-64) and `run` searches them for names and IDs
    (os302_private_tags.py:131). A nested element such as (0029,1002)[0]>(0008,1030) is not
    private (its own tag is even) and is no identity attribute, so when only its value changes
    from one file to the next, `SeriesDelta.plan` (series_delta.py:123-131) puts OS302 in REUSE
    and the previous file's REVIEW finding is counted for this file: the BLOCK finding "the
    block holds the patient's name" that the full check gives is lost (the file is folded
    into the review finding's `also_in`).
    """
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "series"
    for index in range(4):
        nested = _item(StudyDescription="Okafor^Chidi" if index == 2 else "Routine")
        make_dicom(folder / f"IM{index:04d}.dcm",
                   {**SHARED, "SOPInstanceUID": f"{SERIES}.{index}", "ImageComments": f"slice {index + 1}"},
                   {(0x0029, "ACME 1.0"): {0x01: ("LO", "v1"), 0x02: ("SQ", [nested])}})
    full, delta = _both(folder, monkeypatch)
    blocked = [f.path for f in full.findings if f.rule == "OS302" and f.severity.value == "block"]
    assert blocked == ["series/IM0002.dcm"]  # the full check finds it
    assert [f.to_dict() for f in delta.findings] == [f.to_dict() for f in full.findings]


def test_needle_hints_reject_a_turkish_dotless_i_match_the_regex_finds(tmp_path, monkeypatch):
    """`Needle.matches` (outscan/checks/dicom/free_text.py:163-166) runs the case-insensitive
    expression only when every casefolded hint is a substring of `value.casefold()`; the
    hint of a name part is `part.casefold()` (free_text.py:256-257). Python's `re.I` treats
    'i', 'I', 'ı' (dotless i) and 'İ' as one letter, `str.casefold` does not ('ı' stays 'ı',
    'I' folds to 'i', 'İ' to 'i̇'). So the patient "Yılmaz^Ayşe" written "YILMAZ" in a
    comment, which the expression matches (and 9edeb69, compiling it eagerly, reported as
    OS303 "ImageComments holds the patient's name"), is rejected by the hint and the finding
    is lost. The same holds the other way round (PatientName "Yilmaz", a comment "Yılmaz")
    and for IDs (free_text.py:268).
    """
    for name, text in (("Yılmaz", "follow-up of YILMAZ"), ("Yilmaz", "kontrol: Yılmaz"),
                       ("İnce", "seen by INCE")):
        needle = _needles(False, (("PatientName", f"{name}^Ali"),))[0]
        assert _case_insensitive(needle.source).search(text)  # what 9edeb69 found
        assert list(needle.matches(text, text.casefold())), (name, text)

    monkeypatch.chdir(tmp_path)
    make_dicom(tmp_path / "dicom" / "a.dcm",
               {"SpecificCharacterSet": "ISO_IR 192", "PatientName": "Yılmaz^Ayşe", "PatientID": "P1",
                "SeriesInstanceUID": SERIES, "ImageComments": "follow-up of YILMAZ"})
    report = api.scan([tmp_path / "dicom"], build_policy(["tcia-limited-access"]))
    assert [f.message for f in report.findings if f.rule == "OS303" and f.location.tag == "(0020,4000)"] == [
        "ImageComments holds the patient's name; de-identification tools leave free text as it is"]


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links")
def test_discovery_drops_a_hard_linked_file_published_at_a_second_path(tmp_path):
    """`discover` now skips a file whose (st_dev, st_ino) it has met (outscan/discover.py:395-403);
    9edeb69 skipped a file whose *resolved path* it had met. A symbolic link resolves to its
    target, so both agree there; but two hard links are two paths, two files of a release
    (`cp -l`, rsync --link-dest, a build step linking an output into a release folder) that
    resolve to themselves, and one of them is now silently absent from the report: not in
    `files`, no finding, no note. At 9edeb69 both were scanned.
    """
    out = tmp_path / "out"
    (out / "release").mkdir(parents=True)
    (out / "archive").mkdir()
    (out / "release" / "patients.csv").write_text("name,mrn\nJohn Doe,1234567\n", encoding="utf-8")
    try:
        os.link(out / "release" / "patients.csv", out / "archive" / "copy.csv")
    except OSError:
        pytest.skip("the file system has no hard links")
    shown = [c.display for c in discover([out], base=tmp_path)]
    assert shown == ["out/archive/copy.csv", "out/release/patients.csv"]
