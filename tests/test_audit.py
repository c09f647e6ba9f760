"""The intruder's problem, solved exactly: feasibility intervals of suppressed cells."""

from __future__ import annotations

import random

import pytest

from outscan.documents import Table, TableRow
from outscan.tables.audit import Inconsistent, feasibility_intervals
from outscan.tables.structure import build_structure


def table(text: str) -> Table:
    lines = [line.split(",") for line in text.strip().splitlines()]
    return Table(header=tuple(lines[0]), rows=[TableRow(i + 2, tuple(cells)) for i, cells in enumerate(lines[1:])])


def intervals(text: str) -> dict:
    t = table(text)
    found = feasibility_intervals(build_structure(t), lambda low, high: True)
    return {(t.rows[r].number, t.header[c]): (i.low, i.high) for (r, c), i in found.items()}


def test_the_classic_two_by_two_pattern():
    """Four cells suppressed in a rectangle: a hidden value x with rectangle partners b, c (its
    row and column) and d (opposite corner) can be anything in [x - min(x, d), x + min(b, c)]
    (the textbook feasibility interval of the 2x2 pattern; here x=20, b=10, c=17, d=12)."""
    found = intervals("""
Row,A,B,C,Total
I,*,50,*,80
II,8,19,32,59
III,*,32,*,61
Total,45,101,54,200
""")
    x, b, c, d = 20, 10, 17, 12
    assert found[(2, "A")] == (x - min(x, d), x + min(b, c)) == (8, 30)
    assert found[(2, "C")] == (0, 22)
    assert found[(4, "A")] == (7, 29)
    assert found[(4, "C")] == (0, 22)


def test_a_lone_unknown_is_pinned_without_a_solver(monkeypatch):
    import scipy.optimize

    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **k: pytest.fail("no LP needed"))
    assert intervals("Site,A,B,Total\nBrain,5,*,20\nBone,1,2,3\n") == {(2, "B"): (15, 15)}


def test_markers_bound_the_unknowns():
    # Two <10 cells summing to 15: each is at least 6 and at most 9.
    assert intervals("Site,A,B,Total\nBrain,<10,<10,15\n") == {(2, "A"): (6, 9), (2, "B"): (6, 9)}


def test_bare_markers_are_never_assumed_small():
    """A bare '*' may hide a small primary cell or a large complementary one: 50, *, *, total 68
    is 2 and 16 as easily as 9 and 9, so each stays anywhere in 0..18."""
    assert intervals("Site,A,B,C,Total\nLung,50,*,*,68\n") == {(2, "B"): (0, 18), (2, "C"): (0, 18)}


def test_a_note_that_states_the_range_bounds_bare_markers():
    # The table says what '*' hides, so two of them summing to 15 are 6..9 each.
    t = table("Site,A,B,C,Total\nLung,50,*,*,65\n")
    t.notes = ("* Counts of 1-9 are suppressed.",)
    found = feasibility_intervals(build_structure(t), lambda low, high: True)
    assert {at: (i.low, i.high) for at, i in found.items()} == {(0, 2): (6, 9), (0, 3): (6, 9)}


def test_contradicting_relations_are_inconsistent():
    t = table("Site,A,B,Total\nBrain,*,30,20\nBone,1,2,3\n")
    with pytest.raises(Inconsistent):
        feasibility_intervals(build_structure(t), lambda low, high: True)


def test_exact_intervals_match_brute_force_on_random_tables():
    """Cross-check propagation + LP against enumeration on small random tables."""
    rng = random.Random(7)
    for _ in range(30):
        grid = [[rng.randint(0, 6) for _ in range(3)] for _ in range(3)]
        hidden = set(rng.sample([(r, c) for r in range(3) for c in range(3)], 3))
        lines = ["Row,A,B,C,Total"]
        for r, values in enumerate(grid):
            cells = ["*" if (r, c) in hidden else str(v) for c, v in enumerate(values)]
            lines.append(f"R{r},{','.join(cells)},{sum(values)}")
        lines.append("Total," + ",".join(str(sum(g[c] for g in grid)) for c in range(3)) + f",{sum(map(sum, grid))}")
        found = intervals("\n".join(lines))
        order = sorted(hidden)
        solutions = []
        for a in range(0, 19):
            for b in range(0, 19):
                for c in range(0, 19):
                    trial = [row[:] for row in grid]
                    for (r, col), v in zip(order, (a, b, c)):
                        trial[r][col] = v
                    if all(sum(trial[r]) == sum(grid[r]) for r in range(3)) and \
                            all(sum(t[col] for t in trial) == sum(g[col] for g in grid) for col in range(3)):
                        solutions.append((a, b, c))
        for k, (r, col) in enumerate(order):
            expected = (min(s[k] for s in solutions), max(s[k] for s in solutions))
            assert found[(r + 2, "ABC"[col])] == expected, (lines, (r, col))
