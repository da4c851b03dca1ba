"""The other way the `.pre-commit-config.yaml` that `resilint init` writes offers: pre-commit
installs resilint itself from a clone of resilint's repository at a tag or commit, so nothing
needs to be activated before `git commit`. Run as a team adopting it does: the commented
entry taken from the generated file as written, its path and rev filled in, then the real
`pre-commit install` and `git commit`, with no resilint on PATH. Before, the generated file
showed only the form of a published hook repository, which does not exist until the first
release, and sent the reader to `pip install resilint==…`, which finds nothing until then."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PreCommitHooks

from resilint import __version__
from tests.test_init import TEMPLATES_WRITTEN

pytestmark = pytest.mark.slow


def commented_entry(config: str) -> list[str]:
    """The commented `repos:` block of the generated file, uncommented."""
    lines = config.splitlines()
    start = lines.index("#   repos:")
    end = lines.index("#", start)
    return [line[2:] for line in lines[start:end]]


def test_the_generated_clone_entry_installs_and_runs_the_hook(
    tmp_path: Path, pre_commit_hooks: PreCommitHooks
) -> None:
    repo = tmp_path / "programme"
    repo.mkdir()
    git = shutil.which("git") or "git"
    bare = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VIRTUAL_ENV"))}
    env = {
        **bare,
        "PRE_COMMIT_HOME": str(pre_commit_hooks.home),
        "NO_COLOR": "1",
        "PATH": os.pathsep.join([str(Path(git).parent), "/usr/bin", "/bin"]),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
        )

    assert run(git, "init", "-q").returncode == 0
    run(git, "config", "user.email", "security@example.com")
    run(git, "config", "user.name", "Security Team")
    assert run(sys.executable, "-m", "resilint", "init").returncode == 0
    config = repo / ".pre-commit-config.yaml"
    entry = commented_entry(config.read_text(encoding="utf-8"))
    assert "    - repo: /path/to/resilint" in entry and f"      rev: v{__version__}" in entry
    filled = "\n".join(entry).replace("/path/to/resilint", str(pre_commit_hooks.repo))
    config.write_text(filled.replace(f"v{__version__}", pre_commit_hooks.rev) + "\n")
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as out:
        out.write(f"as_of: {TEMPLATES_WRITTEN}\n")
    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    assert shutil.which("resilint", path=env["PATH"]) is None

    run(git, "add", ".")
    first = run(git, "commit", "-q", "-m", "adopt resilint")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "resilint" in first.stdout + first.stderr

    contract = repo / "programme" / "contracts" / "example-contract.yaml"
    text = contract.read_text(encoding="utf-8")
    contract.write_text(text.replace("supplier: hearthline", "supplier: hearthlin"))
    run(git, "add", ".")
    blocked = run(git, "commit", "-q", "-m", "a contract naming no supplier")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    said = blocked.stdout + blocked.stderr  # git passes the hook's output on standard error
    assert "resilint" in said and "Failed" in said
    assert "REF-01" in said and "did you mean 'hearthline'?" in said
