"""The insurance tower, defined once: whose terms a policy has, which entities it may insure, which
covers it includes and whose outage its dependent business-interruption cover pays for.

An excess layer that follows form takes the conditions, exclusions, business-interruption terms,
notice and panel of the policy it sits over; a primary policy, or an excess layer that does not
follow form, has terms of its own. The insurance rules and impact analysis both read the tower
through these functions.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from resilint.domain import delivery
from resilint.domain.delivery import FINANCIAL, LICENSED, NETWORK
from resilint.domain.lifecycle import shift
from resilint.domain.readers import as_date, dicts, strings, text_of, value_at
from resilint.domain.registers import branch_of
from resilint.domain.suppliers import group_entity_id
from resilint.model import Document, Index

if TYPE_CHECKING:
    from resilint.domain import Facts

DEPENDENT_BI = "dependent_business_interruption"
BUSINESS_INTERRUPTION = "business_interruption"


def own_terms(facts: Facts, policy: Document) -> bool:
    """A primary policy, or an excess layer that does not follow form: it has terms of its own."""
    fact = facts.policy(policy)
    return fact.layer == "primary" or not fact.follows_form


def terms_of(facts: Facts, policy: Document) -> Document | None:
    """The policy whose terms ``policy`` has: itself, or down the layers it follows the form of.
    None when that chain is broken (INS-03 and REF-01 report it) or loops."""
    seen: set[int] = set()
    while id(policy) not in seen:
        seen.add(id(policy))
        if own_terms(facts, policy):
            return policy
        below = facts.policy(policy).underlying
        if below is None:
            return None
        policy = below
    return None


CYBER = "cyber"
"""The line of insurance of a policy that records none."""


UNSURE = "unsure"
"""The line of a policy that records none and whose name and description name more than one
(a "cyber and crime" package): INS-03 asks it be recorded, and no line's terms are asked."""


def line_of(facts: Facts, policy: Document) -> str:
    """The line of insurance of the tower the policy is in: recorded (``line``, its own or of
    the policy whose terms it has), else the one line the words it is recorded with name (its
    name and description, else those of that policy: a "Vertrauensschadenversicherung" or a
    "Commercial crime policy" is crime), :data:`UNSURE` where they name several, else cyber. A
    crime or specie policy running on is no renewal of a cyber policy, nor the other way
    round."""
    root = terms_of(facts, policy) or policy
    recorded = text_of(policy.data.get("line")) or text_of(root.data.get("line"))
    if recorded:
        return recorded
    named = lines_named(policy) or lines_named(root)
    if len(named) > 1:
        return UNSURE
    return named[0] if named else CYBER


_LINE_WORDS = (
    (CYBER, re.compile(r"\bcyber", re.IGNORECASE)),
    (
        "crime",
        re.compile(
            r"\bcrime\b|\bfidelity\b|\bemployee dishonesty\b|\bvertrauensschaden",
            re.IGNORECASE,
        ),
    ),
    ("specie", re.compile(r"\bspecie\b", re.IGNORECASE)),
    (
        "other",
        re.compile(
            r"\bdirectors\W+(?:and|&)\W+officers\b|\bD&O\b|\bprofessional (?:indemnity|liability)\b"
            r"|\berrors\W+(?:and|&)\W+omissions\b",
            re.IGNORECASE,
        ),
    ),
)
"""Words that name a line of insurance; "cyber crime" names cyber (a cyber policy's cover of
social engineering and funds-transfer fraud), not crime."""
_CYBER_CRIME = re.compile(r"\bcyber[\s-]*crime", re.IGNORECASE)


def lines_named(policy: Document) -> tuple[str, ...]:
    """The lines of insurance the policy's name and description name, in the order of
    :data:`_LINE_WORDS` (none where they name none)."""
    words = " ".join(text_of(policy.data.get(f)) or "" for f in ("name", "description"))
    words = _CYBER_CRIME.sub("cyber", words)
    return tuple(line for line, pattern in _LINE_WORDS if pattern.search(words))


INCIDENT_LINES = frozenset({CYBER, "crime", "specie", UNSURE})
"""The lines of insurance an incident may claim under: cyber; crime (theft by hacking or by
employees, fraudulent transfers: social engineering, funds-transfer fraud); specie (loss of
valuables in safe keeping, such as cold-storage key material); and a policy whose line is
:data:`UNSURE`, which may be one of them. A policy of line other
(professional indemnity, directors' and officers', property) answers claims made against us or
damage to property: notice of circumstances to its insurer is a claims decision, not a message
of the incident plans."""


