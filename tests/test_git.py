"""--git scans what git tracks; --diff BASE only what changed since BASE."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(path, *args):
    subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(path), "PATH": "/usr/bin:/bin"})


def test_git_and_diff_choose_the_files(run_cli, tmp_path):
    _git(tmp_path, "init", "-q")
    write(tmp_path, "tracked.csv", "Group,Count\nA,3\nB,40\n")
    _git(tmp_path, "add", "tracked.csv")
    _git(tmp_path, "commit", "-q", "-m", "first")
    write(tmp_path, "untracked.csv", "Group,Count\nA,4\nB,40\n")

    everything = run_cli("scan", ".", "--format", "json", cwd=tmp_path).report
    assert sorted(f["path"] for f in everything["files"]) == ["tracked.csv", "untracked.csv"]
    tracked = run_cli("scan", ".", "--git", "--format", "json", cwd=tmp_path).report
    assert [f["path"] for f in tracked["files"]] == ["tracked.csv"]

    write(tmp_path, "changed.csv", "Group,Count\nA,5\nB,40\n")
    _git(tmp_path, "add", "changed.csv")
    _git(tmp_path, "commit", "-q", "-m", "second")
    changed = run_cli("scan", ".", "--diff", "HEAD~1", "--format", "json", cwd=tmp_path).report
    assert [f["path"] for f in changed["files"]] == ["changed.csv"]


def test_outside_a_repository_is_a_usage_error(run_cli, tmp_path):
    write(tmp_path, "t.csv", "Group,Count\nA,3\nB,40\n")
    result = run_cli("scan", ".", "--git", cwd=tmp_path)
    assert result.exit_code == 2 and "git" in result.stderr
