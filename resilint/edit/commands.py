"""The write commands' typed arguments and ``run_*`` functions, as the CLI calls them."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import click

from resilint.app import (
    CheckArgs,
    build_config,
    build_judge,
    build_options,
    build_rules,
    build_schemas,
    require_documents,
    run_check,
    stopped_reported,
    without_cycle_collection,
)
from resilint.checker import check
from resilint.config import Config
from resilint.edit.files import EditRefused, TextFile, read_for_edit, replace
from resilint.edit.fixing import FileFixes, FixPolicy, fix_file
from resilint.edit.output import note, show, unified
from resilint.errors import ExitCode, UsageError
from resilint.findings import Finding
from resilint.load.read import real, within
from resilint.reporters.base import unnamed_note, unread_note
from resilint.result import Result


@dataclass(frozen=True)
class FixArgs:
    """What ``resilint fix`` was asked: the check's options and how to fix."""

    check: CheckArgs
    unsafe: bool = False
    """Apply unsafe fixes too."""
    diff: bool = False
    """Print what would change as a unified diff; write nothing."""
    exit_non_zero_on_fix: bool = False
    """Exit 1 when a file was changed, even if nothing is left to report (pre-commit)."""


def run_fix(args: FixArgs) -> int:
    """Fix what can be fixed, then report what is left as ``check`` does."""
    # a fix that cannot start says why in the reports asked for, as the check after it would;
    # a preview writes none
    with contextlib.nullcontext() if args.diff else stopped_reported(args.check):
        schemas = build_schemas()
        config = build_config(args.check, schemas)
        options = build_options(args.check, schemas, config, build_rules(schemas, config))
        with without_cycle_collection():
            result = check(options)
        require_documents(result, args.check, options)  # nothing to fix where nothing is checked
    skip = frozenset(f.fingerprint for f in result.findings if f.suppression is not None)
    policy = FixPolicy(schemas, config.limits, args.unsafe, skip)
    unfixed: list[tuple[str, str]] = []
    paths = _fixable_paths(result.findings, args.unsafe)
    outcomes = _fix_files(paths, config, args, policy, unfixed)
    fixed = [o for o in outcomes if o.changed]
    count = sum(len(o.applied) for o in fixed)
    if args.diff:
        show("".join(unified(o.file.shown, o.file.text, o.text) for o in fixed))
        note(f"would fix {_count(count, 'finding')} in {_count(len(fixed), 'file')}")
        return _previewed(result, fixed)
    from resilint.unstaged import work_tree_as_asked

    by_hand = args.check.focus and not work_tree_as_asked()
    if by_hand and fixed:  # the hook outside pre-commit: refused before anything is written
        build_judge(args.check, options)  # when a file changed after it was staged
    written = write_all([(o.file, o.text) for o in fixed], unfixed)
    done = sum(len(o.applied) for o in fixed if o.file in written)
    if fixed:
        note(f"fixed {_count(done, 'finding')} in {_count(len(written), 'file')}")
    if by_hand and written:  # the fix is in the work tree, not yet in the commit
        note(
            "review the fix and stage it (git add), then commit again: the commit holds the "
            "files as they were staged"
        )
        return ExitCode.FINDINGS
    status = run_check(args.check)
    _say_unfixed(result.findings, args.unsafe, unfixed)
    if written and args.exit_non_zero_on_fix:
        status = max(status, ExitCode.FINDINGS)
    return status


def _previewed(result: Result, fixed: list[FileFixes]) -> ExitCode:
    """A preview's status: 1 when something would change. Otherwise 0, nothing to fix, but only
    where everything was read: what a file that could not be read (and that no fix shown
    mends), or a file named that holds no resilint document, would need is not known, so, as
    for ``check``, 2 then (3 when a rule failed), saying which."""
    if fixed:
        return ExitCode.FINDINGS
    if result.crashes:
        return ExitCode.RULE_CRASHED
    unreadable, named = result.unreadable_files, result.named_unchecked_files
    if unreadable:
        click.echo(unread_note(unreadable, "preview"), err=True)
    if named:
        click.echo(unnamed_note(named, "preview"), err=True)
    return ExitCode.INPUT if unreadable or named else ExitCode.OK


def _say_unfixed(
    findings: tuple[Finding, ...], unsafe: bool, unfixed: list[tuple[str, str]]
) -> None:
    """After the report, whose summary counts every finding that carries a fix: which of them
    stay, because their file could not be edited, and why."""
    for path, reason in unfixed:
        left = sum(
            1
            for f in findings
            if f.path == path and f.suppression is None and f.fix and (f.fix.safe or unsafe)
        )
        if left:
            note(f"{_count(left, 'fixable finding')} counted above cannot be fixed: {reason}")


