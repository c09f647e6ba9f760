"""Record-level tables: what makes a table one row per person, and k-anonymity over its quasi-identifiers."""

from __future__ import annotations

import random

import pytest

from outscan.api import scan
from outscan.policy import build_policy
from outscan.readers.delimited import read_delimited
from outscan.tables.records import (
    Group,
    QuasiKind,
    k_anonymity,
    quasi_identifiers,
    record_level,
)
from tests.conftest import write

SITES = ["Breast", "Lung", "Colon", "Prostate", "Brain", "Kidney"]


def _table(tmp_path, content: str, name: str = "t.csv"):
    return read_delimited(write(tmp_path, name, content))[0]


def _csv(rows: list[list]) -> str:
    return "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"


def _patients(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    rows = [["MRN", "Date of birth", "Sex", "Date of diagnosis", "Site", "Nodes positive"]]
    for mrn in rng.sample(range(1_000_000, 9_999_999), n):
        rows.append([f"0{mrn}", f"{rng.randint(1940, 1995)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                     rng.choice("FM"), f"{rng.randint(2015, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                     rng.choice(SITES), rng.randint(0, 6)])
    return _csv(rows)


def _grouped(sizes: list[int], seed: int = 2) -> tuple[str, list[tuple[str, str, str]]]:
    """A record file whose (age group, sex, site) combinations come in groups of `sizes`, shuffled."""
    combos = [(age, sex, site) for age in ("40-49", "50-59", "60-69", "70+") for sex in ("F", "M") for site in SITES]
    assert len(sizes) <= len(combos)
    records = [combo for combo, size in zip(combos, sizes) for _ in range(size)]
    random.Random(seed).shuffle(records)
    return _csv([["Age group", "Sex", "Site"], *map(list, records)]), records


# --------------------------------------------------------------------------- detection


def test_a_patient_list_is_record_level_with_its_evidence_by_header(tmp_path):
    table = _table(tmp_path, _patients(30))
    found = record_level(table)
    assert found is not None
    assert found.rows == 30
    assert found.identifiers == ("'MRN'",)
    assert found.dates == ("'Date of birth'", "'Date of diagnosis'")
    assert found.describe().startswith("30 rows, 30 distinct 'MRN'; exact dates in 'Date of birth', 'Date of diagnosis'")
    assert found.summary() == "30 rows, 30 distinct 'MRN'"


def test_the_result_is_computed_once_and_kept_on_the_table(tmp_path):
    table = _table(tmp_path, _patients(25))
    first = record_level(table)
    assert table.derived["record_level"] is first
    assert record_level(table) is first
    aggregate = _table(tmp_path, "Site,Cases\nBreast,40\nLung,31\n", "agg.csv")
    assert record_level(aggregate) is None
    assert "record_level" in aggregate.derived  # a None is cached too


@pytest.mark.parametrize(("content", "why"), [
    (_csv([["Site", "Male", "Female", "Total"], *[[s, 40 + i, 50 + i, 90 + 2 * i] for i, s in enumerate(SITES * 4)],
           ["Total", 1000, 1200, 2200]]), "a total row and count columns"),
    (_csv([["Year", "Sex", "Age group", "Count"], *[[y, s, a, 30 + y % 7] for y in range(2010, 2015)
                                                     for s in ("F", "M") for a in ("0-14", "15-39", "40+")]]),
     "long format with a count column"),
    (_csv([["County ID", "County", "Cases", "Rate per 100,000"],
           *[[f"04{2 * i + 1:03d}", f"County {i:02d}", 20 + i, f"{3.1 + i:.1f}"] for i in range(30)]]),
     "unique FIPS-like IDs beside counts and rates"),
    (_csv([["Characteristic", "Cases (N=180)", "Controls (N=420)"], ["Female", "84 (46.7%)", "203 (48.3%)"],
           ["Male", "96 (53.3%)", "217 (51.7%)"]]), "a Table 1"),
    (_csv([["Patient ID", "Sex", "Stage"], *[[f"P{1000 + i}", "F", "II"] for i in range(5)]]),
     "five rows with IDs and nothing else"),
    (_csv([["Age", "Sex", "Breast", "Lung"], *[[a, s, 100 + a, 2 * a + 1] for a in range(40, 60) for s in "FM"]]),
     "single years of age with counts under category headers"),
    (_csv([["County", "State", "Region"], *[[f"County {i}", "AZ", "West"] for i in range(30)]]), "a crosswalk"),
])
def test_aggregates_and_near_misses_are_not_record_level(tmp_path, content, why):
    assert record_level(_table(tmp_path, content)) is None, why


def test_a_deidentified_extract_is_record_level_by_its_quasi_identifiers(tmp_path):
    content, _ = _grouped([3] * 10)
    found = record_level(_table(tmp_path, content))
    assert found is not None
    assert (found.identifiers, found.dates) == ((), ())
    assert found.quasi_identifiers == ("'Age group'", "'Sex'", "'Site'")


def test_two_signals_are_enough_in_a_handful_of_rows(tmp_path):
    """A df.head() of a patient file: five rows, an ID column and dates of birth."""
    rows = [["", "patient_id", "dob", "sex", "age", "size_mm"]]
    rows += [[i, f"P{40000 + 17 * i}", f"0{i + 1}/1{i}/196{i}", "F", 50 + i, f"{10.5 + i}"] for i in range(5)]
    found = record_level(_table(tmp_path, _csv(rows)))
    assert found is not None and found.identifiers == ("'patient_id'",) and found.dates == ("'dob'",)


def test_a_header_that_holds_a_record_is_never_repeated(tmp_path):
    """A headerless file read with its first record as the header: columns go by letter."""
    rows = [[f"SUBJ-{1000 + i}", f"2019-0{1 + i % 9}-1{i % 9}", f"SUBJ-{9000 - i}", "F"] for i in range(25)]
    table = _table(tmp_path, _csv(rows))
    found = record_level(table)
    assert found is not None
    assert all(name.startswith("column ") for name in found.identifiers)
    assert "SUBJ" not in found.describe()


@pytest.mark.parametrize(("header", "kind"), [
    ("age", QuasiKind.AGE), ("Age group", QuasiKind.AGE), ("ageband", QuasiKind.AGE), ("Age at diagnosis", QuasiKind.AGE),
    ("Date of birth", QuasiKind.AGE), ("Sex", QuasiKind.SEX), ("Gender", QuasiKind.SEX), ("Race/ethnicity", QuasiKind.RACE),
    ("Hispanic origin", QuasiKind.RACE), ("ZIP3", QuasiKind.GEOGRAPHY), ("County", QuasiKind.GEOGRAPHY),
    ("state_fips", QuasiKind.GEOGRAPHY), ("Region", QuasiKind.GEOGRAPHY), ("year_dx", QuasiKind.EVENT_DATE),
    ("Year of diagnosis", QuasiKind.EVENT_DATE), ("Date of diagnosis", QuasiKind.EVENT_DATE),
    ("Primary site", QuasiKind.DIAGNOSIS), ("Histology (ICD-O-3)", QuasiKind.DIAGNOSIS), ("Diagnosis", QuasiKind.DIAGNOSIS),
    ("MRN", None), ("Patient ID", None), ("Survival (years)", None), ("Age-adjusted rate", None), ("Stage", None),
    ("Deaths", None),
])
def test_quasi_identifiers_by_header(tmp_path, header, kind):
    table = _table(tmp_path, _csv([[header, "x"], ["a", "b"]]))
    found = {q.column: q.kind for q in quasi_identifiers(table)}
    assert found.get(0) is kind


# --------------------------------------------------------------------------- k-anonymity


@pytest.mark.parametrize("sizes", [
    [1, 1, 2, 3, 5, 8, 13],
    [4, 4, 4, 7, 30],
    [11] * 6,
    [1] * 40,
])
def test_k_and_unique_records_are_exact(tmp_path, sizes):
    content, _ = _grouped(sizes)
    table = _table(tmp_path, content)
    k, unique, worst = k_anonymity(table, [0, 1, 2])
    assert k == min(sizes)
    assert unique == sizes.count(1)
    assert [g.size for g in worst] == sorted(sizes)[:3]


def test_the_smallest_groups_are_named_by_the_row_of_their_first_record(tmp_path):
    content, records = _grouped([5, 2, 9, 2, 6])
    result = k_anonymity(_table(tmp_path, content), [0, 1, 2])
    first_row = {}
    for position, combo in enumerate(records):
        first_row.setdefault(combo, position + 2)  # the header is row 1
    sizes = {combo: records.count(combo) for combo in first_row}
    expected = sorted(Group(size, first_row[combo]) for combo, size in sizes.items())[:3]
    assert result.worst_combinations == tuple(expected)
    assert [g.size for g in result.worst_combinations] == [2, 2, 5]


def test_cells_are_compared_trimmed_and_case_folded_and_blank_rows_are_not_records(tmp_path):
    content = "Age group,Sex\n40-49,F\n40-49, f\n\n40-49,F \n50-59,M\n50-59,m\n"
    assert k_anonymity(_table(tmp_path, content), [0, 1])[:2] == (2, 0)


def test_k_on_a_larger_generated_extract_matches_a_direct_count(tmp_path):
    rng = random.Random(7)
    rows = [[rng.randint(20, 89), rng.choice("FM"), rng.choice(["850", "852", "853"]), rng.randint(2015, 2020)]
            for _ in range(5000)]
    table = _table(tmp_path, _csv([["age", "sex", "zip3", "year_dx"], *rows]))
    counts: dict[tuple, int] = {}
    for row in rows:
        key = tuple(str(v) for v in row)
        counts[key] = counts.get(key, 0) + 1
    assert record_level(table) is not None
    k, unique, _ = k_anonymity(table, [q.column for q in quasi_identifiers(table)])
    assert (k, unique) == (min(counts.values()), sum(1 for n in counts.values() if n == 1))


# --------------------------------------------------------------------------- the checks


def _findings(tmp_path, content: str, policy=()):
    report = scan([write(tmp_path, "records.csv", content)], build_policy(list(policy)))
    return report.findings


def test_os111_severity_follows_k(tmp_path):
    block = [f for f in _findings(tmp_path, _grouped([4, 12, 12])[0]) if f.rule == "OS111"]
    review = [f for f in _findings(tmp_path, _grouped([6, 12, 12])[0]) if f.rule == "OS111"]
    clean = [f for f in _findings(tmp_path, _grouped([11, 12, 12])[0]) if f.rule == "OS111"]
    assert [f.severity.value for f in block] == ["block"]
    assert [f.severity.value for f in review] == ["review"]
    assert clean == []
    assert review[0].message.startswith("k = 6 over 'Age group', 'Sex', 'Site' (30 records); 0 records are unique")


def test_a_policy_can_raise_os111_to_block(tmp_path):
    pack = write(tmp_path, "strict.yaml", "name: strict\nextends: sdc-handbook\nseverity:\n  OS111: block\n"
                                          "clauses: {}\n")
    findings = _findings(tmp_path, _grouped([6, 12, 12])[0], policy=[str(pack)])
    assert [f.severity.value for f in findings if f.rule == "OS111"] == ["block"]


def test_small_numbers_in_a_record_level_table_are_not_small_counts(tmp_path):
    """'Nodes positive' 0-6 on every row of a patient list: per-person values, not 60 small cells."""
    findings = _findings(tmp_path, _patients(60))
    assert sorted({f.rule for f in findings}) == ["OS110", "OS111"]
    aggregate = "Site,Nodes positive\nBreast,3\nLung,40\n"
    assert [f.rule for f in _findings(tmp_path, aggregate)] == ["OS101"]


def test_end_to_end_the_report_names_headers_and_counts_never_a_value(run_cli, tmp_path):
    patients = _patients(40, seed=11)
    write(tmp_path, "out/patients.csv", patients)
    write(tmp_path, "out/site_by_sex.csv", "Site,Male,Female\nBreast,3,400\nLung,220,180\n")

    result = run_cli("scan", "out", "--format", "json")

    assert result.exit_code == 1
    findings = result.report["findings"]
    by_file = {(f["path"], f["rule"]) for f in findings}
    assert by_file == {("out/patients.csv", "OS110"), ("out/patients.csv", "OS111"), ("out/site_by_sex.csv", "OS101")}
    record = next(f for f in findings if f["rule"] == "OS110")
    assert record["location"] == {}
    assert record["category"] == "individual_records" and record["severity"] == "block"
    assert record["evidence"] == "40 rows, 40 distinct 'MRN'"
    assert record["clauses"] == ["SDC individuals"]
    k_finding = next(f for f in findings if f["rule"] == "OS111")
    assert k_finding["message"].startswith("k = 1 over 'Date of birth', 'Sex', 'Date of diagnosis', 'Site' (40 records)")
    identifying = {cell for line in patients.splitlines()[1:] for cell in line.split(",")[:4:1] if len(cell) > 1}
    assert not [value for value in identifying if value in result.output]

    console = run_cli("scan", "out", "--policy", "nccr-dua")
    assert "OS110 whole file" in console.output
    assert not [value for value in identifying if value in console.output]
