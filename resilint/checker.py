"""The flow, end to end: discover -> load -> validate -> index and references -> rules -> report.

Core code returns findings and never prints; the CLI and reporters write output.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import marshal
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.config import Config
from resilint.core_checks import CORE_CHECKS, core_finding
from resilint.discover import Discovery, discover, refuse_nested, vetted_file, yaml_named
from resilint.domain import Definitions, delivery
from resilint.domain.misnamed import Accepted
from resilint.engine import EngineResult, Evaluation, run_rules
from resilint.findings import Finding
from resilint.incremental import Recorder
from resilint.limits import Limits, NodeBudget
from resilint.load import load_file, read_text
from resilint.load.read import Vetted, within
from resilint.locate import Locator
from resilint.mistyped import Mistyped, behind, mistyped
from resilint.model import Document, Index, message_root
from resilint.parallel import evaluate_all
from resilint.pattern_checks import refuse_blanket_per_file
from resilint.references import Unreadable, check_index, check_references
from resilint.result import FileResult, Result
from resilint.rules import Rule
from resilint.rules.model import clauses_read
from resilint.said_once import said_once
from resilint.schemas import SchemaSet
from resilint.selection import (
    law_patterns,
    law_rules_off,
    law_rules_on,
    require_rules,
    select_rules,
)
from resilint.serialize import file_in, file_out
from resilint.suppress import (
    SuppressionPolicy,
    apply_suppressions,
    every_reference,
    ignore_per_file,
    silenced_references,
    standing_findings,
)
from resilint.unclaimed import PROVISIONAL, beside_documents
from resilint.unconfirmed import hold_back
from resilint.validate import NO_DATA, to_document
from resilint.waiver_validity import StandingWaivers

if TYPE_CHECKING:
    from resilint.domain import Facts
    from resilint.inline import InlineSuppression
    from resilint.run_cache import CheckCache


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check needs: the paths, schemas, configuration, rules and date."""

    paths: tuple[Path, ...]
    schemas: SchemaSet
    config: Config
    rules: tuple[Rule, ...] = ()
    as_of: datetime.date = field(default_factory=datetime.date.today)
    baseline: tuple[dict[str, Any], ...] | None = None
    baseline_path: str = ""
    focus: frozenset[str] | None = None
    """Report only what concerns these files or directories, though all of ``paths`` is loaded."""
    focus_repository_wide: bool = False
    """Also report dangling references and clashing ids anywhere (pre-commit: a deletion)."""
    jobs: int = 1
    """Processes the rules may be evaluated on (:mod:`resilint.parallel`)."""
    left_out: frozenset[str] = frozenset()
    """Files discovery passes over, as real paths: for the hook, those the commit does not hold
    (:attr:`resilint.staged.Change.untracked`)."""
    recording: bool = False
    """A run a baseline records: the rules' findings that a standing schema error stands for
    (:func:`_behind_schema_errors`) are kept too, since once the baseline accepts that error
    they are reported, and a baseline must accept what is there."""


class Model:
    """The facts of a check's documents: those the rules ran on, or, when the rules' findings
    were kept from the last run, built on first use (a hook run builds none)."""

    def __init__(self, index: Index, as_of: datetime.date, definitions: Definitions) -> None:
        self.index = index
        self.as_of = as_of
        self.definitions = definitions
        self._facts: Facts | None = None

    def facts(self) -> Facts:
        if self._facts is None:
            from resilint.domain.model import Facts  # the model's modules: only when used

            self._facts = Facts(self.index, self.as_of, self.definitions)
        return self._facts


@dataclass(frozen=True)
class Checked:
    """A check's result with the model its rules ran on: the index, the facts and their one
    dependency graph. What the posture report reads; nothing builds a second one."""

    result: Result
    model: Model
    reads: Mapping[str, Collection[str]] | None = None
    """The fields of each kind that the rules and reference checks read, when the cache
    records them: a state of the documents that differs only elsewhere has the same findings."""
    locator: Locator | None = None
    """What placed the findings: the calendar places each deadline at its field with it."""

    @property
    def facts(self) -> Facts:
        return self.model.facts()


