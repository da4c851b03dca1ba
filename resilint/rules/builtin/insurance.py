"""Python checks for the insurance rules (see rules/insurance.yaml for their documentation).

They compare a policy's conditions, exclusions, cover and panel with the controls inventory,
the business functions, the suppliers, the plans and the evidence package: joins across several
kinds with per-item reasoning that the rule language cannot phrase in one message.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from resilint.findings import JsonPath, Level
from resilint.model import Document, Problem, RelatedPlace
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, make_problem
from resilint.rules.runtime import as_date

_CASE_LAW = "Travelers v. International Control Services, 2022"
# An MFA category is named for one area; in a condition that also names its sibling categories,
# that area is the sibling's job, not every category's (an MFA condition for email, remote and
# privileged access needs mfa_email on email, mfa_remote_access on remote access, and so on).
_AREA = {
    "mfa_email": "email",
    "mfa_remote_access": "remote_access",
    "mfa_privileged": "privileged_access",
}
_CLOSED_CONTRACT = ("ended", "terminated")
_DEFAULT_ENCRYPTION = ("encryption_at_rest",)


# -- small readers that never raise on odd data -----------------------------------------------
def _get(data: Any, *path: str) -> Any:
    for step in path:
        data = data.get(step) if isinstance(data, dict) else None
    return data


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    items = value if isinstance(value, list) else []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _implemented(control: Document) -> bool:
    return control.data.get("status") == "implemented"


def _status(control: Document) -> str:
    status = control.data.get("status")
    return (
        f"control {control.id} is {status}"
        if isinstance(status, str)
        else (f"control {control.id} has no status")
    )


def _in_force(policy: Document, as_of: datetime.date) -> bool:
    """Cover applies today: started (or no start recorded) and not yet ended."""
    start = as_date(_get(policy.data, "period", "start"))
    end = as_date(_get(policy.data, "period", "end"))
    return (start is None or start <= as_of) and (end is None or end >= as_of)


def _overlap(entities: list[str], policy: Document) -> bool:
    """Whether the policy may insure a document of these entities (unknown counts as yes)."""
    insured = _strings(policy.data.get("insured_entities"))
    return not entities or not insured or bool(set(entities) & set(insured))


def _problem(
    context: RuleContext,
    info: RuleInfo,
    document: Document,
    where: JsonPath,
    message: str,
    related: Iterable[RelatedPlace] = (),
    discriminator: str = "",
    level: Level | None = None,
) -> Problem:
    problem = make_problem(info, context, document, where, message, tuple(related))
    # A part the catalogue rates lower keeps that level unless the configuration set one.
    if level is not None and context.level == info.level:
        problem = dataclasses.replace(problem, level=level)
    return dataclasses.replace(problem, discriminator=discriminator)


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


# -- INS-01 ---------------------------------------------------------------------------------
def check_policy_conditions(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """INS-01: every category a condition names has implemented controls covering its scope."""
    controls = context.index.of_kind("Control")
    for policy in context.index.of_kind("InsurancePolicy"):
        for i, condition in _dicts(policy.data.get("conditions")):
            categories = _strings(condition.get("control_categories"))
            for j, category in enumerate(categories):
                gap = _condition_gap(condition, categories, category, controls)
                if gap is not None:
                    message, related = gap
                    where = ("conditions", i, "control_categories", j)
                    yield _problem(
                        context,
                        info,
                        policy,
                        where,
                        _condition_message(policy, condition, message),
                        related,
                    )


def _required_scopes(category: str, categories: list[str], scope: list[str]) -> list[str]:
    siblings = {_AREA[c] for c in categories if c in _AREA and c != category}
    return [s for s in scope if s not in siblings]


def _covers(control: Document, scope: str) -> bool:
    scopes = _strings(control.data.get("scope"))
    return "all" in scopes or scope in scopes


def _shortfall(control: Document, minimum: float | None) -> str | None:
    """Why an existing control of the category does not count, or None if it does."""
    if not _implemented(control):
        return _status(control)
    coverage = _number(control.data.get("coverage_percent"))
    if minimum is not None and coverage is None:
        return f"control {control.id} states no coverage_percent"
    if minimum is not None and coverage is not None and coverage < minimum:
        return (
            f"control {control.id} covers {_show(coverage)}%, under the {_show(minimum)}% required"
        )
    return None


def _condition_gap(
    condition: dict[str, Any], categories: list[str], category: str, controls: list[Document]
) -> tuple[str, list[RelatedPlace]] | None:
    minimum = _number(condition.get("minimum_coverage_percent"))
    required = _required_scopes(category, categories, _strings(condition.get("scope")))
    candidates = [c for c in controls if c.data.get("category") == category]
    usable = [c for c in candidates if _shortfall(c, minimum) is None]
    uncovered = [s for s in required if not any(_covers(c, s) for c in usable)]
    if usable and not uncovered:
        return None
    related = [RelatedPlace(c, ("id",), f"{category} control") for c in candidates]
    if not usable:
        what = f"an implemented {category} control"
        if required:
            what += f" covering {', '.join(required)}"
        reasons = [r for r in (_shortfall(c, minimum) for c in candidates) if r]
        why = f" ({'; '.join(reasons)})" if reasons else ""
        return f"needs {what}, but the controls inventory has none{why}", related
    names = ", ".join(str(c.id) for c in usable)
    return (
        f"needs {category} controls covering {', '.join(required)}, but the implemented "
        f"{category} controls ({names}) leave {', '.join(uncovered)} uncovered",
        related,
    )


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


# -- INS-04 ---------------------------------------------------------------------------------
def check_bi_gaps(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """INS-04: MTPD shorter than the BI waiting period; dependent BI leaving out a tier-1
    supplier of a critical function."""
    wanted = _strings(context.params.get("criticalities"))
    functions = [
        f for f in context.index.of_kind("BusinessFunction") if f.data.get("criticality") in wanted
    ]
    for policy in context.index.of_kind("InsurancePolicy"):
        yield from _waiting_period_problems(context, info, policy, functions)
        yield from _dependent_bi_problems(context, info, policy, functions)


def _waiting_period_problems(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Problem]:
    waiting = _number(_get(policy.data, "business_interruption", "waiting_period_hours"))
    if (
        waiting is None
        or _get(policy.data, "coverages", "business_interruption", "included") is False
    ):
        return
    for function in functions:
        mtpd = _number(function.data.get("mtpd_hours"))
        if (
            mtpd is None
            or mtpd >= waiting
            or not _overlap(_strings(function.data.get("entities")), policy)
        ):
            continue
        message = (
            f"{function.data.get('criticality')} function {function.id} can bear at most "
            f"{_show(mtpd)} hours of disruption (MTPD), but business-interruption cover under "
            f"insurance policy {policy.id} starts only after a {_show(waiting)}-hour waiting "
            "period (market practice): the outage is intolerable before cover pays; fund the "
            "first hours from contingency budget or negotiate a shorter waiting period"
        )
        related = [
            RelatedPlace(
                policy, ("business_interruption", "waiting_period_hours"), "waiting period"
            )
        ]
        yield _problem(context, info, function, ("mtpd_hours",), message, related, str(policy.id))


def _critical_suppliers(
    context: RuleContext, functions: list[Document], policy: Document
) -> dict[Document, list[Document]]:
    """Tier-1 suppliers the policy's critical functions depend on, with those functions."""
    found: dict[Document, list[Document]] = {}
    for function in functions:
        if not _overlap(_strings(function.data.get("entities")), policy):
            continue
        depends = function.data.get("depends_on")
        names = _strings(_get(depends, "suppliers"))
        names += [
            s
            for _, d in _dicts(_get(depends, "services"))
            if isinstance(s := d.get("supplier"), str)
        ]
        for name in dict.fromkeys(names):
            supplier = context.index.get("Supplier", name)
            if supplier is not None and supplier.data.get("tier") == 1:
                found.setdefault(supplier, []).append(function)
    return found


