"""Manuscripts read as text: blocks at their source lines and columns, in the part of the paper
they stand in, with the paper's own authors, in Markdown, LaTeX, HTML and plain text."""

from __future__ import annotations

import pytest

from outscan.documents import Part, TextDocument
from outscan.readers import ReadError, reader_for
from outscan.readers.html import read_html_document
from outscan.readers.latex import read_latex_document
from outscan.readers.markdown import read_markdown, read_markdown_document
from outscan.readers.plain import read_plain_document
from tests.conftest import write


def _block(document: TextDocument, words: str):
    """The first block holding `words`."""
    return next(block for block in document.blocks if words in block.text)


def _part(document: TextDocument, words: str) -> Part:
    return _block(document, words).part


def _line_of(source: str, words: str) -> int:
    return next(number for number, line in enumerate(source.split("\n"), start=1) if words in line)


def _column_of(source: str, words: str) -> int:
    return source.split("\n")[_line_of(source, words) - 1].index(words)


def _located(document: TextDocument, source: str, words: str) -> None:
    """`words` sit in their block at the source's own line and column."""
    block = _block(document, words)
    offset = block.text.index(words)
    assert block.line_at(offset) == _line_of(source, words), (words, block)
    assert offset - (block.text.rfind("\n", 0, offset) + 1) == _column_of(source, words), (words, block)


# --- Markdown ------------------------------------------------------------------------------

MARKDOWN = """\
---
title: Survival after rare tumours
author:
  - name: Jane Doe
    affiliation: University of X
  - John Roe, MD
---

# Survival after rare tumours

Department of Oncology, University of X

## Abstract

We studied **only 3** patients in [the registry](http://registry.example/x "site") and
their `outcomes` over *five* years; one was <!-- the nurse from Springfield --> lost
to follow-up.

## Methods

> Cases were drawn from the *registry*
> of the region.

- first item
- second item

```python
cases = load("extract.csv")
```

## Results

Table 2. Stage at diagnosis (N=20)

| Stage | Cases |
|-------|------:|
| I     | 12    |
| II    | 8     |

<!--
A comment over
three lines
-->

**Funding:** the NIH.

## Acknowledgements

We thank the registry staff.

## References

1. Smith A. A paper. 2020.
"""


def test_markdown_blocks_keep_their_lines_and_columns(tmp_path):
    document, *tables = read_markdown_document(write(tmp_path, "paper.md", MARKDOWN))
    assert isinstance(document, TextDocument) and [t.name for t in tables] == ["Table 2"]
    paragraph = _block(document, "only 3")
    assert paragraph.line == _line_of(MARKDOWN, "only 3")
    assert paragraph.text.index("only 3") == _column_of(MARKDOWN, "only 3")  # "**" blank, not removed
    for words in ("only 3", "the registry", "outcomes", "five", "lost", "to follow-up", "of the region"):
        _located(document, MARKDOWN, words)


def test_markdown_markup_is_blank_and_comments_are_apart(tmp_path):
    document = read_markdown_document(write(tmp_path, "paper.md", MARKDOWN))[0]
    paragraph = _block(document, "only 3")
    assert "**" not in paragraph.text and "http://" not in paragraph.text and "`" not in paragraph.text
    assert "Springfield" not in paragraph.text
    inline, block = [b for b in document.blocks if b.part is Part.COMMENT]
    assert (inline.text.strip(), inline.line, inline.label) == ("the nurse from Springfield",
                                                                _line_of(MARKDOWN, "Springfield"), "comment")
    assert block.line == _line_of(MARKDOWN, "A comment over") and "three lines" in block.text


def test_markdown_parts_of_a_manuscript(tmp_path):
    document = read_markdown_document(write(tmp_path, "paper.md", MARKDOWN))[0]
    assert _block(document, "title: Survival").part is Part.FRONT  # the YAML front matter
    assert _part(document, "Department of Oncology") is Part.FRONT
    assert [_part(document, words) for words in ("Abstract", "only 3", "Cases were drawn", "first item",
                                                 "Results")] == [Part.BODY] * 5
    assert _part(document, "Funding:") is Part.BACK  # a run-in label names its own paragraph's part
    assert _part(document, "We thank") is Part.BACK
    assert _part(document, "Smith A.") is Part.REFERENCES
    assert document.authors == ("Jane Doe", "John Roe")


