"""The application behind the command line: small ``build_*`` functions wire the flow's pieces
from typed arguments, and each ``run_*`` does one command and returns its exit status."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from resilint import __version__
from resilint.baseline import read_baseline
from resilint.cache import (
    KnownValid,
    Store,
    files_fingerprint,
    fingerprint,
    installed_fingerprint,
)
from resilint.cache_setup import build_store, code_and_schemas, unwritten_note, validated_by
from resilint.checker import CheckOptions, check, normalise
from resilint.command import echo, say_error, stopped_words, write_out
from resilint.config import Config, load_config
from resilint.config_search import governing_config, passed_over
from resilint.core_checks import CORE_CHECKS
from resilint.discover import (
    UNREAD_CODES,
    discover,
    excluded_by,
    unread_note,
    yaml_named,
)
from resilint.errors import ExitCode, Place, ResilintError, UsageError
from resilint.findings import Finding
from resilint.load.read import Refusal, lexical, read_regular, real, tidied, within
from resilint.parallel import default_jobs
from resilint.pattern_checks import never_matching
from resilint.reporters import REPORTERS, ReportContext, Reporter, RuleDoc
from resilint.reporters.base import RunNote, printable
from resilint.resources import data_dir
from resilint.result import Result
from resilint.rules import CheckRegistry, Rule, load_rules
from resilint.rules import rule_files as rule_files_in
from resilint.rules.stored import StoredRules, beside_bytecode
from resilint.run_notes import (
    baseline_off_note,
    law_gate_notes,
    law_off_note,
    nis2_kind_notes,
    pinned_date_note,
    unselected_note,
    untracked_note,
)
from resilint.schemas import SchemaSet
from resilint.selection import (
    CommandLine,
    check_configured,
    unknown_codes,
    with_command_line,
)
from resilint.userfiles import work_tree, write_output

if TYPE_CHECKING:
    from resilint.introduced import Introduced
    from resilint.run_cache import CheckCache
    from resilint.staged import Change


@dataclass(frozen=True)
class CheckArgs:
    """The options of ``check`` and the commands that check first, typed."""

    paths: tuple[Path, ...] = ()
    output_format: str | None = None
    outputs: tuple[tuple[str, Path], ...] = ()
    fail_on: str | None = None
    config: Path | None = None
    color: bool | None = None
    as_of: datetime.date | None = None
    baseline: Path | None = None
    focus: bool = False
    """pre-commit: load the whole repository, report what concerns ``paths``."""
    use_baseline: bool = True
    cache: bool = True
    cache_dir: Path | None = None
    selection: CommandLine = field(default_factory=CommandLine)
    """--select, --extend-select and --ignore."""
    statistics: bool = False
    """Print the count of findings per rule instead of the findings (text or json)."""
    group_by: str | None = None
    """Group the text output's findings by ``document`` or ``rule``."""
    jobs: int | None = None
    """Processes to evaluate the rules on (None: one per core, see :mod:`resilint.parallel`)."""


def build_schemas() -> SchemaSet:
    return SchemaSet(data_dir("schemas"))


CONFIG_VALID = "config.json"
"""The configuration's data as last validated, in the cache: a check of the same data does
not validate it again (nor load the validators for it)."""


def build_config(args: CheckArgs, schemas: SchemaSet, remember: bool = False) -> Config:
    """The run's configuration. With ``remember`` (a check, which uses the cache anyway), its
    data is kept in the cache once valid, and the same data is not validated again."""
    cwd = Path.cwd()
    # found from the paths checked, not from where the command runs (`resilint check
    # programme` takes programme/resilint.yaml from anywhere), up to the git work tree's root
    path = tidied(args.config) if args.config else governing_config(args.paths, cwd)
    if path is None and args.config is None:
        above = passed_over(cwd / args.paths[0] if args.paths else cwd)
        if above is not None:
            echo(
                f"resilint: note: {printable(str(above))} lies above the git work tree and is "
                "not used; name it with --config to use it",
                err=True,
            )
    known = None
    if remember and path is not None:
        store = build_store(args, Config(root=path.parent))[0]
        if store is not None:
            known = KnownValid(store, CONFIG_VALID, validated_by(schemas))
    config = load_config(path, schemas, cwd, known)
    if args.config:
        config = dataclasses.replace(config, chosen=True)
    if args.as_of:
        origins = {**config.origins, "as_of": "command line (--as-of)"}
        config = dataclasses.replace(config, as_of=args.as_of, origins=origins)
    if args.fail_on:
        origins = {**config.origins, "fail_on": "command line (--fail-on)"}
        config = dataclasses.replace(config, fail_on=args.fail_on, origins=origins)
    return with_command_line(config, args.selection)


