"""JUnit XML, for CI test-report views: one <testsuite> per file, a <testcase> per finding.

A suite is named by the file's path. A block or review finding is a testcase with
<failure message=... type=RULE>; an info finding is <skipped> with its details in
<system-out>. A file scanned with no findings is one passing testcase ("no findings"); a
file that could not be read is a testcase with <error type="unreadable">; a file of a
kind not checked yet is a <skipped> testcase ("not checked"). Findings on a path that is
not among the report's files (none today) still get their own suite.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import Any

from outscan.model import FileResult, FileStatus, Finding, Report, Severity


def _details(finding: Finding) -> str:
    lines = [f"{finding.rule} {finding.name} ({finding.severity.value}, {finding.category.value})",
             f"at: {finding.location.describe()}", finding.message.rstrip()]
    if finding.evidence:
        lines.append(f"evidence: {finding.evidence}")
    if finding.clauses:
        lines.append("cites: " + ", ".join(finding.clauses))
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _suite(path: str, file: FileResult | None, findings: list[Finding]) -> ET.Element:
    suite = ET.Element("testsuite", name=path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def case(name: str) -> ET.Element:
        counts["tests"] += 1
        return ET.SubElement(suite, "testcase", name=name, classname=path)

    for finding in findings:
        testcase = case(f"{finding.rule} {finding.name} at {finding.location.describe()}")
        if finding.severity is Severity.INFO:
            counts["skipped"] += 1
            ET.SubElement(testcase, "skipped", message=finding.message.rstrip())
            ET.SubElement(testcase, "system-out").text = _details(finding)
        else:
            counts["failures"] += 1
            failure = ET.SubElement(testcase, "failure", message=finding.message.rstrip(), type=finding.rule)
            failure.text = _details(finding)
    if file is not None and file.status is FileStatus.ERROR:
        counts["errors"] += 1
        error = ET.SubElement(case("read"), "error", message=f"could not be read: {file.error}", type="unreadable")
        error.text = file.error or ""
    elif file is not None and file.status is FileStatus.SKIPPED:
        counts["skipped"] += 1
        ET.SubElement(case("not checked"), "skipped",
                      message=file.note or f"{file.kind} files are not checked yet")
    elif not findings:
        case("no findings")
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def to_element(report: Report) -> ET.Element:
    by_path = {path: list(group) for path, group in groupby(sorted(report.findings, key=lambda f: f.sort_key()),
                                                             key=lambda f: f.path)}
    files = {f.path: f for f in report.files}
    root = ET.Element("testsuites", name="outscan")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in sorted(set(files) | set(by_path)):
        suite = _suite(path, files.get(path), by_path.get(path, []))
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(report: Report, **_: Any) -> str:
    root = to_element(report)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
