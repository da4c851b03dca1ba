"""The facts of one check (:class:`Facts`), computed on first use; see :mod:`resilint.domain`."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from resilint.domain.definitions import Definitions
from resilint.domain.delivery import identity_providers
from resilint.domain.documents import (
    build_contract,
    build_entity,
    build_exercise,
    build_function,
    build_identity,
    build_plan,
    build_playbook,
    build_policy,
)
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
    WaiverFacts,
)
from resilint.domain.graph import DependencyGraph
from resilint.domain.regimes import EntityRegimes
from resilint.domain.registers import RegisterScope, contract_in_register, direct_dependencies
from resilint.domain.requirements import Matrix, load_matrix
from resilint.domain.suppliers import build_suppliers, contract_ict, standing
from resilint.domain.waivers import same_person, waived_rules
from resilint.model import Document, Index

_T = TypeVar("_T")
_A = TypeVar("_A")


class Facts:
    """Facts about every document of one repository as of one date, computed on first use."""

    def __init__(
        self, index: Index, as_of: datetime.date, definitions: Definitions | None = None
    ) -> None:
        self.index = index
        self.as_of = as_of
        self.definitions = definitions or Definitions()
        self.graph = DependencyGraph(index)
        self.regimes = EntityRegimes(index)
        self.scope = RegisterScope(index)
        """Which entities keep a DORA register of information and which entities it covers."""
        self._direct: dict[str, list[tuple[str, frozenset[str] | None]]] | None = None
        self._matrix: Matrix | None = None
        self._suppliers: dict[str, SupplierFacts] | None = None
        self._identity_providers: frozenset[str] | None = None
        self._cache: dict[int | tuple[str, int], Any] = {}
        self._fields: dict[int, Mapping[str, Any]] = {}
        """Built facts by kind and document (documents live as long as the run)."""
        self._derived: dict[tuple[Callable[..., Any], Any], Any] = {}

    @property
    def matrix(self) -> Matrix:
        if self._matrix is None:
            self._matrix = load_matrix().with_overrides(self.definitions.requirements)
        return self._matrix

    def critical_functions(self) -> list[Document]:
        """Business functions rated critical or important (as the configuration defines it)."""
        return [f for f in self.index.of_kind("BusinessFunction") if self.function(f).critical]

    def supplier(self, document: Document) -> SupplierFacts:
        if self._suppliers is None:
            self._suppliers = build_suppliers(self)
        return self._suppliers[_key(document)]

    def contract(self, document: Document) -> ContractFacts:
        return self._memo(document, build_contract)

    def function(self, document: Document) -> FunctionFacts:
        return self._memo(document, build_function)

    def plan(self, document: Document) -> PlanFacts:
        return self._memo(document, build_plan)

    def playbook(self, document: Document) -> PlaybookFacts:
        return self._memo(document, build_playbook)

    def identity(self, document: Document) -> IdentityFacts:
        return self._memo(document, build_identity)

    def policy(self, document: Document) -> PolicyFacts:
        return self._memo(document, build_policy)

    def entity(self, document: Document) -> EntityFacts:
        return self._memo(document, build_entity)

    def exercise(self, document: Document) -> ExerciseFacts:
        return self._memo(document, build_exercise)

    def waiver(self, document: Document) -> WaiverFacts:
        data = document.data
        owner = same_person(data.get("approver"), data.get("risk_owner"))
        return WaiverFacts(document, waived_rules(data), owner)

    def in_register(self, contract: Document) -> bool:
        """Whether the DORA register of information holds the contract as of the facts' date
        (:mod:`resilint.domain.registers`)."""
        key = ("register", id(contract))
        if key not in self._cache:
            ict = contract_ict(self, contract)
            self._cache[key] = contract_in_register(self, contract, ict)
        held: bool = self._cache[key]
        return held

    def supplier_standing(self, supplier: Document) -> tuple[bool, str]:
        """Whether the supplier provides ICT services, and the access it holds
        (:func:`.suppliers.standing`), computed once a supplier."""
        key = ("standing", id(supplier))
        if key not in self._cache:
            self._cache[key] = standing(self, supplier)
        found: tuple[bool, str] = self._cache[key]
        return found

    def identity_providers(self) -> frozenset[str]:
        """Suppliers our sign-in runs through (:func:`.delivery.identity_providers`)."""
        if self._identity_providers is None:
            self._identity_providers = identity_providers(self)
        return self._identity_providers

    def direct_dependencies(self) -> dict[str, list[tuple[str, frozenset[str] | None]]]:
        """Functions resting directly on each supplier, with the services they name."""
        if self._direct is None:
            self._direct = direct_dependencies(self)
        return self._direct

    def supplier_by_id(self, supplier_id: object) -> SupplierFacts | None:
        document = self.index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
        return self.supplier(document) if document is not None else None

    def of(self, document: Document) -> Mapping[str, Any]:
        """The facts of any document as the rule language sees them (empty for kinds that
        have none)."""
        found = self._fields.get(id(document))
        if found is None:
            reader = _READERS.get(document.kind)
            found = self._fields[id(document)] = reader(self, document).fields() if reader else {}
        return found

    def matches(self, document: Document, applies_to: Mapping[str, Any]) -> bool:
        """Whether a document is one a rule's ``applies_to`` names (see :func:`fact_matches`)."""
        fields = self.of(document)
        return all(
            fact_matches(fields.get(name), wanted)
            for name, wanted in applies_to.items()
            if name != "kind"
        )

    def document_regimes(self, document: Document) -> frozenset[str]:
        """The regimes a document falls under, for rules of the dora, nis2 and nydfs profiles."""
        fields = self.of(document)
        if "regimes" in fields:
            return frozenset(fields["regimes"])
        if document.kind == "Entity":
            return self.entity(document).regimes
        return self.regimes.everywhere

    def derived(self, build: Callable[[Facts, _A], _T], argument: _A) -> _T:
        """``build(self, argument)``, computed once per check whoever asks first: what a
        consumer of the model derives from it as a whole (the DORA register of an entity, which
        three checks and the export read), without the domain importing the consumer."""
        key = (build, argument)
        if key not in self._derived:
            self._derived[key] = build(self, argument)
        found: _T = self._derived[key]
        return found

    def _memo(self, document: Document, build: Callable[[Facts, Document], _T]) -> _T:
        key = id(document)  # each kind has one builder
        if key not in self._cache:
            self._cache[key] = build(self, document)
        found: _T = self._cache[key]
        return found


