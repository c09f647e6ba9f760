"""The Python API the CLI wraps: ``scan(paths, policy) -> Report``.

paths -> discover -> read -> check -> Report. A file that cannot be read becomes an error
entry and the scan goes on; nothing a user's file does ends in a traceback.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from outscan import __version__
from outscan.checks.base import CheckContext, CheckUnavailable
from outscan.checks.dicom.series_delta import RUN_IN_FULL, RUN_ON_CHANGES, Plan, SeriesDelta
from outscan.checks.registry import checks_for
from outscan.checks.text.base import scrub_identifiers
from outscan.discover import OWN_REPORT, Candidate, discover
from outscan.documents import DicomHeader, DicomSeriesMember, DicomSet, Table, TableSet, Unchecked
from outscan.excerpts import excerpts_for
from outscan.grouping import SentInThisProcess, SeriesGroups
from outscan.model import FileResult, FileStatus, Finding, Report, Suppressed, TableExcerpt, fingerprint
from outscan.policy import Policy, build_policy
from outscan.readers import ReadError, reader_for
from outscan.suppressions import apply_markers
from outscan.tables.people import mark_file

ProgressCallback = Callable[[Candidate], None]

# Tables outscan cannot read: an error, not a skip, so an unchecked table never passes the gate.
UNREADABLE_TABLE_KINDS = {
    "xls": "legacy Excel workbook (.xls), which outscan cannot read; save it as .xlsx and scan again",
}

# An empty source or config file (a package's __init__.py) holds nothing either.
_EMPTY_IS_NOTHING = frozenset({"code", "config"})
# An empty manuscript holds nothing to check; unlike an empty table export, it is not a failed read.
DOCUMENT_KINDS = {"markdown", "html", "latex", "text", "docx", "pdf", "notebook"}
# Kinds whose checks run the text engine (prose, and a DICOM header's free text).
_ENGINE_KINDS = DOCUMENT_KINDS | {"dicom"}


def sha256_of(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


ScanOne = tuple[FileResult, list[Finding], list[tuple[str, object]], list[int], int]


def _scan_one(candidate: Candidate, policy: Policy, scan_id: str) -> ScanOne:
    """Read and check one file: its result, its new findings, what checks across files keep of
    it, the findings its series repeats (as numbers: see `grouping`) and the process's id.

    A module-level function of picklable arguments, so worker processes can run it. A worker
    sends a finding of a series once; later files send only its number, which the parent, reading
    results in order, has met before.
    """
    kept: list[tuple[str, object]] = []
    result, findings, plan = _scan_file(candidate, policy, kept, scan_id)
    series_uid = _series_uid(kept)
    if not series_uid:
        return result, findings, kept, [], os.getpid()
    sent, repeats, numbers = _SENT.split(findings, series_uid, scan_id)
    if plan is not None:
        repeats.extend(plan.reused)
        if plan.complete:
            _DELTA.remember(plan, findings, numbers)
    return result, sent, kept, repeats, os.getpid()


_SENT = SentInThisProcess()
# The later files of a DICOM series are checked for what differs from the one before; tests
# turn it off to hold the result to a check of every file in full.
_DELTA = SeriesDelta()
_DELTA_ENABLED = True


def _series_uid(kept: list[tuple[str, object]]) -> str:
    """The DICOM series a file belongs to, from what it keeps for the series checks ("" if none)."""
    return next((d.series_uid for _, d in kept if isinstance(d, DicomSeriesMember)), "")


def _scan_file(candidate: Candidate, policy: Policy, kept: list[tuple[str, object]],
               scan_id: str = "") -> tuple[FileResult, list[Finding], Plan | None]:
    """Read and check one file; its documents go into `kept` for the checks that read several.

    Returns the file's result, its findings, and for a DICOM file the plan its checks followed
    (what they reused of the previous file of its series: see `series_delta`)."""
    path = candidate.path
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    # A DICOM reader hashes the bytes it reads; other files (and a DICOM file it did not read
    # whole) are read once more here.
    checksum = None if candidate.kind == "dicom" and not candidate.problem else sha256_of(path)

    def result(status: FileStatus, error: str | None = None, note: str | None = None) -> FileResult:
        nonlocal checksum
        if checksum is None:
            checksum = sha256_of(path)
        return FileResult(candidate.display, candidate.kind, size, checksum, status, error, note)

    reader = reader_for(candidate.kind)
    if candidate.problem:
        if size == 0 and (reader is None or candidate.kind in DOCUMENT_KINDS | _EMPTY_IS_NOTHING):
            return result(FileStatus.SKIPPED, note=candidate.problem), [], []
        return result(FileStatus.ERROR, error=candidate.problem), [], []
    if candidate.kind == OWN_REPORT:
        return result(FileStatus.SKIPPED,
                      note="an outscan report or decisions file (masked already): not scanned"), [], []
    if candidate.kind in UNREADABLE_TABLE_KINDS:
        return result(FileStatus.ERROR, error=UNREADABLE_TABLE_KINDS[candidate.kind]), [], []
    if reader is None:
        return result(FileStatus.SKIPPED,
                      note=f"outscan {__version__} has no check for '{candidate.kind}' files"), [], []
    try:
        documents = reader(path)
    except ReadError as exc:
        return result(FileStatus.ERROR, error=str(exc)), [], []
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the scan
        return result(FileStatus.ERROR, error=f"internal error while reading ({type(exc).__name__}: {exc})"), [], []

    checksum = checksum or next((d.sha256 for d in documents if isinstance(d, DicomHeader) and d.sha256), None)
    findings: list[Finding] = []
    problems: list[str] = [problem for document in documents for problem in getattr(document, "problems", ())]
    context = CheckContext(path=candidate.display, policy=policy)

    plan: Plan | None = None

    def run_checks(of: list[object]) -> None:
        nonlocal plan
        for document in of:
            checks = checks_for(document)
            if isinstance(document, DicomHeader) and plan is None and _DELTA_ENABLED:
                plan = _DELTA.plan(document, checks, scan_id)
            for check in checks:
                mode = plan.mode(check.code) if plan is not None and isinstance(document, DicomHeader) else RUN_IN_FULL
                try:
                    if mode == RUN_ON_CHANGES:
                        findings.extend(check.run_on(document, plan.changed, context))
                    elif mode == RUN_IN_FULL:
                        findings.extend(check.run(document, context))
                    if plan is not None:
                        plan.checked.append(check.code)
                except CheckUnavailable as exc:
                    if str(exc) not in problems:
                        problems.append(str(exc))
                except Exception as exc:  # noqa: BLE001 - one failing check must not hide the others
                    problems.append(f"internal error in {check.code} ({type(exc).__name__}: {exc}); "
                                    "its findings for this file may be incomplete")

    # Tables last: what the file's text and line lists say about people decides how a table's
    # findings name its rows.
    tables = [d for d in documents if isinstance(d, Table)]
    run_checks([d for d in documents if not isinstance(d, Table)])
    try:
        mark_file(tables, findings)
    except Exception as exc:  # noqa: BLE001 - the file is still checked, its rows taken as people
        mark_file(tables, [], people=True)
        problems.append(f"internal error while judging whether the rows are people ({type(exc).__name__}: {exc}); "
                        "row labels are masked")
    run_checks(tables)
    kept.extend((candidate.display, document) for document in documents if _worth_keeping(document))
    findings = scrub_identifiers(findings)
    findings, suppressed, unexplained = apply_markers(findings, path)
    # In reading order here, in the worker: the scan's end only merges files.
    findings, suppressed = _in_reading_order(findings, suppressed)
    kept.extend(("", accepted) for accepted in suppressed)  # carried to the report, not read by checks
    kept.extend(("", excerpt) for excerpt in excerpts_for(candidate.display, documents, findings))
    if problems:
        # Partly read or partly checked: an error the gate sees, with every finding kept.
        return result(FileStatus.ERROR, error="; ".join(problems)), findings, plan
    if plan is not None:
        plan.complete = not (suppressed or unexplained)  # else the series' next file is checked in full
    encodings = {getattr(d, "source_encoding", None) for d in documents} - {None, "utf-8", "utf-8-sig", "utf-16"}
    notes = [d.note for d in documents if isinstance(d, Unchecked)]
    if encodings:
        notes.append(f"not UTF-8: read as {', '.join(sorted(encodings))}")
    if any(isinstance(d, Table) and not _worth_keeping(d) for d in documents):
        notes.append(f"larger than {_MAX_KEPT_CELLS:,} cells: not read together with other tables")
    if suppressed:
        notes.append(f"{len(suppressed)} finding{'s' if len(suppressed) != 1 else ''} suppressed inline, with a reason")
    if unexplained:
        where = "cell" if candidate.kind == "notebook" else "line"
        notes.append(f"a suppression without a reason is not honoured ({where} "
                     + ", ".join(map(str, unexplained)) + "): say why after the marker")
    return result(FileStatus.SCANNED, note="; ".join(notes) or None), findings, plan


# Tables are linked (a margin published in one file, the cross-tab in another) only at
# the size of published tables; a large extract is not held until the end of the scan.
_MAX_KEPT_CELLS = 20_000
# Linking compares every pair of tables; past this many, each table is checked alone.
MAX_TABLES_TOGETHER = 400


def _worth_keeping(document: object) -> bool:
    if isinstance(document, DicomSeriesMember):
        return True  # a few hundred bytes a file: series are judged across the whole scan
    return isinstance(document, Table) and len(document.rows) * max(document.width, 1) <= _MAX_KEPT_CELLS


def _check_together(kept: list[tuple[str, object]], policy: Policy) -> tuple[list[Finding], dict[str, list[str]]]:
    """Checks that read several tables at once (linked tables, differencing)."""
    findings: list[Finding] = []
    problems: dict[str, list[str]] = {}
    tables = TableSet(tuple((path, table) for path, table in kept if isinstance(table, Table)))
    series = DicomSet(tuple((path, member) for path, member in kept if isinstance(member, DicomSeriesMember)))
    for together, paths, what in ((tables, {p for p, _ in tables.tables}, "tables read together"),
                                  (series, {p for p, _ in series.members}, "DICOM series")):
        for check in checks_for(together):
            try:
                findings.extend(check.run(together, CheckContext(path="", policy=policy)))
            except Exception as exc:  # noqa: BLE001 - must not hide the per-file findings
                for path in paths:
                    problems.setdefault(path, []).append(
                        f"internal error in {check.code} ({type(exc).__name__}: {exc}); {what} may hold more findings")
    return findings, problems


# Files between two freezes of what the scan holds (see `scan`).
_FREEZE_EVERY = 2_000
# Below this many files, starting workers (and loading a model in each) costs more than it saves.
_MIN_FILES_FOR_WORKERS = 64


def _scan_all(candidates: list[Candidate], policy: Policy, jobs: int):
    """Results in the candidates' order, streamed: from worker processes when there are enough files."""
    scan_id = uuid.uuid4().hex
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if workers <= 1 or len(candidates) < _MIN_FILES_FOR_WORKERS:
        for candidate in candidates:
            yield _scan_one(candidate, policy, scan_id)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    if multiprocessing.get_start_method() == "fork":
        # Loaded once here, the model and the tables are shared by the forked workers; each
        # would spend a second or more loading its own.
        prepare({candidate.kind for candidate in candidates})
    with ProcessPoolExecutor(max_workers=min(workers, len(candidates))) as pool:
        yield from pool.map(partial(_scan_one, policy=policy, scan_id=scan_id), candidates, chunksize=16)


