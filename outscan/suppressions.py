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
    place: int  # the line it stands on, or a notebook's cell
    rules: frozenset[str]
    reason: str


def _marker(place: int, match: re.Match) -> Marker:
    rules = frozenset(r.strip().upper() for r in match["rules"].split(",") if r.strip())
    return Marker(place, rules, match["reason"].strip(" \t-—:#*/>%").strip())


def _line_markers(path: Path) -> list[Marker]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    if "outscan:" not in text:
        return []
    return [_marker(number, match) for number, line in enumerate(text.splitlines(), start=1)
            for match in _MARKER.finditer(line)]


def _cell_markers(path: Path) -> list[Marker]:
    """A notebook's markers, each placed at the cell whose source holds it."""
    import json

    try:
        notebook = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    except (OSError, ValueError, RecursionError):
        return []
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    found = []
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        source = "".join(source) if isinstance(source, list) else str(source)
        found.extend(_marker(index, match) for match in _MARKER.finditer(source))
    return found


def apply_markers(findings: list[Finding], path: Path) -> tuple[list[Finding], list[Suppressed], list[int]]:
    """(findings kept, those suppressed with their reasons, places of markers without a reason).

    A marker covers its own line and the next one; in a notebook, its whole cell.
    """
    notebook = path.suffix.lower() == ".ipynb"

    def place_of(finding: Finding) -> int | None:
        return finding.location.cell if notebook else finding.location.line

    if not any(place_of(f) is not None for f in findings):
        return findings, [], []
    found = _cell_markers(path) if notebook else _line_markers(path)
    if not found:
        return findings, [], []
    by_place: dict[int, list[Marker]] = {}
    for marker in found:
        by_place.setdefault(marker.place, []).append(marker)
    reach = (0,) if notebook else (0, 1)
    kept, suppressed = [], []
    for finding in findings:
        place = place_of(finding)
        reasons = [m.reason for back in reach for m in by_place.get(place - back, ())
                   if finding.rule in m.rules and m.reason] if place is not None else []
        if reasons:
            suppressed.append(Suppressed(finding, "inSource", reasons[0]))
        else:
            kept.append(finding)
    return kept, suppressed, sorted(m.place for m in found if not m.reason)


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
