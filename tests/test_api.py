"""The scan loop: a failing part never hides findings, partly read files say so."""

from __future__ import annotations

import openpyxl

from outscan.api import scan
from outscan.checks.tables.os102_weaker_suppression import WeakerSuppressionRule
from outscan.model import FileStatus, Location
from tests.conftest import write


def test_a_failing_check_keeps_every_other_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def broken(self, table, context):
        raise RuntimeError("boom")
        yield  # pragma: no cover - makes this a generator like the real one

    monkeypatch.setattr(WeakerSuppressionRule, "run", broken)
    book = openpyxl.Workbook()
    book.active.append(["Site", "Cases"])
    book.active.append(["Brain", 3])
    second = book.create_sheet("Sheet2")
    second.append(["Site", "Cases"])
    second.append(["Bone", 4])
    book.save(tmp_path / "t.xlsx")

    report = scan(["t.xlsx"])

    (entry,) = report.files
    assert entry.status is FileStatus.ERROR
    assert "internal error in OS102" in entry.error and "boom" in entry.error
    assert sorted((f.location.sheet, f.location.row) for f in report.findings) == [("Sheet", 2), ("Sheet2", 2)]


def test_formulas_without_saved_values_are_an_error_and_the_rest_is_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Formulas"
    sheet.append(["Site", "Male", "Female", "Total"])
    sheet.append(["Brain", 3, "=2+1", "=B2+C2"])
    book.save(tmp_path / "f.xlsx")

    report = scan(["f.xlsx"])

    (entry,) = report.files
    assert entry.status is FileStatus.ERROR
    assert "sheet 'Formulas': 2 formula cell(s) have no saved value" in entry.error
    assert [(f.location.row, f.location.column) for f in report.findings] == [(2, "Male")]


def test_legacy_xls_is_an_error_not_a_skip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (entry,) = scan(["."]).files
    assert entry.kind == "xls" and entry.status is FileStatus.ERROR
    assert "save it as .xlsx" in entry.error


def test_findings_sort_by_column_as_a_spreadsheet_orders_them():
    columns = [Location(row=5, cell_ref=ref) for ref in ("AA5", "B5", "Z5", "C5")]
    assert [c.cell_ref for c in sorted(columns, key=Location.sort_key)] == ["B5", "C5", "Z5", "AA5"]


def test_tables_not_read_together_say_so(tmp_path, monkeypatch):
    import outscan.api

    monkeypatch.chdir(tmp_path)
    for i in range(3):
        write(tmp_path, f"t{i}.csv", "Site,Cases\nBrain,40\nBone,52\n")
    monkeypatch.setattr(outscan.api, "MAX_TABLES_TOGETHER", 2)
    notes = {f.path: f.note for f in scan(["."]).files}
    assert notes == {f"t{i}.csv": "not read together with other tables: the scan holds more than 2 tables"
                     for i in range(3)}


def test_a_large_table_is_not_held_for_linking_and_says_so(tmp_path, monkeypatch):
    import outscan.api

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "big.csv", "Site,Cases\n" + "".join(f"S{i},{40 + i}\n" for i in range(30)))
    monkeypatch.setattr(outscan.api, "_MAX_KEPT_CELLS", 10)
    (entry,) = scan(["big.csv"]).files
    assert entry.note == "larger than 10 cells: not read together with other tables"


def test_a_failing_people_judgement_masks_row_labels_and_says_so(tmp_path, monkeypatch):
    import outscan.tables.people as people

    monkeypatch.chdir(tmp_path)

    def broken(table):
        raise RuntimeError("bang")

    monkeypatch.setattr(people, "record_level", broken)
    write(tmp_path, "t.csv", "Name,Cases\nThrockmorton Ignatius,3\nBrannigan Siobhan,40\n")
    report = scan(["t.csv"])
    (entry,) = report.files
    assert entry.status is FileStatus.ERROR and "bang" in entry.error
    small = [f for f in report.findings if f.rule == "OS101"]
    assert small and all("Throckmorton" not in f.message for f in small)
