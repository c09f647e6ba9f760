"""DOCX and PDF manuscripts: every piece of text with its paragraph or page, their parts, their tables.

The files are made here, with python-docx and reportlab, so each test shows what it reads.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from outscan.api import scan
from outscan.documents import Part, Table, TextDocument
from outscan.readers.docx import read_docx
from outscan.readers.errors import ReadError
from outscan.readers.pdf import read_pdf
from tests.conftest import write

ROOT = Path(__file__).resolve().parent.parent


def _blocks(document: TextDocument, part: Part | None = None, label: str | None = None):
    return [b for b in document.blocks if (part is None or b.part == part) and (label is None or b.label == label)]


def _by_text(document: TextDocument) -> dict[str, object]:
    return {b.text: b for b in document.blocks}


# --- DOCX ---------------------------------------------------------------------------------


def _manuscript_docx() -> docx.Document:
    document = docx.Document()
    core = document.core_properties
    core.author, core.last_modified_by = "Jane Q. Doe", "John Roe"
    core.title, core.subject, core.keywords, core.comments = "Survival at Mercy Hospital", "", "", ""
    document.add_paragraph("Survival after surgery", style="Title")  # 1
    document.add_paragraph("Jane Q. Doe, John Roe")  # 2
    document.add_paragraph("")  # 3: empty, still counted
    document.add_heading("Abstract", level=1)  # 4
    document.add_paragraph("We studied survival.")  # 5
    document.add_heading("2. Results", level=1)  # 6
    document.add_paragraph("Table 2. Stage at diagnosis (N=60)", style="Caption")  # 7
    table = document.add_table(rows=4, cols=3)
    merged = table.cell(0, 1).merge(table.cell(0, 2))  # a header spanning two columns
    rows = [("Stage", None, None), ("", "n", "%"), ("Local", "12", "20"), ("Distant", "3", "5")]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text is not None:
                table.cell(r, c).text = text
    merged.text = "Women"
    document.add_paragraph("The table shows the stages.")  # 8
    document.add_paragraph().add_run("Funding").bold = True  # 9: a heading made by hand
    document.add_paragraph("Supported by a grant.")  # 10
    document.add_heading("References", level=1)  # 11
    document.add_paragraph("1. Smith J. A paper. 2020.")  # 12
    return document


def _save(document, tmp_path: Path, name: str = "paper.docx") -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def test_docx_paragraphs_are_numbered_as_counted_and_headings_open_parts(tmp_path):
    text, *tables = read_docx(_save(_manuscript_docx(), tmp_path))

    blocks = _by_text(text)
    assert blocks["Survival after surgery"].paragraph == 1
    assert blocks["We studied survival."].paragraph == 5  # the empty paragraph 3 counts
    assert blocks["Supported by a grant."].paragraph == 10
    assert [b.paragraph for b in _blocks(text, Part.FRONT)] == [1, 2]  # title and byline, above the abstract
    assert blocks["We studied survival."].part == Part.BODY
    assert blocks["Funding"].part == blocks["Supported by a grant."].part == Part.BACK
    assert blocks["1. Smith J. A paper. 2020."].part == Part.REFERENCES
    assert blocks["Table 2. Stage at diagnosis (N=60)"].part == Part.CAPTION
    assert all(b.line is None and b.page is None for b in text.blocks)


def test_docx_table_becomes_a_table_and_a_block_per_row(tmp_path):
    text, *tables = read_docx(_save(_manuscript_docx(), tmp_path))

    (table,) = tables
    assert isinstance(table, Table)
    assert table.name == "Table 2"
    assert table.caption == "Table 2. Stage at diagnosis (N=60)"
    # The merged "Women" is written once, in its first column, as a CSV export would.
    assert table.header_cells[0] == ("Stage", "Women", "")
    assert [row.cells for row in table.rows] == [("Local", "12", "20"), ("Distant", "3", "5")]
    assert [row.number for row in table.rows] == [3, 4]
    location = table.location(3, 1)
    assert (location.table, location.row, location.line, location.cell_ref) == ("Table 2", 3, None, None)

    rows = _blocks(text, Part.TABLE)
    assert [b.text for b in rows] == ["Stage | Women | ", " | n | %", "Local | 12 | 20", "Distant | 3 | 5"]
    assert {b.label for b in rows} == {"Table 2"}
    assert {b.paragraph for b in rows} == {7}  # the paragraph the table follows


def test_docx_without_an_early_body_heading_is_all_body(tmp_path):
    document = docx.Document()
    document.core_properties.comments = ""
    for sentence in ("A note on registries.", "It has no headings.", "References"):
        document.add_paragraph(sentence)
    text, = read_docx(_save(document, tmp_path))

    assert [b.part for b in text.blocks] == [Part.BODY] * 3  # "References" in plain text is not a heading


def test_docx_vertically_merged_row_labels_repeat_in_data_rows(tmp_path):
    document = docx.Document()
    document.core_properties.comments = ""
    table = document.add_table(rows=4, cols=3)
    for r, cells in enumerate([("Site", "Sex", "Cases"), ("Lung", "M", "14"), ("", "F", "9"), ("Skin", "M", "30")]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Lung"

    _, table = read_docx(_save(document, tmp_path))

    assert [row.cells for row in table.rows] == [("Lung", "M", "14"), ("Lung", "F", "9"), ("Skin", "M", "30")]
    assert table.name == "Table 1"


def test_docx_headers_footers_comments_and_properties(tmp_path):
    document = _manuscript_docx()
    document.sections[0].header.paragraphs[0].text = "Running head: survival"
    document.sections[0].footer.paragraphs[0].text = "Confidential draft"
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Running head: survival"  # the same text again: read once
    results = next(p for p in document.paragraphs if p.text == "We studied survival.")
    document.add_comment(results.runs, text="Was this at Mercy Hospital?", author="Mary Smith", initials="MS")
    document.add_comment(results.runs, text="Check the dates.", author="Peter Paul Jones", initials="")

    text, *_ = read_docx(_save(document, tmp_path))

    heads = _blocks(text, Part.HEADER_FOOTER)
    assert [(b.label, b.text) for b in heads] == [
        ("header", "Running head: survival"), ("footer", "Confidential draft")]
    comments = _blocks(text, Part.COMMENT)
    assert [(b.label, b.text, b.paragraph) for b in comments] == [
        ("comment by MS", "Was this at Mercy Hospital?", 5), ("comment by PPJ", "Check the dates.", 5)]
    assert not any("Smith" in (b.label or "") or "Jones" in (b.label or "") for b in text.blocks)
    # The document's own people are authors, not text to check; the title is text.
    assert text.authors == ("Jane Q. Doe", "John Roe")
    assert [(b.label, b.text) for b in _blocks(text, Part.PROPERTY)] == [
        ("property 'title'", "Survival at Mercy Hospital")]
    assert not any("Doe" in b.text and b.part == Part.PROPERTY for b in text.blocks)


_FOOTNOTES = f"""<w:footnotes {nsdecls('w')}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>Cases seen at Mercy Hospital, Springfield.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _add_footnotes(document) -> None:
    """python-docx cannot write footnotes: the part is added as Word writes it."""
    part = OpcPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, _FOOTNOTES.encode(),
                   document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def test_docx_footnotes_tracked_changes_and_text_boxes(tmp_path):
    document = docx.Document()
    document.core_properties.comments = ""
    document.add_paragraph("Introduction", style="Heading 1")  # 1
    cited = document.add_paragraph("Patients were treated locally.")  # 2
    cited._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    document.add_paragraph("")  # 3
    edited = document.add_paragraph("The patient ")  # 4
    edited._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="7" w:author="A" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">in her sixties </w:t></w:r></w:ins>'))
    edited._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="8" w:author="A" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText>Mrs Jane Roe, born 3 May 1961, </w:delText></w:r></w:del>'))
    edited._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>was seen.</w:t></w:r>'))
    boxed = document.add_paragraph("See the box.")  # 5
    boxed._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>Case 3: a man of 94 from Ely</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    _add_footnotes(document)

    text, = read_docx(_save(document, tmp_path))

    blocks = _by_text(text)
    assert blocks["The patient in her sixties was seen."].paragraph == 4  # insertions are text
    deletion = blocks["Mrs Jane Roe, born 3 May 1961, "]
    assert (deletion.label, deletion.paragraph, deletion.part) == ("tracked deletion", 4, Part.BODY)
    footnote = blocks["Cases seen at Mercy Hospital, Springfield."]
    assert (footnote.label, footnote.paragraph, footnote.part) == ("footnote", 2, Part.BODY)
    assert len(_blocks(text, label="footnote")) == 1  # Word's separators are not notes
    box = blocks["Case 3: a man of 94 from Ely"]
    assert (box.label, box.paragraph) == ("text box", 5)
    assert blocks["See the box."].text == "See the box."