CHECKS = CheckRegistry()
"""The Python checks of this run; records the plug-ins it loaded, for the cache key."""


def build_rules(
    schemas: SchemaSet,
    config: Config,
    selection: CommandLine | None = None,
    store: Store | None = None,
) -> tuple[Rule, ...]:
    """The loaded rules; a code on the command line that names none of them is an error.
    resilint's own rule files, when unchanged, are compiled from the data kept beside its
    bytecode; the configuration's, with the cache's ``store``, from the data kept there (and
    resilint's own too where nothing can be kept beside its bytecode: an installation that is
    not writable, ``PYTHONDONTWRITEBYTECODE``)."""
    salt = code_and_schemas(schemas)
    beside = beside_bytecode()
    stored = StoredRules(store, salt) if store is not None else None
    own = StoredRules(beside, salt) if beside.writable or stored is None else stored
    rules = tuple(load_rules(schemas, config.rule_dirs, CHECKS, stored, own))
    for kept in {id(own): own, id(stored): stored}.values():
        if kept is not None:
            kept.save()
    unknown = unknown_codes(
        selection or CommandLine(), [*(r.info.code for r in rules), *CORE_CHECKS]
    )
    if unknown:
        raise UsageError("; ".join(unknown))
    check_configured(config, rules, CORE_CHECKS)
    return rules


def build_rule_docs(rules: tuple[Rule, ...]) -> dict[str, RuleDoc]:
    docs = {
        code: RuleDoc(code, c.name, c.level, c.title, c.rationale, c.fix)
        for code, c in CORE_CHECKS.items()
    }
    for rule in rules:
        i = rule.info
        docs[i.code] = RuleDoc(
            i.code,
            i.name,
            i.level,
            i.title,
            i.rationale,
            i.remediation,
            i.references,
            i.profiles,
            documented=i.packaged,
        )
    return docs


def build_options(
    args: CheckArgs, schemas: SchemaSet, config: Config, rules: tuple[Rule, ...]
) -> CheckOptions:
    root = Path(os.path.relpath(config.root))
    # Inside a configured repository, rules need all of it: load the whole repository and
    # report what concerns the paths asked for (pre-commit adds what they break elsewhere).
    # Without a configuration, a git work tree is one too, from the working directory down
    # (as the hook reads it): a contract checked alone would name suppliers "not there".
    in_repository = (config.source is not None or _in_work_tree(config.root)) and all(
        _inside(p, config.root) for p in args.paths
    )
    focused = args.focus or (bool(args.paths) and in_repository)
    named = (*named_files(args, config), *folders_left_out(args, config))
    paths = (root, *named) if focused or not args.paths else args.paths
    focus = _focus(args.paths, config.root) if focused else None
    if args.focus and _rechecks_everything(args.paths, config):
        focus = None
    baseline_file = args.baseline or config.baseline
    entries = tuple(read_baseline(baseline_file)) if baseline_file and args.use_baseline else None
    as_of = config.as_of or datetime.date.today()
    return CheckOptions(
        paths,
        schemas,
        config,
        rules,
        as_of,
        entries,
        str(baseline_file or ""),
        focus,
        focus_repository_wide=args.focus,
        jobs=args.jobs or default_jobs(),
    )


