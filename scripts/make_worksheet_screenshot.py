"""Make docs/worksheet.png, the README's picture of the HTML reviewer's worksheet.

Photographs the top of sample_data/reports/worksheet.html (written by
scripts/make_sample_reports.py, which calls this) with headless Chromium, through the helper
the worksheet's browser test uses (tests/browser.py).

The picture is as tall as it takes to show the header, the summary by clause and the findings
down to the first table excerpt with a highlighted cell (measured in the browser), unless
--height says otherwise; with Pillow installed it is stored with a 256-colour palette, which
keeps it small without blurring the text.

    python scripts/make_worksheet_screenshot.py [--page PAGE.html] [--width 1280] [--height N]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import BrowserError, dump_dom, find_chromium, screenshot  # noqa: E402

DEFAULT_OUTPUT = ROOT / "docs" / "worksheet.png"
DEFAULT_PAGE = ROOT / "sample_data" / "reports" / "worksheet.html"
MAX_HEIGHT = 4000

# Appended to a copy of the page to measure it: where the first highlighted table cell's
# table ends, in CSS pixels from the top, written into the DOM for --dump-dom to carry out.
MEASURE = """<script>
(function () {
  var cell = document.querySelector("td.flagged");
  var table = cell && cell.closest(".excerpt");
  var bottom = table ? table.getBoundingClientRect().bottom + window.scrollY : 0;
  var out = document.createElement("output"); out.id = "measured-bottom"; out.value = String(Math.ceil(bottom));
  document.body.appendChild(out);
}());
</script>"""


def first_table_bottom(page_text: str, folder: Path, width: int) -> int | None:
    """Where the first table excerpt with a highlighted cell ends when the page is `width` wide."""
    probe = folder / "measure.html"
    probe.write_text(page_text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = dump_dom(probe, f"--window-size={width},1000")
    marker = 'id="measured-bottom"'
    if marker not in dom:
        return None
    tail = dom.split(marker, 1)[1]
    digits = "".join(ch for ch in tail.split(">", 1)[1].split("<", 1)[0] if ch.isdigit())
    return int(digits) if digits and int(digits) > 0 else None


def shrink(png: Path) -> None:
    """Store the screenshot with a 256-colour palette when Pillow is there (a UI picture loses nothing)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                dither=Image.Dither.NONE)
    palette.save(png, optimize=True)


def photograph(page_text: str, output: Path, width: int = 1280, height: int | None = None) -> tuple[Path, int]:
    """The page's top as a PNG: down to its first highlighted table unless `height` is given."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="outscan-worksheet-") as tmp:
        page = Path(tmp) / "worksheet.html"
        page.write_text(page_text, encoding="utf-8")
        if height is None:
            bottom = first_table_bottom(page_text, Path(tmp), width)
            height = min(MAX_HEIGHT, math.ceil(((bottom or 1800) + 40) / 50) * 50)
        png = screenshot(page, output, width=width, height=height)
    shrink(png)
    return png, height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=None,
                        help="default: down to the first table excerpt with a highlighted cell")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    if find_chromium() is None:
        print("make_worksheet_screenshot: no Chromium found (install chromium or set CHROMIUM)", file=sys.stderr)
        return 1
    try:
        png, height = photograph(args.page.read_text(encoding="utf-8"), args.output.resolve(), args.width,
                                 args.height)
    except BrowserError as exc:
        print(f"make_worksheet_screenshot: {exc}", file=sys.stderr)
        return 1
    shown = png.relative_to(ROOT) if png.is_relative_to(ROOT) else png
    print(f"{shown}: {png.stat().st_size:,} bytes ({args.width}×{height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
