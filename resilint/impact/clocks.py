"""The notice clocks an incident starts: the regulators' per entity and regime, the data
protection authority's, the insurers' per policy of the tower, and the deadlines an entity records
for its customers and others.

Regulator clocks run from our awareness of the incident (DORA's initial notification also from
its classification as major; NYDFS from determining that a cybersecurity incident occurred), not
from the supplier's compromise. A recorded clock (``reporting_clocks``) is used where it is
shorter than the law's (an internal target); one longer than the law allows gives way to the law,
with a note. The citations were checked against the texts (docs/impact.md lists them).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from resilint.domain import Facts
from resilint.domain.notice_clocks import Started, payment_entity
from resilint.domain.readers import listed, number, show_number, text_of, value_at
from resilint.domain.statutes import (
    AWARENESS,
    GDPR,
    PAYMENT_MAJOR,
    Statute,
    breach_statute,
    nis2_significance,
    statutes_of,
)
from resilint.domain.tower import terms_of
from resilint.impact.model import Notice
from resilint.model import Document

AWARENESS_NOTE = "Regulator clocks run from our awareness of the incident"
"""How the note on when the regulators' clocks start begins (:func:`awareness_note`)."""

_AWARENESS_BY_REGIME = {
    "dora": (
        "DORA's initial notification from its classification as major, at the latest 24 hours "
        "from awareness"
    ),
    "nis2": (
        "NIS2's early warning and incident notification from becoming aware of the significant "
        "incident, Art. 23(4)"
    ),
    "nydfs": "NYDFS from determining that a cybersecurity incident occurred",
}


def awareness_note(regimes: frozenset[str]) -> str:
    """When the regulators' clocks start, naming only the regimes of the repository's entities
    (a programme under NIS2 alone is told nothing of DORA's classification or of NYDFS)."""
    named = [text for regime, text in _AWARENESS_BY_REGIME.items() if regime in regimes]
    how = f" ({'; '.join(named)})" if named else ""
    return (
        f"{AWARENESS_NOTE}{how}, not from the supplier's compromise: the supplier's notice is "
        "often how we become aware."
    )


def tells_awareness(notes: tuple[str, ...]) -> bool:
    """Whether a scenario's notes say when the regulators' clocks start."""
    return any(note.startswith(AWARENESS_NOTE) for note in notes)


_INCIDENT_DEFINITION = {
    "dora": ("ICT-related incident", "DORA Art. 3(8)", "major"),
    "nis2": ("incident", "NIS2 Art. 6(6)", "significant"),
}
"""Per regime: what its law calls the incident, where it defines it, and the word for one that
must be reported (a regime with no such definition in the note, NYDFS, is cited by none)."""


def unstarted_note(
    entities: Sequence[str], stopped: Sequence[str] = (), regimes: frozenset[str] = frozenset()
) -> str:
    """Why the regulator clocks of these entities are not listed, and when they still apply:
    ``stopped`` names the critical or important functions of theirs the outage does stop (then
    what is down is no ICT-related incident of theirs: it provides no ICT services and holds
    no access to our systems). Only the definitions of ``regimes``, the regimes of these
    entities, are cited: a manufacturer under NIS2 alone is told nothing of DORA."""
    laws = [defined for regime, defined in _INCIDENT_DEFINITION.items() if regime in regimes]
    kind = " or ".join(dict.fromkeys(word for word, _, _ in laws)) or "ICT-related incident"
    cited = f" ({'; '.join(law for _, law, _ in laws)})" if laws else ""
    grave = " or ".join(dict.fromkeys(word for _, _, word in laws)) or "reportable"
    if stopped:
        why = (
            f"the outage stops {', '.join(stopped)}, but nothing that is down provides ICT "
            f"services or holds access to our systems, so it is no {kind}{cited}, and no "
            "supplier that is down can, compromised, become an incident of ours (CTR-04's reading)"
        )
    else:
        why = (
            "the outage stops no critical or important function of theirs, and no supplier "
            "that is down can, compromised, become an incident of ours (CTR-04's reading)"
        )
    return (
        f"Regulator clocks of {', '.join(entities)} are not listed: {why}. Should the incident "
        f"still prove {grave} (a malicious access to our systems, say), they apply."
    )


