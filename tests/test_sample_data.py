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
        policy, path, rule, sheet, row, column, value = (c.strip() for c in line.strip("|").split("|"))
        rows.setdefault(policy, set()).add(
            (f"sample_data/{path}", rule, sheet or None, int(row) if row else None, column or None, value))
    return rows


def test_readme_lists_findings_for_two_policies():
    expected = _expected()
    assert set(expected) == {"sdc-handbook", "nccr-dua"}
    assert all(expected.values())


def test_sample_data_findings_match_the_readme(monkeypatch):
    monkeypatch.chdir(ROOT)
    for policy, expected in _expected().items():
        report = scan(["sample_data"], build_policy([policy]))
        assert not report.unreadable
        found = {(f.path, f.rule, f.location.sheet, f.location.row, f.location.column, f.evidence.replace("|", "/"))
                 for f in report.findings}
        assert found == expected, policy


def test_clean_samples_stay_clean_under_every_shipped_policy(monkeypatch):
    monkeypatch.chdir(ROOT)
    clean = ["sample_data/tables/incidence_clean.csv", "sample_data/tables/deaths_by_race_wonder_export.tsv",
             "sample_data/tables/incidence_protected.csv"]
    for policy in ("sdc-handbook", "nccr-dua", "cms-cell-suppression", "tcia-limited-access"):
        report = scan(clean, build_policy([policy]))
        assert [f.status.value for f in report.files] == ["scanned"] * len(clean)
        assert report.findings == (), policy
