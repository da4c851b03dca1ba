"""Run the selected rules over the indexed repository.

A rule that raises does not stop the others: its failure becomes a finding with the rule's code,
and the run exits with its own status.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from resilint.domain.readers import strings
from resilint.domain.regimes import REGIME_OF_PROFILE
from resilint.findings import Finding, JsonPath, Level
from resilint.incremental import Recorder
from resilint.locate import Locator
from resilint.mistyped import Mistyped, behind
from resilint.parallel import evaluate_all
from resilint.rules import Rule, RuleContext, RuleInfo
from resilint.rules.model import RuleCrash
from resilint.rules.python import PythonRule
from resilint.rules.runtime import OverBudget

if TYPE_CHECKING:
    from resilint.domain import Facts
    from resilint.domain.clauses import ReadBy
    from resilint.domain.misnamed import Accepted
    from resilint.model import Document, Index


@dataclass(frozen=True)
class RuleSettings:
    """The configuration's say over one rule."""

    level: Level | None = None
    params: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class EngineResult:
    """The rules' findings, and the findings that say a rule crashed."""

    findings: tuple[Finding, ...]
    crashes: tuple[Finding, ...]


@dataclass(frozen=True)
class Evaluation:
    """What every rule of one run shares."""

    facts: Facts
    locator: Locator
    settings: Mapping[str, RuleSettings]
    known_codes: frozenset[str]
    """Codes of every loaded rule and built-in check (waivers may name any of them)."""
    configured_profiles: frozenset[str]
    """Profiles the configuration names, and the codes and groups it selects: a profile, its
    regime or a rule's own code applies the rule everywhere (:func:`_regimes_only`)."""
    jobs: int = 1
    """Processes the rules may be evaluated on (:mod:`resilint.parallel`)."""
    recorder: Recorder | None = None
    """Notes the fields the rules read, for the next run (:mod:`resilint.incremental`)."""
    waiver_stands: Callable[[Document], bool] | None = None
    """Whether a waiver may suppress (:mod:`resilint.waiver_validity`)."""
    mistyped: Mistyped = field(default_factory=dict)
    """The fields with a schema error: what another rule reports there is not said (the
    checker leaves it out), so a rule that leaves a gap to it says the gap itself."""
    accepted_references: Accepted = frozenset()
    """The references whose REF-01 is suppressed (a standing Waiver, inline, the baseline,
    per_file_ignores), accepted as they are (RuleContext's)."""
    standing: Callable[[Sequence[Finding]], Sequence[Finding]] | None = None
    """Which of a rule's findings no waiver, inline comment or per_file_ignores accepts
    (RuleContext's)."""
    clauses_read: Callable[[], ReadBy] = tuple
    """The clause ids the loaded rules read, worked out when first asked (RuleContext's)."""


def run_rules(rules: Iterable[Rule], run: Evaluation) -> EngineResult:
    findings: list[Finding] = []
    crashes: list[Finding] = []
    selected = tuple(rules)
    params = {rule.info.code: _params(rule.info, run) for rule in selected}
    units = _units(selected, run.facts.index)
    recorder = run.recorder
    numbered = {rule.info.code: number for number, rule in enumerate(selected)}
    done: dict[int, tuple[list[Finding], Finding | None]] = {}  # in this process
    running: set[int] = set()
    kept: dict[int, list[Finding]] = {}

    def outcome(number: int) -> tuple[list[Finding], Finding | None]:
        if number not in done:
            running.add(number)
            try:
                done[number] = _evaluate(selected[number], run, params, reported)
            finally:
                running.discard(number)
        return done[number]

    def reported(code: str) -> list[Finding]:
        number = numbered.get(code)
        if number is None or number in running:  # two rules leaving a gap to each other:
            return []  # the one asked while it runs reports nothing yet, so the other says it
        if number not in kept:  # what the run keeps of it: a rule that leaves a gap to it
            kept[number] = [
                left
                for f in _kept(selected[number].info, outcome(number)[0], run)
                if (left := behind(f, run.mistyped)) is not None
            ]
        return kept[number]

    def evaluate(unit: int) -> tuple[list[tuple[list[Finding], Finding | None]], Any]:
        found = [outcome(number) for number in units[unit]]
        # what this process read so far: a process the rules were spread to sends it back
        return found, recorder.snapshot() if recorder is not None else None

    by_unit = evaluate_all(
        len(units), evaluate, run.jobs, run.locator, len(run.facts.index.documents)
    )
    if recorder is not None:
        for _, reads in by_unit:
            recorder.merge(reads)
    numbers = [number for unit in units for number in unit]
    outcomes = dict(zip(numbers, itertools.chain(*(found for found, _ in by_unit)), strict=True))
    for number, rule in enumerate(selected):
        found, crash = outcomes[number]
        if crash is not None:
            crashes.append(crash)
            continue
        findings.extend(_kept(rule.info, found, run))
    return EngineResult(tuple(findings), tuple(crashes))


