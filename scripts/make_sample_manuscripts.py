"""Write a simple Markdown manuscript out as a Word file and a PDF, for samples and tests.

    python scripts/make_sample_manuscripts.py SRC.md OUT.docx OUT.pdf

The Markdown is the small subset manuscripts need: ATX headings (``#``), paragraphs,
GitHub pipe tables, ``**bold**`` and ``*italic*``, and a leading ``Authors: A, B`` line.
The Word file has real Heading styles, a real Word table (its header row repeats on each
page), "Table N." paragraphs in the Caption style and the authors in its core properties;
the PDF (reportlab) has headings, wrapped paragraphs, a ruled table and the authors in its
/Author. Both are the same bytes every time they are made from the same Markdown (fixed
dates and IDs, fixed ZIP timestamps), so regenerated samples do not show up as changes.

Needs python-docx (an outscan dependency) and reportlab (in the ``test`` extra).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

# Every generated file says it was made at this moment, not when the script ran.
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP entry can carry
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_AUTHORS = re.compile(r"^authors?:\s*(.+)$", re.I)
_CAPTION = re.compile(r"^(?:Table|Figure)\s+[A-Z]?\d+[A-Za-z]?[.:]")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_EMPHASIS = re.compile(r"(\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*]+?)\*)")


# --- Markdown -----------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "table"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)  # header first


@dataclass
class Manuscript:
    authors: list[str]
    blocks: list[Block]

    @property
    def title(self) -> str:
        return next((plain(b.text) for b in self.blocks if b.kind == "heading"), "")


def parse(markdown: str) -> Manuscript:
    """Headings, paragraphs (lines joined) and pipe tables, in order; the Authors line apart."""
    authors: list[str] = []
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(line.strip() for line in paragraph)))
            paragraph.clear()

    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        is_table = stripped.startswith("|") and index + 1 < len(lines) and _TABLE_RULE.match(lines[index + 1].strip())
        if not blocks and not paragraph and not authors and (match := _AUTHORS.match(stripped)):
            authors = [name.strip() for name in re.split(r",|;|\band\b", match.group(1)) if name.strip()]
        elif not stripped:
            end_paragraph()
        elif heading:
            end_paragraph()
            blocks.append(Block("heading", heading.group(2), level=len(heading.group(1))))
        elif is_table:
            end_paragraph()
            rows = [_cells(stripped)]
            index += 2  # past the header and its rule
            while index < len(lines) and lines[index].strip().startswith("|"):
                rows.append(_cells(lines[index].strip()))
                index += 1
            width = max(len(row) for row in rows)
            blocks.append(Block("table", rows=[row + [""] * (width - len(row)) for row in rows]))
            continue
        else:
            paragraph.append(line)
        index += 1
    end_paragraph()
    return Manuscript(authors, blocks)


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of a line with **bold** and *italic* in it."""
    out: list[tuple[str, bool, bool]] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            out.append((text[position:match.start()], False, False))
        bold, italic = match.group("bold"), match.group("italic")
        out.append((bold or italic, bool(bold), bool(italic)))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False, False))
    return out


def plain(text: str) -> str:
    return "".join(piece for piece, _, _ in runs(text))


def _is_title(block: Block, position: int) -> bool:
    """A level-1 heading that opens the manuscript is its title."""
    return position == 0 and block.level == 1


def _level(block: Block) -> int:
    """Heading level under the title: "##" sections are level 1 (as "#" ones are when there is no title)."""
    return max(block.level - 1, 1)


# --- Word -------------------------------------------------------------------------------


def write_docx(manuscript: Manuscript, out: Path) -> None:
    import docx

    document = docx.Document()
    _set_core_properties(document.core_properties, manuscript)
    byline_done = not manuscript.authors
    for position, block in enumerate(manuscript.blocks):
        if block.kind == "heading":
            style = "Title" if _is_title(block, position) else f"Heading {min(_level(block), 9)}"
            _add_runs(document.add_paragraph(style=style), block.text)
        elif block.kind == "paragraph":
            style = "Caption" if _CAPTION.match(plain(block.text)) else None
            _add_runs(document.add_paragraph(style=style), block.text)
        else:
            _add_docx_table(document, block.rows)
        if not byline_done:  # the byline goes under the title, or first of all when there is none
            document.add_paragraph(", ".join(manuscript.authors))
            byline_done = True
    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(_fixed_zip(buffer.getvalue()))


def _set_core_properties(core, manuscript: Manuscript) -> None:
    core.author = "; ".join(manuscript.authors)
    core.last_modified_by = manuscript.authors[0] if manuscript.authors else ""
    core.title = manuscript.title
    core.subject = core.keywords = core.category = ""
    core.comments = ""  # python-docx's template says "generated by python-docx"
    core.created = core.modified = core.last_printed = FIXED_TIME.replace(tzinfo=None)
    core.revision = 1


def _add_runs(paragraph, text: str) -> None:
    for piece, bold, italic in runs(text):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        run.italic = italic or None


def _add_docx_table(document, rows: list[list[str]]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=len(rows), cols=len(rows[0]), style="Table Grid")
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = ""
            _add_runs(cell.paragraphs[0], text)
    header = table.rows[0]
    for cell in header.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat = OxmlElement("w:tblHeader")  # "repeat as header row at the top of each page"
    header._tr.get_or_add_trPr().append(repeat)
    repeat.set(qn("w:val"), "true")


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated 1980-01-01: python-docx stamps entries with the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------


def write_pdf(manuscript: Manuscript, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontSize=10, leading=13, spaceAfter=8)
    cell_style = ParagraphStyle("cell", parent=styles["Normal"], fontSize=9, leading=11)
    # invariant=1: reportlab's fixed creation date and document ID instead of today's.
    document = SimpleDocTemplate(str(out), pagesize=letter, invariant=1, title=manuscript.title,
                                 author="; ".join(manuscript.authors), subject="", creator="",
                                 leftMargin=inch, rightMargin=inch, topMargin=inch, bottomMargin=inch)
    story = []
    byline_done = not manuscript.authors
    for position, block in enumerate(manuscript.blocks):
        if block.kind == "heading":
            style = styles["Title"] if _is_title(block, position) else styles[f"Heading{min(_level(block), 6)}"]
            story.append(Paragraph(_markup(block.text), style))
        elif block.kind == "paragraph":
            story.append(Paragraph(_markup(block.text), body))
        else:
            cells = [[Paragraph(("<b>%s</b>" if number == 0 else "%s") % _markup(text), cell_style) for text in row]
                     for number, row in enumerate(block.rows)]
            width = document.width / len(block.rows[0])
            table = Table(cells, colWidths=[width] * len(block.rows[0]), repeatRows=1, hAlign="LEFT")
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.extend([table, Spacer(1, 10)])
        if not byline_done:
            story.append(Paragraph(escape(", ".join(manuscript.authors)), body))
            byline_done = True
    document.build(story)


def _markup(text: str) -> str:
    """reportlab's paragraph markup for a Markdown line: text escaped, emphasis as <b> and <i>."""
    out = []
    for piece, bold, italic in runs(text):
        piece = escape(piece)
        if bold:
            piece = f"<b>{piece}</b>"
        if italic:
            piece = f"<i>{piece}</i>"
        out.append(piece)
    return "".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    source, docx_out, pdf_out = (Path(arg) for arg in argv)
    manuscript = parse(source.read_text(encoding="utf-8"))
    write_docx(manuscript, docx_out)
    write_pdf(manuscript, pdf_out)
    print(f"wrote {docx_out} and {pdf_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
