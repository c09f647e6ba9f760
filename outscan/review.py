"""`outscan review`: a reviewer walks the undecided findings in the terminal, one at a time.

Each decision is written to the decisions file the moment it is made, so a review can stop
anywhere and pick up at the first finding still undecided. Prompts read standard input
line by line, so a review can be scripted (`printf 'a\\n\\nchecked\\n' | outscan review ...`).
"""

from __future__ import annotations

from pathlib import Path

import click

from outscan.decisions import DecisionError, attach, decide, needs_comment, record_decision
from outscan.model import REASONS, Decision, Finding, Report, Review, Severity

_KEYS = {"a": Decision.APPROVE, "m": Decision.CHANGE, "r": Decision.ACCEPT}
_REASON_KEYS = {str(n): key for n, key in enumerate(REASONS, start=1)}


def run_review(report: Report, recorded: list[Review], decisions_file: Path, reviewer: str | None,
               include_info: bool) -> None:
    report = attach(report, recorded)
    pending = [f for f in report.findings
               if f.fingerprint not in report.reviews and (include_info or f.severity is not Severity.INFO)]
    if not pending:
        click.echo(f"Nothing left to decide: {len(report.reviews)} decisions in force ({decisions_file}).")
        return
    click.echo(f"{len(pending)} findings to decide, {len(report.reviews)} decided already; each decision is "
               f"saved to {decisions_file} as it is made.")
    made = 0
    try:
        reviewer = _clean(reviewer or "") or _ask_text("Reviewer (your name)", required=True)
        for index, finding in enumerate(pending, start=1):
            _show(report, finding, index, len(pending))
            key = click.prompt("Decision: [a]pprove for release, [m]ust change, accepted with [r]eason, "
                               "[s]kip, [q]uit", type=click.Choice(["a", "m", "r", "s", "q"]), show_choices=False)
            if key == "q":
                break
            if key == "s":
                continue
            decision = _KEYS[key]
            reason = _ask_reason(required=decision is Decision.ACCEPT) if decision is not Decision.CHANGE else None
            comment = _ask_text("Comment (required: this releases a block finding)" if needs_comment(finding, decision)
                                else "Comment (optional)", required=needs_comment(finding, decision))
            try:
                record_decision(decisions_file, decide(report, finding, decision, reviewer, reason, comment))
            except (DecisionError, OSError) as exc:  # said, and the review goes on
                click.echo(f"  not recorded: {exc}")
                continue
            made += 1
    except click.Abort:
        click.echo("")  # end of input or Ctrl-C: everything decided so far is saved
    left = len(pending) - made
    click.echo(f"{made} decision{'s' if made != 1 else ''} recorded in {decisions_file}; {left} still undecided.")


def _clean(answer: str) -> str:
    """An answer as text that can be saved: bytes that were not UTF-8 replaced, control characters dropped."""
    answer = answer.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch for ch in answer if ch.isprintable()).strip()


def _show(report: Report, finding: Finding, index: int, total: int) -> None:
    click.echo("")
    click.echo(click.style(f"[{index}/{total}] {finding.severity.value.upper()} {finding.rule} {finding.name}",
                           bold=True))
    click.echo(f"  {finding.path}, {finding.location.describe()}")
    click.echo(f"  {finding.message}")
    if finding.evidence:
        click.echo(f"  evidence: {finding.evidence}")
    if finding.clauses:
        click.echo(f"  cites: {', '.join(finding.clauses)}")
    previous = report.reopened.get(finding.fingerprint)
    if previous is not None:
        click.echo(f"  re-opened: '{previous.decision.label}' by {_clean(previous.reviewer)} on {_clean(previous.time)} "
                   "was for an "
                   "earlier version of the file")


def _ask_reason(required: bool) -> str | None:
    listed = ", ".join(f"[{n}] {REASONS[key]}" for n, key in _REASON_KEYS.items())
    choices = list(_REASON_KEYS) + ([] if required else [""])
    answer = click.prompt(f"Reason: {listed}" + ("" if required else " (Enter: none)"),
                          type=click.Choice(choices), default=None if required else "", show_choices=False,
                          show_default=False)
    return _REASON_KEYS.get(answer)


def _ask_text(label: str, required: bool) -> str:
    while True:
        answer = _clean(click.prompt(label, default="", show_default=False))
        if answer or not required:
            return answer
        click.echo("  required: say why")
