"""Hostile round 23: a gate fails closed on what the file system will not let it use.

A git directory resilint may not read (a checkout made by another user in a container job), a
directory named on the command line that may be listed but not entered, or a ``.git`` file left
in an unpacked archive are input that cannot be read: status 2 naming the path, never an
internal error (status 4) and never a gigabyte read to find a path.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.test_boundary import WIDGET, resilint, without_permission_override


def _repository(where: Path) -> Path:
    where.mkdir()
    (where / "resilint.yaml").write_text("fail_on: error\n")
    (where / "ok.yaml").write_text(WIDGET.format("w"))
    (where / "plans").mkdir()
    (where / "plans" / "p.yaml").write_text(WIDGET.format("p"))
    subprocess.run(["git", "init", "-q"], cwd=where, check=True)
    return where


def _refused(done: subprocess.CompletedProcess[str], path: Path) -> None:
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr
    assert f"{path}: cannot be used (Permission denied)" in done.stderr


def test_a_git_directory_that_cannot_be_read_is_status_2_naming_it(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    info = repo / ".git" / "info"
    info.chmod(0)
    try:
        for command in (["check", "--no-cache"], ["calendar"], ["pre-commit", "ok.yaml"]):
            done = resilint(repo, *command, before=without_permission_override)
            _refused(done, info / "sparse-checkout")
    finally:
        info.chmod(0o755)


def test_a_named_directory_that_cannot_be_entered_is_status_2_naming_it(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "plans").chmod(0o644)  # listed, not entered
    try:
        directory = resilint(repo, "check", "plans", before=without_permission_override)
        inside = resilint(repo, "check", "plans/p.yaml", before=without_permission_override)
    finally:
        (repo / "plans").chmod(0o755)
    _refused(directory, repo / "plans" / ".git")
    _refused(inside, repo / "plans" / "p.yaml")


def test_a_dot_git_file_is_not_read_whole(tmp_path: Path) -> None:
    """Outside git (an unpacked archive), a ``.git`` file that is no ``gitdir:`` line of git's
    is read no further than git would: the check runs, in bounded memory."""
    repo = tmp_path / "unpacked"
    repo.mkdir()
    (repo / "ok.yaml").write_text(WIDGET.format("w"))
    with (repo / ".git").open("wb") as dot_git:
        dot_git.write(b"gitdir: ")
        dot_git.truncate(3 << 30)  # sparse: 3 GiB that take no disk, past the child's memory cap
    done = resilint(repo, "check", "--no-cache", "--format", "json")
    assert done.returncode == 1, done.stderr  # the Widget's DOC-01
    assert '"code": "DOC-01"' in done.stdout
