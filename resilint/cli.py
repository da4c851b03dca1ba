"""The command line: click parses into typed options, small ``build_*`` functions wire the
pieces, and each command's ``run`` returns the exit status. Errors map to statuses here only."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from resilint import __version__
from resilint.catalogue import explain, reference_page, rules_table
from resilint.checker import CheckOptions, Result, check
from resilint.config import Config, find_config, load_config
from resilint.errors import ExitCode, ResilintError, UsageError
from resilint.reporters import REPORTERS, ReportContext
from resilint.resources import data_dir
from resilint.rules import Rule, load_rules
from resilint.rules.model import PROFILES
from resilint.schemas import SchemaSet


@dataclass(frozen=True)
class CheckArgs:
    paths: tuple[Path, ...]
    output_format: str
    fail_on: str | None
    config: Path | None
    color: bool | None
    as_of: datetime.date


def build_schemas() -> SchemaSet:
    return SchemaSet(data_dir("schemas"))


def build_config(args: CheckArgs, schemas: SchemaSet) -> Config:
    cwd = Path.cwd()
    path = args.config if args.config else find_config(cwd)
    config = load_config(path, schemas, cwd)
    if args.fail_on:
        config = dataclasses.replace(config, fail_on=args.fail_on)
    return config


def build_paths(args: CheckArgs, config: Config) -> tuple[Path, ...]:
    if args.paths:
        return args.paths
    return (Path(os.path.relpath(config.root)),)


def build_rules(schemas: SchemaSet, config: Config) -> tuple[Rule, ...]:
    return tuple(load_rules(schemas, config.rule_dirs))


def exit_status(result: Result, config: Config) -> ExitCode:
    if result.crashes:
        return ExitCode.RULE_CRASHED
    if result.unreadable:
        return ExitCode.INPUT
    if any(config.fails(finding.level) for finding in result.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


def run_check(args: CheckArgs) -> int:
    schemas = build_schemas()
    config = build_config(args, schemas)
    rules = build_rules(schemas, config)
    result = check(CheckOptions(build_paths(args, config), schemas, config, rules, args.as_of))
    color = args.color if args.color is not None else _wants_color()
    context = ReportContext(result.findings, result.files, result.documents, __version__, color)
    _write(REPORTERS[args.output_format](context))
    return exit_status(result, config)


def run_schema(kind: str | None, export: Path | None) -> int:
    schemas = build_schemas()
    if export is not None:
        export.mkdir(parents=True, exist_ok=True)
        for name in schemas.kinds:
            target = export / schemas.file(name).name
            target.write_text(json.dumps(schemas.schema(name), indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {len(schemas.kinds)} schemas to {export}", err=True)
        return ExitCode.OK
    if kind is None:
        for name in schemas.kinds:
            click.echo(f"{name:<18} {schemas.schema(name).get('description', '')}")
        return ExitCode.OK
    match = {name.lower(): name for name in schemas.kinds}.get(kind.lower().replace("-", ""))
    if match is None:
        raise UsageError(f"unknown kind '{kind}'; kinds are: {', '.join(schemas.kinds)}")
    _write(json.dumps(schemas.schema(match), indent=2) + "\n")
    return ExitCode.OK


def _wants_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _write(text: str) -> None:
    sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    sys.stdout.flush()


def _guarded(action: Callable[[], int]) -> NoReturn:
    """Run a command and exit with its status; errors become a message and their status."""
    try:
        status = action()
    except ResilintError as exc:
        click.echo(f"resilint: {exc}", err=True)
        status = exc.exit_code
    except KeyboardInterrupt:
        click.echo("resilint: interrupted", err=True)
        status = 130
    except Exception as exc:  # a defect: a short message and its own status, never a traceback
        click.echo(
            f"resilint: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran; set RESILINT_DEBUG=1 to see "
            "the traceback.",
            err=True,
        )
        if os.environ.get("RESILINT_DEBUG"):
            raise
        status = ExitCode.INTERNAL
    sys.exit(int(status))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="resilint")
def main() -> None:
    """resilint: lint a resilience programme kept as YAML (suppliers, contracts, insurance,
    continuity plans, controls, exercises)."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Lowest level that makes the exit status 1 (default: error).",
)
@click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: resilint.yaml found upward from here).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output "
    "(default: when writing to a terminal; NO_COLOR and FORCE_COLOR are honoured).",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date that time-aware rules measure from, YYYY-MM-DD (default: today), so a CI run "
    "can be reproduced.",
)
def check_command(
    paths: tuple[Path, ...],
    output_format: str,
    fail_on: str | None,
    config: Path | None,
    color: bool | None,
    as_of: datetime.datetime | None,
) -> None:
    """Check PATHS (files or directories; default: the repository root)."""
    day = as_of.date() if as_of else datetime.date.today()
    args = CheckArgs(paths, output_format, fail_on, config, color, day)
    _guarded(lambda: run_check(args))


@main.command("schema")
@click.argument("kind", required=False)
@click.option(
    "--export",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write every kind's JSON Schema into this directory.",
)
def schema_command(kind: str | None, export: Path | None) -> None:
    """Print KIND's JSON Schema; with no KIND, list the kinds."""
    _guarded(lambda: run_schema(kind, export))


def run_rules_command(profile: str | None, output_format: str) -> int:
    schemas = build_schemas()
    config = load_config(find_config(Path.cwd()), schemas, Path.cwd())
    rules = build_rules(schemas, config)
    if output_format == "markdown":
        _write(reference_page(rules))
    else:
        _write(rules_table(rules, profile))
    return ExitCode.OK


def run_explain(code: str) -> int:
    schemas = build_schemas()
    config = load_config(find_config(Path.cwd()), schemas, Path.cwd())
    text = explain(code, build_rules(schemas, config))
    if text is None:
        raise UsageError(f"no rule or check named {code}; `resilint rules` lists them")
    _write(text)
    return ExitCode.OK


@main.command("rules")
@click.option("--profile", type=click.Choice(list(PROFILES)), help="Only this profile's rules.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown writes the full rule reference (docs/rules.md).",
)
def rules_command(profile: str | None, output_format: str) -> None:
    """List the rules: code, level, profiles, name and title."""
    _guarded(lambda: run_rules_command(profile, output_format))


@main.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Explain a rule: why it matters, what it rests on, how to fix it, with examples."""
    _guarded(lambda: run_explain(code))
