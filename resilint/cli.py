"""The command line: click parses into typed arguments (:class:`resilint.app.CheckArgs`), the
application runs the command, and errors map to exit statuses here, in one place."""

from __future__ import annotations

from resilint import startup  # noqa: F401 - before the rest, click included (resilint.deferred)

# isort: split
import datetime
import gc
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint import __version__, server
from resilint.app import CheckArgs, ends_process, run_check
from resilint.baseline import DEFAULT_NAME
from resilint.check_options import check_args, check_options
from resilint.cli_options import (
    OutputFile,
    as_of_option,
    complete_codes,
    selection,
    selection_options,
)
from resilint.command import file_named_like_option
from resilint.command import guarded as _guarded
from resilint.edit.cli import fix_args, fix_options, register, run_fixing
from resilint.errors import ExitCode
from resilint.reporters.base import printable
from resilint.rules.model import PROFILES
from resilint.subcommands import (
    TestArgs,
    run_baseline,
    run_explain,
    run_init,
    run_rules_command,
    run_schema,
    run_test,
    show_config,
)

# Commands of the checked model's other consumers, imported only when one of them runs: a check
# (the pre-commit hook) does not pay for importing the report, impact analysis or the register.
_LAZY = {
    "report": "resilint.report.cli:register",
    "calendar": "resilint.report.cli:register",
    "impact": "resilint.impact.cli:register",
    "card": "resilint.impact.cli:register",
    "register": "resilint.register.cli:add_commands",
}


def _escape(exc: click.ClickException) -> None:
    # click types the attribute final, but shows whatever it holds when the error is reported
    setattr(exc, "message", printable(exc.message))  # noqa: B010


class _Commands(click.Group):
    """Lazy commands; click's own usage errors quote what was typed, so their messages are
    escaped as every output is (a newline in an argument would start a CI workflow command)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            _escape(exc)
            raise

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        clash = file_named_like_option(args)
        if clash is not None:  # a file chosen by a commit must never become an option
            raise click.UsageError(
                f"{clash!r} is both an option and the name of a file here; resilint cannot "
                "tell which is meant (pre-commit passes the names of changed files where "
                f"options go), so it checks nothing: rename the file (on a command line, "
                f"write ./{clash} for the file)"
            )
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            _escape(exc)
            raise

    def __call__(self, *args: Any, **extra: Any) -> Any:
        if args or extra:  # a program calling resilint in its own process, which goes on
            return super().__call__(*args, **extra)
        ends_process()
        try:  # the command line: the process ends with this call
            return super().__call__()
        finally:
            # Every object the run built is still alive: Python's last collection at exit
            # would traverse them all for nothing (4 % of a one-file check's instructions).
            gc.freeze()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _LAZY:
            module, _, function = _LAZY[cmd_name].partition(":")
            getattr(importlib.import_module(module), function)(self, _guarded)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="resilint")
def main() -> None:
    """resilint: lint a resilience programme kept as YAML (suppliers, contracts, insurance,
    continuity plans, controls, exercises)."""


@main.command("check")
@check_options
@fix_options
def check_command(**options: Any) -> None:
    """Check PATHS (files or directories; default: the repository root)."""
    args = check_args(options, focus=False)
    fixing = fix_args(options, args)
    _guarded(_serving(options, lambda: run_fixing(fixing) if fixing else run_check(args)))


def _serving(options: dict[str, Any], action: Callable[[], int]) -> Callable[[], int]:
    """``action``, then, with ``--server``, the resident server started in the background
    (nothing is waited for, and no failure to start it changes the command's outcome). Not in
    CI (``CI`` set, as every CI service sets it): a job has no use for a process that outlives
    it, and the hook's configuration with ``--server`` is often run there too."""
    if not options.get("server") or server.SERVING or os.environ.get("CI"):
        return action

    def then_serve() -> int:
        status = action()
        server.start(wait=False)
        return status

    return then_serve


@main.command("pre-commit")
@check_options
@fix_options
def pre_commit_command(**options: Any) -> None:
    """Check the whole repository, reporting what concerns the changed PATHS.

    For pre-commit, which passes only the changed files: findings in those files, findings
    elsewhere that involve them, dangling references anywhere, and every finding the commit
    introduces anywhere (absent from the repository as the last commit holds it; with
    pre-commit's --from-ref/--to-ref, as the range's start holds it). A changed configuration
    or rule file, or a deleted YAML file, re-checks everything.
    """
    args = check_args(options, focus=True)
    fixing = fix_args(options, args)
    _guarded(_serving(options, lambda: run_fixing(fixing) if fixing else run_check(args)))


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=OutputFile(),
    help=f"Baseline file to write (default: the configured one, else {DEFAULT_NAME}).",
)
@click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: resilint.yaml found upward in the git work tree).",
)
@as_of_option("Date time-aware rules measure from (default: today).")
@selection_options
def baseline_command(
    paths: tuple[Path, ...],
    output: Path | None,
    config: Path | None,
    as_of: datetime.date | None,
    **options: Any,
) -> None:
    """Record today's findings so that `check --baseline` reports only new ones."""
    args = CheckArgs(paths, config=config, as_of=as_of, selection=selection(options))
    _guarded(lambda: run_baseline(args, output))


