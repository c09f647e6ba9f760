"""PDF manuscripts: the text layer of every page, its ruled tables, annotations and metadata.

pdfplumber opens the file and finds ruled tables; the characters and their positions come
from pdfminer.six, under it. Per page:

- ruled tables (``find_tables``, pdfplumber's line strategy) become `Table` objects, their
  rows TABLE blocks, and their characters are left out of the prose, so a count is read
  once, as a table cell. A ruled box of one row or one column (a frame around a page or a
  paragraph) is not a table. Unruled tables are read as prose: their text is still seen.
- the prose is cut into paragraphs at larger vertical gaps, at a line after a short line
  that opens like a sentence, and around headings and captions. Blocks carry the page
  (`TextBlock.page`, 1-based) and no line: line numbers in a PDF are not something a user
  can find. The text keeps its line breaks.
- a line alone that `section_part` recognises is a heading and opens a part; the front
  matter ends at the first body heading when it comes within the first 40 blocks.
- lines at the top or bottom edge that repeat across pages (digits aside) are running
  heads, kept once each as HEADER_FOOTER blocks; a lone page number is one too.
- review notes (annotations with text) are COMMENT blocks labelled with their author's
  initials only; Title, Subject and Keywords are PROPERTY blocks; /Author names the
  document's own people (`TextDocument.authors`).

A page with images but no characters is a scan: it is listed in `problems` (the file is
reported as read in part), as is a page whose fonts have no Unicode map, or a page that
could not be parsed. An encrypted, damaged or empty file raises `ReadError`.

Text turned on its side (a landscape table on a portrait page, LaTeX's sidewaystable, a page
with /Rotate) is read as it prints: lines and table rows in the direction most of the
page's text runs; text running another way follows as paragraphs of its own. Columns are
not separated: a two-column page is read line by line across both columns.

Speed: pdfminer interprets every page in Python (about 30 dense pages a second). The prose is
read from its layout objects directly; pdfplumber's fuller (and slower) page model is built
only for pages with ruled lines across and down, where tables are looked for. Each page is
freed once read, and at most the first 1,000 pages are read (the rest are reported).
"""

from __future__ import annotations

import logging
import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from outscan.documents import Part, Table, TextBlock, TextDocument, section_part
from outscan.readers.errors import ReadError
from outscan.readers.html import caption_name, clean_text, document_table

# pdfminer logs every oddity of a damaged file as a warning ("Could not get FontBBox ..."); what
# outscan could not read is in the report, so the console is kept for the scan's own output.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# pdfminer reads 20-40 pages of prose a second: past this many pages a scan would take minutes.
_MAX_PAGES = 1000
# Past this many ruled lines a page is a chart or a map; finding tables in it would take seconds.
_MAX_RULES = 20_000
# Lines within this share of the page height from its top or bottom edge may be running heads.
_EDGE_ZONE = 0.1
# A line ending this far (a share of the text width) short of the right edge ends a paragraph.
_SHORT_LINE = 0.15
# The front matter (title, byline, affiliations) ends at the first body heading, if it comes this early.
_FRONT_MATTER_BLOCKS = 40
# A caption stands this many line heights from its table, at most.
_CAPTION_DISTANCE = 3
# Characters without a Unicode map come out as "(cid:42)"; past this share a page is unreadable.
_UNMAPPED_SHARE = 0.3
_CAPTION = re.compile(
    r"^\s*(?:Supplementa(?:ry|l)\s+|eTable|eFigure)?(?:Table|TABLE|Figure|FIGURE|Fig\.)\s*"
    r"(?:[A-Z]{0,2}\d+[A-Za-z]?(?:[.-]\d+)?|[IVXLC]+)\s*(?:$|[.:|\u2013\u2014-])")
_TABLE_CAPTION = re.compile(r"^\s*(?:Supplementa(?:ry|l)\s+|e)?(?:Table|TABLE)")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*#)?$", re.I)
_DIGITS = re.compile(r"\d+")
# reportlab writes this where a document sets no subject or creator: not the author's text.
_PLACEHOLDERS = {"(unspecified)", "unspecified", "(anonymous)", "anonymous", "untitled"}
# Characters whose middles are this close (a share of their height) are on one line.
_LINE_TOLERANCE = 0.45
# A gap wider than this share of the type size between two characters is a space.
_WORD_GAP = 0.15


