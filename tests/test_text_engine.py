"""The text engine as a user meets it: offline, masked, quiet on scientific prose."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from outscan.documents import Part, TextBlock, TextDocument
from outscan.text_engine import _MAX_BLOCK, analyse
from outscan.text_engine import engine

LEAKING = """\
# Outcomes after relapse

## Results

A 7-year-old girl from rural Johnson County was treated at St. Mary's Children's Hospital by Dr. Alvarez.
Patient John Smith (MRN 004471902) could be reached at phone 312-555-0187 or jsmith@example.org.
Only 3 patients relapsed.
"""

# Runs a scan in a fresh interpreter whose every socket call raises: the engine, the model
# and presidio are all loaded after the guard is in place, so nothing can have been
# fetched before it.
_NO_NETWORK_SCAN = textwrap.dedent("""
    import socket, sys

    class NetworkUsed(Exception):
        pass

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]!r}")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from outscan.cli import main
    sys.argv = ["outscan", "scan", sys.argv[1], "--format", "json", "--exit-zero"]
    main()
""")


def test_a_scan_opens_no_socket(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(LEAKING, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _NO_NETWORK_SCAN, str(paper)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert "network access attempted" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    rules = {finding["rule"] for finding in report["findings"]}
    assert {"OS201", "OS202", "OS203", "OS210", "OS211", "OS220", "OS230", "OS231"} <= rules


def test_evidence_never_prints_the_identifier(run_cli, tmp_path):
    (tmp_path / "paper.md").write_text(LEAKING, encoding="utf-8")
    result = run_cli("scan", "paper.md", "--format", "json")
    assert result.exit_code == 1
    printed = json.dumps(result.report)
    for secret in ("John Smith", "004471902", "312-555-0187", "jsmith@example.org", "Alvarez"):
        assert secret not in printed, secret
    console = run_cli("scan", "paper.md").output
    for secret in ("John Smith", "004471902", "312-555-0187", "jsmith@example.org", "Alvarez"):
        assert secret not in console, secret


def test_findings_carry_their_line(run_cli, tmp_path):
    (tmp_path / "paper.md").write_text(LEAKING, encoding="utf-8")
    report = run_cli("scan", "paper.md", "--format", "json").report
    lines = {(f["rule"], f["location"]["line"]) for f in report["findings"]}
    assert {("OS211", 5), ("OS220", 5), ("OS230", 5), ("OS231", 5), ("OS201", 6), ("OS202", 6), ("OS203", 6),
            ("OS210", 7)} <= lines


def test_preferred_model_and_a_missing_one(monkeypatch):
    monkeypatch.delenv(engine.MODEL_ENV, raising=False)
    assert engine.model_name() in engine.MODEL_PREFERENCE
    monkeypatch.setenv(engine.MODEL_ENV, "en_core_web_not_installed")
    with pytest.raises(engine.ModelMissing, match="not installed|no package"):
        engine.model_name()


def test_a_missing_model_is_a_file_error_not_a_traceback(run_cli, tmp_path, monkeypatch):
    (tmp_path / "paper.md").write_text(LEAKING, encoding="utf-8")
    monkeypatch.setenv(engine.MODEL_ENV, "en_core_web_not_installed")
    engine._analyzer.cache_clear()  # the model is loaded once per process: make this scan load it
    try:
        result = run_cli("scan", "paper.md", "--format", "json")
    finally:
        engine._analyzer.cache_clear()
    assert result.exit_code == 3 or result.exit_code == 1
    (entry,) = result.report["files"]
    assert entry["status"] == "error" and "not checked" in entry["error"]
    assert entry["error"].count("en_core_web_not_installed") == 1


def test_a_long_block_is_analysed_in_pieces_with_true_offsets():
    filler = ("Survival was estimated with the Kaplan-Meier method. " * 40 + "\n") * (_MAX_BLOCK // 2000 + 2)
    text = filler + "Patient John Smith relapsed.\n"
    document = TextDocument([TextBlock(text, line=1)])
    (hit,) = [h for h in analyse(document) if h.entity == "PERSON"]
    assert hit.text == "John Smith"
    assert hit.block.line_at(hit.start) == text.count("\n", 0, hit.start) + 1


def test_comments_are_read_and_say_so():
    document = TextDocument([TextBlock("TODO: drop Patient John Smith from the figure", line=9, part=Part.COMMENT)])
    assert [(h.entity, h.text) for h in analyse(document)] == [("PERSON", "John Smith")]


def test_authors_are_known_by_their_whole_name_not_one_shared_word():
    text = "Patient John Smith relapsed. Linda Wilson relapsed twice. Mary Wilson designed the study. M. Wilson wrote it."
    document = TextDocument([TextBlock(text, line=1)], authors=("John Carter", "Mary Wilson"))
    assert [h.text for h in analyse(document) if h.entity == "PERSON"] == ["John Smith", "Linda Wilson"]


def test_a_citation_elsewhere_in_the_sentence_does_not_hide_a_patient():
    document = TextDocument([TextBlock("Patient John Smith (MRN 4471902) was seen, see Smith et al. 2019.", line=1)])
    assert ("PERSON", "John Smith") in [(h.entity, h.text) for h in analyse(document)]


def test_evidence_masks_identifiers_nested_in_another_finding(run_cli, tmp_path):
    (tmp_path / "paper.md").write_text(
        "# Results\n\nA boy aged 8, Kevin Perry, presented with a girl aged 6.\n\n"
        "A boy aged 8 whose phone was 312-555-0187 presented.\n\nShe was born on 27-Oct-1997; a man aged ninety-three.\n",
        encoding="utf-8")
    printed = str(run_cli("scan", "paper.md", "--format", "json").report)
    for secret in ("Kevin Perry", "312-555-0187", "27-Oct", "ninety-three"):
        assert secret not in printed, secret


def test_a_paragraph_of_thousands_of_names_is_analysed_in_linear_time():
    names = " ".join(f"Patient Kevin Perry{i} met Jose Weber." for i in range(600))
    document = TextDocument([TextBlock(names, line=1)])
    assert sum(h.entity == "PERSON" for h in analyse(document)) >= 600
