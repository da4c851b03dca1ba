"""The provider side of the register: ICT third-party service providers (B_05.01) with their
ultimate parents and subcontractors, the supply chains of arrangements supporting critical or
important functions (B_05.02), the functions the arrangements support (B_06.01) and the
assessment of those services (B_07.01)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from resilint.domain import Facts
from resilint.domain.readers import among, dicts, mapping_at, strings, text_of, value_at
from resilint.domain.registers import (
    TRACKED_IDENTITY,
    chain_rank,
    filed_subcontractor,
    own_parent,
)
from resilint.domain.suppliers import dora_critical_services, group_entity, group_top, intra_group
from resilint.model import Document
from resilint.register import codes
from resilint.register.assessment import add_assessment
from resilint.register.model import Place, Register, Row, reference
from resilint.register.values import amount, coded, day, service_type, whole_hours

_LEGAL = ("LEI", "EUID")


def identifier(data: Any) -> tuple[str, str]:
    """A provider's code and its type's QName (B_05.01.0010 and 0020)."""
    code = text_of(value_at(data, "provider_id")) or ""
    return code, codes.ID_TYPES.get(str(value_at(data, "provider_id_type")), "")


def person_type(data: Any) -> str:
    """As recorded; else a provider identified by an LEI or EUID is a legal person (as SUP-02
    reads it)."""
    recorded = value_at(data, "person_type")
    if recorded is None and value_at(data, "provider_id_type") in _LEGAL:
        recorded = "legal_person"
    return codes.PERSON_TYPES.get(str(recorded), "")


def covered_services(contract: Document, supplier: Document) -> list[tuple[int, dict[str, Any]]]:
    """The supplier's services the contract covers: those it names, else all of them."""
    named = set(strings(contract.data.get("services")))
    services = dicts(supplier.data.get("services"))
    return [(j, s) for j, s in services if not named or among(s.get("name"), named)]


def assessed_services(
    facts: Facts, contract: Document, supplier: Document
) -> list[tuple[int, dict[str, Any]]]:
    """The services of the contract that B_07.01 assesses (and B_05.02 follows down the supply
    chain): those it covers that support a critical or important function of an entity under
    DORA (:func:`.suppliers.dora_critical_services`), not the others it also covers (the e-mail
    beside the sign-in of one productivity contract, a group platform critical only to the New
    York subsidiary's payouts). None where each service it covers is recorded as
    supporting no such function: the templates cover the services that support one, so such a
    contract said to support one is a contradiction to resolve (:data:`.Register.unassessed`),
    not services to assess against what they record."""
    covered = covered_services(contract, supplier)
    critical = {j for j, _ in dora_critical_services(facts, supplier)}
    return [(j, s) for j, s in covered if j in critical]


def add_providers(
    facts: Facts, register: Register, contracts: list[Document], entities: list[Document]
) -> None:
    rows: dict[str, Row] = {}
    used = _used(register)
    for supplier, contracts_of in _suppliers(facts, contracts).items():
        parent, top = _group_parent(facts, supplier)
        paid = [c for c in contracts_of if reference(c) in used]
        _provider(register, rows, supplier, paid, parent, top)
    reported = {(r.values["c0010"], r.values["c0060"]) for r in register.rows["B_02.02"]}
    for contract in contracts:
        found = facts.index.get("Supplier", str(contract.data.get("supplier")))
        if found is not None and facts.contract(contract).dora_critical:
            # the supply chain (B_05.02) and the assessment (B_07.01) of the same services:
            # those supporting a critical or important function of an entity under DORA that
            # the register's entities make use of (B_02.02), never another the arrangement
            # covers (as SUP-06 to SUP-09 ask their terms: contract.dora_critical)
            supporting = assessed_services(facts, contract, found)
            covers = bool(covered_services(contract, found))
            if covers and not supporting and reference(contract) in used:
                register.unassessed.append(_said_critical(contract))
            services = [
                (j, s) for j, s in supporting if (reference(contract), service_type(s)) in reported
            ]
            _chain(facts, register, rows, contract, found, services)
            add_assessment(facts, register, contract, found, services, identifier(found.data))
    for row in rows.values():
        register.add("B_05.01", row)
    _functions(facts, register)


def _used(register: Register) -> set[str]:
    """The arrangements the register's entities (or their branches) make use of: those with a
    row of B_02.02 or B_04.01. Not one the register holds only so that a key resolves (the
    group's cloud arrangement an entity's intra-group one rests on, B_02.03; the framework a
    statement of work is concluded under, B_02.01.0030): the entity does not pay for it."""
    return {r.values["c0010"] for t in ("B_02.02", "B_04.01") for r in register.rows[t]}