def read_file(
    path: Path | str,
    schemas: SchemaSet,
    limits: Limits,
    valid: Sequence[Any] = (),
    locator: Locator | None = None,
    vetted: Vetted | None = None,
) -> FileResult:
    """Load one file and validate its documents against their schemas. ``valid`` holds the
    data of the documents of the file's last version, when all of them were valid: a document
    whose data is the same as the one at its place there is not validated again. A file that
    had to be composed is located in the nodes it was read from, by ``locator`` (the check's,
    which the rules place their findings with): it is parsed once, not again for a finding.
    ``vetted``: the device and inode of the file discovery found at ``path``, the only file
    read there."""
    loaded = load_file(path, limits, vetted=vetted)
    locator = Locator(limits) if locator is None else locator
    if loaded.composed is not None and loaded.documents:
        locator.adopt(loaded.path, loaded.composed.lines, loaded.composed.roots)
    documents: list[Document] = []
    findings = list(loaded.findings)
    if not yaml_named(str(path)):
        findings = [_not_yaml_named(f) for f in findings]
    for raw in loaded.documents:
        before = valid[raw.index] if raw.index < len(valid) else NO_DATA
        document, schema_findings = to_document(raw, schemas, locator, before)
        documents.append(document)
        findings.extend(schema_findings)
    return FileResult(tuple(findings), tuple(documents), loaded.suppressions, loaded.nodes)


def _not_yaml_named(finding: Finding) -> Finding:
    """A syntax error in a file named without .yaml or .yml (a TOML or Markdown file given by
    mistake) says so: that the file is read as YAML is what the person needs to know, not
    where its text stops being YAML."""
    if finding.code != "YML-01":
        return finding
    note = (
        "; this file is not named .yaml or .yml, and resilint reads every file it is given as "
        "YAML: name only the YAML files of the resilience repository"
    )
    return dataclasses.replace(finding, message=finding.message + note)


@dataclass(frozen=True)
class Evaluated:
    """A check of every file, before a :data:`Judge` chose the findings to report."""

    options: CheckOptions
    found: tuple[Finding, ...]
    names: tuple[str, ...]
    files: list[FileResult]
    locator: Locator
    checked: Checked

    def again(self, files: list[FileResult], locator: Locator) -> Result:
        """The same check of other contents of the files (nothing of it kept or cached)."""
        judged = beside_documents(files)
        return _check_files(self.options, self.found, judged, locator, earlier_state=True).result


Judge = Callable[[Evaluated], Result]
"""Chooses the findings to report from all of them: the pre-commit hook's compares them with
those of the repository before the change (:mod:`resilint.introduced`)."""


def check(
    options: CheckOptions, cache: CheckCache | None = None, judge: Judge | None = None
) -> Result:
    found = _discover(options)
    if cache is not None:
        remembered = cache.result(found)
        if remembered is not None:
            return remembered
    # positions of unchanged files come from the cache: only changed files are composed again,
    # and those read here are placed in the nodes they were read from
    locator = Locator(options.config.limits, cache.positions if cache is not None else None)
    files = _read_all(found, options, cache, locator)
    # the cache keeps each file as read: what lies beside it is judged again every run
    judged = beside_documents(files)
    named = _named_but_empty(options, found.names, judged)
    kept = _Kept(cache, found) if cache is not None and cache.rules_salt else None
    read = (*found.findings, *named)
    checked = _check_files(options, read, judged, locator, kept)
    result = _changed_while_read(checked.result, locator)
    if judge is not None:
        result = judge(Evaluated(options, read, found.names, files, locator, checked))
    if cache is not None:
        cache.save(found, files, result, locator.positions)
    return result


def _changed_while_read(result: Result, locator: Locator) -> Result:
    """FILE-01 for each file that changed while it was checked (the locator read another
    version to place its findings): the findings were found in the version read first, and
    their lines may no longer match the file. The run fails as for a file it could not read,
    and is run again."""
    if not locator.changed:
        return result
    said = (
        "the file changed while resilint checked it: its findings were found in the version "
        "read first, and their lines and columns may no longer match it; run the check again"
    )
    found = [core_finding("FILE-01", said, path, 1, 1) for path in locator.changed]
    findings = tuple(sorted((*result.findings, *found), key=lambda f: f.sort_key))
    return dataclasses.replace(result, findings=findings)


