"""Formatters: one module per output format, each turning a `Report` into text.

A formatter never re-scans and never sees a value the report did not keep.
"""

from __future__ import annotations

from collections.abc import Callable

from outscan.model import Report
from outscan.report import console, github, gitlab, json_report, junit, sarif

Formatter = Callable[..., str]

FORMATTERS: dict[str, Formatter] = {
    "console": console.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}


def render(report: Report, format_name: str, **options) -> str:
    return FORMATTERS[format_name](report, **options)