_UNREGULATED = {
    "regulator_early_warning_hours": ("early warning", AWARENESS),
    "regulator_initial_hours": ("initial notification", AWARENESS),
    "regulator_intermediate_hours": ("intermediate report", "the initial notification"),
    "regulator_final_days": ("final report", "the initial notification"),
}


def regulated(facts: Facts) -> bool:
    """Whether a regulator's clock can run here: an entity under a regime, or one recording a
    regulator's clock of its own (:data:`_UNREGULATED`)."""
    if facts.regimes.everywhere:
        return True
    return any(
        value_at(entity.data, "reporting_clocks", key) is not None
        for entity in facts.index.of_kind("Entity")
        for key in _UNREGULATED
    )


@dataclass(frozen=True)
class Routing:
    """Where notices go and who sends them, from the plans and playbooks involved."""

    regulator_contact: str = ""
    regulator_template: str = ""
    data_protection_contact: str = ""
    data_protection_template: str = ""
    messages: Mapping[str, str] = field(default_factory=dict)
    """The entity's prepared message for each audience of its plans (``comms_templates``), for a
    deadline of its own that names its audience (``other_clocks[].audience``)."""
    insurer_template: str = ""
    regulator_decides: str = ""
    insurer_decides: str = ""


def entity_notices(
    facts: Facts, entity: Document, started: Started, routing: Routing
) -> Iterator[Notice]:
    """The clocks of the entity the incident starts (:mod:`resilint.domain.notice_clocks`): the
    regulators' clocks of its regimes, its data protection authority's and the other deadlines
    it records (customers, card schemes...)."""
    clocks = value_at(entity.data, "reporting_clocks")
    if started.regulator:
        yield from _regulators(facts, entity, clocks, routing)
    if started.data_protection and (
        number(value_at(clocks, GDPR.recorded)) is not None
        or entity.data.get("electronic_communications_provider") is True
    ):
        # a telecom operator's 24 hours are the law's (Regulation 611/2013 Art. 2(2)), counted
        # whether or not it records them
        yield _data_protection(entity, clocks, routing)
    yield from _other_clocks(entity, clocks, started.others, routing)


def _regulators(
    facts: Facts, entity: Document, clocks: object, routing: Routing
) -> Iterator[Notice]:
    """The law's clocks of the entity's regimes, then the regulator clocks it records that no
    statute of its regimes has."""
    used: set[str] = set()
    regimes = facts.regimes.of_entities([str(entity.id)])
    country, authority = entity.data.get("country"), entity.data.get("competent_authority")
    for regime, statute in statutes_of(regimes, country, authority):
        used.add(statute.recorded)
        if regime == "nis2":
            kind = entity.data.get("nis2_entity_type")
            statute = replace(statute, condition=nis2_significance(kind))
        elif regime == "dora" and payment_entity(facts, entity):
            statute = replace(statute, condition=PAYMENT_MAJOR)
        yield replace(_regulator(entity, statute, clocks, routing), regime=regime)
    for field_name, (what, starts) in _UNREGULATED.items():
        if field_name not in used and number(value_at(clocks, field_name)) is not None:
            statute = Statute(what, "regulator", None, "", starts, "", "", field_name)
            yield _regulator(entity, statute, clocks, routing)


def _data_protection(entity: Document, clocks: object, routing: Routing) -> Notice:
    # GDPR Art. 33's notice, or the ePrivacy Directive's that Art. 95 leaves in its place
    notice = _regulator(entity, breach_statute(entity.data), clocks, routing)
    return replace(
        notice,
        kind="data_protection_authority",
        contact=routing.data_protection_contact,  # the plans' message to that authority, if any
        template=routing.data_protection_template,
    )


def _regulator(entity: Document, statute: Statute, clocks: object, routing: Routing) -> Notice:
    hours, deadline, note = _deadline(statute, clocks)
    basis = statute.basis or f"recorded on entity {entity.id} (reporting_clocks.{statute.recorded})"
    return Notice(
        kind="regulator",
        to=statute.to,
        what=statute.what,
        basis=basis,
        deadline_hours=hours,
        deadline=deadline,
        starts=statute.starts,
        entity=str(entity.id),
        document=str(entity.id),
        condition=statute.condition,
        contact=routing.regulator_contact,
        template=routing.regulator_template,
        decides=routing.regulator_decides or text_of(entity.data.get("owner")) or "",
        note=note,
        content=statute.content,
    )


