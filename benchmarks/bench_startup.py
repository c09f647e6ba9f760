"""Benchmark: how fast `outscan scan` answers a pre-commit hook.

    python benchmarks/bench_startup.py            # 5 runs each, medians

A hook runs on every commit, so what counts is the whole command: interpreter start,
imports, discovery, the checks and the report. Compared, each as a fresh process:

1. ``outscan --version`` — the floor: Python and the CLI's imports;
2. ``outscan scan`` on 10 files a commit typically touches (code, a config, small tables);
3. the same 10 files plus one Markdown manuscript — the first file with prose loads the
   spaCy model, which the others never do;
4. ``python -c pass`` — the interpreter alone, for scale.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _files(folder: Path, with_prose: bool) -> list[str]:
    paths = []
    for index in range(4):
        path = folder / f"src/step{index}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"import pandas as pd\n\ndef step{index}(df):\n    return df.groupby('site').size()\n")
        paths.append(path)
    for index in range(3):
        path = folder / f"results/table{index}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Group,Cases,Rate\n" + "".join(f"G{i},{40 + i},{1.5 + i:.1f}\n" for i in range(20)))
        paths.append(path)
    for index, name in enumerate(("config.yaml", "settings.toml", "setup.cfg")):
        path = folder / name
        path.write_text(["threads: 4\n", "[run]\nseed = 1\n", "[metadata]\nname = analysis\n"][index])
        paths.append(path)
    if with_prose:
        path = folder / "paper.md"
        path.write_text("# Results\n\nSurvival was estimated with the Kaplan-Meier method among 1,842 children.\n")
        paths.append(path)
    return [str(p) for p in paths]


def _time(command: list[str], cwd: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    outscan = [sys.executable, "-m", "outscan"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ten = _files(folder, with_prose=False)
        eleven = _files(folder, with_prose=True)
        rows = [
            ("python -c pass", _time([sys.executable, "-c", "pass"], folder, args.repeat)),
            ("outscan --version", _time([*outscan, "--version"], folder, args.repeat)),
            ("outscan scan: 10 files (code, config, tables)", _time([*outscan, "scan", "--exit-zero", *ten], folder,
                                                                     args.repeat)),
            ("outscan scan: the same + 1 manuscript (loads spaCy)",
             _time([*outscan, "scan", "--exit-zero", *eleven], folder, args.repeat)),
        ]
    print(f"Median of {args.repeat} runs, each a fresh process; `python benchmarks/bench_startup.py`\n")
    print("| command | seconds |\n|---|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