def named_files(args: CheckArgs, config: Config) -> tuple[Path, ...]:
    """The files named on the command line, checked even where the walk skips them (a hidden
    file, ``x.YAML``): never "no findings" for a file that was not read. pre-commit names
    every changed YAML file, wanted or not: for it, as for ruff's ``--force-exclude``, a file
    the configuration's ``exclude`` leaves out stays out, and :func:`excluded_files` says so;
    ``check FILE`` checks the file it is asked to."""
    named = [p for p in args.paths if not p.is_dir() and _inside(p, config.root)]
    if not args.focus:
        return tuple(named)
    left_out = {path for path, _ in excluded_files(args, config)}
    # the hook's TOML files are configurations; a file deleted since it was named is the
    # change's, judged as such
    return tuple(
        p for p in named if yaml_named(p.name) and p not in left_out and os.path.lexists(p)
    )


def folders_left_out(args: CheckArgs, config: Config) -> tuple[Path, ...]:
    """The folders named on the command line that the walk of the repository leaves out whole
    (the configuration's ``exclude``, a .gitignore, a hidden name): walked on their own and
    checked, as a file named is (``exclude`` still leaves out what it matches inside them,
    as from the root). Not for pre-commit, which names files."""
    if args.focus:
        return ()
    top = os.path.realpath(config.root)
    folders = [
        path
        for path in args.paths
        if path.is_dir() and os.path.realpath(path) != top and _inside(path, config.root)
    ]
    maybe = [path for path in folders if _may_be_left_out(path, top, config.exclude)]
    if not maybe:
        return ()
    root = Path(os.path.relpath(config.root))
    try:
        names = discover([root], config.exclude, [], root=root, limits=config.limits).names
    except UsageError:  # nothing left to check in the whole repository
        names = ()
    taken = [os.path.realpath(name) for name in names]
    return tuple(
        path
        for path in maybe
        if _holds_yaml(path) and not any(within(name, os.path.realpath(path)) for name in taken)
    )


def _may_be_left_out(folder: Path, top: str, exclude: Sequence[str]) -> bool:
    """Whether the walk from the root ``top`` could leave ``folder`` out: a hidden name on the
    way, an ``exclude`` pattern, or a .gitignore above it (asked of a walk then)."""
    parts = Path(os.path.relpath(os.path.realpath(folder), top)).parts
    if any(part.startswith(".") for part in parts):
        return True
    if excluded_by(folder / "x.yaml", exclude, Path(top)) is not None:
        return True
    return any(
        os.path.lexists(Path(top).joinpath(*parts[:depth], ".gitignore"))
        for depth in range(len(parts))
    )


def excluded_files(args: CheckArgs, config: Config) -> list[tuple[Path, str]]:
    """The files pre-commit names that the configuration's ``exclude`` leaves out, each with
    the pattern that does; and a folder the hook is given by hand (``resilint pre-commit
    drafts``) that it leaves out, whose files are then not checked either."""
    if not args.focus or not config.exclude:
        return []
    top = os.path.realpath(config.root)
    found = (
        (p, excluded_by(p / "x.yaml" if p.is_dir() else p, config.exclude, config.root))
        for p in args.paths
        if not p.is_dir() or os.path.realpath(p) != top
    )
    return [(path, pattern) for path, pattern in found if pattern is not None]


def _in_work_tree(directory: Path) -> bool:
    return work_tree(Path(lexical(directory))) is not None


def _focus(paths: tuple[Path, ...], root: Path) -> frozenset[str]:
    """The paths asked for, normalised, and a directory named through a link (``check
    programme``, a link to ``resilint/programme``) also where it leads: the walk of the
    repository never enters a link to a directory, so its files are named by their real path,
    and a focus on the link's name alone reported none of their findings."""
    named = {normalise(str(p)) for p in paths}
    inside = real(root)
    for path in paths:
        there = real(path)
        if there != lexical(path) and within(there, inside) and Path(there).is_dir():
            named.add(normalise(os.path.relpath(there)))
    return frozenset(named)


def _inside(path: Path, root: Path) -> bool:
    return within(real(path), real(root))  # real(): a link loop is no crash here


def _rechecks_everything(paths: tuple[Path, ...], config: Config) -> bool:
    """A configuration or rule file among the files named can change any finding, anywhere.
    Needed outside git only, where there is no judge: in git, the judge tests every file the
    change holds and every file named, and says so (:attr:`Introduced.whole`)."""
    return any(config.shaped_by(real(p)) for p in paths)


