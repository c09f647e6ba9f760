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

from outscan.model import Finding

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


def apply_cell_markers(findings: list[Finding], path: Path) -> tuple[list[Finding], int, list[int]]:
    """As `apply_markers`, for a notebook: (findings kept, suppressed, cells of markers without a reason)."""
    if not any(f.location.cell is not None for f in findings):
        return findings, 0, []
    by_cell = _notebook_markers(path)
    if not by_cell:
        return findings, 0, []
    kept, suppressed = [], 0
    for finding in findings:
        near = [m for m in by_cell.get(finding.location.cell, ()) if finding.rule in m.rules]
        if any(m.reason for m in near):
            suppressed += 1
        else:
            kept.append(finding)
    return kept, suppressed, sorted(cell for cell, found in by_cell.items() for m in found if not m.reason)


def apply_markers(findings: list[Finding], path: Path) -> tuple[list[Finding], int, list[int]]:
    """(findings kept, how many were suppressed, lines of markers without a reason)."""
    if path.suffix.lower() == ".ipynb":
        return apply_cell_markers(findings, path)
    if not any(f.location.line is not None for f in findings):
        return findings, 0, []
    found = markers(path)
    if not found:
        return findings, 0, []
    by_line: dict[int, list[Marker]] = {}
    for marker in found:
        by_line.setdefault(marker.line, []).append(marker)
    kept, suppressed = [], 0
    for finding in findings:
        line = finding.location.line
        near = [m for m in (*by_line.get(line, ()), *by_line.get(line - 1, ())) if finding.rule in m.rules] \
            if line is not None else []
        if any(m.reason for m in near):
            suppressed += 1
        else:
            kept.append(finding)
    return kept, suppressed, sorted(m.line for m in found if not m.reason)


def apply_path_rules(report, rules) -> tuple[object, int]:
    """The report without findings accepted by ``[[tool.outscan.ignore]]`` path rules, and how many."""
    import dataclasses

    import pathspec

    if not rules:
        return report, 0
    specs = [(pathspec.GitIgnoreSpec.from_lines(rule.paths), rule.rules) for rule in rules]
    kept = tuple(f for f in report.findings
                 if not any(spec.match_file(f.path) and (not codes or f.rule in codes) for spec, codes in specs))
    return dataclasses.replace(report, findings=kept), len(report.findings) - len(kept)
