"""The report contract in types: every check yields `Finding`s, every formatter reads a `Report`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How a finding weighs at the gate. Ordered: BLOCK > REVIEW > INFO."""

    BLOCK = "block"
    REVIEW = "review"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]

    @classmethod
    def strictest(cls, *severities: "Severity") -> "Severity":
        return max(severities, key=lambda s: s.rank)


_SEVERITY_RANK = {"info": 0, "review": 1, "block": 2}


class Category(str, Enum):
    """The ten kinds of disclosure the agreements name (see docs/design.md)."""

    SMALL_CELL = "small_cell"
    SECONDARY_DISCLOSURE = "secondary_disclosure"
    INDIVIDUAL_RECORDS = "individual_records"
    GEOGRAPHY = "geography"
    IDENTIFIER = "identifier"
    DATA_SOURCE = "data_source"
    DICOM_PHI = "dicom_phi"
    FACE_RECONSTRUCTION = "face_reconstruction"
    ACKNOWLEDGMENT = "acknowledgment"
    RESTRICTED_ARTIFACT = "restricted_artifact"


class FileStatus(str, Enum):
    SCANNED = "scanned"
    SKIPPED = "skipped"
    ERROR = "error"


@dataclass(frozen=True)
class Location:
    """Where a finding is, in the terms the user's own viewer uses.

    `row` is 1-based as a spreadsheet shows it (a CSV's header is row 1), `column` the
    header text, `cell_ref` the A1 reference; `line`/`page` for text, `cell`/`output` for
    notebooks (0-based), `tag` for DICOM as ``(0010,0010)``.
    """

    sheet: str | None = None
    table: str | None = None  # a table inside a document: "Table 2", or its caption
    row: int | None = None
    column: str | None = None
    cell_ref: str | None = None
    line: int | None = None
    page: int | None = None
    paragraph: int | None = None
    cell: int | None = None
    output: int | None = None
    tag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def describe(self) -> str:
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.table is not None:
            parts.append(f"table '{self.table}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        if self.cell_ref:
            parts.append(f"({self.cell_ref})")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        if self.output is not None:
            parts.append(f"output {self.output}")
        if self.tag is not None:
            parts.append(self.tag)
        return " ".join(parts) or "whole file"

    def sort_key(self) -> tuple:
        none = -1  # numbers absent sort first
        return (self.sheet or "", none if self.page is None else self.page,
                none if self.paragraph is None else self.paragraph, none if self.line is None else self.line,
                self.table or "", none if self.row is None else self.row, none if self.cell is None else self.cell,
                none if self.output is None else self.output,
                _column_number(self.cell_ref) if self.cell_ref else 0, self.column or "", self.tag or "")


def _column_number(cell_ref: str | None) -> int:
    """B5 -> 2, AA5 -> 27: columns sort as a spreadsheet orders them, not as strings."""
    number = 0
    for char in cell_ref or "":
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


@dataclass(frozen=True)
class Finding:
    """One thing in one file that touches one or more clauses of an agreement.

    `evidence` is already masked by the check that made it; `match_key` is the normalised
    content the fingerprint is made from (never printed), so the fingerprint survives
    edits elsewhere in the file.
    """

    rule: str
    name: str
    category: Category
    severity: Severity
    path: str
    location: Location
    message: str
    evidence: str
    clauses: tuple[str, ...] = ()
    match_key: str = field(default="", repr=False, compare=False)
    fingerprint: str = ""
    # Where in `evidence` the matched words stand (start, end), for formatters that mark them.
    highlight: tuple[int, int] | None = None
    # Other files of the same DICOM series holding this finding (`path` is the first): see grouping.py.
    also_in: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "path": self.path,
            "location": self.location.to_dict(),
            "message": self.message,
            "evidence": self.evidence,
            "clauses": list(self.clauses),
            "fingerprint": self.fingerprint,
        }
        if self.highlight is not None:
            out["highlight"] = list(self.highlight)
        if self.also_in:
            out["also_in"] = list(self.also_in)
        return out

    def sort_key(self) -> tuple:
        return (self.path, self.location.sort_key(), self.rule, self.message)

    @classmethod
    def build(cls, **fields: Any) -> Finding:
        """A finding from all its fields, without the frozen __init__'s setattr per field: a check
        of an imaging archive makes millions. Every field must be given."""
        finding = object.__new__(cls)
        finding.__dict__.update(fields)
        return finding

    def copy_with(self, **changes: Any) -> Finding:
        """`dataclasses.replace` without the frozen __init__ (a scan of an archive makes millions)."""
        copy = object.__new__(Finding)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def at(self, path: str) -> Finding:
        """The same finding in another file (one a DICOM series repeats), not yet numbered."""
        return self.copy_with(path=path, fingerprint="")

    def with_fingerprint(self, fingerprint: str) -> Finding:
        return self.copy_with(fingerprint=fingerprint)


