"""Python checks of the dora-register profile (rules/dora-register.yaml holds their
documentation): what needs the register built as a whole. Each entity that keeps a register has
it built as ``resilint register export`` builds it (:mod:`resilint.register.build`, from the same
facts), and the problems the ESAs' checks would raise (:mod:`resilint.register.checks`) become
findings at the document and field the row or cell comes from. A register is built and checked
once per check, whichever of the three checks asks first.

REG-09 closed lists (technical check 503), REG-10 keys (805, 806, 807 for R1-R22) and the ranks
of the supply chains (B_05.02), REG-11 LEIs of our entities and of the providers (ISO 17442).
Each message first says what to change, in words (:mod:`resilint.register.remedies`), then the
problem with its template columns. The existence of mandatory columns is the declarative rules'
(REG-01 to REG-08).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from resilint.findings import Finding, JsonPath
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, reading

if TYPE_CHECKING:
    from resilint.register.problems import Problem


def _register_problems(
    context: RuleContext, info: RuleInfo, wanted: Callable[[Problem], bool]
) -> Iterator[Finding]:
    from resilint.register.checks import checked_register  # only where a register is checked

    seen: set[tuple[str, JsonPath]] = set()  # one finding per field, where rows repeat it
    for maintainer_id in context.facts.scope.maintainers:
        maintainer = context.index.get("Entity", maintainer_id)
        if maintainer is None:
            continue
        for problem in checked_register(context.facts, maintainer).problems:
            where = problem.place
            key = (f"{where.document.path}#{where.document.index}", where.path)
            if wanted(problem) and key not in seen:
                seen.add(key)
                message = f"{problem.advice}; {problem.message} (the ESAs' check: {problem.rule})"
                yield context.finding(
                    info, where.document, where.path, message, discriminator=message
                )


@reading("the DORA register")
def check_closed_lists(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-09: values outside the taxonomy's closed lists."""
    return _register_problems(context, info, lambda p: p.rule == "503")


@reading("the DORA register")
def check_keys(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-10: empty and duplicate primary keys, foreign keys that do not resolve, ranks of
    the supply chains that do not follow their recipients."""
    return _register_problems(context, info, _key_problem)


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
    return problem.rule == "805" and (problem.template, problem.column) in _EMPTY_KEYS


@reading("the DORA register")
def check_leis(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """REG-11: LEIs with wrong check digits, of our entities and of the providers."""
    return _register_problems(context, info, lambda p: p.rule == "ISO 17442")


CHECKS: dict[str, PythonCheck] = {
    "register-closed-lists": check_closed_lists,
    "register-keys": check_keys,
    "register-lei": check_leis,
}
