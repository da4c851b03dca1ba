"""Python checks for the exceptions rules (see rules/exceptions.yaml for their documentation).

EXC-02 checks that a waiver names rules resilint knows (its rule, or each of its rules) and
documents that exist, and no waiver (findings on waivers are never waived: see
resilint.suppress). Whether it suppressed anything is decided where waivers are applied
(resilint.suppress), which reports an unused waiver, or an unused rule of a waiver of several,
under the same code.
"""

from __future__ import annotations

from collections.abc import Iterator

from resilint.findings import Finding, JsonPath, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck
from resilint.suggest import Budget, check_budget, close_match


def check_waiver_integrity(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EXC-02: the waiver's rule is a known code and each of its targets exists."""
    known = context.known_codes
    budget = check_budget(len(context.index.documents))  # "did you mean", as for references
    ids: dict[str, list[str]] = {}  # of each kind a target names, listed once
    for waiver in context.index.of_kind("Waiver"):
        for where, rule in _rules(waiver):
            if rule not in known:
                message = _unknown_rule(waiver, rule, known, budget)
                yield context.finding(info, waiver, where, message, discriminator=rule)
        targets = waiver.data.get("targets")
        for i, target in enumerate(targets if isinstance(targets, list) else []):
            if not isinstance(target, dict):
                continue
            kind, doc_id = target.get("kind"), target.get("id")
            if not isinstance(kind, str) or not isinstance(doc_id, str):
                continue  # a malformed target is a schema error
            if kind == "Waiver":
                yield _waiver_target(context, info, waiver, i, doc_id)
            elif context.index.get(kind, doc_id) is None:
                if kind not in ids:
                    ids[kind] = list(context.index.ids(kind))
                close = close_match(doc_id, ids[kind], budget=budget)
                yield _missing_target(context, info, waiver, i, kind, doc_id, close, budget)


def _rules(waiver: Document) -> list[tuple[JsonPath, str]]:
    """Each code the waiver names, where it names it: its rule, or each entry of its rules."""
    rule, rules = waiver.data.get("rule"), waiver.data.get("rules")
    named: list[tuple[JsonPath, str]] = [(("rule",), rule)] if isinstance(rule, str) else []
    items = rules if isinstance(rules, list) else []
    return named + [(("rules", i), code) for i, code in enumerate(items) if isinstance(code, str)]


def _unknown_rule(
    waiver: Document, rule: str, known: frozenset[str] | set[str], budget: Budget
) -> str:
    close = close_match(rule, sorted(known), budget=budget)  # difflib's answer, bounded
    hint = f" (did you mean {close}?)" if close else ""
    if budget.spent and not close:
        hint = " (too many unknown rules in this check to suggest the nearest code of each)"
    if waiver.data.get("rule") == rule:
        return (
            f"waiver {waiver.id} waives rule {rule}, which resilint does not know{hint}: it "
            "waives nothing. Correct the code (`resilint rules` lists them)"
        )
    return (
        f"waiver {waiver.id} lists rule {rule} among its rules, which resilint does not "
        f"know{hint}: it waives nothing under that code. Correct the code (`resilint rules` "
        "lists them), or remove it from rules"
    )


def _missing_target(
    context: RuleContext,
    info: RuleInfo,
    waiver: Document,
    i: int,
    kind: str,
    doc_id: str,
    close: str | None,
    budget: Budget,
) -> Finding:
    hint = f" (did you mean {close}?)" if close else ""
    if budget.spent and not close:
        hint = " (too many unknown targets in this check to suggest the nearest id of each)"
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in kind).strip()
    message = (
        f"waiver {waiver.id} targets {words} {doc_id}, which does not exist in the repository"
        f"{hint}: correct the target, or withdraw the waiver if the document is gone"
    )
    related: tuple[Related, ...] = ()
    if close:
        match = context.index.get(kind, close)
        if match is not None:
            related = (context.related(match, ("id",), f"a {words} with a similar id"),)
    where = ("targets", i)
    return context.finding(info, waiver, where, message, related, discriminator=f"{kind}/{doc_id}")


def _waiver_target(
    context: RuleContext, info: RuleInfo, waiver: Document, i: int, doc_id: str
) -> Finding:
    """A waiver of a waiver's findings (its own included) would let the exception process
    excuse itself: a waiver naming itself as EXC-01's target would outlive max_days for ever.
    Findings on waivers are never waived, so this target waives nothing."""
    whom = "itself" if doc_id == waiver.id else f"waiver {doc_id}"
    message = (
        f"waiver {waiver.id} targets {whom}: a waiver's findings (its expiry, approver, "
        "targets) are never waived, inline or by a waiver, so this target waives nothing; "
        "correct the waiver it names and remove the target"
    )
    return context.finding(info, waiver, ("targets", i), message, discriminator=f"Waiver/{doc_id}")


CHECKS: dict[str, PythonCheck] = {"waiver-integrity": check_waiver_integrity}
