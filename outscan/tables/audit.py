"""What the published numbers reveal about each suppressed cell: its feasibility interval.

The intruder's problem: given every printed value and every relation between cells,
what is the least and the most a hidden cell can be? Most tables answer it without a
solver: bound propagation over the equations pins a cell that is the only unknown of a
total, and narrows the rest. What is left is split into independent components, and
each is solved as two linear programs per cell (scipy's HiGHS) — but only for the cells
whose fate the cheap bounds leave open: a few feasible solutions of the component
already prove most cells protected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from outscan.tables.structure import Cellref, Equation, Structure, build_structure

_INF = float("inf")
_EPS = 1e-7
_MAX_SWEEPS = 200


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def pinned(self) -> bool:
        return self.low == self.high

    def describe(self) -> str:
        if self.pinned:
            return f"exactly {self.low:g}"
        high = "∞" if self.high == _INF else f"{self.high:g}"
        return f"between {self.low:g} and {high}"


class Inconsistent(Exception):
    """The relations contradict the printed numbers (a rounded table, a wrong guess of its totals)."""


@dataclass
class _System:
    variables: list[Cellref]
    rows: list[tuple[list[tuple[int, float]], float]]  # sum(coef * x[var]) == rhs

    @classmethod
    def build(cls, structure: Structure, equations: list[Equation]) -> "_System":
        variables = sorted({t for e in equations for t in _terms(e) if t in structure.unknowns})
        index = {v: i for i, v in enumerate(variables)}
        rows = []
        for e in equations:
            coefficients: dict[int, float] = {}
            rhs = 0.0
            for term, sign in _signed(e):
                if term in structure.unknowns:
                    coefficients[index[term]] = coefficients.get(index[term], 0.0) + sign
                else:
                    value = term if isinstance(term, int) else structure.values[term]
                    rhs -= sign * value
            if coefficients:
                rows.append((list(coefficients.items()), rhs))
        return cls(variables, rows)


def _terms(e: Equation):
    if not isinstance(e.total, int):
        yield e.total
    yield from e.parts


def _signed(e: Equation):
    # total - sum(parts) = 0
    yield e.total, 1.0
    for part in e.parts:
        yield part, -1.0


def _propagate(system: _System, low: list[float], high: list[float], rows: list[int] | None = None) -> None:
    """Interval constraint propagation to a fixpoint; raises Inconsistent on an empty interval.

    For each equation sum(c * x) = rhs and each of its variables, c * x = rhs - (the
    others), so the others' bounds bound it. Infinite bounds are counted, not summed.
    """
    equations = system.rows if rows is None else [system.rows[r] for r in rows]
    for _ in range(_MAX_SWEEPS):
        changed = False
        for terms, rhs in equations:
            mins = [c * low[v] if c > 0 else c * high[v] for v, c in terms]
            maxs = [c * high[v] if c > 0 else c * low[v] for v, c in terms]
            finite_min, infinite_min = _split(mins)
            finite_max, infinite_max = _split(maxs)
            for k, (v, c) in enumerate(terms):
                others_min = -_INF if infinite_min - math.isinf(mins[k]) else finite_min - _finite(mins[k])
                others_max = _INF if infinite_max - math.isinf(maxs[k]) else finite_max - _finite(maxs[k])
                lo_expr, hi_expr = rhs - others_max, rhs - others_min  # bounds of c * x
                new_low, new_high = (lo_expr / c, hi_expr / c) if c > 0 else (hi_expr / c, lo_expr / c)
                if new_low > low[v] + _EPS:
                    low[v], changed = float(math.ceil(new_low - _EPS)), True  # counts are whole
                if new_high < high[v] - _EPS:
                    high[v], changed = float(math.floor(new_high + _EPS)), True
                if low[v] > high[v] + _EPS:
                    raise Inconsistent()
        if not changed:
            return


def _split(values: list[float]) -> tuple[float, int]:
    return sum(v for v in values if not math.isinf(v)), sum(1 for v in values if math.isinf(v))


def _finite(value: float) -> float:
    return 0.0 if math.isinf(value) else value


def _components(system: _System) -> list[tuple[list[int], list[int]]]:
    parent = list(range(len(system.variables)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for terms, _ in system.rows:
        first = find(terms[0][0])
        for v, _ in terms[1:]:
            parent[find(v)] = first
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for v in range(len(system.variables)):
        groups.setdefault(find(v), ([], []))[0].append(v)
    for r, (terms, _) in enumerate(system.rows):
        groups[find(terms[0][0])][1].append(r)
    return list(groups.values())


def _linprog(system: _System, variables: list[int], rows: list[int], low, high, objective: np.ndarray):
    from scipy.optimize import linprog

    from scipy.sparse import csr_matrix

    position = {v: i for i, v in enumerate(variables)}
    entries, row_index, column_index = [], [], []
    b_eq = np.zeros(len(rows))
    for i, r in enumerate(rows):
        terms, rhs = system.rows[r]
        for v, c in terms:
            entries.append(c)
            row_index.append(i)
            column_index.append(position[v])
        b_eq[i] = rhs
    # Sparse: each equation touches a row's or column's cells, not the whole table.
    a_eq = csr_matrix((entries, (row_index, column_index)), shape=(len(rows), len(variables)))
    bounds = [(low[v], None if high[v] == _INF else high[v]) for v in variables]
    result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if result.status == 2:
        raise Inconsistent()
    return result


def feasibility_intervals(structure: Structure, needs_exact) -> dict[Cellref, Interval]:
    """The interval of every suppressed cell that a relation involves.

    `needs_exact(low, high)` says whether a cell with these (inner or outer) bounds could be
    a finding; only those cells get their own linear programs. A bare marker (``*``) is
    only known to be >= 0: it may hide a small primary cell or a large complementary one,
    and assuming it small would invent values (50, *, *, total 68 is not "9 and 9"). A
    component whose relations contradict its printed numbers is left out; when every one
    does, Inconsistent is raised.
    """
    equations = structure.equations
    if not equations:
        return {}
    system = _System.build(structure, equations)
    unknowns = [structure.unknowns[v] for v in system.variables]
    low = [float(u.low) for u in unknowns]
    high = [u.high for u in unknowns]

    intervals: dict[Cellref, Interval] = {}
    components = _components(system)
    contradicted = 0
    for variables, rows in components:
        try:
            _propagate(system, low, high, rows)
        except Inconsistent:
            contradicted += 1
            continue
        # Propagation is exact for a lone equation over boxed unknowns (x_i ranges from rhs
        # minus the others' highs to rhs minus their lows), and for pinned cells.
        if len(rows) == 1 or all(low[v] == high[v] for v in variables):
            for v in variables:
                intervals[system.variables[v]] = Interval(low[v], high[v])
            continue
        intervals.update(_solve_component(system, variables, rows, low, high, needs_exact))
    if components and contradicted == len(components):
        raise Inconsistent()
    return intervals


def _solve_component(system: _System, variables: list[int], rows: list[int], low, high,
                     needs_exact) -> dict[Cellref, Interval]:
    inner_low = {v: _INF for v in variables}
    inner_high = {v: -_INF for v in variables}
    for sign in (1.0, -1.0):
        result = _linprog(system, variables, rows, low, high, np.full(len(variables), sign))
        if result.status == 0:
            for i, v in enumerate(variables):
                inner_low[v] = min(inner_low[v], result.x[i])
                inner_high[v] = max(inner_high[v], result.x[i])
    intervals = {}
    for i, v in enumerate(variables):
        exact_low, exact_high = low[v], high[v]
        if low[v] != high[v] and needs_exact(low[v], high[v]) and needs_exact(inner_low[v], inner_high[v]):
            objective = np.zeros(len(variables))
            objective[i] = 1.0
            minimum = _linprog(system, variables, rows, low, high, objective)
            maximum = _linprog(system, variables, rows, low, high, -objective)
            exact_low = math.ceil(minimum.fun - _EPS) if minimum.status == 0 else low[v]
            exact_high = math.floor(-maximum.fun + _EPS) if maximum.status == 0 else _INF
        intervals[system.variables[v]] = Interval(exact_low, exact_high)
    return intervals


# ---------------------------------------------------------------- what counts as disclosed


def protection_width(policy) -> int:
    """How uncertain a hidden small cell must stay: an interval narrower than this (3 or
    fewer possible values under a minimum of 10, 4 or fewer under 16) pins it in effect."""
    return max(3, math.ceil(policy.min_count / 4))


def could_disclose(policy, low: float, high: float) -> bool:
    """An interval that may hold a small count and is too narrow to protect it."""
    smallest = 0 if policy.zero_is_small else 1
    overlaps_small = low <= policy.min_count - 1 and high >= smallest
    return overlaps_small and high - low < protection_width(policy)


def audit_table(table, policy) -> dict[Cellref, Interval]:
    """The feasibility intervals of a table's hidden cells, once per table and policy."""
    key = ("audit", policy.min_count, policy.zero_is_small)
    if key not in table.derived:
        structure = build_structure(table)
        intervals: dict[Cellref, Interval] = {}
        if structure.unknowns and structure.equations:
            try:
                intervals = feasibility_intervals(structure, lambda low, high: could_disclose(policy, low, high))
            except Inconsistent:
                intervals = {}  # the printed numbers do not add up exactly: no relation can be trusted
        table.derived[key] = intervals
    return table.derived[key]


def disclosed_by_totals(table, policy) -> set[Cellref]:
    """Hidden cells (row index, column) that the table's own relations give away."""
    structure = build_structure(table)
    return {at for at, interval in audit_table(table, policy).items()
            if not structure.unknowns[at].printed and could_disclose(policy, interval.low, interval.high)}
