"""Tables inside documents (Markdown, HTML, LaTeX): read into the one table model, with source lines and captions."""

from __future__ import annotations

from outscan.documents import TextDocument
from outscan.readers import reader_for
from outscan.readers.html import html_tables, read_html
from outscan.readers.latex import read_latex
from outscan.readers.markdown import read_markdown
from tests.conftest import write


def _rows(table) -> list[tuple[int, int, tuple[str, ...]]]:
    """(row within the table, source line, cells) of each data row."""
    return [(row.number, table.line_of_row[row.number], row.cells) for row in table.rows]


# --- Markdown ----------------------------------------------------------------------------

MARKDOWN = """\
# Results

Table 2 shows the stage at diagnosis; this sentence is not a caption.

Table 2. Stage at diagnosis by treatment arm (N=180)

| Stage | Arm A \\| surgery | Arm B | `code` |
|:------|------------------:|:-----:|--------|
| Local | 64 | 58 | `C50\\|x` |
| Regional | **21** | 19 | `C50` |
| Distant | 7 | 11 | |

Some prose between the tables.

## Supplementary

- The second table sits inside a list item:

  | Site | Cases |
  |------|------:|
  | Breast | 120 |
  | Lung | 4 |

```
| not | a table |
|-----|---------|
| 1   | 2       |
```
"""


def test_markdown_pipe_table_with_caption_escaped_pipes_and_inline_code(tmp_path):
    tables = read_markdown(write(tmp_path, "results.md", MARKDOWN))
    assert [t.name for t in tables] == ["Table 2", "Table 2 (line 19)"]  # the list's table has no caption of its own
    first = tables[0]
    assert first.caption == "Table 2. Stage at diagnosis by treatment arm (N=180)"
    assert first.header == ("Stage", "Arm A | surgery", "Arm B", "code")
    assert first.header_rows == (1,) and first.line_of_row[1] == 7
    assert _rows(first) == [
        (2, 9, ("Local", "64", "58", "C50|x")),
        (3, 10, ("Regional", "21", "19", "C50")),
        (4, 11, ("Distant", "7", "11", "")),
    ]
    second = tables[1]
    assert second.caption is None
    assert second.header == ("Site", "Cases")
    assert _rows(second) == [(2, 21, ("Breast", "120")), (3, 22, ("Lung", "4"))]


def test_markdown_captions_below_numbered_by_order_and_html_blocks(tmp_path):
    text = (
        "| Age | Deaths |\n"          # 1
        "|---|---|\n"                 # 2
        "| 0-14 | 12 |\n"             # 3
        "\n"                          # 4
        "Table: Deaths by age group\n"  # 5: a Pandoc caption below the table
        "\n"                          # 6
        "**Table S3** Cases by sex\n"   # 7: a bold label needs no punctuation
        "<table>\n"                   # 8
        "<tr><th>Sex</th><th>Cases</th></tr>\n"  # 9
        "<tr><td>Male</td><td>5</td></tr>\n"     # 10
        "</table>\n"
        "\n"
        "| Region | Cases |\n"        # 13
        "|---|---|\n"
        "| North | 40 |\n"           # 15
    )
    tables = read_markdown(write(tmp_path, "doc.md", text))
    assert [(t.name, t.caption) for t in tables] == [
        ("Table 1", "Deaths by age group"),
        ("Table S3", "Table S3 Cases by sex"),
        ("Table 3", None),
    ]
    assert _rows(tables[0]) == [(2, 3, ("0-14", "12"))]
    assert tables[1].header == ("Sex", "Cases") and _rows(tables[1]) == [(2, 10, ("Male", "5"))]
    assert tables[1].line_of_row[1] == 9
    assert _rows(tables[2]) == [(2, 15, ("North", "40"))]


def test_markdown_table_right_after_a_heading_takes_it_as_caption(tmp_path):
    text = "## Supplement\n\n### Table S2. Deaths by age group (N=95)\n\n| Age | Deaths |\n|---|---|\n| 0-14 | 12 |\n"
    (table,) = read_markdown(write(tmp_path, "supplement.md", text))
    assert (table.name, table.caption) == ("Table S2", "Table S2. Deaths by age group (N=95)")
    assert table.line_of_row == {1: 5, 2: 7}


def test_markdown_without_tables_is_read_as_text(tmp_path):
    path = write(tmp_path, "notes.md", "# Notes\n\nOnly prose here: 3 patients.\n")
    assert read_markdown(path) == []
    (document,) = reader_for("markdown")(path)
    assert isinstance(document, TextDocument)
    assert [(block.line, block.text) for block in document.blocks][-1] == (3, "Only prose here: 3 patients.")