def read_by(options: CheckOptions) -> Callable[[str], bool]:
    """Whether the run reads the file at a path (as git names it, or where it leads), so that
    its work tree must be what the commit holds: a YAML file, a configuration (``pyproject.toml``
    included) or rule file, or the baseline (whatever its name: a JSON file)."""
    baseline = real(options.baseline_path) if options.baseline_path else None
    config = options.config
    return lambda path: yaml_named(path) or config.shaped_by(path) or path == baseline


def build_judge(args: CheckArgs, options: CheckOptions) -> Introduced | None:
    """pre-commit's judge of the findings (:mod:`resilint.introduced`): those that concern the
    changed files, and those the change introduces anywhere. With ``pre-commit run --from-ref
    A --to-ref B`` (which tells its hooks in ``PRE_COMMIT_FROM_REF`` and ``PRE_COMMIT_TO_REF``),
    the range's change; else the staged one. None outside git (nothing to compare: what
    concerns the changed files)."""
    if not args.focus:
        return None
    from resilint.introduced import Introduced  # git is asked only by pre-commit's runs
    from resilint.staged import read_change
    from resilint.unstaged import work_tree_as_asked

    start = os.environ.get("PRE_COMMIT_FROM_REF") or os.environ.get("PRE_COMMIT_ORIGIN")
    end = os.environ.get("PRE_COMMIT_TO_REF") or os.environ.get("PRE_COMMIT_SOURCE")
    refs = (start, end) if start and end else None
    change = read_change(options.config.root, options.config.limits, refs, read_by(options))
    if change is None:
        return None
    if change.unstaged_unknown:
        raise UsageError(
            "git could not say whether the work tree holds what the commit does "
            f"({printable(change.unstaged_unknown)}), so the hook would check files the commit "
            "may not hold; run it from pre-commit, which sets unstaged changes aside, or fix "
            "what git says"
        )
    if change.unstaged:
        first, more = change.unstaged[0], len(change.unstaged) - 1
        others = f" and {more} other file{'s' if more > 1 else ''}" if more else ""
        if work_tree_as_asked():  # pre-commit run --all-files: the work tree, as asked
            echo(
                f"resilint: note: {printable(first)}{others} changed since staged: checked as "
                "the work tree holds it, as pre-commit run --all-files asks; a commit holds "
                "what is staged",
                err=True,
            )
            change = dataclasses.replace(change, unstaged=())
    if change.unstaged:
        raise UsageError(
            f"{printable(first)}{others} changed since staged: the hook would check the files "
            "as they are, not as the commit holds them; stage the changes (git add) or set "
            "them aside (git stash push --keep-index) and commit again (pre-commit sets them "
            "aside itself)"
        )
    if change.unpushed_unknown or change.unpushed:
        _refuse_unpushed(change, end or "")
    if change.unlooked:
        (first, mark), more = change.unlooked[0], len(change.unlooked) - 1
        others = f" (and {more} other file{'s' if more > 1 else ''})" if more else ""
        raise UsageError(
            f"{printable(first)}{others} is marked {mark} in git's index, so git does not look "
            "at it, and its changes since staged are neither staged nor set aside (by "
            "pre-commit or git stash): the hook would check the file as it is, not as the "
            f"commit holds it; clear the mark (git update-index --no-{mark} -- "
            f"{printable(first)}), then stage its changes or set them aside, and commit again"
        )
    named = frozenset(normalise(str(p)) for p in args.paths)  # options' focus, unless None
    return Introduced(change, named, options.config, options.baseline_path)


