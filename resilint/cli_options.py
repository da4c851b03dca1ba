"""Options several commands share: dates written as people write them, and the rule selection
(``--select``, ``--extend-select``, ``--ignore``), parsed into typed values."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

from resilint.check_line import iso_date
from resilint.quoting import quoted
from resilint.reporters.base import printable
from resilint.selection import CommandLine, command_line, split_codes
from resilint.userfiles import DIRECTORY_NAMED, names_directory

Command = Callable[..., None]


class IsoDate(click.ParamType):  # type: ignore[type-arg, unused-ignore]  # generic in click 8.2+
    """A calendar date written YYYY-MM-DD, shown to users that way (never ``%Y-%m-%d``)."""

    name = "YYYY-MM-DD"  # click shows a type's name as the metavar

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return iso_date(str(value))
        except ValueError:
            text = str(value)
            padded = " with nothing around it" if text.strip() != text else ""
            self.fail(
                f"{quoted(text, 60)} is not a date: write YYYY-MM-DD{padded}, for example "
                "2026-11-26",
                param,
            )


class OutputFile(click.Path):
    """A file an option writes: click's ``Path``, refusing a path written as a directory."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and names_directory(value):
            self.fail(f"'{printable(value)}' {DIRECTORY_NAMED}", param, ctx)
        return super().convert(value, param, ctx)


def as_of_option(help_text: str) -> Callable[[Command], Command]:
    return click.option("--as-of", type=IsoDate(), default=None, help=help_text)


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    return split_codes(values)


def complete_codes(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of rule codes (``resilint explain CTR-<TAB>``)."""
    from resilint.subcommands import known_codes  # the rules load only when a shell asks

    wanted = incomplete.rpartition(",")[2].upper()
    try:
        codes = known_codes()
    except Exception:  # a broken configuration must not break the shell
        return []
    from click.shell_completion import CompletionItem  # only when a shell completes a word

    return [CompletionItem(c) for c in codes if c.startswith(wanted)]


def selection_options(command: Command) -> Command:
    """--select, --extend-select and --ignore, merged over the configuration file's."""
    options = [
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            callback=_codes,
            shell_complete=complete_codes,
            help="Run only these rules, by code or group (CTR-08,REG; repeatable): the "
            "profiles, the configuration's select and ignore and the Entities' regimes no "
            "longer choose. A rule named by its code applies to every document; a group's "
            "DORA, NIS2 and NYDFS rules to what falls under them. Loading and reference checks "
            "always run.",
        ),
        click.option(
            "--extend-select",
            multiple=True,
            metavar="CODES",
            callback=_codes,
            shell_complete=complete_codes,
            help="Run these rules (codes or groups) too, whatever the configuration ignores.",
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="CODES",
            callback=_codes,
            shell_complete=complete_codes,
            help="Do not run these rules (codes or groups), whatever the configuration selects.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def selection(options: dict[str, Any]) -> CommandLine:
    return command_line(options)
