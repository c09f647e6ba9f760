"""OS402 record-level-extract."""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Artifact
from outscan.masking import short
from outscan.model import Category, Finding, Location, Severity

# Binary statistical formats by suffix, and by their first bytes where they have a signature.
FORMATS = {".parquet": "Parquet", ".feather": "Feather/Arrow", ".arrow": "Feather/Arrow", ".sas7bdat": "SAS",
           ".dta": "Stata", ".sav": "SPSS", ".zsav": "SPSS", ".rds": "R (RDS)", ".rdata": "R (RData)",
           ".rda": "R (RData)"}
_MAGIC = ((b"PAR1", "Parquet"), (b"ARROW1", "Feather/Arrow"), (b"$FL2", "SPSS"), (b"$FL3", "SPSS"),
          (b"<stata_dta>", "Stata"), (b"RDX", "R (RData)"))
# A name or a column name that says the file is about people, one row each.
_PEOPLE = re.compile(
    r"patient|person|individual|subject|participant|member|case[_ -]?(?:list|level|file|id)|cases|cohort|"
    r"record|registry|seer|nccr|extract|line[_ -]?list|microdata|mrn|\bdob\b|birth|ssn|claims|encounter|"
    r"admission|ehr|emr|raw|identif", re.IGNORECASE)
_COLUMNS = re.compile(rb"patient[_ ]?id|person[_ ]?id|subject[_ ]?id|record[_ ]?id|\bmrn\b|date[_ ]?of[_ ]?birth|"
                      rb"\bdob\b|birth[_ ]?date|\bssn\b|patient_?num|case[_ ]?id|pat_?id|date_?of_?diagnosis",
                      re.IGNORECASE)
_PICKLED_FRAME = (b"pandas.core.frame", b"pandas.core.internals", b"DataFrame")
MIN_FIXED_WIDTH = 80


def _format(artifact: Artifact) -> str | None:
    for magic, name in _MAGIC:
        if artifact.head.startswith(magic):
            return name
    if artifact.suffix in FORMATS:
        return FORMATS[artifact.suffix]
    if artifact.suffix in (".pkl", ".pickle") and any(mark in artifact.head for mark in _PICKLED_FRAME):
        return "pickled pandas DataFrame"
    return None


def fixed_width(text: str) -> tuple[int, int] | None:
    """(lines, width) when every line is as long as the others (80 or more) and mostly digits."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) < 3 or len({len(line) for line in lines}) != 1 or len(lines[0]) < MIN_FIXED_WIDTH:
        return None
    body = "".join(lines)
    filled = [ch for ch in body if not ch.isspace()]
    if not filled or sum(ch.isdigit() for ch in filled) < 0.7 * len(filled):
        return None
    return len(lines), len(lines[0])


@register
class RecordLevelExtract(Check):
    """A data file in a statistical format, or a fixed-width registry extract, is in the tree.

    **What it flags.** Once per file: a Parquet, Feather/Arrow, SAS (``.sas7bdat``), Stata
    (``.dta``), SPSS (``.sav``) or R (``.rds``, ``.RData``) file, or a pickle holding a
    pandas DataFrame (seen in its first bytes; never unpickled). Such files carry rows, not
    results: *block* when the file's name (``patients.parquet``, ``seer_extract.dta``) or
    the column names in its first or last 64 KB (``patient_id``, ``date_of_birth``,
    ``MRN``) say it is about people, else *review*. Also a SEER-style fixed-width extract:
    a ``.txt``/``.dat`` file whose lines all have the same length, 80 characters or more,
    mostly digits — *block*.

    **What it leaves alone.** CSV and spreadsheets (OS110 judges those by their rows), a
    JSON or YAML file, a pickle of anything but a DataFrame, text whose lines differ in
    length or are prose.

    **Why it matters.** An extract is the Data itself: NCCR DUA §9 forbids releasing it in
    full or in part, TCIA §4 forbids transferring the Dataset to any third party, and a
    repository is published as a whole, whatever the paper shows.

    **Example.** ::

        data/patients.parquet        <- whole file: a Parquet data file named like patient-level data
        data/incidence.txt           <- whole file: fixed-width extract, 500 lines of 358 characters

    **How to fix.** Remove the file from the repository and its history and keep the
    data inside the enclave; publish the aggregate results, the code that reads the data,
    and a data dictionary instead. Add the data folder to ``.gitignore``.
    """

    code = "OS402"
    name = "record-level-extract"
    category = Category.RESTRICTED_ARTIFACT
    severity = Severity.BLOCK
    reads = Artifact

    def run(self, artifact: Artifact, context: CheckContext) -> Iterator[Finding]:
        if artifact.kind == "text" and artifact.suffix in (".txt", ".dat", "") and artifact.text:
            shape = fixed_width(artifact.text)
            if shape:
                yield self.finding(
                    context, Location(),
                    message=f"fixed-width extract (SEER-style): {shape[0]:,} lines of {shape[1]} characters, "
                            "mostly digits",
                    evidence=f"{shape[0]} lines x {shape[1]} characters", match_key="fixed-width")
            return
        if artifact.kind != "data":
            return
        kind = _format(artifact)
        if kind is None:
            return
        by_name = _PEOPLE.search(artifact.name)
        by_column = _COLUMNS.search(artifact.head + artifact.tail)
        if by_name or by_column:
            said = f"its name says '{by_name.group()}'" if by_name else \
                f"a column is named '{by_column.group().decode('latin-1')}'"
            yield self.finding(context, Location(),
                               message=f"a {kind} data file with patient-level data: {said}",
                               evidence=short(artifact.name), match_key=f"extract|{kind}")
        else:
            yield self.finding(context, Location(),
                               message=f"a {kind} data file: record-level data unless shown otherwise",
                               evidence=short(artifact.name), match_key=f"extract|{kind}",
                               severity=Severity.REVIEW)