def _refuse_unpushed(change: Change, end: str) -> None:
    """A range's end that the files read do not hold: the hook would judge other files than
    those pushed (a branch that is not checked out, changes staged and not committed)."""
    shown = printable(end)
    if change.unpushed_unknown:
        raise UsageError(
            f"git could not compare the files with {shown}, where the range pre-commit was "
            f"given ends ({printable(change.unpushed_unknown)}), so the hook would check files "
            "that may not be those pushed; check out the commit the range ends at and run again"
        )
    first, more = change.unpushed[0], len(change.unpushed) - 1
    others = f" and {more} other file{'s' if more > 1 else ''}" if more else ""
    raise UsageError(
        f"{printable(first)}{others} in the work tree and the index differ from {shown}, where "
        "the range pre-commit was given ends: the hook checks the files as they are here, "
        f"not as {shown} holds them (another branch than the one checked out is pushed, or "
        "changes are staged and not committed, or CI checked out another commit, such as a "
        "pull request's merge commit); check out the commit the range ends at, with nothing "
        "staged (in CI, or give --to-ref HEAD), and run again"
    )


def source_root(places: tuple[Path, ...]) -> str:
    """What SARIF's file URIs are relative to: the git work tree of the repository checked (its
    configuration's directory, else the first path named) or of the working directory, as a
    viewer such as GitHub code scanning reads them; outside git, the working directory."""
    here = Path.cwd()
    trees = (_work_tree(Path(os.path.normpath(here / place))) for place in (*places, here))
    return str(next((tree for tree in trees if tree is not None), here))


def _work_tree(place: Path) -> Path | None:
    try:
        return work_tree(place)
    except OSError:  # a name the file system refuses (too long): the run's error names it
        return None


def build_cache(
    args: CheckArgs,
    options: CheckOptions,
    store: Store | None = None,
    judge: Introduced | None = None,
) -> tuple[CheckCache | None, str]:
    """The cache, salted with everything that shapes results, or None when turned off; and,
    when it cannot be used, a note saying why. A ``judge``'s change and focus shape what is
    reported too."""
    if store is None:
        store, note = build_store(args, options.config)
        if store is None:
            return None, note
    config = options.config
    file_salt = fingerprint([validated_by(options.schemas), repr(config.limits)])
    plugins = sorted(CHECKS.loaded)
    # what shapes the rules' findings besides the documents; the run's key adds what acts
    # on findings afterwards (the baseline, the files a hook reports about) and the paths
    rules_salt = fingerprint(
        [
            file_salt,
            installed_fingerprint(rule_files_in(data_dir("rules"))),
            files_fingerprint([p for d in config.rule_dirs for p in rule_files_in(d)]),
            repr(dataclasses.replace(config, origins={})),
            files_fingerprint([config.source] if config.source else []),
            *plugins,
            options.as_of.isoformat(),
        ]
    )
    run_salt = fingerprint(
        [
            rules_salt,
            json.dumps(options.baseline, sort_keys=True),
            repr(sorted(options.focus or ())),
            repr(options.focus is None),
            repr(options.paths),
            *((judge.change.key, repr(sorted(judge.focus))) if judge is not None else ()),
        ]
    )
    from resilint.run_cache import CheckCache  # a run with the cache off needs none of it

    return CheckCache(store, file_salt, run_salt, rules_salt), ""


def exit_status(result: Result, config: Config) -> ExitCode:
    if result.crashes:
        return ExitCode.RULE_CRASHED
    if result.unreadable or result.named_unchecked:
        return ExitCode.INPUT
    if any(config.fails(f.level) for f in result.findings if f.suppression is None):
        return ExitCode.FINDINGS
    return ExitCode.OK


_ENDS_PROCESS = [False]
"""Whether this process ends with the command it runs (the command line, not a program
calling resilint in its own process): :func:`without_cycle_collection` then leaves what the
run built out of every later collection."""


def ends_process() -> None:
    _ENDS_PROCESS[0] = True


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while documents are loaded and checked.

    The documents are trees of dicts and lists without cycles, yet with hundreds of thousands
    of them alive the collector keeps re-scanning them all: measured, it took 45 % of a check
    of 9,257 files, and more the larger the repository. Reference counting still frees
    everything; the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _ENDS_PROCESS[0]:
            # resumed with the documents alive, the collector's next pass would traverse them
            # all for nothing (40 ms after a check of 10,000 documents): they are left out
            gc.freeze()
        if enabled:
            gc.enable()


