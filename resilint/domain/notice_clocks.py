"""Which of an entity's reporting clocks an incident starts: one answer for CTR-04 (a supplier's
notice window must fit inside the clocks its compromise can start) and for ``resilint impact``
(the notices a scenario starts).

The regulator's clocks run for an incident of ours, so a supplier's compromise starts them only
where it can become one: it provides ICT services or holds access to our systems, and either it
reaches a critical service (it is critical in effect or supports a critical or important
function: Delegated Regulation (EU) 2024/1772 Art. 6(a) and Art. 8(1)) or its access lets an
intruder change things in our systems (write or privileged: Art. 6(c) with Art. 9(5)(b); under
NIS2 an unauthorised access capable of causing severe operational disruption, Implementing
Regulation (EU) 2024/2690 Art. 3(1)(e)). A read-only account of a supplier that supports no
critical function is left out: a programme choice (see the CTR-04 rationale). Under NIS2 an ICT
supplier holding our confidential data counts too (an incident capable of causing considerable
damage to other persons, Directive (EU) 2022/2555 Art. 23(3)(b)), except for the eleven kinds of
entity Implementing Regulation (EU) 2024/2690 binds, whose significant incidents its Art. 3 lists
exhaustively (recital 30), with the article for each kind through Art. 3(1)(g) (Art. 7 for cloud
computing service providers: its point 3, a suspectedly malicious compromise of data related to
the provision of the service, concerns the suppliers behind a critical or important function,
counted already); under NYDFS a provider holding our nonpublic information (23 NYCRR
500.17(a)(1), 500.1). The data protection authority's clock starts where the supplier holds our
data or access to our systems, unless it is recorded as holding no personal data of ours
(``personal_data: false``) and holds no access: GDPR Art. 33 concerns personal data breaches.

A clock the entity records in ``other_clocks`` (a card scheme's, a customer's, a banking
supervisor's) concerns what its ``applies_to`` says: named suppliers, exposures, data sensitivity
or business functions. One without a scope concerns the suppliers whose compromise can reach a
critical service of ours: they provide ICT services or hold access to our systems, and are
critical in effect or support a critical or important function (the FDIC's 36 hours for an
incident that disrupts banking operations, 12 CFR 304.23, recorded bare). Write or privileged
access alone does not bring a supplier in: that criterion is DORA's and NIS2's classification of
their own incidents, which their regulators' clocks keep, not what an unnamed clock says; never a
travel agency or a payroll service.

An outage that stops one of our critical or important functions is an incident of ours (a
critical service affected, Art. 6(a) of 2024/1772; a programme reading under NIS2 and NYDFS)
where it is an ICT-related one: our own systems, a region, or a supplier down that provides ICT
services or holds access to our systems (DORA Art. 3(8) and NIS2 Art. 6(6) define the incident
by the network and information systems it compromises: a chemicals supplier's, a bank's or a
power exchange's outage stops the function without being one). It then starts the entity's
regulator clocks; its data protection clock where what is down is ours or a supplier holding our
data or access (a personal data breach, GDPR Art. 4(12)); and, whatever is down, its unscoped
other clocks and those scoped to a function it stops.

For the financial entities of DORA Art. 2(1)(a) to (d) (credit institutions, payment
institutions, account information service providers, e-money institutions), Chapter III also
covers operational or security payment-related incidents, whether ICT-related or not (Art. 23,
Art. 3(9)): an outage that stops one of their critical or important payment functions (a card
scheme's, a safeguarding bank's) starts their regulator clocks whatever is down, and so does a
compromise of a supplier holding our data that such a function rests on (a card bureau holding
our card data: the confidentiality of payment-related data). A function is a payment function
where its licensed activity is a payment service or e-money (:data:`PAYMENT_ACTIVITIES`), or,
for a payment or e-money institution or an account information service provider, whose licence
is for nothing else, where it is not recorded as a supporting or ancillary function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from resilint.domain import Facts
from resilint.domain.delivery import DATA, STAFF
from resilint.domain.facts import SupplierFacts
from resilint.domain.readers import strings, value_at
from resilint.domain.regimes import entity_types, nis2_listed
from resilint.domain.suppliers import CIPHERTEXT
from resilint.model import Document

_CHANGING_ACCESS = frozenset({"write", "privileged"})
"""Access levels through which an intruder can alter or destroy data and act in our systems."""

PAYMENT_ENTITY_TYPES = frozenset(
    {
        "credit_institution",
        "payment_institution",
        "account_information_service_provider",
        "electronic_money_institution",
    }
)
"""The financial entities of DORA Art. 2(1)(a) to (d), whose reporting duties cover operational
or security payment-related incidents, ICT-related or not (DORA Art. 23)."""

PAYMENT_ACTIVITIES = frozenset(
    {"x28", "x165", "x180", "x220", "x221", "x222", "x223", "x224", "x225", "x226", "x227"}
)
"""Licensed activities (eba_TA) that are payment services or e-money: the taxonomy's payment
services (x28, x220 to x227: the eight services of PSD2 Annex I, cash placed on and withdrawn
from a payment account, execution, execution covered by a credit line, issuing and acquiring,
money remittance, payment initiation, account information), issuing electronic money (x180), and
a bank's issuing and administering other means of payment (x165)."""

