"""The JSON report: the versioned contract other tools read (schema: outscan/schema/report.schema.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from outscan.model import (Category, FileResult, FileStatus, Finding, Location, Report, Review, Severity,
                           Suppressed, TableExcerpt)

SCHEMA_VERSION = "1.2"  # 1.1: highlight, excerpts, reviews; 1.2: also_in (all optional)


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
        **({"excerpts": [e.to_dict() for e in report.excerpts]} if report.excerpts else {}),
        **({"reviews": [r.to_dict() for r in report.reviews.values()]} if report.reviews else {}),
        **({"reopened": [r.to_dict() for r in report.reopened.values()]} if report.reopened else {}),
    }


def render(report: Report, **_: Any) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


class ReportFileError(Exception):
    """A report file that cannot be read back: not JSON, not outscan's, or of another schema."""


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(resources.files("outscan").joinpath("schema", "report.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_problem(data: object) -> str | None:
    """Why `data` is not a report of this schema (the first problem found), or None."""
    error = next(iter(_validator().iter_errors(data)), None)
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "the top level"
    return f"{where}: {error.message[:200]}"


def _finding(data: dict[str, Any]) -> Finding:
    highlight = data.get("highlight")
    return Finding(rule=data["rule"], name=data["name"], category=Category(data["category"]),
                   severity=Severity(data["severity"]), path=data["path"], location=Location(**data["location"]),
                   message=data["message"], evidence=data["evidence"], clauses=tuple(data.get("clauses", ())),
                   fingerprint=data["fingerprint"], highlight=tuple(highlight) if highlight else None,
                   also_in=tuple(data.get("also_in", ())))


def from_dict(data: dict[str, Any]) -> Report:
    """The report a JSON report was written from: what `outscan report` and `outscan review` read."""
    files = tuple(FileResult(f["path"], f["kind"], f["size"], f.get("sha256"), FileStatus(f["status"]),
                             f.get("error"), f.get("note")) for f in data["files"])
    excerpts = tuple(TableExcerpt(path=e["path"], where=Location(**e["where"]), columns=tuple(e["columns"]),
                                  column_numbers=tuple(e.get("column_numbers", ())), width=e.get("width", 0),
                                  rows=tuple((r["row"], tuple(r["cells"])) for r in e["rows"]),
                                  flagged=frozenset((row, column) for row, column in e["flagged"]))
                     for e in data.get("excerpts", ()))
    return Report(
        tool_version=data["tool"]["version"],
        generated_at=data["generated_at"],
        roots=tuple(data["roots"]),
        policy=data["policy"],
        files=files,
        findings=tuple(_finding(f) for f in data["findings"]),
        suppressed=tuple(Suppressed(_finding(s), s["suppression"]["kind"], s["suppression"]["justification"])
                         for s in data.get("suppressed", ())),
        excerpts=excerpts,
        reviews={r["fingerprint"]: Review.from_dict(r) for r in data.get("reviews", ())},
        reopened={r["fingerprint"]: Review.from_dict(r) for r in data.get("reopened", ())},
    )


def load(path: Path) -> Report:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportFileError(f"cannot read the report {path}: {exc}") from exc
    tool = data.get("tool") if isinstance(data, dict) else None
    if not isinstance(tool, dict) or tool.get("name") != "outscan":
        raise ReportFileError(f"{path} is not an outscan JSON report (write one with `outscan scan --format json`)")
    if str(data.get("schema_version", "")).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ReportFileError(f"{path} has report schema {data.get('schema_version')}; this outscan reads "
                              f"{SCHEMA_VERSION}")
    problem = schema_problem(data)
    if problem is not None:
        raise ReportFileError(f"{path} is not a valid outscan report ({problem})")
    try:
        return from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ReportFileError(f"{path} is not a complete outscan report ({type(exc).__name__}: {exc})") from exc
