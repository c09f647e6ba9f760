"""The command line: ``outscan scan``, ``outscan report``, ``outscan review``, ``outscan baseline``,
``outscan rules``, ``outscan rule CODE``, ``outscan policies``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from outscan import __version__
from outscan.api import scan as run_scan
from outscan.baseline import BaselineError, apply_baseline, load_baseline, write_baseline
from outscan.checks.registry import all_checks, get_check
from outscan.config import ConfigError, load_config
from outscan.decisions import DecisionError, attach, decisions_path_for, load_decisions, unmatched
from outscan.discover import discover
from outscan.git import GitError, published_files
from outscan.suppressions import apply_path_rules
from outscan.model import Report, Severity
from outscan.policy import PolicyError, available_packs, build_policy, load_pack_chain
from outscan.report import BINARY_FORMATS, FORMATTERS, render
from outscan.report.json_report import ReportFileError
from outscan.report.json_report import load as load_report
from outscan.review import run_review

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3

EXIT_CODES_HELP = """\b
Exit codes:
  0  nothing at or above --fail-on, and every file was read
  1  findings at or above --fail-on
  2  usage or configuration error (bad flag, unknown or invalid policy pack)
  3  no failing findings, but some file could not be read
--exit-zero turns 1 and 3 into 0 (for people who only want the report)."""

_PROGRESS_MIN_FILES = 20


def gate_exit_code(report: Report, fail_on: str, exit_zero: bool) -> int:
    if exit_zero:
        return EXIT_OK
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in report.findings):
            return EXIT_FINDINGS
    if report.unreadable:
        return EXIT_UNREADABLE
    return EXIT_OK


def _show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="outscan")
def main() -> None:
    """Check research outputs against the data use agreements they were made under."""


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--policy", "-p", "policies", multiple=True, metavar="NAME|FILE",
              help="Policy pack (repeatable; the strictest setting wins). "
                   "Default: [tool.outscan] policy, else sdc-handbook.")
@click.option("--min-count", type=click.IntRange(min=1), default=None,
              help="Minimum publishable count; overrides the packs.")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default=None,
              help="Report format (default console).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(["block", "review", "info", "never"]), default=None,
              help="Lowest severity that fails the run (default block).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip paths matching this gitignore-style pattern (repeatable).")
@click.option("--exit-zero", is_flag=True, help="Always exit 0 unless the command line is wrong.")
@click.option("--verbose", "-v", is_flag=True, help="List every file that was not checked.")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for large scans (0: one per core; 1: no workers).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Report only findings that are not in this baseline (written by `outscan baseline`).")
@click.option("--git", "git_tracked", is_flag=True, help="Scan only the files git tracks (what would be published).")
@click.option("--diff", "diff_base", metavar="BASE", default=None,
              help="Scan only the tracked files changed since BASE (a commit, branch or tag), as for a pull request.")
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Attach the reviewers' decisions recorded in this file (by `outscan review`).")
def scan(paths: tuple[Path, ...], policies: tuple[str, ...], min_count: int | None, output_format: str | None,
         output: Path | None, fail_on: str | None, exclude: tuple[str, ...], exit_zero: bool, verbose: bool,
         no_progress: bool, jobs: int, baseline_file: Path | None, git_tracked: bool, diff_base: str | None,
         decisions_file: Path | None) -> None:
    """Scan files and folders for what would break the data use agreement."""
    try:
        config = load_config()
        policy = build_policy(list(policies) or list(config.policy),
                              min_count=min_count if min_count is not None else config.min_count)
    except (ConfigError, PolicyError) as exc:
        raise click.UsageError(str(exc)) from exc
    baseline_file = baseline_file or (Path(config.baseline) if config.baseline else None)
    try:
        accepted = load_baseline(baseline_file) if baseline_file is not None else None
    except BaselineError as exc:
        raise click.UsageError(str(exc)) from exc
    output_format = output_format or config.format or "console"
    if output_format not in FORMATTERS:
        raise click.UsageError(f"[tool.outscan].format: unknown format '{output_format}'")
    fail_on = fail_on or config.fail_on or "block"
    _check_output(output_format, output)

    candidates = list(discover(paths, [*config.exclude, *exclude]))
    if git_tracked or diff_base:
        try:
            published = published_files(paths, diff_base)
        except GitError as exc:
            raise click.UsageError(str(exc)) from exc
        candidates = [c for c in candidates if c.path.resolve() in published]
    if _show_progress() and not no_progress and len(candidates) >= _PROGRESS_MIN_FILES:
        with click.progressbar(length=len(candidates), label="Scanning", file=sys.stderr,
                               item_show_func=lambda c: c.display if c else None) as bar:
            report = run_scan(paths, policy, candidates=candidates, jobs=jobs,
                              on_file=lambda c: bar.update(1, c))
    else:
        report = run_scan(paths, policy, candidates=candidates, jobs=jobs)
    report, by_path_rules = apply_path_rules(report, config.ignore)
    if by_path_rules:
        click.echo(f"outscan: {by_path_rules} finding{'s' if by_path_rules != 1 else ''} accepted by "
                   "[[tool.outscan.ignore]] path rules not shown", err=True)
    if accepted is not None:
        report, baselined = apply_baseline(report, accepted, f"the baseline {baseline_file}")
        if baselined:
            click.echo(f"outscan: {baselined} finding{'s' if baselined != 1 else ''} accepted in the baseline "
                       f"{baseline_file} not shown", err=True)

    if decisions_file is not None:
        report = _with_decisions(report, decisions_file)
    _write(report, output_format, output, verbose)
    sys.exit(gate_exit_code(report, fail_on, exit_zero))


def _check_output(output_format: str, output: Path | None) -> None:
    if output is not None and not output.absolute().parent.is_dir():
        raise click.UsageError(f"cannot write the report to {output}: its folder does not exist")
    if output is None and output_format in BINARY_FORMATS:
        raise click.UsageError(f"--format {output_format} writes a file: give it with --output")


def _with_decisions(report: Report, decisions_file: Path, must_exist: bool = True) -> Report:
    """Decisions from the file attached; a file named on the command line must exist."""
    try:
        reviews = load_decisions(decisions_file, must_exist=must_exist)
    except DecisionError as exc:
        raise click.UsageError(str(exc)) from exc
    foreign = unmatched(report, reviews)
    if foreign:
        decisions, match = ("decision", "matches") if foreign == 1 else ("decisions", "match")
        click.echo(f"outscan: {foreign} {decisions} in {decisions_file} {match} no finding of this report "
                   "(another report's, or fixed since)", err=True)
    return attach(report, reviews)


def _write(report: Report, output_format: str, output: Path | None, verbose: bool = False) -> None:
    """The report in one format, to the output file or standard output."""
    color = output is None and output_format == "console" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = render(report, output_format, color=color, verbose=verbose)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(f"cannot write the report to {output}: {exc.strerror or exc}") from exc
    summary = report.summary()
    click.echo(f"outscan: {summary['findings']} findings, {summary['error']} unreadable files; report written to "
               f"{output}", err=True)


def _load_report(report_file: Path) -> Report:
    try:
        return load_report(report_file)
    except ReportFileError as exc:
        raise click.UsageError(str(exc)) from exc


@main.command("report")
@click.argument("report_file", metavar="REPORT.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Decisions to attach (default: REPORT.decisions.json beside the report, if there is one).")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="html", show_default=True,
              help="Format to render.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
def report_command(report_file: Path, decisions_file: Path | None, output_format: str, output: Path | None) -> None:
    """Render a JSON report again, with its reviewers' decisions, without rescanning.

    Decisions are matched by fingerprint: a decision made on a file that has changed since
    (another sha256) does not hold, and its finding is shown re-opened.
    """
    _check_output(output_format, output)
    report = _load_report(report_file)
    report = _with_decisions(report, decisions_file or decisions_path_for(report_file),
                             must_exist=decisions_file is not None)
    _write(report, output_format, output)


@main.command()
@click.argument("report_file", metavar="REPORT.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where decisions are recorded (default: REPORT.decisions.json beside the report).")
@click.option("--reviewer", default=None, help="Your name, as it goes in the record (asked once if not given).")
@click.option("--all", "include_info", is_flag=True, help="Walk information findings too.")
def review(report_file: Path, decisions_file: Path | None, reviewer: str | None, include_info: bool) -> None:
    """Decide the report's undecided findings one at a time; each decision is saved at once.

    For each finding: [a]pprove for release, [m]ust change, accepted with [r]eason, [s]kip, [q]uit.
    A reason is asked for accepted findings (and offered for approved ones); approving or
    accepting a block finding needs a comment, as it goes against the automated verdict.
    Stop at any time: the next run starts at the first finding still undecided. Answers can
    come from standard input, one per line, for scripted reviews.
    """
    report = _load_report(report_file)
    decisions_file = decisions_file or decisions_path_for(report_file)
    if not decisions_file.absolute().parent.is_dir():
        raise click.UsageError(f"cannot record decisions in {decisions_file}: its folder does not exist")
    try:
        recorded = load_decisions(decisions_file)
    except DecisionError as exc:
        raise click.UsageError(str(exc)) from exc
    run_review(report, recorded, decisions_file, reviewer, include_info)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--policy", "-p", "policies", multiple=True, metavar="NAME|FILE", help="Policy pack (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching this pattern (repeatable).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path(".outscan-baseline.json"),
              show_default=True, help="Where to write the baseline.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (0: one per core).")
def baseline(paths: tuple[Path, ...], policies: tuple[str, ...], exclude: tuple[str, ...], output: Path,
             jobs: int) -> None:
    """Accept today's findings: later scans with --baseline report only new ones.

    The baseline holds fingerprints, rules, paths and masked evidence, never a raw value;
    a fingerprint follows the content, so a finding stays accepted when lines move.
    """
    try:
        config = load_config()
        policy = build_policy(list(policies) or list(config.policy), min_count=config.min_count)
    except (ConfigError, PolicyError) as exc:
        raise click.UsageError(str(exc)) from exc
    report = run_scan(paths, policy, excludes=[*config.exclude, *exclude], jobs=jobs)
    try:
        count = write_baseline(report, output)
    except OSError as exc:
        raise click.UsageError(f"cannot write the baseline to {output}: {exc.strerror or exc}") from exc
    click.echo(f"outscan: {count} finding{'s' if count != 1 else ''} written to the baseline {output}", err=True)
    if report.unreadable:
        click.echo(f"outscan: {len(report.unreadable)} file(s) could not be read; their findings are not in the "
                   "baseline", err=True)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules(output_format: str) -> None:
    """List every rule: code, name, category, severity, the clauses it cites."""
    checks = all_checks()
    if output_format == "json":
        import json

        click.echo(json.dumps([
            {"code": c.code, "name": c.name, "category": c.category.value, "severity": c.severity.value,
             "summary": c.summary(), "clauses": list(c.cited_clauses())}
            for c in checks
        ], indent=2, ensure_ascii=False))
        return
    for check in checks:
        click.echo(f"{check.code}  {check.name:<26} {check.category.value:<14} {check.severity.value:<7} "
                   f"{', '.join(check.cited_clauses())}")
        click.echo(f"       {check.summary()}")


@main.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print a rule's documentation: what it flags, why, an example, how to fix."""
    check = get_check(code)
    if check is None:
        known = ", ".join(c.code for c in all_checks())
        raise click.UsageError(f"unknown rule '{code}' (known: {known})")
    click.echo(f"{check.code} {check.name}")
    click.echo(f"category: {check.category.value}   default severity: {check.severity.value}")
    click.echo(f"cites: {', '.join(check.cited_clauses())}")
    click.echo("")
    click.echo(check.documentation())


@main.command()
def policies() -> None:
    """List the shipped policy packs and what they set."""
    for name in available_packs():
        try:
            pack = load_pack_chain(name)[-1]
            effective = build_policy([name])
        except PolicyError as exc:
            raise click.UsageError(str(exc)) from exc
        click.echo(f"{name:<22} minimum count {effective.min_count:<3} {pack.title}")
        clauses = len(effective.clauses)
        click.echo(f"{'':<22} {clauses} clause{'' if clauses == 1 else 's'}; source: {pack.source[:100]}…")


if __name__ == "__main__":
    main()
