"""Benchmark: outscan's DICOM header scan against a bare pydicom parse and deid's identifier extraction.

    python benchmarks/bench_dicom.py                 # 2,000 files, 3 measurements each (a few minutes)
    python benchmarks/bench_dicom.py --quick         # 200 files, one measurement (smoke test)
    python benchmarks/bench_dicom.py --files 10000 --repeat 5
    python benchmarks/bench_dicom.py --files 100000 --repeat 1 --skip deid --keep /tmp/dicom100k

Requirements: outscan itself, plus deid for its baseline (the ``bench`` extra:
``pip install ".[bench]"``). pydicom comes with outscan.

What it compares, on the same files in the same run:

1. Generates, in a temporary directory, ``--files`` (default 2,000) small DICOM files from a
   fixed seed: 40-slice series of head MR, brain MR declared defaced (113102), chest CT and
   head-and-neck CT, each file a realistic header of about 110 data elements — patient,
   study, series, equipment, image plane and pixel modules, five sequences (procedure
   code, referenced study, request attributes, other patient IDs, anatomic region; the
   defaced series also a de-identification method code sequence), three private blocks
   (a Siemens-style MR header, a CSA-style binary blob, a GE-style parameter block) and
   32 × 32 pixels that no tool below reads. The files of a series share what a series
   shares (patient, study, scanner, staff); each file has its own UIDs, instance number,
   position, acquisition time, slice comment and CSA blob. ``--keep`` writes them to a
   folder that later runs reuse.
2. Reads every file once so that all tools meet a warm page cache, then times, interleaved,
   ``--repeat`` times (median reported), each in a fresh child process (no tool profits
   from another's imports or caches; the clock starts after the child's imports):
   a. **bare parse**: ``pydicom.dcmread(path, stop_before_pixels=True)`` in a loop — the
      floor any header tool stands on;
   b. **deid**: ``deid.dicom.get_identifiers(paths)`` — pydicom/deid's identifier
      extraction (every element, sequences expanded), what a user runs today to list what a
      file holds;
   c. **outscan scan, 1 process**: ``outscan.api.scan([folder], policy, jobs=1)`` — discovery,
      the reader and every registered check, the series checks (face reconstruction) and
      the report, on one core: the per-core figure the issue's target (≥ 0.7 × a) is about.
      What a process loads once — the spaCy model, the given-name list, pydicom, the
      Annex E table, the check modules (``outscan.api.prepare``) — is timed apart as
      start-up, as the bare loop's ``import pydicom`` is; a second row gives the rate with
      it included;
   d. **outscan scan, all cores**: the same with ``jobs=0`` (one worker per core);
   e. **outscan reader alone**: ``outscan.readers.dicom.read_dicom(path)`` in a loop — every
      element with its path, text values decoded, the series member built; no checks.
3. Prints a Markdown table: files per second, the ratio to the bare parse, the child's peak
   RSS (its own VmHWM: with ``jobs=0`` the workers' memory is not in it) and what each tool found (identifiers for deid, findings for outscan). ``--results
   PATH`` also writes it to a file with the date, Python and pydicom versions, ``nproc``
   and the exact command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import peak_rss_mb

HERE = Path(__file__).resolve().parent
SEED = 20240311
SLICES_PER_SERIES = 40

FIRST = ["JANE", "JOHN", "MARIA", "WEI", "FATIMA", "CARLOS", "ANNA", "DAVID", "AISHA", "PETER"]
LAST = ["SMITH", "GARCIA", "NGUYEN", "OKAFOR", "MUELLER", "ROSSI", "KOWALSKI", "TANAKA", "DUBOIS", "HANSEN"]
INSTITUTIONS = ["ST MARY MEDICAL CENTER", "RIVERSIDE UNIVERSITY HOSPITAL", "NORTHGATE IMAGING CLINIC"]
# (modality, body part, study description, series description, SOP class, defaced)
KINDS = [
    ("MR", "HEAD", "MRI BRAIN W/WO CONTRAST", "t1_mprage_sag_p2_iso", "1.2.840.10008.5.1.4.1.1.4", False),
    ("MR", "BRAIN", "MRI BRAIN", "T2 FLAIR AX defaced", "1.2.840.10008.5.1.4.1.1.4", True),
    ("CT", "CHEST", "CT CHEST W CONTRAST", "AXIAL 1.25 LUNG", "1.2.840.10008.5.1.4.1.1.2", False),
    ("CT", "HEADNECK", "CT SOFT TISSUE NECK", "H&N 2.5 STND", "1.2.840.10008.5.1.4.1.1.2", False),
]


# --------------------------------------------------------------------------- data


def _uid(*parts: object) -> str:
    from pydicom.uid import generate_uid

    return generate_uid(entropy_srcs=[str(SEED), *map(str, parts)])


def _item(**elements):
    from pydicom.dataset import Dataset

    ds = Dataset()
    for keyword, value in elements.items():
        setattr(ds, keyword, value)
    return ds


def write_files(folder: Path, count: int) -> int:
    """`count` files in 40-slice series, deterministic from SEED; returns the number written."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    rng = random.Random(SEED)
    written = 0
    series_index = 0
    while written < count:
        modality, body_part, study_desc, series_desc, sop_class, defaced = KINDS[series_index % len(KINDS)]
        patient = (rng.choice(FIRST), rng.choice(LAST))
        mrn = f"{rng.randint(10_000_000, 99_999_999)}"
        birth = f"{rng.randint(1930, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        study_date = f"{rng.randint(2015, 2023)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        institution = rng.choice(INSTITUTIONS)
        # What a series shares in every file: the patient, the request, the scanner and its staff.
        # Only the instance's own values change from file to file (UIDs, numbers, position,
        # acquisition time, the comment naming the slice, the CSA blob).
        institution_address = f"{rng.randint(1, 999)} Main Street, Springfield"
        referring, performing, operator = (f"{rng.choice(LAST)}^{rng.choice(FIRST)}" for _ in range(3))
        sex = rng.choice("MF")
        address = f"{rng.randint(1, 999)} Oak Avenue^^Springfield^^62704"
        serial = f"{rng.randint(10_000, 99_999)}"
        study_uid, series_uid, frame_uid = (_uid("study", series_index), _uid("series", series_index),
                                            _uid("frame", series_index))
        folder_of_series = folder / f"{modality.lower()}_{body_part.lower()}_{series_index:03d}"
        folder_of_series.mkdir(parents=True, exist_ok=True)
        for index in range(min(SLICES_PER_SERIES, count - written)):
            sop_uid = _uid("sop", series_index, index)
            ds = Dataset()
            ds.SpecificCharacterSet = "ISO_IR 100"
            ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
            ds.InstanceCreationDate, ds.InstanceCreationTime = study_date, "101500.000000"
            ds.SOPClassUID, ds.SOPInstanceUID = sop_class, sop_uid
            ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = study_date
            ds.StudyTime, ds.SeriesTime = "100112.000000", "100530.000000"
            ds.AcquisitionTime = ds.ContentTime = f"1006{index % 60:02d}.250000"
            ds.AccessionNumber = f"A{mrn[::-1]}"
            ds.Modality = modality
            ds.Manufacturer = "SIEMENS" if modality == "MR" else "GE MEDICAL SYSTEMS"
            ds.InstitutionName = institution
            ds.InstitutionAddress = institution_address
            ds.ReferringPhysicianName = f"{referring}^^DR"
            ds.StationName = f"{modality}SCAN{series_index % 7:02d}"
            ds.StudyDescription = study_desc
            ds.ProcedureCodeSequence = [_item(CodeValue=f"IMG{series_index % 90:04d}", CodingSchemeDesignator="L",
                                              CodeMeaning=study_desc)]
            ds.SeriesDescription = series_desc
            ds.InstitutionalDepartmentName = "RADIOLOGY"
            ds.PerformingPhysicianName = performing
            ds.OperatorsName = operator
            ds.ManufacturerModelName = "Skyra" if modality == "MR" else "Revolution"
            ds.ReferencedStudySequence = [_item(ReferencedSOPClassUID="1.2.840.10008.3.1.2.3.1",
                                                ReferencedSOPInstanceUID=_uid("ref", series_index))]
            ds.PatientName = f"{patient[1]}^{patient[0]}"
            ds.PatientID = mrn
            ds.IssuerOfPatientID = "HOSP"
            ds.PatientBirthDate = birth
            ds.PatientSex = sex
            ds.OtherPatientIDsSequence = [_item(PatientID=f"E{mrn[:6]}", IssuerOfPatientID="EMR", TypeOfPatientID="TEXT")]
            ds.PatientAge = f"{int(study_date[:4]) - int(birth[:4]):03d}Y"
            ds.PatientSize, ds.PatientWeight = "1.72", "71.5"
            ds.PatientAddress = address
            ds.EthnicGroup = "UNKNOWN"
            ds.BodyPartExamined = body_part
            ds.AnatomicRegionSequence = [_item(CodeValue="T-D1100" if "HEAD" in body_part else "T-D3000",
                                               CodingSchemeDesignator="SRT",
                                               CodeMeaning="Head" if "HEAD" in body_part else "Chest")]
            if modality == "MR":
                ds.ScanningSequence, ds.SequenceVariant, ds.ScanOptions = ["GR", "IR"], ["SP", "MP"], "IR"
                ds.MRAcquisitionType = "3D"
                ds.RepetitionTime, ds.EchoTime, ds.InversionTime = "2300", "2.98", "900"
                ds.NumberOfAverages, ds.ImagingFrequency, ds.MagneticFieldStrength = "1", "123.2", "3"
                ds.EchoTrainLength, ds.PercentSampling, ds.PixelBandwidth, ds.FlipAngle = "1", "100", "240", "9"
            else:
                ds.KVP, ds.XRayTubeCurrent, ds.ExposureTime, ds.ConvolutionKernel = "120", "250", "800", "STANDARD"
                ds.RescaleIntercept, ds.RescaleSlope = "-1024", "1"
            ds.SliceThickness = ds.SpacingBetweenSlices = "1.0"
            ds.DeviceSerialNumber = serial
            ds.SoftwareVersions = "syngo MR E11" if modality == "MR" else "revo_ct_22"
            ds.ProtocolName = series_desc
            ds.PatientPosition = "HFS"
            ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
            ds.StudyID, ds.SeriesNumber, ds.AcquisitionNumber, ds.InstanceNumber = "1", 3, 1, index + 1
            ds.ImagePositionPatient = [-120.0, -110.0, float(index)]
            ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
            ds.FrameOfReferenceUID, ds.PositionReferenceIndicator = frame_uid, ""
            ds.SliceLocation = float(index)
            ds.ImageComments = f"slice {index + 1} of {SLICES_PER_SERIES}"
            ds.RequestAttributesSequence = [_item(RequestedProcedureID=f"RP{mrn[-5:]}",
                                                  ScheduledProcedureStepID=f"SPS{mrn[-4:]}",
                                                  RequestedProcedureDescription=study_desc)]
            ds.PerformedProcedureStepStartDate, ds.PerformedProcedureStepID = study_date, f"PPS{mrn[-4:]}"
            if defaced:
                ds.PatientIdentityRemoved = "YES"
                ds.DeidentificationMethod = "CTP Basic; pydeface 2.0.2"
                ds.DeidentificationMethodCodeSequence = [
                    _item(CodeValue="113100", CodingSchemeDesignator="DCM",
                          CodeMeaning="Basic Application Confidentiality Profile"),
                    _item(CodeValue="113102", CodingSchemeDesignator="DCM",
                          CodeMeaning="Clean Recognizable Visual Features Option")]
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
            ds.Rows = ds.Columns = 32
            ds.PixelSpacing = [0.9375, 0.9375]
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
            ds.WindowCenter, ds.WindowWidth = "40", "400"
            siemens = ds.private_block(0x0019, "SIEMENS MR HEADER", create=True)
            siemens.add_new(0x08, "CS", "IMAGE NUM 4")
            siemens.add_new(0x09, "LO", "1.0")
            siemens.add_new(0x0B, "DS", "3300")
            siemens.add_new(0x0F, "SH", "Fast")
            siemens.add_new(0x11, "SH", "No")
            siemens.add_new(0x12, "SL", [0, 0, -1])
            csa = ds.private_block(0x0029, "SIEMENS CSA HEADER", create=True)
            csa.add_new(0x08, "CS", "IMAGE NUM 4")
            csa.add_new(0x09, "LO", "20220101")
            csa.add_new(0x10, "OB", bytes(rng.getrandbits(8) for _ in range(512)))
            ge = ds.private_block(0x0043, "GEMS_PARM_01", create=True)
            ge.add_new(0x01, "SS", 1)
            ge.add_new(0x02, "SS", 0)
            ge.add_new(0x27, "SH", "/2.0:1")
            ge.add_new(0x2A, "OB", b"\x00" * 16)
            ds.PixelData = bytes(rng.getrandbits(8) for _ in range(32 * 32 * 2))
            meta = FileMetaDataset()
            meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID = sop_class, sop_uid
            meta.TransferSyntaxUID = ExplicitVRLittleEndian
            ds.file_meta = meta
            ds.save_as(folder_of_series / f"IM{index:04d}.dcm", enforce_file_format=True)
            written += 1
        series_index += 1
    return written


def count_elements(path: Path) -> int:
    """Data elements of one file, sequence items' elements included (file meta not counted)."""
    import pydicom

    def walk(ds) -> int:
        total = 0
        for element in ds:
            total += 1
            if element.VR == "SQ":
                total += sum(walk(item) for item in element.value)
        return total

    return walk(pydicom.dcmread(path, stop_before_pixels=True))


# --------------------------------------------------------------------------- children




def _paths(folder: str) -> list[Path]:
    return sorted(Path(folder).rglob("*.dcm"))


def child(kind: str, folder: str) -> dict:
    paths = _paths(folder)
    if kind == "bare":
        import pydicom

        start = time.perf_counter()
        elements = 0
        for path in paths:
            elements += len(pydicom.dcmread(path, stop_before_pixels=True))
        seconds = time.perf_counter() - start
        found = {"top-level elements": elements}
    elif kind == "deid":
        import logging

        from deid.dicom import get_identifiers
        from deid.logger import bot

        bot.level = 0  # deid's own logger prints a line per file otherwise
        logging.disable(logging.WARNING)
        start = time.perf_counter()
        identifiers = get_identifiers([str(p) for p in paths])
        seconds = time.perf_counter() - start
        found = {"identifiers": sum(len(v) for v in identifiers.values())}
    elif kind == "reader":
        from outscan.readers.dicom import read_dicom

        start = time.perf_counter()
        elements = 0
        for path in paths:
            header, _member = read_dicom(path)
            elements += len(header.elements)
        seconds = time.perf_counter() - start
        found = {"elements with paths": elements}
    elif kind in ("scan1", "scan_all"):
        from outscan.api import scan
        from outscan.policy import build_policy

        policy = build_policy(["tcia-limited-access"])
        # What a process loads once (the spaCy model, about 1 s; the name list, pydicom, the
        # Annex E table, the check modules: outscan.api.prepare) is timed apart, so the rate is
        # what a core sustains over an archive; the table also gives the rate with it included.
        # With workers, it is loaded in the parent before they fork, as a scan does.
        from outscan.api import prepare

        start = time.perf_counter()
        prepare({"dicom"})
        startup = time.perf_counter() - start
        start = time.perf_counter()
        report = scan([folder], policy, jobs=1 if kind == "scan1" else 0)
        seconds = time.perf_counter() - start
        summary = report.summary()
        found = {"findings": summary["findings"], "by_rule": summary["by_rule"], "unreadable": summary["error"],
                 "startup": startup}
    else:
        raise SystemExit(f"unknown child {kind}")
    return {"seconds": seconds, "files": len(paths), "peak_mb": peak_rss_mb(), **found}


# --------------------------------------------------------------------------- parent

MEASURES = [
    ("bare", "a. bare parse", "pydicom.dcmread(stop_before_pixels=True), a loop"),
    ("deid", "b. deid", "deid.dicom.get_identifiers(paths)"),
    ("scan1", "c. outscan scan, 1 process", "outscan.api.scan([folder], jobs=1): reader + all checks + report, "
                                             "after start-up (api.prepare)"),
    ("scan_all", "d. outscan scan, all cores", "the same, jobs=0 (one worker per core)"),
    ("reader", "e. outscan reader alone", "outscan.readers.dicom.read_dicom(path), a loop"),
]


def measure(kind: str, folder: Path, work: Path) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "CI": "1", "PYTHONHASHSEED": "0"}
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(folder)]
    done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} child exited {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict[str, list[dict]], files: int) -> str:
    bare = files / statistics.median(r["seconds"] for r in results["bare"])
    lines = ["| tool | what is timed | files/s | × bare parse | peak RSS MB | found |",
             "|---|---|---:|---:|---:|---|"]
    for kind, label, what in MEASURES:
        if kind not in results:
            continue
        runs = results[kind]
        rate = files / statistics.median(r["seconds"] for r in runs)
        last = runs[-1]
        if "findings" in last:
            rules = ", ".join(f"{rule} {n}" for rule, n in sorted(last["by_rule"].items()))
            found = f"{last['findings']:,} findings ({rules})" + (f", {last['unreadable']} unreadable"
                                                                if last["unreadable"] else "")
        else:
            key = next(k for k in last if k not in ("seconds", "files", "peak_mb", "startup"))
            found = f"{last[key]:,} {key}"
        peak = statistics.median(r["peak_mb"] for r in runs)
        lines.append(f"| {label} | {what} | {rate:,.0f} | {rate / bare:.2f} | {peak:.0f} | {found} |")
        if last.get("startup"):
            with_startup = files / statistics.median(r["seconds"] + r["startup"] for r in runs)
            startup = statistics.median(r["startup"] for r in runs)
            lines.append(f"| {label}, start-up included | the same, with start-up (the model, name list, pydicom, Annex E table: {startup:.1f} s) | "
                         f"{with_startup:,.0f} | {with_startup / bare:.2f} | {peak:.0f} | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="DICOM files to generate (default 2,000)")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per tool (the median is reported)")
    parser.add_argument("--quick", action="store_true", help="200 files, one measurement (smoke test)")
    parser.add_argument("--skip", nargs="*", default=[], choices=[k for k, *_ in MEASURES],
                        help="tools not to measure (deid is the slow one)")
    parser.add_argument("--results", type=Path, default=None, help="also write the Markdown table to this file")
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate the files into this folder and keep them; a later run with the same "
                             "folder and --files reuses them (100,000 files take minutes to write)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    files, repeat = (200, 1) if args.quick else (args.files, args.repeat)
    if "bare" in args.skip:
        parser.error("the bare parse is the baseline every ratio is taken against")

    with tempfile.TemporaryDirectory(prefix="outscan-bench-dicom-") as tmp:
        folder, work = args.keep or Path(tmp) / "dicom", Path(tmp) / "work"
        work.mkdir()
        start = time.perf_counter()
        reuse = args.keep is not None and len(_paths(str(folder))) == files
        written = files if reuse else write_files(folder, files)
        paths = _paths(str(folder))
        size = sum(p.stat().st_size for p in paths)
        print(f"{'reused' if reuse else 'generated'} {written} files ({size / written / 1024:.1f} KB each, "
              f"{count_elements(paths[0])} data elements in the first) in {time.perf_counter() - start:.1f} s",
              file=sys.stderr)
        for path in paths:  # a warm page cache for every tool alike
            path.read_bytes()
        results: dict[str, list[dict]] = {}
        for round_ in range(repeat):
            for kind, label, _ in MEASURES:
                if kind in args.skip:
                    continue
                result = measure(kind, folder, work)
                results.setdefault(kind, []).append(result)
                print(f"round {round_ + 1}/{repeat} {label}: {written / result['seconds']:,.0f} files/s",
                      file=sys.stderr)

    import pydicom

    markdown = table(results, written)
    command = "python benchmarks/bench_dicom.py " + shlex.join(sys.argv[1:])
    header = (f"{written:,} generated DICOM files, median of {repeat}; {dt.date.today().isoformat()}, "
              f"Python {platform.python_version()}, pydicom {pydicom.__version__}, nproc {os.cpu_count()}; "
              f"`{command.strip()}`")
    print(header + "\n\n" + markdown)
    if args.results:
        args.results.write_text(f"# DICOM header scan speed\n\n{header}\n\n{markdown}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
