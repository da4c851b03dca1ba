"""INS-06: a position of the tower ending soon with no renewal (a warning, once per tower), an
excess position that has lapsed while the tower below it runs on, and every entity party to a
contract in force insured."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from resilint.domain.documents import schema_enum
from resilint.domain.lifecycle import IN_FORCE
from resilint.domain.readers import (
    among,
    as_date,
    in_order,
    listed,
    number,
    show_money,
    show_number,
    strings,
    value_at,
)
from resilint.domain.registers import branch_of
from resilint.domain.tower import (
    insured_by,
    lapse_carrier,
    lapse_warned_from,
    line_of,
    rank_in_tower,
)
from resilint.findings import Finding, JsonPath, Level
from resilint.model import Document
from resilint.rules.builtin.insurance.tower import as_of_text
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def check_policy_term_and_insured(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-06: a position of the tower ending soon with no renewal (warning, once per tower);
    every entity party to a contract in force is insured."""
    policies = in_order(context.index.of_kind("InsurancePolicy"))
    lapsing = [p for p in policies if _lapses(context, p, policies)]
    folded = {id(p): lapse_carrier(context.facts, p, lapsing) for p in lapsing}
    for policy in lapsing:
        if folded[id(policy)] is policy:
            above = [p for p in lapsing if p is not policy and folded[id(p)] is policy]
            # a renewal whose period fails the schema ('01.01.2027') reads as no renewal
            judged = [
                (p, ("period",))
                for p in policies
                if p is not policy and line_of(context.facts, p) == line_of(context.facts, policy)
            ]
            yield _lapse(context, info, policy, above, judged)
    for policy in policies:
        below = _lapsed_layer(context, policy, policies)
        if below is not None:
            yield _lapsed(context, info, policy, below)
    if policies:  # without any policy recorded there is nothing to compare against
        yield from _uninsured_entities(context, info, policies)


def _period(policy: Document) -> tuple[datetime.date | None, datetime.date | None]:
    return as_date(value_at(policy.data, "period", "start")), as_date(
        value_at(policy.data, "period", "end")
    )


def _lapses(context: RuleContext, policy: Document, policies: list[Document]) -> bool:
    """In force and warned of (:func:`lapse_warned_from`): ending within the window, and no
    renewal recorded."""
    days = number(context.params.get("ending_within_days"))
    if days is None or not context.facts.policy(policy).in_force:
        return False
    first = lapse_warned_from(context.facts, policy, policies, int(days))
    return first is not None and first <= context.as_of


def _same_position(context: RuleContext, policy: Document, other: Document) -> bool:
    """Whether ``other`` stands where ``policy`` stands: the same rank in a tower of the same
    line, insuring at least the same entities."""
    facts = context.facts
    return (
        rank_in_tower(facts, other) == rank_in_tower(facts, policy)
        and line_of(facts, other) == line_of(facts, policy)
        and insured_by(facts, policy) <= insured_by(facts, other)
    )


def _lapsed_layer(
    context: RuleContext, policy: Document, policies: list[Document]
) -> Document | None:
    """For an excess layer that has ended, the latest to end in its position, with no policy in
    that position in force today, while a policy of the same line below its rank is in force
    for its entities (the tower still stands, without this layer): the top policy of that
    remaining tower. None otherwise (a whole tower that lapsed is an uninsured entity's gap)."""
    facts = context.facts
    end = _period(policy)[1]
    if facts.policy(policy).layer != "excess" or end is None or end >= context.as_of:
        return None
    peers = [p for p in policies if p is not policy and _same_position(context, policy, p)]
    if any(facts.policy(p).in_force for p in peers):
        return None
    if any((_period(p)[1] or end) > end for p in peers if not facts.policy(p).in_force):
        return None  # a later layer of this position lapsed too: that one is reported
    rank, line, insured = (
        rank_in_tower(facts, policy),
        line_of(facts, policy),
        insured_by(facts, policy),
    )
    standing = [
        p
        for p in policies
        if facts.policy(p).in_force
        and rank_in_tower(facts, p) < rank
        and line_of(facts, p) == line
        and insured & insured_by(facts, p)
    ]
    return max(standing, key=lambda p: rank_in_tower(facts, p)) if standing else None


