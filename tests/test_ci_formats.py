"""CI output formats: SARIF 2.1.0, GitHub workflow commands, GitLab Code Quality, JUnit XML.

Each runs through the CLI on one small folder: a CSV with a small count, a manuscript
naming a patient and an MRN, and a file that cannot be read. No format may print a full
identifier; SARIF must validate against the official OASIS schema (vendored as a fixture).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from outscan.report import FORMATTERS
from outscan.report.github import escape_data, escape_property
from tests.conftest import write

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SARIF_SCHEMA = FIXTURES / "sarif-schema-2.1.0.json"

FORMATS = ("sarif", "github", "gitlab", "junit")
IDENTIFIERS = ("John Smith", "004471902", "Smith")


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "outputs"
    write(out, "tables/counts.csv", "Age group,Male,Female\n0-14,3,40\n15-64,52,61\n")
    write(out, "paper.md", "# Case report\n\nThe patient John Smith, MRN 004471902, was admitted in 2019.\n")
    write(out, "broken.csv", b"")
    return tmp_path


def scan(run_cli, folder, fmt):
    result = run_cli("scan", "outputs", "--format", fmt, cwd=folder)
    assert result.exit_code == 1, result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    return result.output


def test_every_format_is_registered():
    assert set(FORMATS) <= set(FORMATTERS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_prints_a_full_identifier(run_cli, folder, fmt):
    text = scan(run_cli, folder, fmt)
    if fmt == "sarif":
        # The rule help is the rule docs, written once and the same for every scan (OS201's
        # own example is a 'John Smith'); what a scan adds is everything else.
        log = json.loads(text)
        del log["runs"][0]["tool"]
        text = json.dumps(log, ensure_ascii=False)
    for identifier in IDENTIFIERS:
        assert identifier not in text, (fmt, identifier)


def _sarif(run_cli, folder) -> dict:
    return json.loads(scan(run_cli, folder, "sarif"))


def test_sarif_validates_against_the_official_schema(run_cli, folder):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    log = _sarif(run_cli, folder)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(log)
    log["runs"][0]["results"][0]["level"] = "fatal"  # the schema really is checking
    assert not validator.is_valid(log)


def test_sarif_shape(run_cli, folder):
    log = _sarif(run_cli, folder)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "outscan"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert "OS101" in ids and "OS201" in ids
    small = rules[ids.index("OS101")]
    assert small["name"] == "small-count"
    assert small["defaultConfiguration"]["level"] == "error"
    assert small["shortDescription"]["text"]
    assert "What it flags" in small["help"]["markdown"] and small["help"]["text"]
    assert small["properties"]["category"] == "small_cell" and small["properties"]["clauses"]

    results = run["results"]
    by_rule = {r["ruleId"]: r for r in results}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"]["outscan/v1"])
        assert result["level"] in {"error", "warning", "note"}
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not physical["artifactLocation"]["uri"].startswith("/")
    cell = by_rule["OS101"]
    assert cell["level"] == "error"
    location = cell["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "outputs/tables/counts.csv"
    assert "region" not in location["physicalLocation"]
    assert location["properties"]["outscanLocation"] == {"row": 2, "column": "Male", "cell_ref": "B2"}
    assert location["logicalLocations"][0]["name"] == "row 2 column 'Male' (B2)"
    assert "count 3" in cell["message"]["text"] and "cites:" in cell["message"]["text"]
    name = by_rule["OS201"]
    assert name["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert name["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "outputs/paper.md"

    artifacts = {a["location"]["uri"]: a for a in run["artifacts"]}
    assert set(artifacts) == {"outputs/broken.csv", "outputs/paper.md", "outputs/tables/counts.csv"}
    csv_bytes = (folder / "outputs/tables/counts.csv").read_bytes()
    import hashlib
    assert artifacts["outputs/tables/counts.csv"]["hashes"]["sha-256"] == hashlib.sha256(csv_bytes).hexdigest()
    assert cell["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == \
        run["artifacts"].index(artifacts["outputs/tables/counts.csv"])

    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "outputs/broken.csv" in note["message"]["text"]


def test_sarif_without_unreadable_files_is_successful(run_cli, tmp_path):
    write(tmp_path / "outputs", "counts.csv", "Age group,Male,Female\n0-14,3,40\n15-64,52,61\n")
    log = json.loads(run_cli("scan", "outputs", "--format", "sarif", cwd=tmp_path).output)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True and "toolExecutionNotifications" not in invocation


GITHUB_LINE = re.compile(r"::(error|warning|notice) file=([^,:]+)(?:,line=(\d+))?,title=([^:]+)::(.*)")


def test_github_annotations(run_cli, folder):
    lines = scan(run_cli, folder, "github").splitlines()
    parsed = [GITHUB_LINE.fullmatch(line) for line in lines]
    assert all(parsed), lines
    by_title = {m.group(4).split(" ")[0]: m for m in parsed}
    cell = by_title["OS101"]
    assert cell.group(1) == "error" and cell.group(2) == "outputs/tables/counts.csv" and cell.group(3) is None
    assert cell.group(4) == "OS101 small-count"
    name = by_title["OS201"]
    assert name.group(2) == "outputs/paper.md" and name.group(3) == "3"
    unreadable = [m for m in parsed if m.group(2) == "outputs/broken.csv"]
    assert unreadable and unreadable[0].group(1) == "error"


def test_github_escaping():
    assert escape_data("50% of\r\nrows") == "50%25 of%0D%0Arows"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_gitlab_code_quality(run_cli, folder):
    issues = json.loads(scan(run_cli, folder, "gitlab"))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        assert not issue["location"]["path"].startswith("/")
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_check = {i["check_name"]: i for i in issues}
    cell = by_check["OS101 small-count"]
    assert cell["severity"] == "critical"
    assert cell["location"] == {"path": "outputs/tables/counts.csv", "lines": {"begin": 1}}
    assert "row 2" in cell["description"]
    assert by_check["OS201 person-name"]["location"] == {"path": "outputs/paper.md", "lines": {"begin": 3}}
    assert by_check["outscan/unreadable-file"]["location"]["path"] == "outputs/broken.csv"


def test_junit_xml(run_cli, folder):
    write(folder / "outputs", "clean.csv", "Age group,Male,Female\n0-14,30,40\n15-64,52,61\n")
    root = ET.fromstring(scan(run_cli, folder, "junit"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"outputs/broken.csv", "outputs/clean.csv", "outputs/paper.md", "outputs/tables/counts.csv"}
    (clean,) = suites["outputs/clean.csv"].findall("testcase")
    assert list(clean) == [] and clean.get("name") == "no findings"
    (cell,) = suites["outputs/tables/counts.csv"].findall("testcase")
    failure = cell.find("failure")
    assert failure.get("type") == "OS101" and "count 3" in failure.get("message")
    error = suites["outputs/broken.csv"].find("testcase/error")
    assert error is not None and error.get("type") == "unreadable"
    paper = suites["outputs/paper.md"]
    assert {c.find("failure").get("type") for c in paper.findall("testcase")} >= {"OS201", "OS202"}
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())
