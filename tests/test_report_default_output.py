"""Where ``resilint report`` writes when no --output says: report.html at the root of the
repository reported on (the directory of its configuration), wherever the command runs, as the
baseline's default file is; never into the working directory outside it. An --output named is
written where it says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AS_OF = ("--as-of", "2026-11-26")


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A programme (northwind) and a working directory beside it, outside the repository."""
    repo = tmp_path / "programme"
    shutil.copytree(EXAMPLES / "northwind", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return repo, elsewhere


def test_run_from_outside_it_writes_into_the_repository(cli, layout) -> None:
    repo, elsewhere = layout
    run = cli("report", str(repo), *AS_OF, cwd=elsewhere)
    assert run.exit_code == 0, run.stderr
    assert list(elsewhere.iterdir()) == []
    assert (repo / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"wrote {repo / 'report.html'}:" in run.stderr


def test_run_from_a_subdirectory_it_writes_at_the_root(cli, layout) -> None:
    repo, _ = layout
    run = cli("report", *AS_OF, cwd=repo / "suppliers")
    assert run.exit_code == 0, run.stderr
    assert (repo / "report.html").is_file()
    assert not (repo / "suppliers" / "report.html").exists()
    at_root = cli("report", *AS_OF, cwd=repo)
    assert "wrote report.html:" in at_root.stderr


def test_an_output_named_is_written_where_it_says(cli, layout) -> None:
    repo, elsewhere = layout
    run = cli("report", str(repo), "-o", "posture.html", *AS_OF, cwd=elsewhere)
    assert run.exit_code == 0, run.stderr
    assert (elsewhere / "posture.html").is_file()
    assert not (repo / "report.html").exists()


def test_a_link_at_the_default_file_is_refused_from_outside_too(cli, layout) -> None:
    repo, elsewhere = layout
    target = elsewhere / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    (repo / "report.html").symlink_to(target)
    run = cli("report", str(repo), *AS_OF, cwd=elsewhere)
    assert run.exit_code == 2
    assert "symbolic link" in run.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_paths_in_no_one_repository_ask_for_an_output(cli, tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copytree(EXAMPLES / "northwind" / "suppliers", tmp_path / name)
    run = cli("report", "a", "b", *AS_OF, cwd=tmp_path)
    assert run.exit_code == 2
    assert "name the file to write with --output" in run.stderr
    assert not (tmp_path / "report.html").exists()
