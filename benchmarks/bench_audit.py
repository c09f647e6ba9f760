"""Secondary-disclosure audit of a 50x50 table with 140 suppressed cells.

Compares outscan's audit (OS103: bound propagation, components, witness LPs, an LP pair
only for cells in doubt) with the straightforward prototype a user would write: two
HiGHS linear programs (min and max) per suppressed cell over the whole table. Both must
report the same cells; the script checks that before printing the timings.

    python benchmarks/bench_audit.py [--repeat 5] [--seed 1]

Needs only outscan's own dependencies (scipy, numpy).
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import statistics
import time

import numpy as np
from scipy.optimize import linprog

from outscan.tables.audit import could_disclose
from outscan.documents import Table, TableRow
from outscan.policy import build_policy
from outscan.tables.audit import feasibility_intervals
from outscan.tables.structure import build_structure

SIZE = 50
SUPPRESSED = 140


def make_table(seed: int) -> tuple[Table, list[list[int]], set[tuple[int, int]]]:
    """A 50x50 count table with row and column totals; small cells suppressed, plus complements."""
    rng = random.Random(seed)
    grid = [[int(rng.lognormvariate(3.2, 1.1)) for _ in range(SIZE)] for _ in range(SIZE)]
    small = [(r, c) for r in range(SIZE) for c in range(SIZE) if 0 < grid[r][c] < 10]
    rng.shuffle(small)
    hidden = set(small[: SUPPRESSED // 2])
    # Complementary suppressions: a second hidden cell in each row and column that has one.
    for r, c in sorted(hidden):
        if sum(1 for cc in range(SIZE) if (r, cc) in hidden) < 2:
            hidden.add((r, rng.choice([cc for cc in range(SIZE) if cc != c])))
        if sum(1 for rr in range(SIZE) if (rr, c) in hidden) < 2:
            hidden.add((rng.choice([rr for rr in range(SIZE) if rr != r]), c))
    others = [(r, c) for r in range(SIZE) for c in range(SIZE) if (r, c) not in hidden]
    rng.shuffle(others)
    while len(hidden) < SUPPRESSED:
        hidden.add(others.pop())
    header = ("Region", *(f"Site {c + 1}" for c in range(SIZE)), "Total")
    rows = []
    for r in range(SIZE):
        cells = ["*" if (r, c) in hidden else str(grid[r][c]) for c in range(SIZE)]
        rows.append(TableRow(r + 2, (f"Region {r + 1}", *cells, str(sum(grid[r])))))
    totals = [str(sum(grid[r][c] for r in range(SIZE))) for c in range(SIZE)]
    rows.append(TableRow(SIZE + 2, ("Total", *totals, str(sum(map(sum, grid))))))
    return Table(header=header, rows=rows), grid, hidden


def prototype(grid: list[list[int]], hidden: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[float, float]]:
    """The straightforward prototype: every cell a variable (printed ones fixed by their
    bounds), every row and column total an equation, two LPs per suppressed cell."""
    n = SIZE * SIZE
    a_eq = np.zeros((2 * SIZE, n))
    b_eq = np.zeros(2 * SIZE)
    for r in range(SIZE):
        a_eq[r, r * SIZE:(r + 1) * SIZE] = 1
        b_eq[r] = sum(grid[r])
    for c in range(SIZE):
        a_eq[SIZE + c, c::SIZE] = 1
        b_eq[SIZE + c] = sum(grid[r][c] for r in range(SIZE))
    bounds = [(0, None) if (r, c) in hidden else (grid[r][c], grid[r][c]) for r in range(SIZE) for c in range(SIZE)]
    out = {}
    for r, c in sorted(hidden):
        objective = np.zeros(n)
        objective[r * SIZE + c] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs").fun
        high = -linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs").fun
        out[(r, c)] = (low, high)
    return out


def lean_prototype(grid: list[list[int]], hidden: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[float, float]]:
    """A tuned prototype: only the hidden cells are variables; still two LPs per hidden cell."""
    cells = sorted(hidden)
    index = {cell: i for i, cell in enumerate(cells)}
    a_eq, b_eq = [], []
    for r in range(SIZE):
        row = np.zeros(len(cells))
        for c in range(SIZE):
            if (r, c) in index:
                row[index[(r, c)]] = 1
        a_eq.append(row)
        b_eq.append(sum(grid[r][c] for c in range(SIZE) if (r, c) in index))
    for c in range(SIZE):
        col = np.zeros(len(cells))
        for r in range(SIZE):
            if (r, c) in index:
                col[index[(r, c)]] = 1
        a_eq.append(col)
        b_eq.append(sum(grid[r][c] for r in range(SIZE) if (r, c) in index))
    a_eq, b_eq = np.array(a_eq), np.array(b_eq)
    out = {}
    for cell, i in index.items():
        objective = np.zeros(len(cells))
        objective[i] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs").fun
        high = -linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs").fun
        out[cell] = (low, high)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    policy = build_policy([])

    def discloses(low: float, high: float) -> bool:
        return could_disclose(policy, low, high)

    times: dict[str, list[float]] = {"outscan": [], "prototype": [], "lean": []}
    table, grid, hidden = make_table(args.seed)
    found_by: dict[str, set] = {}
    for round_ in range(args.repeat):
        names = list(times)
        for name in names[round_ % 3:] + names[:round_ % 3]:  # rotate the order each round
            start = time.perf_counter()
            if name == "outscan":
                table.derived.clear()
                found = feasibility_intervals(build_structure(table), discloses)
                times[name].append(time.perf_counter() - start)
                found_by[name] = {(r, c - 1) for (r, c), i in found.items() if discloses(i.low, i.high)}
            else:
                exact = (prototype if name == "prototype" else lean_prototype)(grid, hidden)
                times[name].append(time.perf_counter() - start)
                found_by[name] = {cell for cell, (low, high) in exact.items()
                                  if discloses(math.ceil(low - 1e-7), math.floor(high + 1e-7))}
    assert found_by["outscan"] == found_by["prototype"] == found_by["lean"], found_by

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"50x50 table with row and column totals, {len(hidden)} suppressed cells; "
          f"{len(found_by['outscan'])} found disclosive, the same by all three")
    print(f"| audit | median of {args.repeat} | outscan is |")
    print("|---|---:|---:|")
    print(f"| LP-per-cell prototype: every cell a variable, 2 HiGHS LPs per hidden cell "
          f"| {median['prototype']:.3f} s | {median['prototype'] / median['outscan']:.0f}x faster |")
    print(f"| tuned prototype: hidden cells only, 2 HiGHS LPs per hidden cell "
          f"| {median['lean']:.3f} s | {median['lean'] / median['outscan']:.0f}x faster |")
    print(f"| outscan OS103 audit | {median['outscan']:.3f} s | |")
    print(f"Python {platform.python_version()}, command: python benchmarks/bench_audit.py --repeat {args.repeat}")


if __name__ == "__main__":
    main()
