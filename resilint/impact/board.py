"""The board's what-if review: every critical supplier down for the same number of hours, one
row each. The rows are built here once, as plain text cells, and drawn by ``impact
--all-critical --format markdown`` and by the posture report's "What if" section alike."""

from __future__ import annotations

from collections.abc import Sequence

from resilint.domain import Facts
from resilint.domain.readers import in_order, show_number
from resilint.domain.statutes import OWN_BREACH
from resilint.impact import words
from resilint.impact.model import SUPPLIER, FunctionImpact, Impact, Notice, Target
from resilint.impact.scenario import analyse

HEAD = (
    "supplier",
    "functions hit",
    "RTO breached",
    "MTPD breached",
    "fallback falls short",
    "first deadlines",  # the scenario's, then each other entity's first clock
    "identities (slowest)",
    "dependent BI",
)


NOT_JUDGED = "not judged (no --hours)"
"""The RTO and MTPD cells of a table drawn without an outage length: no objective is breached or
kept by an outage of no stated length."""


def length_words(hours: float | None) -> str:
    """The outage length every row assumes, in words, for each format to state."""
    if hours is None:
        return (
            "not given (--hours N), so none is assumed: no RTO or MTPD is judged breached and "
            "no degraded mode too short; a missing continuity plan still shows"
        )
    return f"{show_number(hours)} hours"


def critical_scenarios(facts: Facts, hours: float | None, test_days: int = 365) -> list[Impact]:
    """The scenario of each supplier that is critical in effect, in the repository's order."""
    return [
        analyse(facts, Target(SUPPLIER, str(supplier.id)), hours, test_days)
        for supplier in in_order(facts.index.of_kind("Supplier"))
        if supplier.id is not None and facts.supplier(supplier).critical
    ]


def cells(impact: Impact) -> tuple[str, ...]:
    """One row of the table, as text (each format escapes it its own way)."""
    supplier = impact.suppliers[0] if impact.suppliers else None
    # a prospective supplier is critical by its record, but nothing of ours runs on it yet:
    # its row says so, or "none" across it would read as an outage that harms nothing
    status = words.lifecycle(supplier.lifecycle) if supplier else ""
    label = "; ".join(part for part in (supplier.name if supplier else "", status) if part)
    name = f"{impact.target.value} ({label})" if label else ""
    functions = stopped(impact)
    minutes = [i.time_to_disable_minutes for i in impact.identities]
    known = [m for m in minutes if m is not None]
    slowest = f"{len(minutes)} ({max(known)} min)" if known else str(len(minutes))
    judged = "none" if impact.hours is not None else NOT_JUDGED
    return (
        name or impact.target.value,
        ", ".join(_named(f) for f in functions) or "none",
        ", ".join(_named(f) for f in functions if f.breaches_rto) or judged,
        ", ".join(_named(f) for f in functions if f.breaches_mtpd) or judged,
        ", ".join(_named(f) for f in functions if _falls_short(f)) or "none",
        _deadlines(impact),
        slowest,
        "; ".join(
            f"{p.policy}: {c.responds} after {words.hours(c.waiting_period_hours)}"
            for p in impact.insurance
            for c in p.covers
            if c.cover.startswith("dependent")
        )
        or "none",
    )


def _deadlines(impact: Impact) -> str:
    shown = [
        f"{words.deadline(n)} from {n.starts}: {words.addressed(n)}{entities_of(who)}"
        for n, who in owed(impact)
    ]
    shown += [
        f"{QUIET[regime][0]} for {', '.join(who)}: {QUIET[regime][1]}"
        for regime, who in unstarted(impact).items()
    ]
    return "; ".join(shown) or "none"


