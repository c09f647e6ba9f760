"""CSV, TSV and other delimited exports (CDC WONDER .txt, State Cancer Profiles .csv).

Rows are streamed from disk with the csv module and kept once, as tuples of the text the
file holds: no type guessing (pandas would turn "<11" into NaN and "06041" into 6041,
which is exactly what a disclosure check must see).
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path

from outscan.documents import Table
from outscan.readers.errors import ReadError
from outscan.readers.text_encoding import detect_encoding
from outscan.tables.layout import find_table

_CANDIDATES = (",", "\t", ";", "|")
_SNIFF_CHARS = 64 * 1024

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def sniff_delimiter(sample: str, preferred: str | None = None) -> str:
    """The delimiter that splits the sample's lines into the most, most consistent fields."""
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    if not lines:
        return preferred or ","
    best, best_score = preferred or ",", -1.0
    for delimiter in _CANDIDATES:
        widths = Counter(len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
        width, frequency = widths.most_common(1)[0]
        if width < 2:
            continue
        # Consistent width across lines matters more than many fields.
        score = frequency / len(lines) * 10 + min(width, 50) / 50
        if delimiter == preferred:
            score += 0.5
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_delimited(path: Path, preferred_delimiter: str | None = None) -> list[Table]:
    encoding, errors = detect_encoding(path)
    try:
        with path.open("r", encoding=encoding, errors=errors, newline="") as handle:
            sample = handle.read(_SNIFF_CHARS)
            delimiter = sniff_delimiter(sample, preferred_delimiter)
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            # The record count, not the line count, is the spreadsheet row (quoted
            # fields may span lines); blank lines are rows too, as a spreadsheet shows them.
            records = [(number, tuple(fields)) for number, fields in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise ReadError(f"not a readable delimited file: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ReadError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}") from exc
    if "\x00" in sample:
        raise ReadError("binary content: this is not a text file")
    table = find_table(records)
    if table is None:
        raise ReadError("no table found: the file holds no values")
    table.source_encoding = encoding
    return [table]
