"""INS-05: the forensics firm and outside counsel our plans and playbooks name are on the
insurer's approved panel, and the insurer's notice contact is in their templates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.domain.lifecycle import ENGAGED
from resilint.domain.readers import dicts, firm_key, in_order, name_key, strings, value_at
from resilint.domain.tower import CYBER, UNSURE, incident_line, insures, line_of, own_terms
from resilint.findings import Finding, JsonPath, Level
from resilint.model import Document
from resilint.rules.builtin.insurance.tower import judged
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

_FIRMS = (
    ("forensics_firm", "forensics", "forensics firm"),
    ("outside_counsel", "counsel", "outside counsel"),
)


Naming = tuple[Document, str, str, str]
"""A plan or playbook, the contacts field, the firm as it is written there and the role's words."""


def check_panel_and_insurer_contact(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-05: firms in plans and playbooks are on the panel; insurer contact in the templates.
    A firm off a policy's panel is one finding however many plans and playbooks name it (one
    approval settles them all), at the first, the others beside it."""
    policies = judged(context)
    noticed = _noticed(context, policies)
    unreached = _unreached(context)
    unapproved: dict[tuple[str, str, str], tuple[Document, list[Naming]]] = {}
    unaddressed: dict[str, tuple[Document, list[Document]]] = {}
    templated: dict[str, tuple[Document, list[Document]]] = {}
    for doc in in_order(
        [*context.index.of_kind("ContinuityPlan"), *context.index.of_kind("Playbook")]
    ):
        entities = _served(context, doc)
        if entities is None:
            continue
        for policy in (p for p in policies if insures(p, entities, context.index)):
            for key, role, firm, what in _firm_gaps(doc, policy):
                group = (str(policy.id), role, firm_key(firm) or firm)
                unapproved.setdefault(group, (policy, []))[1].append((doc, key, firm, what))
        for policy in (p for p in noticed if insures(p, entities, context.index)):
            if not _addressed(doc, policy):
                unaddressed.setdefault(str(policy.id), (policy, []))[1].append(doc)
        if isinstance(value_at(doc.data, "comms_templates", "insurer"), dict):
            for policy in (p for p in unreached if insures(p, entities, context.index)):
                templated.setdefault(str(policy.id), (policy, []))[1].append(doc)
    for policy, namings in unapproved.values():
        yield _firm_finding(context, info, policy, namings)
    for policy, docs in unaddressed.values():
        if line_of(context.facts, policy) == CYBER:  # every plan's incident may be its claim
            for shared in _by_template(docs):  # one template kept once is one gap to close
                yield _contact_finding(context, info, policy, shared)
        else:  # which plans' incidents it covers is ours to judge: one finding, each listed
            yield _contact_finding(context, info, policy, docs)
    for policy, docs in templated.values():
        yield _no_contact_finding(context, info, policy, docs)


def _reachable(policy: Document) -> bool:
    """The policy records a way to reach its insurer's notice contact (an email address, a
    phone number or a portal)."""
    contact = value_at(policy.data, "notice", "contact")
    return isinstance(contact, dict) and any(
        isinstance(contact.get(key), str) and contact[key].strip()
        for key in ("email", "phone", "url")
    )


def _unreached(context: RuleContext) -> list[Document]:
    """The policies in force, of a line an incident may claim under, that record no notice
    contact: an excess layer following form among them, since its insurer is given notice
    itself (notice to the insurer below is not notice to it)."""
    return [
        p
        for p in in_order(context.index.of_kind("InsurancePolicy"))
        if context.facts.policy(p).in_force
        and incident_line(context.facts, p)
        and not _reachable(p)
    ]


def _no_contact_finding(
    context: RuleContext, info: RuleInfo, policy: Document, docs: list[Document]
) -> Finding:
    """A policy whose insurer the insurer message templates of our plans and playbooks must
    reach, recording no notice contact: one finding at the policy, the templates beside it."""
    below = value_at(policy.data, "layer", "sits_over")
    insurer = value_at(policy.data, "insurer")
    whose = f" ({insurer})" if isinstance(insurer, str) and insurer.strip() else ""
    (first, *others) = docs
    templates = f"the insurer message template of {first.label}" + (
        f" and {len(others)} other plan{'s' if len(others) > 1 else ''} or playbook"
        f"{'s' if len(others) > 1 else ''}"
        if others
        else ""
    )
    layer = isinstance(below, str) and not own_terms(context.facts, policy)
    message = (
        f"insurance policy {policy.id}{whose} records no notice contact (notice.contact: an "
        "email address, phone number or portal)"
        + (
            f": as an excess layer following the form of {below} its insurer is still given "
            f"notice itself (notice to the insurer of {below} counts for it only where the "
            "layer's wording says so)"
            if layer
            else ""
        )
        + f"; {templates} cannot be checked to reach its insurer, and a notice sent elsewhere "
        "may not count as notice under the policy (insurer market practice: notify every "
        "layer of the tower at the address its policy gives). Record the notice contact from "
        "the policy's declarations and add it to the templates' recipients"
    )
    where: JsonPath = ("comms_templates", "insurer")
    related = tuple(
        context.related(doc, where, f"the insurer message template of {doc.label}") for doc in docs
    )
    at: JsonPath = ("notice",) if isinstance(policy.data.get("notice"), dict) else ()
    level = Level.WARNING if layer else info.level  # the layer's wording may accept the other
    return context.finding(info, policy, at, message, related, level=level)


def _template_reference(doc: Document) -> str:
    return name_key(value_at(doc.data, "comms_templates", "insurer", "reference")) or ""


def _by_template(docs: list[Document]) -> list[list[Document]]:
    """The plans and playbooks missing a notice contact, grouped by the insurer template they
    use: those whose insurer template names the same reference use one shared document, and
    adding the contact to it closes the gap for all of them; a template without a reference is
    its own."""
    groups: dict[str, list[Document]] = {}
    ordered: list[list[Document]] = []  # each group where its first document comes
    for doc in docs:
        reference = _template_reference(doc)
        if reference and reference in groups:
            groups[reference].append(doc)
            continue
        ordered.append([doc])
        if reference:
            groups[reference] = ordered[-1]
    return ordered


def _noticed(context: RuleContext, policies: list[Document]) -> list[Document]:
    """The policies whose notice contact the insurer templates must reach: those with terms of
    their own, and an excess layer following form that records a notice contact of its own (an
    excess insurer is given notice itself: notice to the insurer below is not notice to it; the
    layer takes the panel and conditions of the policy below, not its address); each of a line
    an incident may claim under (a professional-indemnity insurer's notice of circumstances is
    a claims decision, not an incident message)."""
    judged_ids = {id(p) for p in policies}
    return [
        p
        for p in in_order(context.index.of_kind("InsurancePolicy"))
        if (
            id(p) in judged_ids
            or (
                context.facts.policy(p).in_force
                and isinstance(value_at(p.data, "notice", "contact"), dict)
                and (
                    value_at(p.data, "notice", "contact", "email")
                    or value_at(p.data, "notice", "contact", "phone")
                )
            )
        )
        and incident_line(context.facts, p)
    ]


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
    return {key for key in (firm_key(firm) for firm in [*panel, *extra]) if key}


def _firm_gaps(doc: Document, policy: Document) -> Iterator[tuple[str, str, str, str]]:
    """The contacts fields of ``doc`` naming a firm off the policy's panel for its role."""
    for key, role, what in _FIRMS:
        firm = value_at(doc.data, "contacts", key)
        approved = _approved(policy, role)
        if not isinstance(firm, str) or not approved or firm_key(firm) in approved:
            continue  # a policy that lists no firm for the role leaves the choice to us
        yield key, role, firm, what


