"""Facts about one document of each kind, derived once from the index (see the package doc)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from resilint.domain import delivery, lifecycle
from resilint.domain.graph import Chain
from resilint.domain.readers import integer, mapping_at, strings, text_of, value_at
from resilint.domain.regimes import CONTRACT_ENTITIES
from resilint.domain.registers import supported_functions
from resilint.model import Document

if TYPE_CHECKING:
    from resilint.domain import Facts

ACCESS_ORDER = ("none", "read-only", "write", "privileged")
CONFIDENTIAL = ("confidential", "restricted")
CIPHERTEXT = "ciphertext_only"
"""Supplier.data_access: it holds our data only encrypted, without the keys."""
HUMAN = "human_account"


@dataclass(frozen=True)
class SupplierFacts:
    document: Document
    declared_tier: int | None
    critical: bool
    """Tier 1 in effect: recorded so, or made so by what it does for us (see ``reasons``)."""
    reasons: tuple[str, ...]
    """Why it is critical, in words; empty when it is not."""
    chain: Chain
    """When a critical function rests on it: the shortest chain from that function."""
    supports_critical: bool
    """It supports a critical or important function (recorded, or through the graph)."""
    critical_functions: tuple[str, ...]
    tier_class: str
    ict: bool
    access_level: str
    data_sensitivity: str | None
    exposures: frozenset[str]
    lifecycle: str
    entities: tuple[str, ...]
    regimes: frozenset[str]
    requires: frozenset[str]
    has_alternative: bool
    in_register: bool = False
    """A contract of it is in the DORA register of information (:mod:`.registers`)."""
    service_models: frozenset[str] = frozenset()
    """The service models of its services (:mod:`.delivery`); empty when any is unknown."""
    holds: frozenset[str] = frozenset()
    """What of ours it holds: data, credentials, identities (:mod:`.delivery`)."""
    contested: tuple[str, ...] = ()
    """Critical or important functions that name it directly although it (or the service they
    name) is recorded as not supporting a critical function: the records disagree, and it is
    judged as recorded, not made critical by them (SUP-01 asks to settle it)."""
    contested_chain: Chain = ()

    @property
    def effective_tier(self) -> int | None:
        return 1 if self.critical else self.declared_tier

    @property
    def non_ict(self) -> bool:
        """It provides no ICT services and does not operate in our systems."""
        return not self.ict and "operating_access" not in self.exposures

    @property
    def understated(self) -> bool:
        """Recorded below tier 1 although it is critical in effect."""
        return self.critical and self.declared_tier is not None and self.declared_tier > 1

    def fields(self) -> dict[str, Any]:
        return {
            "critical": self.critical,
            "effective_tier": self.effective_tier,
            "tier_class": self.tier_class,
            "supports_critical": self.supports_critical,
            "critical_functions": list(self.critical_functions),
            "ict": self.ict,
            "access_level": self.access_level,
            "exposures": sorted(self.exposures),
            "lifecycle": self.lifecycle,
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
            "requires": sorted(self.requires),
            "has_alternative": self.has_alternative,
            "in_register": self.in_register,
            "service_models": sorted(self.service_models),
            "holds": sorted(self.holds),
        }


@dataclass(frozen=True)
class ContractFacts:
    document: Document
    supplier: SupplierFacts | None
    lifecycle: str
    critical: bool
    """It supports a critical or important function (DORA Art. 30(3))."""
    ict: bool
    entities: tuple[str, ...]
    regimes: frozenset[str]
    requires: frozenset[str]
    in_register: bool = False
    """The DORA register of information holds it as of the facts' date (:mod:`.registers`)."""
    functions: tuple[str, ...] = ()
    """Business functions resting directly on it (its supplier, or a service it covers)."""
    service_models: frozenset[str] = frozenset()
    """The service models of the services it covers (:mod:`.delivery`); empty when any is
    unknown."""
    replaceable: bool = False
    """Every service it covers is recorded as easily or medium substitutable."""

    def fields(self) -> dict[str, Any]:
        return {
            "replaceable": self.replaceable,
            "in_register": self.in_register,
            "functions": list(self.functions),
            "service_models": sorted(self.service_models),
            "lifecycle": self.lifecycle,
            "critical": self.critical,
            "ict": self.ict,
            "tier_class": self.supplier.tier_class if self.supplier else "tier_2",
            "effective_tier": self.supplier.effective_tier if self.supplier else None,
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
            "requires": sorted(self.requires),
        }