def check_model(options: CheckOptions, cache: CheckCache | None = None) -> Checked:
    """The check, with its model. The cached whole result is not reused (it holds findings,
    not the model); unchanged files still come from the cache."""
    found = _discover(options)
    locator = Locator(options.config.limits)
    files = beside_documents(_read_all(found, options, cache, locator))
    named = _named_but_empty(options, found.names, files)
    return _check_files(options, (*found.findings, *named), files, locator)


def load_index(options: CheckOptions) -> Index:
    """Every document of ``options.paths``, read and validated as a check reads them, for
    commands that need the repository's documents but no findings (``resilint config``)."""
    return load_documents(options)[0]


def load_documents(options: CheckOptions) -> tuple[Index, Result]:
    """The index :func:`load_index` gives, and what reading found, no rule run: the files that
    could not be read, those holding a document resilint does not check (an unknown kind or
    version, a near-miss apiVersion) and the files named that hold no resilint document
    (DOC-04, unless ``per_file_ignores`` accepts it). What they hold is missing from the index
    (or unvalidated in it), for commands that must not pass over them in silence."""
    found = _discover(options)
    files = beside_documents(_read_all(found, options, None))
    config = options.config
    named = ignore_per_file(
        _named_but_empty(options, found.names, files),
        SuppressionPolicy(
            per_file_ignores=config.per_file_ignores,
            root=str(config.root),
            per_file_source=config.origins.get("per_file_ignores", "the configuration"),
        ),
    )
    read = (*found.findings, *(f for file in files for f in file.findings), *named)
    index = Index(doc for file in files for doc in file.documents)
    return index, Result(read, len(found.names), len(index.documents))


def _discover(options: CheckOptions) -> Discovery:
    config = options.config
    found = discover(
        options.paths,
        config.exclude,
        [*([config.source] if config.source else []), *map(Path, sorted(options.left_out))],
        root=config.root if config.source else None,
        limits=config.limits,
    )
    if found.configs and not config.chosen:
        refuse_nested(_reported(found.configs, options.focus), _governing(config))
    return found


def _reported(configs: tuple[str, ...], focus: frozenset[str] | None) -> list[str]:
    """The configuration files below the run's paths whose folders it reports on: all of them,
    or those inside a path asked for (``check sandbox`` loads the whole repository, a folder
    with a configuration of its own included, but reports on sandbox alone)."""
    if focus is None:
        return list(configs)
    asked = [os.path.realpath(path) for path in focus]
    return [
        path
        for path in configs
        if any(within(os.path.realpath(Path(path).parent), where) for where in asked)
    ]


def _governing(config: Config) -> str:
    """The run's configuration, as a refusal of another one below it names it."""
    if config.source is None:
        return "the built-in defaults (no configuration file)"
    from resilint.reporters.base import printable

    return printable(os.path.relpath(config.source))


def _named_but_empty(
    options: CheckOptions, paths: tuple[str, ...], files: list[FileResult]
) -> list[Finding]:
    """A file named on the command line that holds no resilint document is worth a word: the
    user expected it to be checked, and nothing in it was. Named, it is resilint's whatever it
    holds, so it is read again as such: a top level that is a list is YML-08 there, as it is
    in a file with resilint documents. Not for pre-commit, which names every changed YAML file
    (a CI workflow, an Ansible playbook, its own configuration)."""
    if options.focus_repository_wide:
        return []
    named = {path for path in options.paths if not path.is_dir()}
    if not named:
        return []
    found: list[Finding] = []
    for path, file in zip(paths, files, strict=True):
        if file.documents or file.findings or Path(path) not in named:
            continue
        claimed = [  # nothing lies beside it: what only stands beside documents does not
            f
            for f in load_file(path, options.config.limits, claimed=True).findings
            if f.discriminator not in PROVISIONAL
        ]
        found.extend(claimed or (_no_document(path),))
    return found


def _no_document(path: str) -> Finding:
    return core_finding(
        "DOC-04",
        "this file holds no resilint document (none declares apiVersion: resilint/v1), so "
        "nothing in it was checked",
        path,
        1,
        1,
    )


