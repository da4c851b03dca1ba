"""``resilint register export``: one check as of the reference date, with its model, then the
register of the entity that keeps it, in the format asked for. The export refuses while the
check finds what the ESAs would reject (load, schema and reference errors, findings of the
dora-register rules, REG-12 among them for every problem of the built register the others
leave), unless told to write it anyway; a problem no finding can report (a document outside
DORA's scope) is listed apart."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import click

from resilint import __version__, codes
from resilint.app import (
    CheckArgs,
    build_config,
    build_options,
    build_rule_docs,
    build_rules,
    build_schemas,
    without_cycle_collection,
)
from resilint.checker import Checked, check_model
from resilint.command import write_out
from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.domain import Facts
from resilint.domain.readers import value_at
from resilint.domain.registers import RegisterLevel, branch_of
from resilint.errors import ExitCode, ResilintError, UsageError
from resilint.findings import Finding, JsonPath, Level
from resilint.limits import Limits
from resilint.locate import Locator
from resilint.model import Document
from resilint.register import formats
from resilint.register.checks import checked_register
from resilint.register.model import Place, Register
from resilint.register.problems import Problem, reports
from resilint.register.remedies import field
from resilint.register.templates import TEMPLATES
from resilint.register.values import amount
from resilint.reporters import REPORTERS
from resilint.reporters.base import (
    ReportContext,
    RuleDoc,
    counted,
    listed,
    log_safe,
    printable,
    unchecked_note,
    unnamed_note,
    unread_note,
    unread_suspect,
)
from resilint.result import Result
from resilint.rules.builtin.register import FILLED_BY_DORA
from resilint.suggest import did_you_mean
from resilint.userfiles import output_directory, write_output

FORMATS = ("xbrl-csv", "csv", "xlsx")
PROFILE = "dora-register"


@dataclass(frozen=True)
class ExportArgs:
    """What ``resilint register export`` was asked: the check, format, file, date and entity."""

    check: CheckArgs
    output_format: str = "xbrl-csv"
    output: Path | None = None
    reference_date: datetime.date | None = None
    entity: str | None = None
    allow_incomplete: bool = False
    entity_level: bool = False
    """The register of the entity alone (DORA Art. 28(3)), not its group's."""
    sub_consolidated: bool = False
    """The register of the entity's sub-group (Implementing Regulation (EU) 2024/2956
    Art. 3(1) and 6(2)), not its own nor the whole group's."""


def reference_date(asked: datetime.date | None, as_of: datetime.date | None) -> datetime.date:
    """As asked; else the last 31 December on or before the as-of date (the ESAs' reference
    date is 31 December of the year before the filing)."""
    if asked is not None:
        return asked
    day = as_of or datetime.date.today()
    return day if (day.month, day.day) == (12, 31) else datetime.date(day.year - 1, 12, 31)


def _as_of(asked: datetime.date | None, reference: datetime.date) -> str:
    """The register's reference date in words, and where it came from when nobody asked for
    it: a finding dated after it (an assessment this year) reads as a gap of that register."""
    if asked is not None:
        return f"as of {reference.isoformat()}"
    return (
        f"as of {reference.isoformat()} (its reference date, the last 31 December; "
        "--reference-date chooses another)"
    )


def run_export(args: ExportArgs) -> int:
    """The register as asked; a register an earlier run wrote where this one writes none (a run
    stopped, a register not ready to file, a value it cannot hold) is replaced by one saying so
    (:func:`resilint.register.formats.not_made` and its kin), as ``report`` replaces its page: a
    CI job publishing register.xlsx, the template CSVs or a package named ``-o register.zip``,
    or a shared folder, would show last year's register as this one's. A package written into a
    directory is named by the filing rules with its creation time: an earlier one is never
    taken for this run's, and is kept as filed."""
    from resilint.report.stopped import replaced_when_stopped

    with contextlib.ExitStack() as stack:
        for path, made in _earlier(args):
            stack.enter_context(replaced_when_stopped(path, made=made))
        status = _export(args)
    return status


class _NotMade(Exception):
    """The register was not written, for the reason given on standard error."""

    def __init__(self, reason: str, status: ExitCode) -> None:
        super().__init__(reason)
        self.status = status


_Made = Callable[[str, int], bytes]


def _earlier(args: ExportArgs) -> list[tuple[Path, _Made]]:
    """Where this run writes a file of a fixed name, which an earlier run's register may hold,
    with what replaces it where this run writes none."""
    if args.output_format == "xlsx":
        return [(args.output or Path("register.xlsx"), _not_made(formats.not_made))]
    if args.output_format == "csv":
        directory = args.output or Path("register")
        made = _not_made(formats.not_made_csv)
        return [(directory / template.file, made) for template in TEMPLATES]
    if args.output is not None and args.output.suffix.lower() == ".zip":
        return [(args.output, _not_made(formats.not_made_package))]
    return []