@dataclass(frozen=True)
class FunctionFacts:
    document: Document
    critical: bool
    suppliers: tuple[str, ...]
    entities: tuple[str, ...]
    regimes: frozenset[str]
    in_register: bool = False
    """A contract in the DORA register of information supports it directly."""

    def fields(self) -> dict[str, Any]:
        return {
            "in_register": self.in_register,
            "critical": self.critical,
            "suppliers": list(self.suppliers),
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
        }


@dataclass(frozen=True)
class IdentityFacts:
    document: Document
    human: bool
    machine: bool
    active: bool
    supplier: SupplierFacts | None
    regimes: frozenset[str]

    def fields(self) -> dict[str, Any]:
        return {
            "human": self.human,
            "machine": self.machine,
            "active": self.active,
            "regimes": sorted(self.regimes),
        }


@dataclass(frozen=True)
class PolicyFacts:
    document: Document
    in_force: bool
    layer: str
    """``primary`` or ``excess``."""
    underlying: Document | None
    """For an excess layer, the policy it sits over."""
    follows_form: bool
    """An excess layer that takes the underlying policy's terms and conditions."""
    entities: tuple[str, ...]
    regimes: frozenset[str]

    @property
    def inherits_terms(self) -> bool:
        return self.layer == "excess" and self.follows_form and self.underlying is not None

    def fields(self) -> dict[str, Any]:
        return {
            "in_force": self.in_force,
            "position": self.layer,
            "inherits_terms": self.inherits_terms,
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
        }


@dataclass(frozen=True)
class PlanFacts:
    document: Document
    critical: bool
    """The function it keeps going is critical or important."""

    def fields(self) -> dict[str, Any]:
        return {"critical": self.critical}


@dataclass(frozen=True)
class PlaybookFacts:
    document: Document
    required: bool
    """A joint playbook the requirements matrix asks for: its supplier is engaged and needs
    one, or a live contract that names it does."""

    def fields(self) -> dict[str, Any]:
        return {"required": self.required}


@dataclass(frozen=True)
class EntityFacts:
    document: Document
    maintains_register: bool
    """Under DORA with no entity under DORA above it: it keeps a register of information."""
    registers: tuple[str, ...]
    """The entities whose register of information covers this one (its scope of consolidation)."""
    regimes: frozenset[str]
    """Its own regimes, and dora when a DORA register covers it (a non-financial group entity
    is listed in its parent's register: the register's rules apply to its entry)."""

    def fields(self) -> dict[str, Any]:
        return {
            "maintains_register": self.maintains_register,
            "in_register": bool(self.registers),
        }


# -- suppliers: built together, since criticality flows through the dependency graph ---------------
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
    built = {}
    for supplier in facts.index.of_kind("Supplier"):
        key = supplier.id if supplier.id is not None else f"{supplier.path}#{supplier.index}"
        built[key] = _supplier(facts, supplier, routes.get(supplier.id or "", _Routes()))
    return built


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


def _supplier(facts: Facts, supplier: Document, routes: _Routes) -> SupplierFacts:
    resting, contested = _counted(supplier, routes)
    via = routes.entities
    data = supplier.data
    declared = integer(data.get("tier"))
    stage = lifecycle.supplier_lifecycle(supplier)
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
    reasons = _reasons(declared, data, access, resting) if stage != lifecycle.EXITED else ()
    if stage == lifecycle.EXITED:  # SUP-01 reports an exited supplier any such function names
        resting, contested = resting + contested, []
    critical = bool(reasons)
    tier_class = "critical" if critical else ("tier_3" if declared == 3 else "tier_2")
    non_ict = not ict and "operating_access" not in exposures
    models = delivery.service_models(supplier, non_ict=non_ict)
    entities = _supplier_entities(facts, supplier, via)
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
        regimes=facts.regimes.of_entities(entities),
        requires=facts.matrix.required(tier_class, exposures, models=models)
        if stage != lifecycle.EXITED
        else frozenset(),
        has_alternative=_has_alternative(facts, supplier),
        in_register=any(
            facts.in_register(c)
            for c in facts.index.having("Contract", "supplier", supplier.id or "")
        ),
        contested=tuple(dict.fromkeys(f for f, _ in contested)),
        contested_chain=min((chain for _, chain in contested), key=len, default=()),
        service_models=models,
        holds=delivery.holds(facts, supplier, exposures),
    )


