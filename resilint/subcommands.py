"""The commands besides check and its consumers: baseline, schema, rules, explain, config, test
and init. Each ``run_*`` does one and returns its exit status, wired by the same ``build_*``
functions of :mod:`resilint.app` as a check."""

from __future__ import annotations

import dataclasses
import datetime
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from resilint import __version__
from resilint.app import (
    CHECKS,
    CheckArgs,
    build_config,
    build_options,
    build_rules,
    build_schemas,
    require_documents,
    without_cycle_collection,
)
from resilint.baseline import DEFAULT_NAME, write_baseline
from resilint.checker import check, load_index
from resilint.command import echo, write_out
from resilint.config import describe, load_config
from resilint.config_search import find_config
from resilint.core_checks import CORE_CHECKS
from resilint.domain.requirements import Matrix, load_matrix
from resilint.errors import ExitCode, UsageError
from resilint.reporters.base import json_log_safe, printable
from resilint.rules import Rule, load_rules
from resilint.selection import (
    profile_origins,
)
from resilint.suggest import did_you_mean
from resilint.userfiles import output_directory, write_output

if TYPE_CHECKING:
    pass


def run_baseline(args: CheckArgs, target: Path | None) -> int:
    schemas = build_schemas()
    config = build_config(args, schemas)
    rules = build_rules(schemas, config, args.selection)
    args = dataclasses.replace(args, use_baseline=False)
    options = dataclasses.replace(build_options(args, schemas, config, rules), recording=True)
    with without_cycle_collection():
        result = check(options)
    require_documents(result, args, options)
    if result.unreadable or result.crashes:
        raise UsageError(
            "some input could not be read or checked; run `resilint check` and "
            "fix that first: a baseline must not hide unreadable files"
        )
    named = result.named_unchecked_files
    if named:
        raise UsageError(
            f"{printable(named[0])}:1:1: DOC-04: a file named holds no resilint document "
            f"({len(named)} in all), so nothing in it is checked; name the files of the "
            "programme (or leave such a file out with per_file_ignores): a baseline must not "
            "hide files that are never checked"
        )
    unchecked = [
        f for f in result.findings if f.code in CORE_CHECKS and CORE_CHECKS[f.code].unchecked
    ]
    if unchecked:
        first = unchecked[0]
        if first.code == "DOC-06":  # a place not looked into, not a document seen
            what = "a place in hidden folders not looked into whole for documents"
            remedy = "exclude it, or move the documents in it out of it, first"
        else:
            what = "a document resilint does not check"
            them = "it" if len(unchecked) == 1 else "them"
            remedy = f"fix {them} first (`resilint fix` fixes most)"
        raise UsageError(
            f"{first.path}:{first.line}:{first.column}: {first.code}: {what} ({len(unchecked)} "
            f"in all); {remedy}: a baseline must not hide documents that are never checked"
        )
    from resilint.rebaseline import previous_baseline, rewrite, rewrite_notes  # this command's

    path = target or config.baseline or config.root / DEFAULT_NAME
    previous = previous_baseline(path)
    known = frozenset(rule.info.code for rule in rules) | frozenset(CORE_CHECKS)
    change = rewrite(previous, result.findings, known, result.ran)
    kept = (*change.kept, *change.unjudged)
    count = write_baseline(path, result.findings, __version__, config.root, kept)
    echo(f"wrote {count} findings to {printable(str(path))}", err=True)
    for line in rewrite_notes(change):
        echo(line, err=True)
    return ExitCode.OK


def run_schema(kind: str | None, export: Path | None) -> int:
    from resilint import editor_schemas  # what one command needs is imported when it runs

    schemas = build_schemas()
    if export is not None:
        exported = editor_schemas.export(schemas)
        foreign = exported.foreign(export)
        if foreign:
            raise UsageError(
                f"{foreign[0]} exists and is not a schema resilint exported"
                f"{f' (nor are {len(foreign) - 1} more)' if len(foreign) > 1 else ''}; "
                "export into a directory of its own (schemas exported before are updated)"
            )
        output_directory(export)
        _refuse_programme_directory(export, len(exported.files))
        for name, text in exported.files.items():
            write_output(export / name, text)
        echo(
            f"wrote {len(exported.schemas)} self-contained schemas and "
            f"{editor_schemas.CATALOG} to {printable(str(export))}",
            err=True,
        )
        return ExitCode.OK
    if kind is None:
        for name in schemas.kinds:
            echo(f"{name:<18} {schemas.schema(name).get('description', '')}")
        return ExitCode.OK
    match = {name.lower(): name for name in schemas.kinds}.get(kind.lower().replace("-", ""))
    if match is None:
        from resilint.quoting import quoted

        raise UsageError(f"unknown kind {quoted(kind)}; kinds are: {', '.join(schemas.kinds)}")
    write_out(editor_schemas.bundled_kind(schemas, match))
    return ExitCode.OK


def _refuse_programme_directory(export: Path, files: int) -> None:
    """``schema --export`` into a folder of the programme's documents (``suppliers/``, the
    repository's root) would put its 17 JSON files among them: refused, naming a document."""
    from resilint.init import programme_document

    if not export.is_dir():
        return
    document = programme_document(export)
    if document is not None:
        raise UsageError(
            f"{printable(str(export))} holds resilint documents (such as "
            f"{printable(str(document))}): the export would write "
            f"{files} JSON files among them; export into a directory of "
            "its own, such as schemas/"
        )


def _loaded_rules() -> tuple[tuple[Rule, ...], Matrix]:
    """The rules and the requirements matrix as the configuration found here sets them."""
    schemas = build_schemas()
    config = load_config(find_config(Path.cwd()), schemas, Path.cwd())
    return build_rules(schemas, config), load_matrix().with_overrides(
        config.definitions.requirements
    )


