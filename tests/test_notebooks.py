"""Jupyter notebooks: cells and outputs are read, findings land at the cell (and output) that shows them."""

from __future__ import annotations

import json
from pathlib import Path

from outscan.readers.notebook import frame_repr, read_notebook

# What pandas 2 prints for df.head() of a patient file, as text/plain and as text/html.
PATIENTS_PLAIN = """\
        MRN Patient name Date of birth sex
0  00412873   John Smith    1961-03-14   M
1  00412874   Mary Jones    1970-01-02   F
2  00412875      Ann Lee    1955-07-30   F
3  00412876      Bob Kay    1980-12-01   M
4  00412877       Li Wei    1949-05-05   M"""
_ROWS = [("00412873", "John Smith", "1961-03-14", "M"), ("00412874", "Mary Jones", "1970-01-02", "F"),
         ("00412875", "Ann Lee", "1955-07-30", "F"), ("00412876", "Bob Kay", "1980-12-01", "M"),
         ("00412877", "Li Wei", "1949-05-05", "M")]
PATIENTS_HTML = (
    '<div>\n<style scoped>\n    .dataframe tbody tr th {\n        vertical-align: top;\n    }\n</style>\n'
    '<table border="1" class="dataframe">\n  <thead>\n    <tr style="text-align: right;">\n      <th></th>\n'
    + "".join(f"      <th>{h}</th>\n" for h in ("MRN", "Patient name", "Date of birth", "sex"))
    + "    </tr>\n  </thead>\n  <tbody>\n"
    + "".join(f"    <tr>\n      <th>{i}</th>\n" + "".join(f"      <td>{v}</td>\n" for v in row) + "    </tr>\n"
              for i, row in enumerate(_ROWS))
    + "  </tbody>\n</table>\n</div>")
VALUE_COUNTS = "site\nBreast          412\nLung             97\nMesothelioma      3\nName: count, dtype: int64"
AGGREGATES_PLAIN = """\
              cases  rate per 100,000  mean age
site                                           
Breast          412             120.4      61.2
Lung             97              33.1      67.8
Colon            55              12.9      70.1"""
IDENTIFYING = ("Smith", "Jones", "00412873", "1961-03-14", "Gonzalez", "jdoe")


def notebook(cells: list[dict], metadata: dict | None = None) -> str:
    meta = metadata if metadata is not None else {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python", "version": "3.12.1"}}
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": cells}, indent=1)


def code(source: str, outputs: list[dict] | None = None) -> dict:
    return {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": source.splitlines(keepends=True),
            "outputs": outputs or []}


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def result(**data: str) -> dict:
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {key.replace("_", "/"): value for key, value in data.items()}}


def stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text.splitlines(keepends=True)}


def scan(run_cli, tmp_path: Path, name: str, content: str):
    (tmp_path / name).write_text(content, encoding="utf-8")
    outcome = run_cli("scan", name, "--format", "json")
    assert outcome.report is not None, outcome.output
    for secret in IDENTIFYING:
        assert secret.lower() not in outcome.output.lower()
    return outcome


def codes(report: dict) -> list[str]:
    return [f["rule"] for f in report["findings"]]


def test_patient_rows_as_html_are_record_level_at_their_cell(run_cli, tmp_path):
    content = notebook([markdown("# Cohort"), code("import pandas as pd"),
                        code("df.head()", [result(text_html=PATIENTS_HTML, text_plain=PATIENTS_PLAIN)])])
    outcome = scan(run_cli, tmp_path, "cohort.ipynb", content)
    records = [f for f in outcome.report["findings"] if f["rule"] == "OS110"]
    assert records and records[0]["category"] == "individual_records"
    assert records[0]["location"]["table"] == "cell 2, output 0"
    assert outcome.exit_code != 0


def test_patient_rows_as_plain_text_are_record_level(run_cli, tmp_path):
    outcome = scan(run_cli, tmp_path, "plain.ipynb", notebook([code("df.head()", [result(text_plain=PATIENTS_PLAIN)])]))
    records = [f for f in outcome.report["findings"] if f["rule"] == "OS110"]
    assert records and records[0]["location"]["table"] == "cell 0, output 0"


def test_small_count_in_value_counts(run_cli, tmp_path):
    content = notebook([code("df.site.value_counts()", [result(text_plain=VALUE_COUNTS)])])
    outcome = scan(run_cli, tmp_path, "counts.ipynb", content)
    small = [f for f in outcome.report["findings"] if f["rule"] == "OS101"]
    assert len(small) == 1
    assert small[0]["location"]["table"] == "cell 0, output 0"
    assert "OS110" not in codes(outcome.report)


