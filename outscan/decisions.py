"""Reviewers' decisions: recorded beside a report, keyed by fingerprint, carried to the next scan.

A decision holds for the file as it was when decided: it is attached to a later report's
finding with the same fingerprint while the file's sha256 is unchanged, and re-opens the
finding when the file has changed since. Going against the automated verdict (approving
or accepting a *block* finding) needs a comment, as in the SACRO output-checking viewer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from outscan.model import REASONS, Decision, Finding, Report, Review, Severity

DECISIONS_FORMAT = "outscan-decisions/1"


class DecisionError(Exception):
    """A decision that cannot be recorded as given, or a decisions file that cannot be read."""


def decisions_path_for(report_path: Path) -> Path:
    """report.json -> report.decisions.json, beside it."""
    return report_path.with_name(f"{report_path.stem}.decisions.json")


_FINGERPRINT = re.compile(r"[0-9a-f]{32}")


def decisions_problem(data: object) -> str | None:
    """Why `data` is not a decisions file, or None."""
    if not isinstance(data, dict) or data.get("format") != DECISIONS_FORMAT:
        return f"not an outscan decisions file (format {DECISIONS_FORMAT})"
    items = data.get("decisions")
    if not isinstance(items, list):
        return "no list of decisions"
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            return f"decision {number} is not an object"
        if not isinstance(item.get("fingerprint"), str) or not _FINGERPRINT.fullmatch(item["fingerprint"]):
            return f"decision {number} has no fingerprint"
        if item.get("decision") not in {d.value for d in Decision}:
            return f"decision {number}: unknown decision {item.get('decision')!r}"
        if item.get("reason") is not None and item.get("reason") not in REASONS:
            return f"decision {number}: unknown reason {item.get('reason')!r}"
        for key in ("reviewer", "time"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                return f"decision {number} has no {key}"
        for key in ("comment", "path", "rule", "severity", "sha256"):
            if item.get(key) is not None and not isinstance(item[key], str):
                return f"decision {number}: {key} is not text"
    return None


def load_decisions(path: Path, must_exist: bool = False) -> list[Review]:
    """Every decision recorded, oldest first; a missing file holds none (unless it must exist)."""
    if not path.exists():
        if must_exist:
            raise DecisionError(f"the decisions file {path} does not exist")
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecisionError(f"cannot read the decisions file {path}: {exc}") from exc
    problem = decisions_problem(data)
    if problem is not None:
        raise DecisionError(f"cannot read the decisions file {path}: {problem}")
    return [Review.from_dict(item) for item in data["decisions"]]


def record_decision(path: Path, review: Review) -> None:
    """Add one decision to the file as it is now: two reviewers working on the same file both keep theirs."""
    save_decisions(path, [*load_decisions(path), review])


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
    sha256 = content_sha256(finding, {f.path: f.sha256 for f in report.files})
    stamp = (when or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    return Review(fingerprint=finding.fingerprint, decision=decision, reviewer=reviewer, time=stamp, sha256=sha256,
                  reason=reason, comment=comment, path=finding.path, rule=finding.rule,
                  severity=finding.severity.value)


def content_sha256(finding: Finding, sha256_by_path: dict[str, str | None]) -> str | None:
    """What a decision on the finding was made on: its file's sha256; for a finding a DICOM series
    repeats (`also_in`), a digest over every file's, so a change to any of them re-opens it."""
    if not finding.also_in:
        return sha256_by_path.get(finding.path)
    parts = [(path, sha256_by_path.get(path)) for path in (finding.path, *finding.also_in)]
    if any(sha is None for _, sha in parts):
        return None
    return hashlib.sha256("\n".join(f"{path}\t{sha}" for path, sha in sorted(parts)).encode("utf-8")).hexdigest()


def attach(report: Report, reviews: list[Review]) -> Report:
    """The report with each finding's decision in force, or re-opened when its file has changed.

    For a fingerprint with several decisions (carried in the report, written with
    --decisions, or several in the file), the one recorded last wins, by its time and not by
    where it stands: decisions files merged by hand are in no order. Between decisions of the
    same time, the later in the file wins. Findings suppressed in the scan keep theirs too.
    """
    latest: dict[str, Review] = {}
    carried = [*report.reopened.values(), *report.reviews.values()]
    for review in sorted([*carried, *reviews], key=_recorded_at):
        latest[review.fingerprint] = review
    sha256 = {f.path: f.sha256 for f in report.files}
    in_force: dict[str, Review] = {}
    reopened: dict[str, Review] = {}
    for finding in (*report.findings, *(s.finding for s in report.suppressed)):
        review = latest.get(finding.fingerprint)
        if review is None:
            continue
        current = content_sha256(finding, sha256)
        if review.sha256 is None or current is None or review.sha256 == current:
            in_force[finding.fingerprint] = review
        else:
            reopened[finding.fingerprint] = review
    return dataclasses.replace(report, reviews=in_force, reopened=reopened)


def _recorded_at(review: Review) -> dt.datetime:
    """When the decision was recorded, as an instant ('+03:00' and 'Z' compare as times do);
    a time without an offset is UTC, one that is no time comes first."""
    try:
        when = dt.datetime.fromisoformat(review.time.strip().replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.timezone.utc)


def unmatched(report: Report, reviews: list[Review]) -> int:
    """How many of the decisions belong to no finding of this report (another report's, or fixed since)."""
    fingerprints = {f.fingerprint for f in report.findings} | {s.finding.fingerprint for s in report.suppressed}
    return len({r.fingerprint for r in reviews} - fingerprints)


def status(report: Report, finding: Finding) -> str:
    """'open', 're-opened', or the decision's label."""
    review = report.reviews.get(finding.fingerprint)
    if review is not None:
        return review.decision.label
    return "re-opened" if finding.fingerprint in report.reopened else "open"
