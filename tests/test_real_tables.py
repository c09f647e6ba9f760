"""The thirteen published tables in ../shared/real_tables, with what their README says a scanner must report."""

from __future__ import annotations

import pytest

from outscan.api import scan
from outscan.discover import classify
from outscan.policy import build_policy
from outscan.readers import reader_for
from outscan.readers.delimited import read_delimited
from outscan.readers.markdown import read_markdown

pytestmark = pytest.mark.real_tables

TABLES = [
    "0-130CauseList.txt",
    "Combined_table2_dementia.csv",
    "EMIS_current_doac_age.csv",
    "EMIS_current_doac_ethnicity.csv",
    "EMIS_table2_dementia_redacted.csv",
    "Provisional_COVID-19_Deaths_by_County__and_Race_and_Hispanic_Origin.csv",
    "TPP_table2_dementia_redacted.csv",
    "allcause_2019_ethnicity.txt",
    "allcause_2019_race.txt",
    "allcause_2019_race_ethnicity.txt",
    "scp-CA-breast_incd.csv",
    "scp-states-allsites_incd.csv",
    "table_demo_clinc_breakdown_redacted.csv",
]

# README files 10 and 11: the unsuppressed small counts under a 10-rule, at their exact cells.
DEFAULT_POLICY_FINDINGS = [
    ("real_tables/EMIS_current_doac_age.csv", 2, "doac_3_months", "C2", 7),
    ("real_tables/EMIS_current_doac_age.csv", 7, "doac_3_months", "C7", 7),
    ("real_tables/EMIS_current_doac_ethnicity.csv", 4, "doac_3_months", "C4", 6),
    ("real_tables/EMIS_current_doac_ethnicity.csv", 5, "doac_3_months", "C5", 6),
    ("real_tables/EMIS_current_doac_ethnicity.csv", 6, "doac_3_months", "C6", 9),
]


def _cells(findings) -> list[tuple[str, int, str, str, int]]:
    out = []
    for finding in findings:
        location = finding["location"]
        count = int(finding["message"].split("count ", 1)[1].split()[0])
        out.append((finding["path"], location["row"], location["column"], location["cell_ref"], count))
    return sorted(out)


@pytest.fixture
def default_report(run_cli, real_tables):
    """`outscan scan real_tables --format json` from the folder above it (report validated by run_cli)."""
    result = run_cli("scan", real_tables.name, "--format", "json", cwd=real_tables.parent)
    assert result.exit_code == 1  # the EMIS small counts block
    assert "Traceback" not in result.stderr
    return result.report


def test_every_table_is_read_and_the_readme_too(default_report):
    files = {f["path"]: f for f in default_report["files"]}
    assert sorted(files) == sorted([f"real_tables/{name}" for name in TABLES] + ["real_tables/README.md"])
    for name in TABLES:
        assert files[f"real_tables/{name}"]["status"] == "scanned", files[f"real_tables/{name}"]
        assert "error" not in files[f"real_tables/{name}"]
    # The README is Markdown: its summary table and its prose are read.
    readme = files["real_tables/README.md"]
    assert (readme["status"], readme["kind"]) == ("scanned", "markdown")
    assert default_report["summary"]["scanned"] == 14
    assert default_report["summary"]["error"] == 0


def test_the_readme_summary_table_is_documentation_not_counts(real_tables, default_report):
    # Thirteen rows of prose (sources, commits, verified values) under a "#" column 1..13:
    # read as a table whose rows are all notes, so neither the numbering nor the byte sizes
    # nor the small counts quoted in its sentences are reported as cells.
    (table,) = read_markdown(real_tables / "README.md")
    assert table.header == ("#", "File (bytes)", "Source", "What the table is", "Suppression convention (as stated)",
                            "Totals / margins?", "What a good scanner should report")
    assert table.name == "Table 1" and table.caption is None
    assert table.rows == [] and len(table.notes) == 13
    assert table.line_of_row[1] == 16 and table.line_of_row[2] == 18  # the alignment row is line 17
    # (its prose names El Paso, which the place check reports for review: that is the text's, not the table's)
    assert [f for f in default_report["findings"] if f["path"] == "real_tables/README.md"
            and f["category"] not in ("geography",)] == []


def test_kinds_by_content(real_tables):
    kinds = {name: classify(real_tables / name) for name in TABLES}
    assert {name: kind for name, kind in kinds.items() if kind != ("csv", None)} == {
        "0-130CauseList.txt": ("tsv", None),
        "allcause_2019_ethnicity.txt": ("tsv", None),
        "allcause_2019_race.txt": ("tsv", None),
        "allcause_2019_race_ethnicity.txt": ("tsv", None),
    }


def _small_cells(findings):
    """This file holds the small-cell rules to the README; other kinds of finding
    (secondary disclosure, geography) have their own tests of these tables."""
    return [f for f in findings if (f["category"] if isinstance(f, dict) else f.category.value) == "small_cell"]


