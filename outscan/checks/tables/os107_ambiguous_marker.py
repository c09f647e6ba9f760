"""OS107 ambiguous-marker-in-total."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import short
from outscan.model import Category, Finding, Severity
from outscan.tables.counts import describe_cell
from outscan.tables.structure import build_structure


@register
class AmbiguousMarkerInTotal(Check):
    """A marker that may mean 'hidden', 'zero' or 'not applicable' sits in a row or column with a total.

    **What it flags.** ``--``, ``-``, ``—``, ``n/a``, ``NA``, ``.``, ``..`` in a count column
    where the table's totals involve the cell. outscan's audit (OS103) treats such a cell
    as a hidden count, which may be wrong either way: if it means zero, the audit misses
    nothing but may report a cell that was never hidden; if it means "suppressed", the
    publisher should say so. One review finding per marker and table, at its first cell,
    with the number of cells.

    **What it leaves alone.** Markers that say what they are (``*``, ``<16``,
    ``Suppressed``), ambiguous markers in tables without totals, and markers outside count
    columns.

    **Why it matters.** The reviewer signs off on what a table discloses; a marker whose
    meaning the table does not state leaves that open. NCCR DUA §17 asks that small cells
    be handled by NIH policy; a reader must be able to tell a suppressed cell from a zero.

    **Example.**

        Site,Male,Female,Total
        Brain,40,--,52          <- '--': suppressed, zero, or not collected?

    **How to fix.** Use one marker for suppression and say what it means in a footnote
    ("* counts 1-15 suppressed"; "– not applicable"), or print zeros as 0.
    """

    code = "OS107"
    name = "ambiguous-marker-in-total"
    category = Category.SECONDARY_DISCLOSURE
    severity = Severity.REVIEW
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        structure = build_structure(table)
        if not structure.equations:
            return
        # Totals given as a header's N are numbers, not cells.
        involved = {term for e in structure.equations for term in (e.total, *e.parts) if not isinstance(term, int)}
        first: dict[str, tuple[int, int]] = {}
        cells: dict[str, int] = {}
        for at in sorted(involved):
            unknown = structure.unknowns.get(at)
            if unknown is None or not unknown.ambiguous:
                continue
            first.setdefault(unknown.marker, at)
            cells[unknown.marker] = cells.get(unknown.marker, 0) + 1
        if not first:
            return
        for marker, (r, c) in sorted(first.items(), key=lambda item: item[1]):
            row = table.rows[r]
            where = describe_cell(table, row.number, c)
            count = cells[marker]
            yield self.finding(
                context,
                table.location(row.number, c),
                message=f"{where}: '{short(marker, 10)}' ({count} cell{'s' if count != 1 else ''} in rows or columns "
                        "with a total) may mean suppressed, zero or not applicable; outscan read it as a hidden count",
                evidence=short(marker, 10),
                match_key=f"{table.sheet}|{table.name}|{marker}",
            )