def test_clean_notebook_of_aggregates_has_no_findings(run_cli, tmp_path):
    agg_html = ('<table border="1" class="dataframe">\n<thead>\n<tr style="text-align: right;"><th></th><th>cases</th>'
                '<th>rate per 100,000</th><th>mean age</th></tr>\n<tr><th>site</th><th></th><th></th><th></th></tr>\n'
                '</thead>\n<tbody>\n<tr><th>Breast</th><td>412</td><td>120.4</td><td>61.2</td></tr>\n'
                '<tr><th>Lung</th><td>97</td><td>33.1</td><td>67.8</td></tr>\n'
                '<tr><th>Colon</th><td>55</td><td>12.9</td><td>70.1</td></tr>\n</tbody>\n</table>')
    content = notebook([
        markdown("## Incidence by site\n\nRates are age-adjusted to the 2000 US standard population."),
        code("# summarise by site\nagg = df.groupby('site').agg(cases=('id', 'size'))\nagg",
             [result(text_html=agg_html, text_plain=AGGREGATES_PLAIN)]),
        code("print(len(df))", [stream("564\n")]),
        code("agg.cases.sum()", [result(text_plain="564")]),
        code("plt.bar(agg.index, agg.cases)", [{"output_type": "display_data", "metadata": {},
                                                 "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}}]),
    ])
    outcome = scan(run_cli, tmp_path, "clean.ipynb", content)
    assert outcome.report["findings"] == []
    assert outcome.exit_code == 0
    assert outcome.report["files"][0]["status"] == "scanned"
    # The figure is not read; the report lists it for a human to look at.
    assert "1 image output not read (cell 4 output 0): review it by eye" in outcome.report["files"][0]["note"]


def test_markdown_cell_naming_a_patient_is_found_at_its_cell(run_cli, tmp_path):
    content = notebook([code("x = 1"), markdown("Patient Maria Gonzalez was admitted twice in 2019.")])
    outcome = scan(run_cli, tmp_path, "named.ipynb", content)
    names = [f for f in outcome.report["findings"] if f["rule"] == "OS201"]
    assert names and names[0]["location"]["cell"] == 1


def test_corrupt_notebook_is_an_error(run_cli, tmp_path):
    (tmp_path / "broken.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    (tmp_path / "list.ipynb").write_text('[1, 2]', encoding="utf-8")
    outcome = run_cli("scan", ".", "--format", "json")
    by_path = {f["path"]: f for f in outcome.report["files"]}
    assert by_path["broken.ipynb"]["status"] == "error"
    assert "JSON" in by_path["broken.ipynb"]["error"]
    assert by_path["list.ipynb"]["status"] == "error"
    assert outcome.exit_code == 3 or outcome.exit_code != 0


def test_empty_notebook_is_skipped(run_cli, tmp_path):
    (tmp_path / "empty.ipynb").write_bytes(b"")
    outcome = run_cli("scan", "empty.ipynb", "--format", "json")
    assert outcome.report["files"][0]["status"] == "skipped"


def test_reader_blocks_carry_cell_output_and_metadata(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text(notebook(
        [markdown("Intro"),
         code("# data from /home/jdoe/extract.csv\nprint('x')",
              [stream("done\n"), {"output_type": "error", "ename": "KeyError", "evalue": "'MRN'",
                                  "traceback": ["\x1b[0;31mKeyError\x1b[0m: 'MRN'"]}])],
        metadata={"kernelspec": {"name": "python3"}, "authors": [{"name": "Ada Analyst"}],
                  "path": "/home/jdoe/project"}), encoding="utf-8")
    document, *tables = read_notebook(path)
    assert tables == []
    assert document.authors == ("Ada Analyst",)
    meta = [b for b in document.blocks if b.label == "notebook metadata"]
    assert meta and "/home/jdoe/project" in meta[0].text and meta[0].cell is None
    code_block = next(b for b in document.blocks if b.part.value == "code")
    assert code_block.cell == 1 and "/home/jdoe" in code_block.text
    outputs = {b.label: b for b in document.blocks if b.label and b.label.startswith("output")}
    assert outputs["output 0"].text == "done"
    assert outputs["output 1"].text == "KeyError: 'MRN'" and outputs["output 1"].cell == 1


def test_frame_reprs():
    rows = frame_repr(PATIENTS_PLAIN)
    assert rows[0] == ("", "MRN", "Patient name", "Date of birth", "sex")
    assert rows[1] == ("0", "00412873", "John Smith", "1961-03-14", "M")
    assert frame_repr(VALUE_COUNTS) == [("site", "count"), ("Breast", "412"), ("Lung", "97"), ("Mesothelioma", "3")]
    # value_counts before pandas 2: the Series is named after the column
    assert frame_repr("F    12\nM     3\nName: sex, dtype: int64") == [("sex", "count"), ("F", "12"), ("M", "3")]
    assert frame_repr(AGGREGATES_PLAIN)[0] == ("site", "cases", "rate per 100,000", "mean age")
    truncated = "     x   y\n0    0   0\n1    1   1\n..  ..  ..\n98  98  98\n99  99  99\n\n[100 rows x 2 columns]"
    assert frame_repr(truncated) == [("", "x", "y"), ("0", "0", "0"), ("1", "1", "1"), ("98", "98", "98"),
                                     ("99", "99", "99")]
    wrapped = "   aaaa  bbbb  \\\n0     1     2   \n1     3     4   \n\n   cccc\n0     5\n1     6"
    assert frame_repr(wrapped) == [("", "aaaa", "bbbb", "cccc"), ("0", "1", "2", "5"), ("1", "3", "4", "6")]
    for text in ("hello world\nthis is  text", "564", "Model summary\n=====\ncoef  0.5", "<Figure size 640x480>"):
        assert frame_repr(text) is None
