"""``resilint register export``: one check as of the reference date, with its model, then the
register of the entity that keeps it, in the format asked for. The export refuses while the
check finds what the ESAs would reject (load, schema and reference errors, findings of the
dora-register rules) or the built register has a problem, unless told to write it anyway."""

from __future__ import annotations

import dataclasses
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from resilint import __version__
from resilint.app import (
    CheckArgs,
    build_config,
    build_options,
    build_rule_docs,
    build_rules,
    build_schemas,
    without_cycle_collection,
)
from resilint.checker import check_model
from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.domain import Facts
from resilint.errors import ExitCode, UsageError
from resilint.findings import Finding, Level
from resilint.model import Document
from resilint.register import formats
from resilint.register.checks import Problem, checked_register
from resilint.register.model import Register
from resilint.reporters import REPORTERS
from resilint.reporters.base import ReportContext, RuleDoc, unread_note
from resilint.userfiles import output_directory, write_output

FORMATS = ("xbrl-csv", "csv", "xlsx")
PROFILE = "dora-register"


@dataclass(frozen=True)
class ExportArgs:
    check: CheckArgs
    output_format: str = "xbrl-csv"
    output: Path | None = None
    reference_date: datetime.date | None = None
    entity: str | None = None
    allow_incomplete: bool = False


def reference_date(asked: datetime.date | None, as_of: datetime.date | None) -> datetime.date:
    """As asked; else the last 31 December on or before the as-of date (the ESAs' reference
    date is 31 December of the year before the filing)."""
    if asked is not None:
        return asked
    day = as_of or datetime.date.today()
    return day if (day.month, day.day) == (12, 31) else datetime.date(day.year - 1, 12, 31)


def run_export(args: ExportArgs) -> int:
    schemas = build_schemas()
    config = build_config(args.check, schemas)
    reference = reference_date(args.reference_date, config.as_of)
    check = dataclasses.replace(args.check, as_of=reference, cache=False)
    config = dataclasses.replace(config, as_of=reference)
    rules = build_rules(schemas, config, check.selection)
    register_rules = frozenset(r.info.code for r in rules if PROFILE in r.info.profiles)
    config = _readiness(config, register_rules)
    with without_cycle_collection():
        checked = check_model(build_options(check, schemas, config, rules))
    built = checked_register(checked.facts, maintainer(checked.facts, args.entity))
    register = built.register
    blocking = [f for f in checked.result.findings if _blocks(f, register_rules)]
    found = list(built.problems)
    if (blocking or found) and not args.allow_incomplete:
        click.echo(
            "resilint: the register is not ready to file; fix these (or pass --allow-incomplete):",
            err=True,
        )
        _problems(blocking, found, build_rule_docs(rules))
        return ExitCode.FINDINGS
    if blocking or found:
        click.echo(
            f"resilint: the register is not ready ({len(blocking) + len(found)} problems); "
            "written as asked (--allow-incomplete): the ESAs may reject it. The problems:",
            err=True,
        )
        _problems(blocking, found, build_rule_docs(rules))
    click.echo(f"wrote {_write(register, args)}", err=True)
    unreadable = checked.result.unreadable_files
    if unreadable:  # written as asked, but what those files hold is missing from it
        click.echo(unread_note(unreadable, "register"), err=True)
        return ExitCode.INPUT
    return ExitCode.OK


def _readiness(config: Config, codes: frozenset[str]) -> Config:
    """The configuration with the register's readiness rules on, at their own level, whatever
    it says for checks: an ``ignore: [REG-04]`` or a level lowered for daily work must not let
    an export write a register the ESAs reject without a word (a waiver still accepts a gap
    where it is recorded)."""
    ignore = tuple(code for code in config.ignore if code not in codes)
    settings = {
        code: dataclasses.replace(own, level=None) if code in codes else own
        for code, own in config.rules.items()
    }
    # on where they apply: the DORA entities' regime switches their profile on (not selected,
    # which would apply them to every document)
    return dataclasses.replace(config, ignore=ignore, rules=settings, entity_regimes=True)


def maintainer(facts: Facts, asked: str | None) -> Document:
    """The entity whose register is exported: the one asked for, else the only one that keeps a
    register (an entity under DORA with none under DORA above it)."""
    keeping = facts.scope.maintainers
    if asked is not None:
        if asked not in keeping:
            shown = ", ".join(keeping) or "none"
            raise UsageError(
                f"--entity {asked}: not an entity that keeps a DORA register (an Entity with "
                f"regimes: [dora] and no such entity above it); those here: {shown}"
            )
        return _entity(facts, asked)
    if len(keeping) != 1:
        shown = ", ".join(keeping)
        raise UsageError(
            f"this repository holds several registers ({shown}): name one with --entity"
            if keeping
            else "no Entity here keeps a DORA register: give one regimes: [dora]"
        )
    return _entity(facts, keeping[0])


def _entity(facts: Facts, entity_id: str) -> Document:
    found = facts.index.get("Entity", entity_id)
    assert found is not None  # a maintainer is an Entity of the index
    return found


def _blocks(finding: Finding, register_rules: frozenset[str]) -> bool:
    """A finding that makes the register wrong: an error of loading, schemas or references, or
    an error of the dora-register rules."""
    if finding.suppression is not None or finding.level is not Level.ERROR:
        return False
    return finding.code in CORE_CHECKS or finding.code in register_rules


def _problems(blocking: list[Finding], found: list[Problem], docs: dict[str, RuleDoc]) -> None:
    """The findings as ``check`` prints them, then the register's own problems that no finding
    already reports (when the dora-register rules did not run)."""
    if blocking:
        context = ReportContext(tuple(blocking), 0, 0, __version__, False, docs, "error")
        sys.stdout.write(REPORTERS["text"](context))
    reported = " ".join(f.message for f in blocking)
    for problem in found:
        if problem.message not in reported:
            where = problem.place.document
            click.echo(f"{where.path}: {problem.advice}; {problem.message} [{problem.rule}]")


def _write(register: Register, args: ExportArgs) -> str:
    now = datetime.datetime.now(datetime.timezone.utc)
    target = args.output
    if args.output_format == "xbrl-csv":
        # The filing rules name the zip after its root folder: into a directory (the
        # default, the current one), it is written under that name.
        name, data = formats.xbrl_csv(register, now)
        folder = target is None or target.is_dir() or str(target).endswith(("/", "\\"))
        path = (target or Path()) / name if folder else target
        assert path is not None
        write_output(path, data)
        return str(path)
    if args.output_format == "csv":
        directory = output_directory(target or Path("register"))
        for file, data in formats.readable_csv(register).items():
            write_output(directory / file, data)
        return f"one CSV per template to {directory}"
    path = target or Path("register.xlsx")
    write_output(path, formats.xlsx(register))
    return str(path)
