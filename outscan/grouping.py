"""One finding for what every file of a DICOM series repeats.

A 40-slice series carries the same patient name, accession number and institution in each
of its files; a curator (TCIA's Posda reports values per tag and series, with file counts)
decides once per series, not forty times. Findings at the same element path with the same
rule, severity, message and masked evidence in files of one series (SeriesInstanceUID,
wherever the files sit) become one finding: at the first file in path order, its message
saying how many other files hold the same, and the other paths in `also_in`. Values that
differ from file to file (SOPInstanceUID, instance times) stay one finding per file.

Grouping runs while results stream in, so an archive's repeated findings are never held:
memory grows with the distinct findings, not with the files.
"""

from __future__ import annotations

from collections.abc import Iterable

from outscan.model import Finding

# (series UID, rule, element path, severity, message, evidence, highlight): what makes two
# findings of a series the same finding.
GroupKey = tuple[str, str, str, str, str, str, object]


def group_key(finding: Finding, series_uid: str) -> GroupKey | None:
    """The key of a finding at a DICOM element of a file in a series; None for any other finding."""
    tag = finding.location.tag
    if tag is None or not series_uid:
        return None
    return (series_uid, finding.rule, tag, finding.severity.value, finding.message, finding.evidence,
            finding.highlight)


class SentInThisProcess:
    """What this (worker) process has sent of a scan: a finding its series repeats goes to the
    parent once, and afterwards only as a number — the order in which this process first sent
    it — so results stay small when pickled across processes."""

    def __init__(self) -> None:
        self._scan_id = ""
        self._sent: dict[GroupKey, int] = {}

    def split(self, findings: list[Finding], series_uid: str, scan_id: str) -> tuple[list[Finding], list[int], list[int]]:
        """(the findings to send, the numbers of those sent before, every finding's number in order)."""
        if scan_id != self._scan_id:  # a new scan in this process: nothing of it sent yet
            self._scan_id, self._sent = scan_id, {}
        sent = self._sent
        new, repeats, numbers = [], [], []
        for finding in findings:
            key = group_key(finding, series_uid)
            if key is None:
                new.append(finding)
                numbers.append(-1)
                continue
            number = sent.get(key)
            if number is None:
                number = sent[key] = len(sent)
                new.append(finding)
            else:
                repeats.append(number)
            numbers.append(number)
        return new, repeats, numbers


class SeriesGroups:
    """Collects a scan's DICOM findings series by series; `finish` writes the groups out."""

    def __init__(self) -> None:
        self._first: dict[GroupKey, Finding] = {}
        self._others: dict[GroupKey, list[str]] = {}
        # Per sending process: the keys in the order it first sent their findings, and for each
        # the paths of the later files that repeated it (a list per number: no key hashed per repeat).
        self._sent_by: dict[int, list[GroupKey]] = {}
        self._repeats_by: dict[int, list[list[str]]] = {}

    def add(self, findings: Iterable[Finding], series_uid: str, repeats: Iterable[int] = (), path: str = "",
            sender: int = 0) -> list[Finding]:
        """The findings to keep now: those with no earlier twin in the series (the rest are counted).

        `findings` came from process `sender`, with `repeats`: the numbers of findings of the
        file at `path` it sent before (see SentInThisProcess); results arrive in order, so
        each was met here first.
        """
        sent = self._sent_by.setdefault(sender, [])
        repeated = self._repeats_by.setdefault(sender, [])
        kept = []
        for finding in findings:
            key = group_key(finding, series_uid)
            if key is None:
                kept.append(finding)
                continue
            sent.append(key)
            repeated.append([])
            if key in self._first:
                self._others.setdefault(key, []).append(finding.path)
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
        (a group's first file in path order may not be the first one read)."""
        others = {key: list(paths) for key, paths in self._others.items()}
        for sender, sent in self._sent_by.items():
            for key, paths in zip(sent, self._repeats_by[sender]):
                if paths:
                    others.setdefault(key, []).extend(paths)
        rewritten: dict[int, Finding] = {}
        moved: set[str] = set()
        for key, paths_of_others in others.items():
            first = self._first[key]
            paths = sorted({first.path, *paths_of_others})
            grouped = grouped_finding(first, paths[0], tuple(paths[1:]))
            if grouped.path != first.path:
                moved.update((first.path, grouped.path))
            rewritten[id(first)] = grouped
        if not rewritten:
            return findings, moved
        return [rewritten.get(id(finding), finding) for finding in findings], moved


def grouped_finding(finding: Finding, path: str, also_in: tuple[str, ...]) -> Finding:
    count = len(also_in)
    return finding.copy_with(path=path, also_in=also_in,
                             message=f"{finding.message} [the same in {count} other file{'s' if count != 1 else ''} "
                                     f"of this series]")
