"""A repository tree scanned through the CLI: weights, extracts, secrets and AI calls are
found; ordinary code, a small aggregate CSV and documentation are not."""

from __future__ import annotations

import json
import struct

from tests.conftest import write

PASSWORD = "Qz7-kLm2-Rt9x-Vb4n"


def _safetensors() -> bytes:
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}).encode()
    return struct.pack("<Q", len(header)) + header + bytes(16)


def _parquet() -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pyarrow is not a dependency: the magic and a column name are enough
        return b"PAR1" + bytes(32) + b"patient_id" + bytes(8) + b"PAR1"
    import io

    buffer = io.BytesIO()
    pq.write_table(pa.table({"patient_id": ["P1", "P2"], "age": [40, 51]}), buffer)
    return buffer.getvalue()


def test_a_repository_tree(run_cli, tmp_path):
    write(tmp_path, "src/analysis.py", "import pandas as pd\n\ndf = pd.read_csv('data/counts.csv')\nprint(df)\n")
    write(tmp_path, "src/llm.py", "from openai import OpenAI\n\nclient = OpenAI()\n")
    write(tmp_path, "config/settings.yaml", f"database:\n  host: db.internal\n  password: \"{PASSWORD}\"\n")
    write(tmp_path, "data/extract.parquet", _parquet())
    write(tmp_path, "models/model.safetensors", _safetensors())
    write(tmp_path, "results/incidence.csv", "Site,Cases\nBreast,1520\nLung,1210\nColon,980\n")
    write(tmp_path, "README.md", "# Analysis\n\nCode for the incidence tables. Run `python src/analysis.py`.\n")

    result = run_cli("scan", ".", "--format", "json")

    found = sorted((f["path"], f["rule"], f["severity"]) for f in result.report["findings"])
    assert found == [
        ("config/settings.yaml", "OS403", "block"),
        ("data/extract.parquet", "OS402", "block"),
        ("models/model.safetensors", "OS401", "block"),
        ("src/llm.py", "OS404", "review"),
    ]
    files = {f["path"]: f for f in result.report["files"]}
    assert files["models/model.safetensors"]["kind"] == "model"
    assert {f["status"] for f in files.values()} == {"scanned"}
    secret = next(f for f in result.report["findings"] if f["rule"] == "OS403")
    assert secret["location"]["line"] == 3
    assert PASSWORD not in result.output and PASSWORD[:8] not in result.output
    assert result.exit_code == 1


def test_an_empty_source_file_is_skipped_not_an_error(run_cli, tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    result = run_cli("scan", "pkg", "--format", "json", cwd=tmp_path)
    (entry,) = result.report["files"]
    assert entry["status"] == "skipped" and result.exit_code == 0


def test_imports_are_found_at_their_own_line_after_a_docstring(run_cli, tmp_path):
    write(tmp_path, "src/train.py", '"""Train."""\n\nimport torch\n')
    write(tmp_path, "src/llm.py", '"""Draft."""\n\n\nfrom anthropic import Anthropic\n')
    report = run_cli("scan", "src", "--format", "json").report
    lines = {(f["rule"], f["path"]): f["location"]["line"] for f in report["findings"]}
    assert lines == {("OS406", "src/train.py"): 3, ("OS404", "src/llm.py"): 4}