def _reasons(
    declared: int | None, data: dict[str, Any], access: str, resting: list[Route]
) -> tuple[str, ...]:
    reasons = []
    if declared == 1:
        reasons.append("it is recorded as tier 1")
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
    if resting:
        names = ", ".join(dict.fromkeys(f for f, _ in resting))
        reasons.append(f"critical or important business functions rest on it ({names})")
    if data.get("data_sensitivity") == "restricted" and data.get("data_access") != CIPHERTEXT:
        reasons.append("it handles restricted data")
    if access == "privileged":
        reasons.append("it holds privileged access to our systems")
    return tuple(reasons)


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
            level = text_of(identity.data.get("access_level")) or "none"
            (active.append if lifecycle.identity_active(identity) else dormant.add)(level)
    levels = [*active, "none" if declared in dormant else declared]
    return max(levels, key=lambda level: ACCESS_ORDER.index(level) if level in ACCESS_ORDER else 0)


def _provides_ict(facts: Facts, supplier: Document) -> bool:
    """As recorded (provides_ict_services); else inferred from what the repository shows: an
    identity into our systems, cloud dependencies, data stored for us or an ICT contract."""
    recorded = supplier.data.get("provides_ict_services")
    if isinstance(recorded, bool):
        return recorded
    if supplier.id is None:
        return False
    if facts.index.having("Identity", "supplier", supplier.id):
        return True
    if mapping_at(supplier.data, "shared_dependencies").get("cloud"):
        return True
    if any(value_at(s, "stores_data") is True for s in _list(supplier.data.get("services"))):
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


def _has_alternative(facts: Facts, supplier: Document) -> bool:
    """A documented alternative supplier that is ready to take over (contracted or onboarded)."""
    for item in _list(supplier.data.get("alternatives")):
        ready = value_at(item, "readiness") in ("contracted", "onboarded")
        if ready and facts.index.get("Supplier", value_at(item, "supplier")) is not None:
            return True
    return False


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# -- the other kinds ---------------------------------------------------------------------------
def contract_ict(facts: Facts, contract: Document) -> bool:
    """It covers ICT services: as recorded (covers_ict_services), else when its supplier
    provides ICT services or holds access to our systems."""
    covers_ict = contract.data.get("covers_ict_services")
    if isinstance(covers_ict, bool):
        return covers_ict
    named = contract.data.get("supplier")
    supplier = facts.index.get("Supplier", named) if isinstance(named, str) else None
    return supplier is not None and (
        _provides_ict(facts, supplier) or _access_level(facts, supplier) != "none"
    )


def build_contract(facts: Facts, contract: Document) -> ContractFacts:
    supplier = facts.supplier_by_id(contract.data.get("supplier"))
    ict = contract_ict(facts, contract)
    flagged = contract.data.get("supports_critical_function")
    critical = (
        flagged if isinstance(flagged, bool) else bool(supplier and supplier.supports_critical)
    )
    entities = facts.regimes.entities_named(contract, *CONTRACT_ENTITIES)
    stage = lifecycle.contract_lifecycle(contract, facts.as_of)
    covered = strings(contract.data.get("services"))
    models = (
        delivery.service_models(supplier.document, covered, supplier.non_ict)
        if supplier is not None
        else frozenset()
    )
    requires = (
        facts.matrix.required(supplier.tier_class, supplier.exposures, ict, models)
        if supplier is not None and stage != lifecycle.ENDED
        else frozenset()
    )
    return ContractFacts(
        contract,
        supplier,
        stage,
        critical,
        ict,
        entities,
        facts.regimes.of_entities(entities),
        requires,
        in_register=facts.in_register(contract),
        functions=supported_functions(facts, contract),
        service_models=models,
        replaceable=supplier is not None and delivery.replaceable(supplier.document, covered),
    )


def build_function(facts: Facts, function: Document) -> FunctionFacts:
    critical = function.data.get("criticality") in facts.definitions.critical_levels
    entities = facts.regimes.entities_named(function, "entities")
    suppliers = tuple(facts.graph.reach(function).suppliers)
    return FunctionFacts(
        function,
        critical,
        suppliers,
        entities,
        facts.regimes.of_entities(entities),
        in_register=_function_in_register(facts, function),
    )


def _function_in_register(facts: Facts, function: Document) -> bool:
    for supplier, services, _ in facts.graph._starts(function):  # its direct edges
        for contract in facts.index.having("Contract", "supplier", supplier.id or ""):
            covered = set(strings(contract.data.get("services")))
            relevant = services is None or not covered or bool(services & covered)
            if relevant and facts.in_register(contract):
                return True
    return False


