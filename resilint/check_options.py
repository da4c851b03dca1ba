"""The options of ``check`` and ``pre-commit``, which share them, parsed into the typed
:class:`resilint.app.CheckArgs` the application runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint import check_line
from resilint.app import CheckArgs
from resilint.cache import CACHE_DIR_NAME
from resilint.check_line import FAIL_ON, FORMATS
from resilint.cli_options import as_of_option, selection_options
from resilint.reporters.grouped import GROUPINGS


def check_options(command: Callable[..., None]) -> Callable[..., None]:
    options: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--format",
            "-f",
            "output_format",
            type=click.Choice(FORMATS),
            help="Format on standard output (default: text; github when GITHUB_ACTIONS=true).",
        ),
        click.option(
            "--output-format",
            "-o",
            "outputs",
            multiple=True,
            metavar="FORMAT=FILE",
            help="Also write FORMAT to FILE, e.g. sarif=results.sarif; repeatable.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(FAIL_ON),
            help="Lowest level that makes the exit status 1 (default: error).",
        ),
        click.option(
            "--config",
            "-c",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Configuration file (default: resilint.yaml found upward in the git work tree).",
        ),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the text output (default: on a terminal; NO_COLOR and "
            "FORCE_COLOR are honoured).",
        ),
        as_of_option(
            "Date time-aware rules measure from (default: today), so a CI run can be reproduced."
        ),
        click.option(
            "--baseline",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Report only findings not in this baseline file.",
        ),
        click.option(
            "--cache/--no-cache",
            default=True,
            show_default=True,
            help="Reuse results for files that have not changed.",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path, file_okay=False),
            help=f"Cache directory (default: {CACHE_DIR_NAME}/ at the repository root).",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            help="Processes to read the files and evaluate the rules on, from 1,000 files or "
            "documents, on Linux (default: one per core, at most 8; 1: this process only). The "
            "findings are the same whatever the number.",
        ),
        click.option(
            "--server",
            is_flag=True,
            help="Afterwards, start the resident server unless it runs (Linux; see `resilint "
            "server --help`): the next commands start in milliseconds. For the pre-commit "
            "hook, add it to the hook's args.",
        ),
        click.option(
            "--statistics",
            is_flag=True,
            help="Print how many findings each rule has (as ruff does) instead of the findings; "
            "with --format json, as JSON.",
        ),
        click.option(
            "--group-by",
            type=click.Choice(GROUPINGS),
            help="Group the text output's findings under a heading per document or per rule.",
        ),
        selection_options,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def check_args(options: dict[str, Any], *, focus: bool) -> CheckArgs:
    """The typed arguments of ``check`` and ``pre-commit``, which share their options."""
    try:
        return check_line.check_args(options, focus=focus)
    except check_line.OutputsError as exc:
        raise click.BadParameter(str(exc), param_hint="--output-format") from None
