"""The reviewer's worksheet as data: what the HTML, Markdown, CSV and XLSX formats all show.

Every worksheet format is made from one `Worksheet`, itself made from one `Report` (with the
decisions attached, if any): no format computes a count or a status of its own, and none
sees a value the report did not keep (evidence and excerpts are masked at scan time).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from outscan.decisions import needs_comment, status
from outscan.excerpts import table_location
from outscan.model import REASONS, Decision, FileResult, FileStatus, Finding, Report, Review, Severity, TableExcerpt

# What outscan never looks at, whatever was scanned: said in every worksheet so nobody
# takes a clean report for more than it is.
NEVER_CHECKED = (
    "Pixel data of images (DICOM, PNG, figures in PDFs and notebooks): burned-in text is only triaged "
    "from DICOM headers (OS304); images are listed for a person to look at.",
    "Identifiers inside source-code comments (code is read for secrets, AI services and ML tools only).",
    "Bibliography files (.bib) and other files a manuscript includes: each file is checked on its own.",
    "Whether the released numbers are the ones that were approved: compare sha256 sums at release.",
)

# What the AI/ML inventory gathers (NCCR §22 asks for a record of AI/ML use).
INVENTORY_RULES = {
    "OS401": "model weights",
    "OS404": "external AI service",
    "OS406": "ML framework or local model",
}
# The acknowledgement section: credit missing (OS240) or found (OS241).
ACKNOWLEDGMENT_RULES = {"OS240": "missing", "OS241": "found"}


@dataclass(frozen=True)
class Item:
    """One finding as the worksheet lists it."""

    number: int
    finding: Finding
    status: str  # "open", "re-opened", "information", or the decision's label
    review: Review | None
    previous: Review | None  # a decision made on an earlier version of the file
    excerpt: int | None  # index into Worksheet.excerpts
    in_excerpt: bool = False  # its row (or the whole table) is drawn there

    @property
    def anchor(self) -> str:
        return f"f{self.number}"

    @property
    def needs_decision(self) -> bool:
        return self.finding.severity is not Severity.INFO

    @property
    def also_in(self) -> str:
        """The other files of the series with the same finding, shortened: "39 files: a, b, c … z"."""
        others = self.finding.also_in
        if not others:
            return ""
        shown = ", ".join(others) if len(others) <= 4 else f"{', '.join(others[:3])} … {others[-1]}"
        return f"{len(others)} other file{'s' if len(others) != 1 else ''} of the series: {shown}"

    @property
    def evidence_parts(self) -> tuple[str, str, str]:
        """The evidence before, at and after the matched words (all three masked)."""
        text, span = self.finding.evidence, self.finding.highlight
        if not span or not 0 <= span[0] < span[1] <= len(text):
            return text, "", ""
        return text[:span[0]], text[span[0]:span[1]], text[span[1]:]

    @property
    def override(self) -> bool:
        """The decision went against the automated verdict (a block finding released)."""
        return self.review is not None and needs_comment(self.finding, self.review.decision)


@dataclass(frozen=True)
class Excerpt:
    """A table excerpt, with the worksheet numbers of the findings at each flagged cell."""

    table: TableExcerpt
    items_at: dict[tuple[int, int], tuple[int, ...]]

    def marked(self, row: int, column: int) -> tuple[int, ...]:
        """Findings at this cell, at its whole row (column -1) or its whole column (row 0)."""
        whole_column = self.items_at.get((0, column), ()) if row != 0 else ()
        return self.items_at.get((row, column), ()) + self.items_at.get((row, -1), ()) + whole_column


@dataclass(frozen=True)
class ClauseRow:
    ref: str
    title: str
    text: str
    findings: int
    by_severity: dict[str, int]
    undecided: int


@dataclass(frozen=True)
class FileGroup:
    path: str
    file: FileResult | None
    items: tuple[Item, ...]
    excerpts: tuple[int, ...]

    @property
    def to_decide(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.needs_decision)

    @property
    def information(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.needs_decision)


@dataclass(frozen=True)
class NotChecked:
    path: str
    what: str  # "could not be read", "not checked", "read, with a note"
    detail: str


@dataclass(frozen=True)
class Worksheet:
    report: Report
    items: tuple[Item, ...]
    groups: tuple[FileGroup, ...]
    excerpts: tuple[Excerpt, ...]
    clauses: tuple[ClauseRow, ...]
    acknowledgments: tuple[tuple[str, Item], ...]  # ("found" | "missing", item)
    acknowledgment_packs: dict[str, dict]
    inventory: tuple[tuple[str, Item], ...]
    not_checked: tuple[NotChecked, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def packs(self) -> str:
        return ", ".join(f"{p['name']} {p['version']}" for p in self.report.policy.get("packs", ()))


DECISION_CHOICES = tuple((d.value, d.label) for d in Decision)
REASON_CHOICES = tuple(REASONS.items())


def build(report: Report) -> Worksheet:
    excerpts = report.excerpts
    excerpt_index = {(e.path, e.where): n for n, e in enumerate(excerpts)}
    drawn_rows = [{row for row, _ in e.rows} for e in excerpts]
    items: list[Item] = []
    for number, finding in enumerate(report.findings, start=1):
        where = (finding.path, table_location(finding.location))
        decided = finding.fingerprint in report.reviews
        item_status = status(report, finding) if decided or finding.severity is not Severity.INFO else "information"
        excerpt = excerpt_index.get(where)
        items.append(Item(number, finding, item_status, report.reviews.get(finding.fingerprint),
                          report.reopened.get(finding.fingerprint), excerpt,
                          excerpt is not None and (finding.location.row is None
                                                   or finding.location.row in drawn_rows[excerpt])))

    marks: dict[int, dict[tuple[int, int], list[int]]] = {}
    for item in items:
        location = item.finding.location
        if item.excerpt is None or (location.row is None and location.column is None):
            continue  # about the whole table: nothing to mark in it
        table = excerpts[item.excerpt]
        key = _flagged_cell(table, location.row or 0, location.column)
        marks.setdefault(item.excerpt, {}).setdefault(key, []).append(item.number)
    drawn = tuple(Excerpt(e, {k: tuple(v) for k, v in marks.get(n, {}).items()}) for n, e in enumerate(excerpts))

    files = {f.path: f for f in report.files}
    by_path: dict[str, list[Item]] = {}
    for item in items:
        by_path.setdefault(item.finding.path, []).append(item)
    excerpts_of: dict[str, list[int]] = {}
    for n, e in enumerate(excerpts):
        excerpts_of.setdefault(e.path, []).append(n)
    groups = tuple(FileGroup(path, files.get(path), tuple(found), tuple(excerpts_of.get(path, ())))
                   for path, found in sorted(by_path.items()))

    clauses = []
    for ref, clause in report.policy.get("clauses", {}).items():
        citing = [i for i in items if ref in i.finding.clauses]
        clauses.append(ClauseRow(ref, clause.get("title", ""), clause.get("text", ""), len(citing),
                                 dict(Counter(i.finding.severity.value for i in citing)),
                                 sum(1 for i in citing if i.needs_decision and i.review is None)))

    severities = Counter(f.severity.value for f in report.findings)
    to_decide = [i for i in items if i.needs_decision]
    counts = {
        "files": len(report.files),
        "findings": len(items),
        **{s.value: severities.get(s.value, 0) for s in Severity},
        "to_decide": len(to_decide),
        "decided": sum(1 for i in to_decide if i.review is not None),
        "reopened": sum(1 for i in to_decide if i.previous is not None and i.review is None),
        "suppressed": len(report.suppressed),
    }
    return Worksheet(
        report=report,
        items=tuple(items),
        groups=groups,
        excerpts=drawn,
        clauses=tuple(clauses),
        acknowledgments=tuple((ACKNOWLEDGMENT_RULES[i.finding.rule], i) for i in items
                              if i.finding.rule in ACKNOWLEDGMENT_RULES),
        acknowledgment_packs=dict(report.policy.get("acknowledgments", {})),
        inventory=tuple((INVENTORY_RULES[i.finding.rule], i) for i in items if i.finding.rule in INVENTORY_RULES),
        not_checked=_not_checked(report.files),
        counts=counts,
    )


def _flagged_cell(table: TableExcerpt, row: int, column_name: str | None) -> tuple[int, int]:
    """The (row, column number) of `table.flagged` a finding stands at; column -1 for a whole row.

    Matched by the column's header as the finding names it; when two shown headers read the
    same, the whole row is marked rather than a guess.
    """
    numbers = table.column_numbers or tuple(range(len(table.columns)))
    candidates = [number for name, number in zip(table.columns, numbers) if name == column_name]
    if len(candidates) == 1:
        return row, candidates[0]
    return row, -1  # headers masked alike ('**/**/2020'): the whole row, which holds the cell


def _not_checked(files: tuple[FileResult, ...]) -> tuple[NotChecked, ...]:
    out = []
    for f in files:
        if f.status is FileStatus.ERROR:
            out.append(NotChecked(f.path, "could not be read (in full)", f.error or ""))
        elif f.status is FileStatus.SKIPPED:
            out.append(NotChecked(f.path, "not checked", f.note or ""))
        elif f.note:
            out.append(NotChecked(f.path, "read, with a note", f.note))
    return tuple(out)


EXPORT_COLUMNS = ("number", "status", "severity", "rule", "name", "category", "clauses", "path", "location",
                  "message", "evidence", "decision", "reason", "comment", "reviewer", "decided_at", "fingerprint")


def export_rows(worksheet: Worksheet) -> list[dict[str, str]]:
    """One row per finding, for spreadsheets (CSV, XLSX): the decision columns to fill in."""
    rows = []
    for item in worksheet.items:
        f, review = item.finding, item.review
        rows.append({
            "number": str(item.number),
            "status": item.status,
            "severity": f.severity.value,
            "rule": f.rule,
            "name": f.name,
            "category": f.category.value,
            "clauses": "; ".join(f.clauses),
            "path": f.path,
            "location": f.location.describe(),
            "message": f.message,
            "evidence": f.evidence,
            "decision": review.decision.value if review else "",
            "reason": (review.reason or "") if review else "",
            "comment": review.comment if review else "",
            "reviewer": review.reviewer if review else "",
            "decided_at": review.time if review else "",
            "fingerprint": f.fingerprint,
        })
    return rows
