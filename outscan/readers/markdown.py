"""Markdown manuscripts: their text block by block, their pipe tables and the HTML tables
written into them.

markdown-it-py parses the text as CommonMark with the GFM table rule, so a pipe table is
found wherever Markdown allows one (after a heading, inside a list item or a block quote)
and never inside a code block; escaped pipes (``\\|``), inline code and emphasis come out
as the text a reader sees. Each row keeps its source line. A paragraph or heading right
above the table (or, failing that, right below it) that opens with "Table" is its caption
("Table 2. Stage at diagnosis (N=180)"), as is a Pandoc caption line ("Table: ...", ": ...").

The text is cut where markdown-it cuts it (paragraphs, headings, list items, code blocks,
HTML blocks), each block read from its own source lines with its markup blanked: whatever
of the source is not text a reader sees (``#``, ``>``, list markers, emphasis markers,
backticks, ``[``/``](url)`` around a link's text, HTML tags) becomes spaces, so every
offset is the source's line and column. HTML comments are blocks of their own. YAML front
matter and a Pandoc title block (``% title`` / ``% authors``) are the front matter and name
the authors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from outscan.documents import Part, Table, TextDocument
from outscan.readers.html import (TableSource, clean_text, document_table, html_drafts, html_table_sources,
                                  name_tables, table_drafts)
from outscan.readers.plain import (Draft, assign_parts, blank, byline_authors, front_matter, heading_draft,
                                   prose_draft, unique, visible_block, without_front_matter)
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
# text_join would fold escapes and entities into the text around them; kept apart, each
# can be found in the source and blanked to its own width.
_PARSER = MarkdownIt("commonmark").enable("table").disable("text_join")
# After a link's "]": its destination "(url 'title')" or reference "[ref]".
_LINK_TARGET = re.compile(r"\((?:[^()\\]|\\.|\([^()]*\))*\)|\[[^\]]*\]")
# A link to a DOI is a data citation whose text may say only "data set": its target is kept
# (in its own columns) for the acknowledgement check; other targets are blanked.
_DOI_TARGET = re.compile(r"^\(\s*<?(?P<url>(?:https?://(?:dx\.)?doi\.org/|doi:)?10\.\d{4,9}/[^\s)>]+)")
_IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]")
_CLOSING_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*$")


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


def read_markdown_document(path: Path) -> list:
    """A Markdown manuscript: its text (one `TextDocument`), then its tables."""
    text, encoding = read_text(path)
    document, tables = markdown_document(text)
    document.source_encoding = encoding
    for table in tables:
        table.source_encoding = encoding
    return [document, *tables]


def markdown_document(text: str) -> tuple[TextDocument, list[Table]]:
    front = front_matter(text)
    body = without_front_matter(text, front)
    tokens = _PARSER.parse(body)
    sources = _table_sources(_blocks(tokens))
    tables = name_tables([source.table for source in sources if source.table])
    blocks = assign_parts([*front.drafts, *_text_drafts(body, tokens), *table_drafts(sources)])
    return TextDocument(blocks, authors=unique([*front.authors, *byline_authors(blocks)])), tables


def markdown_tables(text: str) -> list[Table]:
    """The pipe tables and HTML tables of a Markdown text, in document order, named and captioned."""
    sources = _table_sources(_blocks(_PARSER.parse(text)))
    return name_tables([source.table for source in sources if source.table])


def _table_sources(blocks: list[_Block]) -> list[TableSource]:
    """Each table with the rows it was read from, captioned."""
    captions = _captions(blocks)
    sources: list[TableSource] = []
    for index, block in enumerate(blocks):
        if block.kind == "table":
            rows = block.rows or []
            sources.append(TableSource(document_table(rows, captions.get(index), header_known=True), rows))
        elif block.kind == "html":
            found = html_table_sources(block.html, line_offset=block.start)
            tables = [source.table for source in found if source.table]
            if len(tables) == 1 and tables[0].caption is None:
                tables[0].caption = captions.get(index)
            sources.extend(found)
    return sources


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


# --- the text --------------------------------------------------------------------------------

def _text_drafts(source: str, tokens) -> list[Draft]:
    """A draft per paragraph, heading, code block and HTML block; table cells are left to
    `table_drafts`, which reads them row by row."""
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    drafts: list[Draft] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open":
            while index < len(tokens) and tokens[index].type != "table_close":
                index += 1
        elif token.map and token.type in ("paragraph_open", "heading_open") and index + 1 < len(tokens):
            drafts.extend(_inline_drafts(source, starts, token, tokens[index + 1]))
        elif token.map and token.type in ("fence", "code_block"):
            drafts.extend(_code_draft(source, starts, token))
        elif token.map and token.type == "html_block":
            drafts.extend(html_drafts(token.content, line_offset=token.map[0]))
        index += 1
    return drafts


def _span(source: str, starts: list[int], lines: list[int]) -> tuple[int, int]:
    """Offsets of the source lines [first, last) that markdown-it maps a block to."""
    first, last = lines
    return starts[first], starts[last] - 1 if last < len(starts) else len(source)


def _inline_drafts(source: str, starts: list[int], opening, inline) -> list[Draft]:
    """A paragraph or heading, with its markup blanked, and the HTML comments inside it."""
    start, end = _span(source, starts, opening.map)
    blanker = _InlineBlanker(source, start, end)
    blanker.read(inline.children or [])
    drafts = [_comment_draft(source, starts, a, b) for a, b in blanker.comments]
    shown = visible_block(blanker.shown(), opening.map[0] + 1)
    if shown is None:
        return drafts
    text, line, column = shown
    if _caption_of(inline):
        drafts.append(Draft(text, line, column, part=Part.CAPTION))
    elif opening.type == "heading_open":
        drafts.append(heading_draft(text, line, column))
    else:
        drafts.append(prose_draft(text, line, column))
    return drafts


def _comment_draft(source: str, starts: list[int], start: int, end: int) -> Draft:
    line = bisect_right(starts, start)
    line_start = starts[line - 1]
    shown = blank(source[line_start:start + 4]) + source[start + 4:end - 3]
    text, line, column = visible_block(shown, line) or ("", line, 0)
    return Draft(text, line, column, part=Part.COMMENT, label="comment")


def _code_draft(source: str, starts: list[int], token) -> list[Draft]:
    """A fenced or indented code block: its lines as written, the fences blank."""
    start, end = _span(source, starts, token.map)
    lines = source[start:end].split("\n")
    if token.type == "fence":
        lines[0] = blank(lines[0])
        if len(lines) > 1 and _CLOSING_FENCE.match(lines[-1]):
            lines[-1] = blank(lines[-1])
    shown = visible_block("\n".join(lines), token.map[0] + 1)
    return [Draft(shown[0], shown[1], shown[2], part=Part.CODE)] if shown else []


class _InlineBlanker:
    """Walks a block's source alongside its inline tokens: the text of each token is kept
    where it stands, everything between them (markup) is blanked.

    Tokens come in source order, so each is looked for from where the last one ended. When
    one cannot be found (markdown-it rewrote it), the rest of the block is kept as written.
    """

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source, self.cursor, self.end = source, start, end
        self.out: list[str] = []
        self.comments: list[tuple[int, int]] = []

    def shown(self) -> str:
        return "".join(self.out)

    def read(self, children) -> None:
        for child in children:
            if not self._read(child):
                break
        else:
            self._blank_to(self.end)
            return
        self._keep(self.end - self.cursor)

    def _read(self, child) -> bool:
        kind = child.type
        if kind == "text":
            return self._keep_found(child.content)
        if kind in ("softbreak", "hardbreak"):
            return self._keep_found("\n")
        if kind == "text_special":
            return self._special(child)
        if kind == "code_inline":
            return self._code(child.markup)
        if kind in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
            return self._blank_found(child.markup)
        if kind == "link_open":
            return self._blank_found("<" if child.markup == "autolink" else "[")
        if kind == "link_close":
            if child.markup == "autolink":
                return self._blank_found(">")
            found = self._blank_found("]")
            target = _LINK_TARGET.match(self.source, self.cursor, self.end)
            if found and target:
                doi = _DOI_TARGET.match(self.source[self.cursor:target.end()])
                if doi:
                    self._blank(doi.start("url"))
                    self._keep(len(doi["url"]))
                    self._blank(target.end() - self.cursor)
                else:
                    self._blank(target.end() - self.cursor)
            return found
        if kind == "image":
            return self._image()
        if kind == "html_inline":
            position = self._find(child.content)
            if position is not None and child.content.startswith("<!--"):
                self.comments.append((position, position + len(child.content)))
            return self._blank_found(child.content)
        return True

    def _find(self, needle: str) -> int | None:
        position = self.source.find(needle, self.cursor, self.end)
        return None if position < 0 else position

    def _blank_to(self, position: int) -> None:
        self.out.append(blank(self.source[self.cursor:position]))
        self.cursor = position

    def _keep(self, length: int) -> None:
        self.out.append(self.source[self.cursor:self.cursor + length])
        self.cursor += length

    def _blank(self, length: int) -> None:
        self._blank_to(self.cursor + length)

    def _keep_found(self, needle: str) -> bool:
        position = self._find(needle)
        if position is None:
            return False
        self._blank_to(position)
        self._keep(len(needle))
        return True

    def _blank_found(self, needle: str) -> bool:
        position = self._find(needle)
        if position is None:
            return False
        self._blank_to(position)
        self._blank(len(needle))
        return True

    def _special(self, child) -> bool:
        """A backslash escape keeps its character; an entity shows what it stands for."""
        position = self._find(child.markup)
        if position is None:
            return False
        self._blank_to(position)
        if child.info == "escape":
            self._blank(1)
            self._keep(len(child.markup) - 1)
        elif len(child.content) <= len(child.markup):
            self.out.append(child.content.ljust(len(child.markup)))
            self.cursor += len(child.markup)
        else:
            self._keep(len(child.markup))
        return True

    def _code(self, backticks: str) -> bool:
        if not self._blank_found(backticks):
            return False
        closing = self._find(backticks)
        if closing is None:
            return False
        self._keep(closing - self.cursor)
        self._blank(len(backticks))
        return True

    def _image(self) -> bool:
        """An image shows its alt text; the "![", "]" and its source are blank."""
        position = self._find("![")
        if position is None:
            return False
        self._blank_to(position)
        image = _IMAGE.match(self.source, position, self.end)
        if image is None:
            self._blank(2)
            return True
        self._blank(2)
        self._keep(len(image.group(1)))
        self._blank(1)
        target = _LINK_TARGET.match(self.source, self.cursor, self.end)
        if target:
            self._blank(target.end() - self.cursor)
        return True
