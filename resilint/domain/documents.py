"""Facts of the kinds other than suppliers, each built on its own from the index and the
supplier facts: contracts, business functions, entities, continuity plans, playbooks, identities
and insurance policies."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from resilint.domain import delivery, lifecycle
from resilint.domain.controls import covers_function
from resilint.domain.facts import (
    ContractFacts,
    EntityFacts,
    ExerciseFacts,
    FunctionFacts,
    IdentityFacts,
    PlanFacts,
    PlaybookFacts,
    PolicyFacts,
    SupplierFacts,
)
from resilint.domain.readers import (
    among,
    as_date,
    listed,
    mapping_at,
    number,
    strings,
    text_of,
    value_at,
)
from resilint.domain.regimes import (
    CONTRACT_ENTITIES,
    dora_excluded,
    dora_simplified_misclaimed,
    dora_size,
    entity_types,
)
from resilint.domain.registers import branch_of, supported_functions
from resilint.domain.suppliers import (
    contract_ict,
    contract_secured,
    critical_by_functions_only,
    critical_for_dora,
    mandated,
    public_body,
    recorded_class,
)
from resilint.domain.tower import (
    cyber_insured,
    dependent_cover_beyond_it,
    insurer_asks_of,
    line_of,
    lines_named,
    renewed_to,
    terms_of,
)
from resilint.model import Document
from resilint.resources import data_dir
from resilint.schemas import RefField

if TYPE_CHECKING:
    from resilint.domain import Facts

HUMAN = "human_account"
NOTICE = ("incident_notice",)
"""The term CTR-03 ends with the contract's adviser note: its ``adviser_note`` names only the
models whose record takes it off the supplier (a critical law firm is asked a window too)."""


def _clock_names(
    facts: Facts, supplier: SupplierFacts, entities: Iterable[str], requires: frozenset[str]
) -> bool:
    """Whether the matrix leaves out the incident notice of a supplier that a clock one of the
    entities records scopes to it (``other_clocks`` with an ``applies_to`` it meets: a
    customer's notice for an outage of a public data feed, tier 3 with nothing of ours): the
    entity's word that the supplier's notice starts that clock, so its contract is asked a
    window (CTR-03) that fits it (CTR-04). Not of a supplier on terms set for every
    participant (mandated, a public body): there is nothing to negotiate."""
    if NOTICE[0] in requires or mandated(supplier.document) or public_body(supplier.document):
        return False
    from resilint.domain.notice_clocks import scoped_to

    return scoped_to(facts, entities, supplier)


def build_contract(facts: Facts, contract: Document) -> ContractFacts:
    supplier = facts.supplier_by_id(contract.data.get("supplier"))
    ict = contract_ict(facts, contract)
    flagged = contract.data.get("supports_critical_function")
    note = ""
    if flagged is False and supplier is not None:
        note = _covers_critical(facts, contract, supplier.document, supplier.contested)
    if isinstance(flagged, bool):
        critical = flagged or bool(note)
    else:
        critical = (
            supplier is not None
            and supplier.supports_critical
            and not _covers_only_non_critical(facts, contract, supplier.document)
        )
        if critical and supplier is not None:
            note = _through_another_note(facts, contract, supplier)
    # a supplier tier 1 in effect only through the functions it supports (as a critical
    # supplier's subcontractor, say): a contract of it that supports none of them is asked the
    # terms of its recorded tier, as the same contract of any other supplier would be
    recorded = (
        supplier is not None
        and not critical
        and critical_by_functions_only(supplier)
        and not _rests_directly(facts, contract, supplier.document)
    )
    entities = facts.regimes.entities_named(contract, *CONTRACT_ENTITIES)
    functions = supported_functions(facts, contract)
    stage = lifecycle.contract_lifecycle(contract, facts.as_of)
    if stage == lifecycle.IN_FORCE and lifecycle.lapsed_on_exit(
        contract, supplier.document if supplier is not None else None, facts.as_of
    ):
        stage = lifecycle.ENDED
    covered = strings(contract.data.get("services"))
    remedied = (
        delivery.remedied(supplier.document, covered, supplier.non_ict) if supplier else covered
    )
    models = (
        delivery.service_models(supplier.document, covered, supplier.non_ict, supplier.operates)
        if supplier is not None
        else frozenset()
    )
    requires = (
        facts.matrix.required(
            recorded_class(supplier.declared_tier) if recorded else supplier.tier_class,
            supplier.exposures,
            contract_secured(facts, contract),  # its access is ours to secure though not ICT
            models,
            supplier.in_group,
            public_body(supplier.document),
            mandated(supplier.document),
            delivery.on_site_only(facts, supplier.document),
            facts.regimes.of_legal_persons(entities),
        )
        if supplier is not None and stage != lifecycle.ENDED
        else frozenset()
    )
    if (
        supplier is not None
        and stage != lifecycle.ENDED
        and _clock_names(facts, supplier, entities, requires)
    ):
        requires = requires | frozenset(NOTICE)
    model_note = (
        delivery.model_note(
            supplier.document,
            models,
            ict,
            supplier.non_ict,
            supplier.exposures,
            unrecorded=supplier.outsourcing_unrecorded,
        )
        if supplier
        else ""
    )
    return ContractFacts(
        contract,
        supplier,
        stage,
        critical,
        ict,
        entities,
        facts.regimes.of_legal_persons(entities),
        requires,
        in_register=facts.in_register(contract),
        functions=functions,
        service_models=models,
        replaceable=supplier is not None and delivery.replaceable(supplier.document, remedied),
        switchable=supplier is not None
        and delivery.replaceable(supplier.document, remedied, delivery.SWITCHABLE),
        model_note=model_note,
        trigger_note=trigger_note(supplier, model_note, recorded),
        operated_note=(
            delivery.operated_note(
                supplier.document,
                delivery.service_models(supplier.document, covered, supplier.non_ict),
                supplier.operates,
            )
            if supplier is not None and supplier.operates
            else ""
        ),
        adviser_note=(
            delivery.model_note(
                supplier.document,
                models,
                False,
                supplier.non_ict,
                supplier.exposures,
                facts.matrix.sparing(NOTICE, supplier.critical and not recorded),
                supplier.outsourcing_unrecorded,
            )
            if supplier
            else ""
        ),
        critical_note=note,
        window_note=lambda: _window_note(facts, contract, supplier, entities, requires),
        insured=insurer_asks_of(
            facts, tuple(entities), supplier.document if supplier is not None else None
        ),
        outsourcing=outsourcing(contract, models),
        dora_critical=critical and critical_for_dora(facts, functions),
        recorded_tier=recorded,
    )


def trigger_note(supplier: SupplierFacts | None, model_note: str, recorded: bool = False) -> str:
    """The contract's model note where its supplier's unknown service model alone asks the
    incident notice to start on a suspected compromise (CTR-03): a supplier that is not
    critical, has no access to our systems and runs none of our sign-in is asked it because it
    provides ICT services run for us, as far as anything recorded says; recorded as a
    multi-tenant SaaS that only holds our data, it would not be. "" where something else asks
    the trigger, or the model is known. ``recorded``: the contract is held to its supplier's
    recorded tier (:attr:`.ContractFacts.recorded_tier`)."""
    critical = supplier is not None and supplier.critical and not recorded
    if supplier is None or critical or "ict" not in supplier.exposures:
        return ""
    if "access" in supplier.exposures or "identities" in supplier.holds:
        return ""
    return model_note


def outsourcing(contract: Document, models: frozenset[str]) -> bool:
    """Whether the contract outsources a function of ours, as the sector outsourcing laws mean
    it: as recorded (outsources_function), else unless every service it covers is an adviser's,
    a bank's or a market infrastructure's (:data:`.delivery.OWN_TRADE`): a law firm advising us,
    a custodian or depositary appointed as the law requires, a card scheme, which serve us in a
    trade of their own. A service whose model is unknown counts as outsourced work."""
    recorded = contract.data.get("outsources_function")
    if isinstance(recorded, bool):
        return recorded
    return not (models and models <= delivery.OWN_TRADE)


def _covers_critical(
    facts: Facts, contract: Document, supplier: Document, contested: Iterable[str] = ()
) -> str:
    """Why a contract recorded as supporting no critical or important function does support
    one, or "": a service it names among those it covers is recorded as supporting one, or a
    critical function rests on one of them not itself recorded as supporting none (DORA Art.
    30(3) follows what the arrangement supports, not how it is labelled). A contract that names
    no services is taken at its word, and so is one whose supplier is also recorded as
    supporting none where only functions that contest that record (``contested``,
    :attr:`.SupplierFacts.contested`) rest on the service: both records say no, and SUP-01 asks
    once to settle them."""
    covered = set(strings(contract.data.get("services")))
    if not covered:
        return ""
    recorded = _recorded_support(supplier)
    named = sorted(name for name in covered if recorded.get(name) is True)
    # a service recorded as supporting none passes no criticality on, whoever names it
    possible = {name for name in covered if recorded.get(name) is not False}
    if named:
        return (
            " (it is recorded as supporting no critical or important function, but the service "
            f"{named[0]} it covers is recorded as supporting one)"
        )
    for function, services in facts.direct_dependencies().get(supplier.id or "", []):
        document = facts.index.get("BusinessFunction", function)
        if document is None or not facts.function(document).critical or function in contested:
            continue
        if services is not None and services & possible:
            service = sorted(services & possible)[0]
            return (
                " (it is recorded as supporting no critical or important function, but "
                f"{document.data.get('criticality')} function {function} rests on the service "
                f"{service} it covers)"
            )
    return ""


def _through_another_note(facts: Facts, contract: Document, supplier: SupplierFacts) -> str:
    """Why a contract that records nothing of what it supports is taken as supporting a critical
    or important function where its supplier supports one only through another supplier (as
    its subcontractor or shared dependency): our own contract with the data centre behind a
    critical provider's platform. Nothing recorded says what the contract covers, so it is
    asked what such a contract is asked; the words name the chain and the record that settles
    it. "" where the supplier's or a service's record says it supports one, or a critical
    function rests on the supplier, or a service the contract covers, directly."""
    if not supplier.supports_through_others_only or _rests_directly(
        facts, contract, supplier.document
    ):
        return ""
    functions = list(supplier.critical_functions)
    which = "function" if len(functions) == 1 else "functions"
    rest = "rests" if len(functions) == 1 else "rest"
    route = ", ".join(hop.text for hop in supplier.chain)
    return (
        f" (it records nothing of what it supports, and critical or important {which} "
        f"{listed(functions)} {rest} on its supplier {supplier.document.id} only through another "
        f"supplier ({route}); if the contract serves none of them, record "
        "supports_critical_function: false on it)"
    )


def _rests_directly(facts: Facts, contract: Document, supplier: Document) -> bool:
    """A critical or important function rests directly on the supplier as a whole, or on a
    service the contract covers (on any of its services, where the contract names none): the
    contract is then the one that carries what the function needs from it, whatever it records
    (the records disagree), and is asked a tier-1 supplier's
    terms."""
    covered = set(strings(contract.data.get("services")))
    for function, services in facts.direct_dependencies().get(supplier.id or "", []):
        document = facts.index.get("BusinessFunction", function)
        if document is None or not facts.function(document).critical:
            continue
        if services is None or not covered or services & covered:
            return True
    return False


def _recorded_support(supplier: Document) -> dict[str | None, Any]:
    """Each service of the supplier, by name, with what it records of supporting a critical or
    important function (supports_critical_function: true, false or absent)."""
    return {
        text_of(s.get("name")): s.get("supports_critical_function")
        for s in supplier.data.get("services") or ()
        if isinstance(s, dict)
    }


def _covers_only_non_critical(facts: Facts, contract: Document, supplier: Document) -> bool:
    """The contract names the services it covers, each recorded as supporting no critical or
    important function, and no critical function rests on one of them or on its supplier as a
    whole: a supplier that supports such a function through another service (a different
    entity's contract, a different service) does not make this contract one for a critical or
    important function (DORA Art. 30(3) asks its provisions of the arrangements that are)."""
    covered = set(strings(contract.data.get("services")))
    if not covered:
        return False
    recorded = _recorded_support(supplier)
    if any(recorded.get(name) is not False for name in covered):
        return False
    for function, services in facts.direct_dependencies().get(supplier.id or "", []):
        document = facts.index.get("BusinessFunction", function)
        if document is None or not facts.function(document).critical:
            continue
        if services is None or services & covered:
            return False
    return True


def _window_note(
    facts: Facts,
    contract: Document,
    supplier: SupplierFacts | None,
    entities: Iterable[str],
    requires: frozenset[str],
) -> str:
    """The clocks the supplier's notice window in hours runs past (``missed_note`` of
    :mod:`resilint.domain.supplier_clocks`), for a contract asked incident notice: CTR-03 names
    them where the window exceeds its tier's."""
    hours = number(value_at(contract.data, "incident_notification", "window_hours"))
    if supplier is None or hours is None or "incident_notice" not in requires:
        return ""
    # the clocks' tables (statutes, notice clocks): imported by a run that reads a window note
    from resilint.domain.supplier_clocks import missed_note

    return missed_note(facts, supplier, entities, hours)


def build_function(facts: Facts, function: Document) -> FunctionFacts:
    critical = among(function.data.get("criticality"), facts.definitions.critical_levels)
    entities = facts.regimes.entities_named(function, "entities")
    suppliers = tuple(facts.graph.reach(function).suppliers)
    return FunctionFacts(
        function,
        critical,
        suppliers,
        entities,
        facts.regimes.of_legal_persons(entities),
        in_register=_function_in_register(facts, function, entities),
        restore_tests=_restore_tests(facts, function, entities) if critical else "",
        dora_simplified_only=facts.regimes.dora_simplified_only(entities),
        insured=cyber_insured(facts, tuple(entities)),
        dependent_cover_beyond_it=dependent_cover_beyond_it(facts, tuple(entities)),
        planned_exercise=_planned_exercise(facts, function),
    )


def _planned_exercise(facts: Facts, function: Document) -> str:
    """The earliest exercise still to come that lists the function or names one of its
    continuity plans (:func:`.lifecycle.function_planned`), in words: a finding that it is
    untested names it, where asking to include it in an exercise would ignore the plan (a plan
    is no test, so the gap stands until it is held); empty when none is planned."""
    plans = facts.index.having("ContinuityPlan", "function", str(function.id))
    found = lifecycle.function_planned(facts.index, str(function.id), plans, facts.as_of)
    if found is None:
        return ""
    day, exercise, plan = found
    names = "lists it" if plan is None else f"names its continuity plan {plan}"
    return (
        f"exercise {exercise.id}, planned for {day.isoformat()}, {names} but has not yet been "
        "held: hold it and record it as completed"
    )


BACKUPS = ("backup_immutable", "backup_offline", "backup_restore_test")
"""Control categories that back up our data or test its restore (BCM-06, BCM-09)."""

BACKUP_COPIES = ("backup_immutable", "backup_offline")
"""The controls that are a backup copy; a restore-testing programme (backup_restore_test) tests
them but keeps no copy of its own."""


def implemented_backup(control: Document) -> bool:
    """A control of one of the :data:`BACKUPS` categories, implemented: what BCM-06, BCM-09,
    the functions' restore-test words and the calendar count as a backup in operation."""
    data = control.data
    return data.get("category") in BACKUPS and data.get("status") == "implemented"


def _restore_tests(facts: Facts, function: Document, entities: tuple[str, ...]) -> str:
    """The implemented backup controls that cover the function (:func:`.controls.
    covers_function`) and the latest restore test each records, in words: what a finding about
    its backups names, so that one stale test shows as one cause."""
    said = []
    for control in facts.index.of_kind("Control"):
        if implemented_backup(control) and covers_function(control, function.id, entities):
            said.append(f"control {control.id}: {restore_test_words(control.data)}")
    return "; ".join(said)


def restore_test_words(control: dict[str, object]) -> str:
    """The latest restore test a backup control records, in words."""
    test = mapping_at(control, "last_restore_test")
    day, result = as_date(test.get("date")), text_of(test.get("result"))
    if day is None and result:
        return f"a restore test recorded without a date, result {result}"
    if day is None:
        return "no restore test recorded"
    if result == "pass":
        return f"last restore test passed on {day.isoformat()}"
    return f"last restore test on {day.isoformat()}, result {result or '(not set)'}"


def _function_in_register(facts: Facts, function: Document, entities: Iterable[str]) -> bool:
    """A contract in the register supports the function directly, and the function is one of
    an entity the register covers (B_06.01 lists a function once per financial entity that
    performs it, from B_02.02's rows): not the New York subsidiary's payouts resting on a group
    contract the EU payment institution also uses, whose register reports its own functions."""
    if not _of_registered_entity(facts, tuple(entities)):
        return False
    for supplier, services, _ in facts.graph.direct(function):  # rests on, supported by
        for contract in facts.index.having("Contract", "supplier", supplier.id or ""):
            covered = set(strings(contract.data.get("services")))
            relevant = services is None or not covered or bool(services & covered)
            if relevant and facts.in_register(contract):
                return True
    return False


def _of_registered_entity(facts: Facts, entities: tuple[str, ...]) -> bool:
    """Whether one of the function's entities (every entity where it names none) is covered by
    a DORA register, itself or as a branch of its head office; true where no entity is known."""
    if not entities:
        return True
    for entity_id in entities:
        entity = facts.index.get("Entity", entity_id)
        office = branch_of(entity)[0] if entity is not None else None
        if any(facts.scope.registers_of(e) for e in (entity_id, office) if e):
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
        dora_size=dora_size(entity.data),
        dora_excluded=dora_excluded(entity.data),
        entity_types=entity_types(entity.data),
        dora_simplified_misclaimed=dora_simplified_misclaimed(entity.data),
    )


