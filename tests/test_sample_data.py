"""sample_data/README.md says what outscan finds there; this holds the README to it."""

from __future__ import annotations

from outscan.api import scan
from outscan.policy import build_policy
from tests.conftest import ROOT

README = ROOT / "sample_data" / "README.md"


def _expected() -> dict[str, set[tuple]]:
    rows: dict[str, set[tuple]] = {}
    in_table = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Expected findings"):
            in_table = True
            continue
        if in_table and line.startswith("## "):
            break
        if not in_table or not line.startswith("| ") or line.startswith("| policy") or line.startswith("|---"):
            continue
        policy, path, rule, sheet, row, column, where, value = (c.strip() for c in line.strip("|").split("|"))
        rows.setdefault(policy, set()).add(
            (f"sample_data/{path}", rule, sheet or None, int(row) if row else None, column or None, where or None, value))
    return rows


def where(location) -> str | None:
    """A finding's place in a manuscript or a DICOM header as the README writes it: "line 17",
    "page 1", "paragraph 9", "(0010,0010)"."""
    if location.tag is not None:
        return location.tag
    for name in ("line", "page", "paragraph"):
        if getattr(location, name) is not None:
            return f"{name} {getattr(location, name)}"
    return None


def test_readme_lists_findings_for_two_policies():
    expected = _expected()
    assert set(expected) == {"sdc-handbook", "nccr-dua"}
    assert all(expected.values())


def test_sample_data_findings_match_the_readme(monkeypatch):
    monkeypatch.chdir(ROOT)
    for policy, expected in _expected().items():
        report = scan(["sample_data"], build_policy([policy]))
        assert not report.unreadable
        # Info findings (a DICOM file's kept UIDs and shifted dates) do not gate; the README lists the rest.
        found = {(f.path, f.rule, f.location.sheet, f.location.row, f.location.column, where(f.location),
                  f.evidence.replace("|", "/")) for f in report.findings if f.severity.value != "info"}
        assert found == expected, policy


def test_clean_samples_stay_clean_under_every_shipped_policy(monkeypatch):
    monkeypatch.chdir(ROOT)
    clean = ["sample_data/tables/incidence_clean.csv", "sample_data/tables/deaths_by_race_wonder_export.tsv",
             "sample_data/tables/incidence_protected.csv", "sample_data/manuscript/survival_clean.md",
             "sample_data/manuscript/survival_clean.docx", "sample_data/manuscript/survival_clean.pdf",
             "sample_data/manuscript/imaging_methods_clean.tex", "sample_data/analysis_repo/notebooks/summary_tables.ipynb",
             "sample_data/analysis_repo/src/summarise.py"]
    for policy in ("sdc-handbook", "nccr-dua", "cms-cell-suppression", "tcia-limited-access"):
        report = scan(clean, build_policy([policy]))
        assert [f.status.value for f in report.files] == ["scanned"] * len(clean)
        # Clean, and where a pack asks for credit, credited: only "acknowledgment found" records.
        assert [f for f in report.findings if (f.rule, f.severity.value) != ("OS240", "info")] == [], policy


def test_the_tcia_paper_lacks_its_doi_and_funding_under_the_tcia_pack(monkeypatch):
    monkeypatch.chdir(ROOT)
    report = scan(["sample_data/manuscript"], build_policy(["tcia-limited-access"]))
    missing = [f for f in report.findings if f.rule == "OS240" and f.severity.value != "info"]
    assert len(missing) == 2 and all("TCIA" in f.message for f in missing)
    assert all(f.path.endswith("imaging_methods_leaking.tex") for f in missing)