def test_docx_heading_styles_and_bold_lines(tmp_path):
    document = docx.Document()
    document.core_properties.comments = ""
    document.add_paragraph("A title", style="Title")
    document.add_paragraph().add_run("ABSTRACT")
    document.add_paragraph("Text.")
    document.add_paragraph().add_run("Acknowledgements").bold = True
    document.add_paragraph("We thank the registry staff.")
    long_bold = document.add_paragraph().add_run("References to earlier work are many and are listed below here.")
    long_bold.bold = True

    text, = read_docx(_save(document, tmp_path))

    assert [b.part for b in text.blocks] == [Part.FRONT, Part.BODY, Part.BODY, Part.BACK, Part.BACK, Part.BACK]


@pytest.mark.parametrize(("content", "reason"), [
    (b"This is not a Word file at all.", "not a ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected or legacy"),
    ("zip", "no main document"),
])
def test_damaged_docx_is_a_read_error(tmp_path, content, reason):
    path = tmp_path / "broken.docx"
    if content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                             'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            archive.writestr("readme.txt", "no document here")
    else:
        path.write_bytes(content)

    with pytest.raises(ReadError, match=reason):
        read_docx(path)


def test_docx_missing_document_part_is_a_read_error(tmp_path):
    source = _save(_manuscript_docx(), tmp_path, "good.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as copy:
        for item in original.infolist():
            if item.filename != "word/document.xml":
                copy.writestr(item, original.read(item.filename))

    with pytest.raises(ReadError, match="damaged DOCX"):
        read_docx(broken)


# --- PDF ----------------------------------------------------------------------------------


def _pdf(path: Path, story_of, **document_options) -> Path:
    """A PDF written by reportlab from the story `story_of(styles)` returns."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate

    styles = getSampleStyleSheet()
    styles["Normal"].spaceAfter = 6
    SimpleDocTemplate(str(path), pagesize=letter, invariant=1, **document_options).build(story_of(styles))
    return path


def _ruled_table(rows):
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    return PdfTable(rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))


def _paper_story(styles):
    from reportlab.platypus import PageBreak, Paragraph

    filler = "The cohort was followed for five years after surgery. " * 12
    return [
        Paragraph("Survival after surgery", styles["Title"]),
        Paragraph("Jane Doe, John Roe", styles["Normal"]),
        Paragraph("Abstract", styles["Heading1"]),
        Paragraph(filler, styles["Normal"]),
        Paragraph("Methods", styles["Heading1"]),
        Paragraph("We used the state registry.", styles["Normal"]),
        Paragraph("Table 2. Stage at diagnosis (N=60)", styles["Normal"]),
        _ruled_table([["Stage", "Women", "Men"], ["Local", "1234", "20"], ["Distant", "3", "5"]]),
        Paragraph("The table shows the stages.", styles["Normal"]),
        PageBreak(),
        Paragraph("Results", styles["Heading1"]),
        Paragraph("Most patients survived.", styles["Normal"]),
        Paragraph("Acknowledgements", styles["Heading1"]),
        Paragraph("We thank the registry staff.", styles["Normal"]),
        Paragraph("References", styles["Heading1"]),
        Paragraph("1. Smith J. A paper. 2020.", styles["Normal"]),
    ]


def test_pdf_prose_pages_parts_and_authors(tmp_path):
    path = _pdf(tmp_path / "paper.pdf", _paper_story, author="Jane Doe; John Roe", title="Survival", subject="")

    text, *_ = read_pdf(path)

    blocks = _by_text(text)
    assert blocks["Survival after surgery"].part == Part.FRONT
    assert blocks["Jane Doe, John Roe"].part == Part.FRONT
    assert blocks["We used the state registry."].page == 1
    assert blocks["We used the state registry."].part == Part.BODY
    assert blocks["Most patients survived."].page == 2
    assert blocks["We thank the registry staff."].part == Part.BACK
    assert blocks["1. Smith J. A paper. 2020."].part == Part.REFERENCES
    assert blocks["Table 2. Stage at diagnosis (N=60)"].part == Part.CAPTION
    # A wrapped paragraph is one block that keeps its line breaks; blocks have pages, not lines.
    filler = next(b for b in text.blocks if b.text.startswith("The cohort"))
    assert "\n" in filler.text and filler.part == Part.BODY
    assert all(b.line is None and b.paragraph is None for b in text.blocks)
    assert text.authors == ("Jane Doe", "John Roe")
    assert [(b.label, b.text) for b in _blocks(text, Part.PROPERTY)] == [("property 'title'", "Survival")]
    assert text.problems == []


def test_pdf_ruled_table_is_a_table_and_its_text_is_not_prose(tmp_path):
    path = _pdf(tmp_path / "paper.pdf", _paper_story)

    text, *tables = read_pdf(path)

    (table,) = tables
    assert table.name == "Table 2"
    assert table.caption == "Table 2. Stage at diagnosis (N=60)"
    assert table.header == ("Stage", "Women", "Men")
    assert [(row.number, row.cells) for row in table.rows] == [(2, ("Local", "1234", "20")), (3, ("Distant", "3", "5"))]
    rows = _blocks(text, Part.TABLE)
    assert [(b.text, b.page, b.label) for b in rows] == [
        ("Stage | Women | Men", 1, "Table 2"), ("Local | 1234 | 20", 1, "Table 2"), ("Distant | 3 | 5", 1, "Table 2")]
    prose = "\n".join(b.text for b in text.blocks if b.part != Part.TABLE)
    assert "1234" not in prose and "Distant" not in prose
    # Reading order: the caption, the rows, then the text below the table.
    order = [b.text for b in text.blocks]
    assert order.index("Table 2. Stage at diagnosis (N=60)") < order.index("Local | 1234 | 20") \
        < order.index("The table shows the stages.")


def test_pdf_table_running_over_pages_is_one_table(tmp_path):
    from reportlab.platypus import Paragraph

    rows = [["County", "Cases"]] + [[f"County {i}", str(i * 7)] for i in range(1, 90)] + [["Total", "27615"]]

    def story(styles):
        table = _ruled_table(rows)
        table.repeatRows = 1  # the header again at the top of each page, as journals print it
        return [Paragraph("Table 3. Cases by county", styles["Normal"]), table,
                Paragraph("Counts are from the registry.", styles["Normal"])]

    text, table = read_pdf(_pdf(tmp_path / "long.pdf", story))

    assert (table.name, table.header) == ("Table 3", ("County", "Cases"))
    assert [row.cells for row in table.rows] == [tuple(row) for row in rows[1:]]  # the repeated header read once
    pages = {b.page for b in _blocks(text, Part.TABLE)}
    assert len(pages) >= 2 and {b.label for b in _blocks(text, Part.TABLE)} == {"Table 3"}


def test_pdf_running_heads_are_read_once(tmp_path):
    from reportlab.platypus import PageBreak, Paragraph

    def story(styles):
        return [Paragraph("First page text.", styles["Normal"]), PageBreak(),
                Paragraph("Second page text.", styles["Normal"])]

    def decorate(canvas, document):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, 760, "Doe et al. Survival after surgery")
        canvas.drawString(300, 30, str(document.page))

    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate

    path = tmp_path / "heads.pdf"
    SimpleDocTemplate(str(path), pagesize=letter, invariant=1).build(
        story(getSampleStyleSheet()), onFirstPage=decorate, onLaterPages=decorate)

    text, = read_pdf(path)

    heads = _blocks(text, Part.HEADER_FOOTER)
    assert [(b.label, b.text, b.page) for b in heads] == [
        ("header", "Doe et al. Survival after surgery", 1), ("footer", "1", 1)]
    assert [(b.text, b.page) for b in _blocks(text, Part.BODY)] == [("First page text.", 1), ("Second page text.", 2)]


def test_pdf_turned_table_reads_as_printed(tmp_path):
    """A landscape table on a portrait page (LaTeX's sidewaystable): rows read across the turned page."""
    pytest.importorskip("reportlab")
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.translate(612, 0)
    pdf.rotate(90)  # everything below reads upwards on the page
    table = _ruled_table([["Stage", "Women in study", "Men"], ["Local", "1234", "20"], ["Distant", "3", "5"]])
    table.wrapOn(pdf, 400, 400)
    table.drawOn(pdf, 100, 300)
    note = Paragraph("Counts of fewer than 11 are suppressed in this table of the registry data.",
                     getSampleStyleSheet()["Normal"])
    note.wrapOn(pdf, 250, 100)
    note.drawOn(pdf, 100, 240)
    pdf.showPage()
    pdf.save()

    text, table = read_pdf(path)

    assert table.header == ("Stage", "Women in study", "Men")
    assert [row.cells for row in table.rows] == [("Local", "1234", "20"), ("Distant", "3", "5")]
    prose = [b.text for b in text.blocks if b.part != Part.TABLE]
    assert prose == ["Counts of fewer than 11 are suppressed in this table of\nthe registry data."]


def test_pdf_review_notes_are_comments_labelled_by_initials(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfbase.pdfdoc import PDFString
    from reportlab.pdfgen import canvas

    path = tmp_path / "noted.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "The patient was seen in May.")
    pdf.textAnnotation("Was this at Mercy Hospital?", Rect=(72, 680, 200, 700), T=PDFString("Mary Smith"))
    pdf.showPage()
    pdf.save()

    text, = read_pdf(path)

    (comment,) = _blocks(text, Part.COMMENT)
    assert (comment.text, comment.label, comment.page) == ("Was this at Mercy Hospital?", "comment by MS", 1)


def test_pdf_page_without_a_text_layer_is_a_problem(tmp_path):
    pytest.importorskip("reportlab")
    from PIL import Image
    from reportlab.pdfgen import canvas

    image = tmp_path / "scan.png"
    Image.new("RGB", (100, 140), "white").save(image)
    path = tmp_path / "scanned.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "A page with text.")
    pdf.showPage()
    pdf.drawImage(str(image), 50, 50, 500, 700)  # page 2: a scanned page, no characters
    pdf.showPage()
    pdf.save()

    text, = read_pdf(path)

    assert [b.text for b in text.blocks] == ["A page with text."]
    assert text.problems == ["page 2 has no text layer (a scanned image?): not checked"]
    (entry,) = scan([path]).files
    assert entry.status.value == "error" and "page 2 has no text layer" in entry.error


def test_encrypted_pdf_is_a_read_error(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), invariant=1, encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    pdf.drawString(72, 700, "Secret.")
    pdf.showPage()
    pdf.save()

    with pytest.raises(ReadError, match="encrypted PDF.*password"):
        read_pdf(path)


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_truncated_pdf_is_a_read_error(tmp_path, cut):
    whole = _pdf(tmp_path / "whole.pdf", _paper_story).read_bytes()
    path = write(tmp_path, "cut.pdf", whole[:int(len(whole) * cut)])

    with pytest.raises(ReadError, match="damaged"):
        read_pdf(path)


def test_not_a_pdf_is_a_read_error(tmp_path):
    path = write(tmp_path, "fake.pdf", b"%PDF-1.4\n" + b"nothing that parses " * 50)

    with pytest.raises(ReadError, match="damaged or not a PDF"):
        read_pdf(path)


# --- end to end ---------------------------------------------------------------------------


def test_scan_reads_docx_and_pdf_manuscripts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "paper").mkdir()
    _save(_manuscript_docx(), tmp_path / "paper", "paper.docx")
    _pdf(tmp_path / "paper" / "paper.pdf", _paper_story)

    report = scan(["paper"])

    assert {(f.path, f.kind, f.status.value) for f in report.files} == {
        ("paper/paper.docx", "docx", "scanned"), ("paper/paper.pdf", "pdf", "scanned")}


def _sample_script(monkeypatch):
    spec = importlib.util.spec_from_file_location("make_sample_manuscripts",
                                                  ROOT / "scripts" / "make_sample_manuscripts.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SAMPLE = """\
Authors: Jane Doe, John Roe

# Survival after surgery

## Abstract

We studied **survival** in a *regional* cohort.

## Results

Table 1. Cases by stage (N=60)

| Stage | Women | Men |
|---|---:|---:|
| Local | 12 | 20 |
| Distant | 3 | 25 |

## References

1. Smith J. A paper. 2020.
"""


def test_sample_manuscripts_are_made_the_same_every_time_and_read_back(tmp_path, monkeypatch):
    pytest.importorskip("reportlab")
    script = _sample_script(monkeypatch)
    source = write(tmp_path, "paper.md", SAMPLE)
    made = []
    for run in ("a", "b"):
        out_docx, out_pdf = tmp_path / f"{run}.docx", tmp_path / f"{run}.pdf"
        assert script.main([str(source), str(out_docx), str(out_pdf)]) == 0
        made.append((out_docx.read_bytes(), out_pdf.read_bytes()))
    assert made[0] == made[1]

    for read in (read_docx, read_pdf):
        text, table = read(tmp_path / f"a.{read.__name__.removeprefix('read_')}")
        assert text.authors == ("Jane Doe", "John Roe")
        parts = {b.text: b.part for b in text.blocks if b.part != Part.PROPERTY}
        assert parts["Survival after surgery"] == Part.FRONT
        assert parts["Jane Doe, John Roe"] == Part.FRONT
        assert parts["We studied survival in a regional cohort."] == Part.BODY
        assert parts["Table 1. Cases by stage (N=60)"] == Part.CAPTION
        assert parts["1. Smith J. A paper. 2020."] == Part.REFERENCES
        assert (table.name, table.header) == ("Table 1", ("Stage", "Women", "Men"))
        assert [row.cells for row in table.rows] == [("Local", "12", "20"), ("Distant", "3", "25")]
