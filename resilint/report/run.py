"""``resilint report`` and ``resilint calendar``: one check, with its model, then the output.

Both read the checked model that ``check`` computes (:func:`resilint.checker.check_model`): the
same index, facts, graph and findings, the baseline and suppressions applied; nothing is
loaded or built a second time.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import click

from resilint import __version__
from resilint.app import (
    CheckArgs,
    build_cache,
    build_config,
    build_options,
    build_rule_docs,
    build_rules,
    build_schemas,
    require_documents,
    without_cycle_collection,
)
from resilint.checker import Checked, check_model
from resilint.command import write_out
from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.domain.misnamed import Accepted
from resilint.domain.readers import among, as_date, keyed, strings, text_of
from resilint.engine import confined_to, falls_under
from resilint.errors import ExitCode
from resilint.findings import Finding, JsonPath, Part
from resilint.impact.board import critical_scenarios
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.report import WHAT_IF_HOURS, calendar, html
from resilint.report.deadline import DEFAULT_DAYS, REVIEWED, RULE_OF, Deadline, Intervals
from resilint.report.deadlines import upcoming
from resilint.report.history import compare, read_previous
from resilint.report.posture import Posture, area_of
from resilint.report.stopped import replaced_when_stopped
from resilint.reporters.base import printable, unchecked_note, unnamed_note, unread_note
from resilint.rules import Rule
from resilint.rules.declarative import DeclarativeRule
from resilint.rules.rule_file import LazyRule
from resilint.selection import select_rules
from resilint.suppress import SuppressionPolicy, per_file_matcher, waiver_source
from resilint.userfiles import write_output
from resilint.waiver_targets import Target, targets_of


@dataclass(frozen=True)
class ReportArgs:
    """What ``resilint report`` was asked: the check, the file and what to compare with."""

    check: CheckArgs
    """The repository, configuration, as-of date and baseline, as ``check`` takes them."""
    output: Path | None = None
    """The file to write; None: :data:`REPORT_NAME` at the root of the repository reported on
    (:func:`default_output`)."""
    previous: Path | None = None
    days: int = DEFAULT_DAYS
    what_if_hours: float = WHAT_IF_HOURS


REPORT_NAME = "report.html"
"""The report's file where no --output names one, at the root of the repository reported on."""


def default_output(check: CheckArgs) -> Path:
    """Where the report goes when no --output says: :data:`REPORT_NAME` at the root of the
    repository reported on, wherever the command runs: the directory of its configuration (as
    the baseline's default, ``.resilint-baseline.json``), else the git work tree its paths lie
    in, else the one directory they lie in; never the working directory as such (``resilint
    report ~/programme`` run from the home directory wrote ``~/report.html``, outside the
    repository). Paths in no one repository are refused: --output must say where."""
    from resilint.config_search import governing_config
    from resilint.errors import UsageError
    from resilint.load.read import lexical, tidied
    from resilint.userfiles import work_tree

    cwd = Path.cwd()
    config = tidied(check.config) if check.config else governing_config(check.paths, cwd)
    if config is not None:
        return Path(lexical(config)).parent / REPORT_NAME
    places = {Path(lexical(cwd / named)) for named in check.paths or (cwd,)}
    roots = {
        work_tree(p if p.is_dir() else p.parent) or (p if p.is_dir() else p.parent) for p in places
    }
    if len(roots) == 1:
        return roots.pop() / REPORT_NAME
    raise UsageError(
        "the paths named lie in no one repository (no configuration governs them, and no one "
        "git work tree or directory holds them), so there is no repository root to write "
        f"{REPORT_NAME} at: name the file to write with --output"
    )


@dataclass(frozen=True)
class CalendarArgs:
    """What ``resilint calendar`` was asked: the check, the days ahead and the format."""

    check: CheckArgs
    days: int = DEFAULT_DAYS
    output_format: str = "text"
    output: Path | None = None