def _firm_finding(
    context: RuleContext, info: RuleInfo, policy: Document, namings: list[Naming]
) -> Finding:
    (doc, key, firm, what), others = namings[0], namings[1:]
    named = f"{doc.label} names {firm} as {what}"
    if len(others) == 1:
        named += " (and one other plan or playbook)"
    elif others:
        named += f" (and {len(others)} other plans or playbooks)"
    message = (
        f"{named}, but {firm} is not on the panel of insurance policy {policy.id} nor recorded "
        "as pre-approved: under insurer market practice the insurer may refuse to pay a firm it "
        "did not approve. Use a panel firm, or obtain the insurer's approval and record it under "
        "pre_approved_firms"
    )
    related = (
        context.related(policy, ("panel",), "the panel"),
        *(
            context.related(other, ("contacts", field), f"{other.label} also names {name}")
            for other, field, name, _ in others
        ),
    )
    return context.finding(info, doc, ("contacts", key), message, related, str(policy.id))


def _digits(value: Any) -> str:
    return "".join(ch for ch in value if ch.isdigit()) if isinstance(value, str) else ""


def _addressed(doc: Document, policy: Document) -> bool:
    """The plan's or playbook's insurer template reaches the policy's notice contact (or there
    is nothing to compare: a missing template is BCM-04's and PLB-01's finding, a policy
    without a notice contact INS-03's)."""
    template = value_at(doc.data, "comms_templates", "insurer")
    contact = value_at(policy.data, "notice", "contact")
    email, phone = name_key(value_at(contact, "email")), _digits(value_at(contact, "phone"))
    if not isinstance(template, dict) or not (email or phone):
        return True
    recipients = strings(template.get("recipients"))
    return any(name_key(r) == email or (phone and _digits(r) == phone) for r in recipients)


