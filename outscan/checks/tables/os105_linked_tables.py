"""OS105 linked-tables."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table, TableSet
from outscan.masking import safe_label, short
from outscan.model import Category, Finding, Severity
from outscan.tables.audit import Inconsistent, could_disclose, disclosed_by_totals, feasibility_intervals
from outscan.tables.counts import describe_cell
from outscan.tables.records import record_level
from outscan.tables.linked import (
    consistent, contradicted, differences, joint_structure, margin_equations, shape, sum_equations,
)

@register
class LinkedTables(Check):
    """Tables published together give back what each one hides, or a small group by subtraction.

    **What it flags.** (1) Margins published apart: a table by race, a table by Hispanic
    origin and the race × Hispanic origin cross-tab, read together — each row of a
    margin is the sum of the cross-tab rows that share its labels — so that a hidden
    cell is pinned or narrowed (the audit of OS103, run over all the linked tables at
    once). The finding is at the hidden cell and names the other tables. (2) Nested
    tables: two tables with the same rows and count columns where every cell of one is
    at least the matching cell of the other (the whole cohort and the cohort without one
    subgroup): a difference of 1 to the minimum minus one is that subgroup, published by
    subtraction; a finding on both tables, each naming the other.

    **What it leaves alone.** Tables that share labels but whose printed margins do not
    add up (another year, another cohort), unrelated tables, tables of other years whose
    cells go both up and down, cells each table already protects.

    **Why it matters.** A suppression that holds in each file fails in the folder: the
    README of CDC WONDER's own data says totals can be exported separately. NCCR DUA §17;
    the SDC handbook's secondary disclosure rule; CMS (may not be derived).

    **Example.** ``deaths_by_race.txt`` (NHPI: Suppressed), ``deaths_by_ethnicity.txt`` and
    ``deaths_by_race_ethnicity.txt``: NHPI × Hispanic = 1940 − (2 + 7 + 57 + 1869 + 4) = 1.

    **How to fix.** Publish the margins with matching suppressions (a cell hidden in the
    cross-tab is hidden, or protected, in its margins too), or publish fewer of the tables.
    """

    code = "OS105"
    name = "linked-tables"
    category = Category.SECONDARY_DISCLOSURE
    severity = Severity.BLOCK
    reads = TableSet

    def run(self, table_set: TableSet, context: CheckContext) -> Iterator[Finding]:
        if len(table_set.tables) < 2:
            return
        # Record-level files are reported as such (OS110); they are not published tables.
        kept = [(path, table) for path, table in table_set.tables if record_level(table) is None]
        paths = [path for path, _ in kept]
        tables = [table for _, table in kept]
        shapes = [shape(t) for t in tables]
        yield from self._linked_margins(paths, tables, shapes, context)
        yield from self._nested(paths, tables, shapes, context)

    def _linked_margins(self, paths, tables: list[Table], shapes, context: CheckContext) -> Iterator[Finding]:
        policy = context.policy
        links: dict[tuple[int, int], list] = {}
        for margin in range(len(tables)):
            for detail in range(len(tables)):
                if margin != detail and shapes[margin].labels and shapes[margin].counts:
                    equations = margin_equations(tables, shapes, margin, detail) or \
                        sum_equations(tables, shapes, margin, detail)
                    # A pair that a printed instance contradicts is no link: a chance match of
                    # names (deaths by stage beside incidence by stage) must not spoil true links.
                    if equations and not contradicted(joint_structure(tables, [margin, detail], equations), equations):
                        links[(margin, detail)] = equations
        if not links:
            return
        # Tables linked directly or through another form one system.
        groups: dict[int, set[int]] = {}
        for margin, detail in links:
            merged = groups.get(margin, {margin}) | groups.get(detail, {detail})
            for t in merged:
                groups[t] = merged
        for members in {frozenset(g) for g in groups.values()}:
            equations = [e for (m, d), eqs in links.items() if m in members for e in eqs]
            joint = joint_structure(tables, sorted(members), equations)
            if not joint.unknowns or not consistent(joint, equations):
                continue
            try:
                intervals = feasibility_intervals(joint, lambda low, high: could_disclose(policy, low, high))
            except Inconsistent:
                continue
            for (t, r, c), interval in sorted(intervals.items()):
                # A cell its own table gives away is OS103's finding.
                if not could_disclose(policy, interval.low, interval.high) or \
                        (r, c) in disclosed_by_totals(tables[t], policy):
                    continue
                others = sorted({self._other(paths, tables, o, t) for o in members if o != t})
                row = tables[t].rows[r]
                column = tables[t].column_name(c)
                marker = joint.unknowns[(t, r, c)].marker
                yield self.finding(
                    context.at(paths[t]),
                    tables[t].location(row.number, c),
                    message=f"{self._where(tables[t], r, c)}: the hidden value ('{short(marker, 20)}') is "
                            f"{interval.describe()} when read with {', '.join(others)}",
                    evidence=short(marker, 20),
                    match_key=f"{tables[t].sheet}|{column}|{self._where(tables[t], r, c)}|{'|'.join(others)}",
                    severity=Severity.BLOCK if interval.pinned else Severity.REVIEW,
                )

    def _nested(self, paths, tables: list[Table], shapes, context: CheckContext) -> Iterator[Finding]:
        policy = context.policy
        for outer in range(len(tables)):
            for inner in range(len(tables)):
                if outer == inner:
                    continue
                found = differences(tables, shapes, outer, inner, policy.is_small)
                if found is None:
                    continue
                for r_outer, r_inner, name, difference in found.cells:
                    for t, r, other in ((outer, r_outer, inner), (inner, r_inner, outer)):
                        c = shapes[t].counts[name]
                        row = tables[t].rows[r]
                        column = tables[t].column_name(c)
                        other_name = self._other(paths, tables, other, t)
                        yield self.finding(
                            context.at(paths[t]),
                            tables[t].location(row.number, c),
                            message=f"{self._where(tables[t], r, c)}: differs by {difference} from the same cell of "
                                    f"{other_name}; the difference is a small group published by subtraction",
                            evidence=short(row.get(c).strip(), 20),
                            match_key=f"nested|{tables[t].sheet}|{column}|{self._where(tables[t], r, c)}|{other_name}",
                        )

    @staticmethod
    def _other(paths: list[str], tables: list[Table], other: int, this: int) -> str:
        """How a finding names the other table: its file, or within the same file its sheet or name."""
        if paths[other] != paths[this]:
            return paths[other]
        table = tables[other]
        return f"sheet '{safe_label(table.sheet)}'" if table.sheet else f"table '{table.name or other + 1}'"

    @staticmethod
    def _where(table: Table, r: int, c: int) -> str:
        return describe_cell(table, table.rows[r].number, c)