def _deadline(statute: Statute, clocks: object) -> tuple[float | None, str, str]:
    """The law's deadline, or the recorded one where it is shorter (an internal target)."""
    recorded = number(value_at(clocks, statute.recorded)) if statute.recorded else None
    if recorded is None:
        return statute.hours, statute.deadline, ""
    days = statute.recorded.endswith("_days")
    shown = f"{show_number(recorded)} {'days' if days else 'hours'}"
    law = statute.hours if not days else (31.0 if statute.deadline == "one month" else None)
    if law is None or recorded <= law:
        shorter = law is not None and recorded < law and not days
        return (
            recorded * (24 if days else 1),
            shown,
            (
                f"shorter than the {statute.deadline} this law allows: an internal target, or "
                "a stricter rule for the entity's sector that the record follows"
                if shorter
                else ""
            ),
        )
    note = (
        f"the entity records {shown} (reporting_clocks.{statute.recorded}), longer than the "
        f"law allows ({statute.deadline}): correct the record"
    )
    return statute.hours, statute.deadline, note


def _other_clocks(
    entity: Document, clocks: object, started: frozenset[int], routing: Routing
) -> Iterator[Notice]:
    others = value_at(clocks, "other_clocks")
    for position, other in enumerate(others if isinstance(others, list) else []):
        hours = number(value_at(other, "hours"))
        name = text_of(value_at(other, "name")) or "reporting deadline"
        if hours is None or position not in started:
            continue
        source = text_of(value_at(other, "source"))
        yield Notice(
            kind="contractual",
            to=name,
            what=name,
            basis=source or f"recorded on entity {entity.id} (reporting_clocks.other_clocks)",
            deadline_hours=hours,
            deadline=f"{show_number(hours)} hours",
            starts=AWARENESS,
            entity=str(entity.id),
            document=str(entity.id),
            condition="",
            contact="",
            # the message its audience is prepared, where it names one: not the customers' letter
            # for a card scheme's notice
            template=routing.messages.get(text_of(value_at(other, "audience")) or "", ""),
            decides=text_of(entity.data.get("owner")) or "",
        )


def policy_notices(
    facts: Facts, policy: Document, routing: Routing, exposed: tuple[str, ...] = ()
) -> Iterator[Notice]:
    """The insurer's incident notice and claim deadline. An excess layer that follows form has
    the notice terms of the policy it sits over; the notice still goes to its own insurer, and
    a deadline the layer records of its own that differs is named, the stricter used.
    ``exposed``: the suppliers down that hold our data, where the policy can answer only a
    claim for its exposure (:func:`resilint.impact.cover.data_claim_only`): the clocks then run
    only if it is exposed, as the data protection authority's runs only if personal data is
    breached."""
    terms = terms_of(facts, policy) or policy
    notice = value_at(terms.data, "notice")
    hours = number(value_at(notice, "incident_notice_hours"))
    wording = text_of(value_at(notice, "incident_notice_wording"))
    inherited = " (the excess layer follows its form)" if terms is not policy else ""
    hours, hours_note = _own_deadline(policy, terms, "incident_notice_hours", hours, "hours")
    insurer = text_of(policy.data.get("insurer")) or f"the insurer of policy {policy.id}"
    # The notice goes to the layer's own insurer: the contact of the policy whose form it
    # follows is another insurer's, never offered in its place.
    contact = value_at(policy.data, "notice", "contact")
    if terms is not policy and not contact_text(contact):
        hours_note = _joined(hours_note, _no_own_contact(policy, terms, insurer))
    base = Notice(
        kind="insurer",
        to=insurer,
        what="incident notice",
        basis=f"notice condition of insurance policy {terms.id}{inherited}",
        deadline_hours=hours,
        deadline=f"{show_number(hours)} hours" if hours is not None else _wording(wording),
        starts="discovery of the incident",
        entity="",
        document=str(policy.id),
        condition=_if_exposed(exposed)
        + "a policy condition: late notice can put cover at risk (market practice, not law)",
        contact=contact_text(contact),
        template=routing.insurer_template,
        decides=routing.insurer_decides or text_of(policy.data.get("owner")) or "",
    )
    if hours is None and wording is None:
        yield replace(base, note=_joined(_UNSTATED, hours_note))
    else:
        yield replace(base, note=hours_note)
    days = number(value_at(notice, "claim_deadline_days"))
    days, days_note = _own_deadline(policy, terms, "claim_deadline_days", days, "days")
    if terms is not policy and not contact_text(contact):
        days_note = _joined(days_note, _no_own_contact(policy, terms, insurer))
    if days is not None:
        yield replace(
            base,
            kind="claim",
            what="claim or proof of loss",
            deadline_hours=days * 24,
            deadline=f"{show_number(days)} days",
            starts="the incident",
            condition=_if_exposed(exposed) + "a policy condition (market practice, not law)",
            note=days_note,
        )