@dataclass(frozen=True)
class Model:
    """What the report is drawn from: the checked repository, its configuration and rules."""

    checked: Checked
    config: Config
    rules: tuple[Rule, ...]


def build_model(args: CheckArgs) -> Model:
    schemas = build_schemas()
    config = build_config(args, schemas)
    rules = build_rules(schemas, config, args.selection)
    options = build_options(args, schemas, config, rules)
    cache, note = build_cache(args, options)
    if note:
        click.echo(f"resilint: note: the cache is off for this run: {printable(note)}", err=True)
    with without_cycle_collection():
        checked = check_model(options, cache)
    require_documents(checked.result, args, options)
    return Model(checked, config, rules)


def build_intervals(model: Model) -> Intervals:
    params = _params(model)
    facts = model.checked.facts
    config = model.config
    selected = select_rules(model.rules, config, facts.index)
    configured = frozenset(config.profiles) | frozenset(config.selected)
    judged = {}
    for lazy in selected:
        code = lazy.info.code
        rule = lazy.compiled() if isinstance(lazy, LazyRule) else lazy
        if code not in REVIEWED or not isinstance(rule, DeclarativeRule):
            continue
        regimes = confined_to(rule.info, configured)  # a DORA rule: what is under DORA
        try:
            judged[code] = tuple(
                (document, path)
                for document, path in rule.judged(facts, params.get(code, {}))
                if not regimes or falls_under(document, path, regimes, facts)
            )
        except Exception:  # the check reports the rule's failure (status 3),
            continue  # and the calendar lists none of its dates rather than fail with it
    running = frozenset(rule.info.code for rule in selected)
    return Intervals.from_params(params, _accepted(model), judged, running)


def build_deadlines(model: Model, days: int) -> list[Deadline]:
    """The deadlines of the next ``days`` days as check reads them: none of a rule that
    ``per_file_ignores`` turns off for the file its finding is placed in (check suppresses
    it there; an entry two rules report, with their findings in two files, stays while one
    counts); one whose finding check reports suppressed (a waiver, an inline comment, the
    baseline) says so, each rule's read where its finding is placed."""
    found = upcoming(model.checked.facts, build_intervals(model), days)
    config = model.config
    kept = found
    if config.per_file_ignores:
        ignored = per_file_matcher(
            SuppressionPolicy(per_file_ignores=config.per_file_ignores, root=str(config.root))
        )
        kept = [
            d
            for d in found
            if not d.placed or not all(ignored(doc.path, code) for code, doc in d.placed)
        ]
    kept = _placed(kept, model.checked.locator)
    accepted = _suppressed(model.checked.result.findings, model.checked.facts.index)
    as_of = model.checked.facts.as_of
    # Where one rule dates several deadlines on one document (an overdue filing and the next
    # year's), the finding it reports now is the overdue one's: only that is accepted.
    overdue = {key for d in kept if d.overdue(as_of) for key in d.placed}
    return [
        _marked(d, accepted, as_of) if d.overdue(as_of) or not overdue & set(d.placed) else d
        for d in kept
    ]


@dataclass(frozen=True)
class _Suppressed:
    """A rule's suppressed finding on a document, as a deadline of that rule reads it."""

    words: str
    """How it is accepted, in words: the waiver, the inline comment or the baseline."""
    json_path: JsonPath
    whole: bool
    """Whether what suppresses it accepts every finding of the rule on the document, today's
    and later ones: a waiver whose target is not narrowed to a field or to what it names."""
    targets: tuple[Target, ...] = ()
    """The narrowed targets of the waiver that names the document."""
    until: datetime.date | None = None
    """The waiver's expiry: a deadline after it is not accepted (its finding will count)."""


Suppressed = dict[tuple[str, str, str | None], list[_Suppressed]]