def read_pdf(path: Path) -> list:
    """The text of a PDF (one `TextDocument`), followed by its ruled tables."""
    pdf = _open(path)
    try:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged page tree
            raise ReadError(f"damaged PDF: its pages cannot be listed ({_reason(exc)})") from exc
        if not pages:
            raise ReadError("damaged or empty PDF: it has no pages")
        problems: list[str] = []
        if len(pages) > _MAX_PAGES:
            problems.append(f"only the first {_MAX_PAGES:,} of its {len(pages):,} pages were read: pages "
                            f"{_MAX_PAGES + 1:,}-{len(pages):,} not checked (split the file to check them)")
        read = [page for page in (_read_page(page, problems) for page in pages[:_MAX_PAGES]) if page is not None]
        if not read:
            raise ReadError(f"damaged PDF: no page could be read ({problems[0] if problems else 'no pages'})")
        metadata = _metadata(pdf)
    finally:
        # Not pdf.close(): it lists the pages again, and on a damaged page tree that raises.
        pdf.stream.close()
    return _Assembler(read, metadata, problems).result()


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(path)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("encrypted PDF: it needs a password to open; remove the password and scan it again") \
                from exc
        raise ReadError(f"damaged or not a PDF ({_reason(cause)})") from exc
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged file
        raise ReadError(f"damaged or not a PDF ({_reason(exc)})") from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


# --- one page -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Char:
    """A character's box in pdfplumber's coordinates (y down), and which way its text runs."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    turn: int = 0  # degrees the text is turned counter-clockwise: 0, 90 (reads upwards), 180, 270


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _PageTable:
    rows: list[tuple[str, ...]]
    top: float
    bottom: float


@dataclass
class _Page:
    number: int
    height: float  # of the page as its text reads (a turned page's width)
    lines: list[_Line]  # in the direction most of the page's text runs, as it reads
    tables: list[_PageTable]
    comments: list[tuple[str, str]] = field(default_factory=list)  # (initials, text)
    aside: list[list[_Line]] = field(default_factory=list)  # text running other ways (a turned label)


@dataclass(frozen=True)
class _Frame:
    """A page seen the way text turned by `turn` reads: turned landscape tables (LaTeX's
    sidewaystable, a /Rotate page) read top to bottom and left to right like any other."""

    turn: int
    width: float
    height: float

    def box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) of a page box as the turned reader sees it."""
        if self.turn == 90:
            return self.height - bottom, x0, self.height - top, x1
        if self.turn == 180:
            return self.width - x1, self.height - bottom, self.width - x0, self.height - top
        if self.turn == 270:
            return top, self.width - x1, bottom, self.width - x0
        return x0, top, x1, bottom

    def char(self, char: _Char) -> _Char:
        if self.turn == 0:
            return char
        x0, top, x1, bottom = self.box(char.x0, char.top, char.x1, char.bottom)
        return _Char(char.text, x0, x1, top, bottom, char.turn)

    @property
    def reading_height(self) -> float:
        return self.width if self.turn in (90, 270) else self.height

    def grid(self, rows: list[list]) -> list[list]:
        """A table's cells (pdfplumber's rows, top to bottom on the page) in reading order."""
        if self.turn not in (90, 180, 270) or not rows:
            return rows
        width = max(len(row) for row in rows)
        rows = [row + [None] * (width - len(row)) for row in rows]
        if self.turn == 180:
            return [row[::-1] for row in rows[::-1]]
        if self.turn == 90:  # reading rows are the page's columns, left to right; read upwards
            return [[rows[len(rows) - 1 - j][i] for j in range(len(rows))] for i in range(width)]
        return [[rows[j][width - 1 - i] for j in range(len(rows))] for i in range(width)]