def _not_made(form: Callable[[str, int, str, datetime.date], bytes]) -> _Made:
    def made(reason: str, status: int) -> bytes:
        return form(reason, status, __version__, datetime.date.today())

    return made


def _export(args: ExportArgs) -> int:
    try:
        return _exported(args)
    except _NotMade as stopped:
        for path, made in _earlier(args):
            if path.exists():  # an earlier run's: never an input file, a link, a device
                with contextlib.suppress(ResilintError, OSError):
                    write_output(path, made(str(stopped), stopped.status))
        return stopped.status


def _exported(args: ExportArgs) -> int:
    schemas = build_schemas()
    config = build_config(args.check, schemas)
    reference = reference_date(args.reference_date, config.as_of)
    check = dataclasses.replace(args.check, as_of=reference, cache=False)
    config = dataclasses.replace(config, as_of=reference)
    rules = build_rules(schemas, config, check.selection)
    register_rules = frozenset(r.info.code for r in rules if PROFILE in r.info.profiles)
    config = _readiness(config, register_rules, [r.info.code for r in rules])
    with without_cycle_collection():
        checked = check_model(build_options(check, schemas, config, rules))
    keeper, level = _keeper(checked, args.entity, _level(args))
    built = checked_register(checked.facts, keeper, level)
    register = built.register
    if level != "entity":
        _left_out(checked.facts, keeper)
    drawn = _drawn_on(register)
    blocking = [
        _shown(f)
        for f in checked.result.findings
        if _blocks(f, register_rules) and _concerns(f, drawn)
    ]
    said = [f for f in checked.result.findings if _says(f, register_rules)]
    # a gap of the register that a dora rule reports in its words (REG-12 does not repeat it)
    speaking = [f for f in _filling(checked.result.findings) if _reports_any(f, built.problems)]
    blocking += [_shown(f) for f in speaking if _blocks(f, frozenset(FILLED_BY_DORA))]
    blocking.sort(key=lambda f: f.sort_key)
    said += speaking
    found = _unreported(said, built.problems)
    listing = Listing(blocking, found, checked.result, build_rule_docs(rules), config.limits)
    if listing.count and not args.allow_incomplete:
        click.echo(
            f"resilint: the register {_as_of(args.reference_date, reference)} is not ready to "
            f"file ({listing.counted}); fix these (or pass --allow-incomplete):",
            err=True,
        )
        listing.show()
        raise _NotMade(
            f"the register {_as_of(args.reference_date, reference)} is not ready to file "
            f"({listing.counted}); `resilint register export` lists what to fix",
            ExitCode.FINDINGS,
        )
    if _unholdable(register, config.limits, args.output_format == "xlsx"):
        raise _NotMade(
            "a value of the register cannot be held in it as it is; `resilint register export` "
            "says which and where",
            ExitCode.INPUT,
        )
    if listing.count:
        click.echo(
            f"resilint: the register {_as_of(args.reference_date, reference)} is not ready "
            f"({listing.counted}); written as asked (--allow-incomplete): the ESAs may reject "
            "it. The problems:",
            err=True,
        )
        listing.show()
    click.echo(f"wrote {printable(str(_write(register, args)))}", err=True)
    _inexact_hours(register, config.limits)
    unreadable, unchecked = checked.result.unreadable_files, checked.result.unchecked_files
    if unreadable:  # written as asked, but what those files hold is missing from it
        click.echo(unread_note(unreadable, "register"), err=True)
    if unchecked:  # so is what a document of no known kind or version holds: rows missing
        folders = checked.result.unsearched_folders
        click.echo(unchecked_note(unchecked, "register", folders), err=True)
    named = checked.result.named_unchecked_files
    if named:  # and a file named that holds none: what the user meant to file may be elsewhere
        click.echo(unnamed_note(named, "register"), err=True)
    return ExitCode.INPUT if unreadable or unchecked or named else ExitCode.OK


