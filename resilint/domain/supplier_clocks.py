"""The deadlines a supplier's incident can start for the entities of one contract, counted in
hours from the moment we learn of it: the notice deadline of every insurance policy in force
covering one of them, and each entity's reporting clocks that :mod:`.notice_clocks` says the
supplier's compromise starts. CTR-04 fits the supplier's notice window inside them; CTR-03 names
those its window runs past (:func:`missed_note`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilint.domain.facts import SupplierFacts
from resilint.domain.notice_clocks import as_reached, started_by_supplier
from resilint.domain.readers import number, show_number, value_at
from resilint.domain.statutes import EPRIVACY, OWN_BREACH, breach_statute, statutes_of
from resilint.findings import JsonPath
from resilint.model import Document, kind_plural

if TYPE_CHECKING:
    from resilint.domain import Facts

# Entity clocks counted from the moment we become aware of an incident. The intermediate report
# and the final report run from the initial notification, so they never bind the supplier's notice.
_REGULATOR_CLOCKS: tuple[tuple[str, str], ...] = (
    ("regulator_early_warning_hours", "early-warning deadline to the regulator"),
    ("regulator_initial_hours", "initial incident notification deadline to the regulator"),
)
_DATA_PROTECTION_CLOCK = (
    "data_protection_authority_hours",
    "breach notice deadline to the data protection authority",
)
_POLICY_NOTE = "a policy condition: late notice can put cover at risk; market practice, not law"

# How a message orders the clocks a window misses: the insurer's notice deadline and the
# regulator's first (late notice there costs cover or draws a sanction), then the data
# protection authority's, then an entity's own; within each, the tighter first.
INSURER, REGULATOR, DATA_PROTECTION, OTHER = range(4)


@dataclass(frozen=True)
class Clock:
    """A deadline we are bound by, counted in hours from the moment we learn of an incident."""

    hours: float
    what: str
    document: Document
    json_path: JsonPath
    note: str = ""
    rank: int = OTHER

    @property
    def description(self) -> str:
        text = f"the {show_number(self.hours)}-hour {self.what} of {self.document.label}"
        return f"{text} ({self.note})" if self.note else text


def clocks(facts: Facts, supplier: SupplierFacts | None, entities: Iterable[str]) -> list[Clock]:
    """The clocks a compromise of the supplier can start for these entities (a contract's; every
    entity when it names none): the notice deadline of every insurance policy in force covering
    one of them and, by what the supplier is to us, each entity's reporting clocks (the
    regulator's where its compromise can be an incident of ours; the data-protection clock where
    it holds our data or access to our systems; a clock of the entity's own recording as its
    ``applies_to`` says: :mod:`.notice_clocks`)."""
    entities = tuple(entities)
    insured = supplier is None or _insurer_concerned(supplier)
    found = list(_insurer_clocks(facts, frozenset(entities), supplier)) if insured else []
    if supplier is None:
        return found
    for entity_id in entities:
        entity = facts.index.get("Entity", entity_id)
        if entity is not None:
            found.extend(_entity_clocks(facts, entity, supplier))
    return found


def missed_note(
    facts: Facts, supplier: SupplierFacts, entities: Iterable[str], window: float
) -> str:
    """Words for a notice window of ``window`` hours naming every clock it runs past, the
    insurer's and the regulator's first; "" where it fits them all."""
    missed = sorted(
        (c for c in clocks(facts, supplier, entities) if c.hours < window),
        key=lambda c: (c.rank, c.hours),
    )
    if not missed:
        return ""
    return f"; its {show_number(window)} hours also run past {described(missed)}"


def and_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def described(found: list[Clock]) -> str:
    """The clocks in words, in their order, one phrase for the same deadline of several
    documents of a kind: "the 24-hour early-warning deadline to the regulator of entities
    kvw and kh-holzminden (...)", not the same words once for each entity of a group."""
    groups: dict[tuple[float, str, str, str], list[Clock]] = {}
    for clock in found:
        key = (clock.hours, clock.what, clock.note, clock.document.kind)
        groups.setdefault(key, []).append(clock)
    return and_list([_group_words(group) for group in groups.values()])


