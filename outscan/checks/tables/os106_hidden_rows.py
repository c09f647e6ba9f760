"""OS106 hidden-rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.tables.audit import could_disclose
from outscan.documents import Table
from outscan.masking import LABEL_WIDTH, short
from outscan.model import Category, Finding, Severity
from outscan.tables.audit import Interval
from outscan.tables.cells import CellKind, parse_cell
from outscan.tables.columns import Role, column_profiles
from outscan.tables.people import row_label_shown
from outscan.tables.hierarchy import HiddenUnder, hidden_row_rule, hidden_under_parents, infer_hierarchy


@register
class HiddenRows(Check):
    """Rows a hierarchical list leaves out can be worked out from their parent row.

    **What it flags.** Lists of parent categories and their sub-categories in one column
    (the NCHS 113 and 130 Cause Lists, ICD chapters and blocks) whose notes say that rows
    are left out rather than marked — CDC WONDER's "Show Suppressed: False" and "Show Zero
    Values: False", "Rows with suppressed Deaths are hidden", "categories with fewer than
    10 deaths are not shown". outscan rebuilds the tree from the ICD-10 codes in the labels
    ("Leukemia (C91-C95)" sits under "Malignant neoplasms (C00-C97)"), finds the missing
    rows from the gaps in the list's running code (``GR130-082``, ``GR130-084``: one row is
    missing), and subtracts: a parent minus its printed children is what its hidden
    children add up to. One hidden row is then known exactly (block, when that is a small
    count); several are narrowed — 1 death over 5 hidden rows leaves each 0 or 1 — and
    reported when the interval left is narrower than the protection width of OS103
    (review). A hidden row holds what the notes say suppressed cells hold, CDC WONDER's
    1-9 for its exports, and 0 as well when zero rows are hidden.

    **What it leaves alone.** Lists whose notes do not say that rows are left out (a gap in
    the codes may just be a selection); complete lists; flat lists with no parents;
    columns where a parent is not the sum of its children (rates, a population repeated on
    every row, rounded counts) or where no parent is confirmed by children that add up to it
    exactly; hidden rows that are zero (unless the policy counts zero as small); missing
    rows whose parent the codes and the arithmetic leave open, and sums spread over too
    many rows to narrow any of them.

    **Why it matters.** Leaving a suppressed row out of a hierarchical list hides nothing
    when its parent is printed: "Infections specific to the perinatal period" 760, with
    "Bacterial sepsis" 603 and "All other" 156 shown, gives back the missing omphalitis row
    as 1. NCCR DUA §17 (small cells), CMS (may not be shown *or derived*), the SDC
    handbook's secondary disclosure rule.

    **Example.** A CDC WONDER export with "Show Suppressed: False"::

        ICD-10 130 Cause List (Infants)                                Code       Deaths
        Infections specific to the perinatal period (P35-P39)          GR130-105  760   <- GR130-107 is exactly 1
        #Bacterial sepsis of newborn (P36)                             GR130-106  603
        All other infections specific to the perinatal period (P35...) GR130-108  156

    **How to fix.** Leave the parent rows out as well, or suppress at least one more
    sibling so that the hidden rows of every parent keep a wide interval (and show the
    suppressed rows as suppressed rather than dropping them); then re-run outscan.
    """

    code = "OS106"
    name = "hidden-rows"
    category = Category.SECONDARY_DISCLOSURE
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        rule = hidden_row_rule(table)
        if rule is None:
            return
        hierarchy = infer_hierarchy(table)
        if hierarchy is None:
            return
        policy = context.policy
        for column, profile in enumerate(column_profiles(table)):
            if profile.role is not Role.COUNT:
                continue
            shows_zero = any(cell.kind is CellKind.COUNT and cell.value == 0
                             for cell in map(parse_cell, table.column_values(column)))
            parents = hidden_under_parents(table, hierarchy, column, *rule.bounds(shows_zero))
            for hidden in parents or ():
                if not hidden.always_hidden:
                    continue
                interval = Interval(hidden.low, hidden.high)
                if interval.pinned:
                    if not policy.is_small(hidden.low):
                        continue
                    severity = Severity.BLOCK
                elif could_disclose(policy, hidden.low, hidden.high):
                    severity = Severity.REVIEW
                else:
                    continue
                yield self._finding(context, table, hierarchy, column, hidden, interval, severity)

    def _finding(self, context, table, hierarchy, column, hidden: HiddenUnder, interval, severity) -> Finding:
        row = table.rows[hidden.parent]
        label = hierarchy.label(table, hidden.parent)
        column_name = table.column_name(column)
        where = f"'{row_label_shown(table, label)}' × '{table.column_label(column, LABEL_WIDTH)}'"
        sum_text = f"parent {hidden.total} − visible children {hidden.visible} = {hidden.residual}"
        if hidden.counts == (1, 1) and len(hidden.codes) == 1 and not hidden.maybe_codes:
            message = f"{where}: {hidden.codes[0]} is hidden; {sum_text}"
        elif hidden.counts == (1, 1):
            message = f"{where}: the one hidden row under it{_codes(hidden)} is {sum_text}"
        else:
            message = (f"{where}: {_how_many(hidden)} under it{_codes(hidden)} add up to {sum_text}, "
                       f"so each is {interval.describe()}")
        return self.finding(
            context,
            table.location(row.number, column),
            message=message,
            evidence=short(f"{hidden.total} − {hidden.visible}", 30),
            match_key=f"{table.sheet}|{column_name}|{label}|{'/'.join(hidden.codes)}|{hidden.low}|{hidden.high}",
            severity=severity,
        )


def _how_many(hidden: HiddenUnder) -> str:
    least, most = hidden.counts
    # How many can depend on how the missing codes nest, or split between parents.
    return f"the {least} hidden rows" if least == most else "the hidden rows"


def _codes(hidden: HiddenUnder) -> str:
    if not hidden.codes and not hidden.maybe_codes:
        return ""
    shown = _runs(hidden.codes)
    if hidden.maybe_codes:
        maybe = f"perhaps {_runs(hidden.maybe_codes)}"
        shown = f"{shown}, {maybe}" if shown else maybe
    return f" ({shown})"


_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def _runs(codes: tuple[str, ...]) -> str:
    """GR130-013, GR130-014, ..., GR130-017, GR130-019 -> "GR130-013 … GR130-017, GR130-019"."""
    runs: list[list[str]] = []
    previous = None
    for code in codes:
        match = _NUMBERED.match(code)
        key = (match.group(1), int(match.group(2))) if match else None
        if runs and key and previous and key[0] == previous[0] and key[1] == previous[1] + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
        previous = key
    return ", ".join(f"{run[0]} … {run[-1]}" if len(run) > 2 else ", ".join(run) for run in runs)
