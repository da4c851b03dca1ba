"""The pre-commit command asks git about the staged change as soon as it starts (git answers
while resilint loads), and each question is asked once: the hook takes the answer of the
process already running. Run as pre-commit runs it, in a real git repository, with every git
command resilint starts noted by a ``git`` ahead of the real one on ``PATH``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_staged import AS_OF, git, repo  # noqa: F401  (the fixture, which a test names)

REAL_GIT = shutil.which("git")


def _noting_git(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose ``git`` notes its arguments, then runs the real one."""
    assert REAL_GIT, "these tests need git"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "git-calls.log"
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{REAL_GIT}" "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PRE_COMMIT": "1"}
    return env, log


def _hook(root: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resilint", "pre-commit", *files, *AS_OF],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _questions(log: Path) -> list[str]:
    calls = log.read_text().splitlines() if log.exists() else []
    return [" ".join(c.split()[c.split().index("-C") + 2 :]) for c in calls if "-C" in c.split()]


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for git")
def test_each_question_is_asked_once_and_its_early_answer_taken(
    repo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    env, log = _noting_git(tmp_path)
    controls = next(repo.rglob("*.yaml"))
    controls.write_text(controls.read_text() + "# reviewed\n")
    git(repo, "add", "-A")
    done = _hook(repo, env, str(controls.relative_to(repo)))
    assert done.returncode == 0, done.stdout + done.stderr
    asked = _questions(log)
    for question in (
        "ls-files -v --stage -z",
        "ls-files --others --exclude-standard -z",
        "diff --cached --raw -z --no-renames --no-abbrev --ignore-submodules=none",
    ):
        assert asked.count(question) == 1, asked


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for git")
def test_a_range_is_not_asked_as_a_staged_change(
    repo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Under ``pre-commit run --from-ref A --to-ref B`` the change is the range's: the staged
    change is not asked early (nor at all)."""
    env, log = _noting_git(tmp_path)
    first = git(repo, "rev-parse", "HEAD").strip()
    controls = next(repo.rglob("*.yaml"))
    controls.write_text(controls.read_text() + "# reviewed\n")
    git(repo, "commit", "-q", "-a", "--no-verify", "-m", "reviewed")
    env = {**env, "PRE_COMMIT_FROM_REF": first, "PRE_COMMIT_TO_REF": "HEAD"}
    done = _hook(repo, env, str(controls.relative_to(repo)))
    assert done.returncode == 0, done.stdout + done.stderr
    asked = _questions(log)
    assert not any(q.startswith("diff --cached --raw") and q.endswith("none") for q in asked)
    assert any(q.startswith("merge-base") for q in asked), asked
