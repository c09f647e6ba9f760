"""Console text: findings grouped by file, then a summary a person can read at a glance."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Any

import click

from outscan.model import FileStatus, Report, Severity

_COLOURS = {Severity.BLOCK: "red", Severity.REVIEW: "yellow", Severity.INFO: "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Report, color: bool = False, verbose: bool = False, **_: Any) -> str:
    def style(text: str, **kwargs: Any) -> str:
        return click.style(text, **kwargs) if color else text

    lines: list[str] = []
    info_only: Counter = Counter()
    info_only_files = 0
    for path, group in groupby(report.findings, key=lambda f: f.path):
        findings = list(group)
        # Info findings (a DICOM file's kept dates and UIDs) are a line per rule unless asked
        # for: they do not gate, and listed one by one they bury what does.
        folded = Counter(f.rule for f in findings if f.severity is Severity.INFO) if not verbose else Counter()
        shown = [f for f in findings if verbose or f.severity is not Severity.INFO]
        if not shown:
            info_only.update(folded)
            info_only_files += 1
            continue
        lines.append(style(path, bold=True))
        for finding in shown:
            severity = style(f"{finding.severity.value:<6}", fg=_COLOURS[finding.severity], bold=True)
            lines.append(f"  {severity} {finding.rule} {finding.location.describe()}")
            lines.append(f"         {finding.message}")
            details = []
            if finding.evidence:
                details.append(f"evidence: {finding.evidence}")
            if finding.clauses:
                details.append("cites: " + ", ".join(finding.clauses))
            if details:
                lines.append(style("         " + " · ".join(details), dim=True))
        for rule, count in sorted(folded.items()):
            severity = style(f"{'info':<6}", fg=_COLOURS[Severity.INFO], bold=True)
            lines.append(f"  {severity} {rule} {_plural(count, 'finding')} (--verbose lists them)")
        lines.append("")

    if info_only_files:
        counts = ", ".join(f"{rule} {n}" for rule, n in sorted(info_only.items()))
        lines.append(style(f"{_plural(info_only_files, 'more file')} with info findings only ({counts}); "
                           "--verbose lists them", dim=True))
        lines.append("")

    summary = report.summary()
    by_severity = summary["by_severity"]
    lines.append(style("Summary", bold=True))
    if report.findings:
        lines.append(
            f"  {_plural(summary['findings'], 'finding')}: "
            + ", ".join(f"{by_severity[s.value]} {s.value}" for s in Severity)
        )
        lines.append("  by category: " + ", ".join(f"{k} {v}" for k, v in summary["by_category"].items()))
    else:
        lines.append("  no findings")
    lines.append(
        f"  files: {summary['scanned']} scanned, {summary['skipped']} skipped, {summary['error']} could not be read"
    )
    policy = report.policy
    packs = ", ".join(p["name"] for p in policy["packs"])
    lines.append(f"  policy: {packs} (minimum count {policy['min_count']}: {policy['min_count_source']})")

    errors = report.unreadable
    if errors:
        lines.append("")
        lines.append(style(f"Could not read, or not in full ({len(errors)}):", fg="red", bold=True))
        lines.extend(f"  {f.path}: {f.error}" for f in errors)

    skipped = [f for f in report.files if f.status is FileStatus.SKIPPED]
    if skipped:
        lines.append("")
        kinds = Counter(f.kind for f in skipped)
        lines.append(
            f"Not checked ({len(skipped)}): " + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        )
        shown = skipped if verbose else skipped[:5]
        lines.extend(f"  {f.path}: {f.note}" for f in shown)
        if len(shown) < len(skipped):
            lines.append(f"  … and {len(skipped) - len(shown)} more (--verbose lists them all)")
    return "\n".join(lines) + "\n"
