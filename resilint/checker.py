"""The flow, end to end: discover -> load -> validate -> index and references -> rules -> report.

Core code returns findings and never prints; the CLI and reporters write output.

Reading and validating the files discovery found is :mod:`resilint.reading`; the rules' findings
another one stands for are held back by :mod:`resilint.withheld`; what a focused check reports
is :mod:`resilint.focus`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.discover import Discovery, discover
from resilint.domain import Definitions, delivery
from resilint.domain.misnamed import Accepted
from resilint.engine import EngineResult, Evaluation, run_rules
from resilint.findings import Finding
from resilint.focus import concerns
from resilint.incremental import Recorder
from resilint.limits import Limits
from resilint.load import read_text
from resilint.locate import Locator
from resilint.mistyped import Mistyped, mistyped
from resilint.model import Index
from resilint.pattern_checks import refuse_blanket_per_file
from resilint.reading import _named_but_empty, _read_all
from resilint.references import Unreadable, check_index, check_references
from resilint.result import FileResult, Result
from resilint.rules import Rule
from resilint.said_once import said_once
from resilint.schemas import SchemaSet
from resilint.selection import require_rules, select_rules
from resilint.suppress import (
    SuppressionPolicy,
    apply_suppressions,
    every_reference,
    ignore_per_file,
    silenced_references,
)
from resilint.unconfirmed import hold_back
from resilint.waiver_validity import StandingWaivers
from resilint.withheld import _behind_duplicates, _behind_schema_errors

if TYPE_CHECKING:
    from resilint.domain import Facts
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
    (:func:`resilint.withheld._behind_schema_errors`) are kept too, since once the baseline
    accepts that error they are reported, and a baseline must accept what is there."""


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

    @property
    def facts(self) -> Facts:
        return self.model.facts()


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
        return _check_files(self.options, self.found, files, locator, earlier_state=True).result


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
    named = _named_but_empty(options, found.names, files)
    kept = _Kept(cache, found) if cache is not None and cache.rules_salt else None
    read = (*found.findings, *named)
    checked = _check_files(options, read, files, locator, kept)
    result = checked.result
    if judge is not None:
        result = judge(Evaluated(options, read, found.names, files, locator, checked))
    if cache is not None:
        cache.save(found, files, result, locator.positions)
    return result


def check_model(options: CheckOptions, cache: CheckCache | None = None) -> Checked:
    """The check, with its model. The cached whole result is not reused (it holds findings,
    not the model); unchanged files still come from the cache."""
    found = _discover(options)
    locator = Locator(options.config.limits)
    files = _read_all(found, options, cache, locator)
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
    files = _read_all(found, options, None)
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
    return discover(
        options.paths,
        config.exclude,
        [*([config.source] if config.source else []), *map(Path, sorted(options.left_out))],
        root=config.root if config.source else None,
        limits=config.limits,
    )


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
    # a run that evaluates the rules notes what they and the reference checks read, from here
    # to the rules' last finding
    recorder = Recorder() if kept is not None and earlier is None else None
    if recorder is not None:
        recorder.watch(index.documents)
    model = Model(index, options.as_of, config.definitions)
    stands = StandingWaivers(options.rules, config.rules, index, options.as_of, locator)
    references = (
        earlier.references
        if earlier is not None
        else list(
            check_references(index, options.schemas, locator, broken, model.facts().graph.names)
        )
    )
    core = [*check_index(index, locator), *references]
    selected = select_rules(options.rules, config, index)
    if not earlier_state:
        require_rules(selected, config)
        if all(path.is_dir() for path in options.paths):  # files named are a part of it
            refuse_blanket_per_file(config, (doc.path for doc in index.documents))
    policy = _policy(options, selected, stands)
    inline = [s for file in files for s in file.suppressions]
    # a reference whose REF-01 is suppressed is accepted as it is: the rules waiting for it
    # to be corrected judge it (a silenced REF-01 hides nothing); a run recording a baseline
    # accepts every one, as the baseline will
    accepted = (
        every_reference(references)
        if options.recording
        else silenced_references(references, read, inline, index, options.as_of, policy, locator)
    )
    if accepted:  # what the rules find rests on suppressions too: neither kept nor reused
        earlier = None
        if recorder is not None:
            recorder.release()
            recorder = None
    reads: Mapping[str, Any]
    if earlier is not None:
        engine = EngineResult(tuple(earlier.findings), ())
        reads = earlier.reads
    else:
        try:
            run = _evaluation(
                options, model.facts(), locator, recorder, stands, mistyped(read), accepted
            )
            engine = run_rules(selected, run)
        finally:
            if recorder is not None:
                recorder.release()
        reads = recorder.reads if recorder is not None else {}
    if kept is not None and not accepted:
        kept.cache.keep_rules(
            kept.found, index.documents, reads, engine.findings, references, unreadable
        )
    judged, held_back = hold_back(engine.findings, broken)
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
    result = Result(
        tuple(sorted(findings, key=lambda f: f.sort_key)),
        len(files),
        len(index.documents),
        engine.crashes,
    )
    return Checked(result, model, reads if kept is not None else None)


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
    )


def _adviser_notes(model: Model, supplier_id: str) -> dict[str, frozenset[str]]:
    """The words a finding may end with where a supplier without ICT services is asked a term
    because nothing recorded says it is an adviser, a bank or a scheme, each with the models
    it names (none where its model is known or it provides ICT services)."""
    facts = model.facts().supplier_by_id(supplier_id)
    if facts is None or facts.service_models:
        return {}
    return delivery.adviser_notes(facts.document, facts.non_ict, facts.exposures)
