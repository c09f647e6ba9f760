"""Regenerate sample_data/reports/: the report of sample_data in every worksheet format, with a
few example decisions, and the README's screenshot of the HTML worksheet (docs/worksheet.png).

Run from anywhere: python scripts/make_sample_reports.py [--no-screenshot]

The scan is made under both agreements outscan enforces (nccr-dua, tcia-limited-access), so
every section of the worksheet has something in it. The decisions are made through the same
API `outscan review` uses, by a fictional reviewer, at a fixed time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outscan.api import scan  # noqa: E402
from outscan.decisions import attach, decide, save_decisions  # noqa: E402
from outscan.model import Decision, Severity  # noqa: E402
from outscan.policy import build_policy  # noqa: E402
from outscan.report import render  # noqa: E402

OUT = ROOT / "sample_data" / "reports"
POLICY = ("nccr-dua", "tcia-limited-access")
REVIEWER = "Sample Reviewer (fictional)"
WHEN = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc)


def example_decisions(report):
    """Three decisions of the kinds a checker makes: must change, accepted with a reason, approved."""
    by_rule = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, finding)
    made = []
    if "OS101" in by_rule:
        made.append(decide(report, by_rule["OS101"], Decision.CHANGE, REVIEWER,
                           comment="suppress the cell and its complement before release", when=WHEN))
    if "OS120" in by_rule:
        made.append(decide(report, by_rule["OS120"], Decision.ACCEPT, REVIEWER, reason="not-applicable",
                           comment="county detail is released under the project's amended DUA", when=WHEN))
    review_finding = next((f for f in report.findings if f.severity is Severity.REVIEW), None)
    if review_finding is not None:
        made.append(decide(report, review_finding, Decision.APPROVE, REVIEWER, reason="false-positive",
                           comment="checked against the source table", when=WHEN))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-screenshot", action="store_true", help="skip docs/worksheet.png (needs chromium)")
    args = parser.parse_args()

    os.chdir(ROOT)  # paths in the report are relative to the project root, as a user's would be
    report = scan(["sample_data"], build_policy(list(POLICY)))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(render(report, "json"), encoding="utf-8")
    decisions = example_decisions(report)
    save_decisions(OUT / "report.decisions.json", decisions)
    reviewed = attach(report, decisions)
    for name, file_name in (("html", "worksheet.html"), ("markdown", "worksheet.md"), ("csv", "worksheet.csv"),
                            ("xlsx", "worksheet.xlsx")):
        rendered = render(reviewed, name)
        target = OUT / file_name
        target.write_bytes(rendered) if isinstance(rendered, bytes) else target.write_text(rendered, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(report.findings)} findings, {len(decisions)} example decisions")
    if not args.no_screenshot:
        sys.path.insert(0, str(ROOT / "scripts"))
        from make_worksheet_screenshot import DEFAULT_OUTPUT, photograph

        png, height = photograph((OUT / "worksheet.html").read_text(encoding="utf-8"), DEFAULT_OUTPUT)
        print(f"wrote {png.relative_to(ROOT)} (1280×{height}, {png.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