def build_entity(facts: Facts, entity: Document) -> EntityFacts:
    registers = facts.scope.registers_of(entity.id) if entity.id else ()
    own = facts.regimes.of_entities([entity.id]) if entity.id else frozenset()
    return EntityFacts(
        entity,
        maintains_register=entity.id in facts.scope.maintainers,
        registers=registers,
        regimes=own | {"dora"} if registers else own,
    )


def build_plan(facts: Facts, plan: Document) -> PlanFacts:
    named = plan.data.get("function")
    function = facts.index.get("BusinessFunction", named) if isinstance(named, str) else None
    return PlanFacts(plan, function is not None and facts.function(function).critical)


def build_playbook(facts: Facts, playbook: Document) -> PlaybookFacts:
    supplier = facts.supplier_by_id(playbook.data.get("supplier"))
    needed = bool(
        supplier
        and supplier.lifecycle == lifecycle.ENGAGED
        and "joint_playbook" in supplier.requires
    )
    if not needed and playbook.id is not None:
        needed = any(
            "joint_playbook" in facts.contract(c).requires
            for c in facts.index.having("Contract", "playbook", playbook.id)
        )
    return PlaybookFacts(playbook, needed)


def build_identity(facts: Facts, identity: Document) -> IdentityFacts:
    kind = text_of(identity.data.get("type"))
    supplier = facts.supplier_by_id(identity.data.get("supplier"))
    regimes = supplier.regimes if supplier else facts.regimes.everywhere
    return IdentityFacts(
        identity,
        human=kind == HUMAN,
        machine=kind is not None and kind != HUMAN,
        active=lifecycle.identity_active(identity),
        supplier=supplier,
        regimes=regimes,
    )


def build_policy(facts: Facts, policy: Document) -> PolicyFacts:
    layer = mapping_at(policy.data, "layer")
    over = layer.get("sits_over")
    underlying = facts.index.get("InsurancePolicy", over) if isinstance(over, str) else None
    entities = facts.regimes.entities_named(policy, "insured_entities")
    return PolicyFacts(
        policy,
        in_force=lifecycle.policy_in_force(policy, facts.as_of),
        layer="excess" if layer.get("position") == "excess" else "primary",
        underlying=underlying,
        follows_form=layer.get("follows_form") is not False,
        entities=entities,
        regimes=facts.regimes.of_entities(entities),
    )


def _fact(kind: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **schema}


