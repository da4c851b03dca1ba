"""Hostile round 23: a gate fails closed on what the file system will not let it use, and
writes no report over what it reads.

A git directory resilint may not read (a checkout made by another user in a container job), a
directory named on the command line that may be listed but not entered, or a ``.git`` file left
in an unpacked archive are input that cannot be read: status 2 naming the path, never an
internal error (status 4) and never a gigabyte read to find a path. An output named like an
input (``-o json=resilint.yaml``), or two outputs naming one file, are refused before anything
is written. A resilint document in a file a directory check passes over for its name (JSON,
or hidden) is DOC-05, never skipped in silence. A file, or a directory on its way, swapped for a
link to outside the repository while a run reads it (another process of the job) is refused
unread, never shown.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

import resilint.checker as checker
import resilint.discover as discover_module
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


def test_no_output_is_written_inside_the_git_directory(cli, tmp_path: Path) -> None:
    """A report written over a git hook would be run by git at the next checkout: any output
    inside .git is refused before anything is written."""
    repo = _programme(tmp_path)
    hook = repo / ".git" / "hooks" / "post-checkout"
    hook.write_text("#!/bin/sh\nexit 0\n")
    target = ".git/hooks/post-checkout"
    runs = {
        "check": cli("check", ".", "--no-cache", "-o", f"json={target}", cwd=repo),
        "check as CI runs it": resilint(repo, "check", ".", "--no-cache", "-o", f"sarif={target}"),
        "report": cli("report", ".", "-o", target, cwd=repo),
        "calendar": cli("calendar", ".", "-f", "ics", "-o", ".git/cal.ics", cwd=repo),
        "baseline": cli("baseline", "-o", ".git/baseline.json", cwd=repo),
    }
    for command, run in runs.items():
        status = getattr(run, "exit_code", getattr(run, "returncode", None))
        assert status == 2, command
        assert "inside a git directory (.git)" in run.stderr, command
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    assert not (repo / ".git" / "cal.ics").exists()
    assert not (repo / ".git" / "baseline.json").exists()


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


# -- documents in files a directory check passes over (DOC-05) -----------------------------------
def _as_json(repo: Path, source: str, target: str, new_id: str, indent: int | None = None) -> None:
    document = yaml.safe_load((repo / source).read_text(encoding="utf-8"))
    document["id"] = new_id
    (repo / target).parent.mkdir(parents=True, exist_ok=True)
    (repo / target).write_text(json.dumps(document, default=str, indent=indent))


def _codes(run_stdout: str) -> list[tuple[str, str, int]]:
    return sorted((f["path"], f["code"], f["line"]) for f in json.loads(run_stdout)["findings"])


def test_a_document_written_as_json_or_hidden_is_reported_not_skipped(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    _as_json(repo, "suppliers/transvia-edi.yaml", "suppliers/transvia-2.json", "transvia-2")
    _as_json(repo, "suppliers/transvia-edi.yaml", "suppliers/Pretty.JSON", "pretty", indent=2)
    text = (repo / "suppliers" / "transvia-edi.yaml").read_text(encoding="utf-8")
    (repo / "suppliers" / ".transvia-3.yaml").write_text(
        text.replace("id: transvia-edi", "id: transvia-3")
    )
    # another tool's JSON, an exported schema and a report that quote the apiVersion are not
    (repo / "package.json").write_text('{"name": "x", "apiVersion": "v1"}')
    assert cli("schema", "--export", "schemas", cwd=repo).exit_code == 0
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1, run.stderr
    assert [f for f in _codes(run.stdout) if f[1] == "DOC-05"] == [
        ("suppliers/.transvia-3.yaml", "DOC-05", 2),
        ("suppliers/Pretty.JSON", "DOC-05", 2),
        ("suppliers/transvia-2.json", "DOC-05", 1),
    ]
    text_run = cli("check", ".", "--no-cache", cwd=repo)
    assert "name it transvia-2.yaml (JSON is YAML" in text_run.stdout
    assert "name it transvia-3.yaml, or" in text_run.stdout
    assert cli("calendar", ".", cwd=repo).exit_code == 2  # as for DOC-03: missing from it


def test_what_the_configuration_or_a_gitignore_leaves_out_is_not_read(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    _as_json(repo, "suppliers/transvia-edi.yaml", "suppliers/a.json", "a")
    _as_json(repo, "suppliers/transvia-edi.yaml", "drafts/b.json", "b")
    (repo / "drafts" / ".gitignore").write_text("*.json\n")
    with (repo / "resilint.yaml").open("a") as config:
        config.write("exclude: ['suppliers/a.json']\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "DOC-05" not in run.stdout


def test_a_directory_holding_only_such_files_still_has_no_input_files(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    (repo / "exported").mkdir()
    _as_json(repo, "suppliers/transvia-edi.yaml", "exported/acme.json", "acme")
    run = cli("check", "exported", "--no-cache", cwd=repo)
    assert run.exit_code == 2
    assert "no input files" in run.stderr
    assert "exported/acme.json holds a resilint document" in run.stderr


def test_the_hook_reports_a_document_a_commit_adds_as_json(tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    git = ["git", "-c", "user.name=a", "-c", "user.email=a@example.com"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "programme"], cwd=repo, check=True)
    _as_json(repo, "suppliers/transvia-edi.yaml", "suppliers/acme.json", "acme")
    subprocess.run([*git, "add", "suppliers/acme.json"], cwd=repo, check=True)
    done = resilint(repo, "pre-commit")  # pre-commit passes no JSON file to the hook
    assert done.returncode == 1, done.stderr
    assert "suppliers/acme.json:1:" in done.stdout and "DOC-05" in done.stdout


def test_a_fifo_or_a_link_named_like_json_is_not_opened(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    os.mkfifo(repo / "pipe.json")
    (repo / "out.json").symlink_to("/dev/zero")
    (repo / ".hidden.yaml").symlink_to("ok.yaml")
    done = resilint(repo, "check", "--no-cache")  # in a child with a timeout: never waits
    assert done.returncode == 1, done.stderr  # the Widget's DOC-01, nothing else
    assert "DOC-05" not in done.stdout


# -- the file read is the file discovery found ----------------------------------------------------
SECRET = "TOPSECRET7c1d"


def _swapped_repository(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose ``d/`` holds a Widget, and outside it a directory holding a file of
    the same name whose kind (shown by DOC-01) would tell that it was read."""
    repo = tmp_path / "repo"
    (repo / "d").mkdir(parents=True)
    (repo / "resilint.yaml").write_text("fail_on: error\n")
    (repo / "d" / "w.yaml").write_text(WIDGET.format("w"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "w.yaml").write_text(f"apiVersion: resilint/v1\nkind: {SECRET}\nid: s\n")
    return repo, outside


def _swap(repo: Path, outside: Path) -> None:
    """What another process in the job does: ``d`` becomes a link to the outside directory."""
    (repo / "d").rename(repo / "d.real")
    (repo / "d").symlink_to(outside)


def test_a_directory_swapped_for_a_link_after_discovery_is_not_read(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo, outside = _swapped_repository(tmp_path)
    read_all = checker._read_all

    def swapped_then_read(found, *args, **kwargs):  # type: ignore[no-untyped-def]
        _swap(repo, outside)
        return read_all(found, *args, **kwargs)

    monkeypatch.setattr(checker, "_read_all", swapped_then_read)
    run = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert SECRET not in run.stdout + run.stderr
    assert run.exit_code == 2
    assert _codes(run.stdout) == [("d/w.yaml", "FILE-01", 1)]
    assert "replaced while resilint ran" in run.stdout


def test_a_directory_swapped_for_a_link_while_it_is_listed_is_not_read(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The walk saw ``d`` as a directory of the repository, and lists it through the link put
    there since: the files it finds are outside, and their own stat cannot tell."""
    repo, outside = _swapped_repository(tmp_path)
    entry = discover_module._Finder.entry

    def swapped_once_seen(self, found, *args, **kwargs):  # type: ignore[no-untyped-def]
        sub = entry(self, found, *args, **kwargs)
        if found.name == "d":
            _swap(repo, outside)
        return sub

    monkeypatch.setattr(discover_module._Finder, "entry", swapped_once_seen)
    run = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert SECRET not in run.stdout + run.stderr
    assert run.exit_code == 2
    assert _codes(run.stdout) == [("d/w.yaml", "FILE-03", 1)]
