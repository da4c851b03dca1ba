"""Facts of suppliers, built together: criticality flows through the dependency graph (a
critical function reaches a supplier directly, as another supplier's subcontractor or through a
shared dependency), so every supplier's routes are gathered first; then what each supplier does
for us and holds (exposure), whom it serves and which terms the requirements matrix asks of it."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from resilint.domain import delivery, lifecycle
from resilint.domain.facts import SupplierFacts
from resilint.domain.graph import Chain
from resilint.domain.readers import (
    among,
    dicts,
    integer,
    keyed,
    mapping_at,
    strings,
    text_of,
    value_at,
)
from resilint.domain.regimes import CONTRACT_ENTITIES
from resilint.model import Document, Index
from resilint.patterns import Lazy

if TYPE_CHECKING:
    import datetime

    from resilint.domain import Facts

ACCESS_ORDER = ("none", "read-only", "write", "privileged")
CONFIDENTIAL = ("confidential", "restricted")
CIPHERTEXT = "ciphertext_only"
"""Supplier.data_access: it holds our data only encrypted, without the keys."""

Route = tuple[str, Chain]
"""A critical function (by id) and the chain by which it reaches a supplier."""


@dataclass
class _Routes:
    """How the critical functions reach one supplier (see ``_counted``)."""

    supporting: list[Route] = field(default_factory=list)
    affirmed: list[Route] = field(default_factory=list)
    direct: list[Route] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


def build_suppliers(facts: Facts) -> dict[str, SupplierFacts]:
    routes: dict[str, _Routes] = {}
    for function in facts.critical_functions():
        reach = facts.graph.reach(function)
        for supplier_id, chain in reach.suppliers.items():
            found = routes.setdefault(supplier_id, _Routes())
            found.entities.extend(facts.function(function).entities)
            if len(chain) == 1:
                found.direct.append((str(function.id), chain))
            if supplier_id in reach.supporting:
                route = (str(function.id), reach.supporting[supplier_id])
                found.supporting.append(route)
                if supplier_id in reach.affirmed:
                    found.affirmed.append(route)
        _supporting_only(facts, function, routes)
    backups = _backups(facts)
    built = {}
    for supplier in facts.index.of_kind("Supplier"):
        key = supplier.id if supplier.id is not None else f"{supplier.path}#{supplier.index}"
        found = routes.get(supplier.id or "", _Routes())
        built[key] = _supplier(facts, supplier, found, supplier.id in backups)
    return built


def _supporting_only(facts: Facts, function: Document, routes: dict[str, _Routes]) -> None:
    """The suppliers that support a critical function without it resting on them
    (``supported_by``): critical through it as through a direct edge (a service named there and
    recorded as not supporting one passes nothing on, as under ``depends_on``), though no walk
    from the function reaches them."""
    for supplier, _, chain in facts.graph.supported_by(function):
        if supplier.id is None:
            continue
        found = routes.setdefault(supplier.id, _Routes())
        found.entities.extend(facts.function(function).entities)
        route = (str(function.id), chain)
        found.direct.append(route)
        if chain[0].supports is not False:
            found.supporting.append(route)
            if chain[0].supports is True:
                found.affirmed.append(route)


def _counted(supplier: Document, routes: _Routes) -> tuple[list[Route], list[Route]]:
    """The routes that make the supplier critical, and the direct ones that would but for its
    record. A link recorded as not supporting a critical function passes none on (the graph's
    ``supporting``): a subcontractor entry, or a service the function names, so recorded. A
    supplier recorded so (supports_critical_function: false) that a critical function names
    directly is judged as recorded: the two records disagree and neither is more specific.
    Through another supplier (a subcontracting chain its own record may not know of), or
    through a named service recorded as supporting one, it is made critical (the graph's
    ``affirmed``)."""
    counted = routes.supporting
    if supplier.data.get("supports_critical_function") is False:
        counted = routes.affirmed
    functions = {f for f, _ in counted}
    # a function naming a service recorded as not supporting one agrees with the record
    direct = [(f, chain) for f, chain in routes.direct if chain[0].supports is not False]
    return counted, [(f, chain) for f, chain in direct if f not in functions]


def _supplier(
    facts: Facts, supplier: Document, routes: _Routes, backup: bool = False
) -> SupplierFacts:
    resting, contested = _counted(supplier, routes)
    via = routes.entities
    data = supplier.data
    declared = integer(data.get("tier"))
    contracts = facts.index.having("Contract", "supplier", supplier.id or "")
    stage = lifecycle.supplier_lifecycle(supplier, contracts, facts.as_of)
    access = _access_level(facts, supplier)
    sensitivity = text_of(data.get("data_sensitivity"))
    ict = _provides_ict(facts, supplier)
    exposures = frozenset(
        name
        for name, present in (
            ("ict", ict),
            ("access", access != "none"),
            ("operating_access", access != "none" and delivery.operating_access(facts, supplier)),
            ("data", sensitivity in CONFIDENTIAL and data.get("data_access") != CIPHERTEXT),
        )
        if present
    )
    supports = (
        data.get("supports_critical_function") is True
        or bool(resting)
        or any(
            value_at(s, "supports_critical_function") is True for s in _list(data.get("services"))
        )
    )
    held = "none" if access == "privileged" and _contracts_ended(facts, supplier) else access
    reasons = _reasons(declared, data, held, resting) if stage != lifecycle.EXITED else ()
    if reasons == (PRIVILEGED,) and declared in (2, 3) and _privileged_identity(facts, supplier):
        reasons = ()  # IAM-03's decision: cut the access, or record tier 1 (docstring there)
    if stage == lifecycle.EXITED:  # SUP-01 reports an exited supplier any such function names
        resting, contested = resting + contested, []
    critical = bool(reasons)
    tier_class = "critical" if critical else recorded_class(declared)
    non_ict = not ict and "operating_access" not in exposures
    operates = "operating_access" in exposures
    models = delivery.service_models(supplier, non_ict=non_ict, operates=operates)
    entities = _supplier_entities(facts, supplier, via)
    unrecorded = supports and outsourcing_unrecorded(contracts, facts.as_of)
    on_site = delivery.on_site_only(facts, supplier)
    grouped = in_group(facts.index, supplier)
    return SupplierFacts(
        document=supplier,
        declared_tier=declared,
        critical=critical,
        reasons=reasons,
        chain=min((chain for _, chain in resting), key=len, default=()),
        supports_critical=supports,
        critical_functions=tuple(dict.fromkeys(f for f, _ in resting)),
        tier_class=tier_class,
        ict=ict,
        access_level=access,
        data_sensitivity=sensitivity,
        exposures=exposures,
        lifecycle=stage,
        entities=entities,
        regimes=facts.regimes.of_legal_persons(entities),
        requires=facts.matrix.required(
            tier_class,
            exposures,
            models=models,
            intra_group=grouped,
            public_body=public_body(supplier),
            mandated=mandated(supplier),
            on_site=on_site,
            regimes=facts.regimes.of_legal_persons(entities),
        )
        if stage != lifecycle.EXITED
        else frozenset(),
        has_alternative=backup or _has_alternative(facts, supplier),
        in_register=any(facts.in_register(c) for c in contracts),
        contested=tuple(dict.fromkeys(f for f, _ in contested)),
        contested_chain=min((chain for _, chain in contested), key=len, default=()),
        service_models=models,
        holds=delivery.holds(facts, supplier, exposures, models),
        model_note=delivery.model_note(
            supplier, models, not non_ict, non_ict, exposures, unrecorded=unrecorded
        ),
        adviser_note=delivery.model_note(
            supplier,
            models,
            False,
            non_ict,
            exposures,
            facts.matrix.sparing(CONTACT, critical),
            unrecorded,
        ),
        outsourcing_unrecorded=unrecorded,
        on_site_only=on_site,
        own_trade_services=delivery.own_trade_services(supplier, non_ict),
        non_ict_services=uncovered(supplier, contracts, lambda c: contract_ict(facts, c)),
        services_not_in_register=uncovered(supplier, contracts, facts.in_register),
        critical_outside_dora=critical_outside_dora(facts, supplier),
        portal_contacts=portal_contacts(supplier),
        reachable_24x7=reachable_24x7(supplier),
        in_group=grouped,
    )


def outsourcing_unrecorded(contracts: Sequence[Document], as_of: datetime.date) -> bool:
    """A live contract of the supplier (draft, signed or in force as of ``as_of``:
    :func:`.lifecycle.contract_lifecycle`) does not record whether it outsources a function of
    ours (outsources_function), or it has none yet: recording an adviser's, a bank's or a
    scheme's model alone would make it no outsourcing (:func:`.documents.outsourcing`). A
    contract that has ended is asked nothing: recording it there changes no term. Read for a
    supplier that supports a critical or important function, the only one whose outsourcing
    is asked its terms (CTR-16, SUP-12)."""
    live = [c for c in contracts if lifecycle.contract_lifecycle(c, as_of) != lifecycle.ENDED]
    return not live or any(not isinstance(c.data.get("outsources_function"), bool) for c in live)


def portal_contacts(supplier: Document) -> frozenset[str]:
    """Its security contacts (``security_24x7``, ``security``) reached through a web portal:
    the address recorded under ``url`` (any the schema takes: an intranet host such as
    https://servicedesk/security is one), or written in the ``channel`` ("https://support.acme
    .example/security (ticket portal)": there only an address with a dotted host, so that words
    around it are not read as one). A channel that only says "portal" gives no address to
    reach it by at 3 a.m.: not one."""
    contacts = mapping_at(supplier.data, "contacts")
    found = set()
    for key in ("security_24x7", "security"):
        contact = mapping_at(contacts, key)
        url, channel = contact.get("url"), contact.get("channel")
        if (isinstance(url, str) and _URL.match(url)) or (
            isinstance(channel, str) and _WEB.search(channel)
        ):
            found.add(key)
    return frozenset(found)


def reachable_24x7(supplier: Document) -> bool:
    """Some contact of the supplier (its security contacts, an escalation step, its account
    manager or another contact) is recorded as answering around the clock
    (``available_24x7: true``) with a phone number, an email address or a portal's address to
    reach it by: the duty desk of a chemicals or fuel supplier is usually its logistics or
    dispatch line, listed under escalation or others rather than as a security contact."""
    contacts = mapping_at(supplier.data, "contacts")
    listed = [contacts.get(key) for key in ("security_24x7", "security", "account_manager")]
    listed += [item for key in ("escalation", "others") for _, item in dicts(contacts.get(key))]
    return any(
        isinstance(contact, dict)
        and contact.get("available_24x7") is True
        and any(isinstance(contact.get(key), str) for key in ("phone", "email", "url"))
        for contact in listed
    )


_URL = Lazy(r"https?://\S+\Z")
"""A url field's web address, as the schema's pattern for it reads (``contact.url``)."""

_WEB = Lazy(r"\bhttps?://[^\s/]+\.[^\s]+", re.IGNORECASE)
"""A web address within a channel's words."""