NOT_STARTED = "no DORA clock started"
NOT_STARTED_WHY = "the outage stops no critical or important function of theirs (see the note)"
MAY_BE_NOTIFIABLE = "may be notifiable: assess"
MAJOR_NOTE = (
    "An outage that stops no critical or important function of an entity under DORA starts "
    "none of its DORA clocks in this review: an incident must be reported only when it is "
    "major (DORA Art. 19(1)), and under Commission Delegated Regulation (EU) 2024/1772 Art. "
    "8(1) it is major only where it has affected critical services and meets the data-loss "
    "threshold of its Art. 9(5)(b) or two or more of the other thresholds of its Art. 9(1) to "
    "(6). Critical services are affected where the incident affects ICT services or systems "
    "supporting a critical or important function, or a financial service that needs "
    "authorisation or registration, or is a successful, malicious and unauthorised access to "
    "our network and information systems (its Art. 6). Should the outage prove to be one of "
    "these, the initial notification is due within 4 hours of classifying it as major, and at "
    "the latest 24 hours from awareness (Commission Delegated Regulation (EU) 2025/301 Art. "
    "5(1)(a))."
)
"""Said once under the table where a row shows :data:`NOT_STARTED`."""
SIGNIFICANT_NOTE = (
    "An outage that stops no critical or important function of an entity under NIS2 starts no "
    "NIS2 clock in this review, but may still be notifiable: an incident is significant where "
    "it has caused or is capable of causing severe operational disruption of the services or "
    "financial loss for the entity, or has affected or is capable of affecting others by "
    "causing considerable material or non-material damage (Directive (EU) 2022/2555 Art. "
    "23(3); for the kinds of entity Commission Implementing Regulation (EU) 2024/2690 binds, "
    "as its Art. 3 specifies it). That is the entity's to assess: a loss or damage to others "
    "the review cannot see from what stops. Should it be significant, the early warning is due "
    "within 24 hours and the incident notification within 72 hours of becoming aware of it "
    "(Art. 23(4)(a) and (b))."
)
"""Said once under the table where a row shows an entity under NIS2 whose clocks it leaves to
be assessed: the law's test is one of judgement (severe disruption, financial loss, damage to
others), which an outage stopping nothing critical or important may still meet."""
NYDFS_NOTE = (
    "An outage that stops no critical or important function of an entity under NYDFS starts no "
    "NYDFS clock in this review, but may still be notifiable: the superintendent must be told "
    "within 72 hours of determining that a cybersecurity incident has occurred (23 NYCRR "
    "500.17(a)(1)), and a cybersecurity incident is an act or attempt to gain unauthorised "
    "access to, disrupt or misuse an information system (a cybersecurity event) that requires "
    "notice to another government or supervisory body, has a reasonable likelihood of "
    "materially harming any material part of the entity's normal operations, or deploys "
    "ransomware within a material part of its information systems (23 NYCRR 500.1). An outage "
    "with no such act behind it is none; one with it is the entity's to assess."
)
"""Said once under the table where a row shows an entity under NYDFS whose clock it leaves to
be assessed."""
DATA_PROTECTION = "data_protection"
"""The :data:`QUIET` key of a data protection clock an outage that stops no critical or important
function of the entity leaves to be assessed: what is down may hold the entity's personal data."""
NO_PERSONAL_DATA = "data_protection_none"
"""The :data:`QUIET` key of one it does not start: no personal data is recorded with what is
down."""
OWN_DATA_PROTECTION = "data_protection_own"
"""As :data:`DATA_PROTECTION`, for an entity established outside the EEA and the United Kingdom."""
OWN_NO_PERSONAL_DATA = "data_protection_own_none"
"""As :data:`NO_PERSONAL_DATA`, for an entity established outside the EEA and the United Kingdom."""
QUIET = {
    "dora": (NOT_STARTED, NOT_STARTED_WHY),
    "nis2": (
        "NIS2 clocks not started",
        f"{MAY_BE_NOTIFIABLE} (the outage stops no critical or important function of theirs; "
        "see the note)",
    ),
    "nydfs": (
        "NYDFS clock not started",
        f"{MAY_BE_NOTIFIABLE} (the outage stops no critical or important function of theirs; "
        "see the note)",
    ),
    DATA_PROTECTION: (
        "data protection clock not started",
        f"{MAY_BE_NOTIFIABLE} (the supplier may hold their personal data, which its outage "
        "makes unavailable, but the outage stops no critical or important function of theirs; "
        "see the note)",
    ),
    NO_PERSONAL_DATA: (
        "no data protection clock started",
        "none of their personal data is recorded with the supplier, and the outage stops no "
        "critical or important function of theirs (see the note)",
    ),
}
QUIET[OWN_DATA_PROTECTION] = QUIET[DATA_PROTECTION]  # the same row: only the note differs
QUIET[OWN_NO_PERSONAL_DATA] = QUIET[NO_PERSONAL_DATA]
"""For each regime whose clocks an outage that stops no critical or important function of an
entity does not start, and for its data protection clock: what the row says, and why. DORA's
test is met only through a critical service (no clock); NIS2's and NYDFS's are the entity's
judgement (assess); the data protection authority's is the entity's judgement where what is down
may hold its personal data (assess), and no clock where none is recorded with it: an outage of a
supplier with access to our systems alone makes none of our personal data unavailable."""
PERSONAL_DATA_NOTE = (
    "An outage is a personal data breach only where a breach of security leads to the loss of "
    "personal data, its availability included (GDPR Art. 4(12); a temporary loss of "
    "availability counts too: EDPB Guidelines 9/2022 on personal data breach notification), "
    "and such a breach must be notified to the supervisory authority within 72 hours of "
    "becoming aware of it unless it is unlikely to result in a risk to people's rights and "
    "freedoms (GDPR Art. 33(1)); notified or not, it is documented (Art. 33(5)). A row whose "
    "outage stops no critical or important function of an entity starts no data protection "
    "clock of it in this review. Where the supplier may hold the entity's personal data, "
    "whether their unavailability risks people's rights is the entity's to assess: the review "
    "cannot see who is kept from what. Where none is recorded with it (personal_data: false, "
    "or data recorded as neither confidential nor restricted, with access to our systems at "
    "most), its outage makes none unavailable; a compromise of its access still may breach our "
    "data, and the supplier's own scenario (resilint impact --supplier ID) lists that clock. "
    "Record personal_data: true on a supplier that does hold some."
)
"""Said once under the table where a row shows a data protection clock not started."""
OWN_PERSONAL_DATA_NOTE = (
    "Whether an outage that makes personal data unavailable is a breach to notify is for the "
    "breach notification laws of an entity established outside the EEA and the United Kingdom "
    "to say: the deadline it records (reporting_clocks.data_protection_authority_hours) is its "
    "own reading of them, and resilint names no article of them. A row whose outage stops no "
    "critical or important function of such an entity starts no data protection clock of it in "
    "this review. Where the supplier may hold the entity's personal data, whether the outage is "
    "a breach its laws ask notified is the entity's to assess. Where none is recorded with it "
    "(personal_data: false, or data recorded as neither confidential nor restricted, with access "
    "to our systems at most), its outage makes none unavailable; a compromise of its access "
    "still may breach our data, and the supplier's own scenario (resilint impact --supplier ID) "
    "lists that clock. Record personal_data: true on a supplier that does hold some."
)
"""Said instead where each such row is of an entity established outside the EEA and the UK
(:data:`.statutes.OWN_BREACH`): the deadline it records is its own reading of its laws."""
NOTES = {
    "dora": MAJOR_NOTE,
    "nis2": SIGNIFICANT_NOTE,
    "nydfs": NYDFS_NOTE,
    DATA_PROTECTION: PERSONAL_DATA_NOTE,
    NO_PERSONAL_DATA: PERSONAL_DATA_NOTE,
    OWN_DATA_PROTECTION: OWN_PERSONAL_DATA_NOTE,
    OWN_NO_PERSONAL_DATA: OWN_PERSONAL_DATA_NOTE,
}


