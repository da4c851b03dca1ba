"""Python checks of the suppliers rules (rules/suppliers.yaml holds their documentation).

SUP-01 reads the domain model's criticality, which flows through the dependency graph, and shows
the chain that makes a supplier critical; SUP-05 tells a supplier critical in its own right from
one that is critical only as another supplier's subcontractor (we hold no contract with those).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from resilint.domain import lifecycle
from resilint.domain.facts import SupplierFacts
from resilint.domain.graph import Chain
from resilint.domain.readers import listed
from resilint.findings import Finding, Level, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def _chain(context: RuleContext, chain: Chain) -> tuple[Related, ...]:
    """The dependency chain from a critical function to the supplier, as related places."""
    return tuple(context.related(hop.document, hop.json_path, hop.text) for hop in chain)


def _why(facts: SupplierFacts) -> str:
    return listed(list(facts.reasons))


# -- SUP-01 ---------------------------------------------------------------------------------
POLICY = "(tier 1 for such a supplier is this programme's policy, not a legal requirement)"
"""What SUP-01 asks is policy: a risk manager reads which tier the programme gives a supplier,
not what a law asks of it (DORA asks more of ICT services supporting a critical or important
function, Art. 30(3), whatever tier a programme records)."""


def check_tier(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-01: a tier is set, and not below what the supplier does for us."""
    for supplier in context.index.of_kind("Supplier"):
        found = _tier_finding(context, info, supplier, context.facts.supplier(supplier))
        if found is not None:
            yield found


def _tier_finding(
    context: RuleContext, info: RuleInfo, supplier: Document, facts: SupplierFacts
) -> Finding | None:
    if facts.lifecycle == lifecycle.EXITED:
        if facts.critical_functions:
            return _exited(context, info, supplier, facts)
        return _exited_named(context, info, supplier)
    name = f"supplier {supplier.id}"
    if facts.declared_tier is None:
        if "tier" in supplier.data:
            return None  # a tier of the wrong type is a schema error (SCH-01), reported once
        advice = "set tier: 1, 2 or 3"
        if facts.critical:
            advice = f"set tier: 1, since {_why(facts)} {POLICY}"
        return context.finding(info, supplier, ("id",), f"{name} has no risk tier; {advice}")
    if facts.understated:
        return _understated(context, info, supplier, facts)
    if facts.contested:
        return _contested(context, info, supplier, facts)
    if facts.declared_tier > 1 and supplier.data.get("level_of_reliance") == "full":
        message = (
            f"we rely fully on {name} (level_of_reliance: full) but it is tier "
            f"{facts.declared_tier}; confirm the tier or raise it to 1"
        )
        return context.finding(info, supplier, ("tier",), message, level=Level.WARNING)
    return None


def _understated(
    context: RuleContext, info: RuleInfo, supplier: Document, facts: SupplierFacts
) -> Finding:
    # where a chain makes it critical, the record to correct is on that chain: said in the
    # sentence that asks it, so the message ends in one remark in brackets, the policy's
    where = ", which the dependency chain shown with this finding leads to" if facts.chain else ""
    message = (
        f"supplier {supplier.id} is recorded as tier {facts.declared_tier}, but it is tier 1 in "
        f"effect: {_why(facts)}; set tier: 1, or correct the record that makes it "
        f"critical{where} {POLICY}"
    )
    related = _chain(context, facts.chain)
    if facts.contested:
        # the records' disagreement is SUP-01's warning when nothing else makes the supplier
        # critical; here it would stay hidden until the tier is settled, so it is said here
        functions = listed(list(facts.contested))
        among, needs, field = _listing(facts)
        message += (
            f"; also, {_described(context)} business functions list it {among} ({functions}) "
            "although it is recorded as not supporting a critical function "
            "(supports_critical_function: false): the records disagree, and it is not "
            f"counted as supporting them; if {needs}, set supports_critical_function: true; if "
            f"not, say so where the function names it or take it off the function's {field}"
        )
        related += _chain(context, facts.contested_chain)
    return context.finding(info, supplier, ("tier",), message, related)