def _suppressed(findings: Iterable[Finding], index: Index) -> Suppressed:
    """Each rule's suppressed findings on a document, by (code, file, id): how each is accepted
    (the waiver, the inline comment or the baseline) and how far that reaches."""
    waivers = {waiver_source(w): w for w in index.of_kind("Waiver")}
    found: Suppressed = {}
    for f in findings:
        how = f.suppression
        if how is None or how.kind == "per-file":
            continue
        words = {"waiver": how.source, "inline": f"an inline comment at {how.source}"}
        targets: list[Target] = []
        waiver = waivers.get(how.source) if how.kind == "waiver" else None
        if waiver is not None:
            targets = targets_of(waiver).get((f.kind, f.doc_id), [])
        whole = bool(targets) and any(not t.narrowed for t in targets)
        expires = as_date(waiver.data.get("expires")) if waiver is not None else None
        entry = _Suppressed(
            words.get(how.kind, f"the {how.kind}"),
            f.json_path,
            whole,
            tuple(targets),
            expires,
        )
        found.setdefault((f.code, f.path, f.doc_id), []).append(entry)
    return found


def _placed(deadlines: list[Deadline], locator: Locator | None) -> list[Deadline]:
    """Each deadline at the line of the field its date comes from (``last_assessment`` of a
    supplier, ``end_date`` of a contract), or of its nearest parent where the field is missing,
    as check places a finding: not at the first line of a long document."""
    if locator is None:
        return deadlines
    return [
        dataclasses.replace(d, line=locator.position(d.document, d.json_path, False)[0])
        for d in deadlines
    ]


def _marked(deadline: Deadline, accepted: Suppressed, as_of: datetime.date) -> Deadline:
    """The deadline marked accepted where its rule's finding on its document is suppressed by
    something that still stands on the deadline's day. Only a finding that exists can be
    suppressed: one at the deadline's field (or within it, or holding it) marks it any day;
    once the date has passed, so does what accepts its finding today, a waiver of the whole
    document, a narrowed waiver's field or names, or one of the same part of the document (an
    exit plan's test and review, reported at one of them). A deadline two rules report is read
    at each rule's document; at another rule's document than its own, by the document."""
    due = deadline.overdue(as_of)
    how = []
    for code, doc in deadline.placed:
        for entry in accepted.get((code, doc.path, doc.id), []):
            if not _lasts(entry, deadline):
                continue
            if doc is not deadline.document:
                marks = due
            else:
                marks = _within(entry.json_path, deadline.json_path) or (
                    due and _reaches(entry, deadline)
                )
            if marks:
                how.append(entry.words)
    said = "; ".join(dict.fromkeys(how))
    return dataclasses.replace(deadline, accepted=said) if said else deadline


def _lasts(entry: _Suppressed, deadline: Deadline) -> bool:
    """Whether what accepts the finding still stands on the deadline's day."""
    return entry.until is None or deadline.day is None or deadline.day <= entry.until


def _reaches(entry: _Suppressed, deadline: Deadline) -> bool:
    """Whether what accepts the finding today accepts the deadline's, now due: a waiver of the
    whole document, a finding of the same part of the document (an exit plan's test and review
    dates, which its rule reports at one of them), or a narrowed waiver's field or names."""
    found, due = entry.json_path, deadline.json_path
    if entry.whole or (len(found) == len(due) > 1 and found[:-1] == due[:-1]):
        return True
    words = f"{deadline.title}: {deadline.detail}"
    return any(t.covers(Part(due, words)) for t in entry.targets)


def _within(found: JsonPath, due: JsonPath) -> bool:
    """Whether the finding is at the deadline's field, within it or at a field holding it."""
    n = min(len(found), len(due))
    return found[:n] == due[:n]


def _accepted(model: Model) -> Accepted:
    """The misnamed references a standing waiver of REF-01 accepts, as the rules read them:
    those whose REF-01 finding it suppressed."""
    return frozenset(
        (f.kind, f.doc_id, f.json_path)
        for f in model.checked.result.findings
        if f.code == "REF-01" and f.suppression is not None
    )


def _params(model: Model) -> dict[str, dict[str, Any]]:
    """Each rule's parameters: its defaults, then the configuration's."""
    params = {}
    for rule in model.rules:
        own = model.config.rules.get(rule.info.code)
        params[rule.info.code] = {**rule.info.params, **((own.params if own else None) or {})}
    return params