# --- HTML --------------------------------------------------------------------------------

# What pandas writes for a frame with a named index and two levels of columns:
# DataFrame(..., index=Index(["Local", "Distant"], name="Stage"),
#           columns=MultiIndex.from_product([["Male", "Female"], ["n", "%"]])).to_html()
PANDAS_HTML = """\
<table border="1" class="dataframe">
  <thead>
    <tr>
      <th></th>
      <th colspan="2" halign="left">Male</th>
      <th colspan="2" halign="left">Female</th>
    </tr>
    <tr>
      <th></th>
      <th>n</th>
      <th>%</th>
      <th>n</th>
      <th>%</th>
    </tr>
    <tr>
      <th>Stage</th>
      <th></th>
      <th></th>
      <th></th>
      <th></th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <th>Local</th>
      <td>120</td>
      <td>75.0%</td>
      <td>96</td>
      <td>80.0%</td>
    </tr>
    <tr>
      <th>Distant</th>
      <td>40</td>
      <td>25.0%</td>
      <td>3</td>
      <td>2.5%</td>
    </tr>
  </tbody>
</table>
"""


def test_pandas_to_html_multiindex_columns_and_index_name(tmp_path):
    (table,) = read_html(write(tmp_path, "frame.html", PANDAS_HTML))
    assert table.header == ("Stage", "Male n", "Male %", "Female n", "Female %")
    assert table.header_rows == (1, 2)
    assert table.name == "Table 1" and table.caption is None
    # The index-name row is folded into the header row above it: the data start at row 3.
    assert _rows(table) == [
        (3, 24, ("Local", "120", "75.0%", "96", "80.0%")),
        (4, 31, ("Distant", "40", "25.0%", "3", "2.5%")),
    ]
    assert table.line_of_row[1] == 3 and table.line_of_row[2] == 8


def test_html_string_with_line_offset_as_notebooks_will_use_it():
    html = ('<table><thead><tr style="text-align: right;"><th></th><th>cases</th></tr></thead>\n'
            "<tbody><tr><th>0</th><td>12</td></tr>\n<tr><th>1</th><td>3</td></tr></tbody></table>")
    (table,) = html_tables(html, line_offset=40)
    assert table.header == ("", "cases")
    assert _rows(table) == [(2, 42, ("0", "12")), (3, 43, ("1", "3"))]


def test_html_colspan_rowspan_caption_and_nested_tables(tmp_path):
    page = """\
<html><body>
<table class="layout"><tr><td>
  <table>
    <caption>Table 3: Deaths by region and sex, 2019</caption>
    <thead>
      <tr><th rowspan="2">Region</th><th rowspan="2">Area</th><th colspan="2">Sex</th><th colspan="2">Age</th></tr>
      <tr><th>Male</th><th>Female</th><th>Child</th><th>Adult</th></tr>
    </thead>
    <tbody>
      <tr><td rowspan="2">North</td><td>Urban</td><td>30</td><td>25</td><td>20</td><td>35</td></tr>
      <tr><td>Rural</td><td>8<sup>a</sup></td><td>12</td><td>9</td><td>11</td>
      <tr><td>South</td><td>Urban</td><td colspan="2">Suppressed</td><td>40</td><td>41</td></tr>
    </tbody>
  </table>
</td><td>Side note</td></tr></table>
<script>var t = "<table><tr><td>1</td></tr></table>";</script>
</body></html>
"""
    tables = read_html(write(tmp_path, "page.html", page))
    assert [t.name for t in tables] == ["Table 3"]  # the layout table holds no table of its own
    (table,) = tables
    assert table.caption == "Table 3: Deaths by region and sex, 2019"
    assert table.header == ("Region", "Area", "Sex Male", "Sex Female", "Age Child", "Age Adult")
    assert table.header_rows == (1, 2)
    assert _rows(table) == [
        (3, 10, ("North", "Urban", "30", "25", "20", "35")),
        (4, 11, ("North", "Rural", "8a", "12", "9", "11")),  # the row label spans both rows; </tr> left out
        (5, 12, ("South", "Urban", "Suppressed", "", "40", "41")),  # a spanning cell is one cell
    ]


# --- LaTeX -------------------------------------------------------------------------------

