"""Benchmark: outscan's table scan against the naive pandas check a user would run instead.

    python benchmarks/bench_tables.py            # full: a 1,000,000-cell CSV and 1,000 small CSVs
    python benchmarks/bench_tables.py --quick    # 10x smaller inputs, runs in seconds (smoke test)
    python benchmarks/bench_tables.py --profile  # also cProfile outscan's scan of each case

Requirements: outscan itself plus pandas for the baseline. pandas is not a dependency of
outscan; install it with ``pip install "pandas>=2.0"`` (a ``bench`` extra would hold
exactly that requirement).

What it does (see benchmarks/README.md for why the baseline is the fair comparison):

1. Generates, in a temporary directory, deterministic inputs (fixed seed):
   * ``large/county_age_sex.csv``: 100,000 rows x 10 columns (1,000,000 cells) of
     label columns (age group, sex, county), a year, four count columns with small values
     and ``<11`` / ``*`` suppression markers, a rate and a percentage column;
   * ``small/``: 1,000 cancer-statistics style tables (5-20 rows x 4-8 columns) in five
     layouts: site x sex with totals, age x stage with markers, State Cancer Profiles
     county rows (title lines, FIPS, rates, CIs, "3 or fewer", footnotes), CDC WONDER
     year rows ("Suppressed", "Unreliable", "---" notes block) and a clinical Table 1
     ("n (%)" cells, section rows, "mean (SD)" rows).
2. Times each case, interleaved, ``--repeat`` times (default 3), and reports medians:
   * outscan through the Python API: ``scan([dir], build_policy([]))``;
   * outscan end to end: ``outscan scan DIR --format json -o FILE`` (interpreter start,
     imports, scan, JSON rendering and writing);
   * pandas-naive: ``pd.read_csv`` of the same files and
     ``(num > 0) & (num < 10)`` on ``df.select_dtypes("number")``.
   Every measurement runs in a fresh child process, so no run profits from another's
   warm caches (outscan's ``parse_cell`` LRU cache, imported modules) and each child's
   peak RSS is its own (VmHWM read by the child; for the CLI, ru_maxrss from ``os.wait4``).
   In-process figures are timed inside the child after its imports; end-to-end figures
   are the child's wall time.
3. Prints a Markdown table and (unless ``--quick``) writes it to benchmarks/results.md
   with the date, Python version, ``nproc`` and the exact command.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import outscan_cli

HERE = Path(__file__).resolve().parent
SEED = 20240917
MIN_COUNT = 10  # build_policy([]) -> sdc-handbook pack: counts 1-9 are small; the naive check uses the same bounds

# --------------------------------------------------------------------------- data

AGE_GROUPS = ["00 years", "01-04 years", "05-09 years", "10-14 years", "15-19 years", "20-24 years",
              "25-29 years", "30-34 years", "35-39 years", "40-44 years", "45-49 years", "50-54 years",
              "55-59 years", "60-64 years", "65-69 years", "70-74 years", "75-79 years", "80-84 years",
              "85+ years"]
COUNTIES = ["Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte",
            "El Dorado", "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake",
            "Lassen", "Los Angeles", "Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc",
            "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas", "Riverside",
            "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco", "San Joaquin",
            "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta",
            "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity",
            "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba"]
SITES = ["All Sites", "Oral Cavity and Pharynx", "Esophagus", "Stomach", "Colon and Rectum", "Liver",
         "Pancreas", "Larynx", "Lung and Bronchus", "Melanoma of the Skin", "Breast", "Cervix",
         "Corpus Uteri", "Ovary", "Prostate", "Testis", "Urinary Bladder", "Kidney and Renal Pelvis",
         "Brain and ONS", "Thyroid", "Hodgkin Lymphoma", "Non-Hodgkin Lymphoma", "Myeloma", "Leukemia"]
STAGES = ["Localized", "Regional", "Distant", "Unstaged", "In situ", "Unknown"]


def _count(rng: random.Random, small_share: float, high: int) -> int:
    """A count: `small_share` of them 0-15, the rest up to `high` (skewed low)."""
    if rng.random() < small_share:
        return rng.randint(0, 15)
    return int(16 + (high - 16) * rng.random() ** 3)


def _marked(rng: random.Random, value: int, mark_share: float) -> str:
    """A small value replaced by a suppression marker some of the time, else printed."""
    if 1 <= value <= 10 and rng.random() < mark_share:
        return "<11" if rng.random() < 0.7 else "*"
    return str(value)


def write_large_csv(path: Path, rows: int, rng: random.Random) -> None:
    header = ["Age group", "Sex", "County", "Year", "Cases", "Deaths", "Hospitalizations", "Population",
              "Crude Rate per 100,000", "Percent of cases"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            cases = _count(rng, 0.35, 3000)
            deaths = min(cases, _count(rng, 0.5, 900))
            hospitalizations = _count(rng, 0.5, 400)
            population = rng.randint(800, 900_000)
            writer.writerow([
                AGE_GROUPS[i % len(AGE_GROUPS)],
                "Female" if (i // len(AGE_GROUPS)) % 2 else "Male",
                f"{COUNTIES[(i // (2 * len(AGE_GROUPS))) % len(COUNTIES)]} County",
                2011 + (i // (2 * len(AGE_GROUPS) * len(COUNTIES))) % 12,
                _marked(rng, cases, 0.6),
                _marked(rng, deaths, 0.6),
                hospitalizations,
                population,
                f"{cases / population * 100_000:.1f}",
                f"{rng.random() * 40:.1f}",
            ])


def _site_by_sex(rng: random.Random) -> tuple[list[list], int]:
    sites = rng.sample(SITES[1:], rng.randint(4, 19))
    rows = [["Cancer site", "Male", "Female", "Total"]]
    totals = [0, 0]
    for site in sites:
        male, female = _count(rng, 0.25, 900), _count(rng, 0.25, 900)
        totals = [totals[0] + male, totals[1] + female]
        rows.append([site, male, female, male + female])
    rows.append(["Total", totals[0], totals[1], sum(totals)])
    return rows, 0


def _age_by_stage(rng: random.Random) -> tuple[list[list], int]:
    stages = STAGES[:rng.randint(3, 6)]
    ages = AGE_GROUPS[rng.randint(0, 6):][: rng.randint(5, 19)]
    rows = [["Age group", *stages, "Total"]]
    for age in ages:
        values = [_count(rng, 0.4, 400) for _ in stages]
        rows.append([age, *(_marked(rng, v, 0.7) for v in values), sum(values)])
    return rows, 0


def _state_cancer_profiles(rng: random.Random) -> tuple[list[list], int]:
    site = rng.choice(SITES)
    title = [[f"Incidence Rates for California by County, {site}, All Races (includes Hispanic), Both Sexes"],
             ["Sorted by Name"]]
    header = ["County", "FIPS", "Age-Adjusted Incidence Rate - cases per 100,000", "Lower 95% Confidence Interval",
              "Upper 95% Confidence Interval", "Average Annual Count", "Recent Trend"]
    header = header[: rng.randint(4, 7)]
    rows = [*title, header]
    for index in sorted(rng.sample(range(len(COUNTIES)), rng.randint(5, 20))):
        count = _count(rng, 0.3, 600)
        rate = rng.uniform(2, 160)
        if count <= 3:
            line = [f"{COUNTIES[index]} County", f"06{2 * index + 1:03d}", "*", "*", "*", "3 or fewer", "*"]
        else:
            line = [f"{COUNTIES[index]} County", f"06{2 * index + 1:03d}", f"{rate:.1f}", f"{rate * 0.8:.1f}",
                    f"{rate * 1.2:.1f}", count, rng.choice(["stable", "falling", "rising"])]
        rows.append(line[: len(header)])
    rows += [[], ["Created by statecancerprofiles.cancer.gov"],
             ["* Data has been suppressed to ensure confidentiality and stability of rate estimates. "
              "Counts are suppressed if fewer than 16 records were reported in a specific area-sex-race category."],
             ["Rates are per 100,000 and age-adjusted to the 2000 US standard population."]]
    return rows, len(title)


def _cdc_wonder(rng: random.Random) -> tuple[list[list], int]:
    first = rng.randint(1999, 2010)
    years = range(first, first + rng.randint(5, 18))
    rows = [["Notes", "Year", "Year Code", "Deaths", "Population", "Crude Rate"]]
    total_deaths = total_population = 0
    for year in years:
        deaths, population = _count(rng, 0.4, 300), rng.randint(50_000, 2_000_000)
        total_deaths += deaths
        total_population += population
        shown = "Suppressed" if 0 < deaths < 10 else str(deaths)
        rate = "Unreliable" if deaths < 20 else f"{deaths / population * 100_000:.1f}"
        rows.append(["", year, year, shown, population, rate])
    rows.append(["Total", "", "", total_deaths, total_population,
                 f"{total_deaths / total_population * 100_000:.1f}"])
    rows += [["---"], ["Dataset: Underlying Cause of Death, 1999-2020"],
             ["Query Parameters:"], ["ICD-10 Codes: C00-D48 (Neoplasms)"],
             ["Suppressed: death counts of 1-9 are suppressed."], ["---"]]
    return rows, 0


def _table_one(rng: random.Random) -> tuple[list[list], int]:
    groups = rng.sample(["Stage I-II", "Stage III-IV", "Surgery", "No surgery", "Chemotherapy"], rng.randint(2, 4))
    sizes = [rng.randint(40, 600) for _ in groups]
    rows = [["Characteristic", f"Overall (N={sum(sizes)})", *(f"{g} (N={n})" for g, n in zip(groups, sizes))]]

    def n_pct(share: float) -> list[str]:
        values = [max(0, round(n * share * rng.uniform(0.5, 1.5))) for n in sizes]
        cells = [f"{v} ({v / n * 100:.1f}%)" for v, n in zip(values, sizes)]
        return [f"{sum(values)} ({sum(values) / sum(sizes) * 100:.1f}%)", *cells]

    rows.append(["Age, mean (SD)", *(f"{rng.uniform(55, 70):.1f} ({rng.uniform(8, 12):.1f})"
                                       for _ in range(len(groups) + 1))])
    for section, levels in (("Sex", ["Female", "Male"]), ("Race", ["White", "Black", "Asian", "AIAN", "Other"]),
                            ("Stage at diagnosis", ["I", "II", "III", "IV", "Unknown"])):
        if len(rows) > 14:
            break
        rows.append([section])
        for level in levels[: rng.randint(2, len(levels))]:
            rows.append([level, *n_pct(rng.choice([0.01, 0.03, 0.1, 0.3, 0.5]))])
    return rows, 0


LAYOUTS = (_site_by_sex, _age_by_stage, _state_cancer_profiles, _cdc_wonder, _table_one)


def write_small_tables(folder: Path, count: int, rng: random.Random) -> dict[str, int]:
    """Write `count` tables; return {file name: title lines above the header} for pandas' skiprows."""
    folder.mkdir(parents=True)
    skiprows: dict[str, int] = {}
    for i in range(count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        rows, titles = layout(rng)
        name = f"{i:04d}_{layout.__name__.strip('_')}.csv"
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        skiprows[name] = titles
    return skiprows


# --------------------------------------------------------------------------- children


def _rss_mb_self() -> float:
    """This process's peak RSS so far, in MB.

    VmHWM belongs to the address space made at exec, so unlike ru_maxrss it cannot carry
    over the parent's peak (Linux copies the forking process's high-water mark into the
    child's ru_maxrss at exec). ru_maxrss is the fallback off Linux.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_outscan(folder: str) -> dict:
    from outscan.api import scan
    from outscan.policy import build_policy

    policy = build_policy([])
    import_mb = _rss_mb_self()
    start = time.perf_counter()
    report = scan([folder], policy)
    seconds = time.perf_counter() - start
    summary = report.summary()
    return {"seconds": seconds, "import_mb": import_mb, "findings": summary["findings"],
            "by_rule": summary["by_rule"], "unreadable": summary["error"], "files": summary["files"]}


def child_pandas(folder: str, manifest: str) -> dict:
    import pandas as pd

    skiprows = json.loads(Path(manifest).read_text(encoding="utf-8"))
    paths = sorted(Path(folder).glob("*.csv"))
    import_mb = _rss_mb_self()
    start = time.perf_counter()
    flagged = 0
    for path in paths:
        df = pd.read_csv(path, skiprows=skiprows.get(path.name, 0))
        num = df.select_dtypes("number")
        flagged += int(((num > 0) & (num < MIN_COUNT)).to_numpy().sum())
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "import_mb": import_mb, "flagged": flagged, "files": len(paths)}


# --------------------------------------------------------------------------- parent


def run_child(argv: list[str], cwd: Path, out_file: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB of that child alone, exit code); stdout goes to `out_file`.

    The peak is the child's ru_maxrss from os.wait4. Linux starts a child's ru_maxrss at the
    spawning process's high-water mark, so this parent keeps its own peak small (it never
    loads a report or a table) and main() checks it stayed below every child's figure.
    """
    env = {**os.environ, "NO_COLOR": "1", "CI": "1", "PYTHONHASHSEED": "0"}
    with out_file.open("w") as out, (out_file.with_suffix(".err")).open("w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, code


def measure(kind: str, case_dir: Path, work: Path, manifest: Path, tag: str) -> dict:
    out = work / f"{tag}.out"
    if kind == "cli":
        report_file = work / f"{tag}.json"
        argv = [*outscan_cli(), "scan", str(case_dir), "--format", "json", "-o", str(report_file)]
        wall, peak, code = run_child(argv, work, out)
        if code not in (0, 1, 3):
            raise RuntimeError(f"outscan CLI exited {code}: {(out.with_suffix('.err')).read_text()[-2000:]}")
        # The counts come from the CLI's one-line summary on stderr: parsing the (large) JSON
        # here would raise this process's peak RSS, which later children inherit (see run_child).
        summary = re.search(r"outscan: (\d+) findings, (\d+) unreadable files",
                            out.with_suffix(".err").read_text(encoding="utf-8"))
        if summary is None or not report_file.is_file():
            raise RuntimeError(f"outscan CLI wrote no report: {out.with_suffix('.err').read_text()[-2000:]}")
        report_mb = report_file.stat().st_size / 1e6
        report_file.unlink()
        return {"wall": wall, "peak_mb": peak, "seconds": wall, "findings": int(summary.group(1)),
                "unreadable": int(summary.group(2)), "report_mb": report_mb}
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(case_dir), str(manifest)]
    wall, peak, code = run_child(argv, work, out)
    if code != 0:
        raise RuntimeError(f"{kind} child exited {code}: {(out.with_suffix('.err')).read_text()[-2000:]}")
    data = json.loads(out.read_text())
    # The child's own VmHWM; the wait4 figure is kept as a cross-check.
    return {"wall": wall, "peak_mb": data.pop("peak_mb_self"), "peak_mb_wait4": peak, **data}


def med(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def profile_case(label: str, case_dir: Path, top: int) -> None:
    import cProfile
    import pstats

    from outscan.api import scan
    from outscan.policy import build_policy
    from outscan.tables.cells import parse_cell

    parse_cell.cache_clear()
    policy = build_policy([])
    profiler = cProfile.Profile()
    profiler.enable()
    scan([case_dir], policy)
    profiler.disable()
    print(f"\n### cProfile: outscan scan of {label} (top {top} by cumulative time)\n")
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller inputs (smoke test); results are not written")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per case and tool (median is reported)")
    parser.add_argument("--profile", action="store_true", help="also cProfile outscan's scan of each case")
    parser.add_argument("--results", type=Path, default=None,
                        help="where to write the Markdown results (default benchmarks/results.md; none with --quick)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, folder, *rest = args.child
        result = child_outscan(folder) if kind == "outscan" else child_pandas(folder, rest[0])
        result["peak_mb_self"] = _rss_mb_self()
        print(json.dumps(result))
        return 0

    command = "python " + " ".join(shlex.quote(a) for a in [os.path.relpath(__file__), *sys.argv[1:]])
    scale = 10 if args.quick else 1
    large_rows, small_tables = 100_000 // scale, 1_000 // scale
    results_path = args.results or (None if args.quick else HERE / "results.md")

    with tempfile.TemporaryDirectory(prefix="outscan-bench-") as tmp:
        work = Path(tmp)
        rng = random.Random(SEED)
        large_dir, small_dir = work / "large", work / "small"
        large_dir.mkdir()
        large_csv = large_dir / "county_age_sex.csv"
        start = time.perf_counter()
        write_large_csv(large_csv, large_rows, rng)
        skiprows = write_small_tables(small_dir, small_tables, rng)
        manifest = work / "skiprows.json"
        manifest.write_text(json.dumps(skiprows), encoding="utf-8")
        small_bytes = sum(p.stat().st_size for p in small_dir.iterdir())
        print(f"generated inputs in {time.perf_counter() - start:.1f}s: {large_csv.name} "
              f"{large_csv.stat().st_size / 1e6:.1f} MB ({large_rows * 10:,} cells); "
              f"{small_tables:,} small tables, {small_bytes / 1e6:.2f} MB", flush=True)

        cases = {
            f"{large_rows * 10:,}-cell CSV ({large_csv.stat().st_size / 1e6:.1f} MB)": large_dir,
            f"{small_tables:,} small CSVs ({small_bytes / 1e6:.2f} MB)": small_dir,
        }
        kinds = ("outscan", "pandas", "cli")
        raw: dict[tuple[str, str], list[dict]] = {(c, k): [] for c in cases for k in kinds}
        for repeat in range(args.repeat):
            for c_index, (case, folder) in enumerate(cases.items()):
                # Rotate the order each round so no tool always runs first (or right after another).
                order = kinds[repeat % 3:] + kinds[: repeat % 3]
                for kind in order:
                    result = measure(kind, folder, work, manifest, f"{kind}-{c_index}-{repeat}")
                    raw[(case, kind)].append(result)
                    print(f"  round {repeat + 1}/{args.repeat}  {case:<34} {kind:<8} "
                          f"{result['seconds']:8.2f}s in-process  {result['wall']:8.2f}s wall  "
                          f"{result['peak_mb']:7.1f} MB peak", flush=True)

        lines = [
            "| case | measured | outscan s | pandas-naive s | ratio outscan/pandas | outscan peak MB | "
            "pandas peak MB | outscan findings | naive flags |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for case in cases:
            api, pandas, cli = raw[(case, "outscan")], raw[(case, "pandas")], raw[(case, "cli")]
            findings, flags = api[0]["findings"], pandas[0]["flagged"]
            unreadable = api[0]["unreadable"]
            assert all(r["findings"] == findings for r in api + cli), "outscan findings differ between runs"
            found = f"{findings:,}" + (f" ({unreadable} unreadable)" if unreadable else "")
            lines.append(
                f"| {case} | in-process: `scan()` vs `read_csv`+check | {med(api, 'seconds'):.2f} | "
                f"{med(pandas, 'seconds'):.2f} | {med(api, 'seconds') / med(pandas, 'seconds'):.1f}x | "
                f"{med(api, 'peak_mb'):.0f} ({med(api, 'import_mb'):.0f} after import) | "
                f"{med(pandas, 'peak_mb'):.0f} ({med(pandas, 'import_mb'):.0f} after import) | {found} | {flags:,} |")
            lines.append(
                f"| {case} | end-to-end: `outscan scan --format json -o` vs `python` child | "
                f"{med(cli, 'wall'):.2f} | {med(pandas, 'wall'):.2f} | {med(cli, 'wall') / med(pandas, 'wall'):.1f}x | "
                f"{med(cli, 'peak_mb'):.0f} | {med(pandas, 'peak_mb'):.0f} | {cli[0]['findings']:,} | {flags:,} |")
        by_rule = {case: raw[(case, "outscan")][0]["by_rule"] for case in cases}
        report_mb = {case: raw[(case, "cli")][0]["report_mb"] for case in cases}
        import resource

        parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lowest_child = min(r["peak_mb"] for rs in raw.values() for r in rs)
        if parent_mb >= lowest_child:
            print(f"WARNING: this process peaked at {parent_mb:.0f} MB, at or above a child's {lowest_child:.0f} MB: "
                  "the CLI peak figures may carry this process's peak", file=sys.stderr)

        try:
            import pandas  # noqa: PLC0415 - only for the version string
            pandas_version = pandas.__version__
        except ImportError:
            pandas_version = "?"
        from outscan import __version__ as outscan_version

        table = "\n".join(lines)
        meta = [
            f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- command: `{command}` (run from the repository root)",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.system()} {platform.machine()}, nproc {os.cpu_count()} "
            f"(usable {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'})",
            f"- outscan {outscan_version}, pandas {pandas_version}; policy `build_policy([])` "
            f"(minimum count {MIN_COUNT}); naive check `(num > 0) & (num < {MIN_COUNT})`",
            f"- median of {args.repeat} interleaved runs (order rotated each round), each in a fresh child process; "
            "peak MB is the child's own high-water RSS (VmHWM; for the CLI, its ru_maxrss from wait4), interpreter "
            "and imports included; 'after import' is the peak before the timed work started",
            "- outscan findings by rule: " + "; ".join(f"{c.split(' (')[0]}: {json.dumps(r)}" for c, r in by_rule.items()),
            "- JSON report written by the CLI: " + "; ".join(f"{c.split(' (')[0]}: {mb:.1f} MB" for c, mb in report_mb.items()),
            "- naive flags: numeric cells in 1-9 after `read_csv`; columns holding a marker (`<11`, `*`, "
            "`3 or fewer`) or `n (%)` cells are not numeric to pandas and are not checked at all, while rates, "
            "percentages and CI bounds below 10 are flagged (see README)",
            f"- peak RSS of this driver process: {parent_mb:.0f} MB (below every child's, so no child's figure "
            "carries it)",
        ]
        print("\n" + table + "\n")
        print("\n".join(meta))
        if results_path is not None:
            results_path.write_text(
                "# Benchmark results: outscan vs a naive pandas check\n\n"
                "Produced by `benchmarks/bench_tables.py`; see `benchmarks/README.md` for what is measured.\n\n"
                + table + "\n\n" + "\n".join(meta) + "\n", encoding="utf-8")
            print(f"\nwrote {results_path}")

        if args.profile:
            for case, folder in cases.items():
                profile_case(case, folder, top=25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
