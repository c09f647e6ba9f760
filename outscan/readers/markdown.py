"""Markdown tables: GitHub-flavoured pipe tables, and HTML tables written into the Markdown.

markdown-it-py parses the text as CommonMark with the GFM table rule, so a pipe table is
found wherever Markdown allows one (after a heading, inside a list item or a block quote)
and never inside a code block; escaped pipes (``\\|``), inline code and emphasis come out
as the text a reader sees. Each row keeps its source line. A paragraph or heading right
above the table (or, failing that, right below it) that opens with "Table" is its caption
("Table 2. Stage at diagnosis (N=180)"), as is a Pandoc caption line ("Table: ...", ": ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from outscan.documents import Table
from outscan.readers.html import clean_text, document_table, html_tables, name_tables
from outscan.readers.text_encoding import read_text

# "Table 2. ...", "Table S1: ...", "TABLE 3 - ...", "Table: ..." (Pandoc), ": ..." (Pandoc).
# "Table 2 shows that ..." is prose, not a caption: the label must be followed by punctuation.
_CAPTION = re.compile(
    r"^(?:(?:Table|TABLE)(?:\s+[A-Z]{0,2}\d+[A-Za-z]?(?:[.-]\d+)?|\s+[IVXLC]+)?\s*(?:$|[.:|\u2013\u2014-]\s*)"
    r"|:\s+\S)")
_PANDOC_MARKER = re.compile(r"^(?:Table:|:)\s+")
# "**Table 2** Stage at diagnosis": a label set in bold or italics needs no punctuation.
_EMPHASISED_LABEL = re.compile(r"^(\*\*|__|\*|_)\s*(?:Table|TABLE)\b[^*_]*\1")
# Blank lines allowed between a table and its caption.
_CAPTION_GAP = 1


def read_markdown(path: Path) -> list[Table]:
    text, encoding = read_text(path)
    tables = markdown_tables(text)
    for table in tables:
        table.source_encoding = encoding
    return tables


@dataclass
class _Block:
    """A leaf block of the document, in reading order; lines are 0-based, end exclusive."""

    kind: str  # "table", "text" (paragraph or heading), "html", "other"
    start: int
    end: int
    caption: str | None = None  # for text blocks that read as a table caption
    rows: list[tuple[int, tuple[str, ...]]] | None = None
    html: str = ""


def markdown_tables(text: str) -> list[Table]:
    """The pipe tables and HTML tables of a Markdown text, in document order, named and captioned."""
    blocks = _blocks(MarkdownIt("commonmark").enable("table").parse(text))
    captions = _captions(blocks)
    tables: list[Table] = []
    for index, block in enumerate(blocks):
        if block.kind == "table":
            table = document_table(block.rows or [], captions.get(index), header_known=True)
            if table is not None:
                tables.append(table)
        elif block.kind == "html":
            found = html_tables(block.html, line_offset=block.start)
            if len(found) == 1 and found[0].caption is None:
                found[0].caption = captions.get(index)
            tables.extend(found)
    return name_tables(tables)


def _blocks(tokens) -> list[_Block]:
    blocks: list[_Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open":
            rows: list[tuple[int, tuple[str, ...]]] = []
            cells: list[str] = []
            line = token.map[0] if token.map else 0
            index += 1
            while index < len(tokens) and tokens[index].type != "table_close":
                inner = tokens[index]
                if inner.type == "tr_open":
                    cells = []
                    line = inner.map[0] if inner.map else line
                elif inner.type == "inline":
                    cells.append(_plain_text(inner))
                elif inner.type == "tr_close":
                    rows.append((line + 1, tuple(cells)))
                index += 1
            start, end = token.map or (0, 0)
            blocks.append(_Block("table", start, end, rows=rows))
        elif token.type in ("paragraph_open", "heading_open") and token.map:
            inline = tokens[index + 1] if index + 1 < len(tokens) else None
            caption = _caption_of(inline) if inline is not None and inline.type == "inline" else None
            blocks.append(_Block("text", token.map[0], token.map[1], caption=caption))
        elif token.type == "html_block" and token.map:
            kind = "html" if "<table" in token.content.lower() else "other"
            blocks.append(_Block(kind, token.map[0], token.map[1], html=token.content))
        elif token.map and token.nesting != -1 and token.type in ("fence", "code_block", "hr"):
            blocks.append(_Block("other", token.map[0], token.map[1]))
        index += 1
    return blocks


def _captions(blocks: list[_Block]) -> dict[int, str]:
    """Caption per table block: the caption line just above it, else just below it.

    Above is tried for every table first, so a caption between two tables goes to the
    table it heads, as journals print it.
    """
    taken: set[int] = set()
    captions: dict[int, str] = {}
    tables = [i for i, block in enumerate(blocks) if block.kind in ("table", "html")]
    for index in tables:
        above = index - 1
        if above >= 0 and blocks[above].caption and blocks[index].start - blocks[above].end <= _CAPTION_GAP:
            captions[index] = blocks[above].caption
            taken.add(above)
    for index in tables:
        below = index + 1
        if index in captions or below >= len(blocks) or below in taken:
            continue
        if blocks[below].caption and blocks[below].start - blocks[index].end <= _CAPTION_GAP:
            captions[index] = blocks[below].caption
            taken.add(below)
    return captions


def _caption_of(inline) -> str | None:
    text = _plain_text(inline)
    if not (_CAPTION.match(text) or _EMPHASISED_LABEL.match(inline.content.lstrip())):
        return None
    return _PANDOC_MARKER.sub("", text) or None


def _plain_text(inline) -> str:
    """What a reader sees of an inline token: text and code, without markup."""
    parts: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "html_inline" and re.match(r"(?i)<br\b", child.content):
            parts.append(" ")
    return clean_text("".join(parts))
