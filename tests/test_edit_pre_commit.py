"""The resilint-fix hook under the real pre-commit: it fixes the staged files, and fails when it
changed one, as fixers do; the next run passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: "3"   # quoted by mistake
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_the_fix_hook_fails_when_it_changed_a_file(tmp_path: Path) -> None:
    repo = tmp_path / "programme"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "risk@example.com")
    git(repo, "config", "user.name", "Risk Team")
    (repo / "resilint.yaml").write_text("profiles: []\n")
    (repo / "acme.yaml").write_text(SUPPLIER)
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    # The hook as committed: a clone, so that others' work in progress in this checkout (files
    # not yet added, which try-repo leaves out) cannot break the install.
    source = tmp_path / "resilint"
    subprocess.run(["git", "clone", "-q", str(REPO), str(source)], check=True, capture_output=True)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(source), "resilint-fix"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    changed = hook()
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "files were modified by this hook" in changed.stdout
    assert (repo / "acme.yaml").read_text() == SUPPLIER.replace('"3"', "3  ")
    git(repo, "add", ".")
    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
