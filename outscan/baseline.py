"""Baselines: the findings a project has accepted for now, so a gate reports only what is new.

A baseline holds each finding's fingerprint (content-based: it survives edits elsewhere in
the file, lines moving down) with its rule, path and masked evidence, so a reviewer can read
what was accepted without rescanning; it never holds a raw value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from outscan import __version__
from outscan.model import Report, Suppressed

FORMAT = "outscan-baseline/1"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and what is wrong."""


def write_baseline(report: Report, path: Path) -> int:
    entries = [{"fingerprint": f.fingerprint, "rule": f.rule, "severity": f.severity.value, "path": f.path,
                "location": f.location.to_dict(), "evidence": f.evidence} for f in report.findings]
    document = {"format": FORMAT, "tool_version": __version__,
                "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
                "findings": entries}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: Path) -> frozenset[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file (not JSON: {exc})") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BaselineError(f"{path}: not an outscan baseline (expected \"format\": \"{FORMAT}\"); "
                            "write one with `outscan baseline PATHS`")
    findings = document.get("findings")
    if not isinstance(findings, list) or not all(isinstance(f, dict) and isinstance(f.get("fingerprint"), str)
                                                 for f in findings):
        raise BaselineError(f"{path}: its \"findings\" must be a list of entries with a \"fingerprint\"")
    return frozenset(f["fingerprint"] for f in findings)


def apply_baseline(report: Report, accepted: frozenset[str], name: str = "the baseline") -> tuple[Report, int]:
    """The report with the findings the baseline accepted moved to its suppressed findings, and how many."""
    kept = tuple(f for f in report.findings if f.fingerprint not in accepted)
    moved = tuple(Suppressed(f, "external", f"accepted in {name}") for f in report.findings
                  if f.fingerprint in accepted)
    return dataclasses.replace(report, findings=kept, suppressed=(*report.suppressed, *moved)), len(moved)