_SUPPORTING_ACTIVITIES = frozenset({"x275", "x276"})
"""Ancillary services and a supporting function: no payment service of their own."""


@dataclass(frozen=True)
class Started:
    """The clocks of one entity an incident starts (the insurers' are the policies' business)."""

    regulator: bool = False
    """The regulators' clocks of its regimes, and the regulator clocks it records."""
    data_protection: bool = False
    """The data protection authority's clock."""
    others: frozenset[int] = frozenset()
    """Positions in its ``reporting_clocks.other_clocks``."""

    def __or__(self, other: Started) -> Started:
        return Started(
            self.regulator or other.regulator,
            self.data_protection or other.data_protection,
            self.others | other.others,
        )


def workforce_access(supplier: SupplierFacts) -> bool:
    """Its access to our systems is our own workforce's: it places workers with us (its only
    service model staff_augmentation) and none of its services stores our data. Its workers sign
    in with accounts we issue, act under our direction and leave their traces in our own logs, so
    an incident at the agency is no compromise of our systems, and one through a worker's account
    is ours to see, as an employee's is: the agency's notice is not how we learn of either."""
    return supplier.service_models == frozenset({STAFF}) and DATA not in supplier.holds


def as_reached(supplier: SupplierFacts) -> SupplierFacts:
    """The supplier as its own compromise reaches us: without the access of the workers it
    places with us (:func:`workforce_access`), which is our workforce's."""
    if "access" not in supplier.exposures or not workforce_access(supplier):
        return supplier
    kept = supplier.exposures - {"access", "operating_access"}
    return replace(supplier, exposures=kept, access_level="none")


def started_by_supplier(facts: Facts, entity: Document, supplier: SupplierFacts) -> Started:
    """The entity's clocks a compromise of the supplier can start (module doc); the access of
    workers a staffing supplier places with us is our workforce's and starts none
    (:func:`workforce_access`)."""
    supplier = as_reached(supplier)
    if not supplier.exposures:
        # nothing of ours is with it: no regulator or data-protection clock, and of the
        # entity's own only one whose applies_to it meets: the entity's word that an incident
        # of this supplier concerns the clock (a customer's notice of an outage of a feed)
        return Started(others=_scoped_clocks(facts, entity, supplier))
    regimes = facts.entity(entity).regimes
    return Started(
        regulator=starts_regulator_clocks(supplier, regimes, entity)
        or _payment_data_at(facts, entity, supplier),
        data_protection=_personal_data_at(supplier),
        others=frozenset(
            position
            for position, other in _other_clocks(entity)
            if _other_applies(facts, other, supplier)
        ),
    )


