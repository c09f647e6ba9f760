"""Table excerpts of tables whose rows may be people: labels by shape, counts as written.

A reviewer judges a small count by seeing it among its neighbours; a table of people hides
who the rows are (their labels, identifiers, personal values), not how many they count.
"""

from __future__ import annotations

from outscan.api import scan
from outscan.tables.people import rows_are_people
from tests.conftest import write
from tests.test_columns import table

# Rows named by people the name list knows: the rows are people.
GROUPS = "Group,Deaths,Admissions\nEleanor Whitfield,3,120\nHarold Pemberton,45,200\nBeatrice Quimby,52,310\n"
COVID = "Provisional_COVID-19_Deaths_by_County__and_Race_and_Hispanic_Origin.csv"


def test_a_table_of_people_keeps_its_counts_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "groups.csv", GROUPS)
    [excerpt] = scan(["groups.csv"]).excerpts
    rows = dict(excerpt.rows)
    assert rows[2] == ("E*** W***", "3", "120")
    assert rows[3] == ("H*** P***", "45", "200")


def test_a_line_list_is_still_drawn_by_shape_to_its_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "linelist.csv", "Patient ID,Age,Sex,ZIP,Admission date\nP0001,97,F,02139,2019-03-04\n"
                                    "P0002,34,M,02140,2019-05-11\nP0003,91,F,02141,2019-06-02\n")
    [excerpt] = scan(["linelist.csv"]).excerpts
    assert dict(excerpt.rows)[2] == ("P****", "**", "F", "*****", "****-**-**")


def test_places_and_hospitals_named_by_name_or_id_are_not_people():
    counties = table(["State", "County Name", "Deaths"], ["CA", "Marin County", "304"], ["CA", "Yolo County", "155"],
                     ["CA", "Inyo County", "12"])
    states = table(["State Name", "Deaths"], ["California", "304"], ["Oregon", "155"], ["Nevada", "12"])
    hospitals = table(["Hospital ID", "Admissions"], ["H-0412", "304"], ["H-0587", "155"], ["H-0633", "12"])
    for aggregate in (counties, states, hospitals):
        assert not rows_are_people(aggregate), aggregate.header


def test_names_and_person_ids_still_make_rows_people():
    named = table(["Name", "Visits"], ["Ignatius Throckmorton", "3"], ["Bartholomew Quillon", "40"])
    patients = table(["Patient ID", "Visits"], ["P0001", "3"], ["P0002", "40"])
    for people in (named, patients):
        assert rows_are_people(people), people.header


def test_a_time_axis_of_worded_dates_is_not_a_column_of_personal_dates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    weeks = "".join(f'"January {day}, 2020",{deaths}\n' for day, deaths in ((7, 3), (14, 40), (21, 52), (28, 61)))
    write(tmp_path, "weekly.csv", "Week ending,Deaths\n" + weeks)
    report = scan(["weekly.csv"])
    assert not rows_are_people(_table(tmp_path / "weekly.csv"))
    [excerpt] = report.excerpts
    assert dict(excerpt.rows)[2] == ("** *** 2020", "3")  # a date keeps its year, the count is not starred


def test_dates_of_birth_in_words_are_still_personal():
    born = table(["Client", "Born", "Visits"], ["A", "4 March 1957", "3"], ["B", "2 November 1948", "40"],
                 ["C", "27 June 1969", "41"])
    assert rows_are_people(born)


def test_the_covid_county_file_is_not_a_table_of_people(real_tables):
    source = _table(real_tables / COVID)
    assert not rows_are_people(source)
    report = scan([real_tables / COVID])
    excerpt = report.excerpts[0]
    deaths = excerpt.columns.index("COVID-19 Deaths")
    assert any(cells[deaths].isdigit() for _, cells in excerpt.rows)  # totals as written, not '***'


def _table(path):
    from outscan.readers.delimited import read_delimited

    [read] = read_delimited(path, ",")
    return read