def _group_words(group: list[Clock]) -> str:
    first = group[0]
    if len(group) == 1:
        return first.description
    ids = and_list([str(clock.document.id) for clock in group])
    plural = kind_plural(first.document.kind)  # described() groups the clocks of one kind
    text = f"the {show_number(first.hours)}-hour {first.what} of {plural} {ids}"
    return f"{text} ({first.note})" if first.note else text


def _insurer_concerned(supplier: SupplierFacts) -> bool:
    """Whether a compromise or outage of the supplier can be a loss our cyber insurer must hear
    of from us: it holds our confidential data or access to our systems, is critical in effect
    or supports a critical or important function. One that is none of these (an office line, a
    public data feed, a hardware reseller: ICT services alone) is held to no insurer's deadline:
    its incident is no breach of ours, and its outage is seen in our own systems, not learnt
    from its notice (a programme choice). The access of workers a staffing supplier places with
    us is our workforce's, not the supplier's (:func:`.notice_clocks.workforce_access`)."""
    supplier = as_reached(supplier)
    exposed = bool(supplier.exposures & {"data", "access"})
    return exposed or supplier.critical or supplier.supports_critical


def _insurer_clocks(
    facts: Facts, entities: frozenset[str], supplier: SupplierFacts | None
) -> Iterator[Clock]:
    """The notice deadline of each policy in force covering one of the entities, but not of a
    policy that cannot answer the supplier's incident (:func:`_unanswered`)."""
    policies = [
        policy
        for policy in facts.index.of_kind("InsurancePolicy")
        if facts.policy(policy).in_force and entities.intersection(facts.policy(policy).entities)
    ]
    silent = _unanswered(facts, policies, supplier)
    for policy in policies:
        limit = number(value_at(policy.data, "notice", "incident_notice_hours"))
        if limit is not None and str(policy.id) not in silent:
            where = ("notice", "incident_notice_hours")
            yield Clock(limit, "incident notice deadline", policy, where, _POLICY_NOTE, INSURER)


def _unanswered(
    facts: Facts, policies: list[Document], supplier: SupplierFacts | None
) -> frozenset[str]:
    """The policies whose covers cannot answer the supplier's incident, as ``resilint impact``
    reads them (:func:`resilint.impact.cover.unanswered`): a cyber policy none of whose
    business-interruption covers responds to the outage of a supplier that holds none of our
    data (a supplier of medical devices or food with no ICT services or access, left out of
    dependent cover scoped to IT providers). Its notice condition is about losses the policy
    covers, so the supplier's notice window is not fitted to it; a policy that may answer (its
    dependent cover unrecorded, say) keeps its deadline."""
    if supplier is None or not policies:
        return frozenset()
    from resilint.impact.cover import unanswered  # the impact reading, loaded when needed

    return frozenset(unanswered(facts, policies, [supplier.document], False))


def _entity_clocks(facts: Facts, entity: Document, supplier: SupplierFacts) -> Iterator[Clock]:
    """The entity's clocks the supplier's compromise can start (:mod:`.notice_clocks`)."""
    recorded = value_at(entity.data, "reporting_clocks")
    started = started_by_supplier(facts, entity, supplier)
    named: list[tuple[str, str, int]] = []
    if started.regulator:
        named.extend((key, what, REGULATOR) for key, what in _REGULATOR_CLOCKS)
    if started.data_protection:
        named.append((*_DATA_PROTECTION_CLOCK, DATA_PROTECTION))
    for key, what, rank in named:
        limit = number(value_at(recorded, key))
        if rank == DATA_PROTECTION:
            yield from _breach_clock(entity, limit)
        elif limit is not None:
            note = _recorded_basis(facts, entity, key, limit)
            yield Clock(limit, what, entity, ("reporting_clocks", key), note, rank)
        elif rank == REGULATOR and (law := _statutory(facts, entity, key)) is not None:
            # the law sets the clock whether or not the entity records it (as resilint impact
            # counts it): an entity under NIS2 that records no early warning still has 24 hours
            hours, owed = law
            note = f"the law's deadline, {owed}; {entity.label} records none in reporting_clocks"
            yield Clock(hours, what, entity, ("regimes",), note, rank)
    others = value_at(recorded, "other_clocks")
    for position, other in enumerate(others if isinstance(others, list) else []):
        limit = number(value_at(other, "hours"))
        if limit is not None and position in started.others:
            where = ("reporting_clocks", "other_clocks", position, "hours")
            yield Clock(limit, _other_clock_name(other), entity, where)