CONTACT = ("security_contact_24x7", "escalation_order")
"""The terms SUP-03 ends with the supplier's adviser note: its ``adviser_note`` names only the
models whose record takes both off it (a law firm's: a bank is asked a 24x7 contact too)."""


def uncovered(
    supplier: Document, contracts: Sequence[Document], holds: Callable[[Document], bool]
) -> frozenset[str]:
    """The supplier's services that its contracts name, but none of those covering them
    ``holds`` (covers ICT services, is in the register): a regulated fund administration
    contracted apart from the same supplier's ICT data portal. A contract covers the services it
    names, or all of them when it names none, as the register export reports an arrangement
    (B_02.02.0060, :func:`resilint.register.providers.covered_services`). A service no contract
    names is judged with its supplier as a whole, so it is never listed."""
    named: set[str] = set()
    covered: set[str] = set()
    for contract in contracts:
        names = set(strings(contract.data.get("services")))
        if holds(contract):
            if not names:
                return frozenset()  # it covers every service
            covered |= names
        named |= names
    own = keyed(value_at(s, "name") for s in _list(supplier.data.get("services")))
    return frozenset(name for name in named - covered if name in own)


def critical_services(facts: Facts, supplier: Document) -> list[tuple[int, dict[str, Any]]]:
    """The supplier's services that support a critical or important function, each with its
    position: those recorded so (``supports_critical_function: true``) or that such a function
    names (``depends_on.services``); where neither picks one out and the supplier supports such
    a function (a function rests on it as a whole), every service not recorded as supporting
    none. SUP-06 to SUP-08 select the same services in the rule language (rules/dora.yaml), SUP-09
    and the register's assessment of them (B_07.01) through this. A function that contests the
    supplier's record (:attr:`.SupplierFacts.contested`: it names a supplier recorded as
    supporting none, and nothing more specific says otherwise) picks out none of its services:
    the supplier is judged as recorded, its services with it, and SUP-01 asks once to settle
    the records."""
    pairs, named = facts.derived(_named_by_critical, None)
    contested = set(facts.supplier(supplier).contested)
    services = [
        (j, s)
        for j, s in dicts(supplier.data.get("services"))
        if s.get("supports_critical_function") is not False
    ]
    picked = [
        (j, s)
        for j, s in services
        if s.get("supports_critical_function") is True
        or pairs.get((str(supplier.id), str(s.get("name"))), set()) - contested
    ]
    naming = named.get(str(supplier.id), set()) - contested
    found = facts.supplier(supplier)
    if picked or naming or not found.supports_critical:
        return picked
    if found.supports_through_others_only:
        # the supplier in front carries that support: a service of it supports such a function
        # only where a contract of ours with it is taken as supporting one, as the register
        # assesses it (B_07.01), never where we hold none or ours records that it supports none
        covered = _critical_contract_services(facts, supplier)
        return [(j, s) for j, s in services if covered is None or s.get("name") in covered]
    return services