def started_by_outage(
    facts: Facts,
    entity: Document,
    stopped: Iterable[Document],
    suppliers: Iterable[SupplierFacts] = (),
) -> Started:
    """The entity's clocks an outage that stops these business functions starts: when a
    critical or important function of the entity stops, its regulator clocks if the outage is
    an ICT-related incident (none of ``suppliers``, the suppliers that are down, is named: our
    own systems or a region; or one of them provides ICT services or holds access to our
    systems, or is not recorded as providing none) or, for an entity of DORA Art. 2(1)(a) to
    (d), a payment-related one (a critical payment function stops: Art. 23), its data
    protection clock if what is down
    can hold our personal data (ours, or a supplier holding our data or access, or one whose
    data handling is not recorded), its unscoped other clocks; and, either way, the other clocks
    scoped to a function that stops (module doc)."""
    ours = [f for f in stopped if entity.id in facts.function(f).entities]
    down = frozenset(f.id for f in ours if f.id is not None)
    critical = any(facts.function(f).critical for f in ours)
    behind = list(suppliers)
    reportable = (
        not behind
        or any(_maybe_ict(s) for s in behind)
        or payment_incident(facts, entity, [f for f in ours if facts.function(f).critical])
    )
    personal = not behind or any(_maybe_holds_data(s) for s in behind)
    others = frozenset(
        position
        for position, other in _other_clocks(entity)
        if _scope_names_only(
            other, down, unscoped=critical and (personal or not _breach_notice(other))
        )
    )
    return Started(critical and reportable, critical and personal, others)


def payment_entity(facts: Facts, entity: Document) -> bool:
    """Whether the entity is one of DORA Art. 2(1)(a) to (d) under DORA (module doc)."""
    return "dora" in facts.entity(entity).regimes and any(
        kind in PAYMENT_ENTITY_TYPES for kind in entity_types(entity.data)
    )


def payment_function(entity: Document, function: Document) -> bool:
    """Whether the entity performs a payment service or e-money through the function (module
    doc): its licensed activity says so, or, for an entity licensed for payments alone, it is
    not recorded as a supporting or ancillary function."""
    activity = function.data.get("licensed_activity")
    if activity in PAYMENT_ACTIVITIES:
        return True
    if "credit_institution" in entity_types(entity.data):
        return False  # a bank's deposits, lending or treasury are no payment service
    return activity not in _SUPPORTING_ACTIVITIES


def payment_incident(facts: Facts, entity: Document, functions: Iterable[Document]) -> bool:
    """Whether stopping these critical functions is a payment-related incident of the entity
    that DORA Art. 23 brings under its reporting duties, whatever is down (module doc)."""
    return payment_entity(facts, entity) and any(
        payment_function(entity, function) for function in functions
    )


def _payment_data_at(facts: Facts, entity: Document, supplier: SupplierFacts) -> bool:
    """A compromise of a supplier holding our data that a critical payment function of the
    entity rests on: a security payment-related incident (DORA Art. 23, Art. 3(9): the
    confidentiality of payment-related data), whether or not the supplier provides ICT
    services."""
    if "data" not in supplier.exposures or not payment_entity(facts, entity):
        return False
    resting = facts.graph.resting_on(supplier.document.id or "")
    return payment_incident(
        facts,
        entity,
        [
            function
            for function, _ in resting
            if entity.id in facts.function(function).entities and facts.function(function).critical
        ],
    )


def _maybe_ict(supplier: SupplierFacts) -> bool:
    """Its outage can be an ICT-related incident of ours: it provides ICT services or holds
    access to our systems, or its record does not say it provides none (unknown: counted)."""
    recorded = supplier.document.data.get("provides_ict_services")
    return bool(supplier.exposures & {"ict", "access"}) or recorded is not False


def _maybe_holds_data(supplier: SupplierFacts) -> bool:
    """Its outage can be a personal data breach of ours: it holds our data or access to our
    systems, or its record does not say what data it handles (unknown: counted)."""
    unknown = supplier.data_sensitivity is None and _personal(supplier) is None
    return _personal_data_at(supplier) or unknown


