"""Which rules a Waiver waives: the one its ``rule`` names, or each its ``rules`` lists.

One decision to accept a provider's standard terms may cover several rules (a hyperscaler's
contract that will not grant step-in rights, audit on site or a 24-hour notice window). Every
reader of a waiver's rules asks here: the suppression of findings, EXC-01 and EXC-02, CTR-04's
reading of a waiver of CTR-03, the deadlines of the report, ``resilint waive``.
"""

from __future__ import annotations

from typing import Any

from resilint.domain.readers import strings
from resilint.model import caseless
from resilint.patterns import kept


def waived_rules(data: Any) -> tuple[str, ...]:
    """The codes a waiver names, in its order, each once: ``rules`` when it is a list, else
    ``rule``. The schema allows only one of the two; a waiver naming both is a schema error
    and suppresses nothing, and this reads both rather than guess which was meant."""
    if not isinstance(data, dict):
        return ()
    rule = data.get("rule")
    codes = ([rule] if isinstance(rule, str) else []) + strings(data.get("rules"))
    return tuple(dict.fromkeys(codes))


_PARTS = kept(r"[^\W_]+")
"""The words of a name or of an e-mail's local part: ``jane.doe``, ``Jane Doe``, ``jane_doe``."""


def same_person(approver: Any, owner: Any) -> str | None:
    """How a reviewer reads the approver and the risk owner as one person: "" where they are
    written alike, a note saying what was compared where they are the same text but for case and
    spacing (``coo`` and ``COO``) or an e-mail's local part holds the other's name word for word
    (``jane.doe@example.com`` and ``Jane Doe``); None where they read as two people. Two e-mail
    addresses are one person only as the same address. Nothing looser: ``Jane Doe`` and ``John
    Doe``, ``j.doe@...`` and ``Jane Doe``, ``cfo`` and ``cfo-deputy`` are two people."""
    if not isinstance(approver, str) or not isinstance(owner, str):
        return None
    if approver == owner:
        return ""
    a, b = caseless(" ".join(approver.split())), caseless(" ".join(owner.split()))
    compared = f"approver '{approver}' and risk owner '{owner}'"
    if a and a == b:
        return f"{compared}, compared without case and spacing"
    if ("@" in a) == ("@" in b):
        return None
    local, name = (a.partition("@")[0], b) if "@" in a else (b.partition("@")[0], a)
    words = _PARTS.findall(local)
    if words and words == _PARTS.findall(name):
        return f"{compared}, the e-mail address's local part compared with the name"
    return None
