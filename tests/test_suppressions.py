"""Inline suppressions with a reason silence one finding; without a reason they silence nothing and say so."""

from __future__ import annotations

from tests.conftest import write


def test_a_reasoned_marker_suppresses_its_finding_and_the_file_says_so(run_cli, tmp_path):
    write(tmp_path, "paper.md", "# Results\n\n<!-- outscan: ignore[OS201] a fictitious example name -->\n"
                                "Patient John Smith relapsed.\n\nOnly 3 patients relapsed.\n")
    report = run_cli("scan", "paper.md", "--format", "json", cwd=tmp_path).report
    assert [f["rule"] for f in report["findings"]] == ["OS210"]
    assert "1 finding suppressed inline" in report["files"][0]["note"]


def test_a_marker_without_a_reason_suppresses_nothing(run_cli, tmp_path):
    write(tmp_path, "analysis.py", "# outscan: ignore[OS403]\npassword = 'Qz7-hunter2-Xq9'\n")
    result = run_cli("scan", "analysis.py", "--format", "json", cwd=tmp_path)
    assert [f["rule"] for f in result.report["findings"]] == ["OS403"]
    assert "without a reason is not honoured (line 1)" in result.report["files"][0]["note"]
    assert result.exit_code == 1


def test_a_marker_for_another_rule_suppresses_nothing(run_cli, tmp_path):
    write(tmp_path, "paper.md", "# Results\n\nOnly 3 patients relapsed. <!-- outscan: ignore[OS201] not a name -->\n")
    report = run_cli("scan", "paper.md", "--format", "json", cwd=tmp_path).report
    assert [f["rule"] for f in report["findings"]] == ["OS210"]


def test_a_marker_in_a_notebook_cell_suppresses_that_cells_findings(run_cli, tmp_path):
    import json

    def cell(source, text):
        return {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": source,
                "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                             "data": {"text/plain": text}}]}

    counts = "II     41\nIII    17\nIV      3\nName: stage, dtype: int64"
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        cell("# outscan: ignore[OS101] synthetic demo data, no patient behind it\ndf.stage.value_counts()", counts),
        cell("df.stage.value_counts()", counts)]}
    write(tmp_path, "demo.ipynb", json.dumps(notebook))
    report = run_cli("scan", "demo.ipynb", "--format", "json", cwd=tmp_path).report
    assert [(f["rule"], f["location"]["cell"]) for f in report["findings"]] == [("OS101", 1)]
    assert "1 finding suppressed inline" in report["files"][0]["note"]


def test_path_rules_with_a_reason_in_pyproject(run_cli, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.outscan]\n\n[[tool.outscan.ignore]]\npaths = ["docs/**"]\n'
                                      'rules = ["OS201"]\nreason = "fictitious names in the user guide"\n')
    write(tmp_path, "docs/guide.md", "# Guide\n\nPatient John Smith relapsed.\n\nOnly 3 patients relapsed.\n")
    write(tmp_path, "paper/results.md", "# Results\n\nPatient John Smith relapsed.\n")
    result = run_cli("scan", ".", "--format", "json", cwd=tmp_path)
    assert sorted((f["path"], f["rule"]) for f in result.report["findings"]) == [
        ("docs/guide.md", "OS210"), ("paper/results.md", "OS201")]
    assert "accepted by [[tool.outscan.ignore]]" in result.stderr


def test_a_path_rule_without_a_reason_is_refused(run_cli, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.outscan]\n\n[[tool.outscan.ignore]]\npaths = ["docs/**"]\n')
    write(tmp_path, "docs/guide.md", "# Guide\n\nPatient John Smith relapsed.\n")
    result = run_cli("scan", ".", cwd=tmp_path)
    assert result.exit_code == 2 and "needs a 'reason'" in result.stderr


def test_suppressed_findings_stay_in_the_json_and_sarif_records(run_cli, tmp_path):
    import json

    import jsonschema

    from tests.test_ci_formats import SARIF_SCHEMA

    write(tmp_path, "paper.md", "# Results\n\n<!-- outscan: ignore[OS201] a fictitious example name -->\n"
                                "Patient John Smith relapsed.\n")
    report = run_cli("scan", "paper.md", "--format", "json", cwd=tmp_path).report
    (accepted,) = report["suppressed"]
    assert accepted["rule"] == "OS201" and accepted["suppression"] == {
        "kind": "inSource", "justification": "a fictitious example name"}
    sarif = json.loads(run_cli("scan", "paper.md", "--format", "sarif", cwd=tmp_path).output)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "a fictitious example name"}]
    assert "John Smith" not in json.dumps(sarif["runs"][0]["results"])
