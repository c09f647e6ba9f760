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