_TEXTS = {"type": "string"}
FACT_FIELDS: dict[str, dict[str, dict[str, Any]]] = {
    "Supplier": {
        "critical": _fact(
            "boolean",
            "Tier 1 in effect: recorded so, or a critical or important "
            "function rests on it, or it handles restricted data (unless only as ciphertext "
            "without the keys) or holds standing privileged access.",
        ),
        "effective_tier": _fact("integer", "1 when critical, else the recorded tier."),
        "tier_class": _fact(
            "string",
            "critical, tier_2 or tier_3: the row of the requirements matrix it is judged by.",
        ),
        "supports_critical": _fact("boolean", "It supports a critical or important function."),
        "critical_functions": _fact(
            "array", "Critical or important functions resting on it.", items=_TEXTS
        ),
        "ict": _fact("boolean", "It provides ICT services (recorded, or inferred)."),
        "access_level": _fact(
            "string",
            "Highest access it holds standing: none, read-only, write or "
            "privileged (through an active identity, or recorded unless only identities that "
            "are not active hold that level).",
        ),
        "exposures": _fact(
            "array",
            "Which of ict, access, operating_access (a person's account or privileged access in "
            "our systems, not only an integration credential) and data apply to it.",
            items=_TEXTS,
        ),
        "service_models": _fact(
            "array",
            "Service models of its services (managed_service, multi_tenant_saas, iaas_paas, "
            "colocation, data_feed, professional_service, financial_service): recorded, or "
            "inferred from the ICT service type, or for a supplier without ICT services from "
            "the words that name a bank or a law firm; empty when any is unknown.",
            items=_TEXTS,
        ),
        "holds": _fact(
            "array",
            "What of ours it holds: data (our confidential data, or data_sensitivity not "
            "recorded, unless every service records stores_data: false), credentials (access "
            "into our systems), identities (our sign-in runs through it).",
            items=_TEXTS,
        ),
        "lifecycle": _fact("string", "prospective, engaged or exited."),
        "our_entities": _fact(
            "array",
            "Our entities it serves: those of its live contracts and of the critical "
            "functions resting on it.",
            items=_TEXTS,
        ),
        "regimes": _fact("array", "Regimes of those entities (dora, nis2, nydfs).", items=_TEXTS),
        "requires": _fact("array", "Terms the requirements matrix asks of it.", items=_TEXTS),
        "has_alternative": _fact("boolean", "A documented alternative supplier is ready."),
        "in_register": _fact("boolean", "A contract of it is in the DORA register of information."),
    },
    "Contract": {
        "in_register": _fact(
            "boolean",
            "The DORA register of information holds it: ICT, signed, under an entity a register "
            "covers, in force or ended during the year of the as-of date.",
        ),
        "functions": _fact(
            "array",
            "Business functions resting directly on it (its supplier, or a service it covers).",
            items=_TEXTS,
        ),
        "lifecycle": _fact("string", "draft (being negotiated), in_force or ended."),
        "critical": _fact("boolean", "It supports a critical or important function."),
        "ict": _fact("boolean", "It covers ICT services (recorded, or inferred)."),
        "tier_class": _fact("string", "The supplier's row of the requirements matrix."),
        "service_models": _fact(
            "array",
            "Service models of the services it covers (all its supplier's when it names none); "
            "empty when any is unknown.",
            items=_TEXTS,
        ),
        "replaceable": _fact(
            "boolean",
            "Every service it covers (all its supplier's when it names none) is recorded as "
            "easily_substitutable or medium_complexity.",
        ),
        "effective_tier": _fact("integer", "The supplier's tier in effect."),
        "our_entities": _fact(
            "array",
            "Our entities that sign or use it (every entity when it names none).",
            items=_TEXTS,
        ),
        "regimes": _fact("array", "Regimes of those entities.", items=_TEXTS),
        "requires": _fact("array", "Terms the requirements matrix asks of it.", items=_TEXTS),
    },
    "BusinessFunction": {
        "in_register": _fact(
            "boolean", "A contract in the DORA register of information supports it directly."
        ),
        "critical": _fact(
            "boolean",
            "Its criticality is one the configuration counts as "
            "critical or important (critical_levels).",
        ),
        "suppliers": _fact(
            "array",
            "Suppliers it rests on, through subcontractors and shared dependencies too.",
            items=_TEXTS,
        ),
        "our_entities": _fact(
            "array", "Our entities it serves (every entity when it names none).", items=_TEXTS
        ),
        "regimes": _fact("array", "Regimes of those entities.", items=_TEXTS),
    },
    "Entity": {
        "maintains_register": _fact(
            "boolean",
            "Under DORA with no entity under DORA above it: it keeps a register of information.",
        ),
        "in_register": _fact(
            "boolean", "A DORA register of information covers it (its own, or its parent's)."
        ),
    },
    "ContinuityPlan": {
        "critical": _fact(
            "boolean", "The business function it keeps going is critical or important."
        ),
    },
    "Playbook": {
        "required": _fact(
            "boolean",
            "The requirements matrix asks for this joint playbook: its "
            "supplier is engaged and needs one, or a live contract naming it does.",
        ),
    },
    "Identity": {
        "human": _fact("boolean", "A person's account (type human_account)."),
        "machine": _fact(
            "boolean", "A machine credential: API key, service account, SSH key, certificate…"
        ),
        "active": _fact("boolean", "Not revoked or disabled."),
        "regimes": _fact("array", "Regimes of its supplier's entities.", items=_TEXTS),
    },
    "InsurancePolicy": {
        "in_force": _fact("boolean", "Cover applies on the as-of date."),
        "position": _fact(
            "string",
            "primary or excess: where it sits in the insurance tower (layer.position; primary "
            "unless stated).",
        ),
        "inherits_terms": _fact(
            "boolean",
            "An excess layer following the form of the policy "
            "it sits over: its terms are that policy's.",
        ),
        "our_entities": _fact(
            "array", "Our insured entities (every entity when it names none).", items=_TEXTS
        ),
        "regimes": _fact("array", "Regimes of those entities.", items=_TEXTS),
    },
}
"""The facts the rule language sees as fields of a document, with their types (checked when a
rule loads, like schema fields) and meanings (listed in docs/rule-language.md)."""
