"""What every rule is, declarative or Python: its documentation and a ``run`` giving problems."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from resilint.findings import Elsewhere, Finding, JsonPath, Level, Related
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.resources import data_dir
from resilint.rules.site import Site
from resilint.schemas import RefField

if TYPE_CHECKING:
    from resilint.domain import Facts
    from resilint.domain.clauses import ClauseIds, ReadBy
    from resilint.domain.misnamed import Accepted

PROFILES = ("baseline", "dora", "dora-register", "nis2", "nydfs")


@dataclass(frozen=True)
class ExpectedFinding:
    """A finding a rule's failing example must give: the document's id and the line."""

    id: str
    line: int
    source: str = ""
    """Where the entry is in the rule file (``policies/contracts.yaml:41``)."""


@dataclass(frozen=True)
class RuleExamples:
    """A rule's passing and failing examples, as ``resilint test`` runs them."""

    passing: str
    failing: str
    expect: tuple[ExpectedFinding, ...]
    expect_source: str = ""
    """Where the ``expect`` list is (``policies/contracts.yaml:40``): a wrong line is fixed
    there, often far below the rule's ``code``."""


@dataclass(frozen=True)
class RuleInfo:
    """A rule's identity and documentation, as ``resilint explain`` prints it."""

    code: str
    name: str
    level: Level
    profiles: tuple[str, ...]
    title: str
    rationale: str
    references: tuple[str, ...]
    remediation: str
    source: str
    """Where the rule is defined: ``rules/contracts.yaml:12``."""
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: RuleExamples | None = None
    time_aware: bool = False
    applies_to: Mapping[str, Any] = field(default_factory=dict)
    """To whom the rule applies, in domain facts of ``kind`` (the selected or reported kind)."""
    kind: str | None = None
    logic: Any = field(default=None, compare=False, repr=False)
    """The expressions of the rule's entry (its prose and examples left out): walked only when
    :attr:`day_params` or :attr:`clause_ids` is asked, never at every start."""

    @functools.cached_property
    def day_params(self) -> frozenset[str]:
        """The parameters the rule reads as a count of days (``within_days: {param: window}``),
        whatever their names: the configuration may set them to whole numbers only (only a
        rule with parameters can read one)."""
        if self.logic is None or not self.params:
            return frozenset()
        return frozenset(read_as_days(self.logic))

    @functools.cached_property
    def clause_ids(self) -> frozenset[str]:
        """The clause ids the rule reads (``contract.clauses['dora.30.2.a'].present``)."""
        return frozenset(read_clause_ids(self.logic)) if self.logic is not None else frozenset()

    @property
    def packaged(self) -> bool:
        """One of resilint's own rules (read from its packaged rule files), whose texts are
        written in Markdown on purpose; a repository's own rule's texts are data."""
        where = Path(self.source.rpartition(":")[0] or self.source)  # no file system call
        return where.parent == data_dir("rules")