def unstarted(impact: Impact) -> dict[str, list[str]]:
    """By regime (in :data:`QUIET`'s order), the entities with a clock of it in the scenario
    none of whose critical or important functions the outage stops, so the table starts none
    of those clocks. Under DORA the outage affects no critical service of theirs (Delegated
    Regulation (EU) 2024/1772 Art. 6(a)): no major incident. Under NIS2 (Art. 23(3)) and
    NYDFS (23 NYCRR 500.1, 500.17(a)(1)) the test is one of judgement the row leaves to the
    entity. The scenario itself (``impact --supplier``) keeps them all: it is an outage or a
    compromise, and a compromise may be a malicious access (Art. 6(c))."""
    hit = [f for f in stopped(impact) if f.critical]
    found: dict[str, dict[str, None]] = {}
    for notice in impact.notices:
        key = _quiet_key(impact, notice)
        if key and not any(not f.entities or notice.entity in f.entities for f in hit):
            found.setdefault(key, {})[notice.entity] = None
    return {key: list(found[key]) for key in QUIET if key in found}


def _quiet_key(impact: Impact, notice: Notice) -> str:
    """The :data:`QUIET` key of a notice the row leaves unstarted where the outage stops no
    critical or important function of its entity ("" for one it always keeps: an insurer's,
    a recorded clock). The data protection authority's: to assess where what is down may hold
    our personal data (its outage can make it unavailable, GDPR Art. 4(12)), none where it keeps
    none (its compromise alone can breach it: the supplier's own scenario keeps the clock)."""
    if notice.kind == "data_protection_authority" and notice.to == OWN_BREACH.to:
        return OWN_DATA_PROTECTION if impact.personal_data_down else OWN_NO_PERSONAL_DATA
    if notice.kind == "data_protection_authority":
        return DATA_PROTECTION if impact.personal_data_down else NO_PERSONAL_DATA
    return notice.regime if notice.regime in QUIET else ""