def fact_matches(value: Any, wanted: Any) -> bool:
    """A fact has the wanted value: a list of wanted values means any of them; a list-valued
    fact must contain it. True and false never equal 1 and 0."""
    choices = wanted if isinstance(wanted, list) else [wanted]
    have = value if isinstance(value, list) else [value]
    return any(type(v) is type(c) and v == c for v in have for c in choices)


def fact_test(applies_to: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], bool]:
    """:meth:`Facts.matches` for one ``applies_to``, made once for the documents of a scope:
    each fact's wanted values put in a set of (type, value) where they can be, so that a fact is
    looked up rather than compared with each (what :func:`fact_matches` answers, for every
    value)."""
    tests = tuple(
        (name, wanted, _plain(wanted)) for name, wanted in applies_to.items() if name != "kind"
    )

    def test(fields: Mapping[str, Any]) -> bool:
        for name, wanted, plain in tests:
            value = fields.get(name)
            if plain is None:
                if not fact_matches(value, wanted):
                    return False
            elif isinstance(value, list):
                if not any(_among(item, plain) for item in value):
                    return False
            elif not _among(value, plain):
                return False
        return True

    return test


def _plain(wanted: Any) -> frozenset[tuple[type, Any]] | None:
    """The wanted values as (type, value) pairs, or None where one cannot be a set's member
    (a mapping) or is not equal to itself (NaN)."""
    choices = wanted if isinstance(wanted, list) else [wanted]
    try:
        pairs = frozenset((type(c), c) for c in choices)
    except TypeError:
        return None
    return pairs if all(c == c for c in choices) else None


def _among(value: Any, pairs: frozenset[tuple[type, Any]]) -> bool:
    """``type(value) is type(c) and value == c`` for some wanted ``c``: a value that cannot be
    a set's member (a mapping, a list) equals none of them, which all can."""
    try:
        return (type(value), value) in pairs
    except TypeError:
        return False


def _key(document: Document) -> str:
    return document.id if document.id is not None else f"{document.path}#{document.index}"


_READERS: dict[str, Any] = {
    "Entity": Facts.entity,
    "Supplier": Facts.supplier,
    "Contract": Facts.contract,
    "BusinessFunction": Facts.function,
    "Identity": Facts.identity,
    "InsurancePolicy": Facts.policy,
    "ContinuityPlan": Facts.plan,
    "Playbook": Facts.playbook,
    "Exercise": Facts.exercise,
    "Waiver": Facts.waiver,
}

__all__ = ["Facts", "fact_matches", "fact_test"]