def prepare(kinds: Iterable[str]) -> None:
    """Load what checking files of these kinds loads at its first file: the checks, the text
    engine's model, the name list, pydicom and the Annex E table. Once per process; a scan
    about to fork workers calls it so they share one copy (and a benchmark, to time start-up
    apart from the files)."""
    from outscan.checks.registry import all_checks
    from outscan.masking import given_names

    kinds = set(kinds)
    all_checks()
    if kinds & _ENGINE_KINDS:
        from outscan.text_engine.engine import ModelMissing, analyzer

        given_names()
        try:
            analyzer()
        except ModelMissing:
            pass  # each file's check says so
    if "dicom" in kinds:
        import pydicom  # noqa: F401 - the reader's fallback and its data dictionary

        from outscan.checks.dicom.profile import annex_e

        annex_e()


def _with_fingerprints(marked: list[tuple[Finding, Suppressed | None]]) -> tuple[list[Finding], list[Suppressed]]:
    """Same rule, path and matched content more than once: number them in reading order; the
    findings kept and those suppressed (with their reasons), fingerprinted.

    `marked` must be in reading order (sorted by `Finding.sort_key`). It is emptied as it is
    read: an archive's report is large, and only one copy of it need be held."""
    seen: dict[tuple[str, str, str], int] = {}
    kept, moved = [], []
    for index, (finding, item) in enumerate(marked):
        marked[index] = None  # type: ignore[call-overload]  # the copy below replaces it
        key = (finding.rule, finding.path, finding.match_key)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        printed = finding.with_fingerprint(fingerprint(finding.rule, finding.path, finding.match_key, occurrence))
        if item is None:
            kept.append(printed)
        else:
            moved.append(Suppressed(printed, item.kind, item.justification))
    marked.clear()
    return kept, moved


