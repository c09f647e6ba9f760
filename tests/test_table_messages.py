"""What table findings print of a table's headers and row labels: only what a shared report may show.

A table check names a cell by its row label and column header. When those are people
(a wide table with a column per person, a line list, a manuscript's table of patients)
the message and location print them masked, as the table's excerpt does.
"""

from __future__ import annotations

from outscan.api import scan
from tests.conftest import write

# Columns are people: two headers the name list knows make every capitalised header a person.
PEOPLE_AS_COLUMNS = ("Measure,Eleanor Whitfield,Harold Pemberton,Ignatius Throckmorton,Total\n"
                     "Admissions,30,40,50,120\n"
                     "Deaths,*,*,*,2\n"
                     "Visits,20,25,4,49\n")
# Headers that are not people print as written.
PLACES_AS_COLUMNS = ("Measure,North Region,South Region,West Region,Total\n"
                     "Admissions,30,40,50,120\n"
                     "Deaths,*,*,*,2\n"
                     "Visits,20,25,4,49\n")


def _table_findings(report):
    return [f for f in report.findings if f.rule.startswith("OS1")]


def test_headers_that_are_people_print_masked_in_every_table_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "wide.csv", PEOPLE_AS_COLUMNS)
    findings = _table_findings(scan(["wide.csv"]))
    assert {f.rule for f in findings} >= {"OS101", "OS103"}
    also = next(f for f in findings if f.rule == "OS103")
    assert "(also 'H*** P***', 'I*** T***')" in also.message
    small = next(f for f in findings if f.rule == "OS101" and f.location.row == 4)
    assert small.message.startswith("'Visits' × 'I*** T***'")
    for finding in findings:
        for surname in ("Whitfield", "Pemberton", "Throckmorton"):
            assert surname not in finding.message and surname not in (finding.location.column or ""), finding


def test_headers_that_are_not_people_print_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "wide.csv", PLACES_AS_COLUMNS)
    findings = _table_findings(scan(["wide.csv"]))
    also = next(f for f in findings if f.rule == "OS103")
    assert "'Deaths' × 'North Region' (also 'South Region', 'West Region')" in also.message


# A manuscript that names a patient in its text: its table's rows may be people, whatever
# the name list knows of "Ignatius Throckmorton".
MANUSCRIPT_WITH_PEOPLE = """# Results

The patient, Harold Pemberton, was admitted twice.

Table 2. Visits by group

| Group | Visits | Deaths |
|---|---|---|
| Ignatius Throckmorton | 3 | 40 |
| Bartholomew Quillon | 45 | 50 |
| Total | 48 | 90 |
"""
MANUSCRIPT_WITHOUT_PEOPLE = MANUSCRIPT_WITH_PEOPLE.replace("The patient, Harold Pemberton, was admitted twice.",
                                                           "Admissions rose in both years.") \
    .replace("Ignatius Throckmorton", "Northern Region").replace("Bartholomew Quillon", "Southern Region")


def test_row_labels_of_a_file_that_names_people_print_as_initials(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "paper.md", MANUSCRIPT_WITH_PEOPLE)
    [small] = [f for f in scan(["paper.md"]).findings if f.rule == "OS101"]
    assert "Throckmorton" not in small.message and "Ignatius" not in small.message
    assert small.message.startswith(("'I*** T***' × 'Visits': count 3", "'Visits': count 3"))


def test_row_labels_of_a_file_without_people_print_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "paper.md", MANUSCRIPT_WITHOUT_PEOPLE)
    [small] = [f for f in scan(["paper.md"]).findings if f.rule == "OS101"]
    assert small.message.startswith("'Northern Region' × 'Visits': count 3")


def test_a_line_list_on_one_sheet_masks_row_labels_on_another(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Visits"
    for row in (["Group", "Visits"], ["Ignatius Throckmorton", 3], ["Bartholomew Quillon", 45], ["Total", 48]):
        book.active.append(row)
    patients = book.create_sheet("Patients")
    patients.append(["MRN", "Date of birth", "Visits"])
    for number in range(3):
        patients.append([f"0048213{number}", f"1987-03-1{number}", 2])
    book.save(tmp_path / "book.xlsx")
    report = scan(["book.xlsx"])
    assert any(f.rule == "OS110" for f in report.findings)
    [small] = [f for f in report.findings if f.rule == "OS101" and f.location.sheet == "Visits"]
    # The name is a known given name, so the label column reads as names: no label is printed at all.
    assert "Throckmorton" not in small.message and "Ignatius" not in small.message
    assert small.message.startswith(("'I*** T***' × 'Visits'", "'Visits': count 3"))


def test_one_person_among_the_headers_does_not_make_every_header_a_person():
    from outscan.documents import Table

    one = Table(header=("Measure", "Eleanor Whitfield", "North Region", "South Region"), rows=[])
    assert [one.column_label(c) for c in range(4)] == ["Measure", "E*** W***", "North Region", "South Region"]
    two = Table(header=("Measure", "Eleanor Whitfield", "Harold Pemberton", "Ignatius Throckmorton"), rows=[])
    assert [two.column_label(c) for c in range(4)] == ["Measure", "E*** W***", "H*** P***", "I*** T***"]
    # A hospital's name among places: masked alone, the places print.
    hospitals = Table(header=("Site", "Henry Ford", "Santa Clara", "Other Hospitals"), rows=[])
    assert [hospitals.column_label(c) for c in range(4)] == ["Site", "H*** F***", "Santa Clara", "Other Hospitals"]
    # One name the list knows and one shaped like a name it does not: the columns are people.
    shaped = Table(header=("Measure", "Eleanor Whitfield", "Chidi Okonkwo"), rows=[])
    assert [shaped.column_label(c) for c in range(3)] == ["Measure", "E*** W***", "C*** O***"]