def incident_line(facts: Facts, policy: Document) -> bool:
    """Whether an incident may be a claim under the policy: its line is one of INCIDENT_LINES."""
    return line_of(facts, policy) in INCIDENT_LINES


def cyber_insured(facts: Facts, entities: tuple[str, ...]) -> bool:
    """Whether a cyber policy in force may cover a loss of these entities (one insuring any of
    them, or naming none): where none does, no insurer asks questionnaires, sworn statements,
    forensics access or a notice of us. Once a check for each set of entities
    (:meth:`Facts.derived`)."""
    return facts.derived(_cyber_insured, entities)


def _cyber_insured(facts: Facts, entities: tuple[str, ...]) -> bool:
    return any(
        facts.policy(policy).in_force
        and line_of(facts, policy) in (CYBER, UNSURE)  # it may be a cyber policy
        and insures(policy, entities, facts.index)
        for policy in facts.index.of_kind("InsurancePolicy")
    )


def dependent_cover_beyond_it(facts: Facts, entities: tuple[str, ...]) -> bool:
    """Whether a cyber policy in force that may cover a loss of these entities has dependent
    business-interruption cover that may answer the outage of a supplier providing no ICT
    services: its ``dependent_bi.scope`` is ``all_suppliers`` or ``named``, or not recorded
    (unknown: counted). Once a check for each set of entities (:meth:`Facts.derived`)."""
    return facts.derived(_dependent_cover_beyond_it, entities)


def _dependent_cover_beyond_it(facts: Facts, entities: tuple[str, ...]) -> bool:
    return any(
        facts.policy(policy).in_force
        and line_of(facts, policy) in (CYBER, UNSURE)
        and insures(policy, entities, facts.index)
        and text_of(value_at(policy.data, "dependent_bi", "scope")) != "it_providers"
        for policy in facts.index.of_kind("InsurancePolicy")
    )


def insurer_asks_of(facts: Facts, entities: tuple[str, ...], supplier: Document | None) -> bool:
    """Whether a cyber policy in force that may cover a loss of these entities would ask its
    questions of the supplier through our contract: one that does not name the supplier's own
    group company (``group_entity``) among its insured. A company of our group that the policy
    insures beside us is bound by its notice and claims conditions as an insured (market
    practice: an insured's duty to cooperate with the insurer); our contract need not bind it
    again to that insurer's questionnaires, sworn statements or forensics."""
    if not cyber_insured(facts, entities):
        return False
    own = group_entity_id(facts.index, supplier) if supplier is not None else None
    if not own:
        return True
    return any(
        facts.policy(policy).in_force
        and line_of(facts, policy) in (CYBER, UNSURE)
        and insures(policy, entities, facts.index)
        and own not in strings(policy.data.get("insured_entities"))
        for policy in facts.index.of_kind("InsurancePolicy")
    )


def chain_below(facts: Facts, policy: Document) -> list[Document]:
    """The policy and those below it in its tower, down to the primary (shorter when broken)."""
    chain = [policy]
    while facts.policy(chain[-1]).layer == "excess":
        below = facts.policy(chain[-1]).underlying
        if below is None or any(below is p for p in chain):
            break
        chain.append(below)
    return chain


def base_of(facts: Facts, policy: Document) -> Document | None:
    """The primary policy of its tower; None when the tower is broken (INS-03 reports it)."""
    bottom = chain_below(facts, policy)[-1]
    return bottom if facts.policy(bottom).layer == "primary" else None


def insures(policy: Document, entities: Iterable[str], index: Index) -> bool:
    """Whether the policy may insure these entities (a policy or document naming none may). A
    branch recorded as an Entity (``branch_of``) is part of its head office's legal person, so
    a policy insuring the head office insures it (named insureds are legal persons)."""
    insured, named = set(strings(policy.data.get("insured_entities"))), set(entities)
    if not insured or not named or insured & named:
        return True
    offices = {office for e in named if (office := _head_office(index, e)) is not None}
    return bool(insured & offices)


def _head_office(index: Index, entity_id: str) -> str | None:
    entity = index.get("Entity", entity_id)
    return branch_of(entity)[0] if entity is not None else None