def _dependent_bi_problems(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Problem]:
    scope = _get(policy.data, "dependent_bi", "scope")
    excluded = (
        _get(policy.data, "coverages", "dependent_business_interruption", "included") is False
    )
    if scope not in ("named", "it_providers") or excluded:
        return  # all_suppliers leaves nobody out; no scope is INS-03's finding
    named = _strings(_get(policy.data, "dependent_bi", "named_providers"))
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
        related = [RelatedPlace(supplier, ("id",), "tier-1 supplier left out")]
        related += [RelatedPlace(f, ("id",), "critical function depending on it") for f in users]
        yield _problem(context, info, policy, ("dependent_bi", "scope"), message, related, name)


# -- INS-05 ---------------------------------------------------------------------------------
def _name(value: str) -> str:
    return " ".join(value.casefold().split())


def _approved_firms(policy: Document, role: str) -> set[str]:
    panel = _strings(_get(policy.data, "panel", role))
    extra = [
        f["name"]
        for _, f in _dicts(policy.data.get("pre_approved_firms"))
        if f.get("role") == role and isinstance(f.get("name"), str)
    ]
    return {_name(firm) for firm in panel + extra}


def _doc_entities(context: RuleContext, doc: Document) -> list[str]:
    """The entities a plan (through its function) or a playbook (through contracts) serves."""
    if doc.kind == "ContinuityPlan":
        function = doc.data.get("function")
        found = (
            context.index.get("BusinessFunction", function) if isinstance(function, str) else None
        )
        return _strings(found.data.get("entities")) if found is not None else []
    supplier = doc.data.get("supplier")
    contracts = (
        context.index.having("Contract", "supplier", supplier) if isinstance(supplier, str) else []
    )
    return [e for c in contracts for e in _strings(c.data.get("entities"))]


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _reaches(recipients: list[str], contact: Any) -> bool | None:
    """Whether a recipient is the insurer's notice contact; None when the policy names none."""
    email = _get(contact, "email")
    phone = _get(contact, "phone")
    wanted = {_name(email)} if isinstance(email, str) else set()
    numbers = {_digits(phone)} - {""} if isinstance(phone, str) else set()
    if not wanted and not numbers:
        return None
    return any(_name(r) in wanted or (_digits(r) and _digits(r) in numbers) for r in recipients)


