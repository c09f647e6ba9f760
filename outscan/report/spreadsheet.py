"""The worksheet's rows for teams that review in spreadsheets: CSV and XLSX.

One row per finding with its masked evidence and the decision columns (decision, reason,
comment, reviewer) filled from the decisions made so far, for the rest to be filled in.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from outscan.model import REASONS, Decision, Report
from outscan.report.worksheet import EXPORT_COLUMNS, build, export_rows

# A cell starting with one of these is a formula to a spreadsheet program: shown as text instead.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(report: Report, **_: Any) -> str:
    rows = export_rows(build(report))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _safe(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def render_xlsx(report: Report, **_: Any) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    worksheet = build(report)
    rows = export_rows(worksheet)
    book = Workbook()
    book.properties.title = "outscan review worksheet"
    book.properties.creator = f"outscan {report.tool_version}"
    sheet = book.active
    sheet.title = "findings"
    columns = list(EXPORT_COLUMNS)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(row[c]) if c != "number" else int(row[c]) for c in columns])
    sheet.freeze_panes = "A2"
    widths = {"message": 60, "evidence": 50, "path": 40, "location": 28, "comment": 40, "clauses": 28}
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = widths.get(name, 14)
    last = max(len(rows) + 1, 2)
    # The decision and reason columns offer the worksheet's choices, as the HTML form does.
    for name, choices in (("decision", [d.value for d in Decision]), ("reason", list(REASONS))):
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        letter = sheet.cell(1, columns.index(name) + 1).column_letter
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    fills = {"block": "F8D7DA", "review": "FFF3CD"}
    severity_column = columns.index("severity") + 1
    for row_index in range(2, len(rows) + 2):
        fill = fills.get(sheet.cell(row_index, severity_column).value)
        if fill:
            sheet.cell(row_index, severity_column).fill = PatternFill("solid", fgColor=fill)

    about = book.create_sheet("about")
    about.append(["outscan version", report.tool_version])
    about.append(["generated", report.generated_at])
    about.append(["scanned", ", ".join(report.roots)])
    about.append(["policy", worksheet.packs])
    about.append([])
    about.append(["file", "size", "sha256", "status"])
    for f in report.files:
        about.append([_safe(f.path), f.size, f.sha256 or "", f.status.value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

