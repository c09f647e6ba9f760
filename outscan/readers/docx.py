"""DOCX manuscripts: every piece of text the file holds, with the paragraph it stands at.

Word files carry more than the page shows, and all of it is published with the file: review
comments, tracked deletions (Word keeps the deleted words until the change is accepted),
text boxes, image alt text, footnotes, page headers and footers, and the document
properties. Each becomes a `TextBlock` with its `Part` and a `label` saying what it is.

Paragraph numbers (`TextBlock.paragraph`, 1-based) count the paragraph marks (¶) of the
body outside tables, in reading order, empty paragraphs included: Word's "show ¶" view
lets a user count them, and an empty line they see is one paragraph. Paragraphs inside
content controls count; paragraphs inside table cells, text boxes, headers, footnotes and
comments do not. A table's row blocks carry the number of the paragraph the table follows
(None for a table before the first paragraph), as do footnotes, comments, text boxes and
alt text the number of the paragraph they are anchored in.

Headings (styles "Heading N", "Title", a style or paragraph with an outline level, or a
short paragraph set in bold or capitals only) open a part when `section_part` knows their
words. Text before the first body heading (Abstract, Introduction ...) is the front
matter when that heading comes within the first 40 paragraphs; otherwise all is body.

Tables are read from the XML, not through python-docx's cell objects (which are slow on
long tables): a cell merged across columns keeps its text in its first column and leaves
the others empty, as a CSV export writes a spanning header; a cell merged down the rows
repeats its text in each data row it covers (the row label of every row), but not in the
header rows below a header cell. A "Table N." paragraph (or one in the Caption style) just
above a table, else just below it, is its caption and names it.

The core properties' author and last editor are the document's own people
(`TextDocument.authors`); review comments are labelled with their author's initials only,
never a full name (the label is shown in reports, and CI logs are public).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from outscan.documents import Part, Table, TextBlock, TextDocument, section_part
from outscan.readers.errors import ReadError
from outscan.readers.html import caption_name, clean_text, document_table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_P, _TBL, _TR, _TC, _R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}r"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_TXBX = f"{_W}txbxContent"
_VAL = f"{_W}val"

_REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_REL_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_REL_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"

# Macro-enabled documents and templates are Word documents too; python-docx only registers .docx.
_WORD_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)

# A heading is short; a bold or capitalised paragraph past this length is a sentence.
_HEADING_LENGTH = 80
# The front matter (title, byline, affiliations) ends at the first body heading, if it comes this early.
_FRONT_MATTER_PARAGRAPHS = 40
# Empty paragraphs allowed between a table and its caption.
_CAPTION_GAP = 1
_CAPTION = re.compile(
    r"^\s*(?:Supplementa(?:ry|l)\s+|eTable|eFigure)?(?:Table|TABLE|Figure|FIGURE|Fig\.)\s*"
    r"(?:[A-Z]{0,2}\d+[A-Za-z]?(?:[.-]\d+)?|[IVXLC]+)\s*(?:$|[.:|\u2013\u2014-])")
_FIGURE_CAPTION = re.compile(r"^\s*(?:Supplementa(?:ry|l)\s+|e)?(?:Figure|FIGURE|Fig\.)", re.I)
_HEADING_STYLE = re.compile(r"^(?:heading \d|title|subtitle)$", re.I)
_FALSE = {"0", "false", "off"}


def read_docx(path: Path) -> list:
    """The text of a Word file (one `TextDocument`), followed by its tables."""
    package, main = _open(path)
    reader = _DocxReader(main, package)
    return [reader.document(), *reader.tables]


def _open(path: Path):
    """The python-docx package and main document part, or a ReadError saying what is wrong."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for content_type in _WORD_MAIN_TYPES:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("a password-protected or legacy (.doc) Word file: remove the password, or save it as .docx")
    if not zipfile.is_zipfile(path):
        raise ReadError("damaged or not a DOCX file: it is not a ZIP package (save it from Word as .docx)")
    try:
        package = Package.open(str(path))
    except KeyError as exc:
        raise ReadError(f"damaged DOCX file: a part it lists is missing ({exc}); save it again from Word") from exc
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"damaged DOCX file: a part is not well-formed XML ({exc}); save it again from Word") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise ReadError(f"damaged DOCX file: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx trips in many ways over a mangled package
        raise ReadError(f"damaged DOCX file ({type(exc).__name__}: {exc})") from exc
    try:
        main = package.main_document_part
    except KeyError as exc:
        raise ReadError("damaged DOCX file: it has no main document (word/document.xml)") from exc
    if not isinstance(main, DocumentPart):
        raise ReadError(f"not a Word document: its main part is '{main.content_type}'")
    return package, main


def _xml(part) -> etree._Element | None:
    """The XML of a part: python-docx's own tree when it made one, else parsed (safely) from its bytes."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    try:
        return parse_xml(part.blob)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _related(part, reltype: str) -> list:
    return [rel.target_part for rel in part.rels.values() if rel.reltype == reltype and not rel.is_external]


# --- text of paragraphs -------------------------------------------------------------------


@dataclass
class _Text:
    """What a paragraph (or a cell) holds: the text Word shows, and what it keeps besides."""

    shown: str = ""
    deleted: list[str] = field(default_factory=list)  # tracked deletions, one per <w:del>
    text_boxes: list[str] = field(default_factory=list)
    alt_text: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # ("footnote"|"endnote"|"comment", id)


_CHARACTERS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_NOTE_REFERENCES = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote",
                    f"{_W}commentReference": "comment", f"{_W}commentRangeStart": "comment"}
# Not text a reader sees, or text read elsewhere: field codes, the old place of moved text
# (shown again where it moved to), the copy of a drawing kept for old Word versions.
_SKIPPED = {f"{_W}instrText", f"{_W}delInstrText", f"{_W}moveFrom", _MC_FALLBACK, f"{_W}pPr", f"{_W}rPr"}


def _paragraph_text(paragraph: etree._Element) -> _Text:
    """Walk a paragraph once, in document order, sorting what it holds into `_Text`."""
    found = _Text()
    shown: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{_W}t":
            shown.append(element.text or "")
        elif tag in _CHARACTERS:
            shown.append(_CHARACTERS[tag])
        elif tag == f"{_W}del":
            deleted = "".join(t.text or "" for t in element.iter(f"{_W}delText"))
            if deleted.strip():
                found.deleted.append(deleted)
        elif tag == _TXBX:
            text = "\n".join(_shown_lines(element))
            if text:
                found.text_boxes.append(text)
        elif tag == _DOC_PR:
            found.alt_text.extend(text for name in ("title", "descr") if (text := (element.get(name) or "").strip()))
        elif tag in _NOTE_REFERENCES:
            found.notes.append((_NOTE_REFERENCES[tag], element.get(f"{_W}id") or ""))
        else:
            stack.append(iter(element))
    found.shown = "".join(shown)
    return found


def _paragraphs_in(element: etree._Element):
    """Every paragraph inside `element` (a cell, a header, a comment), text boxes included, each once."""
    for paragraph in element.iter(_P):
        if not any(ancestor.tag == _MC_FALLBACK for ancestor in paragraph.iterancestors()):
            yield paragraph


def _shown_lines(element: etree._Element) -> list[str]:
    """The non-empty paragraphs inside `element`, as shown."""
    return [text for paragraph in _paragraphs_in(element) if (text := _paragraph_text(paragraph).shown.strip())]


def _container_text(element: etree._Element) -> _Text:
    """All the text of a cell, header, footnote or comment: its paragraphs one per line, and what they cite."""
    found = _Text()
    lines: list[str] = []
    for paragraph in _paragraphs_in(element):
        text = _paragraph_text(paragraph)
        if text.shown.strip():
            lines.append(text.shown.strip())
        found.deleted.extend(text.deleted)
        found.notes.extend(text.notes)
    found.shown = "\n".join(lines)
    return found


def _block_items(container: etree._Element):
    """Body-level paragraphs and tables in reading order, through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_items(content)
        elif child.tag == _CUSTOM_XML:
            yield from _block_items(child)


def _is_on(element: etree._Element | None) -> bool:
    return element is not None and (element.get(_VAL) or "true").lower() not in _FALSE


# --- styles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    heading: bool
    caption: bool


def _styles(main) -> dict[str, _Style]:
    """Paragraph style id -> whether it marks a heading or a caption (outline levels through basedOn)."""
    try:
        root = _xml(main.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"))
    except KeyError:
        return {}
    if root is None:
        return {}
    names: dict[str, str] = {}
    based_on: dict[str, str] = {}
    outline: set[str] = set()
    for style in root.iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId") or ""
        name = style.find(f"{_W}name")
        names[style_id] = (name.get(_VAL) if name is not None else style_id) or ""
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based_on[style_id] = parent.get(_VAL) or ""
        level = style.find(f"{_W}pPr/{_W}outlineLvl")
        if level is not None and (level.get(_VAL) or "9") < "9":
            outline.add(style_id)

    def has_outline(style_id: str) -> bool:
        for _ in range(10):  # basedOn chains are short; a loop in a damaged file must end
            if style_id in outline:
                return True
            if style_id not in based_on:
                return False
            style_id = based_on[style_id]
        return False

    return {style_id: _Style(heading=bool(_HEADING_STYLE.match(name.strip())) or has_outline(style_id),
                             caption=name.strip().lower() == "caption")
            for style_id, name in names.items()}


# --- the reader ---------------------------------------------------------------------------


@dataclass
class _Paragraph:
    number: int
    text: _Text
    heading: bool
    caption: bool


@dataclass
class _Grid:
    """A body table as read: its rows of cell texts, before the layout rules make a `Table` of it."""

    after_paragraph: int | None
    rows: list[tuple[str, ...]]
    deleted: list[list[str]]  # per row
    header_marked: bool  # Word's "repeat as header row" on the first row
    notes: list[tuple[str, str]]
    caption: str | None = None
    table: Table | None = None


class _DocxReader:
    def __init__(self, main, package) -> None:
        self.main = main
        self.package = package
        self.styles = _styles(main)
        self.items: list[_Paragraph | _Grid] = []
        self.anchors: dict[tuple[str, str], int | None] = {}  # (kind, id) -> paragraph
        self.problems: list[str] = []
        self._read_body()
        self.tables = self._build_tables()

    # The body, walked once: paragraphs numbered, tables read into grids.
    def _read_body(self) -> None:
        body = self.main.element.find(f"{_W}body")
        if body is None:
            raise ReadError("damaged DOCX file: its main document has no body")
        number = 0
        for item in _block_items(body):
            if item.tag == _P:
                number += 1
                paragraph = self._paragraph(item, number)
                self.items.append(paragraph)
                self._anchor(paragraph.text.notes, number)
            else:
                grid = self._grid(item, number or None)
                self.items.append(grid)
                self._anchor(grid.notes, grid.after_paragraph)

    def _anchor(self, notes: list[tuple[str, str]], paragraph: int | None) -> None:
        for note in notes:
            self.anchors.setdefault(note, paragraph)

    def _paragraph(self, element: etree._Element, number: int) -> _Paragraph:
        text = _paragraph_text(element)
        properties = element.find(f"{_W}pPr")
        style_id = ""
        outline = False
        if properties is not None:
            style = properties.find(f"{_W}pStyle")
            style_id = style.get(_VAL) or "" if style is not None else ""
            level = properties.find(f"{_W}outlineLvl")
            outline = level is not None and (level.get(_VAL) or "9") < "9"
        style = self.styles.get(style_id, _Style(False, False))
        shown = text.shown.strip()
        heading = bool(shown) and (style.heading or outline or (
            len(shown) <= _HEADING_LENGTH and (_bold_only(element) or (shown.isupper() and len(shown) > 1))))
        caption = bool(shown) and (style.caption or bool(_CAPTION.match(shown)))
        return _Paragraph(number, text, heading and not caption, caption)

    def _grid(self, table: etree._Element, after_paragraph: int | None) -> _Grid:
        rows: list[tuple[str, ...]] = []
        deleted: list[list[str]] = []
        notes: list[tuple[str, str]] = []
        header_rows: set[int] = set()
        origins: dict[int, tuple[int, str]] = {}  # column -> (row, text) of the cell merged down from
        for index, row in enumerate(_rows(table)):
            if _is_on(row.find(f"{_W}trPr/{_W}tblHeader")):
                header_rows.add(index)
            cells: dict[int, str] = {}
            row_deleted: list[str] = []
            column = _int(row.find(f"{_W}trPr/{_W}gridBefore"), 0)
            for cell in _cells(row):
                span = max(1, min(_int(cell.find(f"{_W}tcPr/{_W}gridSpan"), 1), 1000))
                merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                content = _container_text(cell)
                text = clean_text(content.shown)
                row_deleted.extend(content.deleted)
                notes.extend(content.notes)
                if merge is not None and (merge.get(_VAL) or "continue") == "continue":
                    origin_row, origin_text = origins.get(column, (0, ""))
                    text = "" if origin_row == 0 or origin_row in header_rows else origin_text
                else:
                    origins[column] = (index, text)
                cells[column] = text
                for extra in range(1, span):
                    cells[column + extra] = ""
                    origins.pop(column + extra, None)
                column += span
            width = max(cells, default=-1) + 1
            rows.append(tuple(cells.get(i, "") for i in range(width)))
            deleted.append(row_deleted)
        return _Grid(after_paragraph, rows, deleted, 0 in header_rows, notes)

    def _build_tables(self) -> list[Table]:
        """A `Table` per grid that reads as one, captioned and named in document order."""
        for index, item in enumerate(self.items):
            if isinstance(item, _Grid):
                item.caption = self._caption_of(index)
        tables: list[Table] = []
        taken: set[str] = set()
        for item in self.items:
            if not isinstance(item, _Grid):
                continue
            table = document_table([(0, cells) for cells in item.rows], item.caption, header_known=item.header_marked)
            if table is None:
                continue
            name = caption_name(item.caption) or f"Table {len(tables) + 1}"
            if name in taken:
                name = f"{name} (after paragraph {item.after_paragraph or 0})"
            taken.add(name)
            table.name, table.line_of_row = name, {}  # no source lines in a Word file
            table.paragraph = item.after_paragraph or None
            item.table = table
            tables.append(table)
        return tables

    def _caption_of(self, index: int) -> str | None:
        """The caption paragraph just above the table, else just below it (figure captions excepted)."""
        for step in (-1, 1):
            position, gap = index + step, 0
            while 0 <= position < len(self.items):
                item = self.items[position]
                if isinstance(item, _Grid):
                    break
                shown = item.text.shown.strip()
                if not shown:
                    gap += 1
                    if gap > _CAPTION_GAP:
                        break
                    position += step
                    continue
                if item.caption and not _FIGURE_CAPTION.match(shown):
                    return clean_text(shown)
                break
        return None

    # Blocks, in reading order: properties, headers and footers, the body, notes, comments.
    def document(self) -> TextDocument:
        blocks = [*self._property_blocks(), *self._header_footer_blocks(), *self._body_blocks(),
                  *self._note_blocks(), *self._comment_blocks()]
        return TextDocument(blocks=blocks, authors=self._authors(), problems=self.problems)

    def _body_blocks(self) -> list[TextBlock]:
        blocks: list[TextBlock] = []
        part = self._opening_part()
        for item in self.items:
            if isinstance(item, _Grid):
                blocks.extend(self._table_blocks(item))
                continue
            text, number = item.text, item.number
            block_part = Part.CAPTION if item.caption else part
            if item.heading:
                part = section_part(text.shown) or part
                block_part = part
            if text.shown.strip():
                blocks.append(TextBlock(text.shown, paragraph=number, part=block_part))
            blocks.extend(TextBlock(box, paragraph=number, part=part, label="text box") for box in text.text_boxes)
            blocks.extend(TextBlock(alt, paragraph=number, part=part, label="alt text") for alt in text.alt_text)
            blocks.extend(TextBlock(gone, paragraph=number, part=block_part, label="tracked deletion")
                          for gone in text.deleted)
        return blocks

    def _opening_part(self) -> Part:
        """FRONT when a body heading (Abstract, Introduction ...) comes early; the title and byline are above it."""
        for item in self.items:
            if isinstance(item, _Paragraph):
                if item.number > _FRONT_MATTER_PARAGRAPHS:
                    break
                if item.heading and section_part(item.text.shown) == Part.BODY:
                    return Part.FRONT
        return Part.BODY

    @staticmethod
    def _table_blocks(grid: _Grid) -> list[TextBlock]:
        label = grid.table.name if grid.table is not None else "table"
        blocks = []
        for cells, deleted in zip(grid.rows, grid.deleted):
            if any(cell.strip() for cell in cells):
                blocks.append(TextBlock(" | ".join(cells), paragraph=grid.after_paragraph, part=Part.TABLE,
                                        label=label))
            blocks.extend(TextBlock(gone, paragraph=grid.after_paragraph, part=Part.TABLE,
                                    label=f"tracked deletion in {label}") for gone in deleted)
        return blocks

    def _note_blocks(self) -> list[TextBlock]:
        """Footnotes and endnotes, at the paragraph that cites them; Word's separator "notes" are not text."""
        blocks: list[TextBlock] = []
        for reltype, kind in ((_REL_FOOTNOTES, "footnote"), (_REL_ENDNOTES, "endnote")):
            for part in _related(self.main, reltype):
                root = _xml(part)
                if root is None:
                    self.problems.append(f"the {kind}s are damaged (not well-formed XML): not checked")
                    continue
                for note in root.iter(f"{_W}{kind}"):
                    if note.get(f"{_W}type") not in (None, "normal"):
                        continue
                    content = _container_text(note)
                    paragraph = self.anchors.get((kind, note.get(f"{_W}id") or ""))
                    if content.shown:
                        blocks.append(TextBlock(content.shown, paragraph=paragraph, part=Part.BODY, label=kind))
                    blocks.extend(TextBlock(gone, paragraph=paragraph, part=Part.BODY,
                                            label=f"tracked deletion in {kind}") for gone in content.deleted)
        return blocks

    def _comment_blocks(self) -> list[TextBlock]:
        blocks: list[TextBlock] = []
        for part in _related(self.main, _REL_COMMENTS):
            root = _xml(part)
            if root is None:
                self.problems.append("the review comments are damaged (not well-formed XML): not checked")
                continue
            for comment in root.iter(f"{_W}comment"):
                content = _container_text(comment)
                label = "comment" + (f" by {who}" if (who := _initials(comment.get(f"{_W}initials"),
                                                                        comment.get(f"{_W}author"))) else "")
                paragraph = self.anchors.get(("comment", comment.get(f"{_W}id") or ""))
                for piece in ([content.shown] if content.shown else []) + content.deleted:
                    blocks.append(TextBlock(piece, paragraph=paragraph, part=Part.COMMENT, label=label))
        return blocks

    def _header_footer_blocks(self) -> list[TextBlock]:
        """Every section's headers and footers (first page, odd, even), each text once."""
        blocks: list[TextBlock] = []
        seen: set[tuple[str, str]] = set()
        for section in self.main.element.iter(f"{_W}sectPr"):
            for reference in section:
                kind = {f"{_W}headerReference": "header", f"{_W}footerReference": "footer"}.get(reference.tag)
                rel_id = reference.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                if kind is None or rel_id not in self.main.rels:
                    continue
                root = _xml(self.main.rels[rel_id].target_part)
                if root is None:
                    continue
                content = _container_text(root)
                pieces = [(kind, content.shown)] + [(f"tracked deletion in {kind}", gone) for gone in content.deleted]
                for label, piece in pieces:
                    if piece and (label, piece) not in seen:
                        seen.add((label, piece))
                        blocks.append(TextBlock(piece, part=Part.HEADER_FOOTER, label=label))
        return blocks

    def _package_part(self, reltype: str):
        try:
            return self.package.part_related_by(reltype)
        except KeyError:
            return None

    def _core_properties(self):
        part = self._package_part(_REL_CORE)  # never python-docx's default: it invents a title and an editor
        return getattr(part, "core_properties", None)

    def _property_blocks(self) -> list[TextBlock]:
        """Core properties a reader can see in File > Info, and the app and custom ones beside them."""
        found: list[tuple[str, str]] = []
        core = self._core_properties()
        if core is not None:
            found.extend((name, _safe_attribute(core, attribute)) for name, attribute in (
                ("title", "title"), ("subject", "subject"), ("keywords", "keywords"), ("comments", "comments"),
                ("category", "category"), ("content status", "content_status")))
        app = self._package_part(_REL_APP)
        root = _xml(app) if app is not None else None
        if root is not None:
            for element in root:
                name = etree.QName(element).localname
                if name in ("Company", "Manager", "HyperlinkBase"):
                    found.append((name.lower(), element.text or ""))
        custom = self._package_part(_REL_CUSTOM)
        root = _xml(custom) if custom is not None else None
        if root is not None:
            for prop in root:
                values = [value.text or "" for value in prop if isinstance(value.text, str)]
                found.extend((prop.get("name") or "custom", value) for value in values)
        return [TextBlock(value.strip(), part=Part.PROPERTY, label=f"property '{name}'")
                for name, value in found if value and value.strip()]

    def _authors(self) -> tuple[str, ...]:
        core = self._core_properties()
        if core is None:
            return ()
        names: list[str] = []
        for attribute in ("author", "last_modified_by"):
            for name in re.split(r"\s*;\s*", _safe_attribute(core, attribute)):
                if name.strip() and name.strip() not in names:
                    names.append(name.strip())
        return tuple(names)


def _safe_attribute(core, attribute: str) -> str:
    try:
        return str(getattr(core, attribute) or "")
    except (ValueError, TypeError, AttributeError):
        return ""


def _rows(table: etree._Element):
    for child in table:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            yield from _rows(child.find(_SDT_CONTENT) if child.tag == _SDT else child)


def _cells(row: etree._Element):
    for child in row:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _cells(content)


def _int(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL) or default)
    except ValueError:
        return default


def _bold_only(paragraph: etree._Element) -> bool:
    """Every run with text in the paragraph is bold (direct formatting, as hand-made headings are)."""
    runs = [run for run in paragraph.iter(_R) if any((t.text or "").strip() for t in run.iter(f"{_W}t"))]
    return bool(runs) and all(_is_on(run.find(f"{_W}rPr/{_W}b")) for run in runs)


def _initials(initials: str | None, author: str | None) -> str:
    """Initials to label a comment with: Word's own when they look like initials, else made from the name."""
    initials = (initials or "").strip()
    if initials and len(initials) <= 4 and " " not in initials:
        return initials
    words = re.findall(r"[^\W\d_]+", initials or author or "")
    return "".join(word[0].upper() for word in words)[:4]