def check_panel_and_insurer_contact(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """INS-05: firms in plans and playbooks are on the panel; insurer contact in the templates."""
    policies = [p for p in context.index.of_kind("InsurancePolicy") if _in_force(p, context.as_of)]
    docs = [*context.index.of_kind("ContinuityPlan"), *context.index.of_kind("Playbook")]
    for doc in docs:
        entities = _doc_entities(context, doc)
        for policy in (p for p in policies if _overlap(entities, p)):
            yield from _firm_problems(context, info, doc, policy)
            yield from _contact_problems(context, info, doc, policy)


def _firm_problems(
    context: RuleContext, info: RuleInfo, doc: Document, policy: Document
) -> Iterator[Problem]:
    for key, role, what in (
        ("forensics_firm", "forensics", "forensics firm"),
        ("outside_counsel", "counsel", "outside counsel"),
    ):
        firm = _get(doc.data, "contacts", key)
        approved = _approved_firms(policy, role)
        if not isinstance(firm, str) or not approved or _name(firm) in approved:
            continue  # a policy that lists no firm for the role leaves the choice to us
        message = (
            f"{doc.label} names {firm} as {what}, but {firm} is not on the panel of insurance "
            f"policy {policy.id} nor recorded as pre-approved: under insurer market practice the "
            "insurer may refuse to pay a firm it did not approve. Use a panel firm, or obtain "
            "the insurer's approval and record it under pre_approved_firms"
        )
        related = [
            RelatedPlace(policy, ("panel",) if "panel" in policy.data else ("id",), "the panel")
        ]
        yield _problem(context, info, doc, ("contacts", key), message, related, str(policy.id))


def _contact_problems(
    context: RuleContext, info: RuleInfo, doc: Document, policy: Document
) -> Iterator[Problem]:
    template = _get(doc.data, "comms_templates", "insurer")
    if not isinstance(template, dict):
        return  # a missing insurer template is BCM-04's and PLB-01's finding
    contact = _get(policy.data, "notice", "contact")
    if _reaches(_strings(template.get("recipients")), contact) is not False:
        return
    address = _get(contact, "email") or _get(contact, "phone")
    message = (
        f"the insurer message template of {doc.label} is not addressed to the notice contact of "
        f"insurance policy {policy.id} ({address}): a notice sent elsewhere may not count as "
        "notice under the policy. Add the contact to the template's recipients"
    )
    where = (
        ("comms_templates", "insurer", "recipients")
        if "recipients" in template
        else ("comms_templates", "insurer")
    )
    related = [RelatedPlace(policy, ("notice", "contact"), "the insurer's notice contact")]
    yield _problem(context, info, doc, where, message, related, str(policy.id))


# -- INS-06 ---------------------------------------------------------------------------------
def check_policy_term_and_insured(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
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
    insured = set(_strings(policy.data.get("insured_entities")))
    for other in policies:
        start = as_date(_get(other.data, "period", "start"))
        other_end = as_date(_get(other.data, "period", "end"))
        if other is policy or start is None or start > end + datetime.timedelta(days=1):
            continue
        if (other_end is None or other_end > end) and insured <= set(
            _strings(other.data.get("insured_entities"))
        ):
            return True
    return False


def _ending_problem(
    context: RuleContext, info: RuleInfo, policy: Document, policies: list[Document]
) -> Problem | None:
    end = as_date(_get(policy.data, "period", "end"))
    days = _number(context.params.get("ending_within_days"))
    if (
        end is None
        or days is None
        or not context.as_of <= end <= context.as_of + datetime.timedelta(days=int(days))
    ):
        return None
    if _renewed(policy, end, policies):
        return None
    message = (
        f"insurance policy {policy.id} ends on {end.isoformat()}, within {_show(days)} days, and "
        "no renewal is recorded: confirm the renewal with the broker (renewal questionnaires "
        "ask about the same controls) and record the new policy" + _as_of(context)
    )
    return _problem(context, info, policy, ("period", "end"), message, level=Level.WARNING)


def _uninsured_entities(
    context: RuleContext, info: RuleInfo, policies: list[Document]
) -> Iterator[Problem]:
    insured = {
        e
        for p in policies
        if _in_force(p, context.as_of)
        for e in _strings(p.data.get("insured_entities"))
    }
    holders: dict[str, list[Document]] = {}
    for contract in context.index.of_kind("Contract"):
        if contract.data.get("status") in _CLOSED_CONTRACT:
            continue
        for entity_id in dict.fromkeys(_strings(contract.data.get("entities"))):
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
            f"uninsured" + _as_of(context)
        )
        related = [
            RelatedPlace(c, ("entities",), "contract held by the entity") for c in contracts[:3]
        ]
        yield _problem(context, info, entity, ("id",), message, related)


# -- INS-07 ---------------------------------------------------------------------------------
def check_exclusions_matched(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """INS-07: each exclusion's mitigating controls are implemented; restricted supplier data
    is covered by an implemented encryption control when unencrypted data is excluded."""
    controls = context.index.of_kind("Control")
    suppliers = [
        s
        for s in context.index.of_kind("Supplier")
        if s.data.get("data_sensitivity") == "restricted" and s.data.get("status") != "exited"
    ]
    for policy in context.index.of_kind("InsurancePolicy"):
        for i, exclusion in _dicts(policy.data.get("exclusions")):
            yield from _unmatched_categories(context, info, policy, i, exclusion, controls)
            if exclusion.get("type") == "unencrypted_data":
                for supplier in suppliers:
                    problem = _unencrypted_supplier(
                        context, info, policy, exclusion, supplier, controls
                    )
                    if problem is not None:
                        yield problem


def _unmatched_categories(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    i: int,
    exclusion: dict[str, Any],
    controls: list[Document],
) -> Iterator[Problem]:
    for j, category in enumerate(_strings(exclusion.get("mitigating_control_categories"))):
        candidates = [c for c in controls if c.data.get("category") == category]
        if any(_implemented(c) for c in candidates):
            continue
        why = f" ({'; '.join(_status(c) for c in candidates)})" if candidates else ""
        message = (
            f"insurance policy {policy.id} excludes {exclusion.get('type')} losses (exclusion "
            f"{exclusion.get('id')}), which an implemented {category} control keeps us outside "
            f"of, but the controls inventory has none{why}: under insurer market practice such "
            "a loss would not be covered. Implement the control and record it"
        )
        related = [RelatedPlace(c, ("status",), f"{category} control") for c in candidates]
        where = ("exclusions", i, "mitigating_control_categories", j)
        yield _problem(context, info, policy, where, message, related)


def _unencrypted_supplier(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    exclusion: dict[str, Any],
    supplier: Document,
    controls: list[Document],
) -> Problem | None:
    categories = _strings(exclusion.get("mitigating_control_categories")) or list(
        _DEFAULT_ENCRYPTION
    )
    for control in controls:
        scoped = _strings(control.data.get("suppliers"))
        if (
            _implemented(control)
            and control.data.get("category") in categories
            and (not scoped or supplier.id in scoped)
        ):
            return None
    message = (
        f"supplier {supplier.id} handles restricted data, but no implemented "
        f"{' or '.join(categories)} control covers it, and insurance policy {policy.id} excludes "
        f"losses of unencrypted data (exclusion {exclusion.get('id')}): a breach of that data "
        "may not be covered (insurer market practice). Record the encryption control that "
        "protects this supplier's data (suppliers: on the control), or have the data encrypted"
    )
    related = [RelatedPlace(policy, ("exclusions",), "the exclusion")]
    key = f"{policy.id}/{exclusion.get('id')}"
    return _problem(context, info, supplier, ("data_sensitivity",), message, related, key)


# -- EVD-01 ---------------------------------------------------------------------------------
def check_evidence_package(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """EVD-01: each policy in force has a claims evidence package, complete and current."""
    packages = context.index.of_kind("EvidencePackage")
    for policy in context.index.of_kind("InsurancePolicy"):
        if _in_force(policy, context.as_of) and not any(
            p.data.get("policy") == policy.id for p in packages
        ):
            message = (
                f"insurance policy {policy.id} has no claims evidence package: prepare one "
                "(asset inventory, data-flow diagrams, policy copies, incident-log location, "
                "backup validation reports, vendor contracts, insured-entities list) before an "
                "incident, and record it as an EvidencePackage" + _as_of(context)
            )
            yield _problem(context, info, policy, ("id",), message)
    for package in packages:
        yield from _missing_items(context, info, package)
        for i, item in _dicts(package.data.get("items")):
            problem = _item_problem(context, info, package, i, item)
            if problem is not None:
                yield problem


def _missing_items(context: RuleContext, info: RuleInfo, package: Document) -> Iterator[Problem]:
    present = {item.get("type") for _, item in _dicts(package.data.get("items"))}
    where: JsonPath = ("items",) if "items" in package.data else ("id",)
    for kind in _strings(context.params.get("required_items")):
        if kind not in present:
            message = (
                f"claims evidence package {package.id} has no {kind.replace('_', ' ')} item: "
                f"add one (type: {kind}) with where it is kept, its owner and its last update"
            )
            yield _problem(context, info, package, where, message, discriminator=kind)


def _item_problem(
    context: RuleContext, info: RuleInfo, package: Document, i: int, item: dict[str, Any]
) -> Problem | None:
    issues = [f"no {key}" for key in ("location", "owner") if not item.get(key)]
    updated = as_date(item.get("last_updated"))
    days = _number(context.params.get("max_age_days"))
    if updated is None:
        issues.append("no last_updated date")
    elif days is not None and updated < context.as_of - datetime.timedelta(days=int(days)):
        issues.append(f"a last update on {updated.isoformat()}, more than {_show(days)} days ago")
    if not issues:
        return None
    kind = item.get("type", "untyped")
    message = (
        f"the {kind} item of claims evidence package {package.id} has {' and '.join(issues)}: "
        "an insurer asks for current documents that can be found during an incident; bring it "
        "up to date" + _as_of(context)
    )
    return _problem(context, info, package, ("items", i), message)


CHECKS: dict[str, PythonCheck] = {
    "insurance-conditions-met": check_policy_conditions,
    "insurance-bi-gaps": check_bi_gaps,
    "insurance-panel-and-contact": check_panel_and_insurer_contact,
    "insurance-term-and-insured-entities": check_policy_term_and_insured,
    "insurance-exclusions-matched": check_exclusions_matched,
    "claims-evidence-package": check_evidence_package,
}