def _read_page(page, problems: list[str]) -> _Page | None:
    number = page.page_number
    try:
        chars, has_images, may_hold_table = _layout_objects(page)
        width, height = float(page.width), float(page.height)
        if not chars:
            if has_images:
                problems.append(f"page {number} has no text layer (a scanned image?): not checked")
            return _Page(number, height, [], [], _comments(page))
        unmapped = sum(1 for char in chars if char.text.startswith("(cid:"))
        if unmapped > _UNMAPPED_SHARE * len(chars):
            problems.append(f"page {number}: its fonts have no Unicode map, so its text cannot be read: not checked")
            return None
        frame = _Frame(_commonest_turn(chars), width, height)
        tables = _tables(page) if may_hold_table else []
        page_tables = []
        for table in tables:
            inside = [char for char in chars if _inside(char, [table.bbox])]
            rows = _table_rows(table, inside, width, height)
            if rows:
                x0, top, x1, bottom = frame.box(*table.bbox)
                page_tables.append(_PageTable(rows, top, bottom))
        if tables:
            boxes = [table.bbox for table in tables]
            chars = [char for char in chars if not _inside(char, boxes)]
        by_turn: dict[int, list[_Char]] = {}
        for char in chars:
            by_turn.setdefault(char.turn, []).append(char)
        lines = _lines([frame.char(char) for char in by_turn.pop(frame.turn, [])])
        aside = [_lines([_Frame(turn, width, height).char(char) for char in turned])
                 for turn, turned in sorted(by_turn.items())]
        return _Page(number, frame.reading_height, lines, page_tables, _comments(page), [a for a in aside if a])
    except Exception as exc:  # noqa: BLE001 - a damaged content stream spoils one page, not the file
        problems.append(f"page {number} could not be read ({_reason(exc)}): not checked")
        return None
    finally:
        page.close()  # frees the page's parsed objects: a long PDF is read in constant memory


def _layout_objects(page) -> tuple[list[_Char], bool, bool]:
    """The page's characters (in pdfplumber's coordinates), whether it holds images, and whether its
    ruled lines could make a table.

    Read from pdfminer's layout objects, not pdfplumber's character dictionaries: building
    those is most of pdfplumber's time, and only pages that may hold a table need them.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

    height = float(page.height)
    left, top_edge = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[_Char] = []
    has_images = False
    vertical = horizontal = 0
    stack = [iter(page.layout)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, LTChar):
            chars.append(_Char(item.get_text(), item.x0 + left, item.x1 + left,
                               height - item.y1 + top_edge, height - item.y0 + top_edge, _turn(item.matrix)))
        elif isinstance(item, LTImage):
            has_images = True
        elif isinstance(item, LTCurve):
            width, tall = item.x1 - item.x0, item.y1 - item.y0
            if isinstance(item, (LTRect, LTLine)) and width < 2 and tall < 2:
                continue
            vertical += (tall > 2) * (2 if isinstance(item, LTRect) and width > 2 else 1)
            horizontal += (width > 2) * (2 if isinstance(item, LTRect) and tall > 2 else 1)
        elif isinstance(item, LTContainer):
            stack.append(iter(item))
    return chars, has_images, 2 <= vertical + horizontal <= _MAX_RULES and vertical >= 2 and horizontal >= 2


def _turn(matrix) -> int:
    """Which way a character's text runs, from its text matrix: 0 (left to right), 90 (upwards) ..."""
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 180
    return 90 if b > 0 else 270


def _commonest_turn(chars: list[_Char]) -> int:
    counts: dict[int, int] = {}
    for char in chars:
        counts[char.turn] = counts.get(char.turn, 0) + 1
    return max(counts, key=lambda turn: (counts[turn], turn == 0))


def _lines(chars: list[_Char]) -> list[_Line]:
    """Characters (seen as they read) into lines, top to bottom: a line gathers characters whose
    middles are close, so raised citation numbers stay on their line; a space goes where a gap
    is wider than letters leave."""
    ordered = sorted(chars, key=lambda char: (char.top + char.bottom) / 2)
    groups: list[list[_Char]] = []
    middle = None
    for char in ordered:
        height = max(char.bottom - char.top, 1.0)
        centre = (char.top + char.bottom) / 2
        if middle is None or centre - middle > _LINE_TOLERANCE * height:
            groups.append([])
        groups[-1].append(char)
        middle = centre
    lines = []
    for group in groups:
        group.sort(key=lambda char: char.x0)
        pieces: list[str] = []
        previous = None
        for char in group:
            if char.text.isspace():
                if pieces and pieces[-1] != " ":
                    pieces.append(" ")
            else:
                if previous is not None and pieces and pieces[-1] != " " \
                        and char.x0 - previous.x1 > _WORD_GAP * max(char.bottom - char.top, 1.0):
                    pieces.append(" ")
                pieces.append(char.text)
                previous = char
        text = "".join(pieces).strip()
        if text:
            lines.append(_Line(text, min(c.x0 for c in group), max(c.x1 for c in group),
                               min(c.top for c in group), max(c.bottom for c in group)))
    return lines


