"""The ``impact`` and ``card`` command lines: click options parsed into typed arguments
(:class:`.commands.ImpactArgs`, :class:`.commands.CardArgs`), registered on resilint's group by
:func:`register`; errors map to exit statuses in resilint's CLI, as for every command."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint.cli_options import as_of_option
from resilint.impact.model import DEPENDENCY, FUNCTION, KINDS, REGION, SUPPLIER, Target

_CONFIG = click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: resilint.yaml found upward in the git work tree).",
)
_AS_OF = as_of_option("Date policies, contracts and exercises are judged on (default: today).")
_TARGETS = (
    (SUPPLIER, "ID", "A supplier is down or compromised (its id)."),
    (REGION, "R", "A cloud region is down: REGION, or PROVIDER/REGION."),
    (
        DEPENDENCY,
        "D",
        "A shared dependency is down, as named in the files (an identity "
        "provider, a subprocessor, a subcontractor, a cloud provider).",
    ),
    (FUNCTION, "F", "One of our business functions is down (its id): our own outage."),
)


def _target(options: dict[str, Any]) -> Target | None:
    named = [(kind, options[kind]) for kind in KINDS if options.get(kind) is not None]
    if len(named) > 1 or (named and options["all_critical"]):
        given = ", ".join(f"--{kind}" for kind, _ in named)
        extra = " and --all-critical" if options["all_critical"] else ""
        raise click.UsageError(f"name one thing that is down, not {given}{extra}")
    return Target(*named[0]) if named else None


MAX_HOURS = 87_660
"""Ten years: longer than any clock, RTO or insurance period the outage is measured against."""


def _hours(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not 0 <= value <= MAX_HOURS:  # NaN fails both comparisons
        raise click.BadParameter(
            f"an outage lasts from 0 to {MAX_HOURS:,} hours (ten years)", ctx, param
        )
    return value


def register(main: click.Group, guarded: Callable[[Callable[[], int]], None]) -> None:
    """Add ``impact`` and ``card`` to resilint's command group."""

    @main.command("impact")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option(f"--{SUPPLIER}", metavar=_TARGETS[0][1], help=_TARGETS[0][2])
    @click.option(f"--{REGION}", metavar=_TARGETS[1][1], help=_TARGETS[1][2])
    @click.option(f"--{DEPENDENCY}", metavar=_TARGETS[2][1], help=_TARGETS[2][2])
    @click.option(f"--{FUNCTION}", metavar=_TARGETS[3][1], help=_TARGETS[3][2])
    @click.option(
        "--all-critical",
        is_flag=True,
        help="Every critical supplier's scenario in one table (the board's what-if review).",
    )
    @click.option(
        "--hours",
        type=float,
        callback=_hours,
        metavar="N",
        help="How long the outage lasts: which RTO and MTPD it breaches, whether the degraded "
        "mode lasts, how far it passes the insurance waiting period.",
    )
    @click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(["text", "markdown", "json"]),
        default="text",
        show_default=True,
        help="json has the stable shape of docs/impact.md.",
    )
    @_CONFIG
    @_AS_OF
    def impact_command(**options: Any) -> None:
        """What breaks when something is down, and what to do within the hour.

        The functions hit (directly, through subcontractors and shared dependencies) with
        their RTO, MTPD, degraded mode and fallback owner; the notice clocks that start, with
        their basis; the supplier's identities to disable; what the insurance does; whom to
        call. PATHS: the repository (default: the one found from here).
        """
        from resilint.impact.commands import ImpactArgs, run_impact

        args = ImpactArgs(
            paths=options["paths"],
            target=_target(options),
            all_critical=options["all_critical"],
            hours=options["hours"],
            output_format=options["output_format"],
            config=options["config"],
            as_of=_day(options["as_of"]),
        )
        guarded(lambda: run_impact(args))

    @main.command("card")
    @click.argument("supplier")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(["markdown", "html"]),
        default="markdown",
        show_default=True,
        help="html is one self-contained page with a print stylesheet.",
    )
    @_CONFIG
    @_AS_OF
    def card_command(**options: Any) -> None:
        """A one-page incident card for SUPPLIER, to print for the offline binder: contacts,
        deadlines, who decides, what to disable, the joint playbook, the manual fallback."""
        from resilint.impact.commands import CardArgs, run_card

        args = CardArgs(
            supplier=options["supplier"],
            paths=options["paths"],
            output_format=options["output_format"],
            config=options["config"],
            as_of=_day(options["as_of"]),
        )
        guarded(lambda: run_card(args))


def _day(value: datetime.date | None) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else value