def _breach_clock(entity: Document, recorded: float | None) -> Iterator[Clock]:
    """The entity's personal data breach clock, with the law behind it (:func:`breach_statute`).
    A provider of publicly available electronic communications services has the law's 24 hours
    (Commission Regulation (EU) No 611/2013 Art. 2(2)) whether it records none or more (the
    GDPR's 72 hours written out of habit): the law's deadline is the one its suppliers' notice
    must fit, as ``resilint impact`` counts it. Under the GDPR a recorded figure is used as it
    stands, its basis named where it is the law's; none recorded, none is compared."""
    key, what = _DATA_PROTECTION_CLOCK
    law = breach_statute(entity.data)
    if law is EPRIVACY:
        what = f"personal data breach notice deadline to the {law.to}"
    elif law is OWN_BREACH:
        # established outside the EEA and the UK (a US company): the deadline of the breach
        # notification laws it records, a state's notice to its residents and attorney general,
        # not a data protection authority's
        what = "personal data breach notification deadline (under the breach laws it records)"
    where = ("reporting_clocks", key)
    if law is EPRIVACY and law.hours is not None and (recorded is None or recorded > law.hours):
        records = (
            "none in reporting_clocks"
            if recorded is None
            else f"{show_number(recorded)} hours in reporting_clocks.{key}"
        )
        note = f"the law's deadline, {law.basis}; {entity.label} records {records}"
        at = where if recorded is not None else ("electronic_communications_provider",)
        yield Clock(law.hours, what, entity, at, note, DATA_PROTECTION)
    elif recorded is not None:
        note = law.basis if recorded == law.hours else ""
        yield Clock(recorded, what, entity, where, note, DATA_PROTECTION)


def _statutory(facts: Facts, entity: Document, key: str) -> tuple[float, str] | None:
    """The shortest deadline the law of the entity's regimes sets for the reporting_clocks field
    ``key``, with whom it is owed to under which law (:data:`.statutes.STATUTES`: DORA's,
    NIS2's and NYDFS's; the recipient named where the entity or its state names it). Every
    statute that names the field runs from our learning of the incident: our awareness (DORA,
    NIS2) or our determining that it occurred (NYDFS, 500.17(a)(1)); the ones that run from a
    classification or an earlier report name no field here."""
    found = [
        (statute.hours, f"owed to {_the(statute.to)} under {statute.basis}")
        for _, statute in statutes_of(
            facts.regimes.of_entities([str(entity.id)]),
            entity.data.get("country"),
            entity.data.get("competent_authority"),
        )
        if statute.recorded == key and statute.hours is not None
    ]
    return min(found) if found else None


def _recorded_basis(facts: Facts, entity: Document, key: str, hours: float) -> str:
    """The law behind a regulator's clock the entity records, where the law of its regimes sets
    that field at those very hours (its 72 hours under NYDFS are 23 NYCRR 500.17(a)(1)'s): a
    message then names the authority and the citation, not only "the regulator"; "" where the
    recorded figure is the entity's own."""
    return "; ".join(
        f"owed to {_the(statute.to)} under {statute.basis}"
        for _, statute in statutes_of(
            facts.regimes.of_entities([str(entity.id)]),
            entity.data.get("country"),
            entity.data.get("competent_authority"),
        )
        if statute.recorded == key and statute.hours == hours
    )


def _the(recipient: str) -> str:
    """A report's recipient as a message names it: ``the competent authority``."""
    return recipient if recipient.startswith("the ") else f"the {recipient}"


def _other_clock_name(other: object) -> str:
    name, source = value_at(other, "name"), value_at(other, "source")
    what = f"'{name}' deadline" if isinstance(name, str) else "reporting deadline"
    return f"{what} ({source})" if isinstance(source, str) else what