def _critical_contract_services(facts: Facts, supplier: Document) -> frozenset[str] | None:
    """The names of the supplier's services that a contract of ours with it taken as supporting
    a critical or important function covers (``contract.critical``); None where such a contract
    names no services (it covers them all)."""
    names: set[str] = set()
    for contract in facts.index.having("Contract", "supplier", supplier.id or ""):
        if not facts.contract(contract).critical:
            continue
        covered = strings(contract.data.get("services"))
        if not covered:
            return None
        names.update(covered)
    return frozenset(names)


def dora_critical_services(facts: Facts, supplier: Document) -> list[tuple[int, dict[str, Any]]]:
    """The supplier's services that support a critical or important function of an entity under
    DORA, each with its position: those of :func:`critical_services` but the ones whose every
    critical function resting on them is of entities outside DORA
    (:func:`critical_outside_dora`). SUP-06 to SUP-08 select the same services in the rule
    language (``supplier.critical_outside_dora``), SUP-09 and the register's supply chain and
    assessment of them (B_05.02, B_07.01) through this."""
    outside = facts.supplier(supplier).critical_outside_dora
    return [
        (j, s) for j, s in critical_services(facts, supplier) if not among(s.get("name"), outside)
    ]


def critical_outside_dora(facts: Facts, supplier: Document) -> frozenset[str]:
    """Names of the supplier's services on which critical or important functions rest directly
    (naming the service, or the supplier as a whole), every one of them of entities outside
    DORA: a group treasury platform critical to the New York subsidiary's payouts, which the EU
    payment institution uses for a function that is not critical. DORA asks its terms for a
    service supporting the financial entity's own critical or important functions, so such a
    service is not asked them, as a contract is not (:func:`critical_for_dora`). A service no
    critical function rests on directly is never listed (it is judged as recorded), nor is any
    where no entity is under DORA (a configuration that names the dora profile)."""
    if supplier.id is None or "dora" not in facts.regimes.everywhere:
        return frozenset()
    resting = facts.direct_dependencies().get(supplier.id, [])
    found = set()
    for _, service in dicts(supplier.data.get("services")):
        name = service.get("name")
        if not isinstance(name, str):
            continue
        functions = [f for f, names in resting if names is None or name in names]
        if _critical_of(facts, functions) and not critical_for_dora(facts, functions):
            found.add(name)
    return frozenset(found)


