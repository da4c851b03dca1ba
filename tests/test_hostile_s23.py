"""Hostile round 23: a gate fails closed on what the file system will not let it use, and
writes no report over what it reads.

A git directory resilint may not read (a checkout made by another user in a container job), a
directory named on the command line that may be listed but not entered, or a ``.git`` file left
in an unpacked archive are input that cannot be read: status 2 naming the path, never an
internal error (status 4) and never a gigabyte read to find a path. An output named like an
input (``-o json=resilint.yaml``), or two outputs naming one file, are refused before anything
is written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_example
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


# -- outputs never replace what the run reads -----------------------------------------------------
def _programme(tmp_path: Path) -> Path:
    repo = copy_example("northwind", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _unchanged(repo: Path, before: dict[str, bytes]) -> None:
    for name, content in before.items():
        assert (repo / name).read_bytes() == content, name


@pytest.mark.parametrize(
    "target",
    ["resilint.yaml", "suppliers/transvia-edi.yaml", "plans/Payroll.YML", "pyproject.toml"],
)
def test_an_output_named_like_an_input_is_refused_before_the_run(
    cli, tmp_path: Path, target: str
) -> None:
    repo = _programme(tmp_path)
    kept = ("resilint.yaml", "suppliers/transvia-edi.yaml")
    before = {name: (repo / name).read_bytes() for name in kept}
    runs = {
        "check": cli("check", ".", "--no-cache", "-o", f"json={target}", cwd=repo),
        "check as CI runs it": resilint(repo, "check", ".", "--no-cache", "-o", f"sarif={target}"),
        "report": cli("report", ".", "-o", target, cwd=repo),
        "calendar": cli("calendar", ".", "-f", "ics", "-o", target, cwd=repo),
        "baseline": cli("baseline", "-o", target, cwd=repo),
    }
    for command, run in runs.items():
        status = getattr(run, "exit_code", getattr(run, "returncode", None))
        assert status == 2, command
        assert "named like the files resilint reads as input" in run.stderr, command
    _unchanged(repo, before)
    assert not (repo / "pyproject.toml").exists()
    assert not (repo / "plans" / "Payroll.YML").exists()


def test_two_outputs_naming_one_file_are_refused_before_the_run(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    line = ("check", ".", "--no-cache", "-o", "sarif=out/r.txt", "-o", "json=out/../out/r.txt")
    for run in (cli(*line, cwd=repo), resilint(repo, *line)):
        status = getattr(run, "exit_code", getattr(run, "returncode", None))
        assert status == 2
        assert "the second report would replace the first" in run.stderr
    assert not (repo / "out").exists()
    both = cli("check", ".", "--no-cache", "-o", "sarif=a.sarif", "-o", "json=a.json", cwd=repo)
    assert both.exit_code == 0
    assert (repo / "a.sarif").is_file() and (repo / "a.json").is_file()
