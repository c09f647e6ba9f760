"""XLSX/XLSM workbooks: every sheet, values as Excel displays them, merged cells filled."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from outscan.documents import Table
from outscan.readers.errors import ReadError
from outscan.tables.layout import find_table

# openpyxl's full mode is needed for merged cells but holds every cell object; past this
# size read-only streaming is used and merged ranges are not filled.
_STREAMING_ABOVE_BYTES = 20 * 1024 * 1024

# A formula cell with no saved result: written by a program that does not calculate
# (openpyxl, pandas), so its value is unknown until a spreadsheet application saves it.
_UNCACHED_FORMULA = re.compile(rb"<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_ATTRIBUTES = re.compile(rb'([\w:]+)="([^"]*)"')
_CHUNK = 1 << 20


def display_text(value: object, number_format: str = "General") -> str:
    """The text a spreadsheet shows for a cell value (close enough for classification)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if "%" in (number_format or ""):
            return f"{value * 100:g}%"
        if value.is_integer():
            return str(int(value))
        return f"{value:.10g}"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path) -> list[Table]:
    import openpyxl  # imported here: only XLSX scans pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    streaming = path.stat().st_size > _STREAMING_ABOVE_BYTES
    # Given a file object, not a name: openpyxl refuses names that do not end in .xlsx, and
    # discovery finds workbooks by content (an export renamed .dat is still a workbook).
    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=streaming, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException) as exc:
            raise ReadError(f"damaged or not an XLSX workbook: {exc}") from exc
        except KeyError as exc:
            raise ReadError(f"damaged XLSX workbook: missing part {exc}") from exc
        except (OSError, EOFError, ValueError, TypeError) as exc:
            raise ReadError(f"damaged XLSX workbook: {exc}") from exc
        try:
            tables = [table for sheet in workbook.worksheets
                      if hasattr(sheet, "iter_rows")  # chart sheets hold no cells
                      and (table := find_table(_sheet_records(sheet, streaming), sheet=sheet.title)) is not None]
            uncached = uncached_formulas(zipfile.ZipFile(handle))
        except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError) as exc:
            raise ReadError(f"damaged XLSX workbook: {exc}") from exc
        finally:
            if streaming:
                workbook.close()
    for table in tables:
        if uncached.get(table.sheet):
            table.problems.append(
                f"sheet '{table.sheet}': {uncached[table.sheet]} formula cell(s) have no saved value, so outscan "
                "cannot see what they show; open and save the workbook in a spreadsheet application")
    return tables


def uncached_formulas(archive: zipfile.ZipFile) -> dict[str, int]:
    """Formula cells without a saved result, per sheet title, read from the sheets' XML in chunks."""
    if "xl/workbook.xml" not in archive.namelist():
        return {}  # an unusual package layout: openpyxl read it, the values are what it saw
    sheets = {attrs.get(b"r:id"): attrs.get(b"name", b"").decode("utf-8", "replace")
              for attrs in _tags(archive.read("xl/workbook.xml"), b"sheet")}
    rels = {attrs.get(b"Id"): attrs.get(b"Target", b"").decode("utf-8", "replace")
            for attrs in _tags(archive.read("xl/_rels/workbook.xml.rels"), b"Relationship")}
    counts: dict[str, int] = {}
    for rel_id, title in sheets.items():
        target = rels.get(rel_id, "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member not in archive.namelist():
            continue
        found, carry = 0, b""
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                data = carry + chunk
                cut = data.rfind(b"</c>") + 4  # cells never straddle what is searched
                found += len(_UNCACHED_FORMULA.findall(data, 0, cut))
                carry = data[cut:]
        if found:
            counts[title] = found
    return counts


def _tags(xml: bytes, name: bytes) -> list[dict[bytes, bytes]]:
    return [dict(_ATTRIBUTES.findall(tag)) for tag in re.findall(rb"<" + name + rb"\b[^>]*>", xml)]


def _sheet_records(sheet, streaming: bool) -> list[tuple[int, tuple[str, ...]]]:
    grid: dict[int, list[str]] = {}
    for row in sheet.iter_rows():
        cells = [c for c in row if getattr(c, "row", None) is not None]
        if not cells:
            continue
        number = cells[0].row
        texts = [""] * (max(c.column for c in cells))
        for cell in cells:
            texts[cell.column - 1] = display_text(cell.value, getattr(cell, "number_format", "General"))
        grid[number] = texts
    if not streaming:
        for merged in sheet.merged_cells.ranges:
            anchor = grid.get(merged.min_row, [])
            value = anchor[merged.min_col - 1] if merged.min_col - 1 < len(anchor) else ""
            for row in range(merged.min_row, merged.max_row + 1):
                texts = grid.setdefault(row, [])
                if len(texts) < merged.max_col:
                    texts.extend([""] * (merged.max_col - len(texts)))
                for column in range(merged.min_col, merged.max_col + 1):
                    texts[column - 1] = value
    if not grid:
        return []
    return [(number, tuple(grid.get(number, ()))) for number in range(1, max(grid) + 1)]