def _contested(
    context: RuleContext, info: RuleInfo, supplier: Document, facts: SupplierFacts
) -> Finding:
    """A critical function names the supplier, which is recorded as not supporting one: two
    records disagree. It is judged as recorded (its terms follow its tier); the question is
    asked once, here, rather than by every term a re-tiering would ask for."""
    functions = listed(list(facts.contested))
    among, needs, field = _listing(facts)
    message = (
        f"supplier {supplier.id} is recorded as not supporting a critical function "
        f"(supports_critical_function: false), but {_described(context)} business functions "
        f"list it {among} ({functions}): the records disagree. resilint goes by the supplier's "
        f"record and does not count it as supporting them; if {needs}, set "
        "supports_critical_function: true (and tier: 1); if not, say so where the function "
        f"names it (name a service of it recorded supports_critical_function: false under "
        f"{field}.services) or take it off the function's {field}"
    )
    related = _chain(context, facts.contested_chain)
    path = ("supports_critical_function",)
    return context.finding(info, supplier, path, message, related, level=Level.WARNING)


def _listing(facts: SupplierFacts) -> tuple[str, str, str]:
    """How the functions that contest the supplier's record name it, as the shortest such chain
    shows: among what they need to run (depends_on), or among what supports them without
    stopping them when it is down (supported_by, a security monitoring provider), which makes
    a supplier critical as depends_on does. The words for the listing, for when the record is
    wrong, and the field."""
    first = facts.contested_chain[0].json_path[:1] if facts.contested_chain else ()
    if first == ("supported_by",):
        return (
            "among what supports them (supported_by)",
            "it supports their critical or important work",
            "supported_by",
        )
    return "among their dependencies", "a function needs it to run", "depends_on"


def _described(context: RuleContext) -> str:
    """How messages name the functions counted: 'critical or important'."""
    return " or ".join(context.facts.definitions.critical_levels) or "critical"


def _exited(
    context: RuleContext, info: RuleInfo, supplier: Document, facts: SupplierFacts
) -> Finding:
    functions = listed(list(facts.critical_functions))
    message = (
        f"supplier {supplier.id} is recorded as exited, but critical or important business "
        f"functions still rest on it ({functions}): either the dependency records are stale "
        "(update the functions' depends_on, or the subcontractors of the supplier in the chain), "
        "or these functions have lost a supplier they need (re-engage it or move them to "
        "another supplier)"
    )
    return context.finding(info, supplier, ("status",), message, _chain(context, facts.chain))


def _exited_named(context: RuleContext, info: RuleInfo, supplier: Document) -> Finding | None:
    """An exited supplier that only functions that are not critical still name directly: a
    stale dependency record (or a function quietly running on a supplier we have left, with no
    contract), reported as a warning at the status line with each place that names it."""
    named: dict[str, Chain] = {}
    for function in context.index.of_kind("BusinessFunction"):
        if function.id is None or function.id in named:
            continue
        for found, _, chain in context.facts.graph.direct(function):
            if found is supplier:
                named[function.id] = chain
                break
    if not named:
        return None
    message = (
        f"supplier {supplier.id} is recorded as exited, but business functions still list it "
        f"among their dependencies ({listed(list(named))}): if the function has moved to "
        "another supplier, update its depends_on (or supported_by); if it still uses this one, "
        "it relies on a supplier we no longer manage or hold a contract with: re-engage it "
        "(status: active, with a contract) or move the function to another supplier"
    )
    related = tuple(hop for chain in named.values() for hop in _chain(context, chain))
    return context.finding(info, supplier, ("status",), message, related, level=Level.WARNING)


