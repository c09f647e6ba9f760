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

GroupKey = tuple[str, str, str, object, str, str, object]


class SeriesGroups:
    """Collects a scan's DICOM findings series by series; `finish` writes the groups out."""

    def __init__(self) -> None:
        self._first: dict[GroupKey, Finding] = {}
        self._others: dict[GroupKey, list[str]] = {}

    def add(self, findings: Iterable[Finding], series_uid: str) -> list[Finding]:
        """The findings to keep now: those with no earlier twin in the series (the rest are counted)."""
        kept = []
        for finding in findings:
            tag = finding.location.tag
            if tag is None or not series_uid:
                kept.append(finding)
                continue
            key = (series_uid, finding.rule, tag, finding.severity, finding.message, finding.evidence,
                   finding.highlight)
            if key in self._first:
                self._others.setdefault(key, []).append(finding.path)
            else:
                self._first[key] = finding
                kept.append(finding)
        return kept

    def finish(self, findings: list[Finding]) -> tuple[list[Finding], set[str]]:
        """`findings` with each group's first finding rewritten; and the paths whose findings moved
        (a group's first file in path order may not be the first one read)."""
        rewritten: dict[int, Finding] = {}
        moved: set[str] = set()
        for key, others in self._others.items():
            first = self._first[key]
            paths = sorted({first.path, *others})
            grouped = grouped_finding(first, paths[0], tuple(paths[1:]))
            if grouped.path != first.path:
                moved.update((first.path, grouped.path))
            rewritten[id(first)] = grouped
        if not rewritten:
            return findings, moved
        return [rewritten.get(id(finding), finding) for finding in findings], moved


def grouped_finding(finding: Finding, path: str, also_in: tuple[str, ...]) -> Finding:
    count = len(also_in)
    return Finding.build(**{**finding.__dict__, "path": path, "also_in": also_in,
                            "message": f"{finding.message} [the same in {count} other file{'s' if count != 1 else ''} "
                                       f"of this series]"})
