"""PRE_COMMIT says pre-commit runs the hook, which sets unstaged changes aside before a commit's
hooks run, so the hook did not compare the work tree with what is staged. Set by another hand (a
plain git hook, an exported variable), a staged error whose fix was left unstaged passed, and the
commit held the error. In a commit (git gives its hooks GIT_INDEX_FILE) the hook now compares:
pre-commit has left nothing to find there; ``pre-commit run --all-files``, outside a commit,
still checks the work tree as it asks, saying which files differ from what is staged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "havelbank"
SUPPLIER = "suppliers/beratwerk.yaml"


def _git(repo: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )


def _env(**more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t", "NO_COLOR": "1"}
    env |= {"GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return env | more


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    (root / ".gitignore").write_text(".resilint_cache/\n")
    env = _env()
    assert _git(root, "init", "-q", env=env).returncode == 0
    _git(root, "add", "-A", env=env)
    assert _git(root, "commit", "-q", "--no-verify", "-m", "programme", env=env).returncode == 0
    return root


def _stage_error_fix_unstaged(repo: Path) -> None:
    supplier = repo / SUPPLIER
    good = supplier.read_text(encoding="utf-8")
    supplier.write_text(good.replace("tier: 3", "tier: 7"), encoding="utf-8")
    assert _git(repo, "add", SUPPLIER, env=_env()).returncode == 0
    supplier.write_text(good, encoding="utf-8")  # put right in the work tree, not staged


def _committed(repo: Path) -> bool:
    return "tier: 7" in _git(repo, "show", f"HEAD:{SUPPLIER}", env=_env()).stdout


def test_a_plain_git_hook_setting_pre_commit_is_refused(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(
        f'#!/bin/sh\nPRE_COMMIT=1 exec "{sys.executable}" -m resilint pre-commit --as-of '
        "2026-12-31\n"
    )
    hook.chmod(0o755)
    _stage_error_fix_unstaged(repo)
    result = _git(repo, "commit", "-q", "-m", "tier", env=_env())
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{SUPPLIER} changed since staged" in result.stderr
    assert "Traceback" not in result.stderr
    assert not _committed(repo)


def test_exported_pre_commit_in_a_commit_is_refused(repo: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """As git runs a commit's hooks: GIT_INDEX_FILE names the index."""
    _stage_error_fix_unstaged(repo)
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")
    result = cli("pre-commit", SUPPLIER, "--as-of", "2026-12-31", cwd=repo)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"{SUPPLIER} changed since staged" in result.stderr
    # resilint pre-commit --fix likewise writes nothing into a commit it would not hold
    fixed = cli("pre-commit", "--fix", SUPPLIER, "--as-of", "2026-12-31", cwd=repo)
    assert fixed.exit_code == 2, fixed.stdout + fixed.stderr


@pytest.fixture
def framework(repo: Path) -> Path:
    """pre-commit itself, installed in the repository, running this resilint."""
    config = repo / ".pre-commit-config.yaml"
    config.write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: resilint\n        name: resilint\n"
        f"        entry: {sys.executable} -m resilint pre-commit --as-of 2026-12-31\n"
        "        language: system\n        types_or: [yaml]\n        require_serial: true\n"
    )
    env = _env()
    _git(repo, "add", ".pre-commit-config.yaml", env=env)
    assert _git(repo, "commit", "-q", "--no-verify", "-m", "hooks", env=env).returncode == 0
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit is not None
    installed = subprocess.run(
        [pre_commit, "install"], cwd=repo, env=env, capture_output=True, text=True, timeout=120
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return Path(pre_commit)


def test_pre_commit_itself_judges_what_is_staged(repo: Path, framework: Path) -> None:
    _stage_error_fix_unstaged(repo)
    result = _git(repo, "commit", "-q", "-m", "tier", env=_env())
    assert result.returncode != 0, result.stdout + result.stderr
    assert "SCH-01" in result.stdout + result.stderr  # pre-commit set the fix aside
    assert "changed since staged" not in result.stdout + result.stderr
    assert not _committed(repo)
    # a change staged with another left unstaged: pre-commit sets it aside, the hook compares
    # and finds nothing, and the commit passes
    supplier = repo / SUPPLIER
    supplier.write_text("# reviewed\n" + supplier.read_text(encoding="utf-8"), encoding="utf-8")
    assert _git(repo, "add", SUPPLIER, env=_env()).returncode == 0
    other = repo / "suppliers" / "codekontor.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("tier: 3", "tier: 9"))
    result = _git(repo, "commit", "-q", "-m", "reviewed", env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tier: 9" in other.read_text(encoding="utf-8")  # pre-commit put it back


def test_pre_commit_run_all_files_checks_the_work_tree_saying_so(
    repo: Path, framework: Path
) -> None:
    _stage_error_fix_unstaged(repo)
    result = subprocess.run(
        [str(framework), "run", "--all-files", "--verbose"],
        cwd=repo,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{SUPPLIER} changed since staged: checked as the work tree holds it" in (result.stdout)