@main.command("schema")
@click.argument("kind", required=False)
@click.option(
    "--export",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write self-contained schemas (every kind's, any kind's, the configuration's and "
    "the rule files') and catalog.json, for editors, into this directory.",
)
def schema_command(kind: str | None, export: Path | None) -> None:
    """Print KIND's JSON Schema; with no KIND, list the kinds."""
    _guarded(lambda: run_schema(kind, export))


@main.command("rules")
@click.option("--profile", type=click.Choice(list(PROFILES)), help="Only this profile's rules.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="json lists them for machines; markdown writes the full rule reference (docs/rules.md).",
)
def rules_command(profile: str | None, output_format: str) -> None:
    """List the rules and built-in checks by code: level, profiles, name and title."""
    _guarded(lambda: run_rules_command(profile, output_format))


@main.command("explain")
@click.argument("code", shell_complete=complete_codes)
def explain_command(code: str) -> None:
    """Explain a rule: why it matters, what it rests on, how to fix it, with examples."""
    _guarded(lambda: run_explain(code))


@main.command("config")
@click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: resilint.yaml found upward in the git work tree).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Show the result as if the command line said this (it overrides fail_on).",
)
@selection_options
def config_command(config: Path | None, fail_on: str | None, **options: Any) -> None:
    """Show the merged configuration (built-in defaults < file < command line) and where each
    value came from; the profiles include those the Entities' regimes switch on."""
    args = CheckArgs(config=config, fail_on=fail_on, selection=selection(options))
    _guarded(lambda: show_config(args))


@main.command("test")
@click.argument("rule_dirs", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--builtin", is_flag=True, help="Test resilint's own rules too (alone when no RULE_DIRS)."
)
@click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: resilint.yaml found upward in the git work tree); its "
    "rule_dirs are tested when no RULE_DIRS are named.",
)
@as_of_option("Date the examples are checked on (default: the configuration's as_of, else today).")
def test_command(
    rule_dirs: tuple[Path, ...], builtin: bool, config: Path | None, as_of: datetime.date | None
) -> None:
    """Run every rule's passing and failing examples in RULE_DIRS (default: the configuration's
    rule_dirs): the passing one must give no finding, the failing one exactly those its expect
    lists. Exit status 1 when one does not hold, 3 when a rule raised on its example."""
    args = TestArgs(rule_dirs, builtin, config, as_of)
    _guarded(lambda: run_test(args))


@main.command("init")
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
def init_command(directory: Path | None) -> None:
    """Scaffold a resilience repository: configuration, one commented example of each kind,
    pre-commit and CI workflow files. Existing files are never overwritten."""
    _guarded(lambda: run_init(directory or Path.cwd()))


@main.group("server")
def server_group() -> None:
    """Keep resilint loaded between commands (Linux): a resident process that runs each
    command of this installation, started in a few milliseconds instead of a tenth of a
    second. Worth it for the pre-commit hook; CI has no use for it."""


@server_group.command("start")
@click.option(
    "--idle",
    type=click.FloatRange(min=0.01),
    default=server.IDLE_MINUTES,
    show_default=True,
    help="Stop after this many minutes without a command.",
)
def server_start(idle: float) -> None:
    """Start this installation's server, unless one runs."""
    pid, why = server.start(idle)
    if pid is None:
        click.echo(f"resilint: the server could not start: {printable(why)}", err=True)
        sys.exit(int(ExitCode.INPUT))
    if why == "running":
        click.echo(f"resilint server running (pid {pid}), started before")
    else:
        click.echo(f"resilint server running (pid {pid}); it stops after {idle:g} minutes idle")


@server_group.command("stop")
def server_stop() -> None:
    """Stop this installation's server."""
    pid = server.stop()
    click.echo("no resilint server runs" if pid is None else f"stopped the server (pid {pid})")


@server_group.command("status")
def server_status() -> None:
    """Say whether this installation's server runs; exit 1 when it does not."""
    running = server.status()
    if running is None:
        click.echo("no resilint server runs")
        sys.exit(1)
    pid, asked = running
    click.echo(f"resilint server running (pid {pid}); {asked} requests answered")


register(main, check_options, check_args, _guarded)

__all__ = ["main"]