def _said_critical(contract: Document) -> Place:
    """Where the contract is said to support a critical or important function: its own
    ``supports_critical_function`` where it records it."""
    recorded = "supports_critical_function" in contract.data
    return Place(contract, ("supports_critical_function",) if recorded else ("id",))


def _suppliers(facts: Facts, contracts: list[Document]) -> dict[Document, list[Document]]:
    found: dict[Document, list[Document]] = {}
    for contract in contracts:
        supplier = facts.index.get("Supplier", str(contract.data.get("supplier")))
        if supplier is not None:
            found.setdefault(supplier, []).append(contract)
    return found


# -- B_05.01 ------------------------------------------------------------------------------------
def _provider(
    register: Register,
    rows: dict[str, Row],
    supplier: Document,
    contracts: list[Document],
    group_parent: dict[str, Any],
    top: Document | None,
) -> None:
    data = {**supplier.data, "ultimate_parent": group_parent} if group_parent else supplier.data
    row = _provider_row(supplier, (), data)
    if group_parent:
        named = intra_group(supplier)
        row.places["c0110"] = Place(supplier, ("group_entity",) if named else ("provider_id",))
    # the total expense (B_05.01.0100): of the arrangements the register's entities make use
    # of (``contracts``), none when it holds the provider's only for a key
    costs = [mapping_at(c.data, "annual_cost") for c in contracts]
    currencies = {text_of(c.get("currency")) for c in costs}
    amounts = [c.get("amount") for c in costs]
    if costs and len(currencies) == 1 and all(amount(a) for a in amounts):
        row.values["c0090"] = coded(currencies.pop(), codes.currency)
        row.values["c0100"] = amount(sum(Decimal(str(a)) for a in amounts))
    extra = mapping_at(data, "additional_id")
    row.values["c0030"] = text_of(extra.get("provider_id")) or ""
    row.values["c0040"] = codes.ID_TYPES.get(str(extra.get("provider_id_type")), "")
    row.places["c0030"] = Place(supplier, ("additional_id", "provider_id"))
    row.places["c0040"] = Place(supplier, ("additional_id", "provider_id_type"))
    _keep(rows, row)
    _parent_row(rows, supplier, (), data)
    if top is not None:
        _at_entity(rows.get(group_parent["provider_id"]), supplier, top)


def _at_entity(row: Row | None, supplier: Document, top: Document) -> None:
    """The row of our group's top entity, made for an intra-group provider that records no
    ultimate parent, comes from that Entity: a problem with it is reported at its fields."""
    if row is None or row.source.document is not supplier:
        return  # the entity's own row as a provider, made from another document first
    fields = {"c0010": "lei", "c0050": "name", "c0080": "country"}
    row.places.update({c: Place(top, (name,)) for c, name in fields.items()})


def _group_parent(facts: Facts, supplier: Document) -> tuple[dict[str, Any], Document | None]:
    """An intra-group provider that records no ultimate parent has ours: the topmost Entity
    above the one it is (``group_entity``), as ``ultimate_parent`` would record it, with that
    Entity; nothing when it records one, or is itself the top."""
    recorded = mapping_at(supplier.data, "ultimate_parent")
    if recorded.get("provider_id"):
        return {}, None
    own = group_entity(facts.index, supplier)
    top = _top(facts, own) if own is not None else None
    lei = text_of(top.data.get("lei")) if top is not None and top is not own else None
    if top is None or lei is None:
        return {}, None
    name, country = top.data.get("name"), top.data.get("country")
    parent = {"name": name, "provider_id": lei, "provider_id_type": "LEI", "country": country}
    if recorded.get("latin_name"):  # our top entity's name in another script, given here
        parent["latin_name"] = recorded["latin_name"]
    return parent, top


def _top(facts: Facts, entity: Document) -> Document:
    """The topmost Entity above ``entity`` through ``parent`` (a loop stops where it closes)."""
    return group_top(facts.index, entity)