def _tables(page) -> list:
    """Ruled tables of two rows and two columns or more."""
    found = []
    for table in page.find_tables():
        rows = table.rows
        if len(rows) >= 2 and max((len(row.cells) for row in rows), default=0) >= 2:
            found.append(table)
    return found


def _inside(char: _Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (char.x0 + char.x1) / 2
    y = (char.top + char.bottom) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(table, chars: list[_Char], width: float, height: float) -> list[tuple[str, ...]]:
    """A table's rows of cell text in reading order, read from our own characters (so turned
    tables read as they print); a merged cell keeps its text in its first cell, the others empty."""
    chars = sorted(chars, key=lambda char: (char.top + char.bottom) / 2)
    middles = [(char.top + char.bottom) / 2 for char in chars]
    grid: list[list[str | None]] = []
    for row in table.rows:
        _, top, _, bottom = row.bbox
        in_row = chars[bisect_left(middles, top):bisect_right(middles, bottom)]
        grid.append([None if cell is None else _cell_text([c for c in in_row if _inside(c, [cell])], width, height)
                     for cell in row.cells])
    turn = _commonest_turn(chars) if chars else 0
    rows = [tuple(text or "" for text in row) for row in _Frame(turn, width, height).grid(grid)]
    return [row for row in rows if any(row)]


def _cell_text(chars: list[_Char], width: float, height: float) -> str:
    if not chars:
        return ""
    frame = _Frame(_commonest_turn(chars), width, height)
    return clean_text(" ".join(line.text for line in _lines([frame.char(char) for char in chars])))


def _comments(page) -> list[tuple[str, str]]:
    found = []
    for annotation in page.annots or ():
        text = _text((annotation.get("contents")))
        if text.strip():
            found.append((_initials(_text(annotation.get("title"))), text.strip()))
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        for encoding in ("utf-16", "latin-1") if value.startswith((b"\xfe\xff", b"\xff\xfe")) else ("latin-1",):
            try:
                return value.decode(encoding)
            except UnicodeDecodeError:
                continue
        return ""
    return str(value)


def _initials(author: str) -> str:
    """Initials to label a note with: never the full name (labels are shown in reports)."""
    return "".join(word[0].upper() for word in re.findall(r"[^\W\d_]+", author))[:4]


def _metadata(pdf) -> dict[str, str]:
    try:
        info = pdf.metadata or {}
    except Exception:  # noqa: BLE001 - a damaged /Info dictionary loses the metadata, not the text
        return {}
    return {str(key): _text(value).strip() for key, value in info.items()}


# --- the whole document -------------------------------------------------------------------


@dataclass
class _Paragraph:
    page: int
    lines: list[_Line]
    kind: str = "prose"  # "prose", "heading", "caption", "running head", "table"
    table: _PageTable | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def top(self) -> float:
        return self.table.top if self.table is not None else self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.table.bottom if self.table is not None else self.lines[-1].bottom


class _Assembler:
    """Pages of lines and tables -> paragraphs in reading order -> blocks and tables."""

    def __init__(self, pages: list[_Page], metadata: dict[str, str], problems: list[str]) -> None:
        self.pages = pages
        self.metadata = metadata
        self.problems = problems
        self.running_heads = _running_heads(pages)

    def result(self) -> list:
        paragraphs = [paragraph for page in self.pages for paragraph in self._paragraphs(page)]
        tables = self._tables(paragraphs)
        blocks = [*self._property_blocks(), *self._blocks(paragraphs, tables)]
        blocks.extend(TextBlock(text, page=page.number, part=Part.COMMENT,
                                label=f"comment by {who}" if who else "comment")
                      for page in self.pages for who, text in page.comments)
        document = TextDocument(blocks=blocks, authors=self._authors(), problems=self.problems)
        return [document, *{id(table): table for table in tables.values()}.values()]

    def _paragraphs(self, page: _Page) -> list[_Paragraph]:
        """A page's lines cut into paragraphs, with its tables placed where they stand; text
        running another way (a turned label) follows, as paragraphs of its own."""
        lines = [line for line in page.lines if not self._is_running_head(page, line)]
        heads = [_Paragraph(page.number, [line], "running head") for line in page.lines
                 if self._is_running_head(page, line)]
        tables = [_Paragraph(page.number, [], "table", table=table) for table in page.tables]
        in_place = sorted(heads + _cut(lines, page.number) + tables, key=lambda paragraph: paragraph.top)
        return in_place + [paragraph for turned in page.aside for paragraph in _cut(turned, page.number)]

    def _is_running_head(self, page: _Page, line: _Line) -> bool:
        return (page.number, line.top, line.text) in self.running_heads

    def _tables(self, paragraphs: list[_Paragraph]) -> dict[int, Table]:
        """A `Table` per ruled table that reads as one, keyed by the index of each of its paragraphs:
        a table that runs on at the top of the next page is one table, its repeated header read once."""
        groups: list[list[int]] = []
        for index, paragraph in enumerate(paragraphs):
            if paragraph.table is None:
                continue
            if groups and _continues(paragraphs, groups[-1][-1], index) and _caption_of(paragraphs, index) is None:
                groups[-1].append(index)
            else:
                groups.append([index])
        tables: dict[int, Table] = {}
        taken: set[str] = set()
        count = 0
        for group in groups:
            caption = _caption_of(paragraphs, group[0])
            rows = list(paragraphs[group[0]].table.rows)
            for index in group[1:]:
                more = paragraphs[index].table.rows
                rows.extend(more[1:] if more[0] == rows[0] else more)
            table = document_table([(0, cells) for cells in rows], caption)
            if table is None:
                continue
            count += 1
            name = caption_name(caption) or f"Table {count}"
            if name in taken:
                name = f"{name} (page {paragraphs[group[0]].page})"
            taken.add(name)
            table.name, table.line_of_row = name, {}  # a PDF has pages, not source lines
            table.page = paragraphs[group[0]].page
            tables.update((index, table) for index in group)
        return tables

    def _blocks(self, paragraphs: list[_Paragraph], tables: dict[int, Table]) -> list[TextBlock]:
        blocks: list[TextBlock] = []
        part = _opening_part(paragraphs)
        heads_seen: set[str] = set()
        for index, paragraph in enumerate(paragraphs):
            if paragraph.table is not None:
                label = tables[index].name if index in tables else "table"
                blocks.extend(TextBlock(" | ".join(cells), page=paragraph.page, part=Part.TABLE, label=label)
                              for cells in paragraph.table.rows)
                continue
            if paragraph.kind == "running head":
                shape = _DIGITS.sub("#", paragraph.text.strip())
                if shape in heads_seen:  # the same head on every page is read once
                    continue
                heads_seen.add(shape)
                blocks.append(TextBlock(paragraph.text, page=paragraph.page, part=Part.HEADER_FOOTER,
                                        label=self._head_label(paragraph)))
                continue
            block_part = part
            if paragraph.kind == "heading":
                part = section_part(paragraph.text) or part
                block_part = part
            elif paragraph.kind == "caption":
                block_part = Part.CAPTION
            blocks.append(TextBlock(paragraph.text, page=paragraph.page, part=block_part))
        return blocks

    def _head_label(self, paragraph: _Paragraph) -> str:
        page = next(page for page in self.pages if page.number == paragraph.page)
        return "header" if paragraph.top < page.height / 2 else "footer"

    def _property_blocks(self) -> list[TextBlock]:
        return [TextBlock(value, part=Part.PROPERTY, label=f"property '{key.lower()}'")
                for key in ("Title", "Subject", "Keywords")
                if (value := self.metadata.get(key, "")) and value.lower() not in _PLACEHOLDERS]

    def _authors(self) -> tuple[str, ...]:
        author = self.metadata.get("Author", "")
        if author.lower() in _PLACEHOLDERS:
            return ()
        names: list[str] = []
        for name in re.split(r"\s*;\s*", author):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
        return tuple(names)


def _cut(lines: list[_Line], page: int) -> list[_Paragraph]:
    """Lines (top to bottom) into paragraphs; headings and captions stand apart."""
    out: list[_Paragraph] = []
    if not lines:
        return out
    right = max(line.x1 for line in lines)
    width = max(right - min(line.x0 for line in lines), 1.0)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top - a.bottom >= 0]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    for index, line in enumerate(lines):
        kind = _line_kind(line.text)
        previous = out[-1] if out else None
        if previous is None or previous.kind == "heading" or kind != "prose" \
                or _breaks(lines[index - 1], line, right, width, usual_gap):
            out.append(_Paragraph(page, [line], kind))
        else:
            previous.lines.append(line)
    return out


