"""Files that cannot be read are reported with a reason; the scan goes on and the exit code says so."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from tests.conftest import validate_report, write

GOOD = "Age group,Male,Female\n0-14,3,40\n15-64,52,61\n"

# Chinese labels in a table of numbers: under a third of the bytes are non-ASCII, as in real exports.
CHINESE_ROWS = ["省份,病例数,人口,发病率,年份"] + [
    f"{name},{n},{n * 417},{n / 4.17:.2f},2019"
    for name, n in zip(["北京市", "上海市", "广东省", "四川省", "河南省", "山东省"] * 3, range(12, 300, 13))
]
JAPANESE = "都道府県,件数\n東京都,5\n大阪府,12\n北海道,30\n"


def _workbook_bytes(tmp_path) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Region", "Deaths"])
    for i in range(300):
        sheet.append([f"Region {i}", 100 + i])
    path = tmp_path / "whole.xlsx"
    workbook.save(path)
    data = path.read_bytes()
    path.unlink()
    return data


def make_bad_files(folder, tmp_path) -> None:
    write(folder, "figure.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    write(folder, "dump.csv", bytes(range(256)) * 16)  # binary with no known signature
    data = _workbook_bytes(tmp_path)
    write(folder, "truncated.xlsx", data[: len(data) // 2])
    write(folder, "empty.csv", b"")
    write(folder, "gbk.csv", ("\n".join(CHINESE_ROWS) + "\n").encode("gbk"))
    write(folder, "sjis.csv", JAPANESE.encode("shift_jis"))


# Each bad file, with the words its reason must use.
EXPECTED_ERRORS = {
    "figure.csv": ["named .csv", "image"],
    "dump.csv": ["binary"],
    "truncated.xlsx": ["XLSX"],
    "empty.csv": ["empty"],
    "gbk.csv": ["not UTF-8", "save it as UTF-8"],
    "sjis.csv": ["not UTF-8", "save it as UTF-8"],
}


@pytest.fixture
def mixed(tmp_path):
    folder = tmp_path / "outputs"
    make_bad_files(folder, tmp_path)
    write(folder, "good.csv", GOOD)
    return folder


@pytest.fixture
def only_bad(tmp_path):
    folder = tmp_path / "outputs"
    make_bad_files(folder, tmp_path)
    return folder


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.output


def test_bad_files_are_errors_and_the_good_file_is_still_scanned(run_cli, mixed, tmp_path):
    result = run_cli("scan", "outputs", "--format", "json", cwd=tmp_path)
    assert_no_traceback(result)
    files = {f["path"]: f for f in result.report["files"]}
    assert sorted(files) == sorted(f"outputs/{name}" for name in [*EXPECTED_ERRORS, "good.csv"])

    for name, words in EXPECTED_ERRORS.items():
        entry = files[f"outputs/{name}"]
        assert entry["status"] == "error", (name, entry)
        for word in words:
            assert word in entry["error"], (name, entry["error"])
    assert files["outputs/truncated.xlsx"]["kind"] == "xlsx"

    assert files["outputs/good.csv"]["status"] == "scanned"
    assert [(f["path"], f["rule"], f["location"]) for f in result.report["findings"]] == [
        ("outputs/good.csv", "OS101", {"row": 2, "column": "Male", "cell_ref": "B2"}),
    ]
    summary = result.report["summary"]
    assert (summary["files"], summary["scanned"], summary["error"], summary["findings"]) == (7, 1, 6, 1)
    assert result.exit_code == 1  # findings outrank unreadable files


def test_only_bad_files_exit_3(run_cli, only_bad, tmp_path):
    result = run_cli("scan", "outputs", "--format", "json", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.exit_code == 3
    assert result.report["findings"] == []
    assert {f["path"]: f["status"] for f in result.report["files"]} == {
        f"outputs/{name}": "error" for name in EXPECTED_ERRORS
    }


@pytest.mark.parametrize(("with_good", "plain_code"), [(True, 1), (False, 3)])
def test_exit_zero(run_cli, tmp_path, with_good, plain_code):
    folder = tmp_path / "outputs"
    make_bad_files(folder, tmp_path)
    if with_good:
        write(folder, "good.csv", GOOD)
    assert run_cli("scan", "outputs", "--format", "json", cwd=tmp_path).exit_code == plain_code
    result = run_cli("scan", "outputs", "--format", "json", "--exit-zero", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.report["summary"]["error"] == 6
    assert result.report["summary"]["findings"] == (1 if with_good else 0)


def test_console_report_names_each_unreadable_file(run_cli, mixed, tmp_path):
    result = run_cli("scan", "outputs", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.exit_code == 1
    for name in EXPECTED_ERRORS:
        assert f"outputs/{name}" in result.output


def test_real_subprocess_on_the_bad_folder(mixed, tmp_path):
    """A real process: exit code 1 with the good file's finding, then 3 once only bad files are left."""
    command = [sys.executable, "-m", "outscan", "scan", "outputs", "--format", "json", "--output", "report.json"]
    process = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in process.stderr
    assert process.returncode == 1, process.stderr
    report = validate_report(json.loads((tmp_path / "report.json").read_text(encoding="utf-8")))
    assert [f["path"] for f in report["findings"]] == ["outputs/good.csv"]
    assert sorted(f["path"] for f in report["files"] if f["status"] == "error") == sorted(
        f"outputs/{name}" for name in EXPECTED_ERRORS)
    assert "6 unreadable files" in process.stderr

    (mixed / "good.csv").unlink()
    process = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in process.stderr
    assert process.returncode == 3, process.stderr
