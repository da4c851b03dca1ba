"""The write commands' command line: click options parsed into typed arguments, and the
``run_*`` functions of :mod:`.commands` called with them. Registered on resilint's group by
:func:`register`; nothing here imports a YAML writer until a command runs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint.app import CheckArgs
from resilint.cli_options import IsoDate

Command = Callable[..., None]
_UNSAFE = click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply unsafe fixes: rename a misspelt field or value, move a field one level "
    "out to where the schema expects it. Review them.",
)
_DIFF = click.option(
    "--diff",
    is_flag=True,
    help="Print the changes as a unified diff and write nothing; exit 1 when there are some.",
)
_PREVIEW = click.option(
    "--diff",
    is_flag=True,
    help="Print the changes as a unified diff and write nothing (a preview: exit 0).",
)
_EXIT_ON_FIX = click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="Exit 1 when a file was changed, even if no finding is left (for pre-commit).",
)
_CONFIG = click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: resilint.yaml found upward in the git work tree); its "
    "directory is the repository, and nothing is written outside it.",
)


def fix_options(command: Command) -> Command:
    """``--fix`` and its companions, for ``check`` and ``pre-commit``."""
    flag = click.option(
        "--fix",
        is_flag=True,
        help="Apply the safe fixes the findings carry, then report what is left.",
    )
    for option in (_EXIT_ON_FIX, _DIFF, _UNSAFE, flag):
        command = option(command)
    return command


def fix_args(options: dict[str, Any], check: CheckArgs) -> Any:
    """The typed arguments of a fixing run, or None when no fix was asked for."""
    if not (options.get("fix") or options.get("diff")):
        return None  # a plain check (the pre-commit hook) does not import the writers
    from resilint.edit.commands import FixArgs

    return FixArgs(
        check,
        unsafe=bool(options.get("unsafe_fixes")),
        diff=bool(options.get("diff")),
        exit_non_zero_on_fix=bool(options.get("exit_non_zero_on_fix")),
    )


def run_fixing(fixing: Any) -> int:
    from resilint.edit.commands import run_fix

    return run_fix(fixing)


def register(
    main: click.Group,
    check_options: Callable[[Command], Command],
    check_args: Callable[..., CheckArgs],
    guarded: Callable[[Callable[[], int]], None],
) -> None:
    """Add ``fix``, ``rename``, ``waive`` and ``new`` to resilint's command group."""

    @main.command("fix")
    @check_options
    @_EXIT_ON_FIX
    @_DIFF
    @_UNSAFE
    def fix_command(**options: Any) -> None:
        """Fix the mechanical mistakes in PATHS (default: the repository), then check.

        Safe fixes keep what the file means: quotes a number where text is expected, removes
        them around a number, writes dates as YYYY-MM-DD, adds a forgotten apiVersion line,
        corrects a kind's case, adds '---' between run-together documents. Everything outside
        an edit stays byte for byte; a file that would mean something else is left as it is.
        """
        fixing = fix_args({**options, "fix": True}, check_args(options, focus=False))
        guarded(lambda: run_fixing(fixing))

    @main.command("rename")
    @click.argument("kind")
    @click.argument("old")
    @click.argument("new")
    @_PREVIEW
    @_CONFIG
    def rename_command(kind: str, old: str, new: str, diff: bool, config: Path | None) -> None:
        """Rename the KIND document OLD to NEW, and every reference to it in the repository
        (reference fields and waiver targets)."""
        from resilint.edit.commands import RenameArgs, run_rename

        args = RenameArgs(kind, old, new, diff, config)
        guarded(lambda: run_rename(args))

    _register_writers(main, guarded)


def _register_writers(main: click.Group, guarded: Callable[[Callable[[], int]], None]) -> None:
    @main.command("new")
    @click.argument("kind")
    @click.argument("id")
    @click.option(
        "--set",
        "values",
        multiple=True,
        metavar="FIELD=VALUE",
        help="Set a field (dotted for nested ones: contacts.security_24x7.email=...); "
        "repeatable. References are checked, and tier or exposure decide what the rules ask.",
    )
    @click.option(
        "--file",
        "target",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write here (a new file, or another document appended to an existing one) "
        "instead of where the repository keeps this kind.",
    )
    @_PREVIEW
    @_CONFIG
    def new_command(
        kind: str,
        id: str,
        values: tuple[str, ...],
        target: Path | None,
        diff: bool,
        config: Path | None,
    ) -> None:
        """Write a new KIND document ID with every required field and, commented, what the
        rules will ask of it."""
        from resilint.edit.new import NewArgs, run_new

        args = NewArgs(kind, id, values, target, diff, config)
        guarded(lambda: run_new(args))

    @main.command("waive")
    @click.argument("codes", nargs=-1, metavar="[CODE]...")
    @click.option(
        "--rule",
        "rules",
        multiple=True,
        metavar="CODE",
        help="A rule the waiver accepts, as CODE does; repeatable. Several rules accepted in "
        "one decision (a provider's standard terms) make one waiver listing them (rules:).",
    )
    @click.option(
        "--target",
        "targets",
        multiple=True,
        required=True,
        metavar="[KIND/]ID",
        help="A document the waiver covers, by id (KIND/ID when ids clash); repeatable.",
    )
    @click.option("--reason", required=True, help="Why the risk is accepted (the rationale).")
    @click.option(
        "--until",
        required=True,
        type=IsoDate(),
        help="Expiry, YYYY-MM-DD: at most EXC-01's max_days after approval.",
    )
    @click.option("--owner", required=True, help="Who owns the accepted risk (risk_owner).")
    @click.option(
        "--approver",
        help="Who approved it (required: a waiver without one suppresses nothing); one "
        "EXC-01 approvers allows when that is set.",
    )
    @click.option(
        "--approved-on",
        type=IsoDate(),
        help="Approval date, YYYY-MM-DD (default: today).",
    )
    @click.option(
        "--control", "controls", multiple=True, help="A compensating control; repeatable."
    )
    @click.option(
        "--field",
        "at",
        metavar="FIELD",
        help="Only the findings at this field of the targets (and within it), as the JSON "
        "output's json_path shows it: for example remedies.step_in_rights.",
    )
    @click.option(
        "--naming",
        multiple=True,
        metavar="WORD",
        help="Only the findings whose message names this (a supplier id, a region); "
        "repeatable: each must be named.",
    )
    @click.option("--id", "waiver_id", help="The waiver's id (default: waiver-CODE-TARGET).")
    @click.option(
        "--file",
        "target_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write here instead of where the repository keeps its waivers.",
    )
    @_PREVIEW
    @_CONFIG
    def waive_command(**options: Any) -> None:
        """Record a Waiver of rule CODE for the --target documents. Several codes (or --rule
        several times) record one waiver of all of them, with the same terms."""
        from resilint.edit.waive import WaiveArgs, run_waive

        args = WaiveArgs(
            codes=(*options["codes"], *options["rules"]),
            targets=options["targets"],
            reason=options["reason"],
            until=_day(options["until"]),
            owner=options["owner"],
            approver=options["approver"],
            approved_on=_day(options["approved_on"]),
            controls=options["controls"],
            at=options["at"],
            naming=options["naming"],
            waiver_id=options["waiver_id"],
            target=options["target_file"],
            diff=options["diff"],
            config=options["config"],
        )
        guarded(lambda: run_waive(args))


def _day(value: datetime.date | None) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else value