def _kept(info: RuleInfo, found: list[Finding], run: Evaluation) -> list[Finding]:
    """A rule's findings on the documents it applies to: under its regimes, in its
    ``applies_to``."""
    regimes = _regimes_only(info, run.configured_profiles)
    return [
        f
        for f in found
        if (not regimes or _under(f, regimes, run.facts)) and _applies(f, info, run.facts)
    ]


def _units(rules: tuple[Rule, ...], index: Index) -> list[tuple[int, ...]]:
    """The rules by number, in units one process evaluates: each rule alone, but the checks
    that read one model (:func:`resilint.rules.python.reading`) together, and first: building
    the model makes them the longest unit, which should not be the last one taken. The rules
    whose findings such a check asks for (its ``after``) come in its unit, before it, so that
    they are evaluated once. A check with nothing to examine (:meth:`PythonRule.idle`) finds
    nothing: it is not asked which model it reads (a built-in check's module would be imported
    to answer)."""
    numbered = {rule.info.code: number for number, rule in enumerate(rules)}
    reading: dict[str, list[int]] = {}
    for number, rule in enumerate(rules):
        if isinstance(rule, PythonRule) and rule.idle(index):
            continue
        model = getattr(rule, "model", "")
        if model:
            unit = reading.setdefault(model, [])
            asked = [numbered[code] for code in getattr(rule, "after", ()) if code in numbered]
            unit.extend(n for n in [*asked, number] if n not in unit)
    grouped = {number for unit in reading.values() for number in unit}
    alone = [(number,) for number in range(len(rules)) if number not in grouped]
    return [tuple(unit) for unit in reading.values()] + alone


def _evaluate(
    rule: Rule,
    run: Evaluation,
    params: Mapping[str, Mapping[str, Any]],
    reported: Callable[[str], list[Finding]],
) -> tuple[list[Finding], Finding | None]:
    """What one rule finds, or the finding that says it failed."""
    info = rule.info
    own = run.settings.get(info.code, RuleSettings())
    context = RuleContext(
        run.facts.index,
        run.facts.as_of,
        params[info.code],
        own.level or info.level,
        run.known_codes,
        run.locator,
        run.facts,
        params,
        reported,
        own.level is not None,
        run.waiver_stands,
        run.accepted_references,
        run.standing,
        run.clauses_read,
    )
    try:
        return list(rule.run(context)), None
    except Exception as exc:  # a defect in one rule must not hide the others' findings
        return [], _crash(rule, exc, run.locator)


def _params(info: RuleInfo, run: Evaluation) -> Mapping[str, Any]:
    """A rule's parameters: its defaults with the configuration's values over them."""
    own = run.settings.get(info.code, RuleSettings())
    return {**info.params, **(own.params or {})}


def _applies(finding: Finding, info: RuleInfo, facts: Facts) -> bool:
    """A Python check's ``applies_to``, on the documents of its kind it reports about."""
    if not info.applies_to or info.kind is None or finding.kind != info.kind:
        return True
    document = facts.index.get(info.kind, finding.doc_id) if finding.doc_id else None
    return document is None or facts.matches(document, info.applies_to)


def confined_to(info: RuleInfo, configured: frozenset[str]) -> frozenset[str]:
    """The regimes a rule's findings are confined to (empty: every document), for the report's
    question of which terms a run checked for which supplier."""
    return _regimes_only(info, configured)


def _regimes_only(info: RuleInfo, configured: frozenset[str]) -> frozenset[str]:
    """The regimes a regulatory rule is confined to: those of its profiles (dora-register's is
    dora), unless the configuration names one of them, their regime or the rule's own code and
    so applies it to every document. A group (``--select CTR``) chooses the contract rules
    without saying that every contract is under DORA: its DORA rules stay with what is."""
    profiles = frozenset(info.profiles)
    if not profiles or not all(p in REGIME_OF_PROFILE for p in profiles):
        return frozenset()
    regimes = frozenset(REGIME_OF_PROFILE[p] for p in profiles)
    if profiles & configured or regimes & configured or info.code in configured:
        return frozenset()
    return regimes