def _personal_data_at(supplier: SupplierFacts) -> bool:
    """Whether a compromise of the supplier can be a personal data breach of ours (GDPR Art.
    4(12)): it holds access to our systems, or our personal data: recorded so
    (``personal_data: true``, unless it holds our data only as ciphertext), or, where
    ``personal_data`` is not recorded, our confidential or restricted data (which may be
    personal). A supplier recorded as holding none, without access, starts no such clock."""
    if "access" in supplier.exposures:
        return True
    recorded = _personal(supplier)
    if recorded is None:
        return "data" in supplier.exposures
    return recorded and supplier.document.data.get("data_access") != CIPHERTEXT


def may_hold_personal_data(supplier: SupplierFacts) -> bool:
    """Whether an outage of the supplier can make our personal data unavailable (a loss of
    availability, GDPR Art. 4(12)): it holds our personal data, recorded so (``personal_data:
    true``, even as ciphertext: encryption keeps the data confidential, not available), or,
    where ``personal_data`` is not recorded, our confidential or restricted data, or its record
    says nothing of the data it handles (unknown: counted). Access to our systems alone does not
    count: the supplier down, our data stays where it is."""
    recorded = _personal(supplier)
    if recorded is not None:
        return recorded
    return "data" in supplier.exposures or supplier.data_sensitivity is None


def _personal(supplier: SupplierFacts) -> bool | None:
    """``personal_data`` as recorded on the supplier (None where it is not)."""
    recorded = supplier.document.data.get("personal_data")
    return recorded if isinstance(recorded, bool) else None


def incident_of_ours(supplier: SupplierFacts) -> bool:
    """Whether a compromise of the supplier can become an incident a regulator must hear of."""
    return reaches_critical_service(supplier) or (
        bool(supplier.exposures & {"ict", "access"}) and supplier.access_level in _CHANGING_ACCESS
    )


def reaches_critical_service(supplier: SupplierFacts) -> bool:
    """Whether a compromise of the supplier can reach a critical service of ours: it provides
    ICT services or holds access to our systems, and is critical in effect or supports a
    critical or important function."""
    if not supplier.exposures & {"ict", "access"}:
        return False
    return supplier.critical or supplier.supports_critical


def starts_regulator_clocks(
    supplier: SupplierFacts, regimes: frozenset[str], entity: Document
) -> bool:
    """The regulator's clocks of ``entity``, under ``regimes`` (module doc)."""
    if "nydfs" in regimes and supplier.exposures:
        return True
    if "nis2" in regimes and {"ict", "data"} <= supplier.exposures and not _listed(entity):
        return True  # damage to persons through our data counts too: NIS2 Art. 23(3)(b)
    return incident_of_ours(supplier)


def _listed(entity: Document) -> bool:
    """One of the eleven kinds of NIS2 entity Implementing Regulation (EU) 2024/2690 binds: its
    Art. 3 criteria of a significant incident, with those of the article for their kind that
    Art. 3(1)(g) brings in (Arts. 5 to 14: Art. 7 for cloud computing service providers, Art. 10
    for managed and managed security service providers), are
    exhaustive for them (recital 30)."""
    return nis2_listed(entity.data)


_PAYMENT = re.compile(r"\b(?:extortion|ransom(?:ware)?)[- ]payments?\b|\b500\.17\s*\(c\)", re.I)
"""A clock that names an extortion or ransom payment, or cites 23 NYCRR 500.17(c): the notice
of the payment, which runs from paying it (500.17(c)(1): within 24 hours of the payment)."""


def runs_from(clock: object) -> str:
    """What starts a clock of ``other_clocks``: its recorded ``runs_from``; left out,
    ``our_action`` for the notice of an extortion or ransom payment (its name or source says
    so, or cites 23 NYCRR 500.17(c)), which runs from the payment, not from our awareness of
    the incident, and ``awareness`` for every other."""
    recorded = value_at(clock, "runs_from")
    if recorded in ("awareness", "our_action"):
        return str(recorded)
    said = " ".join(
        text for key in ("name", "source") if isinstance(text := value_at(clock, key), str)
    )
    return "our_action" if _PAYMENT.search(said) else "awareness"