def _if_exposed(holders: tuple[str, ...]) -> str:
    """The condition under which a policy that answers only a claim for our data's exposure is
    engaged at all ("" where its covers may answer the outage itself)."""
    if not holders:
        return ""
    holds = "holds" if len(holders) == 1 else "hold"
    return (
        f"if our data that {listed(list(holders))} {holds} is exposed (none of the policy's "
        "business-interruption covers responds to the outage itself); "
    )


def _own_deadline(
    policy: Document, terms: Document, key: str, inherited: float | None, unit: str
) -> tuple[float | None, str]:
    """The deadline of an excess layer that follows the form of ``terms`` but records one of its
    own (``notice.<key>``) that differs: the stricter of the two, with a note naming both. A
    layer following form takes the conditions of the policy below it, but its own recorded
    term may be what its wording sets; until the broker confirms which, the earlier deadline
    keeps both open. A layer recording none, or the same, takes the form's without a note."""
    own = number(value_at(policy.data, "notice", key)) if terms is not policy else None
    if own is None or own == inherited:
        return inherited, ""
    mine = f"{show_number(own)} {unit}"
    if inherited is None:
        return own, (
            f"the excess layer records {mine} of its own (notice.{key}); {terms.id}, whose form "
            "it follows, records none"
        )
    form = f"{show_number(inherited)} {unit}"
    used = min(own, inherited)
    if own < inherited:
        why = f"the layer's own {mine}, stricter, is used"
    else:
        why = f"the stricter {form} is used"
    return used, (
        f"the excess layer records {mine} of its own (notice.{key}), but {terms.id}, whose form "
        f"it follows, sets {form}: {why}; ask the broker which the layer's wording sets and "
        "correct the record"
    )


def _wording(wording: str | None) -> str:
    """The deadline a wording sets in words (none recorded: no words)."""
    words = {"immediately": "immediately", "as_soon_as_practicable": "as soon as practicable"}
    return words.get(wording or "", "")


_UNSTATED = "the policy records no notice deadline (INS-03): notify at once and read the wording"


def _no_own_contact(policy: Document, terms: Document, insurer: str) -> str:
    """The note of an excess layer following form that records no notice contact of its own:
    the one recorded on the policy whose form it follows belongs to another insurer."""
    below = text_of(terms.data.get("insurer")) or f"the insurer of policy {terms.id}"
    return (
        f"policy {policy.id} records no notice contact of its own (notice.contact): send the "
        f"notice to {insurer} at the address its policy gives, not only to {below}; whether "
        "notice to the insurer below counts for an excess layer depends on the layer's wording "
        "(market practice: notify every layer of the tower). Record the contact from its "
        "declarations"
    )


def _joined(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def contact_text(contact: object) -> str:
    """A contact in one line: name, email, phone and channel, as recorded."""
    parts = [text_of(value_at(contact, key)) for key in ("name", "email", "phone", "channel")]
    text = ", ".join(p for p in parts if p)
    return text + (" (24x7)" if value_at(contact, "available_24x7") is True and text else "")


def ordered(notices: list[Notice]) -> tuple[Notice, ...]:
    """Soonest first; then as found. An insurer's incident notice with no hours, in words
    ("immediately", "as soon as practicable") or with no deadline recorded (notify at once),
    leaves no time to wait and comes first: read top down, the list must not leave it after a
    claim due in 30 days. Deadlines counted in months come last."""
    return tuple(sorted(notices, key=_urgency))


def _urgency(notice: Notice) -> float:
    if notice.deadline_hours is not None:
        return notice.deadline_hours
    return -1.0 if notice.kind == "insurer" else 1e18
