"""XLSX/XLSM workbooks: every sheet, values as Excel displays them, merged cells filled."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from outscan.documents import Table
from outscan.readers.errors import ReadError
from outscan.tables.layout import find_table

# openpyxl's full mode is needed for merged cells but holds every cell object; past this
# size read-only streaming is used and merged ranges are not filled.
_STREAMING_ABOVE_BYTES = 20 * 1024 * 1024


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
            return [table for sheet in workbook.worksheets
                    if hasattr(sheet, "iter_rows")  # chart sheets hold no cells
                    and (table := find_table(_sheet_records(sheet, streaming), sheet=sheet.title)) is not None]
        except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError) as exc:
            raise ReadError(f"damaged XLSX workbook: {exc}") from exc
        finally:
            if streaming:
                workbook.close()


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