def _lapsed(context: RuleContext, info: RuleInfo, policy: Document, below: Document) -> Finding:
    """Reported on the policy in force below the lapsed layer: the tower the gap is in (a rule
    about policies in force, and the one a waiver of the decision would name)."""
    end, runs_to = _period(policy)[1], _period(below)[1]
    attaches = number(value_at(policy.data, "layer", "attaches_at"))
    currency = policy.data.get("currency") or below.data.get("currency")
    above = (
        f"losses above {show_money(attaches, currency)} are uninsured"
        if attaches is not None
        else "the tower's limit stops at this policy"
    )
    until = f" runs to {runs_to}" if runs_to is not None else " is in force"
    message = (
        f"insurance policy {below.id}{until}, but excess layer {policy.id} above it ended on "
        f"{end} and no layer has taken its place (a policy in the same position of the tower, "
        f"in force today): {above}. Bind a new layer with the broker and record it, or, if the "
        "layer was given up on purpose, record that decision in a waiver" + as_of_text(context)
    )
    related = (context.related(policy, ("period", "end"), "the excess layer that ended"),)
    return context.finding(info, below, ("id",), message, related)


def _lapse(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    above: list[Document],
    judged: Sequence[tuple[Document, JsonPath]],
) -> Finding:
    end = _period(policy)[1]
    days = show_number(number(context.params.get("ending_within_days")) or 0)
    layers = (
        f" (with its excess layer {listed([str(p.id) for p in above])}, which follows its form)"
        if above
        else ""
    )
    message = (
        f"insurance policy {policy.id}{layers} ends on {end}, within {days} days, and no renewal "
        "is recorded (a later policy in the same position of the tower, starting by the day after "
        "it ends): confirm the renewal with the broker (renewal questionnaires ask about the same "
        "controls) and record the new policy" + as_of_text(context)
    )
    related = tuple(
        context.related(p, ("period", "end"), "excess layer ending with it") for p in above
    )
    return context.finding(
        info, policy, ("period", "end"), message, related, level=Level.WARNING, judged_on=judged
    )


def _uninsured_entities(
    context: RuleContext, info: RuleInfo, policies: list[Document]
) -> Iterator[Finding]:
    insured = {
        e
        for p in policies
        if context.facts.policy(p).in_force
        for e in strings(p.data.get("insured_entities"))
    }
    holders: dict[str, list[Document]] = {}
    for contract in in_order(context.index.of_kind("Contract")):
        if context.facts.contract(contract).lifecycle == IN_FORCE:
            for entity_id in dict.fromkeys(strings(contract.data.get("entities"))):
                holders.setdefault(entity_id, []).append(contract)
    for name, contracts in holders.items():
        entity = context.index.get("Entity", name)
        if name in insured or entity is None:
            continue  # an unknown entity is a reference error reported elsewhere
        # a branch is part of its head office's legal person: the policy insuring the head
        # office insures it (named insureds are legal persons)
        office = branch_of(entity)[0]
        if office is not None and office in insured:
            continue
        shown = ", ".join(str(c.id) for c in contracts[:3])
        more = f" and {len(contracts) - 3} more" if len(contracts) > 3 else ""
        lists = "it" if office is None else f"it or its head office {office}"
        message = (
            f"entity {name}{'' if office is None else f' (a branch of {office})'} is party to "
            f"contract(s) {shown}{more}, but no insurance policy in force lists {lists} under "
            "insured_entities: a loss it suffers through a supplier may not be covered. Ask the "
            "broker to add it to the policy, or record why it is uninsured" + as_of_text(context)
        )
        related = tuple(
            context.related(c, ("entities",), "contract held by the entity") for c in contracts[:3]
        )
        # a contract whose status fails the schema ('Terminated') reads as in force: the gap
        # waits for it, unless a contract of a status read as written is in force
        statuses = schema_enum("contract.json", "properties", "status")
        sure = any(among(c.data.get("status", "active"), statuses) for c in contracts)
        judged = [] if sure else [(c, ("status",)) for c in contracts]
        yield context.finding(info, entity, ("id",), message, related, judged_on=judged)


CHECKS: dict[str, PythonCheck] = {
    "insurance-term-and-insured-entities": check_policy_term_and_insured,  # INS-06
}
