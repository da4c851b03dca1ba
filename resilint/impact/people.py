"""Who to call and what to cut off: the supplier's 24x7 security contact and escalation, what
its contracts oblige it to tell us, its identities to disable, the joint playbook with its
decision rights, and our own owners."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from resilint.domain import Facts
from resilint.domain.lifecycle import ENDED
from resilint.domain.readers import (
    as_date,
    dicts,
    in_order,
    integer,
    number,
    strings,
    text_of,
    value_at,
)
from resilint.impact.functions import plans_of
from resilint.impact.model import (
    Contact,
    ContractView,
    Decision,
    FunctionImpact,
    IdentityToDisable,
    Owner,
    PlaybookView,
    SupplierView,
)
from resilint.model import Document


def contact(value: object) -> Contact | None:
    if not isinstance(value, dict):
        return None
    made = Contact(
        name=text_of(value.get("name")) or "",
        role=text_of(value.get("role")) or "",
        email=text_of(value.get("email")) or "",
        phone=text_of(value.get("phone")) or "",
        channel=text_of(value.get("channel")) or "",
        available_24x7=value["available_24x7"]
        if isinstance(value.get("available_24x7"), bool)
        else None,
    )
    return None if made.empty else made


def contacts(value: object) -> tuple[Contact, ...]:
    found = (contact(item) for _, item in dicts(value))
    return tuple(c for c in found if c is not None)


def supplier_view(facts: Facts, supplier: Document) -> SupplierView:
    known = facts.supplier(supplier)
    data = supplier.data
    return SupplierView(
        id=str(supplier.id),
        name=text_of(data.get("name")) or "",
        tier=integer(data.get("tier")),
        critical=known.critical,
        reasons=known.reasons,
        owner=text_of(data.get("owner")) or "",
        security_24x7=contact(value_at(data, "contacts", "security_24x7")),
        security=contact(value_at(data, "contacts", "security")),
        escalation=contacts(value_at(data, "contacts", "escalation")),
        account_manager=contact(value_at(data, "contacts", "account_manager")),
        contracts=tuple(_contracts(facts, supplier)),
        lifecycle=known.lifecycle,
        contested_functions=known.contested,
    )


def _contracts(facts: Facts, supplier: Document) -> Iterator[ContractView]:
    for contract in in_order(facts.index.having("Contract", "supplier", str(supplier.id))):
        if facts.contract(contract).lifecycle == ENDED:
            continue
        notice = value_at(contract.data, "incident_notification")
        remedies = value_at(contract.data, "remedies")
        step_in = value_at(remedies, "step_in_rights")
        support = contract.data.get("business_continuity_support")
        yield ContractView(
            id=str(contract.id),
            notice_window_hours=number(value_at(notice, "window_hours")),
            notice_wording=(text_of(value_at(notice, "window_wording")) or "").replace("_", " "),
            trigger=text_of(value_at(notice, "trigger")) or "",
            notify_to=text_of(value_at(notice, "notify_to")) or "",
            step_in_rights=step_in if isinstance(step_in, bool) else None,
            business_continuity_support=support if isinstance(support, bool) else None,
        )


def identities(facts: Facts, suppliers: Iterable[Document]) -> tuple[IdentityToDisable, ...]:
    """The suppliers' identities into our systems, fastest to disable first; revoked ones are
    left out, disabled ones kept (they can be switched back on with the same secret)."""
    found = []
    for supplier in suppliers:
        for identity in in_order(facts.index.having("Identity", "supplier", str(supplier.id))):
            status = text_of(identity.data.get("status")) or "active"
            if status != "revoked":
                found.append(_identity(identity, status))
    return tuple(sorted(found, key=_disable_order))


def _disable_order(identity: IdentityToDisable) -> tuple[int, int, str]:
    minutes = identity.time_to_disable_minutes
    return (identity.status != "active", minutes if minutes is not None else 10**9, identity.id)


def _identity(identity: Document, status: str) -> IdentityToDisable:
    data = identity.data
    return IdentityToDisable(
        id=str(identity.id),
        integration=text_of(data.get("integration")) or "",
        type=text_of(data.get("type")) or "",
        access_level=text_of(data.get("access_level")) or "",
        systems=tuple(strings(data.get("systems"))),
        status=status,
        time_to_disable_minutes=integer(data.get("time_to_disable_minutes")),
        disable_procedure=text_of(data.get("disable_procedure")) or "",
        owner=text_of(data.get("owner")) or "",
    )


def playbooks(facts: Facts, suppliers: Iterable[Document]) -> tuple[PlaybookView, ...]:
    found = []
    for supplier in suppliers:
        for playbook in in_order(facts.index.having("Playbook", "supplier", str(supplier.id))):
            found.append(playbook_view(playbook))
    return tuple(found)


def playbook_view(playbook: Document) -> PlaybookView:
    data = playbook.data
    return PlaybookView(
        id=str(playbook.id),
        reference=text_of(data.get("reference")) or "",
        owner=text_of(data.get("owner")) or "",
        escalation=contacts(data.get("escalation")),
        decisions=tuple(
            Decision(
                text_of(d.get("decision")) or "",
                text_of(d.get("owner")) or "",
                text_of(d.get("deputy")) or "",
            )
            for _, d in dicts(data.get("decision_rights"))
        ),
        disable_criteria=tuple(strings(data.get("disable_criteria"))),
        manual_switch_criteria=tuple(strings(data.get("manual_switch_criteria"))),
        last_exercised=as_date(data.get("last_exercised")),
    )


def decider(books: Iterable[PlaybookView], decision: str) -> str:
    """Who takes a decision under the joint playbooks (and their deputy)."""
    for book in books:
        for made in book.decisions:
            if made.decision == decision and made.owner:
                return made.owner + (f" (deputy {made.deputy})" if made.deputy else "")
    return ""


def owners(
    functions: Iterable[FunctionImpact],
    suppliers: Iterable[SupplierView],
    books: Iterable[PlaybookView],
    policies: Iterable[Document],
) -> tuple[Owner, ...]:
    """Our people: who owns each supplier relationship, function, fallback, playbook and
    policy, once each."""
    found: list[Owner] = []
    for supplier in suppliers:
        found.append(Owner(supplier.owner, f"owns the relationship with {supplier.id}"))
    for book in books:
        found.append(Owner(book.owner, f"owns joint playbook {book.id}"))
    for function in functions:
        found.append(Owner(function.owner, f"owns function {function.id}"))
        if function.fallback is not None:
            role = (
                f"runs the manual fallback of {function.id}"
                if function.fallback_needed
                else f"owns continuity plan {function.fallback.plan} of {function.id}, ready "
                "should it stop"
            )
            found.append(Owner(function.fallback.owner, role))
            found.append(Owner(function.fallback.deputy, f"deputy: {role}"))
    for policy in policies:
        owner = text_of(policy.data.get("owner")) or ""
        found.append(Owner(owner, f"owns insurance policy {policy.id}"))
    return tuple(dict.fromkeys(o for o in found if o.who))


_AUTHORITIES = frozenset({"regulator", "data_protection", "insurer"})
"""Audiences whose prepared message is offered from any plan of the functions reached: a
regulator's, a data protection authority's or an insurer's form and address are the same
whatever the outage."""


def comms(
    facts: Facts,
    reached: Iterable[Document],
    audience: str,
    fits: Callable[[Document], bool] | None = None,
) -> tuple[str, str]:
    """The prepared message for an audience in the plans of the functions reached: where it is
    kept, and its recipients. With ``fits``, the plans that fit the outage first; a message to
    our customers, staff or suppliers only from those (a region failover's customer notice does
    not tell customers of a supplier's compromise), one to an authority or an insurer, whose
    form and address the outage does not change, from any plan after them."""
    reached = list(reached)
    passes = (True, False) if fits is not None and audience in _AUTHORITIES else (True,)
    for fitting in passes:
        for function in reached:
            for plan in plans_of(facts, function):
                if fits is not None and fits(plan) is not fitting:
                    continue
                template = value_at(plan.data, "comms_templates", audience)
                reference = text_of(value_at(template, "reference"))
                if reference:
                    recipients = ", ".join(strings(value_at(template, "recipients")))
                    return reference, recipients
    return "", ""