def _contact_finding(
    context: RuleContext, info: RuleInfo, policy: Document, docs: list[Document]
) -> Finding:
    """The templates not addressed to the policy's notice contact: one finding for each template
    of a cyber policy, which every plan's incident may become a claim under (plans and playbooks
    that name one shared template are one finding, at the first); one for all of a
    policy of another line (crime, specie), at the first, the others beside it, since which
    plans' incidents such a policy covers is the programme's judgement."""
    contact = value_at(policy.data, "notice", "contact")
    address = value_at(contact, "email") or value_at(contact, "phone")
    (doc, *others), line = docs, line_of(context.facts, policy)
    reference = value_at(doc.data, "comms_templates", "insurer", "reference")
    shared = bool(others) and line == CYBER  # grouped by the one template they all use
    named = "insurance policy" if line in (CYBER, UNSURE) else f"{line} insurance policy"
    if not others:
        which, fix = f"the insurer message template of {doc.label} is", "the template's recipients"
    elif shared:
        more = "plans or playbooks" if len(others) > 1 else "plan or playbook"
        which = (
            f"the shared insurer message template {reference}, used by {doc.label} and "
            f"{len(others)} other {more}, is"
        )
        fix = "the shared template's recipients, and in each plan and playbook that uses it"
    else:
        more = "plans or playbooks" if len(others) > 1 else "plan or playbook"
        which = f"the insurer message templates of {doc.label} and {len(others)} other {more} are"
        fix = f"the recipients of the templates of the plans whose incidents the {named} covers"
    message = (
        f"{which} not addressed to the notice contact of {named} {policy.id} ({address}): a "
        "notice sent elsewhere may not count as notice under the policy (insurer market "
        f"practice). Add the contact to {fix}"
    )
    where: JsonPath = ("comms_templates", "insurer", "recipients")
    related = (
        context.related(policy, ("notice", "contact"), "the insurer's notice contact"),
        *(
            context.related(
                other,
                where,
                f"{other.label} also uses the template"
                if shared
                else f"the insurer message template of {other.label}",
            )
            for other in others
        ),
    )
    return context.finding(info, doc, where, message, related, str(policy.id))


CHECKS: dict[str, PythonCheck] = {
    "insurance-panel-and-contact": check_panel_and_insurer_contact,  # INS-05
}
