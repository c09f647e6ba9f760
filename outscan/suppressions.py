"""Inline suppressions: ``outscan: ignore[OS201] the name is a fictitious example`` on a
finding's line or the line above it, in any text file (code, Markdown, LaTeX, plain text);
in a notebook, anywhere in a cell's source, for that cell's findings.

A suppression must say why: one without a reason suppresses nothing, and the file's note
names its line, so a reviewer sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from outscan.model import Finding, Suppressed

_MARKER = re.compile(r"outscan:\s*ignore\[(?P<rules>[A-Za-z0-9_, -]+)\](?P<reason>[^\n]*)")


@dataclass(frozen=True)
class Marker:
    line: int
    rules: frozenset[str]
    reason: str


def markers(path: Path) -> list[Marker]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    if "outscan:" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _MARKER.finditer(line):
            rules = frozenset(r.strip().upper() for r in match["rules"].split(",") if r.strip())
            reason = match["reason"].strip(" \t-—:#*/>%").strip()
            found.append(Marker(number, rules, reason))
    return found


def _notebook_markers(path: Path) -> dict[int, list[Marker]]:
    """A notebook's markers by cell: in a cell's source, one applies to every finding of that cell."""
    import json

    try:
        notebook = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    except (OSError, ValueError, RecursionError):
        return {}
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    by_cell: dict[int, list[Marker]] = {}
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        source = "".join(source) if isinstance(source, list) else str(source)
        for match in _MARKER.finditer(source):
            rules = frozenset(r.strip().upper() for r in match["rules"].split(",") if r.strip())
            by_cell.setdefault(index, []).append(Marker(index, rules, match["reason"].strip(" \t-—:#*/>%").strip()))
    return by_cell


def apply_cell_markers(findings: list[Finding], path: Path) -> tuple[list[Finding], list[Suppressed], list[int]]:
    """As `apply_markers`, for a notebook: (findings kept, suppressed, cells of markers without a reason)."""
    if not any(f.location.cell is not None for f in findings):
        return findings, [], []
    by_cell = _notebook_markers(path)
    if not by_cell:
        return findings, [], []
    kept, suppressed = [], []
    for finding in findings:
        reasons = [m.reason for m in by_cell.get(finding.location.cell, ()) if finding.rule in m.rules and m.reason]
        if reasons:
            suppressed.append(Suppressed(finding, "inSource", reasons[0]))
        else:
            kept.append(finding)
    return kept, suppressed, sorted(cell for cell, found in by_cell.items() for m in found if not m.reason)


def apply_markers(findings: list[Finding], path: Path) -> tuple[list[Finding], list[Suppressed], list[int]]:
    """(findings kept, those suppressed with their reasons, lines of markers without a reason)."""
    if path.suffix.lower() == ".ipynb":
        return apply_cell_markers(findings, path)
    if not any(f.location.line is not None for f in findings):
        return findings, [], []
    found = markers(path)
    if not found:
        return findings, [], []
    by_line: dict[int, list[Marker]] = {}
    for marker in found:
        by_line.setdefault(marker.line, []).append(marker)
    kept, suppressed = [], []
    for finding in findings:
        line = finding.location.line
        reasons = [m.reason for m in (*by_line.get(line, ()), *by_line.get(line - 1, ()))
                   if finding.rule in m.rules and m.reason] if line is not None else []
        if reasons:
            suppressed.append(Suppressed(finding, "inSource", reasons[0]))
        else:
            kept.append(finding)
    return kept, suppressed, sorted(m.line for m in found if not m.reason)


def apply_path_rules(report, rules) -> tuple[object, int]:
    """The report with findings accepted by ``[[tool.outscan.ignore]]`` path rules moved to its
    suppressed findings (with the rule's reason), and how many."""
    import dataclasses

    import pathspec

    if not rules:
        return report, 0
    specs = [(pathspec.GitIgnoreSpec.from_lines(rule.paths), rule.rules, rule.reason) for rule in rules]
    kept, suppressed = [], []
    for finding in report.findings:
        reason = next((why for spec, codes, why in specs
                       if spec.match_file(finding.path) and (not codes or finding.rule in codes)), None)
        if reason is None:
            kept.append(finding)
        else:
            suppressed.append(Suppressed(finding, "external", reason))
    return dataclasses.replace(report, findings=tuple(kept), suppressed=(*report.suppressed, *suppressed)), \
        len(suppressed)