def included(policy: Document, cover: str) -> bool:
    """The cover is part of the policy (unless recorded as ``included: false``). Dependent
    business interruption that the coverages do not list is not part of a policy recorded
    without business-interruption cover: it extends that cover to a supplier's outage, and has
    nothing to extend (insurer market practice)."""
    if cover == DEPENDENT_BI and value_at(policy.data, "coverages", cover) is None:
        return included(policy, BUSINESS_INTERRUPTION)
    return value_at(policy.data, "coverages", cover, "included") is not False


def without_business_interruption(policy: Document) -> bool:
    """The policy is recorded without business-interruption cover and does not list dependent
    cover either: it has none (:func:`included`)."""
    return not included(policy, BUSINESS_INTERRUPTION) and (
        value_at(policy.data, "coverages", DEPENDENT_BI) is None
    )


def dependent_covers(facts: Facts, policy: Document, supplier: Document) -> bool:
    """Whether dependent business-interruption cover responds to an outage at the supplier:
    named in the policy, or within its scope (every supplier, or IT providers when it provides
    ICT) and not taken out by the policy's exclusion of infrastructure failure."""
    scope = value_at(policy.data, "dependent_bi", "scope")
    named = strings(value_at(policy.data, "dependent_bi", "named_providers"))
    if supplier.id in named:
        return True
    if excluded_infrastructure(facts, policy, supplier) is not None:
        return False
    if scope not in ("named", "it_providers"):
        return True
    return scope == "it_providers" and facts.supplier(supplier).ict


def excluded_infrastructure(facts: Facts, policy: Document, supplier: Document) -> int | None:
    """The position of the policy's exclusion of infrastructure failure (type
    infrastructure_failure) that takes out an outage at the supplier, a network carrier (every
    service network_carrier): the infrastructure exclusions of cyber wordings take out the
    failure of telecommunications networks not under our control (insurer market practice),
    as a carrier's is. None when the policy has no such exclusion, the supplier is no carrier,
    or the policy's dependent cover names it (cover the broker agreed for it)."""
    if facts.supplier(supplier).service_models != frozenset({NETWORK}):
        return None
    if supplier.id in strings(value_at(policy.data, "dependent_bi", "named_providers")):
        return None
    return next(
        (i for i, e in dicts(policy.data.get("exclusions")) if e.get("type") == _INFRASTRUCTURE),
        None,
    )


_INFRASTRUCTURE = "infrastructure_failure"


def unwritten_dependency(facts: Facts, supplier: Document) -> bool:
    """A supplier dependent business-interruption cover is not written for: a regulated bank,
    custodian or depositary serving us as its client (every service financial_service). Cyber
    insurers write dependent cover for the providers of IT services, not for the bank holding
    our accounts or our funds' assets (insurer market practice): no broker can name it. Not a
    payment institution or acquirer processing the payments of our sales (its payment gateway or
    acquiring: :func:`.delivery.processes_our_payments`): its platform's outage stops
    our checkout as a cloud provider's would, and dependent cover naming it is written (insurer
    market practice: dependent cover answers the interrupted service of a third-party provider
    our operations rely on)."""
    return facts.supplier(supplier).service_models == frozenset(
        {FINANCIAL}
    ) and not delivery.processes_our_payments(supplier)


def runs_on_our_systems(facts: Facts, supplier: Document) -> bool:
    """A vendor of software we license and run ourselves (every service licensed_software): an
    outage of its own systems stops nothing of ours, and a fault or a compromise that reaches us
    through its software (a bad or malicious update) takes down our own systems, which
    business-interruption cover answers. Dependent cover, written for the outage of a provider's
    systems that our operations rely on, has nothing to add for it (insurer market practice). So
    also where the vendor acts in our systems (support engineers with privileged rights), which
    makes its software run for us as the contract terms read it (:func:`.delivery.models_of`):
    it still runs on our systems, not the vendor's."""
    non_ict = facts.supplier(supplier).non_ict
    return delivery.service_models(supplier, non_ict=non_ict) == frozenset({LICENSED})


def insured_group_company(facts: Facts, policy: Document, supplier: Document) -> bool:
    """A company of our own group (``group_entity``) that the policy insures beside us, such as
    the group's IT service company: its systems are an insured's own, so their outage is ours,
    which business-interruption cover answers; dependent cover, written for the outage of a
    third party's systems, has nothing to add for it (insurer market practice: cyber wordings
    count the systems an insured operates as the insured's own computer system)."""
    own = group_entity_id(facts.index, supplier)
    return own is not None and insures(policy, (own,), facts.index)


