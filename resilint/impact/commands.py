"""The ``impact`` and ``card`` commands: typed arguments, a ``build_*`` function that loads the
checked model as a check does, and ``run_*`` functions that return the exit status."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from resilint.app import CheckArgs, build_config, build_options, build_schemas, require_documents
from resilint.checker import load_documents
from resilint.command import write_out
from resilint.domain import Facts
from resilint.domain.readers import integer
from resilint.errors import ExitCode, NotFound, UsageError
from resilint.impact.board import critical_scenarios
from resilint.impact.formats import BOARD_FORMATS, CARD_FORMATS, IMPACT_FORMATS
from resilint.impact.model import FUNCTION, SUPPLIER, Impact, Target
from resilint.impact.scenario import analyse
from resilint.model import ambiguous
from resilint.reporters.base import (
    listed,
    unchecked_note,
    unnamed_note,
    unread_note,
    unread_suspect,
)


@dataclass(frozen=True)
class ImpactArgs:
    """What ``resilint impact`` was asked: the scenario and how to show it."""

    paths: tuple[Path, ...] = ()
    target: Target | None = None
    """What is down; None with ``all_critical``."""
    all_critical: bool = False
    hours: float | None = None
    output_format: str = "text"
    config: Path | None = None
    as_of: datetime.date | None = None


@dataclass(frozen=True)
class CardArgs:
    """What ``resilint card`` was asked: the supplier and how to show its card."""

    supplier: str
    paths: tuple[Path, ...] = ()
    output_format: str = "markdown"
    config: Path | None = None
    as_of: datetime.date | None = None


def build_facts(
    paths: tuple[Path, ...], config: Path | None, as_of: datetime.date | None
) -> tuple[Facts, Missing, int]:
    """The repository's documents, loaded and validated as a check loads them, and the facts
    and dependency graph the rules read (no rule runs); the files that could not be read or
    hold a document resilint does not check; and the yearly limit on a critical function's
    plan test, EXR-01's ``max_age_days`` as configured."""
    args = CheckArgs(paths=paths, config=config, as_of=as_of)
    schemas = build_schemas()
    settings = build_config(args, schemas)
    options = build_options(args, schemas, settings, ())
    index, result = load_documents(options)
    require_documents(result, args, options)
    unreadable = result.unreadable_files
    unchecked = tuple(f for f in result.unchecked_files if f not in unreadable)
    missing = Missing(
        tuple(sorted(unreadable)),
        tuple(sorted(unchecked)),
        result.named_unchecked_files,
        result.unsearched_folders,
    )
    own = settings.rules.get("EXR-01")
    days = integer((own.params or {}).get("max_age_days")) if own is not None else None
    test_days = days if days is not None and days >= 0 else TEST_DAYS
    return Facts(index, options.as_of, settings.definitions), missing, test_days


TEST_DAYS = 365
"""EXR-01's default ``max_age_days``: how long a continuity plan's test stays current."""


@dataclass(frozen=True)
class Missing:
    """Files whose documents the answer lacks: unreadable, or holding a document resilint does
    not check (an unknown kind or version, a near-miss apiVersion)."""

    unreadable: tuple[str, ...] = ()
    unchecked: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    """Files named on the command line that hold no resilint document (DOC-04)."""
    folders: tuple[str, ...] = ()
    """Those of :attr:`unchecked` that are hidden folders not looked into whole (DOC-06)."""

    def __bool__(self) -> bool:
        return bool(self.unreadable or self.unchecked or self.named)


def _status(missing: Missing) -> int:
    """Written; but a file that could not be read, or a document that is not checked, is no
    silent pass: what it holds is missing from the scenario."""
    if not missing:
        return ExitCode.OK
    if missing.unreadable:
        click.echo(unread_note(missing.unreadable, "answer"), err=True)
    if missing.unchecked:
        click.echo(unchecked_note(missing.unchecked, "answer", missing.folders), err=True)
    if missing.named:
        click.echo(unnamed_note(missing.named, "answer"), err=True)
    return ExitCode.INPUT