# -- SUP-05 ---------------------------------------------------------------------------------
def check_contract_in_force(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-05: a supplier critical in its own right has a contract in force."""
    records = _by_identifier(context.index.of_kind("Supplier"))
    for supplier in context.index.of_kind("Supplier"):
        facts = context.facts.supplier(supplier)
        if not facts.critical or facts.lifecycle != lifecycle.ENGAGED or _only_indirect(facts):
            continue
        contracts = [
            contract
            for record in (supplier, *_twins(records, supplier))
            for contract in context.referrers("Contract", "supplier", "Supplier", record.id or "")
        ]
        stages = {c.id: context.facts.contract(c).lifecycle for c in contracts}
        as_of = context.facts.as_of
        if lifecycle.IN_FORCE in stages.values() or any(
            lifecycle.ran_on(c, as_of) for c in contracts
        ):
            continue
        drafts = tuple(
            context.related(c, ("status",), f"contract {c.id} is still a draft")
            for c in contracts
            if stages[c.id] == lifecycle.DRAFT
        ) + tuple(
            context.related(
                c, ("start_date",), f"contract {c.id} starts on {c.data.get('start_date')}"
            )
            for c in contracts
            if stages[c.id] == lifecycle.SIGNED
        )
        later = [c for c in contracts if stages[c.id] == lifecycle.SIGNED]
        message = (
            f"supplier {supplier.id} has no contract in force in the register, yet it is tier 1 "
            f"in effect: {_why(facts)}. "
            + (
                f"Its contract {later[0].id} starts only on {later[0].data.get('start_date')}: "
                "record the contract it works under until then, or set the supplier's status to "
                f"prospective until it starts ({_status_note(supplier, as_of)})"
                if later
                else f"Add its signed contract as a Contract with supplier: {supplier.id} and "
                "status: active, or set the supplier's status to exited if the relationship "
                "has ended"
            )
        )
        # a supplier status that fails the schema ('Exited') reads as engaged, a contract's
        # ('Signed') as in force: the finding waits for them
        judged = [(supplier, ("status",)), *((c, ("status",)) for c in contracts)]
        yield context.finding(info, supplier, ("id",), message, drafts, judged_on=judged)


def _status_note(supplier: Document, as_of: datetime.date) -> str:
    """What a supplier's status is read as: its record as it stands, which carries no date."""
    status = supplier.data.get("status")
    said = f"its status, {status}," if isinstance(status, str) else "its status, not recorded,"
    return (
        f"{said} is read as it stands, which gives no date: if it was not yet "
        f"engaged on {as_of.isoformat()}, the date checked, nothing was missing then"
    )


def _by_identifier(suppliers: Iterable[Document]) -> dict[tuple[str, str], list[Document]]:
    """The supplier records by the provider identifier they carry (those without one left out)."""
    records: dict[tuple[str, str], list[Document]] = {}
    for supplier in suppliers:
        key = _identifier(supplier)
        if key is not None:
            records.setdefault(key, []).append(supplier)
    return records


def _twins(records: dict[tuple[str, str], list[Document]], supplier: Document) -> list[Document]:
    """The other records of the same provider (SUP-13 reports them): a contract filed under
    one is the provider's contract."""
    key = _identifier(supplier)
    return [] if key is None else [other for other in records[key] if other is not supplier]


def _only_indirect(facts: SupplierFacts) -> bool:
    """Critical only because a critical function rests on it through another supplier (as a
    subcontractor or shared dependency), not for what it holds or its recorded tier: we need not
    hold a contract with it ourselves (its one reason is the functions resting on it)."""
    return facts.supports_through_others_only and len(facts.reasons) == 1


# -- SUP-13 ---------------------------------------------------------------------------------
def check_one_record(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-13: no two supplier records carry one provider's identifier."""
    first: dict[tuple[str, str], Document] = {}
    for supplier in context.index.of_kind("Supplier"):
        key = _identifier(supplier)
        if key is None or context.facts.supplier(supplier).lifecycle == lifecycle.EXITED:
            continue
        earlier = first.setdefault(key, supplier)
        # a copy that kept the id as well is DOC-02's (the id used twice): told to merge one
        # supplier into itself and delete it, the record's only copy could go
        if earlier is not supplier and earlier.id != supplier.id:
            yield _recorded_twice(context, info, supplier, earlier)


def _identifier(supplier: Document) -> tuple[str, str] | None:
    number, kind = supplier.data.get("provider_id"), supplier.data.get("provider_id_type")
    if not isinstance(number, str) or not number.strip():
        return None
    return (kind if isinstance(kind, str) else "", number.strip().upper())


def _recorded_twice(
    context: RuleContext, info: RuleInfo, supplier: Document, earlier: Document
) -> Finding:
    kind, number = _identifier(supplier) or ("", "")
    message = (
        f"supplier {supplier.id} carries the same identifier as supplier {earlier.id} "
        f"({kind + ' ' if kind else ''}{number}): one provider recorded as two suppliers, so "
        "its contracts, the functions that rest on it and its tier are split between the two "
        f"records and each is judged as half a supplier. Keep one record: move what "
        f"{supplier.id} holds into {earlier.id}, point the references that name {supplier.id} "
        f"at {earlier.id} and delete {supplier.id}; or, if they are two companies, correct "
        "the identifier"
    )
    related = (context.related(earlier, ("provider_id",), f"supplier {earlier.id}"),)
    return context.finding(info, supplier, ("provider_id",), message, related)


CHECKS: dict[str, PythonCheck] = {
    "tier-consistent": check_tier,
    "critical-supplier-contract": check_contract_in_force,
    "one-record-per-provider": check_one_record,
}