def critical_for_dora(facts: Facts, functions: Iterable[str]) -> bool:
    """Whether a contract or service that supports a critical or important function supports
    one of an entity under DORA, whose Art. 30(3) and Art. 28(8) ask their terms: not where
    every critical function resting on it (``functions``) is another entity's (a group's
    treasury platform, critical to the New York subsidiary's payouts, used by the EU payment
    institution for a function that is not). Where no critical function is recorded as resting
    on it, or no entity is under DORA (a configuration that names the dora profile), it is taken
    as recorded. A function that names no entity is every entity's, so it counts for DORA, and so
    does one of an entity a DORA register covers (the group's ICT intra-group service provider,
    Implementing Regulation (EU) 2024/2956 Art. 6(2)), whose functions that register reports
    (B_06.01)."""
    if "dora" not in facts.regimes.everywhere:
        return True
    critical = _critical_of(facts, functions)
    return not critical or any(
        "dora" in function.regimes or any(facts.scope.registers_of(e) for e in function.entities)
        for function in critical
    )


def _critical_of(facts: Facts, functions: Iterable[str]) -> list[Any]:
    """The facts of the critical or important ones among the functions (by id)."""
    documents = (facts.index.get("BusinessFunction", f) for f in functions)
    found = (facts.function(document) for document in documents if document is not None)
    return [function for function in found if function.critical]


