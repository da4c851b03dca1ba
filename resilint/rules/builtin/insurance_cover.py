"""Insurance checks on what the cover reaches: INS-04 (business-interruption gaps against
critical functions and their suppliers) and INS-06 (policy term and insured entities)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from resilint.findings import Finding, Level
from resilint.model import Document
from resilint.rules.builtin._insurance_common import (
    as_of_note,
    in_force,
    insurance_problem,
    may_insure,
)
from resilint.rules.builtin.readers import dicts, number, show_number, strings, value_at
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.runtime import as_date

_CLOSED_CONTRACT = ("ended", "terminated")


# -- INS-04 ---------------------------------------------------------------------------------
def check_bi_gaps(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-04: MTPD shorter than the BI waiting period; dependent BI leaving out a tier-1
    supplier of a critical function."""
    wanted = strings(context.params.get("criticalities"))
    functions = [
        f for f in context.index.of_kind("BusinessFunction") if f.data.get("criticality") in wanted
    ]
    for policy in context.index.of_kind("InsurancePolicy"):
        yield from _waiting_period_problems(context, info, policy, functions)
        yield from _dependent_bi_problems(context, info, policy, functions)


def _waiting_period_problems(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Finding]:
    waiting = number(value_at(policy.data, "business_interruption", "waiting_period_hours"))
    if (
        waiting is None
        or value_at(policy.data, "coverages", "business_interruption", "included") is False
    ):
        return
    for function in functions:
        mtpd = number(function.data.get("mtpd_hours"))
        if (
            mtpd is None
            or mtpd >= waiting
            or not may_insure(strings(function.data.get("entities")), policy)
        ):
            continue
        message = (
            f"{function.data.get('criticality')} function {function.id} can bear at most "
            f"{show_number(mtpd)} hours of disruption (MTPD), but business-interruption cover "
            "under "
            f"insurance policy {policy.id} starts only after a {show_number(waiting)}-hour waiting "
            "period (market practice): the outage is intolerable before cover pays; fund the "
            "first hours from contingency budget or negotiate a shorter waiting period"
        )
        related = [
            context.related(
                policy, ("business_interruption", "waiting_period_hours"), "waiting period"
            )
        ]
        yield insurance_problem(
            context, info, function, ("mtpd_hours",), message, related, str(policy.id)
        )


def _critical_suppliers(
    context: RuleContext, functions: list[Document], policy: Document
) -> dict[Document, list[Document]]:
    """Tier-1 suppliers the policy's critical functions depend on, with those functions."""
    found: dict[Document, list[Document]] = {}
    for function in functions:
        if not may_insure(strings(function.data.get("entities")), policy):
            continue
        depends = function.data.get("depends_on")
        names = strings(value_at(depends, "suppliers"))
        names += [
            s
            for _, d in dicts(value_at(depends, "services"))
            if isinstance(s := d.get("supplier"), str)
        ]
        for name in dict.fromkeys(names):
            supplier = context.index.get("Supplier", name)
            if supplier is not None and supplier.data.get("tier") == 1:
                found.setdefault(supplier, []).append(function)
    return found


def _dependent_bi_problems(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Finding]:
    scope = value_at(policy.data, "dependent_bi", "scope")
    excluded = (
        value_at(policy.data, "coverages", "dependent_business_interruption", "included") is False
    )
    if scope not in ("named", "it_providers") or excluded:
        return  # all_suppliers leaves nobody out; no scope is INS-03's finding
    named = strings(value_at(policy.data, "dependent_bi", "named_providers"))
    for supplier, users in _critical_suppliers(context, functions, policy).items():
        name = str(supplier.id)
        if name in named or (
            scope == "it_providers" and supplier.data.get("provides_ict_services") is True
        ):
            continue
        why = (
            "names only the providers it lists, and it is not named"
            if scope == "named"
            else "covers only IT providers, and it is not recorded as one (provides_ict_services)"
        )
        who = ", ".join(f"{f.id} ({f.data.get('criticality')})" for f in users)
        who = f"function {who} depends" if len(users) == 1 else f"functions {who} depend"
        message = (
            f"insurance policy {policy.id} leaves out tier-1 supplier {name}, on which "
            f"{who}: its dependent business-interruption "
            f"cover {why}; an outage at {name} would not be covered. Ask the broker to name the "
            "supplier, or record the accepted gap in a waiver"
        )
        related = [context.related(supplier, ("id",), "tier-1 supplier left out")]
        related += [context.related(f, ("id",), "critical function depending on it") for f in users]
        yield insurance_problem(
            context, info, policy, ("dependent_bi", "scope"), message, related, name
        )