def test_markdown_captions_table_rows_and_code(tmp_path):
    document = read_markdown_document(write(tmp_path, "paper.md", MARKDOWN))[0]
    assert _part(document, "Table 2. Stage") is Part.CAPTION
    rows = [(b.text, b.line, b.label) for b in document.blocks if b.part is Part.TABLE]
    assert rows == [("Stage | Cases", _line_of(MARKDOWN, "| Stage"), "Table 2"),
                    ("I | 12", _line_of(MARKDOWN, "| I "), "Table 2"),
                    ("II | 8", _line_of(MARKDOWN, "| II"), "Table 2")]
    code = _block(document, "extract.csv")
    assert (code.part, code.line, code.text) == (Part.CODE, _line_of(MARKDOWN, "extract.csv"),
                                                 'cases = load("extract.csv")')


def test_markdown_tables_read_as_before(tmp_path):
    path = write(tmp_path, "paper.md", MARKDOWN)
    _, *tables = read_markdown_document(path)
    assert [(t.name, t.caption, t.line_of_row) for t in tables] == \
        [(t.name, t.caption, t.line_of_row) for t in read_markdown(path)]


def test_pandoc_title_block_and_a_byline(tmp_path):
    document = read_markdown_document(write(tmp_path, "note.md", "% A report\n% Jane Doe; John Roe\n% 2024\n\n"
                                                                 "Text of the report.\n"))[0]
    assert document.authors == ("Jane Doe", "John Roe")
    assert _block(document, "A report").part is Part.FRONT and "%" not in _block(document, "A report").text
    byline = read_markdown_document(write(tmp_path, "byline.md", "# Registry survival\n\n*By Ann Lee and Bo Chen*"
                                                                 "\n\n## Introduction\n\nBy 2020, rates fell.\n"))[0]
    assert byline.authors == ("Ann Lee", "Bo Chen")


def test_markdown_without_an_early_body_heading_is_body_from_its_first_line(tmp_path):
    text = "# Notes\n\n" + "A line of notes.\n\n" * 40 + "## Methods\n\nMore.\n"
    document = read_markdown_document(write(tmp_path, "notes.md", text))[0]
    assert {b.part for b in document.blocks} == {Part.BODY}


# --- LaTeX ---------------------------------------------------------------------------------

