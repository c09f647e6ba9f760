"""What the benchmarks share: a process's own peak memory, and how to run the outscan CLI."""

from __future__ import annotations

import sys
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak RSS so far (VmHWM on Linux, which a spawned child does not inherit;
    ru_maxrss elsewhere), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def outscan_cli() -> list[str]:
    """The installed `outscan` script beside this interpreter, else `python -m outscan`."""
    script = Path(sys.executable).with_name("outscan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "outscan"]