def build_posture(model: Model, args: ReportArgs) -> Posture:
    facts = model.checked.facts
    config = model.config
    selected = select_rules(model.rules, config, facts.index)
    configured = frozenset(config.profiles) | frozenset(config.selected)
    scope = {rule.info.code: confined_to(rule.info, configured) for rule in selected}
    scope.update({code: frozenset() for code in CORE_CHECKS})
    previous = read_previous(args.previous) if args.previous else None
    test_days = Intervals.from_params(_params(model)).exercise_days
    return Posture(
        model.checked,
        build_rule_docs(model.rules),
        {r.info.code: area_of(r.info.code, r.info.source) for r in model.rules},
        tuple(build_deadlines(model, args.days)),
        args.days,
        __version__,
        scope,
        {r.info.code: r.info.kind for r in model.rules},
        compare(previous, model.checked.result.findings) if previous else None,
        str(model.config.root.resolve()),
        tuple(critical_scenarios(facts, args.what_if_hours, test_days)),
        args.what_if_hours,
        {r.info.code: r.info.applies_to or {} for r in selected},
        _selects(model, selected),
        test_days,
        _law_notes(model),
    )


def _law_notes(model: Model, dating: Iterable[str] | None = None) -> tuple[str, ...]:
    """The rules of a regime in effect that ``ignore`` turns off, or ``per_file_ignores`` for
    some files, said on standard error (and, by the report, above the coverage matrix): what
    the report and the calendar leave out; for the calendar, of the rules whose dates it
    lists (``dating``) alone. A level set below ``fail_on`` is not: neither has a gate, and
    both show the findings and dates of such a rule."""
    from resilint.run_notes import law_gate_notes, law_off_note, nis2_kind_notes

    result = model.checked.result
    dates = None if dating is None else frozenset(dating)

    def keep(codes: tuple[str, ...]) -> tuple[str, ...]:
        return codes if dates is None else tuple(code for code in codes if code in dates)

    off = law_off_note(keep(result.law_off), model.rules, model.config)
    files = law_gate_notes(
        keep(result.law_on), result.law_patterns, model.rules, model.config, gate=False
    )
    kinds = nis2_kind_notes(result.kind_unknown) if dates is None else ()  # the report's
    notes = (*([off] if off else []), *(note.text for note in (*files, *kinds)))
    for note in notes:
        click.echo(f"resilint: note: {note}", err=True)
    return notes


def _selects(model: Model, selected: Iterable[Rule]) -> dict[str, Callable[[Document], bool]]:
    """The own conditions of the declarative rules that have them (``when``), bound to their
    parameters as configured: whether each judges a document (:attr:`Posture.selects`)."""
    params = _params(model)
    facts = model.checked.facts
    found: dict[str, Callable[[Document], bool]] = {}
    for lazy in selected:
        rule = lazy.compiled() if isinstance(lazy, LazyRule) else lazy  # kept rule files' rules
        if isinstance(rule, DeclarativeRule) and rule.when is not None:
            own = params.get(rule.info.code, {})
            found[rule.info.code] = partial(rule.selects, facts, own)
    return found


def _title(index: Index) -> str:
    """Whose programme the report is about, as a committee names it: the one entity's name, or
    the group's head (the entity recorded as ultimate parent, else the one whose parent is none
    of ours and that others name as theirs); empty where that cannot be told (the folder's
    name stands in). A head the programme manages as a supplier (a Supplier records it as its
    group_entity: a parent providing the group's IT) is not whose programme it is: a company
    does not hold itself as its own supplier. The programme is then that of the one entity under
    a regime (a payment institution's, whose UK parent runs its platform), and untold where
    there are several or none."""
    entities = index.of_kind("Entity")
    named = {e.id: text_of(e.data.get("name")) for e in entities if e.id is not None}
    heads = [e for e in entities if e.data.get("group_hierarchy") == "ultimate_parent"]
    if len(heads) != 1:
        parents = keyed(e.data.get("parent") for e in entities)
        heads = [e for e in entities if e.id in parents and not among(e.data.get("parent"), named)]
    if len(entities) == 1:
        heads = list(entities)
    if len(heads) != 1 or not heads[0].id:
        return ""
    providers = {text_of(s.data.get("group_entity")) for s in index.of_kind("Supplier")}
    if heads[0].id in providers:
        regulated = [e.id for e in entities if e.id is not None and strings(e.data.get("regimes"))]
        return (named.get(regulated[0]) or "") if len(regulated) == 1 else ""
    return named.get(heads[0].id) or ""


