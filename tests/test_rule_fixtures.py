"""Every rule against its pass and fail fixtures, end to end through the real readers.

Each ``tests/fixtures/rules/OSxxx.yaml`` lists tables and the exact cells the rule must
flag; an empty list is a near-miss that must stay clean. A meta-test holds every
registered rule to having docs, both kinds of fixture, and a clause it cites.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

from outscan.api import scan
from outscan.checks.registry import all_checks
from outscan.policy import build_policy
from tests.conftest import write

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases():
    for fixture in sorted(FIXTURES.glob("OS*.yaml")):
        data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_fixture(rule, case, tmp_path, monkeypatch):
    """A case is one table (`content`) or, for rules that read tables together, several
    (`tables`: file name -> content, and each flagged entry starts with its file); or a
    manuscript (`manuscript`, named by `file`, paper.md by default), whose flagged entries
    are `[line, "what the message says", severity]` (line null for a file-level finding)."""
    monkeypatch.chdir(tmp_path)
    if "manuscript" in case:
        _check_manuscript_case(rule, case, tmp_path)
        return
    if "dicom" in case:
        _check_dicom_case(rule, case, tmp_path)
        return
    for name, content in case.get("extra_files", {}).items():
        write(tmp_path, name, content)
    # `base64` instead of `content`: a binary file (model weights, a Parquet file).
    content = base64.b64decode(case["base64"]) if "base64" in case else case.get("content")
    tables = case.get("tables") or {case.get("file", "table.csv"): content}
    paths = [write(tmp_path, f"tables/{name}", content) for name, content in tables.items()]
    policy = build_policy(case.get("policy", []), min_count=case.get("min_count"))

    report = scan(paths, policy)

    assert [f.status.value for f in report.files] == ["scanned"] * len(paths), report.files
    flagged = sorted((f.path.removeprefix("tables/"), f.location.row, f.location.column)
                     for f in report.findings if f.rule == rule)
    # A whole-table finding (record-level data) has no row and no column: [null, null]. An
    # entry may end with what its message must say ("exactly 11") and its severity.
    entries = [entry if "tables" in case else [next(iter(tables)), *entry] for entry in case["flagged"]]
    expected = sorted((name, row, None if column is None else str(column)) for name, row, column, *_ in entries)
    assert flagged == expected
    by_place = {(f.path.removeprefix("tables/"), f.location.row, f.location.column): f
                for f in report.findings if f.rule == rule}
    for name, row, column, *said in entries:
        finding = by_place[(name, row, None if column is None else str(column))]
        if said:
            assert said[0] in finding.message, (said[0], finding.message)
        if len(said) > 1:
            assert finding.severity.value == said[1]


def _check_manuscript_case(rule: str, case: dict, tmp_path: Path) -> None:
    path = write(tmp_path, f"paper/{case.get('file', 'paper.md')}", case["manuscript"])
    policy = build_policy(case.get("policy", []), min_count=case.get("min_count"))

    report = scan([path], policy)

    assert [f.status.value for f in report.files] == ["scanned"], report.files
    found = sorted(((f.location.line, f.message, f.severity.value) for f in report.findings if f.rule == rule),
                   key=lambda item: (item[0] or 0, item[1]))
    expected = sorted(case["flagged"], key=lambda entry: (entry[0] or 0, entry[1] if len(entry) > 1 else ""))
    assert [line for line, *_ in found] == [entry[0] for entry in expected], found
    for (line, message, severity), (_, *said) in zip(found, expected):
        if said:
            assert said[0] in message, (line, said[0], message)
        if len(said) > 1:
            assert severity == said[1], (line, message)


def _check_dicom_case(rule: str, case: dict, tmp_path: Path) -> None:
    """`dicom`: file name -> {"elements": {keyword: value}, "private": [[group, creator, offset, vr, value]],
    "series": slice count}; flagged: [file, tag path or null, "what the message says", severity]."""
    from tests.dicom_factory import make_dicom, make_series

    paths = []
    for name, spec in case["dicom"].items():
        elements = spec.get("elements", {})
        private: dict = {}
        for group, creator, offset, vr, value in spec.get("private", []):
            private.setdefault((group, creator), {})[offset] = (vr, value)
        if spec.get("series"):
            paths += make_series(tmp_path / "dicom" / name, spec["series"], elements)
        else:
            paths.append(make_dicom(tmp_path / "dicom" / name, elements, private or None))
    policy = build_policy(case.get("policy", []), min_count=case.get("min_count"))

    report = scan([tmp_path / "dicom"], policy)

    assert {f.status.value for f in report.files} == {"scanned"}, report.files
    found = sorted(((f.path.removeprefix("dicom/"), f.location.tag, f.message, f.severity.value)
                    for f in report.findings if f.rule == rule), key=lambda x: (x[0], x[1] or ""))
    expected = sorted(case["flagged"], key=lambda entry: (entry[0], entry[1] or ""))
    assert [(path, tag) for path, tag, *_ in found] == [(entry[0], entry[1]) for entry in expected], found
    for (path, tag, message, severity), (_, _, *said) in zip(found, expected):
        if said:
            assert said[0] in message, (path, tag, said[0], message)
        if len(said) > 1:
            assert severity == said[1], (path, tag, message, severity)


def test_every_rule_has_docs_fixtures_and_a_clause():
    for check in all_checks():
        doc = check.documentation()
        assert doc and check.summary(), f"{check.code} has no docstring"
        for section in ("What it flags", "Why it matters", "Example", "How to fix"):
            assert section in doc, f"{check.code} docs lack '{section}'"
        fixture = FIXTURES / f"{check.code}.yaml"
        assert fixture.is_file(), f"{check.code} has no fixture file"
        cases = yaml.safe_load(fixture.read_text(encoding="utf-8"))["cases"]
        assert any(c["flagged"] for c in cases), f"{check.code} has no case it must flag"
        assert any(not c["flagged"] for c in cases), f"{check.code} has no near-miss"
        assert check.cited_clauses(), f"{check.code} cites no clause of any shipped pack"


def test_rule_codes_and_names_are_unique_and_well_formed():
    checks = all_checks()
    codes = [c.code for c in checks]
    names = [c.name for c in checks]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for check in checks:
        assert check.code[:2] == "OS" and check.code[2:].isdigit() and len(check.code) == 5
        assert check.name == check.name.lower() and " " not in check.name