def build_plan(facts: Facts, plan: Document) -> PlanFacts:
    named = plan.data.get("function")
    function = facts.index.get("BusinessFunction", named) if isinstance(named, str) else None
    test = lifecycle.plan_tested(facts.index, plan, facts.as_of)
    tested_on = test[0].isoformat() if test is not None and test[0] <= facts.as_of else None
    critical = function is not None and facts.function(function).critical
    first = True
    if function is not None and isinstance(named, str):
        siblings = facts.index.referrers(_PLAN_FUNCTION).get(named, [plan])
        first = min(siblings, key=lambda d: (d.path, d.index)) is plan
    return PlanFacts(plan, critical, tested_on, first)


_PLAN_FUNCTION = RefField("ContinuityPlan", ("function",), "BusinessFunction")
"""A continuity plan's reference to the business function it keeps going."""


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


def build_exercise(facts: Facts, exercise: Document) -> ExerciseFacts:
    later = lifecycle.superseded_by(facts.index, exercise, facts.as_of)
    return ExerciseFacts(exercise, str(later.id) if later is not None and later.id else "")


def build_identity(facts: Facts, identity: Document) -> IdentityFacts:
    kind = text_of(identity.data.get("type"))
    supplier = facts.supplier_by_id(identity.data.get("supplier"))
    reaches = strings(identity.data.get("entities"))
    if reaches:  # the systems of these entities only, whatever else the supplier serves
        regimes = facts.regimes.of_legal_persons(reaches)
    else:
        regimes = supplier.regimes if supplier else facts.regimes.everywhere
    return IdentityFacts(
        identity,
        human=kind == HUMAN,
        machine=kind is not None and kind != HUMAN,
        active=lifecycle.identity_active(identity),
        supplier=supplier,
        regimes=regimes,
        nydfs_limited_only=_nydfs_limited_only(
            facts, reaches or (supplier.entities if supplier else ())
        ),
        into_ours=lifecycle.supplier_access(identity),
    )


