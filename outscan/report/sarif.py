"""SARIF 2.1.0: the static-analysis interchange format code-scanning services read.

One run. `tool.driver.rules` holds every registered rule (its docs as help text, its
default severity as `defaultConfiguration.level`, its category and cited clauses as
properties); each finding is a result pointing at its rule by id and index. A finding with
a line gets a `region.startLine`; other places (a table cell, a DICOM tag, a page) are
named in a `logicalLocations` entry and kept whole in the location's `properties`. The
finding's content fingerprint is `partialFingerprints["outscan/v1"]`, so code-scanning
services follow a finding as lines move. Every file looked at is an artifact with its
SHA-256; files that could not be read are error notifications and make
`executionSuccessful` false; files of kinds not checked yet are note notifications.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from outscan.checks.registry import all_checks
from outscan.model import FileStatus, Finding, Report, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "outscan/v1"

LEVELS = {Severity.BLOCK: "error", Severity.REVIEW: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A report path (relative, forward slashes) as a relative URI reference."""
    return quote(path, safe="/-._~")


def _artifact_location(path: str, index: int | None) -> dict[str, Any]:
    location: dict[str, Any] = {"uri": uri(path), "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def _rule_descriptor(check: Any) -> dict[str, Any]:
    docs = check.documentation().strip()
    summary = check.summary().strip() or check.name
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": docs or summary},
        "help": {"text": docs or summary, "markdown": docs or summary},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {
            "category": check.category.value,
            "clauses": list(check.cited_clauses()),
            "tags": [check.category.value],
        },
    }


def _unknown_rule(finding: Finding) -> dict[str, Any]:
    """A finding whose rule is not registered (should not happen) still gets a descriptor."""
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category.value, "clauses": []},
    }


def message_text(finding: Finding) -> str:
    text = finding.message.rstrip()
    if finding.evidence:
        text += f" · evidence: {finding.evidence}"
    if finding.clauses:
        text += " · cites: " + ", ".join(finding.clauses)
    return text


def _result(finding: Finding, rule_index: int, artifact_index: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(finding.path, artifact_index)}
    where = finding.location
    if where.line is not None and where.line >= 1:
        physical["region"] = {"startLine": where.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    place = where.to_dict()
    if place:
        location["properties"] = {"outscanLocation": place}
        if where.line is None:
            location["logicalLocations"] = [{"name": where.describe(), "kind": "element"}]
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "kind": "fail",
        "message": {"text": message_text(finding)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "name": finding.name,
            "category": finding.category.value,
            "severity": finding.severity.value,
            "clauses": list(finding.clauses),
            "evidence": finding.evidence,
        },
    }


def to_dict(report: Report) -> dict[str, Any]:
    rules = [_rule_descriptor(check) for check in all_checks()]
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    for finding in report.findings:
        if finding.rule not in rule_index:
            rule_index[finding.rule] = len(rules)
            rules.append(_unknown_rule(finding))

    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    for file in report.files:
        artifact: dict[str, Any] = {"location": _artifact_location(file.path, None), "length": file.size,
                                    "roles": ["analysisTarget"]}
        if file.sha256:
            artifact["hashes"] = {"sha-256": file.sha256}
        properties = {"kind": file.kind, "status": file.status.value}
        if file.note:
            properties["note"] = file.note
        artifact["properties"] = properties
        artifact_index[file.path] = len(artifacts)
        artifacts.append(artifact)

    notifications: list[dict[str, Any]] = []
    for file in report.files:
        if file.status is FileStatus.SCANNED:
            continue
        unreadable = file.status is FileStatus.ERROR
        reason = file.error if unreadable else (file.note or f"{file.kind} files are not checked yet")
        notifications.append({
            "level": "error" if unreadable else "note",
            "message": {"text": f"{file.path}: {'could not be read' if unreadable else 'not checked'}: {reason}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": _artifact_location(file.path, artifact_index[file.path])}}],
            "properties": {"status": file.status.value, "kind": file.kind},
        })

    results = [_result(f, rule_index[f.rule], artifact_index.get(f.path)) for f in report.findings]
    # Accepted findings stay in the log, marked as suppressed, as code scanning expects.
    for accepted in report.suppressed:
        result = _result(accepted.finding, rule_index[accepted.finding.rule], artifact_index.get(accepted.finding.path))
        result["suppressions"] = [{"kind": accepted.kind, "justification": accepted.justification}]
        results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": not report.unreadable}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "outscan",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "rules": rules,
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": "The folder outscan was run from; report paths are relative to it."}}},
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"policy": report.policy, "generatedAt": report.generated_at},
        }],
    }


def render(report: Report, **_: Any) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
