"""The files of a DICOM series are checked for what changes from one file to the next.

A 40-slice series repeats its patient, study, equipment and private blocks in every file;
only each instance's own values change (SOPInstanceUID, InstanceNumber, the slice's
position and time, a comment naming the slice). Checking every element of every file again
costs several times the parse; the findings those repeated elements give are the same
findings, which the series grouping folds into one anyway (`outscan.grouping`).

So a header check says how its findings follow from the header (`Check.delta`):

- `PER_ELEMENT`: each finding stands at the element it judges and depends on that element
  and on the file's context — the elements `depends_on` picks (the de-identification
  declaration, the patient's identity). OS301, OS303.
- `ON_INPUTS`: the findings depend on the elements `depends_on` picks and on nothing else
  of the header. OS302 (the private elements), OS304 (a few attributes).
- None (any other check): checked in full in every file.

Within a process, the last file of each series is remembered with the findings each check
gave it, as the numbers under which this process sent them (`grouping.SentInThisProcess`).
The next file of that series is compared with it element by element: a `PER_ELEMENT`
check runs on the elements that differ (in full if a context element differs), an
`ON_INPUTS` check runs only if one of its inputs differs; the findings at everything else
are the remembered ones, sent again as their numbers (the grouping counts them for this
file as well). A file is remembered only when it was checked without a problem; anything
unusual (another transfer syntax, duplicate paths, a check that failed) means a check in
full.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from outscan.documents import DicomElement, DicomHeader
from outscan.model import Finding

PER_ELEMENT = "per-element"
ON_INPUTS = "on-inputs"

RUN_IN_FULL = "full"
RUN_ON_CHANGES = "changes"
REUSE = "reuse"


@dataclass
class _Remembered:
    """The last file of a series: its elements by path and the findings each check gave it."""

    elements: dict[str, DicomElement]
    shape: tuple  # what must match for a comparison to mean anything (see `_shape`)
    findings: dict[str, list[tuple[str, int]]]  # by rule code: (element path, number sent under)


@dataclass
class Plan:
    """How to check one file: per rule code, run in full, on `changed`, or reuse; the numbers of
    the findings reused; and, filled in as the checks run, the codes of those that ran (or
    were reused) without a problem."""

    modes: dict[str, str] = field(default_factory=dict)
    changed: list[DicomElement] = field(default_factory=list)
    reused: list[int] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    series_uid: str = ""
    elements: dict[str, DicomElement] | None = None
    shape: tuple = ()
    differs: set[str] = field(default_factory=set)  # paths where an element changed, came or went
    complete: bool = False  # checked without a problem: worth remembering

    def mode(self, code: str) -> str:
        return self.modes.get(code, RUN_IN_FULL)


def _shape(header: DicomHeader) -> tuple:
    return (header.transfer_syntax, header.is_dicomdir)


class SeriesDelta:
    """The last file of each of the most recent series this process checked."""

    def __init__(self, capacity: int = 256) -> None:
        self._capacity = capacity
        self._scan_id = ""
        self._last: OrderedDict[str, _Remembered] = OrderedDict()

    def plan(self, header: DicomHeader, checks: Iterable, scan_id: str) -> Plan:
        """How to check `header` given the last file of its series."""
        if scan_id != self._scan_id:  # a new scan (perhaps another policy): nothing carries over
            self._scan_id, self._last = scan_id, OrderedDict()
        series_uid = header.first("SeriesInstanceUID") or ""
        if not series_uid or header.problems:
            return Plan()
        by_path = {element.path: element for element in header.elements}
        plan = Plan(series_uid=series_uid, elements=by_path, shape=_shape(header))
        if len(by_path) != len(header.elements):
            plan.elements = None  # the same path twice: not a header to compare by path
            return plan
        last = self._last.get(series_uid)
        if last is None or last.shape != plan.shape:
            return plan
        before = last.elements
        changed = [element for element in header.elements if before.get(element.path) != element]
        new = sum(element.path not in before for element in changed)
        gone = {path for path in before if path not in by_path} if len(by_path) - new != len(before) else set()
        # Paths where something differs: changed, new or gone.
        differs = plan.differs = {element.path for element in changed} | gone
        gone_elements = [before[path] for path in gone]
        plan.changed = changed
        for check in checks:
            delta = getattr(check, "delta", None)
            remembered = last.findings.get(check.code)
            if delta is None or remembered is None:
                continue
            depends_on = check.depends_on
            if any(depends_on(element) for element in changed) or any(depends_on(e) for e in gone_elements):
                continue  # its context or inputs differ: in full
            if delta == ON_INPUTS:
                plan.modes[check.code] = REUSE
                plan.reused.extend(number for _, number in remembered)
            elif delta == PER_ELEMENT:
                plan.modes[check.code] = RUN_ON_CHANGES
                plan.reused.extend(number for tag, number in remembered if tag not in differs)
        return plan

    def remember(self, plan: Plan, findings: list[Finding], numbers: list[int]) -> None:
        """Keep the file `plan` was made for, with its findings: those it reused and the new
        `findings`, sent under `numbers`. Call it only for a file checked without a problem."""
        if not plan.series_uid or plan.elements is None:
            return
        last = self._last.get(plan.series_uid)
        before = last.findings if last is not None else {}
        by_rule: dict[str, list[tuple[str, int]]] = {}
        for code in plan.checked:
            mode = plan.modes.get(code, RUN_IN_FULL)
            if mode == REUSE:
                by_rule[code] = before[code]
            else:
                by_rule[code] = [] if mode == RUN_IN_FULL else [
                    (tag, number) for tag, number in before[code] if tag not in plan.differs]
        for finding, number in zip(findings, numbers):
            found = by_rule.get(finding.rule)
            if found is not None and number >= 0:
                found.append((finding.location.tag, number))
        self._last[plan.series_uid] = _Remembered(plan.elements, plan.shape, by_rule)
        self._last.move_to_end(plan.series_uid)
        if len(self._last) > self._capacity:
            self._last.popitem(last=False)