LATEX = r"""\documentclass{article}
\usepackage{booktabs,multirow,threeparttable}
\begin{document}
Among the 240 cases, 50\% were diagnosed at a local stage (Table~\ref{tab:stage}).

\begin{table}[ht]
\centering
\caption{Cases by stage and sex (N=240)}\label{tab:stage}
\begin{threeparttable}
\begin{tabular}{llrrrr} % stage, period, then n and % per sex
\toprule
 & & \multicolumn{2}{c}{Male} & \multicolumn{2}{c}{Female} \\ \cmidrule(lr){3-4} \cmidrule(lr){5-6}
Stage & Period & n & \% & n & \% \\
\midrule
\multirow{2}{*}{Local} & 2010--2014 & 35 & 29.2 & 30 & 25.0 \\
 & 2015--2019 & 3\tnote{a} & 2.5 & 52 & 43.3 \\
% \multirow{2}{*}{Hidden} & 2010--2014 & 1 & 0.8 & 1 & 0.8 \\
Regional \& distant & 2010--2019 & $<$11 & -- & \textbf{38} & 31.7 \\[2pt]
\bottomrule
\end{tabular}
\begin{tablenotes}
\item[a] Cells below 11 are suppressed.
\end{tablenotes}
\end{threeparttable}
\end{table}

\begin{longtable}{lr}
\caption{Table 5. Infant deaths by cause}\\
\toprule
Cause & Deaths \\
\midrule
\endfirsthead
\multicolumn{2}{l}{Table 5 (continued)} \\
Cause & Deaths \\
\midrule
\endhead
\multicolumn{2}{r}{Continued on the next page} \\
\endfoot
\bottomrule
\multicolumn{2}{l}{Source: synthetic data.} \\
\endlastfoot
Falls & 9 \\
Fire and flames & 8
\end{longtable}
\end{document}
"""


def test_latex_booktabs_tabular_with_spanning_header_multirow_comments_and_caption(tmp_path):
    first, second = read_latex(write(tmp_path, "paper.tex", LATEX))
    assert first.name == "Table 1"
    assert first.caption == "Cases by stage and sex (N=240)"
    assert first.header == ("Stage", "Period", "Male n", "Male %", "Female n", "Female %")
    assert first.header_rows == (1, 2)
    assert (first.line_of_row[1], first.line_of_row[2]) == (12, 13)
    assert _rows(first) == [
        (3, 15, ("Local", "2010–2014", "35", "29.2", "30", "25.0")),
        (4, 16, ("Local", "2015–2019", "3a", "2.5", "52", "43.3")),  # \multirow labels both rows
        (5, 18, ("Regional & distant", "2010–2019", "<11", "–", "38", "31.7")),  # the comment line is no row
    ]
    assert first.notes == ("a Cells below 11 are suppressed.",)


def test_latex_longtable_keeps_its_first_head_and_last_foot_only(tmp_path):
    _, table = read_latex(write(tmp_path, "paper.tex", LATEX))
    assert table.name == "Table 5"
    assert table.caption == "Table 5. Infant deaths by cause"
    assert table.header == ("Cause", "Deaths") and table.line_of_row[1] == 30
    assert _rows(table) == [(2, 42, ("Falls", "9")), (3, 43, ("Fire and flames", "8"))]
    assert table.notes == ("Source: synthetic data.",)  # the last foot; the page foot and repeated head are gone


def test_latex_hline_table_without_float(tmp_path):
    text = ("\\begin{tabular}{|l|r|}\\hline\n"
            "Group & Count \\\\ \\hline\n"
            "A & 1{,}525 \\\\\n"
            "B & 1\\,204 \\\\ \\hline\n"
            "\\end{tabular}\n")
    (table,) = read_latex(write(tmp_path, "table.tex", text))
    assert (table.name, table.caption, table.header) == ("Table 1", None, ("Group", "Count"))
    assert _rows(table) == [(2, 3, ("A", "1,525")), (3, 4, ("B", "1204"))]


# --- end to end ----------------------------------------------------------------------------

def test_small_count_in_a_markdown_table_is_reported_at_its_line_and_table(run_cli, tmp_path):
    write(tmp_path, "paper/results.md", MARKDOWN)
    result = run_cli("scan", "paper", "--format", "json")
    assert result.exit_code == 1
    (entry,) = result.report["files"]
    assert (entry["status"], entry["kind"]) == ("scanned", "markdown")
    assert "note" not in entry
    found = {(f["rule"], f["location"]["table"], f["location"]["row"], f["location"]["column"], f["location"]["line"],
              f["evidence"]) for f in result.report["findings"]}
    assert found == {
        ("OS101", "Table 2", 4, "Arm A | surgery", 11, "7"),
        ("OS101", "Table 2 (line 19)", 3, "Cases", 22, "4"),
    }
    assert all("cell_ref" not in f["location"] for f in result.report["findings"])


