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
