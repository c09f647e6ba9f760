"""The reviewer's worksheet: decisions (outscan review), re-rendering (outscan report), the
Markdown/CSV/XLSX formats, and the promise every format keeps: nothing unmasked.

End to end through the CLI on files the tests write, with the real text engine and pydicom.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from pathlib import Path

import pytest

from outscan.api import scan
from outscan.decisions import DecisionError, attach, decide, load_decisions
from outscan.model import Decision
from outscan.report import BINARY_FORMATS, FORMATTERS, render
from outscan.report.json_report import from_dict, to_dict
from tests.conftest import write
from tests.dicom_factory import make_dicom

TABLE = "Site,Cases\nA,3\nB,40\nC,25\nTotal,68\n"
OTHER = "Region,Deaths\nNorth,2\nSouth,50\nTotal,52\n"

# A person planted in every kind of file: none of it may reach any format.
# Names no rule's documentation uses as an example (the SARIF format carries the rule docs).
PATIENTS = ("Patient name,MRN,Date of birth,Diagnosis,Visits\n"
            "Harold Pemberton,00482135,03/14/1987,Ependymoma,3\n"
            "Beatrice Quimby,00519274,11/02/1990,Medulloblastoma,12\n"
            "Oswald Fenwick,00633018,07/21/1985,Glioma,4\n")
MANUSCRIPT = ("# Case report\n\nThe patient, Harold Pemberton (MRN 00482135, born 03/14/1987), was seen at "
              "our clinic; call 617-555-0199 for records.\n")
SECRETS = ("Harold", "Pemberton", "Beatrice", "Quimby", "Oswald", "Fenwick", "00482135", "00519274", "03/14/1987",
           "11/02/1990", "1987-03-14", "617-555-0199", "5550199", "ASHDOWN", "Winifred", "WINIFRED", "A7734521",
           "19470822")


def _plant(tmp_path: Path) -> None:
    write(tmp_path, "out/patients.csv", PATIENTS)
    write(tmp_path, "out/case_report.md", MANUSCRIPT)
    make_dicom(tmp_path / "out" / "scan.dcm", {"PatientName": "ASHDOWN^WINIFRED", "PatientID": "A7734521",
                                               "PatientBirthDate": "19470822", "Modality": "CT",
                                               "StudyDescription": "CT head for Winifred Ashdown"})


def _as_text(output: str | bytes) -> str:
    if isinstance(output, str):
        return output
    with zipfile.ZipFile(io.BytesIO(output)) as book:  # every part of the workbook, shared strings too
        return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())


def test_no_format_shows_a_planted_identifier(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _plant(tmp_path)
    report = scan(["out"])
    assert {f.rule for f in report.findings} >= {"OS110", "OS201", "OS202", "OS301"}
    assert report.excerpts  # the patient table is drawn, masked
    for name in FORMATTERS:
        text = _as_text(render(report, name))
        leaked = [secret for secret in SECRETS if secret in text]
        assert not leaked, (name, leaked)


def test_a_table_of_people_is_drawn_by_shape_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "patients.csv", PATIENTS)
    [excerpt] = scan(["patients.csv"]).excerpts
    assert excerpt.columns[:3] == ("Patient name", "MRN", "Date of birth")
    cells = dict(excerpt.rows)[2]
    assert cells[:3] == ("H*** P***", "********", "**/**/****")


def test_report_round_trips_through_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _plant(tmp_path)
    report = scan(["out"])
    again = from_dict(json.loads(json.dumps(to_dict(report))))
    assert again.findings == report.findings
    assert again.excerpts == report.excerpts
    assert again.files == report.files
    assert render(again, "markdown") == render(report, "markdown")


def _review(run_cli, answers: str, *extra: str):
    return run_cli("review", "report.json", "--reviewer", "A. Checker", *extra, input=answers)


def test_review_round_trip(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    write(tmp_path, "out/other.csv", OTHER)
    assert run_cli("scan", "out", "--format", "json", "-o", "report.json").exit_code == 1

    # other.csv's 2 approved (a block finding: the comment is asked again until given),
    # table.csv's 3 must change.
    result = _review(run_cli, "a\n2\n\nmerged with the neighbouring site in the release\nm\n\n")
    assert result.exit_code == 0, result.output
    assert "required: say why" in result.output
    decisions = json.loads((tmp_path / "report.decisions.json").read_text())
    assert decisions["format"] == "outscan-decisions/1"
    assert [(d["path"], d["decision"], d.get("reason")) for d in decisions["decisions"]] == [
        ("out/other.csv", "approve", "acceptable-risk"), ("out/table.csv", "change", None)]

    rendered = run_cli("report", "report.json", "--format", "json")
    assert {r["decision"] for r in rendered.report["reviews"]} == {"approve", "change"}
    markdown = run_cli("report", "report.json", "--format", "markdown").output
    assert "- [x] approve for release" in markdown and "merged with the neighbouring site" in markdown
    assert "2 of 2 decided" in markdown

    # An unrelated edit (another file changes, a file is added): decisions still attached.
    write(tmp_path, "out/other.csv", OTHER.replace("South,50", "South,51").replace("52", "53"))
    write(tmp_path, "out/new.csv", "Group,Count\nX,40\nY,45\n")
    run_cli("scan", "out", "--format", "json", "-o", "report2.json")
    again = run_cli("report", "report2.json", "--decisions", "report.decisions.json", "--format", "json").report
    kept = {r["path"]: r["decision"] for r in again["reviews"]}
    reopened = {r["path"]: r["decision"] for r in again.get("reopened", [])}
    assert kept == {"out/table.csv": "change"}
    assert reopened == {"out/other.csv": "approve"}  # other.csv changed: its finding is open again

    # The decided file itself changes: its decision re-opens too.
    write(tmp_path, "out/table.csv", TABLE + "D,30\n")
    run_cli("scan", "out", "--format", "json", "-o", "report3.json")
    third = run_cli("report", "report3.json", "--decisions", "report.decisions.json", "--format", "json").report
    assert third.get("reviews", []) == []
    assert {r["path"] for r in third["reopened"]} == {"out/table.csv", "out/other.csv"}
    text = run_cli("report", "report3.json", "--decisions", "report.decisions.json", "--format", "markdown").output
    assert "Re-opened: decided 'approve for release' by A. Checker" in text


def test_scan_attaches_decisions_directly(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    run_cli("scan", "out", "--format", "json", "-o", "report.json")
    _review(run_cli, "m\n\n")
    result = run_cli("scan", "out", "--format", "json", "--decisions", "report.decisions.json")
    assert [r["decision"] for r in result.report["reviews"]] == ["change"]


def test_review_is_resumable_and_skips_what_is_decided(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    write(tmp_path, "out/other.csv", OTHER)
    run_cli("scan", "out", "--format", "json", "-o", "report.json")
    first = _review(run_cli, "m\nfix\nq\n")
    assert "1 decision recorded" in first.output and "1 still undecided" in first.output
    second = _review(run_cli, "r\n1\nnot a count of people\n")
    assert "1 findings to decide, 1 decided already" in second.output
    assert "[1/1]" in second.output and "out/table.csv" in second.output
    third = _review(run_cli, "")
    assert "Nothing left to decide: 2 decisions in force" in third.output


def test_review_stops_cleanly_at_end_of_input(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    run_cli("scan", "out", "--format", "json", "-o", "report.json")
    result = _review(run_cli, "a\n")  # input ends in the middle of a decision
    assert result.exit_code == 0
    assert "0 decisions recorded" in result.output
    assert not (tmp_path / "report.decisions.json").exists()


def test_overriding_a_block_finding_needs_a_comment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "table.csv", TABLE)
    report = scan(["table.csv"])
    [finding] = report.findings
    with pytest.raises(DecisionError, match="comment"):
        decide(report, finding, Decision.APPROVE, "A. Checker")
    with pytest.raises(DecisionError, match="reason"):
        decide(report, finding, Decision.ACCEPT, "A. Checker", comment="known")
    with pytest.raises(DecisionError, match="reviewer"):
        decide(report, finding, Decision.CHANGE, " ")
    review = decide(report, finding, Decision.CHANGE, "A. Checker")  # agreeing with the verdict needs nothing
    assert attach(report, [review]).reviews[finding.fingerprint].decision is Decision.CHANGE


def test_the_latest_decision_by_its_time_wins_wherever_it_stands_in_the_file(tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "table.csv", TABLE)
    report = scan(["table.csv"])
    [finding] = report.findings
    day = dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)
    later = decide(report, finding, Decision.CHANGE, "B", when=day + dt.timedelta(hours=2))
    earlier = decide(report, finding, Decision.ACCEPT, "A", reason="false-positive", comment="checked",
                     when=day + dt.timedelta(hours=1))
    # Merged by hand from two reviewers' files, the later decision first.
    assert attach(report, [later, earlier]).reviews[finding.fingerprint].reviewer == "B"
    # A decision the report carries is weighed by its time too, not put before the file's.
    carried = attach(report, [later])
    assert attach(carried, [earlier]).reviews[finding.fingerprint].reviewer == "B"
    # Times written with another offset are compared as instants.
    east = dataclasses.replace(earlier, time="2026-11-22T04:30:00+03:00", reviewer="C")  # 01:30 UTC
    assert attach(report, [later, east]).reviews[finding.fingerprint].reviewer == "B"


def test_report_command_refuses_what_is_not_a_report(run_cli, tmp_path):
    write(tmp_path, "table.csv", TABLE)
    write(tmp_path, "notes.json", '{"a": 1}')
    result = run_cli("report", "notes.json")
    assert result.exit_code == 2 and "not an outscan JSON report" in result.stderr
    write(tmp_path, "report.json", '{"tool": {"name": "outscan"}, "schema_version": "1.1"}')
    assert run_cli("report", "report.json").exit_code == 2
    write(tmp_path, "broken.decisions.json", "{")
    run_cli("scan", "table.csv", "--format", "json", "-o", "ok.json")
    bad = run_cli("report", "ok.json", "--decisions", "broken.decisions.json")
    assert bad.exit_code == 2 and "cannot read the decisions file" in bad.stderr


def test_csv_and_xlsx_exports_carry_the_decision_columns(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", "Site,Cases\n=HYPERLINK(1),3\nB,40\nTotal,43\n")
    run_cli("scan", "out", "--format", "json", "-o", "report.json")
    _review(run_cli, "m\nsuppress it\n")

    rows = list(csv.DictReader(io.StringIO(run_cli("report", "report.json", "--format", "csv").output)))
    assert [(r["rule"], r["severity"], r["decision"], r["comment"], r["reviewer"]) for r in rows] == [
        ("OS101", "block", "change", "suppress it", "A. Checker")]
    assert rows[0]["message"].startswith("'=HYPERLINK")  # quoted, so no spreadsheet runs it

    assert run_cli("report", "report.json", "--format", "xlsx").exit_code == 2  # a file: needs --output
    assert run_cli("report", "report.json", "--format", "xlsx", "-o", "worksheet.xlsx").exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "worksheet.xlsx")
    sheet = book["findings"]
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]]))
    assert (values["rule"], values["decision"], values["comment"]) == ("OS101", "change", "suppress it")
    validated = {str(v.sqref).split(":")[0].rstrip("0123456789") for v in sheet.data_validations.dataValidation}
    assert validated == {sheet.cell(1, header.index(name) + 1).column_letter for name in ("decision", "reason")}
    assert "xlsx" in BINARY_FORMATS


def test_markdown_worksheet_has_every_section(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "out/table.csv", TABLE)
    write(tmp_path, "out/train.py", "import torch\n")
    write(tmp_path, "out/paper.md", "# Incidence\n\nWe used the National Childhood Cancer Registry (NCCR) Data "
                                    "Platform, 2023 release.\n")
    write(tmp_path, "out/broken.xls", "not a workbook")
    from outscan.policy import build_policy

    text = render(scan(["out"], build_policy(["nccr-dua"])), "markdown")
    for heading in ("# outscan review worksheet", "## Summary by clause", "## Findings", "## Acknowledgements",
                    "## AI/ML inventory", "## What was not checked", "## Sign-off"):
        assert heading in text
    assert "| 2 | A | **⚑ 3** (#" in text  # the flagged cell, in its table
    assert "**found** — `out/paper.md`" in text
    assert "ML framework or local model | `out/train.py`" in text
    assert "`out/broken.xls` | could not be read" in text
    assert "**NCCR DUA §17**" in text


def test_own_reports_are_not_scanned_again_but_a_marker_exempts_nothing(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    for name in ("json", "sarif"):
        run_cli("scan", "out/table.csv", "--format", name, "-o", f"out/report.{name}")
    run_cli("scan", "out/table.csv", "--format", "json", "-o", "report.json")
    _review(run_cli, "m\n\n")
    (tmp_path / "report.decisions.json").rename(tmp_path / "out" / "report.decisions.json")
    # What only looks like outscan's: the marker of a report, then patients.
    write(tmp_path, "out/spoof.json", '{"schema_version": "1.1", "tool": {"name": "outscan"}, '
                                      '"patients": [{"name": "Harold Pemberton", "mrn": "00482135"}]}')
    write(tmp_path, "out/spoof.csv", "number,status,severity,rule,name,category,clauses,path,location,message,"
                                     "evidence,decision\nSite,Cases\nA,3\n")
    result = run_cli("scan", "out", "--format", "json")
    statuses = {f["path"]: (f["status"], f.get("note", "")) for f in result.report["files"]}
    for name in ("report.json", "report.sarif", "report.decisions.json"):
        assert statuses[f"out/{name}"] == ("skipped", "an outscan report or decisions file (masked already): "
                                                      "not scanned"), name
    assert statuses["out/spoof.json"][0] == statuses["out/spoof.csv"][0] == "scanned"
    assert [f["path"] for f in result.report["findings"]] == ["out/table.csv"]


def test_decisions_file_is_written_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "table.csv", TABLE)
    report = scan(["table.csv"])
    from outscan.decisions import save_decisions

    review = decide(report, report.findings[0], Decision.CHANGE, "A. Checker")
    save_decisions(tmp_path / "d.json", [review])
    assert load_decisions(tmp_path / "d.json") == [review]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_markdown_shows_odd_text_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "odd `name`.csv", "Site,Cases\n**bold** | <b>pipe</b>,3\nB,40\n")
    text = render(scan(["odd `name`.csv"]), "markdown")
    assert "### ``odd `name`.csv``" in text  # a code span around a name with backticks
    assert "\\*\\*bold\\*\\* \\| \\<b\\>pipe\\</b\\>" in text  # no emphasis, no cell break, no HTML
    assert "<b>" not in text


# Tables whose rows are people without saying so in an identifier header: names under a
# neutral header, dates of birth in words, names as column headers, a notebook whose names
# only the text engine knows for names. (Found in review; each printed a name somewhere.)
NEUTRAL = {
    "groups.csv": "Group,Deaths,Admissions\nJohnathan Quibbleworth,3,120\nMarisol Vantongeren,45,200\n"
                  "Bartholomew Pennyfeather,52,310\n",
    "clients.csv": "Client,Hosp. No.,D.O.B.,Admissions\nEleanor Whitfield,RXH-4021,4 March 1957,3\n"
                   "Chidi Okonkwo,RXH-4087,2 November 1948,2\nSiobhan Brannigan,RXH-4100,27 June 1969,14\n"
                   "Tomas Ferreira,RXH-4155,9 September 1981,22\nTotal,,,41\n",
    "born.csv": "Forename,Born,Outcome,Count\nEleanor,4 March 1957,died,2\nChidi,November 2 1948,alive,40\n"
                "Siobhan,27-Jun-1969,alive,41\n",
    "wide.csv": "Measure,Eleanor Whitfield,Chidi Okonkwo,Siobhan Brannigan\nAdmissions,3,25,40\nDeaths,1,12,30\n",
    "linelist.csv": "Patient ID,Age,Sex,ZIP,Admission date\nP0001,97,F,02139,2019-03-04\n"
                    "P0002,34,M,02140,2019-05-11\nP0003,91,F,02141,2019-06-02\n",
}
NEUTRAL_SECRETS = ("Quibbleworth", "Vantongeren", "Pennyfeather", "Whitfield", "Okonkwo", "Brannigan", "Ferreira",
                   "Siobhan", "Chidi", "Eleanor", "RXH-4100", "4 March 1957", "27 June 1969", "27-Jun-1969",
                   "Montefiore", "Fairweather", "Hatherleigh", "Quillfeather", "8812734", "1952-07-19", "02139")


def test_tables_of_people_without_an_identifier_header_print_no_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, content in NEUTRAL.items():
        write(tmp_path, f"out/{name}", content)
    (tmp_path / "out" / "analysis.ipynb").write_bytes(
        (Path(__file__).parent / "fixtures" / "worksheet" / "names_in_outputs.ipynb").read_bytes())
    report = scan(["out"])
    assert {f.path for f in report.findings if f.rule == "OS101"} >= {
        "out/groups.csv", "out/clients.csv", "out/born.csv", "out/wide.csv", "out/analysis.ipynb"}
    for name in FORMATTERS:
        text = _as_text(render(report, name))
        leaked = [secret for secret in NEUTRAL_SECRETS if secret in text]
        assert not leaked, (name, leaked)
    linelist = next(e for e in report.excerpts if e.path == "out/linelist.csv")
    assert dict(linelist.rows)[2] == ("P****", "**", "F", "*****", "****-**-**")  # by shape, the age too


def test_decisions_carried_in_a_report_survive_re_rendering(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    run_cli("scan", "out", "--format", "json", "-o", "report.json")
    _review(run_cli, "m\n\n")
    run_cli("scan", "out", "--format", "json", "-o", "with.json", "--decisions", "report.decisions.json")
    rows = list(csv.DictReader(io.StringIO(run_cli("report", "with.json", "--format", "csv").output)))
    assert [r["decision"] for r in rows] == ["change"]
    assert "Nothing left to decide" in run_cli("review", "with.json", "--reviewer", "B", input="").output


def test_two_reviewers_on_one_decisions_file_keep_both(tmp_path, monkeypatch):
    from outscan.decisions import record_decision

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.csv", TABLE)
    write(tmp_path, "b.csv", OTHER)
    report = scan(["a.csv", "b.csv"])
    first, second = report.findings
    record_decision(tmp_path / "d.json", decide(report, first, Decision.CHANGE, "A"))
    record_decision(tmp_path / "d.json", decide(report, second, Decision.CHANGE, "B"))
    assert [r.reviewer for r in load_decisions(tmp_path / "d.json")] == ["A", "B"]


def test_a_named_decisions_file_must_exist_and_foreign_decisions_are_said(run_cli, tmp_path):
    write(tmp_path, "out/table.csv", TABLE)
    write(tmp_path, "other/table.csv", OTHER)
    run_cli("scan", "out", "--format", "json", "-o", "report.json")
    run_cli("scan", "other", "--format", "json", "-o", "other.json")
    missing = run_cli("report", "report.json", "--decisions", "typo.decisions.json")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    run_cli("review", "other.json", "--reviewer", "A", input="m\n\n")
    foreign = run_cli("report", "report.json", "--decisions", "other.decisions.json", "--format", "csv")
    assert foreign.exit_code == 0 and "1 decision in other.decisions.json matches no finding" in foreign.stderr
    assert run_cli("review", "report.json", "--decisions", "nowhere/d.json").exit_code == 2


@pytest.mark.parametrize("change", [
    lambda r: {"tool": "outscan"},
    lambda r: {**r, "policy": None},
    lambda r: {**r, "findings": [{**r["findings"][0], "highlight": [5]}]},
    lambda r: {**r, "findings": [{**r["findings"][0], "evidence": None}]},
    lambda r: {**r, "files": [{**r["files"][0], "size": None}]},
])
def test_a_damaged_report_is_a_usage_error_not_a_traceback(run_cli, tmp_path, change):
    write(tmp_path, "table.csv", TABLE)
    run_cli("scan", "table.csv", "--format", "json", "-o", "report.json")
    report = json.loads((tmp_path / "report.json").read_text())
    (tmp_path / "report.json").write_text(json.dumps(change(report)))
    for command in (("report", "report.json"), ("review", "report.json")):
        result = run_cli(*command, input="")
        assert result.exit_code == 2 and "report" in result.stderr, command


def test_answers_that_are_not_utf8_are_saved_readably(tmp_path):
    import subprocess
    import sys

    write(tmp_path, "table.csv", TABLE)
    subprocess.run([sys.executable, "-m", "outscan", "scan", "table.csv", "--format", "json", "-o", "report.json"],
                   cwd=tmp_path, capture_output=True)
    done = subprocess.run([sys.executable, "-m", "outscan", "review", "report.json"], cwd=tmp_path,
                          input=b"J\xfcrgen\nm\nKommentar \xe4\xf6\n", capture_output=True)
    assert done.returncode == 0, done.stderr
    [review] = load_decisions(tmp_path / "report.decisions.json")
    assert review.reviewer == "J\ufffdrgen" and review.comment == "Kommentar \ufffd\ufffd"


def test_a_long_header_flags_its_own_cell_only(tmp_path, monkeypatch):
    from outscan.report.worksheet import build

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "long.csv", "Region,Deaths among residents aged 65 and over,Admissions\nNorth,3,120\n"
                                "South,45,200\nEast,60,310\n")
    write(tmp_path, "wide.csv", "Site," + ",".join(f"Ward {c}" for c in "ABCDEFGHIJKLM") + "\n"
                                "North," + ",".join(["40"] * 12) + ",3\nSouth," + ",".join(["50"] * 13) + "\n")
    worksheet = build(scan(["long.csv", "wide.csv"]))
    long, wide = worksheet.excerpts
    assert long.items_at == {(2, 1): (1,)}
    assert wide.table.columns_left_out == 11 and wide.table.columns == ("Site", "Ward L", "Ward M")
    assert "11 columns without findings left out" in render(worksheet.report, "markdown")


def test_json_data_that_starts_like_a_report_is_scanned_not_a_crash(run_cli, tmp_path):
    write(tmp_path, "out/a.json", '{"schema_version": 2, "format": 3}')
    write(tmp_path, "out/b.json", '{"schema_version": "1.0", "tool": "mytool"}')
    write(tmp_path, "out/c.json", '{"$schema": "x-sarif", "version": "2.1.0", "runs": [{"tool": "x"}]}')
    write(tmp_path, "out/d.json", '{"format": null, "decisions": []}')
    result = run_cli("scan", "out", "--format", "json")
    assert result.exit_code == 0
    assert {f["status"] for f in result.report["files"]} == {"scanned"}


# A manuscript that names a patient in its text and has a table whose row is labelled by a
# name the given-name list does not know: the file says its tables' rows may be people.
PEOPLE_TABLE_MANUSCRIPT = """# Results

The patient, Harold Pemberton, was admitted twice.

Table 2. Visits by group

| Group | Visits | Deaths |
|---|---|---|
| Ignatius Throckmorton | 3 | 40 |
| Northern Region | 45 | 50 |
| Total | 48 | 90 |
"""


def test_row_labels_of_a_manuscript_that_names_people_reach_no_format(run_cli, tmp_path):
    write(tmp_path, "out/paper.md", PEOPLE_TABLE_MANUSCRIPT)
    for name in FORMATTERS:
        result = run_cli("scan", "out", "--format", name, "-o", f"report.{name}")
        assert result.exit_code == 1, (name, result.stderr)
        text = _as_text((tmp_path / f"report.{name}").read_bytes() if name in BINARY_FORMATS
                        else (tmp_path / f"report.{name}").read_text(encoding="utf-8"))
        assert "OS101" in text, name  # the finding that names the row is there, masked
        leaked = [secret for secret in ("Throckmorton", "Ignatius", "Pemberton") if secret in text]
        assert not leaked, (name, leaked)
