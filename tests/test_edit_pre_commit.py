"""The resilint-fix hook under the real pre-commit: it fixes the staged files, and fails when it
changed one, as fixers do; the next run passes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import PreCommitHooks
from test_pre_commit import try_repo

pytestmark = pytest.mark.slow

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: "3"   # quoted by mistake
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_the_fix_hook_fails_when_it_changed_a_file(
    tmp_path: Path, pre_commit_hooks: PreCommitHooks
) -> None:
    repo = tmp_path / "programme"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "risk@example.com")
    git(repo, "config", "user.name", "Risk Team")
    (repo / "resilint.yaml").write_text("profiles: []\nselect: [SCH]\n")
    (repo / "acme.yaml").write_text(SUPPLIER)
    git(repo, "add", ".")

    def hook() -> subprocess.CompletedProcess[str]:
        return try_repo(repo, pre_commit_hooks, hook="resilint-fix")

    changed = hook()
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "files were modified by this hook" in changed.stdout
    assert (repo / "acme.yaml").read_text() == SUPPLIER.replace('"3"', "3  ")
    git(repo, "add", ".")
    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
