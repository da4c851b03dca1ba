"""Python checks of the insurance rules (rules/insurance.yaml documents them): a policy's
conditions, exclusions, cover and panel against the controls, functions, suppliers, plans and the
claims evidence package, joins the rule language cannot phrase in one message.

They judge the insurance tower, not each policy alone. An excess layer that follows form takes the
conditions, exclusions, business-interruption terms, notice and panel of the policy it sits over,
so only policies with terms of their own are judged (an excess layer is never asked for what it
inherits, nor reported a second time), a tower needs one claims evidence package, and a renewal is
a later policy in the same position of the tower.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from resilint.domain import Facts
from resilint.domain.lifecycle import ENGAGED, IN_FORCE, shift
from resilint.domain.readers import (
    as_date,
    dicts,
    in_order,
    listed,
    name_key,
    number,
    show_number,
    strings,
    value_at,
)
from resilint.domain.tower import (
    base_of,
    chain_below,
    dependent_covers,
    included,
    insures,
    own_terms,
    terms_of,
)
from resilint.findings import Finding, JsonPath, Level, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

_CASE_LAW = "Travelers v. International Control Services, 2022"
# An MFA category is named for one area; in a condition that also names its sibling categories,
# that area is the sibling's job, not every category's (an MFA condition for email, remote and
# privileged access needs mfa_email on email, mfa_remote_access on remote access, and so on).
_AREA = {
    "mfa_email": "email",
    "mfa_remote_access": "remote_access",
    "mfa_privileged": "privileged_access",
}
_DEFAULT_ENCRYPTION = ["encryption_at_rest"]
RESTORE_TESTS = "backup_restore_test"
"""The control category of a restore-testing programme: it meets a condition only while its
latest restore test passed within ``restore_test_max_age_days`` (BCM-06's limit)."""
_FIRMS = (
    ("forensics_firm", "forensics", "forensics firm"),
    ("outside_counsel", "counsel", "outside counsel"),
)


# -- the tower ------------------------------------------------------------------------------
def _judged(context: RuleContext) -> list[Document]:
    """Policies in force with terms of their own: every term of the tower is judged once."""
    return [
        p
        for p in in_order(context.index.of_kind("InsurancePolicy"))
        if context.facts.policy(p).in_force and own_terms(context.facts, p)
    ]


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


# -- INS-01 ----------------------------------------------------------------------------------
def check_policy_conditions(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-01: every category a condition names has implemented controls covering its scope."""
    controls = context.index.of_kind("Control")
    for policy in _judged(context):
        for i, condition in dicts(policy.data.get("conditions")):
            categories = strings(condition.get("control_categories"))
            for j, category in enumerate(categories):
                gap = _condition_gap(context, condition, categories, category, controls)
                if gap is not None:
                    message = _condition_message(policy, condition, gap[0])
                    where = ("conditions", i, "control_categories", j)
                    yield context.finding(info, policy, where, message, gap[1])


def _implemented(control: Document) -> bool:
    return control.data.get("status") == "implemented"


def _status(control: Document) -> str:
    status = control.data.get("status")
    return f"control {control.id} " + (
        f"is {status}" if isinstance(status, str) else "has no status"
    )


def _shortfall(
    control: Document, minimum: float | None, as_of: datetime.date, max_age: float
) -> str | None:
    """Why a control of the category does not count, or None if it does."""
    coverage = number(control.data.get("coverage_percent"))
    if not _implemented(control):
        return _status(control)
    if control.data.get("category") == RESTORE_TESTS:
        untested = _untested(control, as_of, max_age)
        if untested is not None:
            return untested
    if minimum is not None and coverage is None:
        return f"control {control.id} states no coverage_percent"
    if minimum is not None and coverage is not None and coverage < minimum:
        return (
            f"control {control.id} covers {show_number(coverage)}%, under the "
            f"{show_number(minimum)}% required"
        )
    return None


def _untested(control: Document, as_of: datetime.date, max_age: float) -> str | None:
    """Why a restore-testing control does not show restores tested: its latest test failed,
    or is older than BCM-06's limit (a condition such as "restore tested at least annually")."""
    test = value_at(control.data, "last_restore_test")
    day = as_date(value_at(test, "date"))
    if day is None:
        return f"control {control.id} records no restore test (last_restore_test)"
    if value_at(test, "result") == "fail":
        return f"the latest restore test of control {control.id} failed on {day.isoformat()}"
    if day < shift(as_of, -int(max_age)):
        return (
            f"control {control.id} was last tested on {day.isoformat()}, more than "
            f"{show_number(max_age)} days ago"
        )
    return None


def _condition_gap(
    context: RuleContext,
    condition: dict[str, Any],
    categories: list[str],
    category: str,
    controls: list[Document],
) -> tuple[str, tuple[Related, ...]] | None:
    minimum = number(condition.get("minimum_coverage_percent"))
    siblings = {_AREA[c] for c in categories if c in _AREA and c != category}
    required = [s for s in strings(condition.get("scope")) if s not in siblings]
    candidates = [c for c in controls if c.data.get("category") == category]
    max_age = number(context.params.get("restore_test_max_age_days")) or 365.0
    shortfall = {id(c): _shortfall(c, minimum, context.as_of, max_age) for c in candidates}
    usable = [c for c in candidates if shortfall[id(c)] is None]
    scopes = [strings(c.data.get("scope")) for c in usable]
    uncovered = [s for s in required if not any("all" in got or s in got for got in scopes)]
    if usable and not uncovered:
        return None
    related = tuple(context.related(c, ("id",), f"{category} control") for c in candidates)
    if usable:
        names = ", ".join(str(c.id) for c in usable)
        return (
            f"needs {category} controls covering {', '.join(required)}, but the implemented "
            f"{category} controls ({names}) leave {', '.join(uncovered)} uncovered",
            related,
        )
    covering = f" covering {', '.join(required)}" if required else ""
    reasons = "; ".join(r for r in (shortfall[id(c)] for c in candidates) if r)
    why = f" ({reasons})" if reasons else ""
    have = f"the controls inventory has none{why}"
    return f"needs an implemented {category} control{covering}, but {have}", related


def _condition_message(policy: Document, condition: dict[str, Any], gap: str) -> str:
    head = f"insurance policy {policy.id}, condition {condition.get('id')}, {gap}"
    if condition.get("attested") is True:
        return (
            f"{head}; we attested this condition to the insurer, and under insurer market "
            f"practice an unmet attested condition can void cover ({_CASE_LAW}): implement the "
            "control, or correct the attestation with the broker"
        )
    return (
        f"{head}; under insurer market practice a claim can be refused when a condition is not "
        f"met, and cover voided if it was attested ({_CASE_LAW}): implement the control, or "
        "agree a change to the condition with the broker"
    )


# -- INS-04 ----------------------------------------------------------------------------------
def check_bi_gaps(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-04: business-interruption cover that never pays for an outage of a critical function
    recovered on plan (one finding per policy, naming every such function); dependent cover
    that leaves out a critical supplier."""
    functions = context.facts.critical_functions()
    for policy in _judged(context):
        late = [
            found
            for function in functions
            if insures(policy, context.facts.function(function).entities)
            and (found := _late(context, policy, function)) is not None
        ]
        if late:
            yield _waiting_finding(context, info, policy, late)
        yield from _dependent_gaps(context, info, policy, functions)


def _waiting_periods(
    context: RuleContext, policy: Document, function: Document
) -> list[tuple[str, float, str]]:
    """The covers of the policy that respond to an outage of the function, and their waiting
    periods: business interruption, and dependent business interruption when it has its own
    waiting period and covers a supplier the function rests on."""
    main = number(value_at(policy.data, "business_interruption", "waiting_period_hours"))
    own = number(value_at(policy.data, "dependent_bi", "waiting_period_hours"))
    found = []
    if main is not None and included(policy, "business_interruption"):
        found.append(("business-interruption", main, "business_interruption"))
    if own is not None and included(policy, "dependent_business_interruption"):
        suppliers = _engaged(context, context.facts.function(function).suppliers)
        if any(dependent_covers(context.facts, policy, s) for s in suppliers):
            found.append(("dependent business-interruption", own, "dependent_bi"))
    return found


@dataclass(frozen=True)
class _Late:
    """A function whose planned outage ends before the policy's cover starts paying."""

    function: Document
    rto: float | None
    mtpd: float | None
    covers: tuple[tuple[str, float, str], ...]
    """(cover, waiting period, policy section) of the covers that start too late."""

    @property
    def longest(self) -> float:
        return max(hours for _, hours, _ in self.covers)

    def described(self) -> str:
        criticality = self.function.data.get("criticality")
        parts = [f"RTO {show_number(self.rto)} hours"] if self.rto is not None else []
        if self.mtpd is not None and (self.rto is None or self.longest >= self.mtpd):
            parts.append(f"MTPD {show_number(self.mtpd)} hours")
        text = f"{self.function.id} ({criticality}: {', '.join(parts)}"
        if self.mtpd is not None and self.longest >= self.mtpd:
            text += ", intolerable before cover pays"
        return text + ")"


def _late(context: RuleContext, policy: Document, function: Document) -> _Late | None:
    rto = number(function.data.get("rto_hours"))
    mtpd = number(function.data.get("mtpd_hours"))
    bounds = [b for b in (rto, mtpd) if b is not None]
    periods = _waiting_periods(context, policy, function)
    covers = tuple(p for p in periods if any(p[1] >= b for b in bounds))
    return _Late(function, rto, mtpd, covers) if covers else None


def _waiting_finding(
    context: RuleContext, info: RuleInfo, policy: Document, late: list[_Late]
) -> Finding:
    """One finding for the policy's waiting periods, at the first that starts too late, naming
    each function it leaves its planned outage uninsured."""
    covers = list(dict.fromkeys(c for item in late for c in item.covers))
    shown = listed(
        [f"{cover} cover ({show_number(h)}-hour waiting period)" for cover, h, _ in covers]
    )
    longest = max(item.longest for item in late)
    who = "; ".join(item.described() for item in late)
    plural = len(late) > 1
    count = f"{len(late)} critical or important functions" if plural else "a critical function"
    message = (
        f"the {shown} of insurance policy {policy.id} {'pay' if len(covers) > 1 else 'pays'} "
        f"only for an outage that lasts longer, at least as long as {count} may be down on plan "
        f"(its RTO, or its MTPD where none is set): an outage recovered on plan is never paid "
        f"for ({who}). Fund the first {show_number(longest)} hours of loss from a contingency "
        "budget, or negotiate a shorter waiting period at renewal (insurer market practice); "
        "record an accepted gap in a waiver"
    )
    related = [
        context.related(policy, (part, "waiting_period_hours"), f"{cover} waiting period")
        for cover, _, part in covers[1:]
    ]
    for item in late:
        intolerable = item.mtpd is not None and item.longest >= item.mtpd
        field = "rto_hours" if item.rto is not None and not intolerable else "mtpd_hours"
        text = f"{item.function.data.get('criticality')} function {item.function.id}"
        related.append(context.related(item.function, (field,), text))
    where = (covers[0][2], "waiting_period_hours")
    return context.finding(info, policy, where, message, tuple(related), "waiting-period")


def _engaged(context: RuleContext, ids: Iterable[str]) -> list[Document]:
    found = [context.index.get("Supplier", i) for i in ids]
    return [s for s in found if s is not None and context.facts.supplier(s).lifecycle == ENGAGED]


def _dependent_gaps(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Finding]:
    scope = value_at(policy.data, "dependent_bi", "scope")
    if scope not in ("named", "it_providers") or not included(
        policy, "dependent_business_interruption"
    ):
        return  # all_suppliers leaves nobody out; no scope recorded is INS-03's finding
    users: dict[str, tuple[Document, list[Document]]] = {}
    for function in functions:
        if not insures(policy, context.facts.function(function).entities):
            continue
        for supplier in _engaged(context, context.facts.function(function).suppliers):
            if context.facts.supplier(supplier).critical and not dependent_covers(
                context.facts, policy, supplier
            ):
                users.setdefault(str(supplier.id), (supplier, []))[1].append(function)
    for supplier, needing in users.values():
        yield _left_out(context, info, policy, supplier, needing)


def _left_out(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    supplier: Document,
    functions: list[Document],
) -> Finding:
    scope = value_at(policy.data, "dependent_bi", "scope")
    why = (
        "names only the providers it lists, and it is not named"
        if scope == "named"
        else "covers only IT providers, and it provides no ICT services"
    )
    who = ", ".join(f"{f.id} ({f.data.get('criticality')})" for f in functions)
    who = f"function {who} rests" if len(functions) == 1 else f"functions {who} rest"
    message = (
        f"insurance policy {policy.id} leaves out critical supplier {supplier.id}, on which "
        f"{who}: its dependent business-interruption cover {why}, so an outage at "
        f"{supplier.id} would not be covered (insurer market practice). Ask the broker to name "
        "the supplier, or record the accepted gap in a waiver"
    )
    chain = context.facts.supplier(supplier).chain
    related = [context.related(supplier, ("id",), "critical supplier left out")]
    related += [context.related(hop.document, hop.json_path, hop.text) for hop in chain]
    where = ("dependent_bi", "scope")
    return context.finding(info, policy, where, message, tuple(related), str(supplier.id))


# -- INS-05 ----------------------------------------------------------------------------------
def check_panel_and_insurer_contact(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-05: firms in plans and playbooks are on the panel; insurer contact in the templates."""
    policies = _judged(context)
    for doc in in_order(
        [*context.index.of_kind("ContinuityPlan"), *context.index.of_kind("Playbook")]
    ):
        entities = _served(context, doc)
        if entities is None:
            continue
        for policy in (p for p in policies if insures(p, entities)):
            yield from _firm_gaps(context, info, doc, policy)
            yield from _contact_gap(context, info, doc, policy)


def _served(context: RuleContext, doc: Document) -> tuple[str, ...] | None:
    """The entities a plan (its function's) or a playbook (its supplier's) serves; None for the
    playbook of a supplier we have left."""
    kind, field = (
        ("BusinessFunction", "function")
        if doc.kind == "ContinuityPlan"
        else ("Supplier", "supplier")
    )
    target = doc.data.get(field)
    found = context.index.get(kind, target) if isinstance(target, str) else None
    if found is None:
        return ()
    if kind == "BusinessFunction":
        return context.facts.function(found).entities
    facts = context.facts.supplier(found)
    return facts.entities if facts.lifecycle == ENGAGED else None


def _approved(policy: Document, role: str) -> set[str]:
    panel = strings(value_at(policy.data, "panel", role))
    extra = [
        f.get("name")
        for _, f in dicts(policy.data.get("pre_approved_firms"))
        if f.get("role") == role
    ]
    return {key for key in (name_key(firm) for firm in [*panel, *extra]) if key}


def _firm_gaps(
    context: RuleContext, info: RuleInfo, doc: Document, policy: Document
) -> Iterator[Finding]:
    for key, role, what in _FIRMS:
        firm = value_at(doc.data, "contacts", key)
        approved = _approved(policy, role)
        if not isinstance(firm, str) or not approved or name_key(firm) in approved:
            continue  # a policy that lists no firm for the role leaves the choice to us
        message = (
            f"{doc.label} names {firm} as {what}, but {firm} is not on the panel of insurance "
            f"policy {policy.id} nor recorded as pre-approved: under insurer market practice the "
            "insurer may refuse to pay a firm it did not approve. Use a panel firm, or obtain "
            "the insurer's approval and record it under pre_approved_firms"
        )
        related = (context.related(policy, ("panel",), "the panel"),)
        yield context.finding(info, doc, ("contacts", key), message, related, str(policy.id))


def _digits(value: Any) -> str:
    return "".join(ch for ch in value if ch.isdigit()) if isinstance(value, str) else ""


def _contact_gap(
    context: RuleContext, info: RuleInfo, doc: Document, policy: Document
) -> Iterator[Finding]:
    template = value_at(doc.data, "comms_templates", "insurer")
    contact = value_at(policy.data, "notice", "contact")
    email, phone = name_key(value_at(contact, "email")), _digits(value_at(contact, "phone"))
    if not isinstance(template, dict) or not (email or phone):
        return  # a missing template is BCM-04's and PLB-01's finding; no contact, INS-03's
    recipients = strings(template.get("recipients"))
    if any(name_key(r) == email or (phone and _digits(r) == phone) for r in recipients):
        return
    address = value_at(contact, "email") or value_at(contact, "phone")
    message = (
        f"the insurer message template of {doc.label} is not addressed to the notice contact of "
        f"insurance policy {policy.id} ({address}): a notice sent elsewhere may not count as "
        "notice under the policy (insurer market practice). Add the contact to the template's "
        "recipients"
    )
    where: JsonPath = ("comms_templates", "insurer", "recipients")
    related = (context.related(policy, ("notice", "contact"), "the insurer's notice contact"),)
    yield context.finding(info, doc, where, message, related, str(policy.id))


# -- INS-06 ----------------------------------------------------------------------------------
def check_policy_term_and_insured(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-06: a position of the tower ending soon with no renewal (warning, once per tower);
    every entity party to a contract in force is insured."""
    policies = in_order(context.index.of_kind("InsurancePolicy"))
    lapsing = [p for p in policies if _lapses(context, p, policies)]
    folded = {id(p): _carrier(context.facts, p, lapsing) for p in lapsing}
    for policy in lapsing:
        if folded[id(policy)] is policy:
            above = [p for p in lapsing if p is not policy and folded[id(p)] is policy]
            yield _lapse(context, info, policy, above)
    if policies:  # without any policy recorded there is nothing to compare against
        yield from _uninsured_entities(context, info, policies)


def _period(policy: Document) -> tuple[datetime.date | None, datetime.date | None]:
    return as_date(value_at(policy.data, "period", "start")), as_date(
        value_at(policy.data, "period", "end")
    )


def _rank(facts: Facts, policy: Document) -> int:
    """Its position in the tower: 0 for a primary, 1 for the first excess layer, and so on."""
    return sum(1 for p in chain_below(facts, policy) if facts.policy(p).layer == "excess")


def _insured(facts: Facts, policy: Document) -> set[str]:
    root = terms_of(facts, policy) or policy
    return set(
        strings(policy.data.get("insured_entities")) or strings(root.data.get("insured_entities"))
    )


def _lapses(context: RuleContext, policy: Document, policies: list[Document]) -> bool:
    """In force, ending within the window, and no later policy in the same position of the tower
    covers the days after its end for the same entities (an overlapping layer above it does not)."""
    start, end = _period(policy)
    days = number(context.params.get("ending_within_days"))
    if end is None or days is None or not context.facts.policy(policy).in_force:
        return False
    if end > shift(context.as_of, days):
        return False
    rank, insured = _rank(context.facts, policy), _insured(context.facts, policy)
    for other in policies:
        begins, ends = _period(other)
        if other is policy or begins is None or (start is not None and begins <= start):
            continue
        follows = begins <= shift(end, 1) and (ends is None or ends > end)
        if (
            follows
            and _rank(context.facts, other) == rank
            and insured <= _insured(context.facts, other)
        ):
            return False
    return True


def _carrier(facts: Facts, policy: Document, lapsing: list[Document]) -> Document:
    """The lapsing policy a lapsing layer is reported with: the policy below it, when it follows
    that policy's form and ends with it (the tower lapses as one)."""
    seen: set[int] = set()
    while id(policy) not in seen:
        seen.add(id(policy))
        below = facts.policy(policy).underlying
        if not facts.policy(policy).inherits_terms or below is None:
            return policy
        if not any(below is p for p in lapsing) or _period(below)[1] != _period(policy)[1]:
            return policy
        policy = below
    return policy


def _lapse(
    context: RuleContext, info: RuleInfo, policy: Document, above: list[Document]
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
        "controls) and record the new policy" + _as_of(context)
    )
    related = tuple(
        context.related(p, ("period", "end"), "excess layer ending with it") for p in above
    )
    return context.finding(info, policy, ("period", "end"), message, related, level=Level.WARNING)


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
        shown = ", ".join(str(c.id) for c in contracts[:3])
        more = f" and {len(contracts) - 3} more" if len(contracts) > 3 else ""
        message = (
            f"entity {name} is party to contract(s) {shown}{more}, but no insurance policy in "
            "force lists it under insured_entities: a loss it suffers through a supplier may not "
            "be covered. Ask the broker to add it to the policy, or record why it is uninsured"
            + _as_of(context)
        )
        related = tuple(
            context.related(c, ("entities",), "contract held by the entity") for c in contracts[:3]
        )
        yield context.finding(info, entity, ("id",), message, related)


# -- INS-07 ----------------------------------------------------------------------------------
def check_exclusions_matched(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-07: each exclusion's mitigating controls are implemented; restricted supplier data is
    covered by an implemented encryption control when unencrypted data is excluded."""
    controls = context.index.of_kind("Control")
    holders = [
        s
        for s in in_order(context.index.of_kind("Supplier"))
        if context.facts.supplier(s).data_sensitivity == "restricted"
        and context.facts.supplier(s).lifecycle == ENGAGED
    ]
    for policy in _judged(context):
        for i, exclusion in dicts(policy.data.get("exclusions")):
            yield from _unmatched(context, info, policy, i, exclusion, controls)
            if exclusion.get("type") == "unencrypted_data":
                for supplier in holders:
                    if insures(policy, context.facts.supplier(supplier).entities):
                        yield from _unencrypted(
                            context, info, policy, exclusion, supplier, controls
                        )


def _unmatched(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    i: int,
    exclusion: dict[str, Any],
    controls: list[Document],
) -> Iterator[Finding]:
    for j, category in enumerate(strings(exclusion.get("mitigating_control_categories"))):
        candidates = [c for c in controls if c.data.get("category") == category]
        where = ("exclusions", i, "mitigating_control_categories", j)
        if any(_implemented(c) for c in candidates):
            exposed = _exposed(candidates)
            if exposed:
                yield _exposed_finding(context, info, policy, exclusion, category, exposed, where)
            continue
        why = f" ({'; '.join(_status(c) for c in candidates)})" if candidates else ""
        message = (
            f"insurance policy {policy.id} excludes {exclusion.get('type')} losses (exclusion "
            f"{exclusion.get('id')}), which an implemented {category} control keeps us outside "
            f"of, but the controls inventory has none{why}: under insurer market practice such "
            "a loss would not be covered. Implement the control and record it"
        )
        related = tuple(context.related(c, ("status",), f"{category} control") for c in candidates)
        yield context.finding(info, policy, where, message, related)


def _exposed(candidates: list[Document]) -> list[tuple[Document, list[str]]]:
    """The controls of a category not fully in place, each with the areas of its scope that no
    implemented control of the category covers: the exclusion can reach losses there although
    the category has an implemented control elsewhere (IT patched, OT not)."""
    covered = {area for c in candidates if _implemented(c) for area in strings(c.data.get("scope"))}
    if "all" in covered:
        return []
    found = []
    for control in candidates:
        if _implemented(control):
            continue
        left = [a for a in strings(control.data.get("scope")) if a not in covered]
        if left:
            found.append((control, left))
    return found


def _exposed_finding(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    exclusion: dict[str, Any],
    category: str,
    exposed: list[tuple[Document, list[str]]],
    where: JsonPath,
) -> Finding:
    gaps = "; ".join(
        f"{_status(c)}{_coverage(c)} and no implemented {category} control covers its "
        f"{listed(areas)}"
        for c, areas in exposed
    )
    message = (
        f"insurance policy {policy.id} excludes {exclusion.get('type')} losses (exclusion "
        f"{exclusion.get('id')}), which implemented {category} controls keep us outside of, but "
        f"{gaps}: under insurer market practice a loss arising there may not be covered. "
        "Complete the control over those areas, or record what keeps them outside the "
        "exclusion and agree it with the broker"
    )
    related = tuple(context.related(c, ("status",), f"{category} control") for c, _ in exposed)
    return context.finding(info, policy, where, message, related)


def _coverage(control: Document) -> str:
    coverage = number(control.data.get("coverage_percent"))
    return f" ({show_number(coverage)}% coverage)" if coverage is not None else ""


def _unencrypted(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    exclusion: dict[str, Any],
    supplier: Document,
    controls: list[Document],
) -> Iterator[Finding]:
    categories = strings(exclusion.get("mitigating_control_categories")) or _DEFAULT_ENCRYPTION
    for control in controls:
        scoped = strings(control.data.get("suppliers"))
        if (
            _implemented(control)
            and control.data.get("category") in categories
            and (not scoped or supplier.id in scoped)
        ):
            return
    message = (
        f"supplier {supplier.id} handles restricted data, but no implemented "
        f"{' or '.join(categories)} control covers it, and insurance policy {policy.id} excludes "
        f"losses of unencrypted data (exclusion {exclusion.get('id')}): a breach of that data "
        "may not be covered (insurer market practice). Record the encryption control that "
        "protects this supplier's data (suppliers: on the control), or have the data encrypted"
    )
    related = (context.related(policy, ("exclusions",), "the exclusion"),)
    key = f"{policy.id}/{exclusion.get('id')}"
    yield context.finding(info, supplier, ("data_sensitivity",), message, related, key)


# -- EVD-01 ----------------------------------------------------------------------------------
def check_evidence_package(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EVD-01: each tower in force has a claims evidence package, complete and current."""
    facts = context.facts
    policies = in_order(context.index.of_kind("InsurancePolicy"))
    packages: dict[int, list[Document]] = {}
    for package in in_order(context.index.of_kind("EvidencePackage")):
        named = package.data.get("policy")
        target = context.index.get("InsurancePolicy", named) if isinstance(named, str) else None
        base = base_of(facts, target) if target is not None else None
        if base is not None:
            packages.setdefault(id(base), []).append(package)
    for base in policies:
        if facts.policy(base).layer == "primary" and facts.policy(base).in_force:
            found = packages.get(id(base), [])
            if not found:
                layers = [p for p in policies if p is not base and base_of(facts, p) is base]
                yield _no_package(context, info, base, layers)
            yield from _package_gaps(context, info, found)


def _no_package(
    context: RuleContext, info: RuleInfo, base: Document, layers: list[Document]
) -> Finding:
    names = listed([str(p.id) for p in layers])
    tower = f" (with its excess layer {names})" if layers else ""
    message = (
        f"insurance policy {base.id}{tower} has no claims evidence package: prepare one for the "
        "tower (asset inventory, data-flow diagrams, policy copies, incident-log location, backup "
        "validation reports, vendor contracts, insured-entities list) before an incident, and "
        "record it as an EvidencePackage" + _as_of(context)
    )
    return context.finding(info, base, ("id",), message)


def _package_gaps(
    context: RuleContext, info: RuleInfo, packages: list[Document]
) -> Iterator[Finding]:
    """Missing and stale items of a tower's packages, read together: an item found sound in one
    package of the tower is not asked of another."""
    if not packages:
        return
    items = [(p, i, item) for p in packages for i, item in dicts(p.data.get("items"))]
    sound = {item.get("type") for _, _, item in items if not _item_issues(context, item)}
    present = {item.get("type") for _, _, item in items}
    first = packages[0]
    where: JsonPath = ("items",) if "items" in first.data else ("id",)
    for kind in strings(context.params.get("required_items")):
        if kind not in present:
            message = (
                f"claims evidence package {first.id} has no {kind.replace('_', ' ')} item: add "
                f"one (type: {kind}) with where it is kept, its owner and its last update"
            )
            yield context.finding(info, first, where, message, discriminator=kind)
    for package, i, item in items:
        issues = _item_issues(context, item)
        if issues and item.get("type") not in sound:
            message = (
                f"the {item.get('type', 'untyped')} item of claims evidence package {package.id} "
                f"has {' and '.join(issues)}: an insurer asks for current documents that can be "
                "found during an incident; bring it up to date" + _as_of(context)
            )
            yield context.finding(info, package, ("items", i), message)


def _item_issues(context: RuleContext, item: dict[str, Any]) -> list[str]:
    issues = [f"no {key}" for key in ("location", "owner") if not item.get(key)]
    updated = as_date(item.get("last_updated"))
    days = _max_age(context, item.get("type"))
    if updated is None:
        issues.append("no last_updated date")
    elif days is not None and updated < shift(context.as_of, -days):
        issues.append(
            f"a last update on {updated.isoformat()}, more than {show_number(days)} days ago"
        )
    return issues


def _max_age(context: RuleContext, kind: object) -> float | None:
    """How old an item of this type may be: its own freshness where the parameter names one (a
    loss baseline is current for a financial year), else the package's."""
    by_type = context.params.get("max_age_days_by_type")
    own = number(by_type.get(kind)) if isinstance(by_type, dict) and isinstance(kind, str) else None
    return own if own is not None else number(context.params.get("max_age_days"))


CHECKS: dict[str, PythonCheck] = {
    "insurance-conditions-met": check_policy_conditions,
    "insurance-bi-gaps": check_bi_gaps,
    "insurance-panel-and-contact": check_panel_and_insurer_contact,
    "insurance-term-and-insured-entities": check_policy_term_and_insured,
    "insurance-exclusions-matched": check_exclusions_matched,
    "claims-evidence-package": check_evidence_package,
}
