"""The board's what-if review (resilint impact --all-critical) states the outage length its rows
assume, in every format: the hours given, or that none was given, in which case no RTO or MTPD
is judged breached (the cells say "not judged" rather than "none")."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES, REPO, Run

NORTHWIND = str(EXAMPLES / "northwind")


def board(cli: Run, form: str, *hours: str) -> str:
    result = cli(
        "impact",
        NORTHWIND,
        "--all-critical",
        "--format",
        form,
        "--as-of",
        "2026-11-26",
        *hours,
        cwd=REPO,
    )
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_without_hours_the_board_says_no_length_was_assumed(cli: Run, form: str) -> None:
    out = board(cli, form)
    assert "Outage length: not given (--hours N), so none is assumed" in out
    assert "not judged (no --hours)" in out
    given = board(cli, form, "--hours", "24")
    assert "Outage length: 24 hours" in given
    assert "not judged" not in given


def test_the_json_board_adds_the_length_in_words_beside_hours(cli: Run) -> None:
    found = json.loads(board(cli, "json"))
    assert found["hours"] is None
    assert found["outage_length"].startswith("not given (--hours N)")
    given = json.loads(board(cli, "json", "--hours", "24"))
    assert (given["hours"], given["outage_length"]) == (24, "24 hours")