def run_check(args: CheckArgs) -> int:
    with stopped_reported(args):
        reporter = build_reporter(args)  # a usage error before anything is written
        context, result, config = _checked(args)
        plain = dataclasses.replace(context, color=False, group_by=None)
        # every report is made before one is written: one that fails leaves none half-said
        files = [(target, REPORTERS[name](plain)) for name, target in args.outputs]
        shown = reporter(context)
    for target, text in files:
        _write_file(target, text)
    _write(shown)
    _report_notes(args, context)
    return exit_status(result, config)


@contextlib.contextmanager
def stopped_reported(args: CheckArgs) -> Iterator[None]:
    """A check that stops on the user's input before it has checked anything (status 2: an
    invalid configuration, rule or baseline file, paths with nothing to check) still writes
    each report asked for, in its format, saying why (:mod:`resilint.reporters.stopped`):
    an empty or missing report would read as a clean run. The error then ends the run as
    any other (its message on standard error, status 2).
    A path the file system refuses (status 2) and a defect of resilint's (status 4) stop it
    so too: a report left from an earlier run must not stand in for this one's."""
    try:
        yield
    except ResilintError as error:
        if error.exit_code == ExitCode.INPUT:
            also = tuple((more.detail, more.place) for more in error.also)
            _report_stopped(args, error.detail, error.place, error.exit_code, also)
        raise
    except Exception as error:  # a refused path or a defect: said in the reports, then raised
        words, status = stopped_words(error)
        _report_stopped(args, words, None, status)
        raise


def _report_stopped(
    args: CheckArgs,
    detail: str,
    place: Place | None,
    status: int,
    also: tuple[tuple[str, Place | None], ...] = (),
) -> None:
    """Each report asked for, of a check that stopped on an error (``detail`` at ``place``,
    exit ``status``); a report that cannot be written is said on standard error (the run
    fails on the error in any case)."""
    from resilint.reporters.stopped import Stopped, report_stopped

    places = (*((args.config.parent,) if args.config else ()), *args.paths)
    stopped = Stopped(detail, place, int(status), __version__, source_root(places), also)
    reports: list[tuple[str, Callable[[str], None]]] = [
        (report_stopped(n, stopped), functools.partial(_write_file, t)) for n, t in args.outputs
    ]
    name = args.output_format or _default_format()
    if name != "text":  # standard error says it already to a person at a terminal
        reports.append((report_stopped(name, stopped, args.statistics), _write))
    for text, write in reports:
        try:
            write(text)
        except ResilintError as unwritten:  # an output that cannot be written: the others are
            say_error(unwritten)


def _checked(args: CheckArgs) -> tuple[ReportContext, Result, Config]:
    """The check's findings, ready to report, with its result and configuration."""
    schemas = build_schemas()
    config = build_config(args, schemas, remember=True)
    for warning in never_matching(config):
        echo(f"resilint: {warning}", err=True)
    store, note = build_store(args, config)
    rules = build_rules(schemas, config, args.selection, store)
    options = build_options(args, schemas, config, rules)
    judge = build_judge(args, options)
    if judge is not None:  # every finding is evaluated; the judge chooses what is reported
        # what the commit holds is judged, not the work tree; but a file named on the command
        # line is checked (pre-commit names only staged files: a person named this one)
        named = {os.path.realpath(path) for path in args.paths}
        left_out = judge.change.untracked - named
        options = dataclasses.replace(options, focus=None, left_out=left_out)
    cache = build_cache(args, options, store, judge)[0] if store is not None else None
    if note:
        echo(f"resilint: note: the cache is off for this run: {printable(note)}", err=True)
    for path, pattern in excluded_files(args, config):
        echo(
            f"resilint: note: not checked: {printable(str(path))}: the configuration excludes it "
            f"(exclude: {printable(pattern)})",
            err=True,
        )
    pinned = pinned_date_note(config, datetime.date.today())
    if pinned:
        echo(f"resilint: note: {pinned}", err=True)
    unselected = unselected_note(rules, config)
    if unselected:
        echo(f"resilint: note: {unselected}", err=True)
    baseline_off = baseline_off_note(rules, config)
    if baseline_off:
        echo(f"resilint: note: {baseline_off}", err=True)
    untracked = untracked_note(options.left_out, config) if judge is not None else ""
    if untracked:
        echo(f"resilint: note: {untracked}", err=True)
    if judge is not None and judge.whole:
        echo(
            f"resilint: note: every finding counts, not only those the change introduces: "
            f"{printable(judge.whole)}",
            err=True,
        )
    with without_cycle_collection():
        result = check(options, cache, judge)
    if store is not None and store.unwritten:
        echo(f"resilint: note: {unwritten_note(store.unwritten)}", err=True)
    if judge is None:
        require_documents(result, args, options)
    elif not result.documents and _deletes_programme(judge.change.deleted):
        raise UsageError(
            "no resilint documents: the change deletes the last of them "
            f"({len(judge.change.deleted)} YAML file"
            f"{'' if len(judge.change.deleted) == 1 else 's'} deleted), so nothing would be "
            "checked from now on; if the programme moved, remove the resilint hook from this "
            "repository's .pre-commit-config.yaml"
        )
    color = args.color if args.color is not None else _wants_color()
    context = ReportContext(
        result.findings,
        result.files,
        result.documents,
        __version__,
        color,
        build_rule_docs(rules),
        config.fail_on,
        args.group_by,
        source_root((config.root, *args.paths)),
        options.as_of,
        _law_notes(result, rules, config, args),
    )
    return context, result, config


