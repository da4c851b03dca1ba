"""Which of our entities, and so which regulatory regimes, each document falls under.

A contract falls under the entities that sign or use it; a supplier under those of its contracts
and of the business functions that rest on it; a function under its own ``entities``; an identity
under its supplier's; an insurance policy under its insured entities. A document that names no
entity falls under every entity of the repository (we cannot tell which, so none is left out).
An entity recorded as a branch (``branch_of``) brings its head office's regimes to the contracts,
functions, suppliers and identities it is named in (:meth:`EntityRegimes.of_legal_persons`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from resilint.domain.readers import strings
from resilint.model import Document, Index

REGIMES = ("dora", "nis2", "nydfs")
REGIME_NAMES = {"dora": "DORA", "nis2": "NIS2", "nydfs": "NYDFS"}
"""Each regime as a sentence names it."""
PROFILES_OF_REGIME: dict[str, tuple[str, ...]] = {
    "dora": ("dora", "dora-register"),
    "nis2": ("nis2",),
    "nydfs": ("nydfs",),
}
"""The profiles a regime switches on: DORA brings the readiness rules of its register of
information (``dora-register``) with its own."""
REGIME_OF_PROFILE: dict[str, str] = {p: r for r, ps in PROFILES_OF_REGIME.items() for p in ps}
"""The regime each regulatory profile belongs to, whose documents its rules are confined to."""
NIS2_LISTED = "nis2_listed"
"""Where a law binds: the eleven kinds of NIS2 entity Commission Implementing Regulation (EU)
2024/2690 binds (its Art. 1), recorded as their nis2_entity_type (any kind but ``other``). Not
a regime of its own: the NIS2 entities a citation of that Regulation concerns."""


def nis2_listed(entity: dict[str, Any]) -> bool:
    """The entity is one of the eleven kinds of NIS2 entity Implementing Regulation (EU)
    2024/2690 binds (its Art. 1): recorded as such, under NIS2."""
    kind = entity.get("nis2_entity_type")
    return isinstance(kind, str) and kind != "other"


DORA_SIZES = ("micro", "small", "medium", "large")
"""Size classes by DORA's own thresholds: microenterprise (Art. 3(60)), small enterprise (Art.
3(63)), medium-sized enterprise (Art. 3(64)), and none of these."""
_SMALLER = frozenset({"micro", "small", "medium"})
_INTERMEDIARY = "insurance_intermediary"
"""The register's entity type x320: insurance intermediaries, reinsurance intermediaries and
ancillary insurance intermediaries, the financial entities of DORA Art. 2(1)(o)."""


def dora_size(entity: dict[str, Any]) -> str:
    """The entity's size class by DORA's thresholds (:data:`DORA_SIZES`): recorded
    (``dora_enterprise_size``), else micro where it is recorded as a microenterprise
    (``dora_microenterprise``); "" where nothing says it."""
    recorded = entity.get("dora_enterprise_size")
    if recorded in DORA_SIZES:
        return str(recorded)
    return "micro" if entity.get("dora_microenterprise") is True else ""


def entity_types(entity: Mapping[str, Any]) -> tuple[str, ...]:
    """The entity's types (``entity_type``: one, or a list of them, for an entity authorised
    as more than one kind of financial entity, such as a UCITS management company that is also
    an authorised AIFM)."""
    kind = entity.get("entity_type")
    return (kind,) if isinstance(kind, str) else tuple(strings(kind))


def register_entity_type(entity: Mapping[str, Any]) -> str | None:
    """The one type the DORA register reports (B_01.01.0040, B_01.02.0040): the first listed.
    The register holds one type per entity (its LEI): the ESAs' register reporting FAQ asks an
    entity of several kinds to agree the most appropriate one with its competent authority."""
    types = entity_types(entity)
    return types[0] if types else None


SIMPLIFIED_FRAMEWORK_TYPES = frozenset(
    {
        "investment_firm",
        "payment_institution",
        "electronic_money_institution",
        "credit_institution",
        "occupational_retirement_institution",
        "other_financial_entity",
    }
)
"""The types of entity whose kinds DORA Art. 16(1), first subparagraph, may exempt from its
Articles 5 to 15: small and non-interconnected investment firms, exempted payment and
electronic money institutions, institutions exempted under Directive 2013/36/EU and small
IORPs. The type alone cannot tell an exempted one from an authorised one (nor an other
financial entity's kind), so these may record the simplified framework; no other type may."""


def dora_simplified_misclaimed(entity: Mapping[str, Any]) -> bool:
    """The entity records ``dora_simplified_framework: true`` but its types are none of those
    DORA Art. 16(1) may cover (:data:`SIMPLIFIED_FRAMEWORK_TYPES`), whatever its size: it
    applies Articles 5 to 15 in full (the European Commission's answer to ESMA Q&A 2292), and
    the flag is not honoured. An entity recording no type is taken at its word."""
    kinds = entity_types(entity)
    claimed = entity.get("dora_simplified_framework") is True
    return claimed and bool(kinds) and not SIMPLIFIED_FRAMEWORK_TYPES.intersection(kinds)


def dora_simplified(entity: Mapping[str, Any]) -> bool:
    """The entity applies DORA's simplified ICT risk-management framework: it records
    ``dora_simplified_framework: true`` and is of a kind DORA Art. 16(1) may cover
    (:func:`dora_simplified_misclaimed`)."""
    claimed = entity.get("dora_simplified_framework") is True
    return claimed and not dora_simplified_misclaimed(entity)


def dora_excluded(entity: dict[str, Any]) -> bool:
    """DORA Art. 2(3)(e) excludes the entity from its scope: an insurance, reinsurance or
    ancillary insurance intermediary that is a micro, small or medium-sized enterprise (its
    size counting all its activities: the European Commission's answer to EIOPA Q&A
    DORA237-3350). The other exclusions of Art. 2(3) turn on other laws' exemptions, which
    nothing here records."""
    kinds = entity_types(entity)  # an intermediary that is also another kind is not excluded
    return bool(kinds) and set(kinds) == {_INTERMEDIARY} and dora_size(entity) in _SMALLER


class EntityRegimes:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._of_entity = {
            entity.id: frozenset(r for r in strings(entity.data.get("regimes")) if r in REGIMES)
            for entity in index.of_kind("Entity")
            if entity.id is not None
        }
        self.everywhere = frozenset(r for regimes in self._of_entity.values() for r in regimes)
        listed = any(
            "nis2" in self._of_entity.get(entity.id or "", ()) and nis2_listed(entity.data)
            for entity in index.of_kind("Entity")
        )
        self.laws = self.everywhere | ({NIS2_LISTED} if listed else set())
        """Where the laws a basis cites bind here: the regimes of the entities, and
        :data:`NIS2_LISTED` where one of them is of a kind Regulation 2024/2690 binds."""
        self._simplified = frozenset(
            entity.id
            for entity in index.of_kind("Entity")
            if entity.id is not None and dora_simplified(entity.data)
        )
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        self.all_entities = tuple(self._of_entity)
        self._head_office: dict[str, str] = {}
        for entity in index.of_kind("Entity"):
            link = entity.data.get("branch_of")
            office = link.get("entity") if isinstance(link, dict) else None
            if entity.id is not None and isinstance(office, str) and office in self._of_entity:
                self._head_office[entity.id] = office

    def of_entities(self, entity_ids: Iterable[str]) -> frozenset[str]:
        """The regimes of these entities; of every entity when none is named or known."""
        known = [e for e in entity_ids if e in self._of_entity]
        if not known:
            return self.everywhere
        found = frozenset(r for e in known for r in self._of_entity[e])
        return self._sets.setdefault(found, found)  # one set for thousands of contracts

    def of_legal_persons(self, entity_ids: Iterable[str]) -> frozenset[str]:
        """The regimes of these entities as parties to an arrangement or performers of a
        function: each entity's own, and for one recorded as a branch (``branch_of``) also its
        head office's. A branch is no legal person: the contracts it uses and the functions it
        performs are its head office's, which the laws binding the head office bind wherever
        the branch is (a credit institution under DORA is one with its New York branch, whose
        ICT contracts its register of information lists), while the branch's own regimes
        (NYDFS for a New York branch) bind them too. Of every entity when none is named or
        known."""
        return self.of_entities(self._with_head_offices(entity_ids))

    def _with_head_offices(self, entity_ids: Iterable[str]) -> list[str]:
        """These entities, and the head office of each one recorded as a branch: the legal
        persons whose laws bind what they sign, use or perform."""
        named = list(entity_ids)
        return [*named, *(self._head_office[e] for e in named if e in self._head_office)]

    def dora_simplified_only(self, entity_ids: Iterable[str]) -> bool:
        """Whether every one of these entities (every entity when none is named or known) that
        is under DORA applies its simplified ICT risk-management framework, and one is: the
        entities DORA Art. 16(1), first subparagraph, exempts from its Articles 5 to 15
        (recorded as dora_simplified_framework, by an entity of a kind it may cover:
        :func:`dora_simplified`), which follow Art. 16 and Delegated Regulation (EU) 2024/1774
        Title III instead. False where none of them is under DORA (a
        configuration that names the dora profile applies its rules to them all the same). A
        branch (``branch_of``) is read with its head office, whose framework binds what the
        branch performs (:meth:`of_legal_persons`)."""
        named = self._with_head_offices(entity_ids)
        known = [e for e in named if e in self._of_entity] or list(self._of_entity)
        under_dora = [e for e in known if "dora" in self._of_entity[e]]
        return bool(under_dora) and all(e in self._simplified for e in under_dora)

    def entities_named(self, document: Document, *fields: str) -> tuple[str, ...]:
        """The entity ids a document's ``fields`` name, or every entity when they name none."""
        values = (e for field in fields for e in strings(document.data.get(field)))
        named = tuple(dict.fromkeys(e for e in values if e in self._of_entity))
        return named or self.all_entities


CONTRACT_ENTITIES = ("entities", "signing_entities", "using_entities")
"""The fields naming a contract's entities: those party to it or benefiting from it, those that
signed it and those that use its services."""
