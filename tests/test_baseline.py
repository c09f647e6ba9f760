"""The baseline round trip a CI gate depends on: accept today's findings, fail only on new ones."""

from __future__ import annotations

import json

from tests.conftest import write

PAPER = """# Results

Only 3 patients relapsed after transplant.
"""


def test_scan_baseline_scan_again_then_a_new_leak_then_moved_lines(run_cli, tmp_path):
    write(tmp_path, "paper.md", PAPER)
    assert run_cli("scan", "paper.md", cwd=tmp_path).exit_code == 1
    made = run_cli("baseline", "paper.md", cwd=tmp_path)
    assert made.exit_code == 0
    saved = json.loads((tmp_path / ".outscan-baseline.json").read_text(encoding="utf-8"))
    assert saved["format"] == "outscan-baseline/1" and [f["rule"] for f in saved["findings"]] == ["OS210"]

    again = run_cli("scan", "paper.md", "--baseline", ".outscan-baseline.json", "--format", "json", cwd=tmp_path)
    assert again.exit_code == 0 and again.report["findings"] == []

    write(tmp_path, "paper.md", PAPER + "\nPatient John Smith relapsed at 14 months.\n")
    new = run_cli("scan", "paper.md", "--baseline", ".outscan-baseline.json", "--format", "json", cwd=tmp_path)
    assert new.exit_code == 1
    assert [f["rule"] for f in new.report["findings"]] == ["OS201"]

    moved = "# Results\n\n" + "Survival was estimated with the Kaplan-Meier method.\n\n" * 10 + \
        "Only 3 patients relapsed after transplant.\n"
    write(tmp_path, "paper.md", moved)
    later = run_cli("scan", "paper.md", "--baseline", ".outscan-baseline.json", "--format", "json", cwd=tmp_path)
    assert later.exit_code == 0 and later.report["findings"] == []


def test_a_baseline_holds_no_raw_value(run_cli, tmp_path):
    write(tmp_path, "paper.md", "# Results\n\nPatient John Smith (MRN 004471902) relapsed.\n")
    run_cli("baseline", "paper.md", cwd=tmp_path)
    text = (tmp_path / ".outscan-baseline.json").read_text(encoding="utf-8")
    assert "John Smith" not in text and "004471902" not in text


def test_a_broken_baseline_is_a_usage_error(run_cli, tmp_path):
    write(tmp_path, "paper.md", PAPER)
    write(tmp_path, "bad.json", "{not json")
    result = run_cli("scan", "paper.md", "--baseline", "bad.json", cwd=tmp_path)
    assert result.exit_code == 2 and "not a baseline file" in result.stderr