LATEX = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
% Draft 3: do not circulate
\title{Survival after \textbf{rare} tumours\thanks{Funded by the NIH.}}
\author{Jane M{\"u}ller\textsuperscript{1} \and John Roe$^{2}$\\ University of X}
\date{}
\begin{document}
\maketitle

\begin{abstract}
We studied \textbf{only 3} patients~\cite{smith2020} with $n = 3$ events, 30\% of whom had $<$11 visits
and were seen at the clinic.
\end{abstract}

\section{Methods}\label{sec:methods}
Cases came from the \emph{registry} \href{http://registry.example}{web site}, \url{https://doi.org/10.7937/a%20b}.
% The patient from Springfield, aged 34,
% had a rare tumour.
Caf\'e visits were counted,

see Table~\ref{tab:stage}. % a trailing note

\section{Results}
\begin{table}[ht]
\caption{Stage at diagnosis (N=20)}
\label{tab:stage}
\begin{tabular}{lr}
\toprule
Stage & Cases \\
\midrule
I & 12 \\
II & 8 \\
\bottomrule
\end{tabular}
\end{table}

\begin{comment}
An old sentence about the clinic.
\end{comment}

\begin{verbatim}
rate = 50% % not a comment
\end{verbatim}

\section*{Acknowledgments}
We thank the registry staff.

\begin{thebibliography}{9}
\bibitem{smith2020} Smith A. A paper. 2020.
\bibitem[Lee]{lee2021} Lee B. Another paper. 2021.
\end{thebibliography}
\end{document}
"""


def test_latex_markup_is_blank_in_place(tmp_path):
    document, *tables = read_latex_document(write(tmp_path, "paper.tex", LATEX))
    paragraph = _block(document, "only 3")
    assert paragraph.text.index("only 3") == _column_of(LATEX, "only 3")  # "\textbf{" blank, argument kept
    for words in ("only 3", "n = 3", "events", "were seen at the clinic", "registry", "web site", "visits were"):
        _located(document, LATEX, words)
    assert "30% of whom had <11 visits" in " ".join(paragraph.text.split())  # \% and $<$ read as written
    assert "smith2020" not in paragraph.text and "\\" not in paragraph.text and "$" not in paragraph.text
    assert "registry.example" not in _block(document, "web site").text  # \href's URL is not printed
    _located(document, LATEX, "https://doi.org/10.7937/a%20b")  # \url's is, and a "%" there is no comment
    assert "Café" in _block(document, "visits were").text
    assert "tab:stage" not in document.full_text()


def test_latex_comments_have_their_lines_and_are_not_prose(tmp_path):
    document = read_latex_document(write(tmp_path, "paper.tex", LATEX))[0]
    comments = [(b.line, b.text.strip()) for b in document.blocks if b.part is Part.COMMENT]
    assert comments == [
        (3, "Draft 3: do not circulate"),
        (17, "The patient from Springfield, aged 34,\n  had a rare tumour."),
        (21, "a trailing note"),
        (_line_of(LATEX, "An old sentence"), "An old sentence about the clinic."),
    ]
    prose = document.full_text(frozenset(set(Part) - {Part.COMMENT}))
    assert "Springfield" not in prose and "trailing note" not in prose and "old sentence" not in prose
    block = _block(document, "Springfield")
    assert block.line_at(block.text.index("rare tumour")) == 18
    assert block.text.index("The patient") == _column_of(LATEX, "The patient")  # the "%" blank


def test_latex_parts_of_a_manuscript(tmp_path):
    document = read_latex_document(write(tmp_path, "paper.tex", LATEX))[0]
    assert _part(document, "Survival after") is Part.FRONT
    assert _part(document, "John Roe") is Part.FRONT
    assert _part(document, "Funded by the NIH") is Part.FRONT  # \thanks, in the title
    assert [_part(document, words) for words in ("only 3", "Methods", "Cases came", "Results")] == [Part.BODY] * 4
    assert _part(document, "Acknowledgments") is Part.BACK and _part(document, "We thank") is Part.BACK
    assert _part(document, "Smith A.") is Part.REFERENCES and _part(document, "Lee B.") is Part.REFERENCES
    assert _block(document, "Lee B.").line == _line_of(LATEX, "Lee B.")
    assert "inputenc" not in document.full_text() and "11pt" not in document.full_text()


def test_latex_authors_without_marks_and_affiliations(tmp_path):
    document = read_latex_document(write(tmp_path, "paper.tex", LATEX))[0]
    assert document.authors == ("Jane Müller", "John Roe")
    authblk = r"""\author[1]{Ann Lee\thanks{ann@x.org}}
\author[1,2]{Bo Chen, Carla Diaz and D.~Evans}
\affil[1]{University of X}
\begin{document}\maketitle
\section{Introduction} Text.
\end{document}
"""
    document = read_latex_document(write(tmp_path, "authblk.tex", authblk))[0]
    assert document.authors == ("Ann Lee", "Bo Chen", "Carla Diaz", "D. Evans")
    assert _part(document, "University of X") is Part.FRONT


def test_latex_captions_table_rows_and_verbatim(tmp_path):
    document, table = read_latex_document(write(tmp_path, "paper.tex", LATEX))
    caption = _block(document, "Stage at diagnosis")
    assert (caption.part, caption.line) == (Part.CAPTION, _line_of(LATEX, "Stage at diagnosis"))
    rows = [(b.text, b.line, b.label) for b in document.blocks if b.part is Part.TABLE]
    assert rows == [("Stage | Cases", _line_of(LATEX, "Stage & Cases"), "Table 1"),
                    ("I | 12", _line_of(LATEX, "I & 12"), "Table 1"), ("II | 8", _line_of(LATEX, "II & 8"), "Table 1")]
    assert (table.name, table.caption) == ("Table 1", "Stage at diagnosis (N=20)")
    code = _block(document, "rate = 50%")
    assert (code.part, code.line, code.text) == (Part.CODE, _line_of(LATEX, "rate = 50%"), "rate = 50% % not a comment")
    assert not any("& Cases" in b.text or "toprule" in b.text for b in document.blocks)


def test_latex_part_environments_and_headings_that_say_nothing(tmp_path):
    text = r"""\begin{document}
\section{A cohort}
Text one.
\begin{acknowledgments}
We thank the staff.
\end{acknowledgments}
\paragraph{Funding.} The NIH paid for it.
\bibliography{refs}
\end{document}
"""
    document = read_latex_document(write(tmp_path, "revtex.tex", text))[0]
    assert [(b.text.strip(), b.part) for b in document.blocks] == [
        ("A cohort", Part.BODY), ("Text one.", Part.BODY), ("We thank the staff.", Part.BACK),
        ("Funding.", Part.BACK), ("The NIH paid for it.", Part.BACK),
    ]


def test_odd_latex_reads_sensibly(tmp_path):
    text = (r"\section{Unclosed heading" "\n\nA paragraph \\textbf{with {unbalanced braces.\n\n"
            r"\begin{itemize}" "\n" r"\item One \item[Two:] three" "\n% a comment never ended by a newline")
    document = read_latex_document(write(tmp_path, "odd.tex", text))[0]
    assert [(b.line, " ".join(b.text.split())) for b in document.blocks] == [
        (1, "Unclosed heading"), (3, "A paragraph with unbalanced braces."), (6, "One"),
        (6, "Two: three"), (7, "a comment never ended by a newline"),
    ]
    assert read_latex_document(write(tmp_path, "deep.tex", "{" * 50_000 + r"\begin{tabular}{l} 1 \\ \end{tabular}"))


# --- HTML ----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head>
<title>Survival after rare tumours</title>
<meta name="citation_author" content="Doe, Jane">
<meta name="citation_author" content="Roe, John">
<style>p { color: red }</style>
</head>
<body>
<h1>Survival after rare tumours</h1>
<p class="affiliation">Department of Oncology, University of X</p>
<h2>Abstract</h2>
<p>We studied <b>only 3</b> patients
in the <a href="http://registry.example">registry</a>.<!-- seen by Dr Smith --> They
were followed for <span
   class="n">five</span> years.</p>
<h2>Methods</h2>
<figure><img src="f.png"><figcaption>Figure 1. Flow of patients</figcaption></figure>
<table>
<caption>Table 1. Cases by stage (N=20)</caption>
<tr><th>Stage</th><th>Cases</th></tr>
<tr><td>I</td><td>12</td></tr>
<tr><td>II</td><td>8</td></tr>
</table>
<pre>cases = load("extract.csv")</pre>
<h2>Acknowledgments</h2>
<p>We thank the registry staff.</p>
<h2>References</h2>
<ol><li>Smith A. A paper. 2020.</li></ol>
<script>var note = "<p>not text</p>";</script>
</body></html>
"""


def test_html_blocks_keep_their_lines(tmp_path):
    document, table = read_html_document(write(tmp_path, "paper.html", HTML))
    paragraph = _block(document, "only 3")
    assert paragraph.line == 12
    for words in ("only 3", "registry", "They", "five years"):
        block = _block(document, words)
        assert block.line_at(block.text.index(words)) == _line_of(HTML, words.split()[0]), words
    assert "<b>" not in paragraph.text and "Dr Smith" not in paragraph.text
    assert "not text" not in document.full_text() and "color" not in document.full_text()
    assert table.name == "Table 1"


def test_html_parts_captions_rows_comments_and_authors(tmp_path):
    document = read_html_document(write(tmp_path, "paper.html", HTML))[0]
    assert _part(document, "Department of Oncology") is Part.FRONT
    assert [_part(document, words) for words in ("Abstract", "only 3", "Methods")] == [Part.BODY] * 3
    assert _part(document, "We thank") is Part.BACK and _part(document, "Smith A.") is Part.REFERENCES
    assert _part(document, "Figure 1. Flow") is Part.CAPTION and _part(document, "Table 1. Cases") is Part.CAPTION
    assert [(b.text, b.line) for b in document.blocks if b.part is Part.TABLE] == \
        [("Stage | Cases", _line_of(HTML, "<th>Stage")), ("I | 12", _line_of(HTML, "<td>I<")),
         ("II | 8", _line_of(HTML, "<td>II<"))]
    assert _part(document, "extract.csv") is Part.CODE
    comment = _block(document, "Dr Smith")
    assert (comment.part, comment.line, comment.text) == (Part.COMMENT, 13, "seen by Dr Smith")
    assert document.authors == ("Jane Doe", "John Roe")


def test_html_meta_author_and_an_unclosed_comment(tmp_path):
    html = '<meta name="author" content="Ann Lee, MD and Bo Chen">\n<p>Text.</p>\n<!-- left open\nto the end\n'
    document = read_html_document(write(tmp_path, "page.html", html))[0]
    assert document.authors == ("Ann Lee", "Bo Chen")
    assert [(b.text, b.line, b.part) for b in document.blocks] == [
        ("Text.", 2, Part.BODY), ("left open\nto the end", 3, Part.COMMENT)]
    assert read_html_document(write(tmp_path, "odd.html", "<p>a<![weird x>b</p"))[0].blocks


# --- plain text ------------------------------------------------------------------------------

PLAIN = """\
Survival after rare tumours in a regional registry

Authors: Jane Doe, MD, PhD; John Roe
Department of Oncology, University of X

ABSTRACT
We studied 3 patients in the registry, over
two lines.

1. INTRODUCTION

Cancer is common.

2. Methods
==========

Cases came from the registry.

Table 1. Cases by stage

Acknowledgements
----------------

We thank the staff.

REFERENCES

1. Smith A. A paper. 2020.
"""


def test_plain_text_parts_lines_and_authors(tmp_path):
    document = read_plain_document(write(tmp_path, "paper.txt", PLAIN))[0]
    assert [(b.line, b.part) for b in document.blocks] == [
        (1, Part.FRONT), (3, Part.FRONT), (6, Part.BODY), (7, Part.BODY), (10, Part.BODY), (12, Part.BODY),
        (14, Part.BODY), (17, Part.BODY), (19, Part.CAPTION), (21, Part.BACK), (24, Part.BACK),
        (26, Part.REFERENCES), (28, Part.REFERENCES),
    ]
    paragraph = _block(document, "two lines")
    assert paragraph.line_at(paragraph.text.index("two lines")) == 8
    assert _block(document, "Methods").text == "2. Methods"  # the underline blank
    assert document.authors == ("Jane Doe", "John Roe")


def test_plain_text_front_matter_and_a_text_without_headings(tmp_path):
    text = "---\nauthors:\n  - {name: {given: Ann, family: Lee}}\n  - Bo Chen\n---\nJust a note: 3 cases.\n"
    document = read_plain_document(write(tmp_path, "note.txt", text))[0]
    assert document.authors == ("Ann Lee", "Bo Chen")
    assert [(b.line, b.part) for b in document.blocks] == [(2, Part.FRONT), (6, Part.BODY)]
    bad_yaml = read_plain_document(write(tmp_path, "bad.txt", "---\nauthor: [unclosed\n---\nText.\n"))[0]
    assert bad_yaml.authors == () and _part(bad_yaml, "Text.") is Part.BODY


# --- every reader ----------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "name"), [("markdown", "a.md"), ("latex", "a.tex"), ("html", "a.html"),
                                            ("text", "a.txt")])
def test_blank_files_are_empty_documents_and_binary_is_an_error(tmp_path, kind, name):
    read = reader_for(kind)
    (document, *tables) = read(write(tmp_path, name, "\n  \n"))
    assert (document.blocks, document.authors, tables) == ([], (), [])
    assert document.source_encoding == "utf-8"
    with pytest.raises(ReadError):
        read(write(tmp_path, "binary-" + name, bytes(range(256)) * 8))


def test_a_large_document_reads_whole(tmp_path):
    paragraph = "We studied \\textbf{only 3} patients~\\cite{x} in {the registry. % note\nA second line.\n\n"
    document = read_latex_document(write(tmp_path, "big.tex", paragraph * 12_000))[0]
    assert len([b for b in document.blocks if b.part is Part.BODY]) == 12_000
    block = _block(document, "A second line")
    assert (block.line, block.line_at(block.text.index("A second line"))) == (1, 2)
    assert document.blocks[-1].line == 12_000 * 3 - 2  # the last comment