def run_rules_command(profile: str | None, output_format: str) -> int:
    from resilint.catalogue import reference_page, rules_json, rules_table

    rules, matrix = _loaded_rules()
    if output_format == "markdown":
        write_out(reference_page(rules, matrix))
    else:
        write_out((rules_json if output_format == "json" else rules_table)(rules, profile))
    return ExitCode.OK


def known_codes() -> list[str]:
    """Every rule's and built-in check's code, sorted (for shell completion)."""
    rules, _ = _loaded_rules()
    return sorted([*(rule.info.code for rule in rules), *CORE_CHECKS])


def run_explain(code: str) -> int:
    from resilint.catalogue import explain
    from resilint.quoting import quoted

    rules, matrix = _loaded_rules()
    text = explain(code, rules, matrix)
    if text is None:
        known = [
            *(rule.info.code for rule in rules),
            *CORE_CHECKS,
            *(rule.info.name for rule in rules),
            *(check.name for check in CORE_CHECKS.values()),
        ]
        hint = did_you_mean(code, known)
        shown = quoted(code, len(code))  # whole: the error as a whole is cut if need be
        raise UsageError(f"no rule or check named {shown}{hint}; `resilint rules` lists them")
    write_out(text)
    return ExitCode.OK


def show_config(args: CheckArgs) -> int:
    """The merged configuration; the profiles include those the Entities' regimes switch on."""
    schemas = build_schemas()
    config = build_config(args, schemas)
    build_rules(schemas, config, args.selection)  # codes on the command line must exist
    options = build_options(dataclasses.replace(args, use_baseline=False), schemas, config, ())
    with without_cycle_collection():
        index = load_index(options)
    write_out(json_log_safe(describe(config, profile_origins(config, index))))  # values as JSON
    return ExitCode.OK


@dataclass(frozen=True)
class TestArgs:
    """The options of ``resilint test``, typed."""

    rule_dirs: tuple[Path, ...] = ()
    """Directories of rule files to test (default: the configuration's rule_dirs)."""
    builtin: bool = False
    """Test resilint's own rules too."""
    config: Path | None = None
    as_of: datetime.date | None = None


def run_test(args: TestArgs) -> int:
    """Every tested rule's passing and failing example; status 1 when one does not hold."""
    from resilint import ruletest

    schemas = build_schemas()
    config = build_config(CheckArgs(config=args.config, as_of=args.as_of), schemas)
    directories = args.rule_dirs or config.rule_dirs
    if not directories and not args.builtin:
        raise UsageError(
            "nothing to test: name rule directories (resilint test policies/), set rule_dirs "
            "in the configuration, or pass --builtin for resilint's own rules"
        )
    every = tuple(load_rules(schemas, directories, CHECKS))
    builtin = {rule.info.code for rule in load_rules(schemas, (), CHECKS)}
    tested = [r for r in every if args.builtin or r.info.code not in builtin]
    if not tested:  # as pytest does when it collects nothing: no silent pass
        named = ", ".join(str(d) for d in directories)
        raise UsageError(f"no rules in {named}: nothing was tested")
    started = time.perf_counter()
    as_of = config.as_of or datetime.date.today()
    results = ruletest.run_examples(tested, every, schemas, as_of)
    write_out(ruletest.render(results, time.perf_counter() - started))
    if any(r.crashed for r in results):  # as check: a rule that raised is not a failed example
        return ExitCode.RULE_CRASHED
    return ExitCode.OK if all(r.passed for r in results) else ExitCode.FINDINGS


def run_init(directory: Path) -> int:
    from resilint.discover import CONFIG_NAMES
    from resilint.init import scaffold

    result = scaffold(directory)
    for path in result.created:
        echo(f"created  {printable(str(path))}")
    for path in result.kept:
        echo(f"kept     {printable(str(path))} (exists; not overwritten)")
    for path in result.linked:
        echo(f"skipped  {printable(str(path))} (a symbolic link on the way; never written through)")
    for path, standing, why in result.in_place:
        echo(f"skipped  {printable(str(path))} ({printable(str(standing))} is there: {why})")
    for config in result.excluded:
        folder = config.parent.relative_to(directory).as_posix()
        echo(
            f"excluded {printable(folder)}/ in {CONFIG_NAMES[0]}: {printable(str(config))} "
            f"configures it on its own; check it with `resilint check {printable(folder)}`"
        )
    for path, reason in result.failed:
        echo(f"failed   {printable(str(path))}: cannot write it: {printable(reason)}")
    if result.programme_file is not None:
        held = printable(str(result.programme_file))
        echo(
            f"skipped  the {len(result.examples_left)} example files under "
            f"{printable(str(directory / 'programme'))}: the directory already holds resilint "
            f"documents (such as {held}), and examples beside them would change its findings"
        )
        below = [
            s.parent
            for p, s, _ in result.in_place
            if p.name == CONFIG_NAMES[0] and s.parent != p.parent
        ]
        where = f" {below[0].relative_to(directory).as_posix()}" if below else ""
        step = f"run `resilint check{printable(where)}`"
    else:
        step = "edit the examples, then run `resilint check`"
    hooks = [p for p in (*result.created, *result.kept) if p.name == ".pre-commit-config.yaml"]
    if hooks:  # the hook checks nothing until pre-commit installs it in the repository's git
        step += "; in the git repository, `pre-commit install` to check each commit"
    echo(f"Next: {step}.")
    return ExitCode.INPUT if result.linked or result.failed else ExitCode.OK
