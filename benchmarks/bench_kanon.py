"""Benchmark: k-anonymity of a record-level CSV, outscan's OS111 path against pycanon and a plain group-by.

    python benchmarks/bench_kanon.py            # 100,000 and 1,000,000 rows, 3 rounds; writes results_kanon.md
    python benchmarks/bench_kanon.py --quick    # 10,000 and 100,000 rows, prints only (smoke test)

Requirements: outscan itself, plus pandas and pycanon for the baselines (``pip install
pycanon``; it brings pandas). Neither is a dependency of outscan.

What it does (see benchmarks/README.md, "k-anonymity"):

1. Generates, in a temporary directory with a fixed seed, record-level CSVs of one row per
   (synthetic) person with six quasi-identifiers: ``age`` (single years), ``sex``,
   ``race``, ``zip3`` (skewed, zero-padded), ``year_dx`` (2000-2021) and ``site`` (20
   cancer sites).
2. Measures, interleaved (the order rotates each round), ``--repeat`` times, each in a
   fresh child process:
   * outscan: ``read_delimited`` (the reader every scan uses), then the OS111 path on that
     table: ``LowKAnonymity().run(table, context)``, i.e. record-level detection, the
     quasi-identifiers by header, and k by a group-by of the cell texts;
   * pycanon: ``pandas.read_csv``, then ``pycanon.anonymity.k_anonymity(df, QI)``;
   * pandas group-by: ``pandas.read_csv``, then ``df.groupby(QI).size()`` (k = its min,
     unique records = its count of 1s): the plain group-by the issue compares pycanon with;
   * outscan CLI: ``outscan scan FILE --format json -o REPORT``, the whole scan with every
     check, as a user runs it (wall time of the process).
   Reading and computing k are timed apart inside each child, after its imports; every
   child's peak RSS is its own (VmHWM; for the CLI, ru_maxrss from ``os.wait4``).
3. Checks that every tool finds the same k (and outscan, pandas the same number of unique
   records), prints a Markdown table of medians and (unless ``--quick``) writes it to
   benchmarks/results_kanon.md with the date, Python version, ``nproc`` and the command.

pycanon runs on the largest size only if its first run there finishes within
``--pycanon-limit`` seconds (default 180); otherwise that size is reported without it.
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

from memory import outscan_cli, peak_rss_mb

HERE = Path(__file__).resolve().parent
SEED = 20261122
QUASI_IDENTIFIERS = ["age", "sex", "race", "zip3", "year_dx", "site"]
SITES = ["Breast", "Prostate", "Lung and Bronchus", "Colon and Rectum", "Melanoma of the Skin", "Urinary Bladder",
         "Non-Hodgkin Lymphoma", "Kidney and Renal Pelvis", "Corpus Uteri", "Leukemia", "Pancreas", "Thyroid",
         "Liver", "Oral Cavity and Pharynx", "Myeloma", "Brain and ONS", "Stomach", "Ovary", "Esophagus", "Cervix"]
SITE_WEIGHTS = [30, 25, 24, 15, 10, 9, 8, 8, 7, 6, 5, 5, 4, 4, 3, 2, 2, 2, 2, 1]
RACES = ["White", "Black", "Asian or Pacific Islander", "American Indian/Alaska Native", "Other", "Unknown"]
RACE_WEIGHTS = [70, 12, 8, 1, 5, 4]


def write_records(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUASI_IDENTIFIERS)
        for _ in range(rows):
            writer.writerow([
                min(99, max(0, int(rng.gauss(62, 14)))),
                rng.choice("FM"),
                rng.choices(RACES, RACE_WEIGHTS)[0],
                f"{int(rng.paretovariate(0.6) * 10) % 1000:03d}",  # a few dense areas, a long tail
                rng.randint(2000, 2021),
                rng.choices(SITES, SITE_WEIGHTS)[0],
            ])


# --------------------------------------------------------------------------- children




def child_outscan(path: str) -> dict:
    from outscan.checks.base import CheckContext
    from outscan.checks.tables.os111_low_k_anonymity import LowKAnonymity
    from outscan.policy import build_policy
    from outscan.readers.delimited import read_delimited
    from outscan.tables.records import k_anonymity, quasi_identifiers

    context = CheckContext(path=Path(path).name, policy=build_policy([]))
    import_mb = peak_rss_mb()
    start = time.perf_counter()
    table = read_delimited(Path(path))[0]
    read_seconds = time.perf_counter() - start
    read_mb = peak_rss_mb()
    start = time.perf_counter()
    findings = list(LowKAnonymity().run(table, context))
    k_seconds = time.perf_counter() - start
    # Outside the timing: the figures to compare (the group-by is cached on the table).
    quasi = quasi_identifiers(table)
    k, unique, _ = k_anonymity(table, [q.column for q in quasi])
    return {"read": read_seconds, "k_seconds": k_seconds, "import_mb": import_mb, "read_mb": read_mb, "k": k,
            "unique": unique, "qi": [q.name.strip("'") for q in quasi], "findings": len(findings)}


def child_pycanon(path: str) -> dict:
    import pandas as pd
    from pycanon import anonymity

    import_mb = peak_rss_mb()
    start = time.perf_counter()
    df = pd.read_csv(path)
    read_seconds = time.perf_counter() - start
    read_mb = peak_rss_mb()
    start = time.perf_counter()
    k = anonymity.k_anonymity(df, QUASI_IDENTIFIERS)
    k_seconds = time.perf_counter() - start
    return {"read": read_seconds, "k_seconds": k_seconds, "import_mb": import_mb, "read_mb": read_mb, "k": int(k),
            "unique": None}


def child_groupby(path: str) -> dict:
    import pandas as pd

    import_mb = peak_rss_mb()
    start = time.perf_counter()
    df = pd.read_csv(path)
    read_seconds = time.perf_counter() - start
    read_mb = peak_rss_mb()
    start = time.perf_counter()
    sizes = df.groupby(QUASI_IDENTIFIERS).size()
    k, unique = int(sizes.min()), int((sizes == 1).sum())
    k_seconds = time.perf_counter() - start
    return {"read": read_seconds, "k_seconds": k_seconds, "import_mb": import_mb, "read_mb": read_mb, "k": k,
            "unique": unique}


CHILDREN = {"outscan": child_outscan, "pycanon": child_pycanon, "groupby": child_groupby}


# --------------------------------------------------------------------------- parent


def run_child(argv: list[str], cwd: Path, out_file: Path, timeout: float | None = None) -> tuple[float, float, int]:
    """(wall seconds, the child's own peak RSS in MB from wait4, exit code); -1 as the code on timeout."""
    env = {**os.environ, "NO_COLOR": "1", "CI": "1", "PYTHONHASHSEED": "0"}
    with out_file.open("w") as out, out_file.with_suffix(".err").open("w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                return time.perf_counter() - start, 0.0, -1
            time.sleep(0.02)
        wall = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, code


def measure(kind: str, csv_path: Path, work: Path, tag: str, timeout: float | None) -> dict | None:
    out = work / f"{tag}.out"
    if kind == "cli":
        report = work / f"{tag}.json"
        argv = [*outscan_cli(), "scan", str(csv_path), "--format", "json", "-o", str(report)]
        wall, peak, code = run_child(argv, work, out)
        if code not in (0, 1, 3):
            raise RuntimeError(f"outscan CLI exited {code}: {out.with_suffix('.err').read_text()[-2000:]}")
        summary = re.search(r"outscan: (\d+) findings", out.with_suffix(".err").read_text(encoding="utf-8"))
        report.unlink(missing_ok=True)
        return {"wall": wall, "peak_mb": peak, "findings": int(summary.group(1)) if summary else None}
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(csv_path)]
    wall, peak, code = run_child(argv, work, out, timeout)
    if code == -1:
        return None
    if code != 0:
        raise RuntimeError(f"{kind} child exited {code}: {out.with_suffix('.err').read_text()[-2000:]}")
    data = json.loads(out.read_text())
    return {"wall": wall, "peak_mb": data.pop("peak_mb_self"), "peak_mb_wait4": peak, **data}


def med(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller inputs (smoke test); results are not written")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per size and tool (median is reported)")
    parser.add_argument("--pycanon-limit", type=float, default=180.0,
                        help="seconds pycanon may take on a size before it is left out there")
    parser.add_argument("--results", type=Path, default=None,
                        help="where to write the Markdown (default benchmarks/results_kanon.md; none with --quick)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, path = args.child
        result = CHILDREN[kind](path)
        result["peak_mb_self"] = peak_rss_mb()
        print(json.dumps(result))
        return 0

    command = "python " + " ".join(shlex.quote(a) for a in [os.path.relpath(__file__), *sys.argv[1:]])
    sizes = [10_000, 100_000] if args.quick else [100_000, 1_000_000]
    results_path = args.results or (None if args.quick else HERE / "results_kanon.md")
    kinds = ("outscan", "pycanon", "groupby", "cli")

    with tempfile.TemporaryDirectory(prefix="outscan-kanon-") as tmp:
        work = Path(tmp)
        files: dict[int, Path] = {}
        for rows in sizes:
            files[rows] = work / f"records_{rows}.csv"
            start = time.perf_counter()
            write_records(files[rows], rows, random.Random(SEED))
            print(f"generated {files[rows].name}: {rows:,} rows, {files[rows].stat().st_size / 1e6:.1f} MB "
                  f"in {time.perf_counter() - start:.1f}s", flush=True)

        raw: dict[tuple[int, str], list[dict]] = {(n, k): [] for n in sizes for k in kinds}
        pycanon_dropped: dict[int, float] = {}
        for repeat in range(args.repeat):
            for rows in sizes:
                order = kinds[repeat % len(kinds):] + kinds[: repeat % len(kinds)]
                for kind in order:
                    if kind == "pycanon" and rows in pycanon_dropped:
                        continue
                    timeout = args.pycanon_limit if kind == "pycanon" else None
                    result = measure(kind, files[rows], work, f"{kind}-{rows}-{repeat}", timeout)
                    if result is None:
                        pycanon_dropped[rows] = args.pycanon_limit
                        print(f"  round {repeat + 1}  {rows:>9,} rows  pycanon  over {args.pycanon_limit:.0f}s: "
                              "left out at this size", flush=True)
                        continue
                    raw[(rows, kind)].append(result)
                    detail = (f"read {result['read']:6.2f}s  k {result['k_seconds']:7.2f}s" if kind != "cli"
                              else f"{'':>25}")
                    print(f"  round {repeat + 1}/{args.repeat}  {rows:>9,} rows  {kind:<8} {detail}  "
                          f"wall {result['wall']:7.2f}s  peak {result['peak_mb']:7.1f} MB", flush=True)

        lines = [
            "| rows | tool | read s | k-anonymity s | child wall s | peak MB (after read) | k | unique records |",
            "|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        ratios = []
        for rows in sizes:
            reference = raw[(rows, "outscan")]
            k_expected = reference[0]["k"]
            for kind, label in (("outscan", "outscan OS111 path (detection + k)"),
                                ("pycanon", "pycanon `k_anonymity`"),
                                ("groupby", "pandas `groupby(QI).size()`")):
                measured = raw[(rows, kind)]
                if not measured:
                    lines.append(f"| {rows:,} | {label} | – | > {pycanon_dropped[rows]:.0f} (left out) | – | – | – "
                                 "| – |")
                    continue
                assert all(r["k"] == k_expected for r in measured), f"{kind} finds another k at {rows} rows"
                unique = measured[0]["unique"]
                if unique is not None:
                    assert unique == reference[0]["unique"], f"{kind} finds other unique records at {rows} rows"
                lines.append(
                    f"| {rows:,} | {label} | {med(measured, 'read'):.2f} | {med(measured, 'k_seconds'):.2f} | "
                    f"{med(measured, 'wall'):.2f} | {med(measured, 'peak_mb'):.0f} ({med(measured, 'read_mb'):.0f}) | "
                    f"{measured[0]['k']} | {'' if unique is None else f'{unique:,}'} |")
            cli = raw[(rows, "cli")]
            lines.append(f"| {rows:,} | `outscan scan --format json -o` (every check) | | | {med(cli, 'wall'):.2f} | "
                         f"{med(cli, 'peak_mb'):.0f} | | |")
            if raw[(rows, "pycanon")]:
                pycanon_k = med(raw[(rows, "pycanon")], "k_seconds")
                ratios.append(f"{rows:,} rows: pycanon takes {pycanon_k / med(reference, 'k_seconds'):.1f}x outscan's "
                              f"OS111 path and {pycanon_k / med(raw[(rows, 'groupby')], 'k_seconds'):.0f}x the pandas "
                              f"group-by; outscan's OS111 path takes "
                              f"{med(reference, 'k_seconds') / med(raw[(rows, 'groupby')], 'k_seconds'):.1f}x the "
                              "pandas group-by")
        import resource

        parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        versions = []
        for module in ("pandas", "pycanon"):
            try:
                versions.append(f"{module} {__import__(module).__version__}")
            except Exception:  # noqa: BLE001 - a version string only
                versions.append(f"{module} ?")
        from outscan import __version__ as outscan_version

        qi = raw[(sizes[0], "outscan")][0]["qi"]
        meta = [
            f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- command: `{command}` (run from the repository root)",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
            f"{platform.machine()}, nproc {os.cpu_count()}; outscan {outscan_version}, {', '.join(versions)}",
            f"- quasi-identifiers: {', '.join(QUASI_IDENTIFIERS)} (pycanon and pandas are given them; outscan finds "
            f"them by header: {', '.join(qi)})",
            f"- median of {args.repeat} interleaved runs, each in a fresh child process; read and k timed apart inside "
            "the child after imports; peak MB is the child's own high-water RSS (VmHWM; for the CLI, ru_maxrss from "
            "wait4), interpreter and imports included, and the peak after reading in brackets",
            "- k-anonymity time: " + "; ".join(ratios),
            f"- peak RSS of this driver process: {parent_mb:.0f} MB",
        ]
        table = "\n".join(lines)
        print("\n" + table + "\n")
        print("\n".join(meta))
        if results_path is not None:
            results_path.write_text(
                "# Benchmark results: k-anonymity, outscan vs pycanon and a plain pandas group-by\n\n"
                "Produced by `benchmarks/bench_kanon.py`; see `benchmarks/README.md` (k-anonymity) for what is "
                "measured.\n\n" + table + "\n\n" + "\n".join(meta) + "\n", encoding="utf-8")
            print(f"\nwrote {results_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
