"""The command line as users and CI run it: exit codes, formats, rule docs, configuration."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, validate_report, write

SMALL = "Site,Male,Female\nLeukemia,3,40\nLymphoma,52,61\n"
CLEAN = "Site,Male,Female\nLeukemia,30,40\nLymphoma,52,61\n"
WEAK_MARKER = "Site,Cases\nLeukemia,<11\nLymphoma,52\n"


@pytest.fixture
def folder(tmp_path):
    def make(**files: str):
        for name, content in files.items():
            write(tmp_path, name.replace("__", "/").replace("_dot_", "."), content)
        return tmp_path
    return make


def test_clean_folder_exits_0(run_cli, folder):
    folder(clean_dot_csv=CLEAN)
    result = run_cli("scan", ".")
    assert result.exit_code == 0
    assert "no findings" in result.output


def test_small_count_exits_1_and_is_shown_grouped_by_file(run_cli, folder):
    folder(results__t1_dot_csv=SMALL, results__t2_dot_csv=CLEAN)
    result = run_cli("scan", "results")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "results/t1.csv"
    assert "OS101 row 2 column 'Male' (B2)" in result.output
    assert "count 3 is below the minimum of 10" in result.output
    assert "by category: small_cell 1" in result.output
    assert "\x1b[" not in result.output  # no colour codes when not on a terminal
    assert "Scanning" not in result.stderr  # no progress bar outside a terminal


@pytest.mark.parametrize(("fail_on", "content", "code"), [
    ("never", SMALL, 0),
    ("block", WEAK_MARKER, 0),
    ("review", WEAK_MARKER, 1),
    ("info", WEAK_MARKER, 1),
])
def test_fail_on(run_cli, folder, fail_on, content, code):
    folder(t_dot_csv=content)
    assert run_cli("scan", ".", "--policy", "nccr-dua", "--fail-on", fail_on).exit_code == code


def test_exit_zero(run_cli, folder):
    folder(t_dot_csv=SMALL, bad_dot_csv="")
    assert run_cli("scan", ".", "--exit-zero").exit_code == 0


def test_unreadable_file_gives_3_when_nothing_else_fails(run_cli, folder):
    folder(t_dot_csv=CLEAN, bad_dot_csv=b"\x89PNG\r\n\x1a\n\x00\x00binary".decode("latin-1"))
    result = run_cli("scan", ".")
    assert result.exit_code == 3
    assert "Could not read, or not in full (1)" in result.output and "bad.csv" in result.output


@pytest.mark.parametrize("args", [
    ("scan", "missing-folder"),
    ("scan", ".", "--policy", "no-such-pack"),
    ("scan", ".", "--fail-on", "sometimes"),
    ("scan", ".", "--min-count", "0"),
    ("scan", ".", "--format", "yaml"),
    ("scan",),
    ("rule", "OS999"),
])
def test_usage_errors_exit_2(run_cli, folder, args):
    folder(t_dot_csv=CLEAN)
    assert run_cli(*args).exit_code == 2


def test_bad_pack_is_a_usage_error_naming_file_and_key(run_cli, folder):
    folder(t_dot_csv=CLEAN, pack_dot_yaml="name: p\nsettings:\n  min_count: -1\nclauses: {}\n")
    result = run_cli("scan", "t.csv", "--policy", "pack.yaml")
    assert result.exit_code == 2
    assert "pack.yaml" in result.stderr and "settings.min_count" in result.stderr


def test_json_report_to_stdout_and_to_a_file(run_cli, folder):
    folder(t_dot_csv=SMALL)
    to_stdout = run_cli("scan", ".", "--format", "json")
    assert to_stdout.exit_code == 1
    finding = to_stdout.report["findings"][0]
    assert finding["location"] == {"row": 2, "column": "Male", "cell_ref": "B2"}
    assert finding["path"] == "t.csv" and finding["clauses"] == ["SDC threshold"]

    to_file = run_cli("scan", "t.csv", "--format", "json", "--output", "report.json")
    assert to_file.exit_code == 1
    assert to_file.output == ""
    assert "report written to report.json" in to_file.stderr
    assert to_file.report["findings"][0]["fingerprint"] == finding["fingerprint"]


def test_policy_and_min_count_flags(run_cli, folder):
    folder(t_dot_csv="Site,Cases\nLeukemia,12\nLymphoma,52\n")
    assert run_cli("scan", ".").exit_code == 0
    nccr = run_cli("scan", ".", "--policy", "nccr-dua", "--format", "json")
    assert nccr.exit_code == 1
    assert nccr.report["findings"][0]["clauses"] == ["NCCR DUA §17"]
    assert nccr.report["policy"]["min_count"] == 16
    assert run_cli("scan", ".", "--policy", "nccr-dua", "--min-count", "12").exit_code == 0


def test_pyproject_sets_defaults_and_flags_override(run_cli, folder):
    folder(pyproject_dot_toml='[tool.outscan]\npolicy = "nccr-dua"\nexclude = ["drafts/"]\n',
           t_dot_csv="Site,Cases\nLeukemia,12\nLymphoma,52\n", drafts__d_dot_csv=SMALL)
    result = run_cli("scan", ".", "--format", "json")
    assert result.exit_code == 1
    assert [f["path"] for f in result.report["findings"]] == ["t.csv"]
    assert run_cli("scan", ".", "--policy", "sdc-handbook").exit_code == 0


def test_bad_pyproject_is_a_usage_error(run_cli, folder):
    folder(pyproject_dot_toml="[tool.outscan]\nthreshold = 5\n", t_dot_csv=CLEAN)
    result = run_cli("scan", ".")
    assert result.exit_code == 2
    assert "threshold" in result.stderr


def test_rules_and_rule(run_cli):
    listing = run_cli("rules")
    assert listing.exit_code == 0
    assert "OS101  small-count" in listing.output and "NCCR DUA §17" in listing.output
    assert "OS102  weaker-suppression-rule" in listing.output

    as_json = json.loads(run_cli("rules", "--format", "json").output)
    assert {r["code"] for r in as_json} >= {"OS101", "OS102"}
    assert all(r["clauses"] and r["summary"] for r in as_json)

    doc = run_cli("rule", "os101")
    assert doc.exit_code == 0
    assert doc.output.startswith("OS101 small-count")
    assert "How to fix" in doc.output and "category: small_cell" in doc.output


def test_policies_lists_shipped_packs(run_cli):
    result = run_cli("policies")
    assert result.exit_code == 0
    assert "nccr-dua" in result.output and "minimum count 16" in result.output


def test_real_subprocess_on_sample_data(tmp_path):
    """The installed entry point, as a user runs it: a real process, real files, a real exit code."""
    out = tmp_path / "report.json"
    completed = subprocess.run(
        [sys.executable, "-m", "outscan", "scan", "sample_data", "--format", "json", "--output", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    report = validate_report(json.loads(out.read_text(encoding="utf-8")))
    assert report["summary"]["findings"] >= 1
    assert all(f["path"].startswith("sample_data/") for f in report["files"])

    version = subprocess.run([sys.executable, "-m", "outscan", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "outscan" in version.stdout


def test_progress_bar_on_a_terminal_for_long_scans(run_cli, folder, monkeypatch):
    import outscan.cli

    files = {f"t{i}_dot_csv": CLEAN for i in range(outscan.cli._PROGRESS_MIN_FILES)}
    folder(**files)
    monkeypatch.setattr(outscan.cli, "_show_progress", lambda: True)
    assert "Scanning" in run_cli("scan", ".").stderr
    assert "Scanning" not in run_cli("scan", ".", "--no-progress").stderr


def test_progress_is_never_shown_in_ci(monkeypatch):
    import outscan.cli

    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(outscan.cli.sys.stderr, "isatty", lambda: True, raising=False)
    assert outscan.cli._show_progress() is False


def test_output_to_a_missing_folder_is_a_usage_error(run_cli, folder):
    folder(t_dot_csv=SMALL)
    result = run_cli("scan", ".", "--format", "json", "--output", "no/such/dir/r.json")
    assert result.exit_code == 2
    assert "cannot write the report" in result.stderr
