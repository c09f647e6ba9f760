"""Formatters: one module per output format, each turning a `Report` into text.

A formatter never re-scans and never sees a value the report did not keep.
"""

from __future__ import annotations

from collections.abc import Callable

from outscan.model import Report
from outscan.report import console, github, gitlab, json_report, junit, markdown, sarif, spreadsheet

Formatter = Callable[..., str | bytes]


def _html(report: Report, **options) -> str:
    from outscan.report import html  # Jinja2 is imported only when a worksheet is drawn

    return html.render(report, **options)


FORMATTERS: dict[str, Formatter] = {
    "console": console.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
    "html": _html,
    "markdown": markdown.render,
    "csv": spreadsheet.render_csv,
    "xlsx": spreadsheet.render_xlsx,
}
# Formats that are files rather than text: written with --output, never to a terminal.
BINARY_FORMATS = frozenset({"xlsx"})


def render(report: Report, format_name: str, **options) -> str | bytes:
    return FORMATTERS[format_name](report, **options)
