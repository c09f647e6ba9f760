"""Reviewers' decisions: recorded beside a report, keyed by fingerprint, carried to the next scan.

A decision holds for the file as it was when decided: it is attached to a later report's
finding with the same fingerprint while the file's sha256 is unchanged, and re-opens the
finding when the file has changed since. Going against the automated verdict (approving
or accepting a *block* finding) needs a comment, as in the SACRO output-checking viewer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from outscan.model import REASONS, Decision, Finding, Report, Review, Severity

DECISIONS_FORMAT = "outscan-decisions/1"


class DecisionError(Exception):
    """A decision that cannot be recorded as given, or a decisions file that cannot be read."""


def decisions_path_for(report_path: Path) -> Path:
    """report.json -> report.decisions.json, beside it."""
    return report_path.with_name(f"{report_path.stem}.decisions.json")


def load_decisions(path: Path) -> list[Review]:
    """Every decision recorded, oldest first; a missing file holds none."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != DECISIONS_FORMAT:
            raise DecisionError(f"{path} is not an outscan decisions file (format {DECISIONS_FORMAT})")
        return [Review.from_dict(item) for item in data["decisions"]]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DecisionError(f"cannot read the decisions file {path}: {exc}") from exc


def save_decisions(path: Path, reviews: list[Review]) -> None:
    """Written whole to a temporary file and moved into place: an interrupted review loses nothing."""
    text = json.dumps({"format": DECISIONS_FORMAT, "decisions": [r.to_dict() for r in reviews]}, indent=2,
                      ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.absolute().parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is not what a report beside it has
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def needs_comment(finding: Finding, decision: Decision) -> bool:
    """Releasing what the scan would block is an override: the reviewer says why."""
    return finding.severity is Severity.BLOCK and decision in (Decision.APPROVE, Decision.ACCEPT)


def decide(report: Report, finding: Finding, decision: Decision, reviewer: str, reason: str | None = None,
           comment: str = "", when: dt.datetime | None = None) -> Review:
    """A decision on one finding, checked as the worksheet asks."""
    reviewer, comment = reviewer.strip(), comment.strip()
    if not reviewer:
        raise DecisionError("a decision needs the reviewer's name")
    if reason is not None and reason not in REASONS:
        raise DecisionError(f"unknown reason '{reason}' (one of: {', '.join(REASONS)})")
    if decision is Decision.ACCEPT and reason is None:
        raise DecisionError("an accepted finding needs a reason: " + ", ".join(REASONS))
    if needs_comment(finding, decision) and not comment:
        raise DecisionError("approving or accepting a block finding goes against the automated verdict: "
                            "a comment saying why is required")
    sha256 = next((f.sha256 for f in report.files if f.path == finding.path), None)
    stamp = (when or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    return Review(fingerprint=finding.fingerprint, decision=decision, reviewer=reviewer, time=stamp, sha256=sha256,
                  reason=reason, comment=comment, path=finding.path, rule=finding.rule,
                  severity=finding.severity.value)


def attach(report: Report, reviews: list[Review]) -> Report:
    """The report with each finding's decision in force, or re-opened when its file has changed.

    The latest decision for a fingerprint wins. Findings suppressed in the scan keep theirs too.
    """
    latest: dict[str, Review] = {}
    for review in reviews:
        latest[review.fingerprint] = review
    sha256 = {f.path: f.sha256 for f in report.files}
    in_force: dict[str, Review] = {}
    reopened: dict[str, Review] = {}
    for finding in (*report.findings, *(s.finding for s in report.suppressed)):
        review = latest.get(finding.fingerprint)
        if review is None:
            continue
        current = sha256.get(finding.path)
        if review.sha256 is None or current is None or review.sha256 == current:
            in_force[finding.fingerprint] = review
        else:
            reopened[finding.fingerprint] = review
    return dataclasses.replace(report, reviews=in_force, reopened=reopened)


def status(report: Report, finding: Finding) -> str:
    """'open', 're-opened', or the decision's label."""
    review = report.reviews.get(finding.fingerprint)
    if review is not None:
        return review.decision.label
    return "re-opened" if finding.fingerprint in report.reopened else "open"
