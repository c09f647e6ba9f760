"""What git says is published: the tracked files (``--git``) or those changed since a base (``--diff``).

outscan asks the ``git`` command, as CI runners and pre-commit do; it never changes the
repository. The files git names are filtered again by outscan's own ignore rules.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path


class GitError(Exception):
    """git is missing, the path is not in a repository, or the base is unknown: the message says which."""


def _git(directory: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(directory), *args], capture_output=True, check=False, timeout=120)
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {' '.join(args[:2])} took too long in {directory}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])} failed in {directory}: {message[-1] if message else done.returncode}")
    return done.stdout


def published_files(roots: Iterable[Path], diff_base: str | None = None) -> set[Path]:
    """The resolved paths git tracks under `roots`, or only those changed since `diff_base`."""
    found: set[Path] = set()
    for root in roots:
        root = Path(root)
        directory = root if root.is_dir() else root.parent
        top = Path(_git(directory, "rev-parse", "--show-toplevel").decode().strip())
        if diff_base is None:
            listed = _git(top, "ls-files", "-z", "--", str(root.resolve()))
        else:
            # Committed and uncommitted changes to tracked files since the base, deletions left out.
            listed = _git(top, "diff", "--name-only", "-z", "--diff-filter=ACMRT", diff_base, "--",
                          str(root.resolve()))
        found.update((top / name).resolve() for name in listed.decode("utf-8", "surrogateescape").split("\0") if name)
    return found