@dataclass(frozen=True)
class RuleContext:
    """What a rule run receives: the whole repository, the as-of date, parameters and level."""

    index: Index
    as_of: datetime.date
    params: Mapping[str, Any]
    level: Level
    known_codes: frozenset[str]
    """Codes of every loaded rule (resilint's, the user's, plug-ins') and built-in check."""
    locator: Locator
    facts: Facts
    """What each document is in the domain model: critical, in force, ICT, its regimes."""
    rule_params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The parameters of every rule of this run, by code, as configured: for a check whose
    finding would repeat another rule's (CTR-04 judges the notice window CTR-03 leaves)."""
    reported: Callable[[str], Sequence[Finding]] | None = None
    """What another rule of this run reports, by code (on the documents under its regimes and
    in its ``applies_to``, as the run keeps them), evaluated once: for a check that says only
    what that rule does not (REG-12), and a requirement that leaves its gap to another rule
    (``unless_reported_by``). Empty for a rule not selected; None where no other rule runs."""
    level_configured: bool = False
    """Whether the configuration set :attr:`level` (to the rule's default level or another):
    then every part of the rule takes it, also a part rated at a level of its own."""
    waiver_stands: Callable[[Document], bool] | None = None
    """Whether a waiver may suppress, as EXC-01 judges it whatever the run selects
    (:mod:`resilint.waiver_validity`): for a check that asks what a waiver accepts (CTR-04).
    None where the run gives none: no waiver is believed."""
    accepted_references: Accepted = frozenset()
    """The references whose REF-01 is suppressed (a standing Waiver, inline, the baseline,
    per_file_ignores), accepted as they are: not taken to mean the
    document REF-01 suggests (:func:`resilint.domain.misnamed.unaccepted`)."""
    standing: Callable[[Sequence[Finding]], Sequence[Finding]] | None = None
    """Which of another rule's findings no Waiver, inline comment or ``per_file_ignores``
    accepts (:func:`resilint.suppress.standing_findings`). None: every one stands."""
    clauses_read: Callable[[], ReadBy] = tuple
    """The clause ids every loaded rule reads, each with the codes of the rules reading it,
    worked out when first asked (:attr:`RuleInfo.clause_ids`): ids a contract may hold that no
    clause library defines, read through :attr:`clause_ids`."""

    def reported_about(self, code: str, kind: str) -> set[str]:
        """The ids of the ``kind`` documents rule ``code`` reports in this run at this rule's
        level or above, in a finding no waiver, inline comment or ``per_file_ignores``
        accepts: what a check leaves to that rule (where it does not run, reports at a lower
        level, or its finding is accepted, the check says the gap itself: a waiver accepts the
        risk of the one finding it names, not this rule's)."""
        if self.reported is None:
            return set()
        found = [
            f
            for f in self.reported(code)
            if f.kind == kind and f.doc_id is not None and f.level >= self.level
        ]
        if self.standing is not None:
            found = list(self.standing(found))
        return {str(f.doc_id) for f in found}

    @functools.cached_property
    def clause_ids(self) -> ClauseIds:
        """The clause ids of this check: those the clause libraries define and the rules read,
        and the near miss of one each other id is (:mod:`resilint.domain.clauses`): worked out
        once a check, kept by the rule for each gap that reads a clause."""
        from resilint.domain.clauses import clause_ids

        return self.facts.derived(clause_ids, self.clauses_read)

    def finding(
        self,
        info: RuleInfo,
        document: Document,
        json_path: JsonPath,
        message: str,
        related: tuple[Related, ...] = (),
        discriminator: str = "",
        level: Level | None = None,
        judged_on: Iterable[tuple[Document, JsonPath]] = (),
    ) -> Finding:
        """A finding of rule ``info`` at the level the configuration gives it. A part of a rule
        rated at a ``level`` of its own keeps it, unless the configuration set the rule's level.
        ``judged_on``: the fields, of its document or others, the check read to judge it (a
        recovery objective, a plan's degraded mode): while one of them fails the schema, the
        finding is not made, as a declarative rule's is not (:attr:`Finding.needs`)."""
        chosen = level if level is not None and not self.level_configured else self.level
        needs = tuple(path for doc, path in judged_on if doc is document and path != json_path)
        elsewhere = tuple(
            Elsewhere(doc.path, doc.kind or None, doc.id, path)
            for doc, path in judged_on
            if doc is not document
        )
        return self.locator.finding(
            info.code,
            info.name,
            chosen,
            message,
            document,
            json_path,
            related=related,
            discriminator=discriminator,
            needs=tuple(dict.fromkeys(needs)),
            elsewhere=tuple(dict.fromkeys(elsewhere)),
        )

    def related(self, document: Document, json_path: JsonPath, message: str) -> Related:
        """Another document a finding involves, shown beside it with its position."""
        return self.locator.related(document, json_path, message)

    def referrers(self, kind: str, field: str, target: str, doc_id: str) -> list[Document]:
        """The ``kind`` documents whose reference ``field`` (to ``target`` documents; dotted,
        ``[]`` for each item of a list: ``functions.[]``) names ``doc_id``, then those
        :meth:`misnamed` gives: a check counting a function's continuity plans or a supplier's
        contracts counts them as correcting the reference will, and so reports no gap that
        only the misnamed reference makes (REF-01 says it), as a declarative rule does not."""
        found = self.index.referrers(_ref_field(kind, field, target)).get(doc_id, [])
        return [*found, *(d for d in self.misnamed(kind, field, target, doc_id) if d not in found)]

    def misnamed(self, kind: str, field: str, target: str, doc_id: str) -> list[Document]:
        """The ``kind`` documents whose reference ``field`` names no ``target`` document but
        most likely means ``doc_id`` (a plan naming function ``Warehousing`` for
        ``warehousing``: :mod:`resilint.domain.misnamed`)."""
        from resilint.domain.misnamed import misnamed_referrers, unaccepted

        field_ = _ref_field(kind, field, target)
        meant = list(self.facts.derived(misnamed_referrers, field_).get(doc_id, []))
        return unaccepted(self.facts, field_, meant, self.accepted_references)


def _ref_field(kind: str, field: str, target: str) -> RefField:
    return RefField(kind, tuple(field.split(".")), target)


