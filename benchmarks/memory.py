"""What the benchmarks share: a process's own peak memory."""

from __future__ import annotations

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