def _line_kind(text: str) -> str:
    stripped = text.strip()
    if _CAPTION.match(stripped):
        return "caption"
    first = next((char for char in stripped if char.isalpha()), "")
    if first.isupper() and section_part(stripped) is not None:
        return "heading"
    return "prose"


def _breaks(above: _Line, line: _Line, right: float, width: float, usual_gap: float) -> bool:
    """Does `line` start a new paragraph? A wider gap than the page's usual, a change of type size,
    or a short line above and a line that opens like a sentence."""
    gap = line.top - above.bottom
    if gap > usual_gap + 0.5 * min(above.height, line.height):
        return True
    if abs(line.height - above.height) > 0.25 * max(line.height, above.height):
        return True
    opening = line.text.lstrip()[:1]
    return above.x1 < right - _SHORT_LINE * width and (opening.isupper() or opening.isdigit() or opening in "•–-(")


def _caption_of(paragraphs: list[_Paragraph], index: int) -> str | None:
    """The "Table N." caption just above the table on its page, else just below it."""
    table = paragraphs[index]
    for step in (-1, 1):
        position = index + step
        if not 0 <= position < len(paragraphs):
            continue
        candidate = paragraphs[position]
        if candidate.page != table.page or candidate.kind != "caption" or not _TABLE_CAPTION.match(candidate.text):
            continue
        height = candidate.lines[0].height
        distance = table.top - candidate.bottom if step < 0 else candidate.top - table.bottom
        if distance <= _CAPTION_DISTANCE * height:
            return clean_text(candidate.text)
    return None


