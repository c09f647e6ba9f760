"""Discovery: which files are walked, which are ignored, and what each one is by content."""

from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest

from outscan.discover import classify, discover
from tests.conftest import write

TABLE = "Group,n\nA,40\nB,52\n"
SMALL = "Group,n\nA,4\nB,52\n"


def found(root, excludes=(), base=None):
    return {c.display: (c.kind, c.problem) for c in discover([root], excludes, base=base or root)}


def by_path(report):
    return {f["path"]: f for f in report["files"]}


# --- walking ----------------------------------------------------------------------------------


def test_tooling_directories_and_virtualenvs_are_not_walked(tmp_path):
    write(tmp_path, "out/keep.csv", TABLE)
    write(tmp_path, ".git/objects/leak.csv", SMALL)
    write(tmp_path, "out/__pycache__/leak.csv", SMALL)
    write(tmp_path, "node_modules/pkg/leak.csv", SMALL)
    # Not named like one: it is a virtualenv because it holds pyvenv.cfg.
    write(tmp_path, "py311env/pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path, "py311env/lib/python3.11/site-packages/pkg/leak.csv", SMALL)
    # The same layout without pyvenv.cfg is an ordinary folder and is walked.
    write(tmp_path, "py311data/lib/keep2.csv", TABLE)
    assert sorted(found(tmp_path)) == ["out/keep.csv", "py311data/lib/keep2.csv"]


def test_display_paths_are_relative_with_forward_slashes(tmp_path):
    write(tmp_path, "a/b/c.csv", TABLE)
    (candidate,) = discover([tmp_path / "a"], base=tmp_path)
    assert candidate.display == "a/b/c.csv"
    assert candidate.path == tmp_path / "a" / "b" / "c.csv"


def test_a_file_given_twice_is_listed_once(tmp_path):
    write(tmp_path, "t.csv", TABLE)
    candidates = list(discover([tmp_path, tmp_path / "t.csv"], base=tmp_path))
    assert [c.display for c in candidates] == ["t.csv"]


# --- .outscanignore and --exclude ----------------------------------------------------------


@pytest.fixture
def ignorable(tmp_path):
    write(tmp_path, "results/table1.csv", SMALL)
    write(tmp_path, "results/scratch.tmp.csv", SMALL)
    write(tmp_path, "results/keep.tmp.csv", SMALL)
    write(tmp_path, "drafts/old.csv", SMALL)
    write(tmp_path, "drafts/nested/older.csv", SMALL)
    write(tmp_path, "archive/2019.csv", SMALL)
    write(tmp_path, ".outscanignore", "# drafts are never released\ndrafts/\n*.tmp.csv\n!keep.tmp.csv\n")
    return tmp_path


def test_outscanignore_directory_pattern_and_negation(ignorable):
    assert sorted(found(ignorable)) == ["archive/2019.csv", "results/keep.tmp.csv", "results/table1.csv"]


def test_exclude_globs_add_to_outscanignore(ignorable):
    assert sorted(found(ignorable, ["archive/"])) == ["results/keep.tmp.csv", "results/table1.csv"]
    assert sorted(found(ignorable, ["*.csv", "!table1.csv"])) == ["results/table1.csv"]


def test_exclude_applies_to_a_file_named_on_the_command_line(tmp_path):
    path = write(tmp_path, "t.csv", SMALL)
    assert [c.display for c in discover([path], base=tmp_path)] == ["t.csv"]
    assert list(discover([path], ["*.csv"], base=tmp_path)) == []


def test_ignore_and_exclude_through_the_cli(run_cli, ignorable):
    result = run_cli("scan", ".", "--format", "json", cwd=ignorable)
    assert sorted(by_path(result.report)) == ["archive/2019.csv", "results/keep.tmp.csv", "results/table1.csv"]
    assert {f["path"] for f in result.report["findings"]} == set(by_path(result.report))
    assert result.exit_code == 1

    result = run_cli("scan", ".", "--format", "json", "--exclude", "archive/", "--exclude", "results/keep*",
                     cwd=ignorable)
    assert sorted(by_path(result.report)) == ["results/table1.csv"]
    assert [(f["path"], f["location"]["row"]) for f in result.report["findings"]] == [("results/table1.csv", 2)]


def test_outscanignore_of_a_scanned_subfolder(run_cli, ignorable):
    # Scanning results/ from the project root: as with .gitignore, the project root's file
    # (*.tmp.csv, !keep.tmp.csv) and the subfolder's own (table1.csv) both apply.
    write(ignorable, "results/.outscanignore", "table1.csv\n")
    result = run_cli("scan", "results", "--format", "json", cwd=ignorable)
    assert sorted(by_path(result.report)) == ["results/keep.tmp.csv"]


def test_nested_outscanignore_applies_when_scanning_the_project_root(run_cli, ignorable):
    write(ignorable, "results/.outscanignore", "table1.csv\n")
    result = run_cli("scan", ".", "--format", "json", cwd=ignorable)
    assert sorted(by_path(result.report)) == ["archive/2019.csv", "results/keep.tmp.csv"]


def test_exclude_is_anchored_at_the_project_root(run_cli, ignorable):
    write(ignorable, "pyproject.toml", '[tool.outscan]\nexclude = ["results/table1.csv"]\n')
    result = run_cli("scan", ".", "--format", "json", cwd=ignorable / "results")
    assert sorted(by_path(result.report)) == ["results/keep.tmp.csv"]


def test_paths_are_relative_to_the_project_root_wherever_outscan_runs(run_cli, ignorable):
    write(ignorable, "pyproject.toml", "[project]\nname = 'x'\n")
    from_root = run_cli("scan", "results", "--format", "json", cwd=ignorable)
    from_inside = run_cli("scan", ".", "--format", "json", cwd=ignorable / "results")
    assert sorted(by_path(from_root.report)) == sorted(by_path(from_inside.report)) == [
        "results/keep.tmp.csv", "results/table1.csv"]
    assert [f["fingerprint"] for f in from_root.report["findings"]] == \
        [f["fingerprint"] for f in from_inside.report["findings"]]


# --- classification by content ------------------------------------------------------------------


def _workbook(path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Group", "n"])
    workbook.active.append(["A", 4])
    workbook.save(path)
    return path


def test_xlsx_renamed_dat_is_xlsx(tmp_path):
    assert classify(_workbook(tmp_path / "export.dat")) == ("xlsx", None)


def test_zip_that_is_not_a_workbook_is_an_archive(tmp_path):
    with zipfile.ZipFile(tmp_path / "outputs.zip", "w") as archive:
        archive.writestr("table.csv", SMALL)
    assert classify(tmp_path / "outputs.zip") == ("archive", None)
    # Even when named like a table, a ZIP of something else is not read as text.
    (tmp_path / "outputs.csv").write_bytes((tmp_path / "outputs.zip").read_bytes())
    assert classify(tmp_path / "outputs.csv") == ("archive", None)


def test_damaged_workbook_keeps_its_kind_for_the_reader_to_explain(tmp_path):
    path = write(tmp_path, "broken.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    assert classify(path) == ("xlsx", None)


def test_dicom_by_preamble_without_extension(tmp_path):
    path = write(tmp_path, "IM0001", b"\x00" * 128 + b"DICM" + b"\x02\x00\x00\x00UL\x04\x00" + b"\x00" * 64)
    assert classify(path) == ("dicom", None)


@pytest.mark.parametrize("indent", [None, 1])
def test_notebook_json_without_extension(tmp_path, indent):
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": 1, "id": "a1", "metadata": {},
                   "outputs": [{"name": "stdout", "output_type": "stream", "text": ["n,pct\n", "4,0.1\n"] * 500}],
                   "source": ["import pandas as pd\n", "df = pd.read_csv('t.csv')\n"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    # indent=1 is how Jupyter saves: one key per line, each ending in a comma; and over 8 KB,
    # so "nbformat" (the last key) is past the part discovery reads.
    path = write(tmp_path, "analysis_copy", json.dumps(notebook, indent=indent))
    assert path.stat().st_size > 8192
    assert classify(path) == ("notebook", None)


def test_txt_tab_export_is_tsv(tmp_path):
    text = ('"Notes"\t"Race"\t"Deaths"\n\t"Asian"\t"357"\n\t"White"\t"28601"\n\t"Other"\t"39"\n'
            '"---"\n"Dataset: Underlying Cause of Death"\n"Query Parameters:"\n')
    assert classify(write(tmp_path, "wonder.txt", text)) == ("tsv", None)
    assert classify(write(tmp_path, "prose.txt", "A note.\nNothing tabular here.\n")) == ("text", None)


def test_png_renamed_csv_is_a_csv_with_a_problem(tmp_path):
    path = write(tmp_path, "figure.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert classify(path) == ("csv", "named .csv but holds image content")


def test_empty_file_is_flagged(tmp_path):
    assert classify(write(tmp_path, "empty.csv", b"")) == ("csv", "empty file (0 bytes)")


def test_found_kinds_of_a_mixed_folder(tmp_path):
    write(tmp_path, "t.csv", TABLE)
    write(tmp_path, "t.tsv", TABLE.replace(",", "\t"))
    _workbook(tmp_path / "book.dat")
    write(tmp_path, "paper.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    write(tmp_path, "analysis.py", "print('hello')\n")
    write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    assert found(tmp_path) == {
        "analysis.py": ("code", None),
        "book.dat": ("xlsx", None),
        "paper.pdf": ("pdf", None),
        "t.csv": ("csv", None),
        "t.tsv": ("tsv", None),
    }


# --- unknown kinds are reported, never dropped --------------------------------------------------


def test_unknown_kinds_are_listed_as_skipped_with_a_note(run_cli, tmp_path):
    write(tmp_path, "t.csv", SMALL)
    write(tmp_path, "figure.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(tmp_path, "analysis.py", "print('hello')\n")
    write(tmp_path, "tool.exe", b"MZ\x90\x00" + bytes(60))
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("x.txt", "x")
    _workbook(tmp_path / "book.dat")
    result = run_cli("scan", ".", "--format", "json")
    files = by_path(result.report)
    assert sorted(files) == ["analysis.py", "book.dat", "bundle.zip", "figure.png", "t.csv", "tool.exe"]
    for name, kind in [("tool.exe", "binary"), ("figure.png", "image"), ("bundle.zip", "archive")]:
        assert files[name]["kind"] == kind
        assert files[name]["status"] == "skipped"
        assert f"'{kind}'" in files[name]["note"]
    # Code is read as a repository artifact (secrets, AI services: OS4xx).
    assert (files["analysis.py"]["kind"], files["analysis.py"]["status"]) == ("code", "scanned")
    # Found by content, the renamed workbook is read and checked.
    assert files["book.dat"]["kind"] == "xlsx"
    assert files["book.dat"]["status"] == "scanned"
    assert sorted((f["path"], f["location"]["cell_ref"]) for f in result.report["findings"]) == [
        ("book.dat", "B2"), ("t.csv", "B2"),
    ]
    assert result.report["summary"]["skipped"] == 3
    assert result.exit_code == 1