def _with_note(result: FileResult, note: str) -> FileResult:
    return FileResult(result.path, result.kind, result.size, result.sha256, result.status, result.error,
                      "; ".join(n for n in (result.note, note) if n))


def _with_problems(result: FileResult, problems: list[str] | None) -> FileResult:
    if not problems:
        return result
    error = "; ".join(([result.error] if result.error else []) + problems)
    return FileResult(result.path, result.kind, result.size, result.sha256, FileStatus.ERROR, error, result.note)


def scan(
    paths: Iterable[str | Path],
    policy: Policy | None = None,
    excludes: Iterable[str] = (),
    on_file: ProgressCallback | None = None,
    candidates: list[Candidate] | None = None,
    jobs: int = 1,
) -> Report:
    """Scan files and folders and return the report. Nothing is written, nothing is sent.

    `jobs` > 1 reads and checks files in that many worker processes (0: one per core); the
    report is the same as a serial scan's, file for file and finding for finding.
    """
    paths = [Path(p) for p in paths]
    policy = policy or build_policy([])
    # What is loaded by now (pandas, pydicom, the packs) stays loaded: kept out of the garbage
    # collector's full collections, which a scan allocating millions of objects triggers often;
    # worker processes forked from here inherit it.
    gc.freeze()
    if candidates is None:
        candidates = list(discover(paths, excludes))
    files: list[FileResult] = []
    findings: list[Finding] = []
    kept: list[tuple[str, object]] = []
    series = SeriesGroups()
    for number, (candidate, (result, found, keep, repeats, sender)) in enumerate(
            zip(candidates, _scan_all(candidates, policy, jobs)), 1):
        files.append(result)
        series_uid = _series_uid(keep)
        findings.extend(series.add(found, series_uid, repeats, result.path, sender) if series_uid else found)
        kept.extend(keep)
        if on_file is not None:
            on_file(candidate)
        if number % _FREEZE_EVERY == 0:
            # What the report holds so far stays to the end: the collector's full collections
            # need not walk it again and again (a tenth of a 100,000-file scan). Frozen objects
            # are still freed when no longer referenced; a scan makes almost no reference cycles.
            gc.freeze()
    kept_tables = sum(isinstance(document, Table) for _, document in kept)
    if kept_tables > MAX_TABLES_TOGETHER:
        alone = {path for path, document in kept if isinstance(document, Table)}
        kept = [(path, document) for path, document in kept if not isinstance(document, Table)]
    else:
        alone = set()
    together, problems = _check_together(kept, policy)
    files = [_with_problems(f, problems.get(f.path)) for f in files]
    if alone:
        note = f"not read together with other tables: the scan holds more than {MAX_TABLES_TOGETHER} tables"
        files = [_with_note(f, note) if f.path in alone else f for f in files]
    accepted = [document for _, document in kept if isinstance(document, Suppressed)]
    excerpts = _with_linked_excerpts([d for _, d in kept if isinstance(d, TableExcerpt)], kept, findings + together,
                                     together)
    findings, moved = series.finish(findings)
    del series, kept  # held no longer: the report is built from here
    findings, accepted = _in_report_order(findings, accepted, together, moved)
    return Report(
        tool_version=__version__,
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        roots=tuple(p.as_posix() for p in paths),
        policy=policy.to_dict(),
        files=tuple(sorted(files, key=lambda f: f.path)),
        findings=tuple(findings),
        suppressed=tuple(accepted),
        excerpts=tuple(excerpts),
    )


