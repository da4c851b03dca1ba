"""The board's what-if review: every critical supplier down for the same number of hours, one
row each. The rows are built here once, as plain text cells, and drawn by ``impact
--all-critical --format markdown`` and by the posture report's "What if" section alike."""

from __future__ import annotations

from resilint.domain import Facts
from resilint.domain.readers import in_order, show_number
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


def critical_scenarios(facts: Facts, hours: float | None) -> list[Impact]:
    """The scenario of each supplier that is critical in effect, in the repository's order."""
    return [
        analyse(facts, Target(SUPPLIER, str(supplier.id)), hours)
        for supplier in in_order(facts.index.of_kind("Supplier"))
        if supplier.id is not None and facts.supplier(supplier).critical
    ]


def cells(impact: Impact) -> tuple[str, ...]:
    """One row of the table, as text (each format escapes it its own way)."""
    supplier = impact.suppliers[0] if impact.suppliers else None
    name = f"{impact.target.value} ({supplier.name})" if supplier and supplier.name else ""
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
    shown = [f"{words.deadline(n)} from {n.starts}: {words.whom(n)}" for n in firsts(impact)]
    quiet = not_major(impact)
    if quiet:
        shown.append(f"{NOT_STARTED} for {', '.join(quiet)}: {NOT_STARTED_WHY}")
    return "; ".join(shown) or "none"


NOT_STARTED = "no DORA clock started"
NOT_STARTED_WHY = "the outage stops no critical or important function of theirs (see the note)"
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


def not_major(impact: Impact) -> list[str]:
    """The entities under DORA with a clock in the scenario none of whose critical or important
    functions the outage stops: the supplier being down affects no critical service of theirs
    (Delegated Regulation (EU) 2024/1772 Art. 6(a)), so the table starts none of their DORA
    clocks. The scenario itself (``impact --supplier``) keeps them: it is an outage or a
    compromise, and a compromise may be a malicious access (Art. 6(c))."""
    hit = [f for f in stopped(impact) if f.critical]
    return list(
        dict.fromkeys(
            n.entity
            for n in impact.notices
            if n.regime == "dora" and not any(not f.entities or n.entity in f.entities for f in hit)
        )
    )


AUTHORITIES = ("regulator", "data_protection_authority")
"""The kinds of notice an entity owes an authority: each entity hit has its own first one."""


def firsts(impact: Impact) -> list[Notice]:
    """The first deadline of the scenario, then the first authority's clock of each other entity
    it hits, earliest first: a group whose bank (DORA, 4 hours) and manufacturer (NIS2, 24
    hours) are both hit owes both, and the first alone would hide the manufacturer's."""
    quiet = not_major(impact)
    timed = [
        n
        for n in impact.notices
        if n.deadline_hours is not None and not (n.regime == "dora" and n.entity in quiet)
    ]
    shown = timed[:1]
    entities = {n.entity for n in shown if n.kind in AUTHORITIES}
    for notice in timed[1:]:
        if notice.kind in AUTHORITIES and notice.entity and notice.entity not in entities:
            entities.add(notice.entity)
            shown.append(notice)
    return shown


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
