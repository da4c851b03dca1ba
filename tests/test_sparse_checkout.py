"""A sparse checkout (``git sparse-checkout``) leaves tracked files out of the work tree: a check
or a hook run there would judge a repository missing part of itself, so each tracked YAML file
it would have read fails the run (FILE-06, exit status 2), on real git repositories."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES

from resilint import discover


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def sparse(tmp_path: Path) -> Path:
    """examples/northwind committed, then checked out with only its suppliers and contracts."""
    assert shutil.which("git"), "these tests need git"
    repo = tmp_path / "northwind"
    shutil.copytree(EXAMPLES / "northwind", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=r@example.com", "-c", "user.name=R", "commit", "-qm", "programme")
    git(repo, "sparse-checkout", "set", "suppliers", "contracts")
    return repo


def left_out(repo: Path) -> list[str]:
    """The YAML files git tracks that the sparse checkout leaves out (resilint.yaml aside: the
    configuration, at the top, is always checked out)."""
    listed = git(repo, "ls-files", "-t").splitlines()
    return sorted(line[2:] for line in listed if line.startswith("S ") and line.endswith(".yaml"))


def test_a_check_in_a_sparse_checkout_fails_on_each_file_left_out(cli, sparse: Path) -> None:
    result = cli("check", "--format", "json", "--no-cache", cwd=sparse)
    assert result.exit_code == 2
    placed = sorted(f["path"] for f in result.json()["findings"] if f["code"] == "FILE-06")
    assert placed == left_out(sparse) and len(placed) > 40
    git(sparse, "sparse-checkout", "disable")
    whole = cli("check", "--format", "json", "--no-cache", cwd=sparse)
    assert whole.exit_code == 0
    assert not [f for f in whole.json()["findings"] if not f["suppressed"]]


def test_the_hook_cannot_pass_a_commit_in_a_sparse_checkout(cli, sparse: Path) -> None:
    """Deleting a supplier that files outside the checkout name: a full checkout's hook fails on
    the dangling references (REF-01), so a sparse one must not pass what it cannot see."""
    git(sparse, "rm", "-q", "suppliers/transvia-edi.yaml", "contracts/transvia-edi.yaml")
    hook = cli("pre-commit", "suppliers/albis-telecom.yaml", "--format", "json", cwd=sparse)
    assert hook.exit_code == 2
    codes = {f["code"] for f in hook.json()["findings"]}
    assert "FILE-06" in codes
    git(sparse, "sparse-checkout", "disable")
    full = cli("pre-commit", "suppliers/albis-telecom.yaml", "--format", "json", cwd=sparse)
    assert full.exit_code == 1
    assert "REF-01" in {f["code"] for f in full.json()["findings"]}


def test_files_the_check_would_not_read_are_not_asked_for(cli, sparse: Path) -> None:
    """What ``exclude`` leaves out is not checked in a full checkout either."""
    config = sparse / "resilint.yaml"
    config.write_text(config.read_text() + "exclude: [playbooks/, waivers/]\n")
    result = cli("check", "--format", "json", "--no-cache", cwd=sparse)
    placed = {f["path"] for f in result.json()["findings"] if f["code"] == "FILE-06"}
    assert placed and not any(p.startswith(("playbooks/", "waivers/")) for p in placed)


def test_a_long_list_is_bounded(cli, sparse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discover, "MOST_LISTED", 3)
    result = cli("check", "--format", "json", "--no-cache", cwd=sparse)
    messages = [f["message"] for f in result.json()["findings"] if f["code"] == "FILE-06"]
    assert len(messages) == 4 and result.exit_code == 2
    assert messages[-1].startswith(f"and {len(left_out(sparse)) - 3:,} more YAML files")


def test_a_focused_check_fails_on_files_left_out_elsewhere(cli, sparse: Path) -> None:
    """``check suppliers`` loads the whole repository: a supplier whose id a file outside the
    checkout repeats is DOC-02 in a full checkout, so the sparse one must not pass; a baseline
    of the focus must not be written without the files either."""
    clash = sparse / "suppliers" / "albis-telecom.yaml"
    git(sparse, "sparse-checkout", "disable")
    (sparse / "functions" / "albis-again.yaml").write_text(clash.read_text())
    git(sparse, "add", "-A")
    git(sparse, "-c", "user.email=r@example.com", "-c", "user.name=R", "commit", "-qm", "clash")
    full = cli("check", "suppliers", "--format", "json", "--no-cache", cwd=sparse)
    assert full.exit_code == 1 and "DOC-02" in {f["code"] for f in full.json()["findings"]}
    git(sparse, "sparse-checkout", "set", "suppliers", "contracts")
    focused = cli("check", "suppliers", "--format", "json", "--no-cache", cwd=sparse)
    assert focused.exit_code == 2
    assert "functions/albis-again.yaml" in {
        f["path"] for f in focused.json()["findings"] if f["code"] == "FILE-06"
    }
    assert cli("baseline", "suppliers", cwd=sparse).exit_code == 2
    assert not (sparse / ".resilint-baseline.json").exists()


def test_a_sparse_submodule_inside_the_repository_fails_the_check(cli, tmp_path: Path) -> None:
    """The walk enters a submodule, a work tree of its own: its own sparse checkout leaves its
    files out as the superproject's would."""
    inner = tmp_path / "programme"
    shutil.copytree(EXAMPLES / "northwind", inner, ignore=shutil.ignore_patterns(".resilint_cache"))
    (inner / "resilint.yaml").unlink()
    git(inner, "init", "-q", "-b", "main")
    git(inner, "add", "-A")
    git(inner, "-c", "user.email=r@example.com", "-c", "user.name=R", "commit", "-qm", "p")
    outer = tmp_path / "super"
    outer.mkdir()
    git(outer, "init", "-q", "-b", "main")
    (outer / "resilint.yaml").write_text((EXAMPLES / "northwind" / "resilint.yaml").read_text())
    git(outer, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "prog")
    whole = cli("check", "--format", "json", "--no-cache", cwd=outer)
    assert whole.exit_code == 0, whole.stdout + whole.stderr
    git(outer / "prog", "sparse-checkout", "set", "suppliers", "contracts")
    result = cli("check", "--format", "json", "--no-cache", cwd=outer)
    assert result.exit_code == 2
    placed = sorted(f["path"] for f in result.json()["findings"] if f["code"] == "FILE-06")
    assert placed == [f"prog/{path}" for path in left_out(outer / "prog")] and placed