def _provider_row(document: Document, at: tuple[str | int, ...], data: dict[str, Any]) -> Row:
    code, kind = identifier(data)
    parent = mapping_at(data, "ultimate_parent")
    # a provider outside any group reports its own code; a parent named as another company
    # without an identifier leaves the cell empty (SUP-02 asks for it), never the provider's
    parent_code, parent_kind = (
        identifier(parent)
        if parent.get("provider_id")
        else (code, kind)
        if own_parent(data, parent)
        else ("", "")
    )
    values = {
        "c0010": code,
        "c0020": kind,
        "c0030": "",
        "c0040": "",
        "c0050": text_of(data.get("name")) or "",
        "c0060": text_of(data.get("latin_name")) or "",
        "c0070": person_type(data),
        "c0080": coded(data.get("hq_country") or data.get("country"), codes.country),
        "c0090": "",
        "c0100": "",
        "c0110": parent_code,
        "c0120": parent_kind,
    }
    country = "hq_country" if "hq_country" in data else "country"
    places = {
        "c0010": Place(document, (*at, "provider_id")),
        "c0020": Place(document, (*at, "provider_id_type")),
        "c0060": Place(document, (*at, "latin_name")),
        "c0070": Place(document, (*at, "person_type")),
        "c0080": Place(document, (*at, country)),
        "c0110": Place(document, (*at, "ultimate_parent")),
    }
    if not code:  # no identifier: its type has nothing to qualify, the gap is the code
        places["c0020"] = places["c0010"]
    if not parent.get("provider_id") and own_parent(data, parent):
        # its own parent: the code is its own (a gap is there)
        places["c0110"] = places["c0120"] = places["c0010"]
    elif not parent.get("provider_id"):  # another company's code, missing at the parent
        places["c0120"] = places["c0110"]
    return Row(values, Place(document, at or ("id",)), places)


def _parent_row(
    rows: dict[str, Row], document: Document, at: tuple[str | int, ...], data: dict[str, Any]
) -> None:
    """An ultimate parent other than the provider itself has a row of its own (R18)."""
    parent = mapping_at(data, "ultimate_parent")
    code, _ = identifier(parent)
    if code and code != text_of(data.get("provider_id")) and code not in rows:
        row = _provider_row(
            document, (*at, "ultimate_parent"), {**parent, "person_type": "legal_person"}
        )
        _keep(rows, row)


def _keep(rows: dict[str, Row], row: Row) -> None:
    """The first row of a provider wins (a Supplier document before a mention)."""
    rows.setdefault(row.values["c0010"] or f"#{len(rows)}", row)


# -- B_05.02 ------------------------------------------------------------------------------------
# The supply chain of each ICT service of an arrangement that supports a critical or important
# function (``services``: those B_07.01 assesses, :func:`assessed_services`), not of another
# service the arrangement also covers (a service desk beside a private cloud): the register
# records the subcontractors that effectively underpin ICT services supporting such functions
# (Implementing Regulation (EU) 2024/2956 recital 6), so not one recorded
# supports_critical_function: false either (a government login only the member portal uses,
# without which the portal still serves staff).
def _chain(
    facts: Facts,
    register: Register,
    rows: dict[str, Row],
    contract: Document,
    supplier: Document,
    services: list[tuple[int, dict[str, Any]]],
) -> None:
    ref = reference(contract)
    code, kind = identifier(supplier.data)
    subs = [(k, _Sub(facts, supplier, k, s)) for k, s in dicts(supplier.data.get("subcontractors"))]
    by_id = {text_of(s.data.get("id")): (k, s.data) for k, s in subs}
    for j, service in services:
        kind_of_service = service_type(service)
        rank_one = {
            "c0010": ref,
            "c0020": kind_of_service,
            "c0030": code,
            "c0040": kind,
            "c0050": "1",
            "c0060": code,
            "c0070": kind,
        }
        own = Place(supplier, ("provider_id",))  # the provider's own code, wherever it is copied
        rank_one_places = {"c0020": Place(supplier, ("services", j))}
        rank_one_places |= dict.fromkeys(("c0030", "c0040", "c0060", "c0070"), own)
        register.add("B_05.02", Row(rank_one, Place(contract), rank_one_places))
        for k, filed in subs:
            sub = filed.data
            helps = strings(sub.get("services"))
            if helps and not among(service.get("name"), helps):
                continue
            if sub.get("supports_critical_function") is False:
                continue  # not one that effectively underpins the service (ITS Art. 3(2))
            at = ("subcontractors", k)
            named = text_of(sub.get("recipient"))
            recipient = by_id.get(named)
            # the supplier when left out; a recipient that is no subcontractor of it, nobody
            # (an empty key, reported) rather than the supplier by default
            to_code, to_kind = (
                identifier(recipient[1]) if recipient else ("", "") if named else (code, kind)
            )
            sub_code, sub_kind = identifier(sub)
            rank = chain_rank(sub)
            values = {
                "c0010": ref,
                "c0020": kind_of_service,
                "c0030": sub_code,
                "c0040": sub_kind,
                "c0050": str(rank) if rank is not None else "",
                "c0060": to_code,
                "c0070": to_kind,
            }
            to_place = Place(supplier, (*at, "recipient")) if named else own
            if recipient is not None and not to_code:
                # the recipient is a subcontractor without an identifier: the gap is its own
                # (REG-07 reports it there), not a second one at this recipient
                to_place = Place(supplier, ("subcontractors", recipient[0], "provider_id"))
            places = {
                "c0030": filed.place("provider_id"),
                "c0050": Place(supplier, (*at, "rank")),
                "c0060": to_place,
                "c0070": to_place,
            }
            register.add("B_05.02", Row(values, Place(supplier, at), places))
            _keep(rows, filed.row())
            filed.parent_row(rows)