def _read_all(
    found: Discovery,
    options: CheckOptions,
    cache: CheckCache | None,
    locator: Locator | None = None,
) -> list[FileResult]:
    """Every file's result: from the cache where unchanged, else read now, each the very file
    discovery found (:func:`resilint.discover.vetted_file`). Once the run's budget of values is
    spent, later files are refused (:class:`NodeBudget`)."""
    limits = options.config.limits
    paths = found.names
    cached = [cache.file(path) if cache is not None else None for path in paths]
    unread = [path for path, file in zip(paths, cached, strict=True) if file is None]
    valid = {path: cache.valid_data(path) for path in unread} if cache is not None else {}
    vetted = {  # the files to read now: a run served from the cache reads none
        path: vetted_file(stamp, boundary)
        for path, file, stamp, boundary in zip(
            paths, cached, found.stamps, found.boundaries, strict=True
        )
        if file is None
    }
    if locator is not None:  # one it reads again to place a finding: the file found, too
        locator.vetted.update(vetted)
        locator.vet = _found_file(found)
    fresh = iter(_read_files(unread, options, valid, locator, vetted))
    budget = NodeBudget(limits)
    results = []
    for path, file in zip(paths, cached, strict=True):
        if file is None:
            file = next(fresh)
        if budget.exhausted:
            results.append(FileResult((budget.refuse(path),), (), ()))
            continue
        if file is None:  # the file that spends the budget (see _read_files): read again here
            again = valid.get(path, ())
            file = read_file(path, options.schemas, limits, again, locator, vetted[path])
        refused = budget.spend(path, file.nodes)
        results.append(file if refused is None else FileResult((refused,), (), ()))
    return results


_CHUNK = 32
"""Files a process takes at a time when reading is spread."""


def _found_file(found: Discovery) -> Callable[[str], Vetted | None]:
    """The file discovery found at a path, worked out when asked: a warm run places findings in
    a few files, and builds nothing for the thousands it takes from the cache."""
    where: dict[str, int] = {}

    def vet(path: str) -> Vetted | None:
        if not where:
            where.update((name, i) for i, name in enumerate(found.names))
        i = where.get(path)
        return None if i is None else vetted_file(found.stamps[i], found.boundaries[i])

    return vet