def _continues(paragraphs: list[_Paragraph], previous: int, index: int) -> bool:
    """Does the table at `index` carry on the one at `previous`: first on the next page (running
    heads aside), right after it ended its page, as wide?"""
    before, after = paragraphs[previous], paragraphs[index]
    return after.page == before.page + 1 \
        and all(paragraphs[k].kind == "running head" for k in range(previous + 1, index)) \
        and max(map(len, before.table.rows)) == max(map(len, after.table.rows))


def _opening_part(paragraphs: list[_Paragraph]) -> Part:
    """FRONT when a body heading (Abstract, Introduction ...) comes early; the title and byline are above it."""
    for paragraph in paragraphs[:_FRONT_MATTER_BLOCKS]:
        if paragraph.kind == "heading" and section_part(paragraph.text) == Part.BODY:
            return Part.FRONT
    return Part.BODY


def _running_heads(pages: list[_Page]) -> set[tuple[int, float, str]]:
    """(page, top, text) of the lines at a page's edge that repeat on other pages, digits aside,
    or that are a page number alone."""
    candidates: list[tuple[int, float, str, str]] = []
    for page in pages:
        if not page.lines:
            continue
        edge = _EDGE_ZONE * page.height
        for line in {id(line): line for line in (page.lines[0], page.lines[-1])}.values():
            if line.top < edge or line.bottom > page.height - edge:
                candidates.append((page.number, line.top, line.text, _DIGITS.sub("#", line.text.strip())))
    pages_of: dict[str, set[int]] = {}
    for number, _, _, shape in candidates:
        pages_of.setdefault(shape, set()).add(number)
    return {(number, top, text) for number, top, text, shape in candidates
            if len(pages_of[shape]) >= 2 or _PAGE_NUMBER.match(shape)}
