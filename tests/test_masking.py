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
