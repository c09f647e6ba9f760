"""The integrations as shipped: the pre-commit hook, the GitHub Action and the GitLab template
run commands that exist, with options the CLI accepts."""

from __future__ import annotations

import shlex
import subprocess
import sys

import yaml

from outscan.cli import main
from tests.conftest import ROOT, write


def _accepted(command: str) -> None:
    """Every option of an `outscan scan` command line is one the CLI knows."""
    scan = main.commands["scan"]
    known = {opt for param in scan.params for opt in getattr(param, "opts", [])}
    for word in shlex.split(command.replace("${{", "").replace("}}", "")):
        if word.startswith("--"):
            assert word in known, word


def test_pre_commit_hook_runs_outscan_on_the_files_it_is_given(tmp_path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "outscan" and hook["language"] == "python" and hook["pass_filenames"]
    _accepted(hook["entry"])
    clean = write(tmp_path, "clean.csv", "Group,Count\nA,40\nB,50\n")
    leak = write(tmp_path, "leak.csv", "Group,Count\nA,3\nB,50\n")
    entry = shlex.split(hook["entry"])
    run = lambda *files: subprocess.run([sys.executable, "-m", "outscan", *entry[1:], *map(str, files)],
                                        capture_output=True, text=True, cwd=tmp_path)
    assert run(clean).returncode == 0
    assert run(clean, leak).returncode == 1


def test_github_action_and_gitlab_template_use_real_options():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    scripts = [step["run"] for step in action["runs"]["steps"] if "run" in step]
    for script in scripts:
        for line in script.replace("\\\n", " ").splitlines():
            if "outscan scan" in line:
                _accepted(line.split("outscan scan", 1)[1])
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in action["runs"]["steps"])
    template = yaml.safe_load((ROOT / "ci" / "gitlab-outscan.yml").read_text(encoding="utf-8"))
    job = template["outscan"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    for line in job["script"]:
        if "outscan scan" in line:
            _accepted(line.split("outscan scan", 1)[1])


def test_a_repository_without_prose_never_loads_the_language_model(tmp_path):
    """A pre-commit hook must start fast: code, configs and tables never import spaCy or presidio."""
    write(tmp_path, "src/analysis.py", "import pandas as pd\nprint(pd.read_csv('x.csv').groupby('g').size())\n")
    write(tmp_path, "config.yaml", "threads: 4\n")
    write(tmp_path, "results.csv", "Group,Count\nA,40\nB,50\n")
    code = ("import sys\nfrom outscan.api import scan\nscan([sys.argv[1]])\n"
            "print(sorted(m for m in ('spacy', 'presidio_analyzer') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
