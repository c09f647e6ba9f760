"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=PATH,line=N,title=OS101 small-count::message`` — `error` for block,
`warning` for review, `notice` for info; `line` only when the finding has one. Data is
escaped as the Actions toolkit does (``%``, CR, LF), property values also ``:`` and ``,``.
A file that could not be read is an `error` annotation on that file, titled
``outscan unreadable file``, so nothing goes unreported.
"""

from __future__ import annotations

from typing import Any

from outscan.model import FileStatus, Finding, Report, Severity

COMMANDS = {Severity.BLOCK: "error", Severity.REVIEW: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, Any], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def annotation_text(finding: Finding) -> str:
    text = f"{finding.message.rstrip()} [{finding.location.describe()}]"
    if finding.evidence:
        text += f" · evidence: {finding.evidence}"
    if finding.clauses:
        text += " · cites: " + ", ".join(finding.clauses)
    return text


def render(report: Report, **_: Any) -> str:
    lines = []
    for finding in report.findings:
        properties = {"file": finding.path, "line": finding.location.line,
                      "title": f"{finding.rule} {finding.name}"}
        lines.append(command(COMMANDS[finding.severity], properties, annotation_text(finding)))
    for file in report.files:
        if file.status is FileStatus.ERROR:
            lines.append(command("error", {"file": file.path, "title": "outscan unreadable file"},
                                 f"Could not be read, so it was not checked: {file.error}"))
    return "".join(line + "\n" for line in lines)
