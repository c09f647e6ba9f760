"""Whether a table's rows may be people: then a report names none of its rows as written.

A table says so itself (a column of names, of personal dates or person IDs; a line list),
or its file does: an identifier or record-level finding anywhere in the same file (a
manuscript that names a patient in its text, a workbook with a line list on another sheet).
Findings name its rows by initials, and its excerpt draws its labels and personal values
by shape (outscan/excerpts.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from outscan.documents import Table
from outscan.masking import LABEL_WIDTH, mask_digits, mask_name, safe_label, short
from outscan.model import Category, Finding
from outscan.tables.columns import column_profiles
from outscan.tables.records import record_level

# Findings that say the rows of a file's tables may be people.
PEOPLE_CATEGORIES = frozenset({Category.INDIVIDUAL_RECORDS, Category.IDENTIFIER})
_FILE_SAYS_PEOPLE = "file_says_people"


def findings_say_people(findings: Iterable[Finding]) -> bool:
    return any(f.category in PEOPLE_CATEGORIES for f in findings)


def rows_are_people(table: Table) -> bool:
    """The table's own judgement: a column that identifies a person (not a hospital's ID or a
    county's name), or a line list."""
    return any(p.is_person for p in column_profiles(table)) or record_level(table) is not None


def mark_file(tables: list[Table], findings: Iterable[Finding], people: bool = False) -> None:
    """Tell every table of a file what the rest of the file says, before the table checks name rows.

    Record-level tables are OS110's and OS111's findings, known here before those checks run.
    `people`: taken as said (when the judgement itself failed).
    """
    people = people or findings_say_people(findings) or any(record_level(t) is not None for t in tables)
    for table in tables:
        table.derived[_FILE_SAYS_PEOPLE] = people


def rows_may_be_people(table: Table) -> bool:
    return bool(table.derived.get(_FILE_SAYS_PEOPLE)) or rows_are_people(table)


def row_label_shown(table: Table, label: str) -> str:
    """A row label as a message prints it: by initials when the rows may be people."""
    if label and rows_may_be_people(table):
        return short(mask_name(mask_digits(label)), LABEL_WIDTH)
    return safe_label(label)