# -- INS-06 ---------------------------------------------------------------------------------
def check_policy_term_and_insured(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-06: policy ending soon (warning); every entity holding a contract is insured."""
    policies = context.index.of_kind("InsurancePolicy")
    for policy in policies:
        problem = _ending_problem(context, info, policy, policies)
        if problem is not None:
            yield problem
    if policies:  # without any policy recorded there is nothing to compare against
        yield from _uninsured_entities(context, info, policies)


def _renewed(policy: Document, end: datetime.date, policies: list[Document]) -> bool:
    """Another policy takes over from the day after ``end`` for all the same entities."""
    insured = set(strings(policy.data.get("insured_entities")))
    for other in policies:
        start = as_date(value_at(other.data, "period", "start"))
        other_end = as_date(value_at(other.data, "period", "end"))
        if other is policy or start is None or start > end + datetime.timedelta(days=1):
            continue
        if (other_end is None or other_end > end) and insured <= set(
            strings(other.data.get("insured_entities"))
        ):
            return True
    return False


def _ending_problem(
    context: RuleContext, info: RuleInfo, policy: Document, policies: list[Document]
) -> Finding | None:
    end = as_date(value_at(policy.data, "period", "end"))
    days = number(context.params.get("ending_within_days"))
    if (
        end is None
        or days is None
        or not context.as_of <= end <= context.as_of + datetime.timedelta(days=int(days))
    ):
        return None
    if _renewed(policy, end, policies):
        return None
    message = (
        f"insurance policy {policy.id} ends on {end.isoformat()}, within {show_number(days)} "
        "days, and "
        "no renewal is recorded: confirm the renewal with the broker (renewal questionnaires "
        "ask about the same controls) and record the new policy" + as_of_note(context)
    )
    return insurance_problem(context, info, policy, ("period", "end"), message, level=Level.WARNING)


def _uninsured_entities(
    context: RuleContext, info: RuleInfo, policies: list[Document]
) -> Iterator[Finding]:
    insured = {
        e
        for p in policies
        if in_force(p, context.as_of)
        for e in strings(p.data.get("insured_entities"))
    }
    holders: dict[str, list[Document]] = {}
    for contract in context.index.of_kind("Contract"):
        if contract.data.get("status") in _CLOSED_CONTRACT:
            continue
        for entity_id in dict.fromkeys(strings(contract.data.get("entities"))):
            holders.setdefault(entity_id, []).append(contract)
    for name, contracts in holders.items():
        entity = context.index.get("Entity", name)
        if name in insured or entity is None:
            continue  # an unknown entity is a reference error reported elsewhere
        first = ", ".join(str(c.id) for c in contracts[:3])
        more = f" and {len(contracts) - 3} more" if len(contracts) > 3 else ""
        message = (
            f"entity {name} is party to contract(s) {first}{more}, but no insurance policy in "
            f"force lists it under insured_entities: a loss it suffers through a supplier may not "
            f"be covered. Ask the broker to add it to the policy, or record why it is "
            f"uninsured" + as_of_note(context)
        )
        related = [
            context.related(c, ("entities",), "contract held by the entity") for c in contracts[:3]
        ]
        yield insurance_problem(context, info, entity, ("id",), message, related)
