"""One finding per element and series for what the files of a DICOM series repeat.

A 40-slice series carries the same patient name, accession number and institution in each
of its files; a curator (TCIA's Posda reports values per tag and series, with file counts)
decides once per series, not forty times. So findings of files of one series
(SeriesInstanceUID, wherever the files sit) become one finding, at the first file read
(the first in path order), its message saying how many other files hold it and the other
paths in `also_in`:

- a **block** finding groups with the findings of the same rule at the same element path
  whose message and masked evidence are the same: a value that stops a release is listed
  wherever it differs (another name in one file's comment is a finding of its own);
- a **review** or **info** finding groups with the findings of the same rule, element path,
  severity and reason (its match key), whatever the value: a series has a SOPInstanceUID
  and an acquisition time per file, which a curator reviews once for the series. The
  message says in how many of the other files the value differs (a worker sends a value
  it repeats as a number; the parent, which alone sees a series split between workers,
  compares each distinct value with the group's first).

Grouping runs while results stream in, so an archive's repeated findings are never held:
memory grows with the distinct findings, not with the files.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from outscan.model import Finding, Severity

# What makes two findings of a series one finding: (series UID, rule, element path,
# severity, message, evidence, highlight) for a block finding, (series UID, rule, element
# path, severity, match key) for the others.
GroupKey = tuple

# A finding that is not grouped (no element path, no series) has no number.
NOT_GROUPED = -1


def exact_key(finding: Finding, series_uid: str) -> GroupKey | None:
    """What makes two findings of a series the same finding; None for a finding not at a DICOM
    element of a file in a series."""
    tag = finding.location.tag
    if tag is None or not series_uid:
        return None
    return (series_uid, finding.rule, tag, finding.severity.value, finding.message, finding.evidence,
            finding.highlight)


def group_key(finding: Finding, series_uid: str) -> GroupKey | None:
    """What makes two findings of a series one finding of the report (see the module's docstring)."""
    tag = finding.location.tag
    if tag is None or not series_uid:
        return None
    if finding.severity is Severity.BLOCK:
        return exact_key(finding, series_uid)
    return series_uid, finding.rule, tag, finding.severity.value, finding.match_key


class SentInThisProcess:
    """What this (worker) process has sent of a scan: a finding its series repeats exactly goes
    to the parent once, and afterwards only as a number — the order in which this process first
    sent it — so results stay small when pickled across processes.

    Only the most recent series are remembered: an archive's per-file values (a UID a file)
    would otherwise be held to the end. A finding of a series forgotten and met again is sent
    anew under a new number; the parent groups it all the same, and its numbers stay valid."""

    def __init__(self, series_kept: int = 256) -> None:
        self._scan_id = ""
        self._series_kept = series_kept
        self._sent: dict[GroupKey, int] = {}
        self._keys_of: OrderedDict[str, list[GroupKey]] = OrderedDict()
        self._next = 0

    def split(self, findings: list[Finding], series_uid: str, scan_id: str) -> tuple[list[Finding], list[int], list[int]]:
        """(the findings to send, the numbers of those sent before, every finding's number in order)."""
        if scan_id != self._scan_id:  # a new scan in this process: nothing of it sent yet
            self._scan_id, self._sent, self._keys_of, self._next = scan_id, {}, OrderedDict(), 0
        sent = self._sent
        keys_of = self._keys_of.get(series_uid)
        if keys_of is None:
            keys_of = self._keys_of[series_uid] = []
            if len(self._keys_of) > self._series_kept:
                for key in self._keys_of.popitem(last=False)[1]:
                    del sent[key]
        else:
            self._keys_of.move_to_end(series_uid)
        new, repeats, numbers = [], [], []
        for finding in findings:
            key = exact_key(finding, series_uid)
            if key is None:
                new.append(finding)
                numbers.append(NOT_GROUPED)
                continue
            number = sent.get(key)
            if number is None:
                number = sent[key] = self._next
                self._next += 1
                keys_of.append(key)
                new.append(finding)
            else:
                repeats.append(number)
            numbers.append(number)
        return new, repeats, numbers


class SeriesGroups:
    """Collects a scan's DICOM findings series by series; `finish` writes the groups out."""

    def __init__(self) -> None:
        self._first: dict[GroupKey, Finding] = {}
        # Findings sent as new by another process (a series split between workers): their paths,
        # and how many hold another value.
        self._others: dict[GroupKey, list[str]] = {}
        self._others_differing: dict[GroupKey, int] = {}
        # Per sending process, by the number it sent each finding under: its group, the paths of
        # the later files that repeated it, and whether its value differs from the group's first
        # (lists by number: no key is hashed per repeat).
        self._sent_by: dict[int, list[GroupKey]] = {}
        self._repeats_by: dict[int, list[list[str]]] = {}
        self._differing_by: dict[int, list[bool]] = {}

    def add(self, findings: Iterable[Finding], series_uid: str, repeats: Iterable[int] = (), path: str = "",
            sender: int = 0) -> list[Finding]:
        """The findings to keep now: those with no earlier twin in the series (the rest are counted).

        `findings` came from process `sender`, with `repeats`: the numbers of findings of the
        file at `path` it sent before (see SentInThisProcess); results arrive in order, so
        each was met here first.
        """
        sent = self._sent_by.setdefault(sender, [])
        repeated = self._repeats_by.setdefault(sender, [])
        differing = self._differing_by.setdefault(sender, [])
        kept = []
        for finding in findings:
            key = group_key(finding, series_uid)
            if key is None:
                kept.append(finding)
                continue
            first = self._first.get(key)
            # Whether this value (and every later repeat of it) differs from the group's first.
            differs = first is not None and (finding.message != first.message or finding.evidence != first.evidence)
            sent.append(key)
            repeated.append([])
            differing.append(differs)
            if first is not None:
                self._others.setdefault(key, []).append(finding.path)
                if differs:
                    self._others_differing[key] = self._others_differing.get(key, 0) + 1
            else:
                self._first[key] = finding
                kept.append(finding)
        try:
            for number in repeats:
                repeated[number].append(path)
        except IndexError:
            raise RuntimeError(f"a repeated finding of {path} arrived before its first") from None
        return kept

    def finish(self, findings: list[Finding]) -> tuple[list[Finding], set[str]]:
        """`findings` with each group's first finding rewritten; and the paths whose findings moved
        (a group's first file in path order may not be the first one read).

        Consumes what was collected: an archive's groups are large, and the report is being built."""
        others, differing = self._others, self._others_differing
        for sender, sent in self._sent_by.items():
            for key, paths, differs in zip(sent, self._repeats_by[sender], self._differing_by[sender]):
                if paths:
                    others.setdefault(key, []).extend(paths)
                    if differs:
                        differing[key] = differing.get(key, 0) + len(paths)
        self._sent_by, self._repeats_by, self._differing_by = {}, {}, {}
        rewritten: dict[int, Finding] = {}
        moved: set[str] = set()
        while others:
            key, paths_of_others = others.popitem()
            first = self._first[key]
            count = differing.get(key, 0)
            if count:
                # The message and evidence are this file's own: the finding stays at it.
                grouped = grouped_finding(first, first.path, tuple(sorted(set(paths_of_others) - {first.path})),
                                          count)
            else:
                paths = sorted({first.path, *paths_of_others})
                grouped = grouped_finding(first, paths[0], tuple(paths[1:]))
            if grouped.path != first.path:
                moved.update((first.path, grouped.path))
            rewritten[id(first)] = grouped
        self._first, self._others_differing = {}, {}
        if not rewritten:
            return findings, moved
        return [rewritten.get(id(finding), finding) for finding in findings], moved


def grouped_finding(finding: Finding, path: str, also_in: tuple[str, ...], differing: int = 0) -> Finding:
    count = len(also_in)
    files = f"{count} other file{'s' if count != 1 else ''} of this series"
    said = f"the same in {files}" if not differing else \
        f"also in {files}, the value differing in {differing if differing < count else 'each'}"
    return finding.copy_with(path=path, also_in=also_in, message=f"{finding.message} [{said}]")
