"""The options of ``check`` and ``pre-commit``, which share them, parsed into the typed
:class:`resilint.app.CheckArgs` the application runs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint.app import (
    CheckArgs,
)
from resilint.cache import CACHE_DIR_NAME
from resilint.cli_options import as_of_option, selection, selection_options
from resilint.reporters import REPORTERS
from resilint.reporters.grouped import GROUPINGS

FORMATS = sorted(REPORTERS)


def _parse_outputs(values: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    outputs = []
    for value in values:
        name, sep, target = value.partition("=")
        if not sep or name not in REPORTERS or not target:
            raise click.BadParameter(
                f"'{value}': write FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}",
                param_hint="--output-format",
            )
        outputs.append((name, Path(target)))
    return tuple(outputs)


def _as_of(value: datetime.date | None) -> datetime.date | None:
    """Options parse dates with :class:`resilint.cli_options.IsoDate` (a date already)."""
    return value.date() if isinstance(value, datetime.datetime) else value


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
            type=click.Choice(["error", "warning", "info", "never"]),
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
    return CheckArgs(
        paths=options["paths"],
        output_format=options["output_format"],
        outputs=_parse_outputs(options["outputs"]),
        fail_on=options["fail_on"],
        config=options["config"],
        color=options["color"],
        as_of=_as_of(options["as_of"]),
        baseline=options["baseline"],
        focus=focus,
        cache=options["cache"],
        cache_dir=options["cache_dir"],
        selection=selection(options),
        statistics=options["statistics"],
        group_by=options["group_by"],
        jobs=options["jobs"],
    )