def run_report(args: ReportArgs) -> int:
    output = args.output if args.output is not None else default_output(args.check)
    # the default file is the repository's: a committed link there is refused from anywhere
    repository = output.parent if args.output is None else None
    with replaced_when_stopped(output, args.previous):  # never last month's page as today's
        if args.previous is not None:
            read_previous(args.previous)  # a bad --previous fails before the check runs
        model = build_model(args.check)
        posture = build_posture(model, args)
        title = (
            _title(posture.facts.index)
            or model.config.root.resolve().name
            or "resilience programme"
        )
        text = html.render(posture, title)
    write_output(output, text, repository)
    result = model.checked.result
    hidden = sum(1 for f in result.findings if f.suppression is not None)
    suppressed = f" ({hidden} suppressed)" if hidden else ""
    click.echo(
        f"wrote {printable(_shown(output) if args.output is None else str(output))}: "
        f"{_count(len(result.findings) - hidden, 'finding')}{suppressed}, "
        f"{_count(len(posture.deadlines), 'deadline')} in the next {_count(args.days, 'day')}",
        err=True,
    )
    return _status(model, "report")


def _status(model: Model, answer: str) -> ExitCode:
    """0 once written, whatever was found; as ``check``, 3 when a rule failed and 2 when some
    input could not be read (what it holds is missing from the output, and stderr says so)."""
    result = model.checked.result
    if result.crashes:
        return ExitCode.RULE_CRASHED
    unreadable, unchecked = result.unreadable_files, result.unchecked_files
    if unreadable:
        click.echo(unread_note(unreadable, answer), err=True)
    if unchecked:  # as missing as an unreadable file's: a document of no known kind or version
        click.echo(unchecked_note(unchecked, answer, result.unsearched_folders), err=True)
    named = result.named_unchecked_files
    if named:  # a file named that holds none: as check says with DOC-04
        click.echo(unnamed_note(named, answer), err=True)
    return ExitCode.INPUT if unreadable or unchecked or named else ExitCode.OK


def run_calendar(args: CalendarArgs) -> int:
    def not_made(reason: str, status: int) -> str:
        today = datetime.date.today()
        return calendar.stopped(args.output_format, reason, status, __version__, today)

    with replaced_when_stopped(args.output, made=not_made):  # never last run's dates as today's
        model = build_model(args.check)
        facts = model.checked.facts
        deadlines = build_deadlines(model, args.days)
        _law_notes(model, RULE_OF.values())  # its dates are those rules', where they run
        text = calendar.render(deadlines, facts.as_of, args.days, args.output_format, __version__)
    if args.output is None:
        write_out(text)  # in the output's encoding, escapes for what it cannot hold
    else:
        _write(args.output, text)
    return _status(model, "calendar")


def _shown(path: Path) -> str:
    """The default file's path as the user reads it: relative to the working directory where
    it lies below it (``report.html`` run at the root), else whole."""
    import os

    here = os.path.normpath(Path.cwd().absolute())
    there = os.path.normpath(path.absolute())
    inside = there.startswith(here.rstrip(os.sep) + os.sep)
    return os.path.relpath(there, here) if inside else there


def _write(path: Path, text: str) -> None:
    write_output(path, text)  # as written: the calendar's CRLF line ends stay CRLF


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
