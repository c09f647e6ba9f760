"""Write sample_data/analysis_repo/: a small analysis repository with what a CI gate must stop
(a notebook printing patient rows, one printing small counts, a raw extract, model weights,
a secret, code sending data to an external AI service) beside clean code and a clean notebook.

    python scripts/make_sample_repo.py

Every value is invented; the files are the same bytes every time.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sample_data" / "analysis_repo"


def _notebook(cells: list[dict]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3",
                       "display_name": "Python 3", "language": "python"}}, "cells": cells}, indent=1) + "\n"


def _code(source: str, outputs: list[dict], count: int) -> dict:
    return {"cell_type": "code", "execution_count": count, "metadata": {}, "source": source, "outputs": outputs}


def _result(text: str, count: int) -> dict:
    return {"output_type": "execute_result", "execution_count": count, "metadata": {}, "data": {"text/plain": text}}


def notebooks() -> None:
    # pandas' own repr of df.head(3), as a notebook stores it.
    rows = ("       MRN      name date_of_birth stage\n0  4471902  Jane Doe    2009-03-04    II\n"
            "1  5528813  Tom Ruiz    2011-07-19   III\n2  6610294    Ann Wu    2008-12-01    IV")
    (OUT / "notebooks").mkdir(parents=True, exist_ok=True)
    (OUT / "notebooks" / "explore_cohort.ipynb").write_text(_notebook([
        {"cell_type": "markdown", "metadata": {}, "source": "# Exploring the cohort"},
        _code("df = pd.read_parquet('../data/extract.parquet')\ndf.head(3)", [_result(rows, 1)], 1),
        _code("df['stage'].value_counts()", [_result("II     41\nIII    17\nIV      3\nName: stage, dtype: int64", 2)], 2),
    ]), encoding="utf-8")
    (OUT / "notebooks" / "summary_tables.ipynb").write_text(_notebook([
        {"cell_type": "markdown", "metadata": {}, "source": "# Summary by stage"},
        _code("summary", [_result("   stage  cases  five_year_survival\n0     II     41                 0.88\n"
                                  "1    III     27                 0.74\n2     IV     18                 0.51", 1)], 1),
    ]), encoding="utf-8")


def files() -> None:
    (OUT / "data").mkdir(parents=True, exist_ok=True)
    # A Parquet file's magic and a schema naming patient columns (a stand-in for a real extract).
    (OUT / "data" / "extract.parquet").write_bytes(b"PAR1" + b"\x00" * 16 + b"mrn\x00name\x00date_of_birth\x00" + b"PAR1")
    header = json.dumps({"layer.weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}).encode()
    (OUT / "models").mkdir(parents=True, exist_ok=True)
    (OUT / "models" / "classifier.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\x00" * 16)
    (OUT / "config").mkdir(parents=True, exist_ok=True)
    (OUT / "config" / "database.yaml").write_text("host: db.internal\nuser: analyst\npassword: \"Qz7-hunter2-Xq9\"\n",
                                                  encoding="utf-8")
    (OUT / "src").mkdir(parents=True, exist_ok=True)
    (OUT / "src" / "summarise.py").write_text(
        '"""Aggregate the cohort by stage; counts below 16 are suppressed."""\n\n'
        "def summarise(df):\n    table = df.groupby('stage').size()\n    return table[table >= 16]\n",
        encoding="utf-8")
    # Training inside the enclave is allowed; the worksheet's AI/ML inventory records it (OS406, info).
    (OUT / "src" / "train_classifier.py").write_text(
        '"""Fit the stage classifier whose weights are in models/ (they stay in the enclave)."""\n\n'
        "from sklearn.linear_model import LogisticRegression\n\n\n"
        "def fit(features, labels):\n    return LogisticRegression(max_iter=1000).fit(features, labels)\n",
        encoding="utf-8")
    (OUT / "src" / "draft_with_llm.py").write_text(
        "import openai\n\nclient = openai.OpenAI()\n\n\ndef describe(df):\n"
        "    return client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': df.to_csv()}])\n",
        encoding="utf-8")


if __name__ == "__main__":
    notebooks()
    files()
    print(f"wrote the sample repository to {OUT}")