def fingerprint(rule: str, path: str, context: str, occurrence: int) -> str:
    """A content-based identity: rule, path and what matched, not the line it sits on."""
    digest = hashlib.sha256(f"{rule}\x1f{path}\x1f{context}\x1f{occurrence}".encode("utf-8"))
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: scanned, skipped (no reader for its kind) or error."""

    path: str
    kind: str
    size: int
    sha256: str | None
    status: FileStatus
    error: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "size": self.size,
            "sha256": self.sha256,
            "status": self.status.value,
        }
        if self.error is not None:
            out["error"] = self.error
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Suppressed:
    """A finding accepted on purpose, and why: kept out of the gate, kept in the record.

    `kind` follows SARIF: "inSource" for a marker in the file, "external" for a baseline or
    a path rule in the project's configuration.
    """

    finding: Finding
    kind: str
    justification: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.to_dict(), "suppression": {"kind": self.kind, "justification": self.justification}}


@dataclass(frozen=True)
class TableExcerpt:
    """The part of a table its findings are about, masked, for a reviewer to see them in place.

    `where` is the table's location (sheet, table name, page ...: no row or column); `rows`
    are (spreadsheet row number, cells); `flagged` the (row number, column index) pairs
    findings point at, a column index of -1 marking the whole row.
    """

    path: str
    where: Location
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    flagged: frozenset[tuple[int, int]]
    column_numbers: tuple[int, ...] = ()  # which of the table's columns are shown (0-based)
    width: int = 0  # how many columns the table has

    @property
    def columns_left_out(self) -> int:
        return max(self.width - len(self.columns), 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "where": self.where.to_dict(),
            "columns": list(self.columns),
            "column_numbers": list(self.column_numbers),
            "width": self.width,
            "rows": [{"row": number, "cells": list(cells)} for number, cells in self.rows],
            "flagged": sorted([row, column] for row, column in self.flagged),
        }


class Decision(str, Enum):
    """What a reviewer decided about a finding (the SACRO viewer's approve / reject, and more)."""

    APPROVE = "approve"  # approved for release as it is
    CHANGE = "change"  # must change before release
    ACCEPT = "accept"  # accepted with a reason (a known false positive, a mitigated risk)

    @property
    def label(self) -> str:
        return {"approve": "approve for release", "change": "must change", "accept": "accepted with reason"}[self.value]


REASONS = {
    "false-positive": "false positive",
    "acceptable-risk": "acceptable risk",
    "mitigating-control": "mitigating control",
    "not-applicable": "not applicable",
}


@dataclass(frozen=True)
class Review:
    """One reviewer's decision on one finding, for the file as it was (`sha256`) when decided."""

    fingerprint: str
    decision: Decision
    reviewer: str
    time: str
    sha256: str | None = None
    reason: str | None = None  # a key of REASONS
    comment: str = ""
    path: str = ""
    rule: str = ""
    severity: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = {"fingerprint": self.fingerprint, "path": self.path, "rule": self.rule, "severity": self.severity,
               "sha256": self.sha256, "decision": self.decision.value, "reason": self.reason,
               "comment": self.comment, "reviewer": self.reviewer, "time": self.time}
        return {k: v for k, v in out.items() if v not in (None, "")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Review":
        return cls(fingerprint=data["fingerprint"], decision=Decision(data["decision"]), reviewer=data["reviewer"],
                   time=data["time"], sha256=data.get("sha256"), reason=data.get("reason"),
                   comment=data.get("comment", ""), path=data.get("path", ""), rule=data.get("rule", ""),
                   severity=data.get("severity", ""))


@dataclass(frozen=True)
class Report:
    """Everything a formatter may show: findings, files, and the policy they were judged by.

    `reviews` maps a finding's fingerprint to the decision in force for it; `reopened` to the
    decision made on an earlier version of its file, which no longer holds.
    """

    tool_version: str
    generated_at: str
    roots: tuple[str, ...]
    policy: dict[str, Any]
    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...] = ()
    excerpts: tuple[TableExcerpt, ...] = ()
    reviews: dict[str, Review] = field(default_factory=dict)
    reopened: dict[str, Review] = field(default_factory=dict)

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.ERROR)

    def count_by(self, attribute: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            key = getattr(finding, attribute)
            key = key.value if isinstance(key, Enum) else key
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))

    def summary(self) -> dict[str, Any]:
        statuses = {status.value: 0 for status in FileStatus}
        for f in self.files:
            statuses[f.status.value] += 1
        by_severity = {s.value: 0 for s in Severity}
        by_severity.update(self.count_by("severity"))
        return {
            "files": len(self.files),
            **statuses,
            "findings": len(self.findings),
            "by_severity": by_severity,
            "by_category": self.count_by("category"),
            "by_rule": self.count_by("rule"),
        }