def _under(finding: Finding, regimes: frozenset[str], facts: Facts) -> bool:
    """Whether the document a finding is about falls under one of ``regimes`` (a DORA rule on
    a contract of an entity without DORA says nothing)."""
    document = (
        facts.index.get(finding.kind, finding.doc_id) if finding.kind and finding.doc_id else None
    )
    return document is None or falls_under(document, finding.json_path, regimes, facts)


def falls_under(document: Document, path: JsonPath, regimes: frozenset[str], facts: Facts) -> bool:
    """Whether what sits at ``path`` in ``document`` falls under one of ``regimes``: the
    document's regimes, and for a supplier's service, that service's (:func:`_service_under`).
    What a rule confined to them says of it is said; the calendar lists its dates likewise."""
    if not facts.document_regimes(document) & regimes:
        return False
    if document.kind == "Supplier" and len(path) >= 2 and path[0] == "services":
        return _service_under(document, path[1], regimes, facts)
    return True


def _service_under(
    supplier: Document, position: object, regimes: frozenset[str], facts: Facts
) -> bool:
    """Whether one service of a supplier falls under ``regimes``: an entity under one of them
    has a contract covering it (one naming it, or naming no services), or performs a business
    function resting on it (naming it, or the supplier as a whole). A supplier under DORA through
    the bank's contract for one service is not, for another service only a NIS2 entity uses:
    DORA Art. 28(8) and Art. 30(3) ask of the ICT services supporting the financial entity's own
    critical or important functions. A service no contract or function ties to an entity
    stays under every regime of its supplier (we cannot tell whose it is)."""
    services = supplier.data.get("services")
    if not isinstance(position, int) or not isinstance(services, list):
        return True
    service = services[position] if position < len(services) else None
    name = service.get("name") if isinstance(service, dict) else None
    if not isinstance(name, str) or supplier.id is None:
        return True
    tied: set[str] = set()
    for contract in facts.index.having("Contract", "supplier", supplier.id):
        covered = strings(contract.data.get("services"))
        if not covered or name in covered:
            tied |= facts.contract(contract).regimes
    for function, named in facts.direct_dependencies().get(supplier.id, []):
        document = facts.index.get("BusinessFunction", function)
        if document is not None and (named is None or name in named):
            tied |= facts.function(document).regimes
    return not tied or bool(tied & regimes)


def _crash(rule: Rule, exc: Exception, locator: Locator) -> Finding:
    """The rule's failure as a finding: at the document it was evaluating when known (a
    declarative rule), else at the rule's definition."""
    from resilint.domain.graph import GraphTooLarge  # a crash is rare: not imported at start-up

    info = rule.info
    cause = exc.cause if isinstance(exc, RuleCrash) else exc
    if isinstance(cause, GraphTooLarge):  # the graph, not the rule: at the function
        message = f"rule {info.code} ({info.name}) was stopped: {cause}; the other rules ran"
        return locator.finding(
            info.code, info.name, Level.ERROR, message, cause.function, ("depends_on",)
        )
    if isinstance(exc, RuleCrash) and isinstance(exc.cause, OverBudget):
        message = (
            f"rule {info.code} ({info.name}) was stopped on {exc.document.label}: "
            f"{exc.cause}; the other rules ran"
        )
        return locator.finding(info.code, info.name, Level.ERROR, message, exc.document, ("id",))
    if isinstance(exc, RuleCrash):
        message = (
            f"rule {info.code} ({info.name}) could not be evaluated on "
            f"{exc.document.label}: {exc}; the other rules ran. Please report this."
        )
        return locator.finding(info.code, info.name, Level.ERROR, message, exc.document, ("id",))
    file, _, line = info.source.rpartition(":")
    return Finding(
        info.code,
        info.name,
        Level.ERROR,
        f"rule {info.code} ({info.name}) could not be evaluated: "
        f"{type(exc).__name__}: {exc}; the other rules ran. Please report this.",
        file,
        int(line) if line.isdigit() else 1,
        1,
    )
