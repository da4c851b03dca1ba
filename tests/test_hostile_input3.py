"""Hostile and broken input, third part, through the CLI on real files: plain words yaml-rs
would read as numbers, and inputs whose explanation or check must stay bounded (a syntax error
on a very long line, many references that resolve to nothing, many documents a rule compares),
and the names the pre-commit hook prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_example

# --- words that are text in YAML 1.2 whichever reader takes the file --------------------------

CONTRACT = Path("contracts") / "sentinel-ridge-mdr.yaml"


@pytest.mark.parametrize("value", ["_2", "__1", "_1_0", "_1e3", "_.5"])
@pytest.mark.parametrize("comment", ["", "# resilint reviewed this file\n"])
def test_a_word_of_underscores_and_digits_is_text_where_a_number_is_asked(
    cli, tmp_path: Path, value: str, comment: str
) -> None:
    repo = copy_example("northwind", tmp_path)
    path = repo / CONTRACT
    text = path.read_text(encoding="utf-8")
    assert "  window_hours: 2\n" in text
    path.write_text(text.replace("  window_hours: 2\n", f"  window_hours: {value}\n") + comment)
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout
    assert f"{CONTRACT}:48:17: SCH-01" in run.stdout
    assert f"must be a number of hours, got '{value}'" in run.stdout


@pytest.mark.parametrize("key", ["_1", "_1_0", "_.5", "_1e3"])
def test_a_key_of_underscores_and_digits_is_an_unknown_field_not_a_crash(
    cli, tmp_path: Path, key: str
) -> None:
    repo = copy_example("northwind", tmp_path)
    with (repo / CONTRACT).open("a", encoding="utf-8") as file:
        file.write(f"{key}: x\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stderr
    assert f"{CONTRACT}:79:1: SCH-01" in run.stdout
    assert f"unknown field '{key}'" in run.stdout


def test_such_a_key_in_the_configuration_is_an_unknown_setting(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as file:
        file.write("_1: x\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 2
    assert "resilint.yaml:6:1: invalid configuration: unknown setting '_1'" in run.stderr
    assert "internal error" not in run.stderr