def not_major(impact: Impact) -> list[str]:
    """The entities under DORA whose clocks the row does not start (:func:`unstarted`)."""
    return unstarted(impact).get("dora", [])


def notes(impacts: Sequence[Impact]) -> list[str]:
    """The notes under the table: one for each regime a row leaves a clock of unstarted."""
    quiet = {regime for impact in impacts for regime in unstarted(impact)}
    return list(dict.fromkeys(NOTES[regime] for regime in QUIET if regime in quiet))


AUTHORITIES = ("regulator", "data_protection_authority")
"""The kinds of notice an entity owes an authority: each entity hit has its own first one."""


def firsts(impact: Impact) -> list[Notice]:
    """The first deadline of the scenario, then the first authority's clock of each other entity
    it hits, earliest first: a group whose bank (DORA, 4 hours) and manufacturer (NIS2, 24
    hours) are both hit owes both, and the first alone would hide the manufacturer's."""
    quiet = unstarted(impact)
    timed = [
        n
        for n in impact.notices
        if n.deadline_hours is not None and n.entity not in quiet.get(_quiet_key(impact, n), ())
    ]
    shown = timed[:1]
    entities = {n.entity for n in shown if n.kind in AUTHORITIES}
    for notice in timed[1:]:
        if notice.kind in AUTHORITIES and notice.entity and notice.entity not in entities:
            entities.add(notice.entity)
            shown.append(notice)
    return shown


def owed(impact: Impact) -> list[tuple[Notice, list[str]]]:
    """:func:`firsts`, a clock several entities owe alike (the same deadline, from the same
    event, the same notice to the same body) once, with every entity that owes it: the early
    warning both NIS2 companies of a group owe is one deadline to a reader, not two."""
    owing: dict[tuple[str, str, str], tuple[Notice, list[str]]] = {}
    for notice in firsts(impact):
        key = (words.deadline(notice), notice.starts, words.addressed(notice))
        _, entities = owing.setdefault(key, (notice, []))
        if notice.entity and notice.entity not in entities:
            entities.append(notice.entity)
    return list(owing.values())


def entities_of(entities: list[str]) -> str:
    """`` (a, b)`` after a clock the entities owe, or nothing."""
    return f" ({', '.join(entities)})" if entities else ""


def stopped(impact: Impact) -> list[FunctionImpact]:
    """The functions the outage stops: not those it only reaches through a continuity plan that
    covers the supplier's failure, a standby region or an onboarded alternative (listed in the
    scenario, but not hit)."""
    return [f for f in impact.functions if f.stopped]


NOT_CRITICAL = " (not critical)"
"""After a function that is not critical or important, wherever the table names it: the table
is read as the critical functions' (the posture report's section says so), so a function it
names besides them says it is not one."""


def _named(function: FunctionImpact) -> str:
    return function.id + ("" if function.critical else NOT_CRITICAL)


def _falls_short(function: FunctionImpact) -> bool:
    """A degraded mode that does not last the outage; or none, for a critical or important
    function (BCM-07 asks a continuity plan of those only)."""
    if function.fallback is None:
        return function.critical
    return function.fallback_lasts is False