def _fixable_paths(findings: tuple[Finding, ...], unsafe: bool) -> list[str]:
    fixable = (f for f in findings if f.suppression is None and f.fix is not None)
    return sorted({f.path for f in fixable if f.fix is not None and (f.fix.safe or unsafe)})


def _fix_files(
    paths: list[str],
    config: Config,
    args: FixArgs,
    policy: FixPolicy,
    unfixed: list[tuple[str, str]],
) -> list[FileFixes]:
    """Each file's verified fixes; a file that cannot be edited is said, and added to
    ``unfixed`` with why."""
    boundaries = _boundaries(config, args.check.paths)
    outcomes = []
    for path in paths:
        boundary = next((b for b in boundaries if within(real(path), b)), boundaries[0])
        try:
            file = read_for_edit(path, boundary, config.limits.max_file_bytes)
        except EditRefused as refused:
            note(f"not fixed: {refused}")
            unfixed.append((path, str(refused)))
            continue
        outcome = fix_file(file, policy)
        for finding, reason in outcome.refused:
            title = finding.fix.title if finding.fix else ""
            note(f"{finding.path}:{finding.line}: {finding.code} not fixed ({title}): {reason}")
        outcomes.append(outcome)
    return outcomes


def _boundaries(config: Config, paths: tuple[Path, ...]) -> list[str]:
    """The repository: the configuration's directory; without one, each directory checked."""
    if config.source is not None or not paths:
        return [real(config.root)]
    return [real(p if p.is_dir() else p.parent) for p in paths]


def write_all(
    changes: list[tuple[TextFile, str]], unwritten: list[tuple[str, str]] | None = None
) -> list[TextFile]:
    """Write each file; one that cannot be written is said (and added to ``unwritten`` with
    why), and the others still are."""
    written = []
    for file, text in changes:
        try:
            replace(file, text)
        except (EditRefused, OSError) as error:
            note(f"not written: {error}")
            if unwritten is not None:
                unwritten.append((file.shown, str(error)))
            continue
        written.append(file)
    return written


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class RenameArgs:
    """What ``resilint rename`` was asked: the document to rename and its new id."""

    kind: str
    old: str
    new: str
    diff: bool = False
    config: Path | None = None


def run_rename(args: RenameArgs) -> int:
    from resilint.edit.rename import id_pattern, places, renamed
    from resilint.edit.repository import open_repository

    repository = open_repository(args.config)
    kind = repository.kind(args.kind)
    if not id_pattern(repository).match(args.new):
        raise UsageError(f"'{args.new}' is not a valid id (lower-case letters, digits, . _ -)")
    if repository.index.get(kind, args.new) is not None:
        raise UsageError(f"there is already a {kind} '{args.new}'")
    if repository.unreadable:
        raise UsageError(
            f"{repository.unreadable[0]} cannot be read, so references in it cannot be "
            "renamed; fix it first (`resilint check` says where)"
        )
    spots = places(repository, kind, args.old)
    try:
        changes = [
            renamed(repository, path, found, args.old, args.new) for path, found in spots.items()
        ]
    except EditRefused as refused:
        raise UsageError(str(refused)) from None
    references = sum(len(found) for found in spots.values()) - 1
    if args.diff:
        show("".join(unified(file.shown, file.text, text) for file, text in changes))
        return ExitCode.OK
    written = write_all(changes)
    if len(written) < len(changes):  # half a rename: references to an id no longer there
        kept = _undone(
            repository.boundary, repository.config.limits.max_file_bytes, changes, written
        )
        raise UsageError(
            f"{_count(len(changes) - len(written), 'file')} could not be written (said above), "
            f"so nothing is renamed: {kept}"
        )
    note(
        f"renamed {kind} {args.old} to {args.new}: the id and "
        f"{_count(references, 'reference')}, in {_count(len(written), 'file')}"
    )
    return ExitCode.OK


def _undone(
    boundary: str, limit: int, changes: list[tuple[TextFile, str]], written: list[TextFile]
) -> str:
    """Each file written put back as it was read, where it still holds what was written; in
    words, what is left as it was and what is not (changed since by someone else)."""
    left = []
    for file, text in changes:
        if file not in written:
            continue
        try:
            now = read_for_edit(file.shown, boundary, limit)
            if now.data != file.bom + text.encode("utf-8", "surrogatepass"):
                raise EditRefused(f"{file.shown}: changed since resilint wrote it")
            replace(now, file.text)
        except (EditRefused, OSError) as error:
            left.append(f"{error}")
    if not left:
        return "every file written was put back as it was"
    return "not put back, to be put right by hand: " + "; ".join(left)
