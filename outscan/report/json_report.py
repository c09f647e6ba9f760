"""The JSON report: the versioned contract other tools read (schema: outscan/schema/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from outscan.model import Report

SCHEMA_VERSION = "1.0"


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "outscan", "version": report.tool_version},
        "generated_at": report.generated_at,
        "roots": list(report.roots),
        "policy": report.policy,
        "summary": report.summary(),
        "files": [f.to_dict() for f in report.files],
        "findings": [f.to_dict() for f in report.findings],
        **({"suppressed": [s.to_dict() for s in report.suppressed]} if report.suppressed else {}),
    }


def render(report: Report, **_: Any) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
