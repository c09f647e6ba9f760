"""Write the synthetic DICOM samples of sample_data/dicom/ (headers only, 8x8 pixels).

    python scripts/make_sample_dicom.py

Every value is invented. The files are the same bytes every time (fixed UIDs and dates).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

OUT = Path(__file__).resolve().parent.parent / "sample_data" / "dicom"
ROOT = "1.2.826.0.1.3680043.10.1119"  # a UID root for examples


def _code(value: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, "DCM", meaning
    return item


def _base(sop_uid: str, series_uid: str, modality: str) -> Dataset:
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.4" if modality == "MR" else "1.2.840.10008.5.1.4.1.1.2"
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = f"{ROOT}.1"
    ds.SeriesInstanceUID = series_uid
    ds.Modality = modality
    ds.Rows = ds.Columns = 8
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.SamplesPerPixel = 1
    ds.PixelRepresentation = 0
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.PixelData = np.zeros((8, 8), dtype=np.uint16).tobytes()
    return ds


def _deidentified(ds: Dataset, defaced: bool = False) -> None:
    ds.PatientName = "SUBJ0104"
    ds.PatientID = "SUBJ0104"
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "Basic Profile; Retain Longitudinal Modified Dates"
    codes = [_code("113100", "Basic Application Confidentiality Profile"),
             _code("113107", "Retain Longitudinal Temporal Information Modified Dates Option")]
    if defaced:
        codes.append(_code("113102", "Clean Recognizable Visual Features Option"))
    ds.DeidentificationMethodCodeSequence = codes
    ds.StudyDate = "20000312"  # shifted


def _save(ds: Dataset, path: Path) -> None:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = f"{ROOT}.99"
    ds.file_meta = meta
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)


def identifiable() -> None:
    ds = _base(f"{ROOT}.2.1", f"{ROOT}.2", "CT")
    ds.PatientName = "Doe^Jane^Marie"
    ds.PatientID = "004471902"
    ds.PatientBirthDate = "20090304"
    ds.PatientSex = "F"
    ds.AccessionNumber = "A20150311-07"
    ds.InstitutionName = "St. Mary's Children's Hospital"
    ds.ReferringPhysicianName = "Alvarez^Carlos"
    ds.StationName = "CT-ROOM-2"
    ds.StudyDate = "20150311"
    ds.StudyDescription = "CT ABDOMEN for Jane Doe"
    ds.ImageComments = "prior study MRN 004471902 compared"
    ds.BodyPartExamined = "ABDOMEN"
    other = Dataset()
    other.PatientID = "77-3310-5"
    other.IssuerOfPatientID = "Riverside Pediatric Oncology Associates"
    ds.OtherPatientIDsSequence = [other]
    block = ds.private_block(0x0009, "ACME RESEARCH 1.0", create=True)
    block.add_new(0x01, "LO", "Doe^Jane")
    block.add_new(0x02, "LO", "protocol v2")
    _save(ds, OUT / "identifiable_ct.dcm")


def deidentified() -> None:
    ds = _base(f"{ROOT}.3.1", f"{ROOT}.3", "CT")
    _deidentified(ds)
    ds.BodyPartExamined = "CHEST"
    ds.StudyDescription = "CT CHEST W CONTRAST"
    _save(ds, OUT / "deidentified_ct.dcm")


def head_series(name: str, defaced: bool) -> None:
    series = f"{ROOT}.{4 if not defaced else 5}"
    for index in range(24):
        ds = _base(f"{series}.{index + 1}", series, "MR")
        _deidentified(ds, defaced=defaced)
        ds.BodyPartExamined = "HEAD"
        ds.SeriesDescription = "T1 MPRAGE SAG"
        ds.MRAcquisitionType = "3D"
        ds.InstanceNumber = index + 1
        ds.ImagePositionPatient = [0.0, 0.0, float(index)]
        _save(ds, OUT / name / f"slice{index + 1:02d}.dcm")


if __name__ == "__main__":
    identifiable()
    deidentified()
    head_series("head_mr_t1", defaced=False)
    head_series("head_mr_t1_defaced", defaced=True)
    print(f"wrote the DICOM samples to {OUT}")
