"""Find the table inside a sheet of records: title lines, header rows, data, footnotes.

Real exports are not tidy grids. State Cancer Profiles files open with title lines and
close with paragraphs of footnotes; CDC WONDER appends a notes block after ``"---"``;
clinical "Table 1"s carry a spanning header row ("Male", "", "Female", "") over
"n", "%" columns and section rows ("Age group") between the data rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from outscan.documents import Table, TableRow
from outscan.tables.cells import CellKind, parse_cell

_SEPARATOR = re.compile(r"^-{3,}$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMERIC_KINDS = {CellKind.COUNT, CellKind.NUMBER, CellKind.PERCENT, CellKind.CODE, CellKind.INEQUALITY}
_PROSE_LENGTH = 60
_HEADER_SEARCH_ROWS = 200


def _filled(cells: tuple[str, ...]) -> list[int]:
    return [i for i, c in enumerate(cells) if c and not c.isspace()]


def _last_filled(cells: tuple[str, ...]) -> int:
    for i in range(len(cells) - 1, -1, -1):
        if cells[i] and not cells[i].isspace():
            return i
    return -1


def _distinct_filled(cells: tuple[str, ...]) -> int:
    """Non-empty cells, a merged title repeated across a row counting once."""
    return len({c.strip() for c in cells if c.strip()})


def _find_header_start(records: list[tuple[int, tuple[str, ...]]], non_blank: list[int]) -> int:
    """The first row as wide as the table: title lines above it may split on their commas."""
    widths = [_distinct_filled(records[i][1]) for i in non_blank]
    wide = [w for w in widths if w >= 2]
    if not wide:
        return non_blank[0]  # a single column: its first line is the header
    # The table's width is the commonest; between equally common widths, the wider (two
    # comma-split title lines must not outvote a two-row table).
    modal = max(set(wide), key=lambda w: (wide.count(w), w))
    for position, (i, width) in enumerate(zip(non_blank, widths)):
        following = position + 1 < len(non_blank) and records[non_blank[position + 1]][1]
        if following and _is_spanning_header(records[i][1], following):
            return i
        if width < 2 or width < modal / 2:
            continue
        prose = any(len(c.strip()) > _PROSE_LENGTH for c in records[i][1])
        if prose and width < modal:
            continue
        # A title split on its commas is narrower than the header row right below it, and
        # fills its cells from the first column on (a header over an index column does not).
        filled = _filled(records[i][1])
        if following and widths[position + 1] > width and _is_header_like(following) \
                and filled == list(range(len(filled))):
            continue
        # ... and so is one followed by another title line, not by the header.
        if width < modal and _is_split_sentence(records[i][1]):
            continue
        return i
    return non_blank[0]


def _is_spanning_header(cells: tuple[str, ...], below: tuple[str, ...]) -> bool:
    """",Male,,Female," over "Stage,n,%,n,%": group labels with gaps the header row below fills.

    A title split on its commas fills its cells side by side from the first column instead.
    """
    filled = _filled(cells)
    if len({cells[i].strip() for i in filled}) < 2 or filled == list(range(len(filled))):
        return False
    if not _is_header_like(below) or not _is_header_like(cells):
        return False
    under_gaps = [i for i in _filled(below) if i > filled[0] and i not in filled]
    return len(under_gaps) >= len(filled) - 1 and len(under_gaps) > 0


def _is_numeric(text: str) -> bool:
    stripped = text.strip()
    if _YEAR.match(stripped):
        return False  # years head columns ("2019", "2020") as often as they fill them
    return parse_cell(stripped).kind in _NUMERIC_KINDS


def _is_value(text: str) -> bool:
    kind = parse_cell(text).kind
    return kind in _NUMERIC_KINDS or kind in (CellKind.SUPPRESSED, CellKind.FLAG, CellKind.INTERVAL)


def _is_header_like(cells: tuple[str, ...]) -> bool:
    filled = _filled(cells)
    numbers = [cells[i].strip() for i in filled if _is_numeric(cells[i])]
    if len(numbers) >= 3 and _consecutive(numbers):
        return True  # single years of age or ordinal categories heading the columns: "0,1,2,3,4"
    return len(numbers) <= max(0, (len(filled) - 1) // 3)


def _consecutive(numbers: list[str]) -> bool:
    if not all(n.isdigit() for n in numbers):
        return False
    values = [int(n) for n in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def _is_split_sentence(cells: tuple[str, ...]) -> bool:
    """A sentence the delimiter cut up ("Source: state registry, 2019"), not a row of cells.

    Prose puts a space after its commas, so every piece after the first starts with one;
    the first piece reads as words, and the pieces sit side by side from the first column.
    """
    filled = _filled(cells)
    if len(filled) < 2 or filled != list(range(len(filled))):
        return False
    return len(cells[0].split()) >= 3 and all(cells[i][:1].isspace() for i in filled[1:])


def _is_data_row(cells: tuple[str, ...], width: int) -> bool:
    filled = _filled(cells)
    if width == 1:
        return len(filled) == 1 and _is_value(cells[filled[0]])  # a one-column table
    if len(filled) < 2:
        return False
    # A footnote split on its commas ("Source: state registry, 2019") is not data, year or not.
    if len(filled) < width and _is_split_sentence(cells):
        return False
    if any(_is_value(cells[i]) for i in filled[1:]):
        return True
    # A row of labels only (e.g. all-text categories) still belongs to the table when it is
    # about as wide as the header; a footnote split on its commas is not.
    long_prose = sum(1 for i in filled if len(cells[i]) > _PROSE_LENGTH)
    return len(filled) >= max(2, 0.6 * width) and not long_prose


def _is_separator(cells: tuple[str, ...]) -> bool:
    filled = _filled(cells)
    return len(filled) == 1 and bool(_SEPARATOR.match(cells[filled[0]].strip()))


def _merge_header(rows: list[tuple[str, ...]], width: int) -> tuple[str, ...]:
    """Join stacked header rows per column; a spanning label covers the empty cells to its right."""
    merged = [""] * width
    for depth, cells in enumerate(rows):
        spanning = depth < len(rows) - 1
        carry = ""
        for column in range(width):
            text = cells[column].strip() if column < len(cells) else ""
            if text:
                carry = text
            elif spanning and column > 0:
                text = carry
            if text:
                merged[column] = f"{merged[column]} {text}".strip()
    return tuple(merged)


def find_table(records: Iterable[tuple[int, tuple[str, ...]]], sheet: str | None = None) -> Table | None:
    """The one table in `records` (row number, cells), or None when there is none."""
    records = [(number, cells) for number, cells in records]
    # Titles and headers sit at the top: the first rows with content are enough to find
    # them, and a table of 100,000 rows is not walked again for it.
    non_blank = []
    for i, (_, cells) in enumerate(records):
        if _filled(cells):
            non_blank.append(i)
            if len(non_blank) == _HEADER_SEARCH_ROWS:
                break
    if not non_blank:
        return None

    start = _find_header_start(records, non_blank)
    title = tuple(
        " ".join(c.strip() for c in records[i][1] if c.strip()) for i in non_blank if i < start
    )

    width = max((_last_filled(cells) + 1 for _, cells in records[start:]), default=1)
    header_indexes: list[int] = []
    first_data = start
    if _is_header_like(records[start][1]):
        header_indexes.append(start)
        first_data = start + 1
        # Stacked headers: the upper row leaves gaps that the row below fills ("n", "%").
        upper = [records[start][1][i].strip() if i < len(records[start][1]) else "" for i in range(width)]
        # A spanning label leaves gaps (CSV) or repeats across merged cells (XLSX).
        has_span = any(not upper[i] or upper[i] == upper[i - 1] for i in range(1, width))
        while has_span and first_data < len(records) and len(header_indexes) < 3:
            cells = records[first_data][1]
            filled = _filled(cells)
            # Header words, or bands such as "<65" / "65-74": no number, and some text.
            if len(filled) >= 2 and not any(_is_numeric(cells[i]) for i in filled) \
                    and any(parse_cell(cells[i]).kind is CellKind.TEXT for i in filled) \
                    and _next_is_data(records, first_data, width):
                header_indexes.append(first_data)
                first_data += 1
            else:
                break

    if header_indexes:
        header = _merge_header([records[i][1] for i in header_indexes], width)
    else:
        header = ("",) * width

    end = len(records)
    for i in range(first_data, len(records)):
        if _is_separator(records[i][1]):
            end = i
            break
    # The table ends at its last data row; everything below is footnotes. Searching from
    # the end tests only the tail, not every row of a large table.
    last_data = first_data - 1
    for i in range(end - 1, first_data - 1, -1):
        if _is_data_row(records[i][1], width):
            last_data = i
            break

    rows = [
        TableRow(records[i][0], records[i][1]) for i in range(first_data, last_data + 1)
    ]
    notes = tuple(
        " ".join(c.strip() for c in records[i][1] if c.strip())
        for i in range(last_data + 1, len(records))
        if _filled(records[i][1]) and not _is_separator(records[i][1])
    )
    return Table(
        header=header,
        rows=rows,
        header_rows=tuple(records[i][0] for i in header_indexes),
        header_cells=tuple(records[i][1] for i in header_indexes),
        sheet=sheet,
        title=title,
        title_rows=tuple(records[i][0] for i in non_blank if i < start),
        notes=notes,
    )


def _next_is_data(records: list[tuple[int, tuple[str, ...]]], index: int, width: int) -> bool:
    for _, cells in records[index + 1:index + 4]:
        if _filled(cells):
            return _is_data_row(cells, width)
    return False
