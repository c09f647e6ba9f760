"""The same manuscript in every format outscan reads, through the CLI: each kind of leak is
found where a user would look for it (line, Word paragraph, PDF page), and the clean
paragraphs full of statistics and eponyms stay clean."""

from __future__ import annotations

import docx
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.conftest import write

TITLE = "Outcomes after relapse in childhood hepatoblastoma"
AUTHORS = "Jane Q. Public, Omar Haddad"
CLEAN = [
    "Overall survival was estimated with the Kaplan-Meier method and compared with the log-rank test; hazard "
    "ratios came from Cox models, with Schoenfeld residuals checked.",
    "Hodgkin lymphoma, Wilms tumor and Ewing sarcoma were compared with Fisher's exact test and the Mann-Whitney U "
    "test, with a Bonferroni correction; BRCA1, TP53 and Ki-67 were tested.",
    "The 5-year survival was 84.2% (95% CI 80.1-87.6%) among 1,842 children diagnosed between January 1, 2000 and "
    "December 31, 2018, age-adjusted to the 2000 US standard population.",
]
# (paragraph, the rules it must draw, and no others)
LEAKS = [
    ("Patient John Smith relapsed at 14 months.", {"OS201"}),
    ("Her chart (MRN 004471902) was reviewed twice.", {"OS202"}),
    ("Her mother could be reached at phone 312-555-0187.", {"OS203"}),
    ("Messages went to jsmith@example.org during follow-up.", {"OS203"}),
    ("The family lived at 1420 Maple Avenue.", {"OS203"}),
    ("She was diagnosed on March 4, 2015 after a routine blood count.", {"OS204"}),
    ("The oldest relative screened, aged 94, carried the variant.", {"OS205"}),
    ("Only 3 patients relapsed after transplant.", {"OS210"}),
    ("A 7-year-old girl presented with abdominal pain.", {"OS211"}),
    ("Several families lived in rural Johnson County.", {"OS220"}),
    ("The family later moved to Springfield, IL in 2010.", {"OS220"}),
    ("Most cases were reported by the Utah Cancer Registry.", {"OS221"}),
    ("Treatment was given at St. Mary's Children's Hospital.", {"OS230"}),
    ("Pathology was reviewed by Dr. Alvarez.", {"OS231"}),
]
SECRETS = ("John Smith", "004471902", "312-555-0187", "jsmith@example.org", "1420 Maple", "March 4, 2015", "Alvarez")


def _markdown() -> tuple[str, list[int]]:
    lines = [f"# {TITLE}", "", f"Authors: {AUTHORS}", "", "## Methods", ""]
    for paragraph in CLEAN:
        lines += [paragraph, ""]
    lines += ["## Results", ""]
    where = []
    for paragraph, _ in LEAKS:
        where.append(len(lines) + 1)
        lines += [paragraph, ""]
    return "\n".join(lines), where


def _text() -> tuple[str, list[int]]:
    text, where = _markdown()
    return text.replace("## ", "").replace("# ", ""), where


def _latex() -> tuple[str, list[int]]:
    lines = ["\\documentclass{article}", f"\\title{{{TITLE}}}", "\\author{Jane Q. Public \\and Omar Haddad}",
             "\\begin{document}", "\\maketitle", "\\section{Methods}"]
    for paragraph in CLEAN:
        lines += [paragraph.replace("%", "\\%"), ""]
    lines += ["\\section{Results}"]
    where = []
    for paragraph, _ in LEAKS:
        where.append(len(lines) + 1)
        lines += [paragraph, ""]
    lines += ["\\end{document}"]
    return "\n".join(lines), where


def _docx(path) -> list[int]:
    document = docx.Document()
    document.core_properties.author = "Jane Q. Public"
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"Authors: {AUTHORS}")
    document.add_heading("Methods", level=1)
    for paragraph in CLEAN:
        document.add_paragraph(paragraph)
    document.add_heading("Results", level=1)
    where = []
    for paragraph, _ in LEAKS:
        document.add_paragraph(paragraph)
        where.append(len(document.paragraphs))
    document.save(path)
    return where


def _pdf(path) -> list[int]:
    """Title and methods on page 1, then one leaking paragraph a page."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setAuthor("Jane Q. Public")
    y = 720
    for line in (TITLE, f"Authors: {AUTHORS}", "", "Methods", *CLEAN):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(50, y, line[:110])
        if len(line) > 110:
            y -= 12
            pdf.drawString(50, y, line[110:])
        y -= 24
    pdf.showPage()
    where = []
    for page, (paragraph, _) in enumerate(LEAKS, start=2):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, 720, "Results" if page == 2 else "Results (continued)")
        pdf.drawString(50, 690, paragraph)
        pdf.showPage()
        where.append(page)
    pdf.save()
    return where


def _written(kind: str, tmp_path):
    if kind in ("md", "txt", "tex"):
        text, where = {"md": _markdown, "txt": _text, "tex": _latex}[kind]()
        return write(tmp_path, f"paper.{kind}", text), "line", where
    path = tmp_path / f"paper.{kind}"
    return path, ("paragraph" if kind == "docx" else "page"), (_docx if kind == "docx" else _pdf)(path)


@pytest.mark.parametrize("kind", ["md", "txt", "tex", "docx", "pdf"])
def test_every_kind_of_leak_is_found_where_it_is(kind, run_cli, tmp_path):
    path, unit, where = _written(kind, tmp_path)
    result = run_cli("scan", path.name, "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    (entry,) = result.report["files"]
    assert entry["status"] == "scanned", entry
    found: dict[int | None, set[str]] = {}
    for finding in result.report["findings"]:
        found.setdefault(finding["location"].get(unit), set()).add(finding["rule"])
    expected = {place: rules for place, (_, rules) in zip(where, LEAKS)}
    assert found == expected
    printed = str(result.report)
    assert not [secret for secret in SECRETS if secret in printed]
