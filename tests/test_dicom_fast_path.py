"""The fast path (`readers.dicom_bytes`) lists exactly what the pydicom walk lists, or declines.

The corpora are files others wrote: pydicom's own test files, pydicom-data's and
deid-data's (installed from the package registry). A file the fast path reads must give
the same elements, value for value, as pydicom's data set walked by `readers.dicom._walk`;
the files it declines (big endian, other character sets, truncated, ...) go through
pydicom and are not compared here.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from outscan.readers import dicom as reader
from outscan.readers.dicom_bytes import read_elements
from outscan.readers.errors import ReadError
from tests.dicom_factory import make_dicom


def _package_folder(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    return Path(spec.origin).parent if spec and spec.origin else None


def _corpus() -> list[Path]:
    folders = [Path(pydicom.__file__).parent / "data"]
    # pydicom-data installs its files as the package `data_store`.
    folders += [folder for folder in (_package_folder("data_store"), _package_folder("deid_data")) if folder]
    files = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.stat().st_size >= 132:
                with path.open("rb") as handle:
                    if handle.read(132)[128:] == b"DICM":
                        files.append(path)
    return files


def _pydicom_walk(path: Path) -> list:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = pydicom.dcmread(path, stop_before_pixels=True, force=True)
    return list(reader._walk(dataset, "", None))


CORPUS = _corpus()


def test_the_corpus_is_there_and_mostly_takes_the_fast_path():
    taken = sum(read_elements(path.read_bytes(), reader.TEXT_VRS) is not None for path in CORPUS)
    assert len(CORPUS) >= 100
    # Most files are plain little-endian files with simple character sets.
    assert taken >= 0.8 * len(CORPUS), f"{taken} of {len(CORPUS)} files read by the fast path"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_path_equals_the_pydicom_walk(path):
    found = read_elements(path.read_bytes(), reader.TEXT_VRS)
    if found is None:  # declined: the reader's pydicom path gives the walk (or says what is wrong)
        try:
            header = reader.read_dicom(path)[0]
        except ReadError:
            return
        assert header.elements == _pydicom_walk(path)
        return
    assert found[0] == _pydicom_walk(path)


@pytest.mark.parametrize("name", ["MR_small_bigendian.dcm", "chrRuss.dcm", "rtplan_truncated.dcm",
                                  "image_dfl.dcm", "nested_priv_SQ.dcm"])
def test_files_pydicom_must_read_are_declined(name):
    path = Path(get_testdata_file(name, download=False) or Path(pydicom.__file__).parent / "data/charset_files" / name)
    assert read_elements(path.read_bytes(), reader.TEXT_VRS) is None


def test_a_written_file_with_sequences_and_private_blocks_takes_the_fast_path(tmp_path):
    path = make_dicom(tmp_path / "a.dcm", {
        "PatientName": "Doe^John", "PatientID": "4471902", "SpecificCharacterSet": "ISO_IR 100",
        "StudyDescription": "MRI KNIE für Müller",
        "OtherPatientIDsSequence": [{"PatientID": "MRN-99812", "IssuerOfPatientID": "HOSP"}],
    }, private={(0x0029, "ACME IMAGING 1.0"): {0x08: ("LO", "IMAGE NUM 4")}})
    found = read_elements(path.read_bytes(), reader.TEXT_VRS)
    assert found is not None
    assert found[0] == _pydicom_walk(path)
    by_path = {element.path: element for element in found[0]}
    assert by_path["(0010,0010)"].value == "Doe^John"
    assert by_path["(0008,1030)"].value == "MRI KNIE für Müller"
    assert by_path["(0010,1002)[0]>(0010,0020)"].value == "MRN-99812"
    assert by_path["(0029,1008)"].private_creator == "ACME IMAGING 1.0"


def test_a_truncated_copy_is_declined_and_read_by_pydicom_as_an_error(tmp_path):
    path = make_dicom(tmp_path / "a.dcm", {"PatientName": "Doe^John", "PatientID": "4471902",
                                           "StudyDescription": "A description long enough to cut"})
    data = path.read_bytes()
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(data[:len(data) - 60])
    assert read_elements(cut.read_bytes(), reader.TEXT_VRS) is None
