"""One contractual arrangement in the register of information: B_02.01 (the arrangement),
B_02.02 (one row per function, service type and country), and the entities that sign and use it
and the intra-group links (B_03, B_04)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from resilint.domain import Facts
from resilint.domain.readers import dicts, mapping_at, strings, text_of
from resilint.domain.regimes import CONTRACT_ENTITIES
from resilint.domain.registers import branch_of, contract_end, contract_ended
from resilint.domain.suppliers import group_entity, intra_group
from resilint.model import Document
from resilint.register import codes, providers
from resilint.register.model import (
    NOT_APPLICABLE,
    OPEN_END,
    Place,
    Register,
    Row,
    places,
    reference,
)
from resilint.register.templates import BY_ID
from resilint.register.values import amount, coded, day, service_type


# -- B_02 to B_04: one arrangement ----------------------------------------------------------------
def add_arrangement(
    facts: Facts, register: Register, contract: Document, in_scope: list[Document]
) -> None:
    data, ref = contract.data, reference(contract)
    overarching = facts.index.get("Contract", str(data.get("overarching_contract")))
    cost = mapping_at(data, "annual_cost")
    register.add(
        "B_02.01",
        Row(
            {
                "c0010": ref,
                "c0020": codes.ARRANGEMENT_TYPES.get(str(data.get("arrangement_type")), ""),
                "c0030": reference(overarching) if overarching is not None else "",
                "c0040": coded(cost.get("currency"), codes.currency),
                "c0050": amount(cost.get("amount")),
            },
            Place(contract),
            places(contract, c0020="arrangement_type", c0030="overarching_contract")
            | {
                "c0040": Place(contract, ("annual_cost", "currency")),
                "c0050": Place(contract, ("annual_cost", "amount")),
            },
        ),
    )
    ids = {e.id: e for e in in_scope}
    using = _named(contract, "using_entities", ids)
    for entity in dict.fromkeys([*using, *_head_offices(contract, ids)]):
        for row in _specific_rows(facts, contract, entity):
            register.add("B_02.02", row)
    _parties(facts, register, contract, ids, using)


def _named(contract: Document, field: str, ids: dict[str | None, Document]) -> list[Document]:
    """Our entities the contract names in ``field``, else in ``entities``, else the entity that
    keeps the register (a contract that names none is everyone's: the register holds it once).
    ``using_entities: []`` beside ``using_branches`` says that the branches alone use it: none
    of our entities itself (B_04.01 then has the branches' rows, x838, and no x839 row). A
    field that names entities decides even where none of them is in this register: in the
    payment institution's own register, an arrangement its parent signed for it has no
    signing entity of that register, never the institution by default from ``entities``."""
    for name in (field, "entities"):
        named = strings(contract.data.get(name))
        if named or (name == "using_entities" and _branches_alone(contract)):
            return [ids[e] for e in named if e in ids]
    if any(strings(contract.data.get(name)) for name in CONTRACT_ENTITIES):
        return []
    return [next(iter(ids.values()))] if ids else []


def _branches_alone(contract: Document) -> bool:
    """Only the branches it names use the contract: ``using_entities`` is recorded empty."""
    data = contract.data
    return data.get("using_entities") == [] and bool(dicts(data.get("using_branches")))


def _head_offices(contract: Document, ids: dict[str | None, Document]) -> list[Document]:
    """The entities of this register whose branches use the contract (``using_branches``): a
    branch is part of its head office's legal person, so its use is reported in B_02.02 under
    the head office's LEI (the template has no branch column; B_04.01 names the branch)."""
    owners = (text_of(item.get("entity")) for _, item in dicts(contract.data.get("using_branches")))
    return [ids[owner] for owner in owners if owner in ids]


def register_lei(facts: Facts, entity: Document) -> tuple[str, str | None]:
    """The LEI the register reports an entity under, and its branch code: a branch
    (``branch_of``) is reported under its head office's LEI (B_04.01.0020, B_02.02.0020)."""
    office_id, code = branch_of(entity)
    office = facts.index.get("Entity", office_id) if office_id is not None else None
    if office is not None:
        return text_of(office.data.get("lei")) or "", code
    return text_of(entity.data.get("lei")) or "", None


def _parties(
    facts: Facts,
    register: Register,
    contract: Document,
    ids: dict[str | None, Document],
    using: list[Document],
) -> None:
    ref = reference(contract)
    for entity in _named(contract, "signing_entities", ids):
        lei, _ = register_lei(facts, entity)
        register.add("B_03.01", Row({"c0010": ref, "c0020": lei, "c0030": "true"}, Place(contract)))
    supplier = facts.index.get("Supplier", str(contract.data.get("supplier")))
    if supplier is not None:
        code, kind = providers.identifier(supplier.data)
        row = {"c0010": ref, "c0020": code, "c0030": kind}
        register.add(
            "B_03.02",
            Row(
                row,
                Place(contract),
                dict.fromkeys(("c0020", "c0030"), Place(supplier, ("provider_id",))),
            ),
        )
        _intra_group(facts, register, contract, supplier, ids)
    for entity in using:
        lei, branch = register_lei(facts, entity)
        nature = codes.NATURE[branch is not None]
        row = {"c0010": ref, "c0020": lei, "c0030": nature, "c0040": branch or NOT_APPLICABLE}
        register.add("B_04.01", Row(row, Place(contract)))
    for j, item in dicts(contract.data.get("using_branches")):
        owner_id = text_of(item.get("entity"))
        owner = ids.get(owner_id)
        if owner is None and facts.index.get("Entity", owner_id or "") is not None:
            # a branch of one of our entities that this register does not cover (the parent's
            # branch, in a subsidiary's register at entity level): its head office's register
            # reports its use
            continue
        head_office = text_of(owner.data.get("lei")) if owner else None
        row = {
            "c0010": ref,
            "c0020": head_office or "",
            "c0030": codes.NATURE[True],
            "c0040": text_of(item.get("branch")) or "",
        }
        register.add("B_04.01", Row(row, Place(contract, ("using_branches", j))))


def _intra_group(
    facts: Facts,
    register: Register,
    contract: Document,
    supplier: Document,
    in_scope: dict[str | None, Document],
) -> None:
    """An intra-group provider: B_03.03 lists it where it is one of the entities this register
    covers (its key R1 runs to B_01.02); a group company outside that scope (a sister company
    under a non-financial holding) is an ICT third-party service provider like any other
    (Implementing Regulation (EU) 2024/2956 Art. 1(1): an intra-group provider is a direct
    provider), in B_03.02 and B_05.01 with its group as ultimate parent (:mod:`.providers`).
    B_02.03 links the intra-group arrangement to the ones it rests on either way."""
    # the entity it names, else the one of ours whose LEI identifies it (a company of our
    # group recorded without group_entity is an intra-group provider all the same)
    own = group_entity(facts.index, supplier)
    ref = reference(contract)
    signer = own if own is not None else _entity_with_code(supplier, in_scope)
    if signer is not None and signer.id in in_scope:
        lei = text_of(signer.data.get("lei")) or ""
        at = Place(supplier, ("group_entity",) if intra_group(supplier) else ("provider_id",))
        register.add("B_03.03", Row({"c0010": ref, "c0020": lei, "c0031": "true"}, at))
    if own is None:
        return
    for i, linked_id in enumerate(strings(contract.data.get("linked_arrangements"))):
        linked = facts.index.get("Contract", linked_id)
        row = {"c0010": ref, "c0020": reference(linked) if linked else linked_id, "c0030": "true"}
        register.add("B_02.03", Row(row, Place(contract, ("linked_arrangements", i))))


def _entity_with_code(supplier: Document, in_scope: dict[str | None, Document]) -> Document | None:
    """The entity of this register whose LEI the supplier is identified by, where its record
    does not name it (``group_entity``): an entity of B_01.02 that signs to provide ICT
    services is in B_03.03 (key R1) whatever its Supplier document records."""
    code, kind = providers.identifier(supplier.data)
    if not code or kind != codes.ID_TYPES["LEI"]:
        return None
    return next((e for e in in_scope.values() if text_of(e.data.get("lei")) == code), None)


# -- B_02.02: one row per function, service type and country -----------------------------------
_ALL = None
"""A function that rests on the supplier as a whole (or records the contract under
``functions_served``): every service the contract covers serves it."""


def _specific_rows(facts: Facts, contract: Document, entity: Document) -> Iterator[Row]:
    """The contract's rows for one using entity. Each function is paired with the services it
    rests on (``depends_on.services``; all the contract covers when it names the supplier, one of
    its identities, or none of the covered services), never with a service of the contract that
    it does not use; a service none of the entity's functions rests on is no use of the entity's
    (it has no row of that entity), while an entity that performs none of the functions resting
    on the contract keeps its rows, with the function left for REG-10 to ask for. Rows whose key
    repeats (two services of one type, with the same countries) are one row of the register,
    holding what the more exposed of them says: storage of data if either stores, the most
    sensitive data and the highest reliance."""
    supplier = facts.index.get("Supplier", str(contract.data.get("supplier")))
    if supplier is None:
        return
    functions = _functions_of(facts, contract, entity)
    relied = _services_relied_on(facts, supplier)
    code, kind = providers.identifier(supplier.data)
    base = _arrangement_terms(facts, contract)
    lei, _ = register_lei(facts, entity)
    key = BY_ID["B_02.02"].key
    rows: dict[tuple[str, ...], Row] = {}
    for j, service in providers.covered_services(contract, supplier):
        at = ("services", j)
        common = {
            **base,
            "c0010": reference(contract),
            "c0020": lei,
            "c0030": code,
            "c0040": kind,
            "c0060": service_type(service),
            **_data_terms(supplier, service),
        }
        places = {
            "c0030": Place(supplier, ("provider_id",)),
            "c0040": Place(supplier, ("provider_id",)),
            "c0080": Place(contract, (_end_field(contract),)),
            "c0060": Place(supplier, (*at, "ict_service_type")),
            "c0130": Place(supplier, (*at, "provision_countries")),
            "c0150": Place(supplier, (*at, "data_storage_countries")),
            "c0160": Place(supplier, (*at, "data_processing_countries")),
            "c0050": Place(
                contract, ("services",) if "services" in contract.data else ("supplier",)
            ),
        }
        if not functions and facts.contract(contract).functions:
            # the contract serves functions, none of them this entity's: the gap is the entity's
            places["c0050"] = _entity_place(contract, entity)
        name = service.get("name")
        serving = [f for f in functions if _serves(relied.get(f, _ALL), name)]
        for function, provided, stored, processed in itertools.product(
            serving or ([] if functions else [""]),
            _countries(service.get("provision_countries")),
            _countries(
                service.get("data_storage_countries") if service.get("stores_data") else None
            ),
            _countries(service.get("data_processing_countries")),
        ):
            values = {
                **common,
                "c0050": function,
                "c0130": provided,
                "c0150": stored,
                "c0160": processed,
            }
            found = rows.get(at_key := tuple(values.get(c, "") for c in key))
            if found is None:
                rows[at_key] = Row(values, Place(contract), places)
            else:
                was_stored = found.values.get("c0140") == codes.YES_NO[True]
                _merge_repeat(found.values, values)
                if not was_stored and values.get("c0140") == codes.YES_NO[True]:
                    # the row stores data as the repeat does: where it does is the repeat's
                    found.places = {**found.places, "c0150": places["c0150"]}
    yield from rows.values()


def _entity_place(contract: Document, entity: Document) -> Place:
    """Where the contract names ``entity`` as using it: its entry in ``using_entities`` (else
    ``entities``), else the field as a whole."""
    for name in ("using_entities", "entities"):
        named = strings(contract.data.get(name))
        if named:
            return Place(
                contract, (name, named.index(entity.id)) if entity.id in named else (name,)
            )
    return Place(contract, ("supplier",))


def _serves(services: frozenset[str] | None, name: object) -> bool:
    """Whether a function relying on ``services`` (``_ALL``: the whole supplier) uses this one."""
    return services is _ALL or name in services


def _services_relied_on(facts: Facts, supplier: Document) -> dict[str, frozenset[str] | None]:
    """For each function resting directly on the supplier, the names of the services it rests
    on, or ``_ALL`` where it rests on the supplier as a whole."""
    relied: dict[str, frozenset[str] | None] = {}
    for function, services in facts.direct_dependencies().get(str(supplier.id), []):
        before = relied.get(function, frozenset())
        relied[function] = _ALL if services is None or before is _ALL else before | services
    return relied


_ORDERS = {
    "c0140": (codes.YES_NO[False], codes.YES_NO[True]),
    "c0170": tuple(codes.SENSITIVENESS.values()),
    "c0180": tuple(codes.RELIANCE.values()),
}


def _merge_repeat(kept: dict[str, str], repeat: dict[str, str]) -> None:
    """A second service with the same key: the row says what the more exposed of them says."""
    for column, order in _ORDERS.items():
        ranked = [v for v in (kept.get(column, ""), repeat.get(column, "")) if v in order]
        kept[column] = max(ranked, key=order.index) if ranked else kept.get(column, "")


def _functions_of(facts: Facts, contract: Document, entity: Document) -> list[str]:
    """The functions resting on the contract (or that it records it served, ``functions_served``:
    an ended contract's) that the using entity performs: a branch (``branch_of``) performs its
    head office's too, whose legal person it is part of."""
    performers = {entity.id, branch_of(entity)[0]}
    found = []
    served = (*facts.contract(contract).functions, *strings(contract.data.get("functions_served")))
    for function_id in dict.fromkeys(served):
        function = facts.index.get("BusinessFunction", function_id)
        if function is not None and performers & set(facts.function(function).entities):
            found.append(function_id)
    return found


def _arrangement_terms(facts: Facts, contract: Document) -> dict[str, str]:
    """The arrangement's dates and terms, as recorded: the notice periods and governing law
    (0100 to 0120) are asked only of an arrangement supporting a critical or important
    function of an entity under DORA or the register (REG-04, ``contract.dora_critical``), and
    reported wherever they are recorded."""
    data = contract.data
    ended = contract_ended(contract, facts.as_of)  # by its dates too, whatever its status says
    end = contract_end(contract)
    return {
        "c0070": day(data.get("start_date")),
        "c0080": end.isoformat() if end is not None else OPEN_END,
        "c0090": codes.TERMINATION_REASONS.get(str(data.get("termination_reason")), "")
        if ended
        else "",
        "c0100": _whole(data.get("our_notice_period_days")),
        "c0110": _whole(data.get("supplier_notice_period_days")),
        "c0120": coded(data.get("governing_law_country"), codes.country),
    }


def _end_field(contract: Document) -> str:
    """The field B_02.02.0080 comes from (as :func:`contract_end` reads them)."""
    return "termination_date" if day(contract.data.get("termination_date")) else "end_date"


def _data_terms(supplier: Document, service: dict[str, Any]) -> dict[str, str]:
    stores = service.get("stores_data")
    reliance = service.get("level_of_reliance") or supplier.data.get("level_of_reliance")
    return {
        "c0140": codes.YES_NO.get(stores, "") if isinstance(stores, bool) else "",
        "c0170": codes.SENSITIVENESS.get(str(service.get("stored_data_sensitiveness")), "")
        if stores is True
        else "",
        "c0180": codes.RELIANCE.get(str(reliance), ""),
    }


def _countries(value: Any) -> list[str]:
    """One value per row (ITS Art. 4(2)); not applicable (qx2007) where none is given, as the
    key columns cannot be empty."""
    found = [codes.country(c) for c in strings(value)]
    return found or [codes.NOT_APPLICABLE_COUNTRY]


def _whole(value: Any) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