class RuleCrash(Exception):
    """A rule failed while evaluating one document: the crash is reported at that document."""

    def __init__(self, document: Document, cause: Exception) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.document = document
        self.cause = cause


class Rule(Protocol):
    @property
    def info(self) -> RuleInfo: ...

    def run(self, context: RuleContext) -> Iterator[Finding]: ...


def describe(
    rule: Mapping[str, Any], site: Site, where: JsonPath, *, time_aware: bool, kind: str | None
) -> RuleInfo:
    """A rule's identity and documentation from its entry in a rule file (compiled or not)."""
    examples = rule["examples"]
    entries = (*where, "examples", "expect")
    expect = tuple(
        ExpectedFinding(e["id"], e["line"], f"{site.file}:{site.locate((*entries, i))[0]}")
        for i, e in enumerate(examples["expect"])
    )
    line, _ = site.locate(where)
    expect_line, _ = site.locate(entries)
    return RuleInfo(
        code=rule["code"],
        name=rule["name"],
        level=Level.parse(rule["level"]),
        profiles=tuple(rule.get("profiles", ["baseline"])),
        title=rule["title"].strip(),
        rationale=rule["rationale"].strip(),
        references=tuple(rule["references"]),
        remediation=rule["remediation"].strip(),
        source=f"{site.file}:{line}",
        params=rule.get("params", {}),
        examples=RuleExamples(
            examples["pass"], examples["fail"], expect, f"{site.file}:{expect_line}"
        ),
        time_aware=time_aware,
        applies_to=rule.get("applies_to", {}),
        kind=kind,
        logic=[v for k, v in rule.items() if k not in _PROSE],
    )


DATE_OPERATORS = frozenset({"within_days", "older_than_days", "within_next_days", "is_past"})
"""The rule language's operators that test a date (against the check's as-of date): one
definition, read by the compiler (a rule using one is time-aware), the checks of a rule's
constants and the parameters read as counts of days. Here, where every start has it: the
operators and expressions modules are imported only where rules are compiled."""
DAY_COUNTS = DATE_OPERATORS - {"is_past"}
"""The operators whose operand is a count of days (as :data:`DAY_SHIFTS`' are): the date
operators but ``is_past``, whose operand is true or false."""
DAY_SHIFTS = ("plus_days", "minus_days")
"""The keys of a date operand, ``{date: ..., plus_days: N}``, whose value is a count of days."""
DAY_KEYS = DAY_COUNTS | frozenset(DAY_SHIFTS)
"""Every key whose value the rule language reads as a count of days."""

_PROSE = frozenset(
    {"code", "name", "level", "profiles", "title", "rationale", "references", "remediation"}
    | {"params", "examples", "applies_to"}
)
"""A rule entry's keys that hold no expression: nothing in them reads a parameter."""


def clauses_read(rules: Sequence[Rule]) -> Callable[[], ReadBy]:
    """What :attr:`RuleContext.clauses_read` gives for ``rules``: each clause id they read, with
    the codes of the rules reading it, worked out once, when first asked (a check whose
    contracts hold no clause never walks the rules)."""

    @functools.cache
    def read() -> ReadBy:
        codes: dict[str, list[str]] = {}
        for rule in rules:
            for clause_id in rule.info.clause_ids:
                codes.setdefault(clause_id, []).append(rule.info.code)
        return tuple((clause_id, tuple(codes[clause_id])) for clause_id in sorted(codes))

    return read


def read_clause_ids(node: Any) -> set[str]:
    """The clause ids a rule reads anywhere in it: the key after ``clauses`` in a field path
    (``contract.clauses['nis2.5.1.4.b'].present``)."""
    from resilint.rules.paths import parse_path  # asked only where contracts hold clauses

    found: set[str] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and "clauses[" in item:  # a field path, or words
            try:
                path = parse_path(item)
            except ValueError:
                continue  # a message's words
            found.update(path[i + 1] for i in range(len(path) - 1) if path[i] == "clauses")
    return found


def read_as_days(node: Any) -> set[str]:
    """The parameters a rule reads as a count of days: ``within_days: {param: NAME}`` (or any
    key of :data:`DAY_KEYS`: ``older_than_days``,
    ``within_next_days``, ``plus_days``, ``minus_days``), anywhere in it."""
    found: set[str] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                named = value.get("param") if isinstance(value, dict) else None
                if key in DAY_KEYS and isinstance(named, str):
                    found.add(named)
                pending.append(value)
        elif isinstance(item, list):
            pending.extend(item)
    return found
