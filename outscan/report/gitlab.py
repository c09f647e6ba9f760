"""GitLab Code Quality JSON: a list of issues the merge request widget shows.

Each finding is ``{description, check_name, fingerprint, severity, location: {path,
lines: {begin}}}``; the fingerprint is the finding's own content fingerprint, `begin` its
line or 1 when it has none (a table cell, a DICOM tag: the place is in the description).
Severity: block → critical, review → major, info → info. A file that could not be read is
a `major` issue with check name ``outscan/unreadable-file``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from outscan.model import FileStatus, Finding, Report, Severity

SEVERITIES = {Severity.BLOCK: "critical", Severity.REVIEW: "major", Severity.INFO: "info"}


def description(finding: Finding) -> str:
    text = f"{finding.rule} {finding.name}: {finding.message.rstrip()} [{finding.location.describe()}]"
    if finding.evidence:
        text += f" · evidence: {finding.evidence}"
    if finding.clauses:
        text += " · cites: " + ", ".join(finding.clauses)
    return text


def to_list(report: Report) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = [{
        "description": description(f),
        "check_name": f"{f.rule} {f.name}",
        "fingerprint": f.fingerprint,
        "severity": SEVERITIES[f.severity],
        "location": {"path": f.path, "lines": {"begin": f.location.line if f.location.line else 1}},
    } for f in report.findings]
    for file in report.files:
        if file.status is FileStatus.ERROR:
            issues.append({
                "description": f"Could not be read, so it was not checked: {file.error}",
                "check_name": "outscan/unreadable-file",
                "fingerprint": hashlib.sha256(f"unreadable\x1f{file.path}".encode("utf-8")).hexdigest()[:32],
                "severity": "major",
                "location": {"path": file.path, "lines": {"begin": 1}},
            })
    return issues


def render(report: Report, **_: Any) -> str:
    return json.dumps(to_list(report), indent=2, ensure_ascii=False) + "\n"