def _named_by_critical(
    facts: Facts, _unused: None
) -> tuple[dict[tuple[str, str], set[str]], dict[str, set[str]]]:
    """The (supplier, service) pairs that critical or important functions name as dependencies
    (``depends_on.services``), and the suppliers they name so, each with those functions."""
    pairs: dict[tuple[str, str], set[str]] = {}
    suppliers: dict[str, set[str]] = {}
    for function in facts.critical_functions():
        for _, dep in dicts(value_at(function.data, "depends_on", "services")):
            supplier, service = dep.get("supplier"), dep.get("service")
            if isinstance(supplier, str) and isinstance(service, str):
                pairs.setdefault((supplier, service), set()).add(str(function.id))
                suppliers.setdefault(supplier, set()).add(str(function.id))
    return pairs, suppliers


def _reasons(
    declared: int | None, data: dict[str, Any], access: str, resting: list[Route]
) -> tuple[str, ...]:
    reasons = []
    if declared == 1:
        reasons.append(RECORDED_TIER_1)
    if data.get("supports_critical_function") is True:
        reasons.append("it is recorded as supporting a critical function")
    flagged = [
        str(value_at(s, "name"))
        for s in _list(data.get("services"))
        if value_at(s, "supports_critical_function") is True
    ]
    if flagged and data.get("supports_critical_function") is not True:
        reasons.append(
            f"its service {', '.join(flagged)} is recorded as supporting a critical function"
        )
    rests = dict.fromkeys(f for f, chain in resting if chain[0].json_path[0] != SUPPORTED_BY)
    if rests:
        reasons.append(f"critical or important business functions rest on it ({', '.join(rests)})")
    supports = dict.fromkeys(f for f, _ in resting if f not in rests)
    if supports:
        names = ", ".join(supports)
        reasons.append(f"it supports critical or important business functions ({names})")
    if data.get("data_sensitivity") == "restricted" and data.get("data_access") != CIPHERTEXT:
        reasons.append(RESTRICTED)
    if access == "privileged":
        reasons.append(PRIVILEGED)
    return tuple(reasons)


RECORDED_TIER_1 = "it is recorded as tier 1"
RESTRICTED = "it handles restricted data"
PRIVILEGED = "it holds privileged access to our systems"
OWN_REASONS = frozenset({RECORDED_TIER_1, RESTRICTED, PRIVILEGED})
"""The reasons a supplier is tier 1 in effect that do not come from the functions it supports:
its recorded tier, and what it holds (restricted data, privileged access), which any contract of
it may give it."""


def recorded_class(declared: int | None) -> str:
    """The requirements matrix's row of a supplier below tier 1 by its recorded tier (none
    recorded reads as tier 2)."""
    return "tier_3" if declared == 3 else "tier_2"


def critical_by_functions_only(supplier: SupplierFacts) -> bool:
    """Tier 1 in effect only because critical or important functions rest on it or it is
    recorded as supporting one (directly, or as another supplier's subcontractor): not recorded
    as tier 1, holding no restricted data and no privileged access. A contract of it that
    supports none of those functions is held to its recorded tier
    (:func:`.documents.build_contract`)."""
    return supplier.critical and not OWN_REASONS.intersection(supplier.reasons)


SUPPORTED_BY = "supported_by"
"""The field of a function naming a supplier that supports it without the function resting on
it (:meth:`resilint.domain.graph.DependencyGraph.supported_by`)."""


