"""What the insurance tower does for this outage: which covers respond (dependent business
interruption for a supplier's outage, our own business interruption for our own systems), the
waiting period against the outage's length, the exclusions that may apply, the panel firms to
call and the claims evidence package to open. Insurer market practice, not law: the policy
wording decides."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from resilint.domain import Facts
from resilint.domain.delivery import MARKET, ict_words, no_ict_words
from resilint.domain.readers import (
    dicts,
    in_order,
    integer,
    listed,
    number,
    strings,
    text_of,
    value_at,
)
from resilint.domain.tower import (
    BUSINESS_INTERRUPTION,
    CYBER,
    DEPENDENT_BI,
    base_of,
    chain_below,
    dependent_covers,
    excluded_infrastructure,
    incident_line,
    included,
    insured_group_company,
    insures,
    line_of,
    own_terms,
    runs_on_our_systems,
    terms_of,
    unwritten_dependency,
    without_business_interruption,
)
from resilint.impact.model import (
    Cover,
    Evidence,
    EvidenceItem,
    Exclusion,
    Firm,
    Owner,
    PolicyImpact,
)
from resilint.model import Document

_WHEN = {
    "infrastructure_failure": "the outage is a failure of power, telecoms, internet or cloud "
    "infrastructure rather than a security failure",
    "war": "the attack is attributed to a state or to war",
    "state_backed": "the attack is attributed to a state",
    "unencrypted_data": "personal data that was not encrypted is lost or disclosed",
    "unpatched_systems": "the way in was a vulnerability left unpatched past the wording's "
    "grace period",
    "eol_software": "the way in was software its vendor no longer supports",
    "prior_known_incident": "the incident was known before the policy period",
}


DATA_CLAIM_EXCLUSIONS = frozenset(
    {"unencrypted_data", "war", "state_backed", "prior_known_incident", "other"}
)
"""The exclusions that may bear on a claim for the exposure of our data a supplier holds (its
systems, not ours, were the way in, so the exclusions of our own unsupported or unpatched
software do not; an exposure is no infrastructure failure)."""


def policies_involved(facts: Facts, entities: tuple[str, ...]) -> list[Document]:
    """Policies in force that may insure one of the entities, of a line an incident may claim
    under (not a professional-indemnity policy, INS-05's reading), every layer of each tower:
    the primaries first, then the layers over them, each in file order (so, at equal
    deadlines, the primary insurer's notice comes before an excess layer's)."""
    found = [
        p
        for p in in_order(facts.index.of_kind("InsurancePolicy"))
        if facts.policy(p).in_force
        and insures(p, entities, facts.index)
        and incident_line(facts, p)
    ]
    return sorted(found, key=lambda p: len(chain_below(facts, p)))


def unanswered(
    facts: Facts, policies: list[Document], down: list[Document], own: bool
) -> dict[str, str]:
    """The policies whose line or covers cannot answer this supplier's outage, each with why
    (every layer of a tower with its base's answer): their insurers' notice clocks do not run
    and are not listed. For our own function's outage (``own``), or where no supplier is down,
    every policy may answer. A cyber policy does not where none of its business-interruption
    covers responds and no supplier that is down holds our data (nothing of ours that is down
    can become its claim: a caterer's or a road forwarder's outage); a specie policy (physical
    loss of valuables in safe keeping or in transit) does not where every supplier that is down
    provides ICT services or holds access to our systems (a compromise of a wallet SaaS is no
    physical loss); a crime policy (theft by hacking or by employees, fraudulent transfers)
    does not where none of them provides ICT services, holds access to our systems or our
    money (a road forwarder's outage is no theft from us)."""
    if own or not down:
        return {}
    integrated = [s for s in down if _integrated(facts, s)]
    holders = [s for s in down if "data" in facts.supplier(s).holds]
    money = [s for s in down if _financial(s)]
    why: dict[str, str] = {}
    for policy in policies:
        base = terms_of(facts, policy) or policy
        line = line_of(facts, base)
        if line == CYBER:
            if holders or _interrupted(facts, base, down, bool(integrated)):
                continue
            why[str(policy.id)] = (
                "none of the business-interruption covers of its tower responds to this outage, "
                "and no supplier that is down holds our data"
            )
        elif line == "specie" and len(integrated) == len(down):
            why[str(policy.id)] = (
                "a specie policy answers a physical loss of valuables in safe keeping or in "
                "transit, and every supplier that is down provides ICT services or holds access "
                "to our systems"
            )
        elif line == "crime" and not integrated and not money:
            why[str(policy.id)] = (
                "a crime policy answers theft by hacking or by employees and fraudulent "
                "transfers, and no supplier that is down provides ICT services, holds access "
                "to our systems or holds our money"
            )
    return why


def data_claim_only(
    facts: Facts, policies: list[Document], down: list[Document], own: bool
) -> dict[str, tuple[str, ...]]:
    """The cyber policies that may answer this outage only as a claim for the exposure of our
    data a supplier that is down holds (none of their business-interruption covers responds),
    each with those suppliers: their insurers' clocks run only if the data is exposed, which a
    custodian's or a bank's outage alone does not do."""
    if own or not down:
        return {}
    holders = tuple(str(s.id) for s in down if "data" in facts.supplier(s).holds)
    if not holders:
        return {}
    integrated = any(_integrated(facts, s) for s in down)
    found: dict[str, tuple[str, ...]] = {}
    for policy in policies:
        base = terms_of(facts, policy) or policy
        if line_of(facts, base) == CYBER and not _interrupted(facts, base, down, integrated):
            found[str(policy.id)] = holders
    return found


def _interrupted(facts: Facts, policy: Document, down: list[Document], integrated: bool) -> bool:
    """Whether a business-interruption cover of the cyber ``policy`` (the tower's base) may
    respond to the outage of the suppliers ``down``."""
    covers = (
        *_dependent(facts, policy, down, None),
        _own(policy, False, _ours(facts, down, policy), integrated, None),
    )
    return any(c.responds != "no" for c in covers)


def _financial(supplier: Document) -> bool:
    """Whether the supplier holds our money or moves it (a bank, a payment service)."""
    models = [supplier.data.get("service_model")]
    models += [service.get("service_model") for _, service in dicts(supplier.data.get("services"))]
    return "financial_service" in models


def insurance(
    facts: Facts,
    policies: list[Document],
    down: list[Document],
    own: bool,
    hours: float | None,
    not_ours_yet: str = "",
) -> tuple[PolicyImpact, ...]:
    """One entry per policy with terms of its own, with the layers that follow its form; the
    business-interruption covers of a cyber policy only (a crime or specie policy has none:
    INS-03 asks it for none). ``down``: the suppliers whose outage this is; ``own``: our own
    systems are down."""
    found = []
    for policy in policies:
        if not own_terms(facts, policy):
            continue
        layers = tuple(
            str(p.id) for p in policies if p is not policy and terms_of(facts, p) is policy
        )
        integrated = any(_integrated(facts, supplier) for supplier in down)
        covers = (
            (
                *_dependent(facts, policy, down, hours),
                _own(policy, own, _ours(facts, down, policy) if down else False, integrated, hours),
            )
            if line_of(facts, policy) == CYBER
            else ()
        )
        if not_ours_yet:
            covers = tuple(_once_engaged(c, not_ours_yet) for c in covers)
        found.append(
            PolicyImpact(
                policy=str(policy.id),
                insurer=text_of(policy.data.get("insurer")) or "",
                currency=text_of(policy.data.get("currency")) or "",
                entities=tuple(strings(policy.data.get("insured_entities"))),
                layers=layers,
                covers=covers,
                **_bearing(facts, policy, down, own, covers),
                panel=tuple(_panel(policy)),
                evidence=tuple(_evidence(facts, policy)),
            )
        )
    return tuple(found)


def _once_engaged(cover: Cover, supplier: str) -> Cover:
    """A cover of the outage of a prospective supplier with nothing of ours yet: no business of
    ours is interrupted, so there is no loss for it to answer today; what it would answer once
    the supplier is engaged is said after."""
    then = f"{cover.responds}: {cover.why}" if cover.why else cover.responds
    why = (
        f"{supplier} is prospective: no business function of ours rests on it yet, so its outage "
        f"interrupts nothing of ours and leaves no loss to claim; once it is engaged, {then}"
    )
    return dataclasses.replace(cover, responds="no", why=why, hours_past_waiting=None)


_NO_BUSINESS_INTERRUPTION = (
    "the policy includes no business interruption, which dependent cover extends to a "
    "supplier's outage"
)


def _dependent(
    facts: Facts, policy: Document, down: list[Document], hours: float | None
) -> Iterator[Cover]:
    waiting = number(value_at(policy.data, "dependent_bi", "waiting_period_hours"))
    if waiting is None:
        waiting = number(value_at(policy.data, "business_interruption", "waiting_period_hours"))
    for supplier in down:
        if without_business_interruption(policy):
            responds, why = "no", _NO_BUSINESS_INTERRUPTION
        elif not included(policy, DEPENDENT_BI):
            responds, why = "no", "the policy does not include dependent business interruption"
        elif runs_on_our_systems(facts, supplier) and not _named(policy, supplier):
            responds, why = "no", _why_ours(supplier)
        elif insured_group_company(facts, policy, supplier) and not _named(policy, supplier):
            responds, why = "no", _why_group(supplier)
        elif (unsaid := _scope_unsaid(facts, policy, supplier)) is not None:
            responds, why = "maybe", unsaid
        elif dependent_covers(facts, policy, supplier):
            responds, why = "yes", _why_covered(policy, supplier)
        else:
            responds, why = "no", _why_left_out(facts, policy, supplier)
        yield _make(policy, DEPENDENT_BI, str(supplier.id), responds, why, waiting, hours)


def _scope_unsaid(facts: Facts, policy: Document, supplier: Document) -> str | None:
    """Why the record cannot say whether dependent cover responds to the supplier's outage: it
    names no scope (dependent_bi.scope, which INS-03 asks), does not name the supplier and no
    exclusion takes the outage out; and where the coverages do not list the cover either, that
    the policy may have none. None when the record says."""
    if value_at(policy.data, "dependent_bi", "scope") is not None or _named(policy, supplier):
        return None
    if excluded_infrastructure(facts, policy, supplier) is not None:
        return None
    if value_at(policy.data, "coverages", DEPENDENT_BI) is None:
        return (
            "the policy's coverages do not list dependent business interruption, and its record "
            "does not say whose outages such cover includes (dependent_bi.scope): check the "
            "schedule for the cover and its scope"
        )
    return (
        "the policy's record does not say whose outages its dependent cover includes "
        "(dependent_bi.scope): check the wording for suppliers of this kind"
    )


def _named(policy: Document, supplier: Document) -> bool:
    return supplier.id in strings(value_at(policy.data, "dependent_bi", "named_providers"))


def _why_ours(supplier: Document) -> str:
    """Why dependent cover, whatever its scope, has nothing to answer for a vendor of software we
    run ourselves that the policy does not name (``runs_on_our_systems``)."""
    return (
        f"{supplier.id}'s software runs on our own systems: the vendor's own outage stops "
        "nothing of ours, and a failure reaching us through its software is an outage of ours, "
        "for business-interruption cover"
    )


def _why_group(supplier: Document) -> str:
    """Why dependent cover has nothing to answer for a company of our group the policy insures
    (``insured_group_company``)."""
    return (
        f"{supplier.id} is a company of our group that the policy insures: its systems are an "
        "insured's own, and their outage is ours, for business-interruption cover"
    )


def _why_covered(policy: Document, supplier: Document) -> str:
    scope = value_at(policy.data, "dependent_bi", "scope")
    if _named(policy, supplier):
        return f"{supplier.id} is named in the dependent cover"
    if scope == "it_providers":
        return f"the cover includes IT providers, and {supplier.id} {ict_words(supplier)}"
    return "the cover includes every supplier's outage"


def _why_left_out(facts: Facts, policy: Document, supplier: Document) -> str:
    excluded = excluded_infrastructure(facts, policy, supplier)
    if excluded is not None:
        exclusion = value_at(policy.data, "exclusions", excluded, "id")
        return (
            f"{supplier.id} is a network carrier, and the policy excludes infrastructure failure "
            f"(exclusion {exclusion}), which in cyber wordings takes out the outage of a "
            "telecommunications network not under our control (insurer market practice; the "
            "wording decides)"
        )
    if facts.supplier(supplier).service_models == frozenset({MARKET}):
        return _why_infrastructure_left_out(policy, supplier)
    if value_at(policy.data, "dependent_bi", "scope") == "named":
        why = f"the cover names only the providers it lists, and {supplier.id} is not named"
    else:
        why = f"the cover includes only IT providers, and {supplier.id} {no_ict_words(supplier)}"
    if unwritten_dependency(facts, supplier):
        why += (
            "; dependent cover is not written for a regulated bank, custodian or depositary "
            "(insurer market practice): its failure is met by our contract with it and its "
            "duties as a regulated firm"
        )
    return why


def _why_infrastructure_left_out(policy: Document, supplier: Document) -> str:
    """Why dependent cover does not respond to the outage of a payment scheme or market
    infrastructure we participate in (every service market_infrastructure: an exchange, a
    central counterparty, a payment system) that it does not name, in the words INS-04 weighs it
    with: where the policy excludes infrastructure failure, naming it would buy nothing, and
    INS-04 asks nothing; else such cover is seldom offered (insurer market practice)."""
    exclusion = next(
        (
            text_of(e.get("id")) or str(i)
            for i, e in dicts(policy.data.get("exclusions"))
            if e.get("type") == "infrastructure_failure"
        ),
        None,
    )
    if exclusion is not None:
        return (
            f"{supplier.id} is a payment scheme or market infrastructure, and the policy excludes "
            f"infrastructure failure (exclusion {exclusion}): dependent cover naming it would buy "
            "nothing (insurer market practice; the wording decides). Its outage is the "
            "function's continuity plan's to bear"
        )
    scope = value_at(policy.data, "dependent_bi", "scope")
    why = (
        f"the cover names only the providers it lists, and {supplier.id} is not named"
        if scope == "named"
        else f"the cover includes only IT providers, and {supplier.id} {no_ict_words(supplier)}"
    )
    return (
        f"{why}; cover for the outage of a payment system or market infrastructure is seldom "
        "offered (insurer market practice): ask the broker whether it can be named"
    )


def _integrated(facts: Facts, supplier: Document) -> bool:
    """Whether something of the supplier's is joined to our systems, which we could cut off
    ourselves: it provides ICT services or holds access to our systems."""
    return bool(facts.supplier(supplier).exposures & {"ict", "access"})


def _ours(facts: Facts, down: list[Document], policy: Document) -> bool | str:
    """Whether suppliers are down (True), or the words for the case where every one of them
    is ours for the policy: a vendor of software we license and run ourselves, whose failure
    reaches us on our own systems (a faulty or malicious update) while the vendor's own outage
    stops nothing of ours (``runs_on_our_systems``), or a company of our group that the policy
    insures, whose systems are an insured's own (``insured_group_company``): our own outage,
    for business-interruption cover."""
    software = [s for s in down if runs_on_our_systems(facts, s)]
    group = [s for s in down if s not in software and insured_group_company(facts, policy, s)]
    if len(software) + len(group) < len(down):
        return True
    words = []
    if software:
        names = ", ".join(str(supplier.id) for supplier in software)
        words.append(
            f"the software of {names} runs on our own systems: its failure there (a faulty or "
            "malicious update) takes our own systems down, while the vendor's own outage stops "
            "nothing of ours"
        )
    if group:
        names = ", ".join(str(supplier.id) for supplier in group)
        its = "its systems are" if len(group) == 1 else "their systems are"
        words.append(
            f"{names} {'is a company' if len(group) == 1 else 'are companies'} of our group "
            f"that the policy insures: {its} an insured's own, so their outage is ours"
        )
    return "; ".join(words)


def _own(
    policy: Document, own: bool, supplier: bool | str, integrated: bool, hours: float | None
) -> Cover:
    """Our own business-interruption cover; ``supplier``: whether suppliers are down, or the
    words saying that what is down is software we run ourselves (:func:`_ours`)."""
    waiting = number(value_at(policy.data, "business_interruption", "waiting_period_hours"))
    if not included(policy, BUSINESS_INTERRUPTION):
        responds, why = "no", "the policy does not include business interruption"
    elif own:
        responds, why = "yes", "our own systems are down"
    elif isinstance(supplier, str):
        responds, why = "yes", supplier
    elif supplier and not integrated:
        responds = "no"
        why = (
            "our own systems are not down, and nothing of the suppliers that are down is joined "
            "to them to cut off (no ICT services, no access): only dependent cover can respond"
        )
    else:
        responds = "maybe"
        why = (
            "only if our own systems are down too, for example when we cut the "
            + ("supplier's integrations" if supplier else "affected systems")
            + " off ourselves: check the wording on precautionary shutdowns"
        )
    return _make(policy, BUSINESS_INTERRUPTION, "", responds, why, waiting, hours)


def _make(
    policy: Document,
    cover: str,
    supplier: str,
    responds: str,
    why: str,
    waiting: float | None,
    hours: float | None,
) -> Cover:
    past = None if hours is None or waiting is None else max(hours - waiting, 0.0)
    return Cover(
        cover=cover,
        supplier=supplier,
        responds=responds,
        why=why,
        waiting_period_hours=waiting,
        hours_past_waiting=past,
        sublimit=number(value_at(policy.data, "coverages", cover, "sublimit")),
        retention=number(value_at(policy.data, "coverages", cover, "retention")),
        indemnity_period_days=integer(
            value_at(policy.data, "business_interruption", "indemnity_period_days")
        ),
    )


def _bearing(
    facts: Facts, policy: Document, down: list[Document], own: bool, covers: tuple[Cover, ...]
) -> dict[str, Any]:
    """The exclusions that may bear on this scenario, and why those are listed ("" when every
    exclusion is). A policy none of whose covers responds to the outage (a caterer's, which
    provides no ICT and holds no access) has nothing its exclusions could take away, except a
    claim for the exposure of our data a supplier that is down holds."""
    every = tuple(_exclusions(policy))
    if not covers or own or any(c.responds != "no" for c in covers):
        return {"exclusions": every, "exclusions_note": ""}
    holders = [str(s.id) for s in down if "data" in facts.supplier(s).holds]
    infrastructure = [s for s in down if facts.supplier(s).service_models == frozenset({MARKET})]
    kept = tuple(
        e
        for e in every
        if (holders and e.type in DATA_CLAIM_EXCLUSIONS)
        or (infrastructure and e.type == "infrastructure_failure")
    )
    left = [e.id or e.type for e in every if e not in kept]
    note = "none of its business-interruption covers responds to this outage, so "
    if infrastructure and any(e.type == "infrastructure_failure" for e in kept):
        # the exclusion is why dependent cover naming the infrastructure would buy nothing
        note = (
            "none of its business-interruption covers responds to this outage; its exclusion of "
            "infrastructure failure is listed, as it would take the outage out even of dependent "
            "cover naming the infrastructure"
        )
        note += f"; {listed(left)} cannot bear on it" if left else ""
        return {"exclusions": kept, "exclusions_note": note}
    if holders:
        holds = "holds" if len(holders) == 1 else "hold"
        note += (
            "only the exclusions that may bear on a claim should our data that "
            f"{listed(holders)} {holds} be exposed are listed"
        )
        note += f"; {listed(left)} cannot bear on it" if left else ""
    else:
        note += f"its exclusions ({listed(left)}) cannot bear on it and are not listed"
    return {"exclusions": kept, "exclusions_note": note}


def _exclusions(policy: Document) -> Iterator[Exclusion]:
    for _, item in dicts(policy.data.get("exclusions")):
        kind = text_of(item.get("type")) or "other"
        yield Exclusion(
            id=text_of(item.get("id")) or "",
            type=kind,
            description=text_of(item.get("description")) or "",
            may_apply_when=_WHEN.get(kind) or _excluded(text_of(item.get("description"))),
        )


def _excluded(description: str | None) -> str:
    """When an exclusion of a type resilint knows nothing of may apply: where its own words
    say, quoted (a trading venue's exclusion of members' trading losses)."""
    words = (description or "").strip().rstrip(".") or "read it"
    return f"the loss is one its wording excludes ({words})"


def _panel(policy: Document) -> Iterator[Firm]:
    for role in ("forensics", "counsel", "pr"):
        for name in strings(value_at(policy.data, "panel", role)):
            yield Firm(name, role)
    for _, firm in dicts(policy.data.get("pre_approved_firms")):
        approved = text_of(firm.get("name"))
        if approved:
            yield Firm(approved, text_of(firm.get("role")) or "", pre_approved=True)


def _evidence(facts: Facts, policy: Document) -> Iterator[Evidence]:
    """The claims evidence packages of the policy's tower (one serves every layer)."""
    base = base_of(facts, policy) or policy
    for package in in_order(facts.index.of_kind("EvidencePackage")):
        named = package.data.get("policy")
        target = facts.index.get("InsurancePolicy", named) if isinstance(named, str) else None
        if target is None or (base_of(facts, target) or target) is not base:
            continue
        items = tuple(
            EvidenceItem(
                text_of(i.get("type")) or "",
                text_of(i.get("location")) or "",
                text_of(i.get("owner")) or "",
            )
            for _, i in dicts(package.data.get("items"))
        )
        roles = value_at(package.data, "incident_roles")
        pairs = tuple(
            Owner(str(who), str(role))
            for role, who in (roles.items() if isinstance(roles, dict) else [])
        )
        owner = text_of(package.data.get("owner")) or ""
        yield Evidence(str(package.id), owner, items, pairs)