def test_default_policy_finds_exactly_the_small_counts_the_readme_lists(default_report):
    assert default_report["policy"]["min_count"] == 10
    small = _small_cells(default_report["findings"])
    assert _cells(small) == DEFAULT_POLICY_FINDINGS
    assert {f["rule"] for f in small} == {"OS101"}
    assert all(f["severity"] == "block" for f in small)


@pytest.mark.parametrize("name", [n for n in TABLES if not n.startswith("EMIS_current_doac")])
def test_negative_controls_are_not_flagged(default_report, name):
    # OpenSAFELY rounded 10s, WONDER "Suppressed", SCP average annual counts and FIPS codes,
    # `***`, `[REDACTED]`, "0 (NaN)" artefacts: nothing here is an unsuppressed small count.
    assert [f for f in _small_cells(default_report["findings"]) if f["path"] == f"real_tables/{name}"] == []


def test_code_and_index_columns_are_not_counts(default_report):
    # eth2001 holds codes 1.0, 2.0, 3.0, 11.0 and the unnamed first column a pandas index 0..5:
    # small whole numbers, never counts.
    small = _small_cells(default_report["findings"])
    columns = {f["location"]["column"] for f in small}
    assert columns == {"doac_3_months"}
    assert not any(f["location"]["cell_ref"].startswith(("A", "B")) for f in small)


def test_nccr_dua_still_leaves_average_annual_counts_and_3_or_fewer(real_tables, monkeypatch):
    monkeypatch.chdir(real_tables.parent)
    report = scan([real_tables.name], build_policy(["nccr-dua"]))
    assert report.policy["min_count"] == 16
    found = [f for f in _small_cells(report.findings) if f.path.startswith("real_tables/scp-")]
    assert found == []
    # The same run does flag the 1..15 counts it should: the stricter rule is in force.
    doac = sorted((f.path, f.location.row, f.location.column) for f in _small_cells(report.findings)
                  if f.path.startswith("real_tables/EMIS_current_doac"))
    assert doac == [
        ("real_tables/EMIS_current_doac_age.csv", 2, "doac_3_months"),
        ("real_tables/EMIS_current_doac_age.csv", 7, "doac_3_months"),
        ("real_tables/EMIS_current_doac_ethnicity.csv", 4, "doac_3_months"),
        ("real_tables/EMIS_current_doac_ethnicity.csv", 5, "doac_3_months"),
        ("real_tables/EMIS_current_doac_ethnicity.csv", 6, "doac_3_months"),
        ("real_tables/EMIS_current_doac_ethnicity.csv", 7, "doac_3_months"),  # Other = 15
    ]


def test_scp_small_average_annual_counts_are_in_the_data(real_tables):
    # The negative control only means something if Modoc (5) and "3 or fewer" are read as data rows.
    (table,) = read_delimited(real_tables / "scp-CA-breast_incd.csv", ",")
    column = table.header.index("Average Annual Count")
    values = {row.cells[0]: row.cells[column] for row in table.rows}
    assert values["Modoc County(7)"] == "5"
    assert values["Alpine County(7)"] == values["Sierra County(7)"] == "3 or fewer"


def test_cp1252_file_is_read_as_cp1252(real_tables, default_report):
    (table,) = read_delimited(real_tables / "scp-states-allsites_incd.csv", ",")
    assert table.source_encoding == "cp1252"
    assert "Age-Adjusted Incidence Rate(\u2020) - cases per 100,000" in table.header
    assert "Recent 5-Year Trend (\u2021) in Incidence Rates" in table.header
    entry = next(f for f in default_report["files"] if f["path"] == "real_tables/scp-states-allsites_incd.csv")
    assert entry["status"] == "scanned"
    assert entry["note"] == "not UTF-8: read as cp1252"  # the reviewer learns how it was read


@pytest.mark.parametrize(("name", "header_rows", "first", "last", "encoding"), [
    ("0-130CauseList.txt", (1,), 2, 126, "utf-8"),
    ("allcause_2019_race.txt", (1,), 2, 7, "utf-8"),
    ("allcause_2019_ethnicity.txt", (1,), 2, 4, "utf-8"),
    ("allcause_2019_race_ethnicity.txt", (1,), 2, 19, "utf-8"),
    ("scp-CA-breast_incd.csv", (2,), 3, 62, "utf-8"),
    ("scp-states-allsites_incd.csv", (9,), 10, 62, "cp1252"),
    ("EMIS_current_doac_ethnicity.csv", (1,), 2, 7, "utf-8"),
    ("Provisional_COVID-19_Deaths_by_County__and_Race_and_Hispanic_Origin.csv", (1,), 2, 2389, "utf-8-sig"),
])
def test_layout_of_exports_with_titles_and_notes(real_tables, name, header_rows, first, last, encoding):
    path = real_tables / name
    kind, problem = classify(path)
    assert problem is None
    (table,) = reader_for(kind)(path)
    assert table.header_rows == header_rows
    assert (table.rows[0].number, table.rows[-1].number) == (first, last)
    assert table.source_encoding == encoding
    # WONDER's notes block and the SCP footnotes stay out of the data.
    assert not any("Query" in " ".join(row.cells) or "Source:" in " ".join(row.cells) for row in table.rows)
