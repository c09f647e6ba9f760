"""A folder of realistic cancer-statistics tables with small counts planted at known cells.

The tables are generated (seeded) in the layouts registries publish: age group x sex x
stage with row and column totals, stacked Male/Female headers over n and %, long format
with years, rates and confidence intervals, years as columns, a clinical Table 1, and an
XLSX workbook with a merged title. Every planted count must be found at its exact row and
column, and nothing else may be flagged.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from outscan.api import scan
from outscan.policy import build_policy

AGES = ["0-4", "5-9", "10-14", "15-19"]
SEXES = ["Female", "Male"]
STAGES = ["Localized", "Regional", "Distant", "Unknown stage"]
MARKERS = ["<16", "*", "Suppressed", "[REDACTED]", "c"]


class Planter:
    """Draws counts: mostly publishable, a known share small, some suppressed."""

    def __init__(self, rng: random.Random, minimum: int):
        self.rng = rng
        self.minimum = minimum

    def draw(self) -> tuple[str, int | None, bool]:
        """(cell text, value or None when suppressed, whether it is a planted small count)."""
        roll = self.rng.random()
        if roll < 0.12:
            value = self.rng.randint(1, self.minimum - 1)
            return str(value), value, True
        if roll < 0.20:
            return self.rng.choice(MARKERS), None, False
        if roll < 0.24:
            return "0", 0, False
        value = self.rng.randint(self.minimum, 900)
        return f"{value:,}" if value >= 1000 else str(value), value, False


def _small(value: int, minimum: int) -> bool:
    return 0 < value < minimum


def cross_tab(planter: Planter, title: bool) -> tuple[str, set]:
    expected: set = set()
    lines = []
    if title:
        lines.append("Table 2. Cases by age group, sex and stage at diagnosis, 2018-2022 (synthetic)")
    lines.append(",".join(["Age group", "Sex", *STAGES, "Total"]))
    column_totals = [0] * len(STAGES)
    for age in AGES:
        for sex in SEXES:
            row = len(lines) + 1
            cells, total = [], 0
            for i, stage in enumerate(STAGES):
                text, value, planted = planter.draw()
                cells.append(text)
                if planted:
                    expected.add((row, stage))
                total += value or planter.minimum  # a suppressed cell hides something
                column_totals[i] += value or planter.minimum
            if _small(total, planter.minimum):
                expected.add((row, "Total"))
            lines.append(",".join([age, sex, *cells, str(total)]))
    lines.append(",".join(["Total", "All", *map(str, column_totals), str(sum(column_totals))]))
    lines.append("Source: synthetic. Counts below 16 are suppressed.")
    return "\n".join(lines) + "\n", expected


def stacked_header(planter: Planter) -> tuple[str, set]:
    expected: set = set()
    lines = [",Male,,Female,", "Stage,n,%,n,%"]
    for stage in STAGES:
        row = len(lines) + 1
        cells = []
        for sex in ("Male", "Female"):
            text, value, planted = planter.draw()
            if planted:
                expected.add((row, f"{sex} n"))
            share = "" if value is None else f"{planter.rng.uniform(0.5, 60):.1f}"
            cells += [text, share]
        lines.append(",".join([stage, *cells]))
    return "\n".join(lines) + "\n", expected


def long_format(planter: Planter) -> tuple[str, set]:
    expected: set = set()
    lines = ["Year,Age group,Sex,Count,Rate per 100000,95% CI,p-value"]
    for year in range(2018, 2023):
        for age in AGES:
            for sex in SEXES:
                row = len(lines) + 1
                text, value, planted = planter.draw()
                if planted:
                    expected.add((row, "Count"))
                rate = planter.rng.uniform(0.5, 9.9)
                lines.append(f"{year},{age},{sex},{text},{rate:.1f},{rate * 0.8:.1f}-{rate * 1.2:.1f},"
                             f"{planter.rng.choice(['<0.001', '0.04', '0.5'])}")
    return "\n".join(lines) + "\n", expected


def years_as_columns(planter: Planter) -> tuple[str, set]:
    expected: set = set()
    years = [str(y) for y in range(2018, 2023)]
    lines = [",".join(["Cancer site", *years])]
    for site in ["Leukemia", "Lymphoma", "Brain and CNS", "Neuroblastoma", "Wilms tumour", "Retinoblastoma"]:
        row = len(lines) + 1
        cells = []
        for year in years:
            text, _, planted = planter.draw()
            if planted:
                expected.add((row, year))
            cells.append(text)
        lines.append(",".join([site, *cells]))
    return "\n".join(lines) + "\n", expected


def table_one(planter: Planter) -> tuple[str, set]:
    expected: set = set()
    lines = ["Characteristic,Cases (N=412),Controls (N=1236),p-value",
             '"Age, mean (SD)",8.4 (4.1),8.7 (4.3),0.44', "Stage at diagnosis,,,"]
    for stage in STAGES:
        row = len(lines) + 1
        cells = []
        for column in ("Cases (N=412)", "Controls (N=1236)"):
            text, value, planted = planter.draw()
            if planted:
                expected.add((row, column))
            if value is not None:
                text = f"{text} ({planter.rng.uniform(0.1, 60):.1f}%)"
            cells.append(text)
        lines.append(",".join([f"  {stage}", *cells, "0.21"]))
    return "\n".join(lines) + "\n", expected


def workbook(planter: Planter, path: Path) -> set:
    expected: set = set()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Incidence"
    sheet["A1"] = "Table 4. Incidence by stage and sex (synthetic)"
    sheet.merge_cells("A1:C1")
    sheet.append(["Stage", "Female", "Male"])
    for stage in STAGES:
        row = sheet.max_row + 1
        values = []
        for sex in SEXES:
            text, value, planted = planter.draw()
            if planted:
                expected.add(("Incidence", row, sex))
            values.append(value if value is not None else text)
        sheet.append([stage, *values])
    rates = book.create_sheet("Rates")
    rates.append(["Stage", "Rate per 100,000", "95% CI"])
    for stage in STAGES:
        rates.append([stage, round(planter.rng.uniform(0.1, 9), 1), "0.1-9.9"])
    book.save(path)
    return expected


@pytest.mark.parametrize("policy_name", ["sdc-handbook", "nccr-dua", "cms-cell-suppression"])
def test_every_planted_small_count_is_found_and_nothing_else(tmp_path, monkeypatch, policy_name):
    monkeypatch.chdir(tmp_path)
    policy = build_policy([policy_name])
    rng = random.Random(f"outscan-{policy_name}")
    planter = Planter(rng, policy.min_count)
    expected: set = set()
    makers = [
        ("cross_tab", lambda: cross_tab(planter, title=False)),
        ("cross_tab_titled", lambda: cross_tab(planter, title=True)),
        ("stacked", lambda: stacked_header(planter)),
        ("long", lambda: long_format(planter)),
        ("years", lambda: years_as_columns(planter)),
        ("table1", lambda: table_one(planter)),
    ]
    for copy in range(5):
        for name, make in makers:
            content, cells = make()
            path = f"tables/{name}_{copy}.csv"
            (tmp_path / "tables").mkdir(exist_ok=True)
            (tmp_path / path).write_text(content, encoding="utf-8")
            expected |= {(path, None, row, column) for row, column in cells}
        book = f"tables/workbook_{copy}.xlsx"
        expected |= {(book, sheet, row, column) for sheet, row, column in workbook(planter, tmp_path / book)}

    report = scan(["tables"], policy)

    assert not report.unreadable
    assert len(expected) > 40  # the generator really planted small counts
    found = {(f.path, f.location.sheet, f.location.row, f.location.column) for f in report.findings
             if f.rule == "OS101"}
    assert found - expected == set(), "flagged cells that are not small counts"
    assert expected - found == set(), "missed small counts"
