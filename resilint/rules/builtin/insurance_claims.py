"""Insurance checks on making a claim: INS-05 (panel firms and the insurer's notice contact
in plans and playbooks) and EVD-01 (the claims evidence package)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding, JsonPath
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


# -- INS-05 ---------------------------------------------------------------------------------
def _name(value: str) -> str:
    return " ".join(value.casefold().split())


def _approved_firms(policy: Document, role: str) -> set[str]:
    panel = strings(value_at(policy.data, "panel", role))
    extra = [
        f["name"]
        for _, f in dicts(policy.data.get("pre_approved_firms"))
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
        return strings(found.data.get("entities")) if found is not None else []
    supplier = doc.data.get("supplier")
    contracts = (
        context.index.having("Contract", "supplier", supplier) if isinstance(supplier, str) else []
    )
    return [e for c in contracts for e in strings(c.data.get("entities"))]


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _reaches(recipients: list[str], contact: Any) -> bool | None:
    """Whether a recipient is the insurer's notice contact; None when the policy names none."""
    email = value_at(contact, "email")
    phone = value_at(contact, "phone")
    wanted = {_name(email)} if isinstance(email, str) else set()
    numbers = {_digits(phone)} - {""} if isinstance(phone, str) else set()
    if not wanted and not numbers:
        return None
    return any(_name(r) in wanted or (_digits(r) and _digits(r) in numbers) for r in recipients)


def check_panel_and_insurer_contact(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-05: firms in plans and playbooks are on the panel; insurer contact in the templates."""
    policies = [p for p in context.index.of_kind("InsurancePolicy") if in_force(p, context.as_of)]
    docs = [*context.index.of_kind("ContinuityPlan"), *context.index.of_kind("Playbook")]
    for doc in docs:
        entities = _doc_entities(context, doc)
        for policy in (p for p in policies if may_insure(entities, p)):
            yield from _firm_problems(context, info, doc, policy)
            yield from _contact_problems(context, info, doc, policy)


def _firm_problems(
    context: RuleContext, info: RuleInfo, doc: Document, policy: Document
) -> Iterator[Finding]:
    for key, role, what in (
        ("forensics_firm", "forensics", "forensics firm"),
        ("outside_counsel", "counsel", "outside counsel"),
    ):
        firm = value_at(doc.data, "contacts", key)
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
            context.related(policy, ("panel",) if "panel" in policy.data else ("id",), "the panel")
        ]
        yield insurance_problem(
            context, info, doc, ("contacts", key), message, related, str(policy.id)
        )


def _contact_problems(
    context: RuleContext, info: RuleInfo, doc: Document, policy: Document
) -> Iterator[Finding]:
    template = value_at(doc.data, "comms_templates", "insurer")
    if not isinstance(template, dict):
        return  # a missing insurer template is BCM-04's and PLB-01's finding
    contact = value_at(policy.data, "notice", "contact")
    if _reaches(strings(template.get("recipients")), contact) is not False:
        return
    address = value_at(contact, "email") or value_at(contact, "phone")
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
    related = [context.related(policy, ("notice", "contact"), "the insurer's notice contact")]
    yield insurance_problem(context, info, doc, where, message, related, str(policy.id))


# -- EVD-01 ---------------------------------------------------------------------------------
def check_evidence_package(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EVD-01: each policy in force has a claims evidence package, complete and current."""
    packages = context.index.of_kind("EvidencePackage")
    for policy in context.index.of_kind("InsurancePolicy"):
        if in_force(policy, context.as_of) and not any(
            p.data.get("policy") == policy.id for p in packages
        ):
            message = (
                f"insurance policy {policy.id} has no claims evidence package: prepare one "
                "(asset inventory, data-flow diagrams, policy copies, incident-log location, "
                "backup validation reports, vendor contracts, insured-entities list) before an "
                "incident, and record it as an EvidencePackage" + as_of_note(context)
            )
            yield insurance_problem(context, info, policy, ("id",), message)
    for package in packages:
        yield from _missing_items(context, info, package)
        for i, item in dicts(package.data.get("items")):
            problem = _item_problem(context, info, package, i, item)
            if problem is not None:
                yield problem


def _missing_items(context: RuleContext, info: RuleInfo, package: Document) -> Iterator[Finding]:
    present = {item.get("type") for _, item in dicts(package.data.get("items"))}
    where: JsonPath = ("items",) if "items" in package.data else ("id",)
    for kind in strings(context.params.get("required_items")):
        if kind not in present:
            message = (
                f"claims evidence package {package.id} has no {kind.replace('_', ' ')} item: "
                f"add one (type: {kind}) with where it is kept, its owner and its last update"
            )
            yield insurance_problem(context, info, package, where, message, discriminator=kind)


def _item_problem(
    context: RuleContext, info: RuleInfo, package: Document, i: int, item: dict[str, Any]
) -> Finding | None:
    issues = [f"no {key}" for key in ("location", "owner") if not item.get(key)]
    updated = as_date(item.get("last_updated"))
    days = number(context.params.get("max_age_days"))
    if updated is None:
        issues.append("no last_updated date")
    elif days is not None and updated < context.as_of - datetime.timedelta(days=int(days)):
        issues.append(
            f"a last update on {updated.isoformat()}, more than {show_number(days)} days ago"
        )
    if not issues:
        return None
    kind = item.get("type", "untyped")
    message = (
        f"the {kind} item of claims evidence package {package.id} has {' and '.join(issues)}: "
        "an insurer asks for current documents that can be found during an incident; bring it "
        "up to date" + as_of_note(context)
    )
    return insurance_problem(context, info, package, ("items", i), message)
