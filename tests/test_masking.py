"""The name mask of report labels: every person's name as initials, and nothing else.

Labels (row labels, headers, excerpt cells) go through `mask_person_names`; a name it
misses is printed in a report that may be shared, a place it takes for a name is a label
the reviewer cannot read.
"""

from __future__ import annotations

import pytest

from outscan.masking import mask_person_names


@pytest.mark.parametrize(("text", "masked"), [
    ("Eleanor Whitfield", "E*** W***"),
    ("Patient Eleanor Whitfield", "Patient E*** W***"),  # a title word before the name
    ("Dr. Eleanor J. Whitfield", "Dr. E*** J*** W***"),
    ("Mary Ellen Whitfield", "M*** E*** W***"),  # a middle name that is a given name too
    ("Mary Ellen", "M*** E***"),
    ("WHITFIELD, Eleanor", "W*** E***"),  # all-caps surname first
    ("Whitfield, Eleanor Mary", "W*** E*** M***"),
    ("Eleanor WHITFIELD", "E*** W***"),
    ("ELEANOR WHITFIELD", "E*** W***"),
    ("Mary O'Brien", "M*** O***"),
    ("O'Brien, Mary", "O*** M***"),
    ("John McDonald", "J*** M***"),
    ("José Muñoz", "J*** M***"),
    ("Zoë Ångström", "Z*** Å***"),
    ("Maria de la Cruz", "M*** d*** l*** C***"),
    ("seen by Eleanor Whitfield.", "seen by E*** W***."),
    ("Eleanor Whitfield (2019)", "E*** W*** (2019)"),
    ("Dr. Ignatius Throckmorton", "Dr. I*** T***"),  # a title names a person the name list does not know
    ("Mrs Throckmorton", "Mrs T***"),
])
def test_names_are_masked_whole(text, masked):
    assert mask_person_names(text) == masked


@pytest.mark.parametrize("text", [
    "Patient Admissions",
    "Total, Male",
    "Austin TX",  # a state's postal code is not a surname
    "Charlotte, NC",
    "Age group / 0-4",
    "Stage IV",
    "Non-Hispanic White",
    "St. Jude Children's Research Hospital",
    "Eleanor. Whitfield",  # a sentence ends between them
    "Dr. visits",
    "MS Patients",
])
def test_words_that_are_not_names_are_left_alone(text):
    assert mask_person_names(text) == text


@pytest.mark.parametrize("text", [
    "Charles River",  # a name followed by what makes it a place or an organisation
    "Charles River Laboratories",
    "Henry Ford Hospital",
    "Henry Ford Health System",
    "Virginia Hodgkin Lymphoma",
    "Santa Clara County",
    "Santa Clara",  # a pair that is a county or place in the gazetteer
    "Santa Barbara",
    "Van Buren",
    "Anne Arundel",
    "North Carolina Deaths",  # a given name that is the end of a place's name
    "West Virginia Medicaid",
    "San Jose Whitfield",
])
def test_places_and_institutions_are_not_people(text):
    assert mask_person_names(text) == text


@pytest.mark.parametrize(("text", "masked"), [
    ("Eleanor Whitfield Admissions", "E*** W*** Admissions"),
    ("Charles Whitfield", "C*** W***"),
    ("Anne Whitfield, Santa Clara", "A*** W***, Santa Clara"),
])
def test_people_beside_places_are_still_masked(text, masked):
    assert mask_person_names(text) == masked


def _finding(rule: str, message: str, match_key: str = "", row: int | None = 2):
    from outscan.model import Category, Finding, Location, Severity

    return Finding(rule=rule, name=rule, category=Category.SMALL_CELL, severity=Severity.BLOCK, path="a.md",
                   location=Location(row=row, column="Cases"), message=message, evidence="3", match_key=match_key)


def test_a_name_the_text_found_is_masked_only_as_a_whole_word():
    from outscan.checks.text.base import scrub_identifiers

    person = _finding("OS201", "a person's name", "PERSON:diana", row=None)
    inside = _finding("OS101", "'Indiana' × 'Cases': count 3 is below the minimum of 10")
    named = _finding("OS101", "'Diana' × 'Cases': count 3 is below the minimum of 10")
    _, inside, named = scrub_identifiers([person, inside, named])
    assert inside.message.startswith("'Indiana' × 'Cases'")
    assert named.message.startswith("'D***' × 'Cases'")


@pytest.mark.parametrize(("text", "cut_at", "side"), [
    ("Admitted to the ward, born 14 March 1957, and discharged.", "h 1957", "right"),  # "... born 14 Marc"
    ("Born September 14, 1987, she was admitted to the ward twice.", "ber 14", "left"),  # "ber 14, 1987 ..."
    ("Recorded DOB 03/14/1987 in the chart, admitted to the ward.", "/14/1987", "left"),
    ("Admitted to the ward, DOB 03/14/1987 in the chart.", "4/1987", "right"),  # "... DOB 03/1"
])
def test_a_date_cut_at_the_edge_of_an_evidence_window_keeps_no_day(text, cut_at, side):
    from outscan.masking import excerpt

    hit = "Admitted" if "Admitted" in text else "admitted"
    start = text.index(hit)
    end = start + len(hit)
    edge = text.index(cut_at)
    context = start - edge if side == "left" else edge - end
    shown = excerpt(text, start, end, None, [], context=context)
    assert "14" not in shown and "03/1" not in shown, shown
