"""The DORA register of information in domain terms, defined once: which of our entities keep a
register and which entities it covers, and which contracts, functions and suppliers it holds as
of a reference date. The readiness rules (``dora-register``) and the register export read these
answers; neither derives them again.

- An entity **maintains a register** when it is under DORA and no entity above it is: its register
  covers it and the entities below it through ``parent`` links that are financial entities under
  DORA or ICT intra-group service providers (B_01.02; Implementing Regulation (EU) 2024/2956
  Art. 6(2)). Another group company below it (``entity_type: non_financial_other``, or a
  financial entity whose ``regimes`` leave DORA out) is not in the register. That register is
  what the readiness rules judge. Every entity under DORA also keeps one at **entity level**
  (DORA Art. 28(3)), for itself alone (:meth:`RegisterScope.entity_level`): the export writes it
  on request, from the same facts.
- A contract is **in the register** as of a date when it covers ICT services, is signed (not a
  draft with a supplier being engaged), falls under an entity some register covers, and is in
  force on that date or ended during that date's year (an arrangement that ended in year X is
  reported for X with its end date and reason, then dropped: EIOPA Q&A DORA 253-3393). It has
  ended when its status says so or when the date it ends is before that date, whatever its
  status says (:func:`contract_ended`).
- A business function is in the register when a contract in the register supports it directly
  (it depends on the contract's supplier or on one of the contract's services): the function
  identifier of B_02.02 and the rows of B_06.01.
- A supplier's service is in the register when a contract in the register covers it (names it,
  or names no service: the export's B_02.02.0060); a service no contract names goes with its
  supplier (``supplier.services_not_in_register``, :func:`.suppliers.uncovered`).
- A subcontractor entry that names a Supplier we track (``subcontractors[].supplier``) is that
  provider: the register files it under the Supplier's identifier, name, country, type of person
  and ultimate parent where its document records them, and the entry's own where it does not
  (:func:`filed_subcontractor`); the rank, recipient and services served stay the entry's. An
  entry that records no recipient serves the supplier itself (rank 1), so it is rank 2 when it
  records no rank (:func:`chain_rank`).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Literal

from resilint.domain import lifecycle
from resilint.domain.readers import as_date, in_order, name_key, strings, text_of
from resilint.domain.regimes import CONTRACT_ENTITIES, register_entity_type
from resilint.model import Document, Index

if TYPE_CHECKING:
    from resilint.domain import Facts

NON_FINANCIAL = ("non_financial_ict_intra_group", "non_financial_other")
RegisterLevel = Literal["group", "entity", "sub-consolidated"]
"""Which register of an entity: the group's it keeps (consolidated), its own at entity level,
or that of the sub-group below it (DORA Art. 28(3); Implementing Regulation (EU) 2024/2956
Art. 3(1))."""
"""Entity types of group entities that are not financial entities (only in B_01.02)."""
ICT_INTRA_GROUP = "non_financial_ict_intra_group"
"""The entity type of an ICT intra-group service provider, which a group's register includes
though DORA does not apply to it (ITS 2024/2956 Art. 6(2))."""


def branch_of(entity: Document) -> tuple[str | None, str | None]:
    """The head office's id and the branch code of an Entity recorded as a branch
    (``branch_of``); (None, None) for a legal person."""
    link = entity.data.get("branch_of")
    if not isinstance(link, dict):
        return None, None
    return text_of(link.get("entity")), text_of(link.get("code"))


class RegisterScope:
    """Which entities keep a register of information and which entities each one covers."""

    def __init__(self, index: Index) -> None:
        # a branch (branch_of) is part of its head office's legal person: below the head
        # office whatever `parent` says, in scope when the head office is, never a maintainer
        self._branch = {
            e.id: office
            for e in index.of_kind("Entity")
            if e.id and (office := branch_of(e)[0]) is not None
        }
        self._parent = {
            e.id: self._branch.get(e.id) or text_of(e.data.get("parent"))
            for e in index.of_kind("Entity")
            if e.id
        }
        dora = {
            e.id
            for e in index.of_kind("Entity")
            if e.id and "dora" in strings(e.data.get("regimes"))
        }
        self.under_dora = tuple(e for e in self._parent if e in dora and e not in self._branch)
        """Entities under DORA (not branches, which are their head office's), in file order:
        each keeps a register at entity level."""
        self._in_scope = {
            e.id for e in index.of_kind("Entity") if e.id and (e.id in self._branch or _in_scope(e))
        }
        """Entities a group's register includes when they are below its keeping entity."""
        self.maintainers = tuple(
            e
            for e in self._parent
            if e in dora and e not in self._branch and not self._above(e) & dora
        )
        """Entities under DORA with no entity under DORA above them, in file order."""
        self._covered = {top: self._below(top) for top in self.maintainers}

    def covers(self, maintainer: str) -> tuple[str, ...]:
        """The entities the register of ``maintainer`` covers: itself first, then the entities
        below it."""
        return self._covered.get(maintainer, ())

    def entity_level(self, entity: str) -> tuple[str, ...]:
        """What the register of ``entity`` at entity level covers: itself, and the Entities
        recorded as its branches (part of its legal person)."""
        return (entity, *(b for b, office in self._branch.items() if office == entity))

    def sub_group(self, parent: str) -> tuple[str, ...]:
        """What the sub-consolidated register of ``parent`` covers: itself first, then the
        entities below it that a group's register includes (Implementing Regulation (EU)
        2024/2956 Art. 6(2): the financial entities and ICT intra-group service providers of
        the sub-group), as the group's register covers those below its keeping entity."""
        return self._below(parent)

    def left_out(self, maintainer: str) -> tuple[str, ...]:
        """The entities below ``maintainer`` that its register does not cover: neither under
        DORA nor ICT intra-group service providers."""
        below = (e for e in self._parent if e != maintainer and maintainer in self._above(e))
        return tuple(e for e in below if e not in self._in_scope)

    def registers_of(self, entity: str) -> tuple[str, ...]:
        """The maintainers whose register covers ``entity``."""
        return tuple(top for top, covered in self._covered.items() if entity in covered)

    def _above(self, entity: str) -> set[str]:
        seen: set[str] = set()
        parent = self._parent.get(entity)
        while parent is not None and parent not in seen and parent != entity:
            seen.add(parent)
            parent = self._parent.get(parent)
        return seen

    def _below(self, top: str) -> tuple[str, ...]:
        """``top`` and the entities below it that are in a register's scope (Art. 6(2))."""
        below = (e for e in self._parent if e != top and top in self._above(e))
        return (top, *(e for e in below if e in self._in_scope))


def scope_in_doubt(entity: Document) -> bool:
    """An entity a register covers only because its type is not recorded, though its recorded
    regimes leave DORA out: only an ICT intra-group service provider among such entities is in
    a register, so REG-01 asks for its type alone, and what its row needs waits for it."""
    data = entity.data
    regimes = data.get("regimes")
    untyped = data.get("entity_type") is None
    return untyped and regimes is not None and "dora" not in strings(regimes)


def _in_scope(entity: Document) -> bool:
    """A financial entity under DORA or an ICT intra-group service provider (ITS 2024/2956
    Art. 6(2)); also one whose type is not recorded (REG-01 asks for it) and a financial entity
    that records no regimes. Left out: a non-financial entity other than an ICT intra-group
    service provider, and a financial entity whose recorded regimes leave DORA out."""
    data = entity.data
    kind = register_entity_type(data)
    if "dora" in strings(data.get("regimes")) or kind is None or kind == ICT_INTRA_GROUP:
        return True
    return kind != "non_financial_other" and "regimes" not in data


def contract_entities(contract: Document) -> tuple[str, ...]:
    """The entity ids a contract names in any of its entity fields."""
    values = (e for name in CONTRACT_ENTITIES for e in strings(contract.data.get(name)))
    return tuple(dict.fromkeys(values))


def contract_end(contract: Document) -> datetime.date | None:
    """When the contract ends or ended: its termination date, else its end date."""
    return as_date(contract.data.get("termination_date")) or as_date(contract.data.get("end_date"))


def contract_ended(contract: Document, as_of: datetime.date) -> bool:
    """Ended as of ``as_of``, for the register: its status says so, or the date it ends (its
    termination date, else its end date) is before ``as_of``, whatever its status says. An end
    date alone does not end a contract that renews automatically: it has renewed unless notice
    was given (the register then asks for its current end date, :mod:`resilint.register.dates`)."""
    if lifecycle.contract_lifecycle(contract, as_of) == lifecycle.ENDED:
        return True
    terminated = as_date(contract.data.get("termination_date"))
    if terminated is not None:
        return terminated < as_of
    end = as_date(contract.data.get("end_date"))
    return end is not None and end < as_of and contract.data.get("auto_renew") is not True


def in_reference_period(contract: Document, as_of: datetime.date) -> bool:
    """Started by ``as_of`` and not ended before the first day of its year."""
    start = as_date(contract.data.get("start_date"))
    if start is not None and start > as_of:
        return False
    if not contract_ended(contract, as_of):
        return True
    end = contract_end(contract)
    return end is not None and end >= datetime.date(as_of.year, 1, 1)


def contract_in_register(facts: Facts, contract: Document, ict: bool) -> bool:
    """A contract the register holds as of the facts' date (see the module doc)."""
    if not ict or lifecycle.contract_lifecycle(contract, facts.as_of) == lifecycle.DRAFT:
        return False
    supplier = facts.index.get("Supplier", str(contract.data.get("supplier")))
    if supplier is not None:
        contracts = facts.index.having("Contract", "supplier", supplier.id or "")
        if lifecycle.supplier_lifecycle(supplier, contracts, facts.as_of) == lifecycle.PROSPECTIVE:
            return False
    named = contract_entities(contract) or facts.regimes.all_entities
    covered = any(facts.scope.registers_of(e) for e in named)
    return covered and in_reference_period(contract, facts.as_of)


def supported_functions(facts: Facts, contract: Document) -> tuple[str, ...]:
    """Business functions resting directly on the contract, or that it supports
    (``supported_by``): on its supplier as a whole, or on one of the services it covers (all of
    the supplier's, when it lists none); then those whose
    continuity plan covers the failure of its supplier (``ContinuityPlan.suppliers``) without
    resting on it: a security monitoring provider supports card authorisation, which does not
    stop when it is down (``resilint impact`` reads it so), and the register still files the
    function it supports (B_02.02.0050). Not a critical or important function that already
    rests on the supplier otherwise, through another supplier's subcontracting, a shared
    dependency or another of its services than the contract covers: its plan names the
    hyperscaler under its SaaS for that route, which the register files as the SaaS's supply
    chain (B_05.02), not as our own contract with the hyperscaler supporting it."""
    supplier = str(contract.data.get("supplier"))
    covered = set(strings(contract.data.get("services")))
    found = []
    for function, services in facts.direct_dependencies().get(supplier, []):
        if services is None or not covered or services & covered:
            found.append(function)
    planned = facts.derived(_covered_by_plans, None).get(supplier, [])
    reached = facts.supplier_by_id(supplier)
    through = set(reached.critical_functions) - set(found) if reached is not None else set()
    found += [function for function in planned if function not in through]
    return tuple(dict.fromkeys(found))


def _covered_by_plans(facts: Facts, _: None) -> dict[str, list[str]]:
    """For each supplier id, the business functions whose continuity plans name it under
    ``suppliers``, in file order."""
    table: dict[str, list[str]] = {}
    for plan in in_order(facts.index.of_kind("ContinuityPlan")):
        function = text_of(plan.data.get("function"))
        if function is None or facts.index.get("BusinessFunction", function) is None:
            continue
        for supplier in strings(plan.data.get("suppliers")):
            table.setdefault(supplier, []).append(function)
    return table


def direct_dependencies(facts: Facts) -> dict[str, list[tuple[str, frozenset[str] | None]]]:
    """For each supplier id, the functions that rest on it directly or that it supports
    (``supported_by``), with the services they name (None: the supplier as a whole): what it
    supports, for the register, the regimes and the contracts. The graph's walks (an outage,
    concentration) start from the edges a function rests on only."""
    table: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    for function in facts.index.of_kind("BusinessFunction"):
        if function.id is None:
            continue
        for supplier, services, _ in facts.graph.direct(function):  # rests on, supported by
            if supplier.id is not None:
                table.setdefault(supplier.id, []).append((function.id, services))
    return table


TRACKED_IDENTITY = {
    "name": "name",
    "latin_name": "latin_name",
    "person_type": "person_type",
    "country": "hq_country",
    "ultimate_parent": "ultimate_parent",
}
"""The fields of a subcontractor entry that the Supplier it names gives instead (its own field:
the Supplier's), besides its identifier and the identifier's type, which go together."""


def own_parent(data: dict[str, Any], parent: dict[str, Any]) -> bool:
    """A provider recorded as its own ultimate parent: the same identifier, or, where the
    parent records none, the same name or no name (B_05.01.0110 is then the provider's own
    code: a provider outside any group reports its own, ESAs' FAQ 99). A parent named as
    another company without an identifier is not: its code is missing, not the provider's."""
    code = text_of(parent.get("provider_id"))
    if code:
        return code == text_of(data.get("provider_id"))
    named = name_key(parent.get("name"))
    return named is None or named == name_key(data.get("name"))


def chain_rank(sub: dict[str, Any]) -> int | None:
    """A subcontractor's rank in its supply chain (B_05.02.0050): the one its entry records, or
    2 where it records neither a rank nor a recipient: it then serves the supplier itself, the
    provider that signed (rank 1), and a subcontractor is ranked one below the one it serves
    (Implementing Regulation (EU) 2024/2956, Annex I, B_05.02). One that serves another
    subcontractor (``recipient``) and records no rank has none: the chain is for it to say."""
    rank = sub.get("rank")
    if isinstance(rank, int) and not isinstance(rank, bool):
        return rank
    if rank is None and text_of(sub.get("recipient")) is None:
        return 2
    return None


def filed_subcontractor(index: Index, sub: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A subcontractor entry as the register files it (B_05.01, B_05.02): where it names a
    Supplier we track (``supplier``), that Supplier's identifier and type (when it records an
    identifier), name, country, type of person and ultimate parent, each where its document
    records one; else, and for the rest, the entry's own. With the fields taken from the
    Supplier (by the entry's names), so that a gap is reported where it is."""
    named = sub.get("supplier")
    tracked = index.get("Supplier", named) if isinstance(named, str) else None
    if tracked is None:
        return sub, set()
    data, taken = dict(sub), set()
    if text_of(tracked.data.get("provider_id")) is not None:
        for field in ("provider_id", "provider_id_type"):
            data[field] = tracked.data.get(field)
            taken.add(field)
    for field, theirs in TRACKED_IDENTITY.items():
        if tracked.data.get(theirs) not in (None, "", {}):
            data[field] = tracked.data[theirs]
            taken.add(field)
    return data, taken
