"""Headless Chromium for the HTML worksheet: its test and scripts/make_worksheet_screenshot.py.

One helper finds the browser and runs it offline (no sync, no network fetches, no GPU) with
flags that also work as root inside a container. Nothing here needs a driver or a package:
``--dump-dom`` prints the DOM after the page's scripts ran, ``--screenshot`` writes a PNG.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# Names a Chromium or Chrome binary goes by; CHROMIUM (a path) wins over all of them.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT = 60

FLAGS = (
    "--headless",
    "--no-sandbox",  # as root in a container the sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers have a tiny /dev/shm
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-sync",
    "--metrics-recording-only",
    "--hide-scrollbars",
)


class BrowserError(RuntimeError):
    """Chromium ran but did not do what was asked (exit status, timeout, no output)."""


def find_chromium() -> str | None:
    """The Chromium binary to use, or None when there is none on this machine."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(page: Path, *args: str, binary: str | None = None, timeout: int = TIMEOUT) -> str:
    """Open `page` (a local file) in headless Chromium with `args`; its standard output.

    A fresh profile directory per run, removed afterwards: no state carries between runs.
    """
    binary = binary or find_chromium()
    if binary is None:
        raise BrowserError("no Chromium found (set CHROMIUM to its path)")
    with tempfile.TemporaryDirectory(prefix="outscan-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BrowserError(f"Chromium did not finish within {timeout} s: {' '.join(command)}") from exc
    if done.returncode != 0:
        raise BrowserError(f"Chromium exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def dump_dom(page: Path, *args: str, **options) -> str:
    """The page's DOM after load (its scripts have run), serialised as HTML."""
    dom = run_chromium(page, "--virtual-time-budget=5000", *args, "--dump-dom", **options)
    if "<html" not in dom:
        raise BrowserError("Chromium printed no DOM")
    return dom


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 1800, **options) -> Path:
    """A PNG of the page's first `width` × `height` CSS pixels."""
    png = png.resolve()
    png.unlink(missing_ok=True)
    run_chromium(page, f"--screenshot={png}", f"--window-size={width},{height}", "--virtual-time-budget=5000",
                 **options)
    if not png.is_file():
        raise BrowserError(f"Chromium wrote no screenshot to {png}")
    return png