def _read_files(
    paths: list[str],
    options: CheckOptions,
    valid: Mapping[str, Sequence[Any]],
    locator: Locator | None = None,
    vetted: Mapping[str, Vetted | None] | None = None,
) -> list[FileResult | None]:
    """Each file read and validated, on up to ``options.jobs`` processes when there are many
    (:mod:`resilint.parallel`: sending a file's documents back costs about a tenth of reading
    it). Each process keeps a budget of the run's size for the files it takes, which come in
    the run's order: a file that does not fit in it cannot fit in the run's, which counts
    every file before it. Such a file, and every file a process takes after it, is given as
    None: the run's budget is spent with it or before."""
    schemas, limits = options.schemas, options.config.limits
    budget = NodeBudget(limits)  # each process's own: a forked process has its own copy
    here = os.getpid()

    def read_chunk(number: int) -> list[FileResult | None]:
        read: list[FileResult | None] = []
        # a process forked to read keeps no nodes: the rules place their findings here
        shared = locator if os.getpid() == here else None
        for path in paths[number * _CHUNK : (number + 1) * _CHUNK]:
            if budget.exhausted:
                read.append(None)
                continue
            identity = vetted.get(path) if vetted is not None else None
            file = read_file(path, schemas, limits, valid.get(path, ()), shared, identity)
            read.append(file if budget.spend(path, file.nodes) is None else None)
        return read

    chunks = -(-len(paths) // _CHUNK)
    spread = evaluate_all(chunks, read_chunk, options.jobs, None, len(paths), _FILES_WIRE)
    return [file for chunk in spread for file in chunk]


def _files_sent(chunk: list[FileResult | None]) -> bytes | list[FileResult | None]:
    """A chunk of files read by a worker, as the cache keeps them, in marshal: it keeps the
    documents' keys and short texts shared (interned) as this process holds them, where pickle
    gave a copy of each per chunk (100,457 documents, half of them read by the worker: the
    cache 134 MB with the copies, 109 MB without; a later run that evaluates the rules 150 MiB
    larger). The data comes from a process forked from this one. Anything marshal cannot
    hold goes as it is."""
    try:
        return marshal.dumps([None if f is None else file_out(f) for f in chunk])
    except ValueError:
        return chunk


def _files_taken(sent: bytes | list[FileResult | None]) -> list[FileResult | None]:
    if not isinstance(sent, bytes):
        return sent
    return [None if f is None else file_in(f) for f in marshal.loads(sent)]


_FILES_WIRE = (_files_sent, _files_taken)


@dataclass(frozen=True)
class _Kept:
    """The cache's side of keeping the rules' findings from one run to the next."""

    cache: CheckCache
    found: Discovery


def _check_files(
    options: CheckOptions,
    found: tuple[Finding, ...],
    files: list[FileResult],
    locator: Locator,
    kept: _Kept | None = None,
    *,
    earlier_state: bool = False,
) -> Checked:
    """``earlier_state``: the repository as it was before a change, which the hook compares
    with (:mod:`resilint.introduced`); the run is refused on the current state only."""
    config = options.config
    index = Index(doc for file in files for doc in file.documents)
    read = [f for file in files for f in file.findings]
    broken = _unreadable(read, config.limits)
    unreadable = tuple(b.finding.path for b in broken)
    earlier = (
        kept.cache.kept_findings(kept.found, index.documents, locator, unreadable)
        if kept is not None
        else None
    )
    inline = [s for file in files for s in file.suppressions]
    hearing = None
    if earlier is not None:
        hearing = _Hearing.set_up(options, index, read, inline, earlier.references, locator)
        if hearing.of(earlier.findings) != earlier.heard:
            earlier = hearing = None  # a suppression they rest on was added or taken away
    # a run that evaluates the rules notes what they and the reference checks read, from here
    # to the rules' last finding
    recorder = Recorder() if kept is not None and earlier is None else None
    if recorder is not None:
        recorder.watch(index.documents)
    model = Model(index, options.as_of, config.definitions)
    root = message_root(config.root)  # the files messages name are named from it
    stands = (
        hearing.stands
        if hearing is not None
        else StandingWaivers(options.rules, config.rules, index, options.as_of, locator)
    )
    references = (
        earlier.references
        if earlier is not None
        else list(
            check_references(
                index, options.schemas, locator, broken, model.facts().graph.names, root
            )
        )
    )
    core = [*check_index(index, locator, root), *references]
    selected = (
        hearing.selected if hearing is not None else select_rules(options.rules, config, index)
    )
    if not earlier_state:
        require_rules(selected, config)
        if all(path.is_dir() for path in options.paths):  # files named are a part of it
            refuse_blanket_per_file(config, (doc.path for doc in index.documents))
    if hearing is None:
        hearing = _Hearing.set_up(
            options, index, read, inline, references, locator, (selected, stands)
        )
    policy, accepted, standing = hearing.policy, hearing.accepted, hearing.standing
    reads: Mapping[str, Any]
    if earlier is not None:
        engine = EngineResult(tuple(earlier.findings), ())
        reads = earlier.reads
    else:
        try:
            run = _evaluation(
                options,
                model.facts(),
                locator,
                recorder,
                stands,
                mistyped(read),
                accepted,
                standing,
            )
            engine = run_rules(selected, run)
        finally:
            if recorder is not None:
                recorder.release()
        reads = recorder.reads if recorder is not None else {}
    if kept is not None:
        kept.cache.keep_rules(
            kept.found,
            index.documents,
            reads,
            engine.findings,
            references,
            unreadable,
            earlier.heard if earlier is not None else hearing.of(engine.findings),
        )
    judged, held_back = hold_back(engine.findings, broken, root)
    raw = [*found, *read, *core, *judged, *held_back]
    findings = _behind_duplicates(
        apply_suppressions(raw, inline, index, options.as_of, policy, locator)
    )
    if not options.recording:
        unnamed = {(d.path, d.kind) for d in index.documents if not d.id}
        findings = _behind_schema_errors(findings, unnamed)
    findings += engine.crashes
    if options.focus is not None:
        focus, wide = options.focus, options.focus_repository_wide
        findings = [f for f in findings if concerns(f, focus, wide)]
    # as shown: a long note on one finding of a supplier
    findings = said_once(findings, index, lambda sid: _adviser_notes(model, sid))
    on = law_rules_on(selected, config, index)
    result = Result(
        tuple(sorted(findings, key=lambda f: f.sort_key)),
        len(files),
        len(index.documents),
        engine.crashes,
        policy.ran,
        law_rules_off(options.rules, selected, config, index),
        on,
        law_patterns(on, config, {d.path for d in index.documents}),
        _nis2_kind_unknown(on, index, config),
    )
    return Checked(result, model, reads if kept is not None else None, locator)


def _nis2_kind_unknown(
    on: Sequence[str], index: Index, config: Config
) -> tuple[tuple[str, int, str], ...]:
    """The entities under NIS2 (their regimes name it, or, recording none, the profiles do)
    that record no ``nis2_entity_type`` while CTR-12 runs: it checks the supplier clauses of
    Implementing Regulation (EU) 2024/2690 only for the kinds of entity the Regulation binds,
    so for these it checks nothing, and a cloud provider that left the field out would pass
    (:attr:`Result.kind_unknown`)."""
    if "CTR-12" not in on:
        return ()
    found = []
    for entity in index.of_kind("Entity"):
        regimes = entity.data.get("regimes")
        under = "nis2" in regimes if isinstance(regimes, list) else "nis2" in config.profiles
        if under and entity.id is not None and entity.data.get("nis2_entity_type") is None:
            found.append((entity.path, entity.line, entity.id))
    return tuple(found)


DUPLICATE = "SUP-13"
"""The finding that a supplier record is a second record of one provider (to be merged into the
first and deleted)."""


def _behind_duplicates(findings: Sequence[Finding]) -> list[Finding]:
    """The rules' findings, but those about a supplier record SUP-13 reports as a provider's
    second record: each of its gaps is half a supplier's (the assessment on one record, the
    contract on the other) and goes with the record once it is merged; SUP-13's own finding
    says how many it holds, so the gate still fails on the record and nothing is lost. A
    SUP-13 finding waived or in the baseline (two companies sharing an identifier) holds
    nothing: the record is judged as its own."""
    second = {
        (f.kind, f.doc_id)
        for f in findings
        if f.code == DUPLICATE and f.doc_id and f.suppression is None
    }
    if not second:
        return list(findings)
    held: dict[tuple[str | None, str | None], int] = {}
    kept = []
    for finding in findings:
        place = (finding.kind, finding.doc_id)
        if place in second and finding.code != DUPLICATE and finding.code not in CORE_CHECKS:
            held[place] = held.get(place, 0) + 1
        else:
            kept.append(finding)
    return [_holding(f, held.get((f.kind, f.doc_id), 0)) for f in kept]


def _holding(finding: Finding, count: int) -> Finding:
    if finding.code != DUPLICATE or not count:
        return finding
    what = "finding" if count == 1 else "findings"
    said = f" ({count} other {what} about this record wait until it is merged)"
    return dataclasses.replace(finding, message=finding.message + said)


def _unreadable(read: Iterable[Finding], limits: Limits) -> list[Unreadable]:
    """Files that yielded no documents because they could not be read, with their text where
    it decodes: the references into them are REF-02, not "does not exist"."""
    firsts: dict[str, Finding] = {}
    for finding in read:
        check = CORE_CHECKS.get(finding.code)
        if check is not None and check.unreadable:
            firsts.setdefault(finding.path, finding)
    found = []
    for path, finding in firsts.items():
        text = read_text(Path(path), limits)
        found.append(Unreadable(finding, text if isinstance(text, str) else ""))
    return found


def _policy(
    options: CheckOptions, selected: Sequence[Rule], stands: StandingWaivers
) -> SuppressionPolicy:
    """What the configuration and the command line allow of suppressions, for this run."""
    config = options.config
    return SuppressionPolicy(
        forbid_inline=frozenset(config.forbid_inline),
        require_expiry=config.require_expiry,
        report_unused_waivers=any(rule.info.code == "EXC-02" for rule in selected),
        ran=frozenset(rule.info.code for rule in selected),
        baseline=options.baseline,
        baseline_path=options.baseline_path,
        known=frozenset(rule.info.code for rule in options.rules) | frozenset(CORE_CHECKS),
        stands=stands,
        per_file_ignores=config.per_file_ignores,
        root=str(config.root),
        per_file_source=config.origins.get("per_file_ignores", "the configuration"),
    )


def _evaluation(
    options: CheckOptions,
    facts: Facts,
    locator: Locator,
    recorder: Recorder | None = None,
    stands: StandingWaivers | None = None,
    fields: Mistyped | None = None,
    accepted: Accepted = frozenset(),
    standing: Callable[[Sequence[Finding]], list[Finding]] | None = None,
) -> Evaluation:
    config = options.config
    return Evaluation(
        facts=facts,
        locator=locator,
        settings=config.rules,
        known_codes=frozenset(rule.info.code for rule in options.rules) | frozenset(CORE_CHECKS),
        configured_profiles=frozenset(config.profiles) | frozenset(config.selected),
        jobs=options.jobs,
        recorder=recorder,
        waiver_stands=stands,
        mistyped=fields or {},
        accepted_references=accepted,
        standing=standing,
        clauses_read=clauses_read(options.rules),
    )


def _asked(selected: Iterable[Rule]) -> frozenset[str]:
    """The codes of the rules a selected check leaves gaps to, counting only their findings
    no suppression accepts (its ``asks``: known without importing a built-in check)."""
    return frozenset(code for rule in selected for code in getattr(rule, "asks", ()))


@dataclass(frozen=True)
class _Hearing:
    """The suppressions a run's rule findings rest on, besides the fields the rules read: a
    suppression of a finding another check asks for (a waived BCM-07 leaves BCM-03 to say its
    gap), and a reference accepted as it is (a suppressed REF-01, judged by the rules waiting
    for it to be corrected). An edited comment, waiver or ``per_file_ignores`` changes them
    without changing a field: a kept run is reused only while they are what it rested on."""

    policy: SuppressionPolicy
    accepted: Accepted
    """The references accepted as they are: every one REF-01 reports while a baseline is
    recorded (it will hold their REF-01), else those whose REF-01 is suppressed."""
    standing: Callable[[Sequence[Finding]], list[Finding]]
    asked: frozenset[str]
    selected: Sequence[Rule]
    stands: StandingWaivers

    @classmethod
    def set_up(
        cls,
        options: CheckOptions,
        index: Index,
        read: list[Finding],
        inline: list[InlineSuppression],
        references: Sequence[Finding],
        locator: Locator,
        chosen: tuple[Sequence[Rule], StandingWaivers] | None = None,
    ) -> _Hearing:
        """``chosen``: the rules selected and the waivers standing, where the run has them."""
        selected, stands = chosen or (
            select_rules(options.rules, options.config, index),
            StandingWaivers(options.rules, options.config.rules, index, options.as_of, locator),
        )
        policy = _policy(options, selected, stands)
        as_of = options.as_of
        return cls(
            policy,
            every_reference(references)
            if options.recording
            else silenced_references(references, read, inline, index, as_of, policy, locator),
            standing_findings(read, inline, index, as_of, policy, locator),
            _asked(selected),
            selected,
            stands,
        )

    def of(self, findings: Iterable[Finding]) -> tuple[str, ...]:
        """What ``findings`` rest on, in a few words a kept run holds: each finding a check
        asks for that a suppression accepts, and each reference accepted as it is. Where the
        fields read are unchanged and these are the same, evaluating the rules again would
        find the same (each rule judges the findings it asks for, the earlier rules' own
        alike)."""
        consulted = [f for f in findings if f.code in self.asked]
        said = Counter(_heard_as(f) for f in self.standing(consulted))
        heard = Counter(_heard_as(f) for f in consulted) - said
        return tuple(
            sorted([*heard.elements(), *("\x02" + repr(reference) for reference in self.accepted)])
        )


def _heard_as(finding: Finding) -> str:
    """A finding as what it says of what (its place in the text is not kept: a suppression is
    found by the finding, whose line an edit moves)."""
    return "\x01".join(
        (
            finding.code,
            finding.path,
            finding.kind or "",
            finding.doc_id or "",
            repr(finding.json_path),
            finding.discriminator,
            finding.message,
        )
    )


def _adviser_notes(model: Model, supplier_id: str) -> dict[str, frozenset[str]]:
    """The words a finding may end with where a supplier without ICT services is asked a term
    because nothing recorded says it is an adviser, a bank or a scheme, each with the models
    it names (none where its model is known or it provides ICT services)."""
    facts = model.facts().supplier_by_id(supplier_id)
    if facts is None or facts.service_models:
        return {}
    return delivery.adviser_notes(
        facts.document, facts.non_ict, facts.exposures, facts.outsourcing_unrecorded
    )


def _behind_schema_errors(findings: list[Finding], unnamed: set[tuple[str, str]]) -> list[Finding]:
    """A field with a schema error is reported once, as that error, while it stands: rules
    reading the same field (``window_hours: four``) would only repeat it in worse words, and
    so would a rule that judged the field from another one (an end date "not after its start
    date 01.04.2024", a renewal decision due "3 months days" before the end): a declarative
    rule's finding names the fields it was judged on (:attr:`Finding.needs`, each folded gap
    its own), and a gap judged on a field with a schema error is not said, the other gaps it
    was folded with are. So is
    a document without an id (SCH-01: id is required): the rules could only call it "supplier
    None", and its gaps follow once it is named. A schema error that is suppressed (inline, by
    a waiver, the baseline or ``per_file_ignores``) stands for nothing: the rules' findings
    there are reported and answer to their own suppressions (``forbid_inline`` included), or
    silencing a type error would silence every rule that reads the field."""
    fields = mistyped(findings)
    held: set[tuple[str, str | None]] = set()
    for finding in findings:
        unnamed_error = finding.doc_id is None and (finding.path, finding.kind) in unnamed
        if finding.code == "SCH-01" and finding.suppression is None and unnamed_error:
            held.add((finding.path, finding.kind))
    if not fields and not held:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        if finding.code in CORE_CHECKS:
            kept.append(finding)
        elif finding.doc_id is None and (finding.path, finding.kind) in held:
            continue
        else:
            left = behind(finding, fields)
            if left is not None:
                kept.append(left)
    return kept


# Whatever the focused files change, a dangling reference or a clashing id anywhere is their doing
# (a deleted or renamed document), so those are always reported.
_REPOSITORY_WIDE = frozenset({"REF-01", "REF-05", "DOC-02", "FILE-06"})
# A file a sparse checkout left out: the run is missing part of the repository, so no part of
# it can be judged (a focused check of suppliers/ would miss a clash with an id left out).
_INCOMPLETE = frozenset({"FILE-06"})


def normalise(path: str) -> str:
    return _normalised(os.getcwd(), path)  # noqa: PTH109 - no Path made per finding


@functools.lru_cache(maxsize=1 << 16)
def _normalised(cwd: str, path: str) -> str:
    """A path relative to ``cwd``, in the platform's case: asked once per finding and related
    place in a focused run (thousands in a large repository, most in a few files), so kept."""
    return os.path.normcase(os.path.relpath(os.path.join(cwd, path), cwd))  # noqa: PTH118


def within_focus(path: str, focus: frozenset[str]) -> bool:
    """Whether ``path`` is one of the files or folders of ``focus`` (normalised), or below one."""
    if "." in focus and not path.startswith((os.pardir, os.sep)):
        return True  # in the whole working directory: each path need not be made absolute
    where = normalise(path)
    return any(_holds(f, where) for f in focus)


def _holds(folder: str, where: str) -> bool:
    """Whether the normalised path ``where`` is ``folder`` (normalised) or below it. Run in a
    folder of the repository, which a check loads whole, ``.`` is that folder and not its
    parent's files, and ``..`` holds the files of ``.`` too."""
    if folder == os.curdir:
        return not _above(where)
    if _above(folder):  # an ancestor of the working directory: compared as absolute paths
        cwd = os.getcwd()  # noqa: PTH109 - no Path made per finding
        folder = os.path.normpath(os.path.join(cwd, folder))  # noqa: PTH118
        where = os.path.normpath(os.path.join(cwd, where))  # noqa: PTH118
        return where == folder or where.startswith(folder.rstrip(os.sep) + os.sep)
    return where == folder or where.startswith(folder + os.sep)


def _above(where: str) -> bool:
    """Whether a normalised path lies outside the working directory."""
    above = where == os.pardir or where.startswith(os.pardir + os.sep)
    return above or os.path.isabs(where)  # noqa: PTH117 - no Path made per finding


def concerns(
    finding: Finding, focus: frozenset[str], changes: bool, *, anywhere: bool = True
) -> bool:
    """Located in the focus; for a change (pre-commit), also what it breaks elsewhere: a finding
    with a related place in the focus, and (``anywhere``) a dangling reference or a clashing id
    anywhere, which only a comparison with the earlier state tells from an old one
    (:mod:`resilint.introduced`, which makes it and passes ``anywhere=False``). A run missing
    part of the repository concerns every focus."""
    if finding.code in _INCOMPLETE or within_focus(finding.path, focus):
        return True
    if not changes:
        return False
    return (anywhere and finding.code in _REPOSITORY_WIDE) or any(
        within_focus(related.path, focus) for related in finding.related
    )