def _readiness(config: Config, readiness: frozenset[str], known: Iterable[str]) -> Config:
    """The configuration with the register's readiness rules on, at their own level, whatever
    it says for checks: an ``ignore: [REG-04]`` (or ``[REG]``) or a level lowered for daily work
    must not let an export write a register the ESAs reject without a word (a waiver still
    accepts a gap where it is recorded)."""
    settings = {
        code: dataclasses.replace(own, level=None) if code in readiness else own
        for code, own in config.rules.items()
    }
    # on where they apply: the DORA entities' regime switches their profile on (not selected,
    # which would apply them to every document)
    return dataclasses.replace(
        config,
        ignore=_sparing(config.ignore, readiness, known),
        command_ignore=_sparing(config.command_ignore, readiness, known),
        rules=settings,
        entity_regimes=True,
    )


def _sparing(
    ignore: tuple[str, ...], readiness: frozenset[str], known: Iterable[str]
) -> tuple[str, ...]:
    """``ignore`` without the readiness rules: a group that names one of them gives way to the
    other codes it names."""
    kept: list[str] = []
    for selector in ignore:
        named = codes.named_by(selector, known)
        if readiness.isdisjoint(named):
            kept.append(selector)
        else:
            kept += [code for code in named if code not in readiness]
    return tuple(kept)


def _level(args: ExportArgs) -> RegisterLevel | None:
    """The level asked for on the command line, if any."""
    if args.entity_level and args.sub_consolidated:
        raise UsageError("--entity-level and --sub-consolidated ask for two registers: choose one")
    if args.sub_consolidated and args.entity is None:
        raise UsageError(
            "--sub-consolidated: name the sub-group's parent with --entity (the entity that "
            "keeps the group's register exports the consolidated one without it)"
        )
    return "entity" if args.entity_level else "sub-consolidated" if args.sub_consolidated else None


def maintainer(
    facts: Facts, asked: str | None, level: RegisterLevel | None = None
) -> tuple[Document, RegisterLevel]:
    """The entity whose register is exported, and at which level: the one asked for, else the
    only one that keeps a group's register (an entity under DORA with none under DORA above
    it). Every entity under DORA keeps one at entity level (DORA Art. 28(3)): another than the
    group's keeper has that one unless its sub-group's (``sub-consolidated``) is asked for; the
    keeper has its group's unless another level is asked for."""
    keeping = facts.scope.maintainers
    if asked is not None:
        if asked not in facts.scope.under_dora:
            raise UsageError(_not_keeping(facts, asked))
        return _entity(facts, asked), level or ("group" if asked in keeping else "entity")
    if len(keeping) != 1:
        shown = ", ".join(keeping)
        raise UsageError(
            f"this repository holds several registers ({shown}): name one with --entity"
            if keeping
            else "no Entity here keeps a DORA register: give one regimes: [dora]"
        )
    return _entity(facts, keeping[0]), level or "group"


def _keeper(
    checked: Checked, asked: str | None, level: RegisterLevel | None
) -> tuple[Document, RegisterLevel]:
    """:func:`maintainer`; when it finds none, the entities may be in a file that could not be
    read or that holds a document resilint does not check (a misspelt kind): the refusal says
    so, or "give one regimes: [dora]" would send the user to fix what is not broken."""
    try:
        return maintainer(checked.facts, asked, level)
    except UsageError as absent:
        result = checked.result
        missing = (*result.unreadable_files, *result.unchecked_files)
        if not missing:
            raise
        suspect = unread_suspect(missing, "the entity", result.unsearched_folders)
        raise UsageError(f"{absent}; {suspect}") from None


def _not_keeping(facts: Facts, asked: str) -> str:
    """Why ``--entity`` names no register, and the entities whose register can be exported."""
    shown = ", ".join(facts.scope.under_dora) or "none"
    found = facts.index.get("Entity", asked)
    office = branch_of(found)[0] if found is not None else None
    if office is not None:
        why = (
            f"entity {asked} is a branch of {office}, which reports it in its register "
            f"(B_01.03): export --entity {office}"
        )
    elif found is not None:
        why = f"entity {asked} is not under DORA (regimes: [dora]), so it keeps no register"
    else:
        why = f"no Entity {asked} here{did_you_mean(asked, facts.scope.under_dora)}"
    return f"--entity {asked}: {why}; the entities under DORA here: {shown}"


def _entity(facts: Facts, entity_id: str) -> Document:
    found = facts.index.get("Entity", entity_id)
    assert found is not None  # a maintainer is an Entity of the index
    return found


def _drawn_on(register: Register) -> set[tuple[str, str, str | None]]:
    """The documents (file, kind, id) the register's rows and cells come from."""
    places = (
        place
        for rows in register.rows.values()
        for row in rows
        for place in (row.source, *row.places.values())
    )
    return {(p.document.path, p.document.kind, p.document.id) for p in places}