def test_recoverable_suppressed_cell_in_a_latex_table_is_reported_with_its_line(run_cli, tmp_path):
    write(tmp_path, "paper.tex", r"""\begin{table}
\caption{Cases by age group and sex (N=232)}
\begin{tabular}{lrrr}
\toprule
Age group & Male & Female & Total \\
\midrule
0--14 & 25 & 30 & 55 \\
15--39 & $<$11 & 40 & 47 \\ % fewer than 11: suppressed
40+ & 60 & 70 & 130 \\
\midrule
Total & 92 & 140 & 232 \\
\bottomrule
\end{tabular}
\end{table}
""")
    result = run_cli("scan", "paper.tex", "--format", "json")
    assert result.exit_code == 1
    (finding,) = result.report["findings"]
    assert finding["rule"] == "OS103"
    assert finding["location"] == {"table": "Table 1", "row": 3, "column": "Male", "line": 8}
    assert "exactly 7" in finding["message"]


def test_ordinal_column_of_a_markdown_table_is_not_counts(run_cli, tmp_path):
    write(tmp_path, "list.md", "| # | Site | Cases |\n|---|---|---|\n| 1 | Breast | 120 |\n| 2 | Lung | 64 |\n"
                               "| 3 | Colon | 58 |\n| 4 | Skin | 41 |\n")
    result = run_cli("scan", "list.md", "--format", "json")
    assert result.exit_code == 0, result.report["findings"]


def test_pandas_to_markdown_index_corner_is_still_a_header(tmp_path):
    # DataFrame({"cases": [12, 3]}).to_markdown(): an empty corner over the index, one label.
    text = "|    |   cases |\n|---:|--------:|\n|  0 |      12 |\n|  1 |       3 |\n"
    (table,) = read_markdown(write(tmp_path, "frame.md", text))
    assert (table.header, table.title) == (("", "cases"), ())
    assert _rows(table) == [(2, 3, ("0", "12")), (3, 4, ("1", "3"))]


def test_a_cp1252_document_notes_both_what_was_not_checked_and_how_it_was_read(run_cli, tmp_path):
    write(tmp_path, "table.md", "| Site\u2020 | Cases |\n|---|---|\n| Caf\u00e9 | 120 |\n", encoding="cp1252")
    result = run_cli("scan", "table.md", "--format", "json")
    assert result.exit_code == 0
    (entry,) = result.report["files"]
    assert entry["note"] == "not UTF-8: read as cp1252"


def test_an_empty_document_is_skipped_not_an_error(run_cli, tmp_path):
    write(tmp_path, "draft.tex", b"")
    result = run_cli("scan", "draft.tex", "--format", "json")
    assert result.exit_code == 0
    (entry,) = result.report["files"]
    assert (entry["status"], entry["note"]) == ("skipped", "empty file (0 bytes)")


def test_a_caption_carries_the_group_size(run_cli, tmp_path):
    """The N in a document table's caption is a published count, and the N its percentages use."""
    (tmp_path / "paper.md").write_text(
        "Table 3. Stage at diagnosis in the trial arm (N=9)\n\n"
        "| Stage | Percent |\n|---|---|\n| I | 55.6 |\n| II | 44.4 |\n", encoding="utf-8")
    findings = run_cli("scan", "paper.md", "--format", "json").report["findings"]
    caption = [f for f in findings if f["rule"] == "OS101"]
    assert [f["message"] for f in caption] == ["group size N=9 in the caption is below the minimum of 10"]
    assert caption[0]["location"] == {"table": "Table 3"}
    derived = sorted((f["location"]["row"], f["message"].split(": ", 1)[1]) for f in findings if f["rule"] == "OS104")
    assert derived == [(2, "55.6% of N=9 gives the count back: 5, below the minimum of 10"),
                       (3, "44.4% of N=9 gives the count back: 4, below the minimum of 10")]


def test_two_tables_of_one_document_differ_by_a_small_group(run_cli, tmp_path):
    """Differencing works inside a manuscript: each table's finding names the other."""
    table = "| Stage | Male | Female |\n|---|---|---|\n| I | {i} | 131 |\n| II | 88 | 95 |\n"
    (tmp_path / "paper.md").write_text(
        "Table 1. All patients\n\n" + table.format(i=120) + "\nTable 2. Patients outside the trial\n\n"
        + table.format(i=117), encoding="utf-8")
    findings = [f for f in run_cli("scan", "paper.md", "--format", "json").report["findings"] if f["rule"] == "OS105"]
    assert sorted((f["location"]["table"], f["location"]["line"], f["message"].split("; ")[0]) for f in findings) == [
        ("Table 1", 5, "'I' × 'Male': differs by 3 from the same cell of table 'Table 2'"),
        ("Table 2", 12, "'I' × 'Male': differs by 3 from the same cell of table 'Table 1'"),
    ]
