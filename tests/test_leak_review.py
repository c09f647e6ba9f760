"""Identifiers a leak review planted where the checks do not look for them (code, outputs,
row labels, sheet names, evidence windows), and the report formats that must not show them.

Each case is written by the test and scanned through the CLI in every format; the secrets
are searched for in every output, case-insensitively.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from outscan.report import BINARY_FORMATS, FORMATTERS
from tests.conftest import write
from tests.test_worksheet import _as_text

NARRATIVE = """# Case report

The patient QUENNELL, BEATRIX (DOB 07/23/1941) was seen. Mrs. Beatrix Quennell, born 23 July 1941,
MRN 773104958, of 47 Larkspur Lane, Springfield, was admitted; Ms. QUENNELL was 94 years old.
Her daughter Philippa could be reached at (555) 013-2287, tel 555.013.2288, 555 013 2289, or
bquennell@example.net. Records dated 1941-07-23T08:30, 1941/07/23, 23/Jul/1941 and Jul-23-1941 were read.
"""

# A given name alone ("her daughter Philippa") names no one and is printed; with a surname it is not.
SECRETS = ("Quennell", "Larkspur", "013-2287", "2288", "013 2289", "bquennell", "773104958", "07/23",
           "23 July", "1941-07-23", "1941/07/23", "23/Jul", "Jul-23")


def _outputs(run_cli, tmp_path, folder: str) -> dict[str, str]:
    texts = {}
    for name in FORMATTERS:
        result = run_cli("scan", folder, "--format", name, "-o", f"report.{name}", "--exit-zero")
        assert result.exit_code == 0, (name, result.stderr)
        data = (tmp_path / f"report.{name}").read_bytes() if name in BINARY_FORMATS \
            else (tmp_path / f"report.{name}").read_text(encoding="utf-8")
        texts[name] = _as_text(data)
    return texts


def _leaks(texts: dict[str, str], secrets) -> list[tuple[str, str]]:
    return [(name, secret) for name, text in texts.items() for secret in secrets
            if secret.lower() in text.lower()]


def test_a_narrative_with_rare_names_addresses_and_odd_dates(run_cli, tmp_path):
    write(tmp_path, "out/case.md", NARRATIVE)
    texts = _outputs(run_cli, tmp_path, "out")
    assert "OS202" in texts["json"] and "OS203" in texts["json"]
    assert not _leaks(texts, SECRETS)


def test_names_in_notebook_code_and_outputs_stay_out_of_evidence(run_cli, tmp_path):
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{
        "cell_type": "code", "id": "a1", "metadata": {}, "execution_count": 1,
        "source": "patient = 'Beatrix Quennell'; mrn = '773104958'\nprint(patient, mrn)",
        "outputs": [{"output_type": "stream", "name": "stdout",
                     "text": "QUENNELL^BEATRIX 773104958 {'name': 'Beatrix Quennell'}\n"}]}]}
    write(tmp_path, "out/analysis.ipynb", json.dumps(notebook))
    texts = _outputs(run_cli, tmp_path, "out")
    assert "OS202" in texts["json"]
    assert not _leaks(texts, ("Quennell", "Beatrix", "773104958"))


def test_people_as_row_labels_and_contacts_as_labels(run_cli, tmp_path):
    write(tmp_path, "out/wards.csv", "Label,Ward 1,Ward 2\nBeatrix Quennell,3,40\nChidi Okonkwo,25,4\n"
                                     "QUENNELL B,30,2\nQuennell^Beatrix,30,2\nOverall,88,48\n")
    write(tmp_path, "out/contacts.csv", "Contact,Cases\nbquennell@example.net,3\n555-013-2287,4\n"
                                        "47 Larkspur Lane,2\nAll,90\n")
    texts = _outputs(run_cli, tmp_path, "out")
    assert "OS101" in texts["json"]
    assert not _leaks(texts, ("Quennell", "Okonkwo", "Chidi", "bquennell", "013-2287", "Larkspur"))


def test_sheet_names_are_masked(run_cli, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Eleanor Whitfield"
    book.active.append(["Group", "Cases"])
    book.active.append(["A", 3])
    book.active.append(["B", 40])
    other = book.create_sheet("MRN 006123457")
    other.append(["Group", "Cases"])
    other.append(["A", 2])
    other.append(["B", 50])
    (tmp_path / "out").mkdir()
    book.save(tmp_path / "out" / "tables.xlsx")
    texts = _outputs(run_cli, tmp_path, "out")
    report = json.loads(texts["json"])
    assert {f["location"].get("sheet") for f in report["findings"]} >= {"E*** W***", "MRN *******57"}
    assert not _leaks(texts, ("Whitfield", "006123457"))


@pytest.mark.parametrize("written", ["1941-07-23T08:30", "1941/07/23", "1941.07.23", "23/Jul/1941", "Jul-23-1941",
                                     "1941-Jul-23"])
def test_dates_in_any_writing_keep_only_their_year(written):
    from outscan.masking import mask_digits

    masked = mask_digits(f"seen {written} at home")
    assert "1941" in masked and "23" not in masked.replace("1941", "")


def test_a_name_reaching_past_the_reported_span_is_masked_beyond_it():
    from outscan.masking import excerpt_with_span

    text = "A second patient, Marieke van der Sloot-Haverkamp (DOB 1938-02-11) was seen."
    start = text.index("Marieke")
    shown, _ = excerpt_with_span(text, start, start + len("Marieke van der"), "M*** v*** d***", [])
    assert "Sloot" not in shown and "Haverkamp" not in shown
    assert "M*** v*** d*** S***" in shown


def test_a_given_name_beside_a_masked_surname_is_starred_with_it():
    from outscan.masking import excerpt_with_span

    text = "History: daughter Philippa Quennell visits weekly."
    start = text.index("weekly")
    surname = text.index("Quennell")
    shown, _ = excerpt_with_span(text, start, start + 6, None, [(surname, surname + 8, "Q***")])
    assert "Philippa" not in shown and "Quennell" not in shown


def test_two_rows_with_an_mrn_and_dates_of_birth_are_records_whatever_else_they_hold(tmp_path, monkeypatch):
    from outscan.api import scan

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "lines.csv", "Label,dob,mrn,phone,Value\nA,1952-03-14,004471902,555-867-5309,3\n"
                                 "B,03/14/1952,004471903,(555) 867-5310,2\n")
    write(tmp_path, "aggregate.csv", "Group,Cases,Value\nA,3,1.5\nB,40,2.5\n")
    rules = {(f.path, f.rule) for f in scan(["."]).findings}
    assert ("lines.csv", "OS110") in rules
    assert ("aggregate.csv", "OS110") not in rules


def test_secrets_in_a_json_file_are_found_each_on_its_own(tmp_path, monkeypatch):
    from outscan.api import scan

    monkeypatch.chdir(tmp_path)
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    write(tmp_path, "config.json", json.dumps({"token": token, "dsn": "postgresql://someone:S3cretPW99@db.example.org/ehr"}))
    secrets = [f for f in scan(["config.json"]).findings if f.rule == "OS403"]
    assert len(secrets) == 2
    assert all(token not in f.evidence and "S3cretPW99" not in f.evidence for f in secrets)