def _concerns(finding: Finding, drawn: set[tuple[str, str, str | None]]) -> bool:
    """A finding about what this register holds: a loading, schema or reference error (which may
    hide anything), or a readiness rule's about a document it draws a row or cell from. A gap in
    another entity's contract does not keep one entity's register at entity level from filing,
    nor one group's a second group's kept in the same repository."""
    return finding.code in CORE_CHECKS or (finding.path, finding.kind, finding.doc_id) in drawn


def _blocks(finding: Finding, register_rules: frozenset[str]) -> bool:
    """A finding that makes the register wrong: an error of loading, schemas or references, or
    an error of the dora-register rules. Only a Waiver accepts a readiness rule's gap: what
    quiets daily checks (per_file_ignores, an inline comment, the baseline) does not, as
    ``ignore`` does not (:func:`_readiness`)."""
    if not _says(finding, register_rules):
        return False
    if finding.suppression is None:
        return True
    return finding.code in register_rules and finding.suppression.kind != "waiver"


def _filling(findings: Iterable[Finding]) -> list[Finding]:
    """The errors of the dora rules that ask for register columns (``FILLED_BY_DORA``)."""
    return [f for f in findings if f.code in FILLED_BY_DORA and f.level is Level.ERROR]


def _reports_any(finding: Finding, problems: Iterable[Problem]) -> bool:
    return any(reports(finding, p) for p in problems)


def _shown(finding: Finding) -> Finding:
    """A blocking finding as the listing shows it: one quieted for checks is shown, saying how."""
    if finding.suppression is None:
        return finding
    why, where = finding.suppression.justification, finding.suppression.source
    said = (
        f"{finding.message} (quieted for checks: {why}, in {where}; the export takes only a "
        "Waiver as accepting a gap in the register)"
    )
    return dataclasses.replace(finding, message=said, suppression=None)


def _says(finding: Finding, register_rules: frozenset[str]) -> bool:
    """A finding of the check that speaks for the register: an error of loading, schemas or
    references, or of the dora-register rules, waived or not (a waiver accepts the gap)."""
    if finding.level is not Level.ERROR:
        return False
    return finding.code in CORE_CHECKS or finding.code in register_rules


def _unreported(said: list[Finding], problems: tuple[Problem, ...]) -> list[Problem]:
    """The register's own problems that no finding reports (:func:`reports`), each once (rows
    repeat a field). REG-12 reports every problem the other rules leave, so what is left is
    where no rule can speak: a document outside DORA's scope (the group's top entity reported
    as a provider's ultimate parent), or a configuration that leaves the profile's rules out."""
    by_document: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in said:
        by_document.setdefault((finding.path, finding.doc_id), []).append(finding)
    found: dict[tuple[str, int, JsonPath, str], Problem] = {}
    for p in problems:
        document = p.place.document
        if not any(reports(f, p) for f in by_document.get((document.path, document.id), ())):
            found.setdefault((document.path, document.index, p.place.path, p.message), p)
    return list(found.values())


def _left_out(facts: Facts, keeper: Document) -> None:
    """Say which group entities below the keeping entity its register leaves out, and why."""
    left = facts.scope.left_out(keeper.id or "")
    if left:
        click.echo(
            f"resilint: note: not in the register of {printable(keeper.label)} (Implementing "
            "Regulation (EU) 2024/2956 Art. 6(2): a group's register includes its financial "
            "entities and ICT intra-group service providers; give a financial entity regimes: "
            "[dora], an ICT subsidiary entity_type: non_financial_ict_intra_group): "
            f"{listed(left, most=len(left))}",
            err=True,
        )


@dataclass(frozen=True)
class Listing:
    """What keeps the register from being filed: the findings as ``check`` prints them, with
    a summary of what was checked, and the register's own problems that no finding reports,
    each at the file, line and column of the field to change."""

    findings: list[Finding]
    problems: list[Problem]
    result: Result
    docs: dict[str, RuleDoc]
    limits: Limits

    @property
    def count(self) -> int:
        return len(self.findings) + len(self.problems)

    @property
    def counted(self) -> str:
        """What is listed, counted as the summary line counts it: the findings, and apart
        the problems no finding reports (listed without a rule code)."""
        parts = [counted(len(self.findings), "finding")] if self.findings else []
        if self.problems:
            parts.append(
                f"{counted(len(self.problems), 'problem')} of the register no rule reports"
            )
        return " and ".join(parts)

    def show(self) -> None:
        locator = Locator(self.limits)
        for problem in self.problems:
            where = problem.place
            line, column = locator.position(where.document, where.path, False)
            text = f"{problem.advice}; {problem.message} [{problem.rule}]"
            write_out(log_safe(printable(f"{where.document.path}:{line}:{column}: {text}")) + "\n")
        if self.findings:  # the summary counts the files and documents the check read
            result = self.result
            context = ReportContext(
                tuple(self.findings), result.files, result.documents, __version__, False, self.docs
            )
            write_out(REPORTERS["text"](context))