OTHER = "other"
"""The control category that says nothing of what a control does: a condition naming it is met by
the controls it names (``controls``), never by every control of that category."""


def named_controls(condition: Mapping[str, Any], controls: list[Document]) -> list[Document]:
    """The controls that may meet an insurance condition: those it names under ``controls`` when
    it names any (the very list ``controls`` when it names none). INS-01, INS-02 and the
    posture report read a condition through this."""
    named = strings(condition.get("controls"))
    return [c for c in controls if str(c.id) in named] if named else controls


def rank_in_tower(facts: Facts, policy: Document) -> int:
    """Its position in the tower: 0 for a primary, 1 for the first excess layer, and so on."""
    return sum(1 for p in chain_below(facts, policy) if facts.policy(p).layer == "excess")


def insured_by(facts: Facts, policy: Document) -> set[str]:
    """The entities a policy insures: its own list, or that of the policy whose terms it has."""
    root = terms_of(facts, policy) or policy
    return set(
        strings(policy.data.get("insured_entities")) or strings(root.data.get("insured_entities"))
    )


def renewal_of(facts: Facts, policy: Document, policies: Iterable[Document]) -> Document | None:
    """A later policy in the same position of the tower (the same rank, of the same line,
    insuring at least the same entities) that starts by the day after ``policy`` ends and runs
    beyond it; an excess layer over the same period is none (INS-06, the calendar)."""
    start = as_date(value_at(policy.data, "period", "start"))
    end = as_date(value_at(policy.data, "period", "end"))
    if end is None:
        return None
    rank, line, insured = rank_in_tower(facts, policy), line_of(facts, policy), None
    for other in policies:
        begins = as_date(value_at(other.data, "period", "start"))
        ends = as_date(value_at(other.data, "period", "end"))
        if other is policy or begins is None or (start is not None and begins <= start):
            continue
        if begins > shift(end, 1) or (ends is not None and ends <= end):
            continue
        insured = insured_by(facts, policy) if insured is None else insured
        if (
            rank_in_tower(facts, other) == rank
            and line_of(facts, other) == line
            and insured <= insured_by(facts, other)
        ):
            return other
    return None


def renewed_to(facts: Facts, policy: Document) -> str | None:
    """The last day ``policy``'s position in the tower is insured (YYYY-MM-DD): its end, or
    that of the last of its recorded renewals (:func:`renewal_of`, followed from renewal to
    renewal). None where that end is not recorded. An excess layer whose term outlasts the
    policy it sits over sits over that policy's renewal once it starts (INS-03)."""
    policies = facts.index.of_kind("InsurancePolicy")
    last, seen = policy, {id(policy)}
    while (later := renewal_of(facts, last, policies)) is not None and id(later) not in seen:
        last = later
        seen.add(id(later))
    end = as_date(value_at(last.data, "period", "end"))
    return end.isoformat() if end is not None else None


def lapse_warned_from(
    facts: Facts, policy: Document, policies: Iterable[Document], within_days: int
) -> datetime.date | None:
    """The first day INS-06 warns that ``policy`` lapses: ``within_days`` before it ends, or the
    day it starts where that is later (a policy is judged while in force), as long as no renewal
    is recorded (:func:`renewal_of`). None for a policy with a renewal or no recorded end. The
    rule and the calendar's "insurance renewal due" both read it."""
    end = as_date(value_at(policy.data, "period", "end"))
    if end is None or renewal_of(facts, policy, policies) is not None:
        return None
    start = as_date(value_at(policy.data, "period", "start"))
    first = shift(end, -within_days)
    return max(first, start) if start is not None else first


def lapse_carrier(facts: Facts, policy: Document, lapsing: Iterable[Document]) -> Document:
    """The lapsing policy a lapsing layer is reported with (INS-06, the calendar): the policy
    below it, when the layer follows that policy's form and ends with it (the tower lapses as
    one)."""
    ending = list(lapsing)
    seen: set[int] = set()
    while id(policy) not in seen:
        seen.add(id(policy))
        below = facts.policy(policy).underlying
        if not facts.policy(policy).inherits_terms or below is None:
            return policy
        if not any(below is p for p in ending) or _end_of(below) != _end_of(policy):
            return policy
        policy = below
    return policy


def _end_of(policy: Document) -> datetime.date | None:
    return as_date(value_at(policy.data, "period", "end"))