def _privileged_identity(facts: Facts, supplier: Document) -> bool:
    """An active Identity of the supplier gives it privileged access, which IAM-03 reports
    where the supplier is recorded below tier 1: either the access is more than the work needs
    or the tier is understated. Where that access is all that makes the supplier critical, it is
    judged at its recorded tier until that one decision is taken, rather than re-tiered,
    re-assessed and renegotiated in findings of their own; privileged access recorded only in
    highest_access_level, with no Identity for IAM-03 to report, still makes it critical."""
    if supplier.id is None:
        return False
    return any(
        text_of(identity.data.get("access_level")) == "privileged"
        and lifecycle.identity_active(identity)
        and lifecycle.supplier_access(identity)
        for identity in facts.index.having("Identity", "supplier", supplier.id)
    )


def _contracts_ended(facts: Facts, supplier: Document) -> bool:
    """Every contract with the supplier has ended (and there is one): the access it still holds
    is left over from a relationship that is over, to be revoked (IAM-03), not oversight to
    raise to tier 1 (an assessment, an escalation order, a joint playbook)."""
    if supplier.id is None:
        return False
    contracts = facts.index.having("Contract", "supplier", supplier.id)
    ended = (lifecycle.contract_lifecycle(c, facts.as_of) == lifecycle.ENDED for c in contracts)
    return bool(contracts) and all(ended)


def _access_level(facts: Facts, supplier: Document) -> str:
    """The highest access the supplier holds standing: through its active identities, and as
    recorded (highest_access_level) unless only identities that are not active hold that level:
    a disabled break-glass account is access it may be given in an incident, not access it
    holds."""
    declared = text_of(supplier.data.get("highest_access_level")) or "none"
    active: list[str] = []
    dormant: set[str] = set()
    if supplier.id is not None:
        for identity in facts.index.having("Identity", "supplier", supplier.id):
            if not lifecycle.supplier_access(identity):
                continue  # our own credential at the supplier: no access of it to us
            level = text_of(identity.data.get("access_level")) or "none"
            (active.append if lifecycle.identity_active(identity) else dormant.add)(level)
    levels = [*active, "none" if declared in dormant else declared]
    return max(levels, key=lambda level: ACCESS_ORDER.index(level) if level in ACCESS_ORDER else 0)


def _provides_ict(facts: Facts, supplier: Document) -> bool:
    """As recorded (provides_ict_services); else inferred from what the repository shows: an
    identity into our systems, cloud dependencies, data stored for us (not by a regulated
    financial firm or a market infrastructure, whose keeping of our data belongs to its
    financial service: :func:`.delivery.regulated_financial_firm`) or an ICT contract. Nor
    does such a firm's channel that only exchanges data with our systems make it one (a
    bank's payment file SFTP account, an executing broker's FIX session or a custodian's
    position file feed: no person of it acts in them): that channel is its regulated
    service's too (the ESAs' Q&A 2999, DORA030), while its people's accounts acting in our
    systems still are ICT access."""
    recorded = supplier.data.get("provides_ict_services")
    if isinstance(recorded, bool):
        return recorded
    if supplier.id is None:
        return False
    identities = facts.index.having("Identity", "supplier", supplier.id)
    if any(lifecycle.supplier_access(identity) for identity in identities) and (
        not delivery.regulated_financial_firm(supplier)
        or delivery.operating_access(facts, supplier)
    ):
        return True
    if mapping_at(supplier.data, "shared_dependencies").get("cloud"):
        return True
    stores = any(value_at(s, "stores_data") is True for s in _list(supplier.data.get("services")))
    # a bank's or an insurer's keeping of our data (statements, online banking) is part of its
    # regulated financial service, not an ICT service (ESAs' Q&A 2999, DORA030)
    if stores and not delivery.regulated_financial_firm(supplier):
        return True
    contracts = facts.index.having("Contract", "supplier", supplier.id)
    return any(c.data.get("covers_ict_services") is True for c in contracts)


def _supplier_entities(facts: Facts, supplier: Document, via: Iterable[str]) -> tuple[str, ...]:
    """Entities of the supplier's live contracts and of the functions resting on it."""
    named: list[str] = []
    if supplier.id is not None:
        for contract in facts.index.having("Contract", "supplier", supplier.id):
            if lifecycle.contract_lifecycle(contract, facts.as_of) != lifecycle.ENDED:
                named.extend(facts.regimes.entities_named(contract, *CONTRACT_ENTITIES))
    named.extend(via)
    return tuple(dict.fromkeys(named)) or facts.regimes.all_entities