class _Sub:
    """A subcontractor entry as the register files it (:func:`.registers.filed_subcontractor`):
    the Supplier it names gives its identity where that document records it, and each cell
    points at the field it comes from."""

    def __init__(self, facts: Facts, supplier: Document, k: int, entry: dict[str, Any]) -> None:
        self.supplier, self.at = supplier, ("subcontractors", k)
        self.data, self.taken = filed_subcontractor(facts.index, entry)
        self.tracked = facts.index.get("Supplier", str(entry.get("supplier")))

    def place(self, field: str) -> Place:
        if field in self.taken and self.tracked is not None:
            return Place(self.tracked, (TRACKED_FIELDS.get(field, field),))
        return Place(self.supplier, (*self.at, field))

    def row(self) -> Row:
        """Its B_05.01 row (the Supplier's own, made from its document, comes first)."""
        row = _provider_row(self.supplier, self.at, self.data)
        for column, field in _ROW_FIELDS.items():
            if field in self.taken:
                row.places[column] = self.place(field)
        return row

    def parent_row(self, rows: dict[str, Row]) -> None:
        if "ultimate_parent" in self.taken and self.tracked is not None:
            _parent_row(rows, self.tracked, (), self.data)
        else:
            _parent_row(rows, self.supplier, self.at, self.data)


TRACKED_FIELDS = {"provider_id": "provider_id", "provider_id_type": "provider_id_type"}
TRACKED_FIELDS |= TRACKED_IDENTITY
"""Each field of a subcontractor entry, with the Supplier's field that gives it instead."""
_ROW_FIELDS = {
    "c0010": "provider_id",
    "c0020": "provider_id_type",
    "c0060": "latin_name",
    "c0070": "person_type",
    "c0080": "country",
    "c0110": "ultimate_parent",
}
"""The columns of a provider's B_05.01 row that come from one field of its record."""


# -- B_06.01: the functions the arrangements support, per entity ------------------------------
def _functions(facts: Facts, register: Register) -> None:
    pairs = dict.fromkeys((r.values["c0050"], r.values["c0020"]) for r in register.rows["B_02.02"])
    for function_id, lei in pairs:
        function = facts.index.get("BusinessFunction", function_id)
        if function is None:
            continue
        data = function.data
        criticality = data.get("criticality")
        assessed = (
            {True: codes.YES_NO[True], False: codes.YES_NO[False]}.get(
                facts.function(function).critical, ""
            )
            if criticality is not None
            else "eba_BT:x21"
        )
        values = {
            "c0010": function_id,
            "c0020": coded(data.get("licensed_activity"), codes.activity),
            "c0030": text_of(data.get("name")) or "",
            "c0040": lei,
            "c0050": assessed,
            "c0060": text_of(data.get("criticality_reasons")) or "",
            "c0070": day(data.get("last_criticality_assessment")),
            "c0080": whole_hours(data.get("rto_hours")),
            "c0090": whole_hours(data.get("rpo_hours")),
            "c0100": codes.IMPACT.get(str(data.get("discontinuation_impact")), ""),
        }
        names = {
            "c0020": "licensed_activity",
            "c0050": "criticality",
            "c0070": "last_criticality_assessment",
            "c0080": "rto_hours",
            "c0090": "rpo_hours",
            "c0100": "discontinuation_impact",
        }
        register.add(
            "B_06.01",
            Row(values, Place(function), {c: Place(function, (n,)) for c, n in names.items()}),
        )