def _law_notes(
    result: Result, rules: tuple[Rule, ...], config: Config, args: CheckArgs
) -> tuple[RunNote, ...]:
    """The rules of a regime in effect that ``ignore`` turns off, that a level set below
    ``fail_on`` keeps from failing the check, or that ``per_file_ignores`` turns off for some
    files: said in every report (and on standard error, where the report on standard output is
    not the text one), each placed on its setting's line in the configuration."""
    notes = (
        *_ignored_note(result, rules, config),
        *law_gate_notes(result.law_on, result.law_patterns, rules, config),
        *nis2_kind_notes(result.kind_unknown),
    )
    if args.statistics or (args.output_format or _default_format()) != "text":
        for note in notes:
            echo(f"resilint: note: {note.text}", err=True)
    return notes


def _ignored_note(result: Result, rules: tuple[Rule, ...], config: Config) -> tuple[RunNote, ...]:
    off = law_off_note(result.law_off, rules, config)
    if not off:
        return ()
    origin = config.origins.get("ignore", "").split(" + ")[0]
    line = origin.rpartition(":")[2]
    if config.source is None or not line.isdigit():
        return (RunNote("rules not checked", off),)
    shown = os.path.relpath(os.path.normpath(config.source.absolute()))
    return (RunNote("rules not checked", off, Path(shown).as_posix(), int(line)),)


def _report_notes(args: CheckArgs, context: ReportContext) -> None:
    """What standard error says beside the report: a long text output's rules, GitHub code
    scanning's limits on a SARIF output's results."""
    if (
        not args.statistics
        and not args.group_by
        and (args.output_format or _default_format()) == "text"
    ):
        from resilint.reporters.statistics import many_findings_note

        many = many_findings_note(context.active)
        if many:
            echo(f"resilint: note: {many}", err=True)
    sarif = "sarif" in {name for name, _ in args.outputs} or (
        not args.statistics and (args.output_format or _default_format()) == "sarif"
    )
    if sarif:
        from resilint.reporters.sarif import github_limits_note

        limits = github_limits_note(len(context.findings))
        if limits:
            echo(f"resilint: note: {limits}", err=True)


def _deletes_programme(deleted: Mapping[str, bytes]) -> bool:
    """Whether a deleted file held a resilint document (its text names the apiVersion)."""
    return any(b"resilint/v" in content for content in deleted.values())


def require_documents(result: Result, args: CheckArgs, options: CheckOptions) -> None:
    """Every command that answers from the documents of the paths it was given (``check``,
    ``report``, ``calendar``, ``impact``) refuses paths that hold YAML but no resilint document
    at all: an answer drawn from nothing would pass for a clean one. In a configured repository,
    the folders asked for (focus) count."""
    _require_documents(result, args.paths or options.paths)
    if options.focus is not None:
        _require_documents_in(result, args.paths, options.config)


