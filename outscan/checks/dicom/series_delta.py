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
from outscan.grouping import NOT_GROUPED
from outscan.model import Finding

PER_ELEMENT = "per-element"
ON_INPUTS = "on-inputs"

RUN_IN_FULL = "full"
RUN_ON_CHANGES = "changes"
REUSE = "reuse"


@dataclass
class _Remembered:
    """The last file of a series: its elements, what it worked out once (`header.derived`) and
    the findings each check gave it."""

    elements: list[DicomElement]
    derived: dict
    shape: tuple  # what must match for a comparison to mean anything (see `_shape`)
    findings: dict[str, list[tuple[str, int]]]  # by rule code: (element path, number sent under)


@dataclass
class Plan:
    """How to check one file: per rule code, run in full, on `changed`, or reuse; the findings
    kept from the last file (by rule) and their numbers; and, filled in as the checks run,
    the codes of those that ran (or were reused) without a problem."""

    modes: dict[str, str] = field(default_factory=dict)
    changed: list[DicomElement] = field(default_factory=list)
    kept: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    reused: list[int] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    series_uid: str = ""
    header: DicomHeader | None = None  # None: not a file to remember
    shape: tuple = ()
    complete: bool = False  # checked without a problem: worth remembering

    def mode(self, code: str) -> str:
        return self.modes.get(code, RUN_IN_FULL)


def _shape(header: DicomHeader) -> tuple:
    return (header.transfer_syntax, header.is_dicomdir)


def _differences(elements: list[DicomElement], before: list[DicomElement]) -> tuple[list[DicomElement],
                                                                                     list[DicomElement]]:
    """(the elements that are new or changed, the elements of `before` that are gone)."""
    if len(elements) == len(before):
        # The files of a series list the same paths in the same order: compare place by place.
        pairs = [(element, old) for element, old in zip(elements, before) if element != old]
        if all(element.path == old.path for element, old in pairs):
            return [element for element, _ in pairs], []
    by_path = {element.path: element for element in before}
    changed = [element for element in elements if by_path.get(element.path) != element]
    here = {element.path for element in elements}
    return changed, [old for path, old in by_path.items() if path not in here]


class SeriesDelta:
    """The last file of each of the most recent series this process checked."""

    def __init__(self, capacity: int = 256) -> None:
        self._capacity = capacity
        self._scan_id = ""
        self._last: OrderedDict[str, _Remembered] = OrderedDict()
        self._affects: dict[tuple[str, str], frozenset[str]] = {}

    def plan(self, header: DicomHeader, checks: Iterable, scan_id: str) -> Plan:
        """How to check `header` given the last file of its series."""
        if scan_id != self._scan_id:  # a new scan (perhaps another policy): nothing carries over
            self._scan_id, self._last = scan_id, OrderedDict()
        series_uid = header.first("SeriesInstanceUID") or ""
        if not series_uid or header.problems:
            return Plan()
        plan = Plan(series_uid=series_uid, header=header, shape=_shape(header))
        last = self._last.get(series_uid)
        if last is None or last.shape != plan.shape:
            if len({element.path for element in header.elements}) != len(header.elements):
                plan.header = None  # the same path twice: not a header to compare by path
            return plan
        changed, gone = _differences(header.elements, last.elements)
        if len({element.path for element in changed}) != len(changed):
            plan.header = None
            return plan
        differs = {element.path for element in changed} | {element.path for element in gone}
        plan.changed = changed
        in_full = set().union(*(self._affected(element, checks) for element in (*changed, *gone)))
        for check in checks:
            delta = check.delta
            remembered = last.findings.get(check.code)
            if delta is None or remembered is None or check.code in in_full:
                continue  # checked in full: not a delta check, or its context or inputs differ
            if delta == ON_INPUTS:
                plan.modes[check.code] = REUSE
                kept = remembered
            elif delta == PER_ELEMENT:
                plan.modes[check.code] = RUN_ON_CHANGES
                kept = [(tag, number) for tag, number in remembered if tag not in differs]
            else:
                continue
            plan.kept[check.code] = kept
            plan.reused.extend(number for _, number in kept)
            # What the check worked out from its context holds for this file too.
            for key in check.inherits:
                if key in last.derived and key not in header.derived:
                    header.derived[key] = last.derived[key]
        return plan

    def _affected(self, element: DicomElement, checks: Iterable) -> frozenset[str]:
        """The codes of the checks whose context or inputs the element is part of. What the
        checks ask of an element (keyword, sequence, VR, privacy) follows from its path and
        VR, and the same few paths change from file to file: the answer is kept."""
        key = (element.path, element.vr)
        found = self._affects.get(key)
        if found is None:
            if len(self._affects) >= 65536:
                self._affects.clear()
            found = self._affects[key] = frozenset(
                check.code for check in checks if check.delta and check.depends_on(element))
        return found

    def remember(self, plan: Plan, findings: list[Finding], numbers: list[int]) -> None:
        """Keep the file `plan` was made for, with its findings: those it kept from the last file
        and the new `findings`, sent under `numbers`. Only for a file checked without a problem."""
        if plan.header is None:
            return
        by_rule = {code: list(plan.kept.get(code, ())) for code in plan.checked}
        for finding, number in zip(findings, numbers):
            found = by_rule.get(finding.rule)
            if found is not None and number != NOT_GROUPED:
                found.append((finding.location.tag, number))
        header = plan.header
        self._last[plan.series_uid] = _Remembered(header.elements, header.derived, plan.shape, by_rule)
        self._last.move_to_end(plan.series_uid)
        if len(self._last) > self._capacity:
            self._last.popitem(last=False)
