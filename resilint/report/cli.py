"""``resilint report`` and ``resilint calendar`` on the command line: click options parsed into
typed arguments for :mod:`resilint.report.run`. Registered on resilint's group by
:func:`register`."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint.app import CheckArgs
from resilint.cli_options import OutputFile, as_of_option
from resilint.report import WHAT_IF_HOURS
from resilint.report.calendar import FORMATS
from resilint.report.deadline import DEFAULT_DAYS

Command = Callable[..., None]


def _shared(command: Command) -> Command:
    options: list[Callable[[Command], Command]] = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--config",
            "-c",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Configuration file (default: resilint.yaml found upward in the git work tree).",
        ),
        as_of_option("Date the posture and deadlines are measured from (default: today)."),
        click.option(
            "--days",
            type=click.IntRange(0, 36500),
            default=DEFAULT_DAYS,
            show_default=True,
            help="How many days ahead to list deadlines (overdue ones are always listed).",
        ),
        click.option(
            "--cache/--no-cache",
            default=True,
            show_default=True,
            help="Reuse what was read from files that have not changed.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check(options: dict[str, Any], baseline: Path | None = None) -> CheckArgs:
    as_of = options["as_of"]
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    return CheckArgs(
        paths=options["paths"],
        config=options["config"],
        as_of=as_of,
        baseline=baseline,
        cache=options["cache"],
    )


def _a_number(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """click's range lets NaN through (every comparison with it is false)."""
    if math.isnan(value):
        raise click.BadParameter("nan is not a number of hours", ctx, param)
    return value


def register(main: click.Group, guarded: Callable[[Callable[[], int]], None]) -> None:
    """Add ``report`` and ``calendar`` to resilint's command group."""

    @main.command("report")
    @_shared
    @click.option(
        "--output",
        "-o",
        type=OutputFile(),
        default=None,
        help="The HTML file to write (default: report.html at the root of the repository "
        "reported on, the directory of its configuration, wherever the command runs).",
    )
    @click.option(
        "--baseline",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Count the findings of this baseline file as suppressed.",
    )
    @click.option(
        "--previous",
        type=click.Path(path_type=Path, dir_okay=False),
        help="An earlier report (its embedded data) or `check --format json` output: show "
        "the change since then.",
    )
    @click.option(
        "--what-if-hours",
        type=click.FloatRange(0, 87600),
        callback=_a_number,
        default=WHAT_IF_HOURS,
        show_default=True,
        help="How long the What if section assumes each critical supplier is down.",
    )
    def report_command(
        output: Path | None,
        baseline: Path | None,
        previous: Path | None,
        what_if_hours: float,
        **options: Any,
    ) -> None:
        """Write the posture report of PATHS (default: the repository): one self-contained HTML
        file with the headline, the coverage of critical suppliers, the critical functions,
        what if each critical supplier were down, the dependency graph, the deadlines,
        insurance and every finding. Exit status 0 once
        written, whatever it finds (2 when some input could not be read)."""
        from resilint.report.run import ReportArgs, run_report

        args = ReportArgs(
            _check(options, baseline), output, previous, options["days"], what_if_hours
        )
        guarded(lambda: run_report(args))

    @main.command("calendar")
    @_shared
    @click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="ics is an iCalendar file (RFC 5545) a calendar can import or subscribe to.",
    )
    @click.option(
        "--output",
        "-o",
        type=OutputFile(),
        help="Write to this file instead of standard output.",
    )
    def calendar_command(output_format: str, output: Path | None, **options: Any) -> None:
        """List the deadlines of the next days: contract ends and notice dates, automatic
        renewals, policy renewals, waiver expiries, assessments and exercises due; overdue
        first."""
        from resilint.report.run import CalendarArgs, run_calendar

        args = CalendarArgs(_check(options), options["days"], output_format, output)
        guarded(lambda: run_calendar(args))