def _with_linked_excerpts(excerpts: list[TableExcerpt], kept: list[tuple[str, object]], findings: list[Finding],
                          together: list[Finding]) -> list[TableExcerpt]:
    """The tables that findings across files point into, drawn anew with every finding of theirs."""
    if not together:
        return excerpts
    touched = {finding.path for finding in together}
    redrawn = {}
    for path, table in kept:
        if isinstance(table, Table) and path in touched:
            for excerpt in excerpts_for(path, [table], findings):
                redrawn[(excerpt.path, excerpt.where)] = excerpt
    kept_excerpts = [e for e in excerpts if (e.path, e.where) not in redrawn]
    return sorted(kept_excerpts + list(redrawn.values()), key=lambda e: (e.path, e.where.sort_key()))


def _in_report_order(findings: list[Finding], accepted: list[Suppressed], together: list[Finding],
                     unsorted: set[str]) -> tuple[list[Finding], list[Suppressed]]:
    """Every file's findings (each file's already in reading order; the list is emptied) and the findings across files,
    in path order, then numbered: suppressed ones too, so suppressing one does not renumber the
    others (a baseline written before a marker was added still matches). `unsorted`: paths
    whose findings need sorting again."""
    by_path: dict[str, list[tuple[Finding, Suppressed | None]]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append((finding, None))
    findings.clear()  # consumed: the numbered copies replace them one by one
    unsorted = set(unsorted)
    for item in accepted:
        by_path.setdefault(item.finding.path, []).append((item.finding, item))
        unsorted.add(item.finding.path)
    for finding in together:
        by_path.setdefault(finding.path, []).append((finding, None))
        unsorted.add(finding.path)
    for path in unsorted & by_path.keys():
        by_path[path].sort(key=lambda pair: pair[0].sort_key())
    marked = [pair for path in sorted(by_path) for pair in by_path.pop(path)]
    return _with_fingerprints(marked)


def _in_reading_order(findings: list[Finding], accepted: list[Suppressed]) -> tuple[list[Finding], list[Suppressed]]:
    """One file's findings and suppressed findings, each sorted as the file reads."""
    return sorted(findings, key=Finding.sort_key), sorted(accepted, key=lambda item: item.finding.sort_key())
