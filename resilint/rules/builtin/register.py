"""Python checks of the dora-register profile (rules/dora-register.yaml holds their
documentation): what needs the register built as a whole. Each entity that keeps a register has
it built as ``resilint register export`` builds it (:mod:`resilint.register.build`, from the same
facts), and the problems the ESAs' checks would raise (:mod:`resilint.register.checks`) become
findings at the document and field the row or cell comes from. A register is built and checked
once per check, whichever of the four checks asks first.

REG-09 closed lists (technical check 503), REG-10 keys (805, 806, 807 for R1-R22) and the ranks
of the supply chains (B_05.02), REG-11 LEIs of our entities and of the providers (ISO 17442),
REG-12 every other problem of the built register (a mandatory column left empty, a key column
that no field of a rule fills, a date after the reference date, an ended arrangement without its
reason) that the declarative readiness rules (REG-01 to REG-08) do not report where it is: they
ask in their words for what their documents should record, and REG-12 for what is left of what
keeps the export from filing (the row of B_07.01 of a critical contract covering no service the
rules count as critical, the person type of a subcontractor identified by a VAT number). Each
message first says what to change, in words (:mod:`resilint.register.remedies`), then the problem
with its template columns. So every problem that keeps ``resilint register export`` from filing
is a finding of ``check``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from resilint.domain.readers import among
from resilint.findings import Finding, JsonPath, Part, folded
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, asking, reading

if TYPE_CHECKING:
    from resilint.register.problems import Problem


def _register_problems(
    context: RuleContext, info: RuleInfo, wanted: Callable[[Problem], bool]
) -> Iterator[Finding]:
    for problem in _problems(context, wanted):
        yield _finding(context, info, [problem])


def _problems(context: RuleContext, wanted: Callable[[Problem], bool]) -> Iterator[Problem]:
    """The problems of the registers kept here that ``wanted`` keeps, one per field (rows
    repeat a field: a service's type is in B_02.02, B_05.02 and B_07.01)."""
    from resilint.register.checks import checked_register  # only where a register is checked

    seen: set[tuple[str, JsonPath]] = set()
    for maintainer_id in context.facts.scope.maintainers:
        maintainer = context.index.get("Entity", maintainer_id)
        if maintainer is None:
            continue
        for problem in checked_register(context.facts, maintainer).problems:
            where = problem.place
            key = (f"{where.document.path}#{where.document.index}", where.path)
            if wanted(problem) and key not in seen:
                seen.add(key)
                yield problem


def _source(problem: Problem) -> str:
    """The ESAs' check a problem answers to; for resilint's own reading of the ITS (ranks that
    follow, dates by the reference date), nothing more than the message says."""
    from resilint.register.remedies import (
        AFTER,
        CURRENCY,
        ENDED,
        RANKS,
        SAME_ENTITY,
        SAME_PROVIDER,
        UNASSESSED,
    )

    own = dict.fromkeys((AFTER, RANKS, SAME_ENTITY, SAME_PROVIDER, UNASSESSED), "")
    own[ENDED] = " (EIOPA Q&A DORA 253-3393)"
    own[CURRENCY] = f" ({CURRENCY})"
    return own.get(problem.rule, f" (the ESAs' check: {problem.rule})")


def _finding(context: RuleContext, info: RuleInfo, problems: list[Problem]) -> Finding:
    """One finding for problems at one place: the first's words, then the others'."""
    said = [f"{p.advice}; {p.message}{_source(p)}" for p in problems]
    where = problems[0].place
    if len(problems) == 1:
        return context.finding(info, where.document, where.path, said[0], discriminator=said[0])
    message = folded(said)
    parts = tuple(Part(p.place.path, text) for p, text in zip(problems, said, strict=True))
    return context.locator.finding(
        info.code,
        info.name,
        context.level,
        message,
        where.document,
        where.path,
        discriminator=said[0],
        parts=parts,  # each field it stands for: a waiver of one of them waives that one only
    )


@reading("the DORA register")
def check_closed_lists(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-09: values outside the taxonomy's closed lists."""
    return _register_problems(context, info, lambda p: p.rule == "503")


@asking("BCM-05")
@reading("the DORA register")
def check_keys(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-10: empty and duplicate primary keys, foreign keys that do not resolve, ranks of
    the supply chains that do not follow their recipients. A contract's empty function
    identifier is BCM-05's gap where BCM-05 reports its supplier, one we rely on that no
    function depends on: one missing link, which that finding names with the register's use
    of it (at this rule's level or above; where BCM-05 does not report it, REG-10 does)."""
    unmapped = _unmapped_suppliers(context)

    def wanted(problem: Problem) -> bool:
        if not _key_problem(problem):
            return False
        if (problem.template, problem.column) != ("B_02.02", "c0050"):
            return True
        document = problem.place.document
        return document.kind != "Contract" or not among(document.data.get("supplier"), unmapped)

    return _register_problems(context, info, wanted)


def _unmapped_suppliers(context: RuleContext) -> set[str]:
    """The suppliers BCM-05 reports in this check at REG-10's level or above."""
    return context.reported_about("BCM-05", "Supplier")


_EMPTY_KEYS = (("B_02.02", "c0050"), ("B_05.02", "c0060"))
"""Key columns left empty that REG-10 reports: the function identifier, and the recipient of a
subcontractor whose ``recipient`` names none of the supplier's subcontractors."""


def _key_problem(problem: Problem) -> bool:
    """Duplicate keys, foreign keys that do not resolve and supply-chain ranks that do not
    follow their recipients (B_05.02.0050, part of that template's key); of the empty key
    columns, only those of ``_EMPTY_KEYS``: every other key column is filled from a field that
    a declarative rule asks for (REG-01, REG-05, REG-07, SUP-02), which reports it in its
    words."""
    from resilint.register.remedies import RANKS  # loaded with the register already

    if problem.rule in ("806", RANKS) or problem.rule.startswith("807"):
        return True
    if problem.rule != "805" or (problem.template, problem.column) not in _EMPTY_KEYS:
        return False
    # a recipient copied from the provider's own code is empty with it: SUP-02's (REG-12's) gap
    return problem.column != "c0060" or problem.place.path[-1:] == ("recipient",)


@reading("the DORA register")
def check_leis(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-11: LEIs with wrong check digits, of our entities and of the providers."""
    return _register_problems(context, info, lambda p: p.rule == "ISO 17442")


def _other(problem: Problem) -> bool:
    """Not REG-09's, REG-10's nor REG-11's."""
    return problem.rule not in ("503", "ISO 17442") and not _key_problem(problem)


READINESS = tuple(f"REG-{n:02}" for n in range(1, 9))
"""The declarative readiness rules of the dora-register profile (rules/dora-register.yaml)."""
FILLED_BY_DORA = ("SUP-02", "SUP-06", "SUP-07", "SUP-10", "BCM-02")
"""The rules of the dora profile that ask for register columns in their own words (a provider's
identifier, B_05.01; substitutability and exit plans, B_07.01; where a provider stores our data,
B_02.02.0150; the date a function's criticality was assessed, B_06.01.0070): where one runs and
reports a gap, REG-12 does not say it again; where none runs (the profile left out), REG-12
does, so no configuration lets the gap through."""


_ENTITY_LEI = frozenset({("B_02.02", "c0020"), ("B_03.01", "c0020"), ("B_04.01", "c0020")})
"""The columns of a contract's rows that hold the LEI of one of our entities it names."""


@reading("the DORA register", after=READINESS + FILLED_BY_DORA)
def check_complete(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-12: every other problem of the built register, where no readiness rule that runs
    (REG-01 to REG-08, and the dora rules of ``FILLED_BY_DORA``) reports it: the part of the
    document it is in, or the column it cites. What they report is their findings of this check
    (evaluated once, before this one)."""
    from resilint.domain.registers import contract_entities, scope_in_doubt
    from resilint.register.problems import reports

    said: dict[tuple[str, str | None], list[Finding]] = {}  # by document: compared with its own
    reported = context.reported or (lambda code: [])  # no other rule runs: none says it
    for code in READINESS + FILLED_BY_DORA:
        for finding in reported(code):
            said.setdefault((finding.path, finding.doc_id), []).append(finding)

    def in_doubt(entity_id: str) -> bool:
        entity = context.index.get("Entity", entity_id)
        return entity is not None and scope_in_doubt(entity)

    def left(problem: Problem) -> bool:
        document = problem.place.document
        if document.kind == "Entity" and scope_in_doubt(document):
            return False  # REG-01 asks its type first: its row is asked for once it is in
        if (
            (problem.template, problem.column) in _ENTITY_LEI
            and not problem.value
            and document.kind == "Contract"
            and any(in_doubt(e) for e in contract_entities(document))
        ):
            return False  # the LEI of an entity whose type REG-01 asks first: its row waits too
        return not any(reports(f, problem) for f in said.get((document.path, document.id), ()))

    at: dict[tuple[str, int, int, int], list[Problem]] = {}  # one finding per place, as shown
    for problem in _problems(context, lambda p: _other(p) and left(p)):
        document = problem.place.document
        line, column = context.locator.position(document, problem.place.path, False)
        at.setdefault((document.path, document.index, line, column), []).append(problem)
    return (_finding(context, info, problems) for problems in at.values())


CHECKS: dict[str, PythonCheck] = {
    "register-closed-lists": check_closed_lists,
    "register-keys": check_keys,
    "register-lei": check_leis,
    "register-complete": check_complete,
}