def intra_group(supplier: Document) -> bool:
    """A company of our own group that says so: it names the Entity it is (group_entity)."""
    named = supplier.data.get("group_entity")
    return isinstance(named, str) and bool(named.strip())


def entity_by_lei(index: Index, supplier: Document) -> Document | None:
    """The Entity of ours whose LEI identifies the supplier (``provider_id`` of type LEI): a
    company of our group recorded without ``group_entity``, as the register files it (B_03.03
    lists the entity of its scope with that LEI as the provider of the arrangement)."""
    if value_at(supplier.data, "provider_id_type") != "LEI":
        return None
    code = (text_of(value_at(supplier.data, "provider_id")) or "").strip().upper()
    return _entities_by_lei(index).get(code) if code else None


_BY_LEI: weakref.WeakKeyDictionary[Index, dict[str, Document]] = weakref.WeakKeyDictionary()
"""Each index's entities by LEI as :func:`entity_by_lei` compares it, built once: it is asked
of every supplier by several facts."""


def _entities_by_lei(index: Index) -> dict[str, Document]:
    table = _BY_LEI.get(index)
    if table is None:
        table = {}
        for entity in index.of_kind("Entity"):
            lei = (text_of(entity.data.get("lei")) or "").strip().upper()
            if lei:
                table.setdefault(lei, entity)  # the first, as a walk of them in order finds
        _BY_LEI[index] = table
    return table


def group_entity(index: Index, supplier: Document) -> Document | None:
    """The Entity an intra-group provider is: the one it names (``group_entity``), where it
    exists; else, naming none, the one of ours whose LEI identifies it (:func:`entity_by_lei`)."""
    if intra_group(supplier):
        return index.get("Entity", str(supplier.data.get("group_entity")))
    return entity_by_lei(index, supplier)


def in_group(index: Index, supplier: Document) -> bool:
    """A company of our own group: it names the Entity it is, or is identified by the LEI of
    one of our entities. The commercial remedies are not asked of it, whichever it records."""
    return intra_group(supplier) or entity_by_lei(index, supplier) is not None


def group_entity_id(index: Index, supplier: Document) -> str | None:
    """The id of the Entity a company of our own group is (:func:`group_entity`): the one it
    names, as written, else the one whose LEI identifies it."""
    if intra_group(supplier):
        return text_of(supplier.data.get("group_entity"))
    own = entity_by_lei(index, supplier)
    return str(own.id) if own is not None else None


def group_top(index: Index, entity: Document) -> Document:
    """The topmost Entity above ``entity`` through ``parent`` (a loop stops where it closes):
    the ultimate parent of a company of our group."""
    seen = {entity.id}
    while (parent := index.get("Entity", str(entity.data.get("parent")))) is not None:
        if parent.id in seen:
            break
        seen.add(parent.id)
        entity = parent
    return entity


def public_body(supplier: Document) -> bool:
    """A public body serving us under public law (public_body: true): a shared public-sector IT
    service centre, a state agency. The commercial remedies it does not grant are not asked."""
    return supplier.data.get("public_body") is True


def mandated(supplier: Document) -> bool:
    """A supplier we take part in by mandate, on terms set alike for every participant
    (mandated: true): a port community system, a state health-information exchange. The terms
    only a bargain gives are not asked."""
    return supplier.data.get("mandated") is True


def _has_alternative(facts: Facts, supplier: Document) -> bool:
    """A documented alternative supplier that is ready to take over (contracted or onboarded)."""
    for item in _list(supplier.data.get("alternatives")):
        ready = value_at(item, "readiness") in ("contracted", "onboarded")
        if ready and facts.index.get("Supplier", value_at(item, "supplier")) is not None:
            return True
    return False