def run_impact(args: ImpactArgs) -> int:
    if args.target is None and not args.all_critical:
        _no_target(args.paths)
    facts, missing, test_days = build_facts(args.paths, args.config, args.as_of)
    if args.all_critical:
        board = critical_scenarios(facts, args.hours, test_days)
        _write(BOARD_FORMATS[args.output_format](board))
        shared = _shared_ids(facts)
        if shared:  # each row read the first of the documents sharing its id
            click.echo(shared, err=True)
            _status(missing)
            return ExitCode.INPUT
        return _status(missing)
    if args.target is None:
        _no_target(())
    impact = _analysed(facts, args.target, args.hours, missing, test_days)
    _write(IMPACT_FORMATS[args.output_format](impact))
    return _status(missing)


def _no_target(paths: tuple[Path, ...]) -> NoReturn:
    """Nothing named as down: where a path given does not exist, it was most likely meant as
    what is down (``resilint impact acme-cloud``), and is offered as such."""
    import os
    import shlex

    absent = next((p for p in paths if not os.path.lexists(p)), None)
    if absent is not None:
        name = shlex.quote(str(absent))
        raise UsageError(
            f"{name}: no such file or directory; PATHS name the repository, not what is down: "
            f"write --supplier {name} (or --function, --region, --dependency)"
        )
    raise UsageError(
        "say what is down: --supplier ID, --region R, --dependency D or --function F "
        "(or --all-critical)"
    )


def run_card(args: CardArgs) -> int:
    facts, missing, test_days = build_facts(args.paths, args.config, args.as_of)
    impact = _analysed(facts, Target(SUPPLIER, args.supplier), None, missing, test_days)
    _write(CARD_FORMATS[args.output_format](impact))
    return _status(missing)


def _shared_ids(facts: Facts) -> str:
    """What the board's table says when documents share an id (DOC-02): its rows read the
    first of each, which may be a stale copy or another's."""
    shared = list(dict.fromkeys(f"{first.kind} {first.id}" for first, _ in facts.index.duplicates))
    if not shared:
        return ""
    return (
        f"resilint: {len(shared)} id(s) are shared by several documents ({listed(shared)}): this "
        "answer read the first of each; give each its own id (DOC-02: `resilint check` says where)"
    )


def _analysed(
    facts: Facts, target: Target, hours: float | None, missing: Missing, test_days: int
) -> Impact:
    """The scenario; when what is down is in none of the documents read, it may be in a file
    that could not be read, and then "not found" would send the user hunting for a typo."""
    kind = {SUPPLIER: "Supplier", FUNCTION: "BusinessFunction"}.get(target.kind)
    namesakes = facts.index.namesakes(kind, target.value) if kind else []
    if len(namesakes) > 1:  # the first found may be a stale copy, or another's: never guess
        raise UsageError(ambiguous(namesakes, target.value))
    try:
        return analyse(facts, target, hours, test_days)
    except NotFound as absent:
        if not (missing.unreadable or missing.unchecked):
            if missing.named:  # it may be in the programme's files, which were not named
                raise NotFound(f"{absent}; {_only_named(missing.named)}", absent.holder) from None
            raise
        suspect = unread_suspect(
            (*missing.unreadable, *missing.unchecked), absent.holder, missing.folders
        )
        raise NotFound(f"{absent}; {suspect}", absent.holder) from None


def _write(text: str) -> None:
    write_out(text)  # in the output's encoding, escapes for what it cannot hold


__all__ = ["CardArgs", "ImpactArgs", "build_facts", "run_card", "run_impact"]


def _only_named(named: tuple[str, ...]) -> str:
    return (
        f"{listed(named)} {'holds' if len(named) == 1 else 'hold'} no resilint document: name "
        "the files or the directory of the programme"
    )