def _unholdable(register: Register, limits: Limits, workbook: bool) -> bool:
    """Say where a value is one the register cannot hold as it is, if one is, and that nothing
    is written: a workbook would hold a long text cut short, a loss nobody would see in a file
    sent on to a supervisor; any format would carry a control, bidirectional or invisible
    character to whoever opens it. The CSV files and the package hold a long text whole."""
    found = formats.unholdable(register, workbook)
    locator = Locator(limits)
    for template, row, code, why in found:
        place = _holding(row.place(code), row.values[code])
        line, column = locator.position(place.document, place.path, False)
        text = f"{field(place)} ({template}.{code[1:]}, {_column_name(template, code)}) {why}"
        write_out(log_safe(printable(f"{place.document.path}:{line}:{column}: {text}")) + "\n")
    if any(why.startswith("holds") for *_, why in found):
        click.echo(
            f"resilint: no register written: {counted(len(found), 'value')} cannot be held as "
            "it is; correct them (the check reports each character, ENC-03 or ENC-04)",
            err=True,
        )
    elif found:
        click.echo(
            f"resilint: no workbook written: {counted(len(found), 'value')} cannot be held whole "
            "in it; correct them, or export --format csv or xbrl-csv, which hold them as they are",
            err=True,
        )
    return bool(found)


def _inexact_hours(register: Register, limits: Limits) -> None:
    """Say where a function's recovery objective is written otherwise than recorded: B_06.01.0080
    and 0090 hold whole hours, an objective under one hour (zero too: 0 there means none is set)
    is reported as 1 (Implementing Regulation (EU) 2024/2956, Annex I), and a longer fraction is
    rounded up (:func:`.values.whole_hours`). A function of several entities is said once."""
    locator = Locator(limits)
    lines: dict[tuple[str, int, int], str] = {}
    for row in register.rows["B_06.01"]:
        for code in ("c0080", "c0090"):
            place, written = row.place(code), row.values[code]
            recorded = value_at(place.document.data, *place.path) if place.path else None
            if not written or isinstance(recorded, bool) or not isinstance(recorded, int | float):
                continue
            if Decimal(str(recorded)) == Decimal(written):
                continue
            line, column = locator.position(place.document, place.path, False)
            name = place.path[-1]
            lines[(str(place.document.path), line, column)] = (
                f"{name} {amount(recorded)} is written as {written} (B_06.01.{code[1:]}, "
                f"{_column_name('B_06.01', code)})"
            )
    if not lines:
        return
    click.echo(
        f"resilint: note: {counted(len(lines), 'recovery objective')} written otherwise than "
        "recorded: the register holds whole hours, an objective under one hour as 1 "
        "(Implementing Regulation (EU) 2024/2956, Annex I, B_06.01.0080 and 0090), a longer "
        "fraction rounded up:",
        err=True,
    )
    for (path, line, column), text in sorted(lines.items()):
        click.echo(log_safe(printable(f"{path}:{line}:{column}: {text}")), err=True)


def _holding(place: Place, value: str) -> Place:
    """The field of ``place``'s document that holds ``value``: a row knows only the document
    some of its cells come from (a provider's name comes from the supplier's ``name``)."""
    if place.path and value_at(place.document.data, *place.path) == value:
        return place
    stack: list[tuple[JsonPath, object]] = [((), place.document.data)]
    while stack:
        path, data = stack.pop()
        if data == value:
            return Place(place.document, path)
        if isinstance(data, dict):
            stack += [((*path, k), v) for k, v in data.items() if isinstance(k, str)]
        elif isinstance(data, list):
            stack += [((*path, i), v) for i, v in enumerate(data)]
    return place


def _column_name(template: str, code: str) -> str:
    return next(c.name for t in TEMPLATES if t.id == template for c in t.columns if c.code == code)


def _write(register: Register, args: ExportArgs) -> str:
    now = datetime.datetime.now(datetime.timezone.utc)
    target = args.output
    if args.output_format == "xbrl-csv":
        # The filing rules name the zip after its root folder: it is written under that name
        # into the directory named (created if missing; by default the current one). Only a
        # path ending in .zip names the file itself.
        name, data = formats.xbrl_csv(register, now)
        if target is not None and target.suffix.lower() == ".zip":
            path = target
        else:
            path = output_directory(target or Path()) / name
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