def _require_documents_in(result: Result, paths: Sequence[Path], config: Config) -> None:
    """A focused check (``check deploy`` in a configured repository) loads the whole repository,
    so its documents count those outside the folders asked for: a folder none of whose YAML
    names resilint's apiVersion (read as text, stopping at the first that does) and with no
    finding is refused as an unconfigured one is."""
    folders = [path for path in paths if path.is_dir()]
    root = os.path.realpath(config.root)
    if not folders or any(f.suppression is None for f in _standing_beside_unread(result)):
        return
    if result.documents and any(within(root, os.path.realpath(f)) for f in folders):
        return  # the folder holds the whole repository, and so its documents
    # no YAML there at all is refused as in an unconfigured check (discovery says so): the
    # check began with the whole repository, whose files do not count for the folder
    found = discover(folders, config.exclude, [], limits=config.limits)
    for name in found.names:
        text = read_regular(name, config.limits.max_file_bytes)  # never a FIFO, never too long
        if isinstance(text, Refusal) or b"resilint/v" in text:
            return  # one of resilint's, or one the check reported it could not read
    raise _nothing_checked(len(found.names), folders, found.findings)


def _holds_yaml(folder: Path) -> bool:
    """Whether a YAML file the walk would take by its name (not hidden) lies in ``folder`` or
    below (links not followed; stops at the first)."""
    return any(
        any(yaml_named(name) and not name.startswith(".") for name in files)
        for _, _, files in os.walk(folder)
    )


def _require_documents(result: Result, paths: Sequence[Path]) -> None:
    """A check of a directory that holds YAML but no resilint document at all fails: a gate
    pointed at the wrong directory (the repository's CI files, a docs folder) would otherwise
    pass on nothing checked. A file read with a finding (YAML that does not parse, a link out of
    the repository) is reported instead; a file named alone is DOC-04."""
    folders = [path for path in paths if path.is_dir()]
    standing = [f for f in _standing_beside_unread(result) if f.suppression is None]
    if result.documents or standing or not folders:
        return
    raise _nothing_checked(result.files, folders, result.findings)


def _standing_beside_unread(result: Result) -> list[Finding]:
    """The findings but DOC-05 and DOC-06: a document in a file no directory check reads, or
    a hidden folder not looked into whole for one, is no document checked, and the run still
    has nothing to answer from (status 2, naming it)."""
    return [f for f in result.findings if f.code not in UNREAD_CODES]


def _nothing_checked(
    files: int, folders: Sequence[Path], findings: Sequence[Finding] = ()
) -> UsageError:
    count = "the YAML file" if files == 1 else f"the {files} YAML files"
    unread = [f for f in findings if f.code in UNREAD_CODES and f.suppression is None]
    return UsageError(
        f"no resilint documents: {count} found in "
        + ", ".join(str(p) for p in folders)
        + (" holds" if files == 1 else " hold")
        + " none (no document declares apiVersion: resilint/v1), so nothing was checked; "
        "name the directory that holds the programme, or add `apiVersion: resilint/v1` to its "
        "documents" + (f" ({unread_note(unread)})" if unread else "")
    )


def build_reporter(args: CheckArgs) -> Reporter:
    """The standard output's format; ``--statistics`` and ``--group-by`` shape text (and
    statistics JSON) only."""
    name = args.output_format or _default_format()
    if args.statistics:
        if name not in ("text", "json"):
            raise UsageError(f"--statistics prints text or json, not {name}")
        from resilint.reporters import statistics

        return statistics.report_statistics_json if name == "json" else statistics.report_statistics
    if args.group_by and name != "text":
        raise UsageError(f"--group-by groups the text output, not {name}")
    return REPORTERS[name]


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _wants_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _write(text: str) -> None:
    # a lone surrogate (a file name's undecodable byte), or what the output's encoding cannot
    # hold: its escape; JSON and SARIF are ASCII: no copy of a large report
    write_out(text)


def _write_file(path: Path, text: str) -> None:
    write_output(path, text)  # never through a committed link, never into a FIFO
