"""--as-of takes a date written YYYY-MM-DD only, in every command that has it: 20261126 and the
ISO week date 2026-W48-4, which Python reads as dates, are a usage error (exit status 2) saying
how to write one, where they ran the check as of a day the reader had not plainly written."""

from __future__ import annotations

import click
import pytest

from resilint.cli import main


def _with_as_of() -> list[str]:
    context = click.Context(main)
    names = []
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        if command is not None and any("--as-of" in p.opts for p in command.params):
            names.append(name)
    return names


def test_the_commands_that_take_it_are_found() -> None:
    assert {"check", "calendar", "report", "test"} <= set(_with_as_of())


@pytest.mark.parametrize("name", _with_as_of())
@pytest.mark.parametrize("written", ["20261126", "2026-W48-4", "2026-W48", "2026-11-26T00:00"])
def test_a_date_not_written_yyyy_mm_dd_is_a_usage_error(cli, tmp_path, name, written) -> None:
    result = cli(name, "--as-of", written, cwd=tmp_path)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "write YYYY-MM-DD" in result.stderr
