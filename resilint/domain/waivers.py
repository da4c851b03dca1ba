"""Which rules a Waiver waives: the one its ``rule`` names, or each its ``rules`` lists.

One decision to accept a provider's standard terms may cover several rules (a hyperscaler's
contract that will not grant step-in rights, audit on site or a 24-hour notice window). Every
reader of a waiver's rules asks here: the suppression of findings, EXC-01 and EXC-02, CTR-04's
reading of a waiver of CTR-03, the deadlines of the report, ``resilint waive``.
"""

from __future__ import annotations

from typing import Any

from resilint.domain.readers import strings


def waived_rules(data: Any) -> tuple[str, ...]:
    """The codes a waiver names, in its order, each once: ``rules`` when it is a list, else
    ``rule``. The schema allows only one of the two; a waiver naming both is a schema error
    and suppresses nothing, and this reads both rather than guess which was meant."""
    if not isinstance(data, dict):
        return ()
    rule = data.get("rule")
    codes = ([rule] if isinstance(rule, str) else []) + strings(data.get("rules"))
    return tuple(dict.fromkeys(codes))