def _backups(facts: Facts) -> frozenset[str]:
    """The suppliers that are an engaged supplier's ready alternative (contracted or onboarded):
    each can take the other's place, so the one recorded as the alternative has one too (a
    second transit carrier, a standby field contractor)."""
    found = set()
    for supplier in facts.index.of_kind("Supplier"):
        contracts = facts.index.having("Contract", "supplier", supplier.id or "")
        if lifecycle.supplier_lifecycle(supplier, contracts, facts.as_of) != lifecycle.ENGAGED:
            continue
        for item in _list(supplier.data.get("alternatives")):
            other = value_at(item, "supplier")
            ready = value_at(item, "readiness") in ("contracted", "onboarded")
            known = isinstance(other, str) and facts.index.get("Supplier", other) is not None
            if ready and known and other != supplier.id:
                found.add(str(other))
    return frozenset(found)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def contract_ict(facts: Facts, contract: Document) -> bool:
    """It covers ICT services: as recorded (covers_ict_services), else when its supplier
    provides ICT services or holds access to our systems. A supplier recorded as providing no
    ICT services is not made an ICT provider by access that only looks (an actuary's or an
    auditor's read-only seat in our data room), nor by any access where what the contract
    covers is an adviser's, a bank's or a scheme's trade (a fiduciary manager's staff posting
    papers in our board portal): the seat is our service to it. Where nothing says what it is
    (a payroll bureau with administrator rights), access that acts in our systems still does."""
    return _ict(facts, contract, seat_counts=False)


def contract_secured(facts: Facts, contract: Document) -> bool:
    """Whether the ICT-security terms its supplier's exposure calls for are asked of the
    contract (the requirements matrix's ``ict_security``): where it covers ICT services, and
    where a supplier recorded as providing none acts in our systems in its own trade (an
    adviser's, a bank's or a scheme's seat): the seat is no ICT service, but it is access of
    ours to secure all the same. So too where the contract is recorded as covering no ICT
    services (covers_ict_services: false) while its supplier's people act in our systems (a
    claims administrator's handlers settling claims in our claims system, a payroll bureau's
    administrators): the record keeps DORA's ICT-contract terms away, not the security of our
    own systems' accounts; an integration credential (a laboratory's SFTP upload) or a seat
    that only looks does not act. (A supplier that provides ICT services has its ICT contract
    carry them.)"""
    if contract.data.get("covers_ict_services") is False:
        supplier = _supplier_of(facts, contract)
        if supplier is None or facts.supplier_standing(supplier)[0]:
            return False
        return delivery.operating_access(facts, supplier)
    return _ict(facts, contract, seat_counts=True)


def _supplier_of(facts: Facts, contract: Document) -> Document | None:
    named = contract.data.get("supplier")
    return facts.index.get("Supplier", named) if isinstance(named, str) else None


def _ict(facts: Facts, contract: Document, seat_counts: bool) -> bool:
    covers_ict = contract.data.get("covers_ict_services")
    if isinstance(covers_ict, bool):
        return covers_ict
    supplier = _supplier_of(facts, contract)
    if supplier is None:
        return False
    provides, access = facts.supplier_standing(supplier)  # once a supplier, not a contract
    if provides:
        return True
    # a regulated financial firm not recorded either way provides none, as its record would
    # say (:func:`_provides_ict`): its channel into our systems is its own trade's
    if supplier.data.get("provides_ict_services") is False or delivery.regulated_financial_firm(
        supplier
    ):
        if access in delivery.LOOKING_LEVELS:
            return False
        return seat_counts or not _own_trade(facts, supplier, contract)
    return access != "none"


def _own_trade(facts: Facts, supplier: Document, contract: Document) -> bool:
    """Every service the contract covers (all its supplier's when it names none) is of an
    adviser, a bank or a scheme (:data:`.delivery.OWN_TRADE`): recorded, or inferred as the
    contract's facts infer it (its words are read only where the supplier does not act in our
    systems)."""
    acts = delivery.operating_access(facts, supplier)
    covered = strings(contract.data.get("services"))
    models = delivery.service_models(supplier, covered, non_ict=not acts, operates=acts)
    return bool(models) and models <= delivery.OWN_TRADE


def standing(facts: Facts, supplier: Document) -> tuple[bool, str]:
    """Whether the supplier provides ICT services, and the highest access it holds standing:
    what each of its contracts asks (:meth:`Facts.supplier_standing` keeps it, since both read
    all its contracts or identities: 4,000 contracts of one supplier read 16 million)."""
    return _provides_ict(facts, supplier), _access_level(facts, supplier)