def _other_clocks(entity: Document) -> list[tuple[int, object]]:
    """The entity's own clocks an incident can start: not one that runs from an act of ours
    (``runs_from: our_action``, an extortion payment's notice, recorded so or named so: see
    :func:`runs_from`), which no supplier's notice or outage starts."""
    others = value_at(entity.data, "reporting_clocks", "other_clocks")
    if not isinstance(others, list):
        return []
    return [(n, o) for n, o in enumerate(others) if runs_from(o) != "our_action"]


def scoped_to(facts: Facts, entities: Iterable[str], supplier: SupplierFacts) -> bool:
    """Whether one of the entities records a clock scoped to what the supplier is (its
    ``applies_to`` names it, or names what it meets)."""
    for entity_id in entities:
        entity = facts.index.get("Entity", entity_id)
        if entity is not None and _scoped_clocks(facts, entity, supplier):
            return True
    return False


def _scoped_clocks(facts: Facts, entity: Document, supplier: SupplierFacts) -> frozenset[int]:
    """The positions in the entity's ``other_clocks`` of those scoped to what the supplier is
    (an ``applies_to`` it meets): the clocks that concern a supplier with nothing of ours, as
    :func:`started_by_supplier` starts them and :func:`scoped_to` asks its contract a window."""
    return frozenset(
        position
        for position, other in _other_clocks(entity)
        if _scoped(other) and _other_applies(facts, other, supplier)
    )


def _scoped(other: object) -> bool:
    """Whether a clock of ``other_clocks`` says which incidents it concerns (``applies_to``)."""
    scope = value_at(other, "applies_to")
    return isinstance(scope, Mapping) and bool(scope)


def _other_applies(facts: Facts, other: object, supplier: SupplierFacts) -> bool:
    """Whether a clock of ``other_clocks`` concerns the supplier: every condition of its
    ``applies_to`` holds; without one, where the supplier's compromise can reach a critical
    service of ours (module doc)."""
    scope = value_at(other, "applies_to")
    if not isinstance(scope, Mapping) or not scope:
        if _breach_notice(other) and _personal_data_at(supplier):
            return True  # a personal data breach notice: as the data protection clock starts
        return reaches_critical_service(supplier)
    return all(_holds(facts, key, wanted, supplier) for key, wanted in scope.items())


def _breach_notice(other: object) -> bool:
    """Whether a clock of ``other_clocks`` is a personal data breach notice: its prepared
    message is the one to the data protection authority (``audience: data_protection``; a US
    state's breach notice to its residents and attorney general). Left unscoped, any supplier
    whose compromise can breach our personal data concerns it, critical or not (a payroll bureau
    holding employees' records), as it concerns the data protection authority's clock."""
    return bool(value_at(other, "audience") == "data_protection")


def _holds(facts: Facts, key: str, wanted: Any, supplier: SupplierFacts) -> bool:
    names = frozenset(strings(wanted))
    if key == "suppliers":
        return supplier.document.id in names
    if key == "exposures":
        return bool(names & supplier.exposures)
    if key == "data_sensitivity":
        return supplier.data_sensitivity in names
    if key == "functions":
        resting = facts.graph.resting_on(supplier.document.id or "")
        return any(function.id in names for function, _ in resting)
    return False  # the schema allows no other key: an unknown one never widens the scope


def _scope_names_only(other: object, down: frozenset[str], unscoped: bool) -> bool:
    """Whether an outage with no supplier named concerns a clock: one scoped to functions alone
    when one of them stops (a scope naming suppliers, exposures or data concerns a supplier);
    an unscoped one as ``unscoped`` says."""
    scope = value_at(other, "applies_to")
    if not isinstance(scope, Mapping) or not scope:
        return unscoped
    return set(scope) == {"functions"} and bool(down & frozenset(strings(scope["functions"])))
