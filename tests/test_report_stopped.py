"""A report that cannot be made replaces the page an earlier run left, saying why: a CI job that
publishes report.html, or a committee's shared folder, must not show last month's posture as
today's. Never over the file --previous names, nor over an input file."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_example

AS_OF = ("--as-of", "2026-11-26")


def _made(cli, repo: Path) -> str:
    run = cli("report", ".", "-o", "report.html", *AS_OF, cwd=repo)
    assert run.exit_code == 0, run.stderr
    return (repo / "report.html").read_text(encoding="utf-8")


def _break_configuration(repo: Path) -> None:
    config = repo / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "profilez: [baseline]\n", "utf-8")


def test_a_report_that_cannot_be_made_replaces_the_earlier_page(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    before = _made(cli, repo)
    assert "Checked" in before or "finding" in before
    _break_configuration(repo)
    run = cli("report", ".", "-o", "report.html", *AS_OF, cwd=repo)
    assert run.exit_code == 2, run.stderr
    page = (repo / "report.html").read_text(encoding="utf-8")
    assert "The posture report could not be made" in page
    assert "resilint.yaml:" in page and "profilez" in page  # why, at which file and line
    assert "<script" not in page and "default-src &#x27;none&#x27;" not in page
    assert "default-src 'none'" in page


def test_the_earlier_report_named_by_previous_is_left_alone(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    before = _made(cli, repo)
    _break_configuration(repo)
    run = cli("report", ".", "--previous", "report.html", *AS_OF, cwd=repo)  # -o: report.html
    assert run.exit_code == 2, run.stderr
    assert (repo / "report.html").read_text(encoding="utf-8") == before


def test_an_input_file_named_as_the_output_is_never_written(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    _break_configuration(repo)
    target = next((repo / "suppliers").glob("*.yaml"))
    text = target.read_bytes()
    run = cli("report", ".", "-o", str(target), *AS_OF, cwd=repo)
    assert run.exit_code == 2
    assert target.read_bytes() == text


def test_no_page_is_written_where_none_was(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    _break_configuration(repo)
    run = cli("report", ".", "-o", "report.html", *AS_OF, cwd=repo)
    assert run.exit_code == 2
    assert not (repo / "report.html").exists()
