"""Real DICOM files for tests, written with pydicom from a plain description.

    make_dicom(path, {"PatientName": "Doe^John", "Modality": "MR",
                      "DeidentificationMethodCodeSequence": [{"CodeValue": "113100", ...}]},
               private={(0x0009, "ACME 1.0"): {0x01: ("LO", "a value")}})

Keywords take their VR from pydicom's dictionary; a list of dicts is a sequence. Files get
a preamble and file meta (Explicit VR Little Endian) unless `preamble=False`.
"""

from __future__ import annotations

from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

_DEFAULTS = {"SOPClassUID": "1.2.840.10008.5.1.4.1.1.4", "Modality": "MR"}


def dataset(elements: dict, private: dict | None = None) -> Dataset:
    ds = Dataset()
    for keyword, value in elements.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            setattr(ds, keyword, [dataset(item) for item in value])
        else:
            setattr(ds, keyword, value)
    for (group, creator), values in (private or {}).items():
        block = ds.private_block(group, creator, create=True)
        for offset, (vr, value) in values.items():
            block.add_new(offset, vr, value)
    return ds


def make_dicom(path: Path, elements: dict, private: dict | None = None, preamble: bool = True) -> Path:
    ds = dataset({**_DEFAULTS, "SOPInstanceUID": generate_uid(), **elements}, private)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=preamble)
    return path


def make_series(folder: Path, count: int, elements: dict, name: str = "slice", spacing: float = 1.0) -> list[Path]:
    """`count` slices of one series, stacked along z, each its own file."""
    series = elements.get("SeriesInstanceUID") or generate_uid()
    return [make_dicom(folder / f"{name}{index:03d}.dcm",
                       {**elements, "SeriesInstanceUID": series, "InstanceNumber": index + 1,
                        "ImagePositionPatient": [0.0, 0.0, index * spacing]})
            for index in range(count)]
