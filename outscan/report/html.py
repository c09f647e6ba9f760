"""The reviewer's worksheet as one self-contained HTML page.

Everything the page shows comes from `outscan.report.worksheet` (counts, statuses, the
flagged cells of each table excerpt); this module only arranges it for the template. The
page has no external assets: inline CSS, and a small inline script that is progressive
enhancement only (a "Download decisions" button and an inline warning when a block finding
is released without a comment). Autoescaping is on: no finding's text can add markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from outscan.decisions import DECISIONS_FORMAT
from outscan.model import Report, Severity
from outscan.report import worksheet
from outscan.report.worksheet import Excerpt, Worksheet

# What a suppression's kind means to a reviewer (SARIF's kinds, see model.Suppressed).
SUPPRESSION_KINDS = {
    "inSource": "marker in the file",
    "external": "baseline or project configuration",
}

RELEASE_CHOICES = (
    ("approve", "approve for release"),
    ("approve-with-changes", "approve with the changes listed above"),
    ("reject", "reject: do not release"),
)


@dataclass(frozen=True)
class Cell:
    text: str
    marks: tuple[int, ...]  # the worksheet numbers of the findings at this cell
    severity: str = ""  # the strictest of their severities: the cell's highlight


@dataclass(frozen=True)
class Row:
    number: int
    cells: tuple[Cell, ...]
    skipped: tuple[int, int] | None  # rows of the table left out just before this one (first, last)


@dataclass(frozen=True)
class DrawnTable:
    """One table excerpt as the page draws it: header and rows with the finding numbers at each cell."""

    index: int
    where: str
    header: tuple[Cell, ...]
    rows: tuple[Row, ...]
    columns_left_out: int  # columns of the table not drawn
    flagged: int  # how many cells are highlighted
    whole: tuple[int, ...]  # findings about the table as a whole (record-level data, k-anonymity)


def _marks(excerpt: Excerpt, row: int, column: int) -> tuple[int, ...]:
    return tuple(sorted(set(excerpt.marked(row, column))))  # in reading order, each once


def _draw(index: int, excerpt: Excerpt, severities: dict[int, Severity], about: tuple[int, ...]) -> DrawnTable:
    table = excerpt.table
    numbers = table.column_numbers or tuple(range(len(table.columns)))

    def cell(text: str, row: int, column: int) -> Cell:
        marks = _marks(excerpt, row, column)
        strictest = Severity.strictest(*(severities[n] for n in marks)).value if marks else ""
        return Cell(text, marks, strictest)

    header = tuple(cell(name, 0, number) for name, number in zip(table.columns, numbers))
    rows: list[Row] = []
    previous: int | None = None
    for number, cells in table.rows:
        skipped = (previous + 1, number - 1) if previous is not None and number > previous + 1 else None
        rows.append(Row(number, tuple(cell(text, number, column) for text, column in zip(cells, numbers)), skipped))
        previous = number
    marked = [cell for cell in header if cell.marks] + [cell for row in rows for cell in row.cells if cell.marks]
    at_cells = {n for cell in marked for n in cell.marks}
    where = table.where.describe()
    return DrawnTable(index, "" if where == "whole file" else where, header, tuple(rows),
                      table.columns_left_out, len(marked),
                      tuple(n for n in about if n not in at_cells))


def _size(value: int) -> str:
    return f"{value:,}"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("outscan.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["size"] = _size
    env.globals["plural"] = _plural
    return env


def render(report: Report, **_: Any) -> str:
    ws: Worksheet = worksheet.build(report)
    group_ids = {group.path: f"g{n}" for n, group in enumerate(ws.groups, start=1)}
    severities = {item.number: item.finding.severity for item in ws.items}
    about: dict[int, list[int]] = {}
    for item in ws.items:
        if item.excerpt is not None:
            about.setdefault(item.excerpt, []).append(item.number)
    template = _environment().get_template("worksheet.html.j2")
    return template.render(
        ws=ws,
        report=report,
        tables=tuple(_draw(n, e, severities, tuple(about.get(n, ()))) for n, e in enumerate(ws.excerpts)),
        group_ids=group_ids,
        clause_ids={row.ref: f"c{n}" for n, row in enumerate(ws.clauses, start=1)},
        decision_choices=worksheet.DECISION_CHOICES,
        reason_choices=worksheet.REASON_CHOICES,
        reasons=dict(worksheet.REASON_CHOICES),
        release_choices=RELEASE_CHOICES,
        never_checked=worksheet.NEVER_CHECKED,
        suppression_kinds=SUPPRESSION_KINDS,
        decisions_format=DECISIONS_FORMAT,
    )
