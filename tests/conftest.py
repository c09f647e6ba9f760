"""Shared test helpers: every JSON report a test produces is validated against the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from outscan.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "outscan" / "schema" / "report.schema.json").read_text(encoding="utf-8"))
REAL_TABLES = ROOT.parent / "shared" / "real_tables"


def validate_report(data: dict) -> dict:
    """Fail the test if `data` does not follow the report contract."""
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


def write(directory: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding, newline="")
    return path


class CliResult:
    def __init__(self, exit_code: int, output: str, stderr: str, report: dict | None):
        self.exit_code = exit_code
        self.output = output
        self.stderr = stderr
        self.report = report


@pytest.fixture
def run_cli(monkeypatch, tmp_path):
    """Run `outscan ...` in-process (click's runner) from `cwd`; JSON reports come back validated."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None) -> CliResult:
        monkeypatch.chdir(cwd or tmp_path)
        runner = CliRunner()
        result = runner.invoke(main, list(args), catch_exceptions=False, input=input)
        report = None
        if args[:1] in (("scan",), ("report",)) and "--format" in args and args[args.index("--format") + 1] == "json" \
                and result.exit_code != 2:
            if "--output" in args or "-o" in args:
                flag = "--output" if "--output" in args else "-o"
                text = (Path(cwd or tmp_path) / args[args.index(flag) + 1]).read_text(encoding="utf-8")
            else:
                text = result.stdout
            report = validate_report(json.loads(text))
        return CliResult(result.exit_code, result.stdout, result.stderr, report)

    return run


@pytest.fixture
def real_tables() -> Path:
    if not REAL_TABLES.is_dir():
        pytest.skip("../shared/real_tables is not beside this checkout")
    return REAL_TABLES