def _nydfs_limited_only(facts: Facts, entity_ids: Iterable[str]) -> bool:
    """Whether every one of these entities under NYDFS is under the limited exemption of 23
    NYCRR 500.19(a): 500.12(a) then asks MFA only for remote access, remote access to
    third-party applications holding nonpublic information, and privileged accounts. False
    where none of them is under NYDFS."""
    under = [e for e in entity_ids if "nydfs" in facts.regimes.of_legal_persons([e])]
    return bool(under) and all(
        (entity := facts.index.get("Entity", e)) is not None
        and entity.data.get("nydfs_limited_exemption") is True
        for e in under
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
        form_of=lambda: _form_of(facts, policy),
        line=lambda: line_of(facts, policy),
        lines_named=lambda: list(
            lines_named(policy) or lines_named(terms_of(facts, policy) or policy)
        ),
        renewed_to=lambda: renewed_to(facts, policy),
    )


def _form_of(facts: Facts, policy: Document) -> str | None:
    """The id of the policy whose form the layer follows, where it is not itself (None where
    the layer has terms of its own, or the chain below it is broken or loops)."""
    terms = terms_of(facts, policy)
    return terms.id if terms is not None and terms is not policy else None


@functools.cache
def schema_enum(file: str, *path: str) -> frozenset[str]:
    """The values a field's schema allows (``enum`` at ``path`` in ``schemas/<file>``): a check
    that reads the field tells a value it does not count from one that fails the schema."""
    node = json.loads((data_dir("schemas") / file).read_text(encoding="utf-8"))
    for step in path:
        node = node[step]
    return frozenset(node["enum"])


def control_categories() -> frozenset[str]:
    """The control categories the schema knows."""
    return schema_enum("common.json", "$defs", "control_category")
