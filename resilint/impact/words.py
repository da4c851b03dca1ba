"""Impact values in words, the same in every output format: an outage's length against an
objective, a degraded mode, a waiting period, a contact. Plain text from the data: each
renderer escapes it for its format."""

from __future__ import annotations

import datetime

from resilint.domain.definitions import criticality_words
from resilint.domain.lifecycle import never_exercised
from resilint.domain.readers import listed, show_money, show_number
from resilint.impact.model import (
    Contact,
    Cover,
    Fallback,
    FunctionImpact,
    Impact,
    Notice,
    SupplierView,
)

COVER_NAMES = {
    "dependent_business_interruption": "dependent business interruption",
    "business_interruption": "business interruption",
}


def criticality(function: FunctionImpact) -> str:
    """The function's recorded criticality, and how the configuration counts it where that
    differs from its name (:func:`.definitions.criticality_words`)."""
    return criticality_words(function.criticality, function.critical) or "criticality not recorded"


def not_critical(supplier: SupplierView) -> str:
    """Why a supplier that critical functions name is not critical, where its record says it
    supports none (SUP-01 asks to settle it); "" otherwise."""
    if supplier.critical or not supplier.contested_functions:
        return ""
    functions = supplier.contested_functions
    which, name = ("function", "names") if len(functions) == 1 else ("functions", "name")
    return (
        "recorded as supporting no critical function (supports_critical_function: false), "
        f"though critical or important {which} {listed(list(functions))} {name} it: the "
        "records disagree and resilint goes by the supplier's (SUP-01)"
    )


def hours(value: float | None) -> str:
    return "not recorded" if value is None else f"{show_number(value)} h"


def notice(window: float | None, wording: str) -> str:
    """When a supplier must notify us: within its hours, else as its contract words it without
    hours ('without undue delay (no hours)'); '' when neither is recorded."""
    if window is not None:
        return f"within {hours(window)}"
    return f"{wording} (no hours)" if wording else ""


def money(value: float | None, currency: str) -> str:
    return show_money(value, currency)


def headline(impact: Impact) -> str:
    length = f" for {show_number(impact.hours)} hours" if impact.hours is not None else ""
    return f"{impact.target.label} down or compromised{length}, as of {impact.as_of.isoformat()}"


def objective(name: str, bound: float | None, breached: bool | None, length: float | None) -> str:
    """``RTO 8 h: breached after 24 h``."""
    if bound is None:
        return f"{name} not recorded"
    if breached is None:
        return f"{name} {hours(bound)}"
    verdict = "BREACHED" if breached else "held"
    return f"{name} {hours(bound)}: {verdict} by a {show_number(length or 0)}-hour outage"


def objectives(function: FunctionImpact, length: float | None) -> str:
    if not function.stopped:
        return f"not stopped ({function.not_stopped})"
    rto = objective("RTO", function.rto_hours, function.breaches_rto, length)
    mtpd = objective("MTPD", function.mtpd_hours, function.breaches_mtpd, length)
    if function.mtpd_bridged:
        mtpd = f"MTPD {hours(function.mtpd_hours or 0)}: {BRIDGED}"
    return f"{rto}; {mtpd}"


BRIDGED = "held by the degraded mode (running before the MTPD has passed, lasting the outage)"
"""Why an outage longer than the MTPD holds it."""


def degraded(
    fallback: Fallback | None,
    lasts: bool | None,
    unfitting: tuple[str, ...] = (),
    also: tuple[str, ...] = (),
    needed: bool = True,
) -> str:
    """``degraded mode at 45% capacity for up to 96 h, running 2 h after the outage``; where
    the function's plans are all for other outages (``unfitting``), that none fits, and them;
    the other plans that fit too (``also``). Where the function keeps running (not
    ``needed``), that no degraded mode runs, and a plan naming the supplier as ready."""
    if not needed:
        if fallback is None:
            return "no degraded mode: it keeps running"
        plans = (fallback.plan, *also)
        ready = f"plan{'s' if also else ''} {', '.join(plans)} {'are' if also else 'is'} ready"
        return f"no degraded mode while it keeps running; {ready} should it stop"
    if fallback is None and unfitting:
        return (
            "no continuity plan fits this outage (the function's plans are for other outages: "
            f"{', '.join(unfitting)})"
        )
    if fallback is None:
        return "no continuity plan"
    parts = []
    if fallback.capacity_percent is not None:
        parts.append(f"at {show_number(fallback.capacity_percent)}% capacity")
    if fallback.max_degraded_hours is not None:
        parts.append(f"for up to {hours(fallback.max_degraded_hours)}")
    if fallback.time_to_switch_hours is not None:
        parts.append(f"running {hours(fallback.time_to_switch_hours)} after the outage starts")
    text = "degraded mode " + (
        ", ".join(parts) if parts else "(capacity and duration not recorded)"
    )
    if lasts is not None:
        text += "; it lasts the outage" if lasts else "; it does NOT last the outage"
    if fallback.written_for:
        named = ", ".join(fallback.written_for)
        text += (
            f"; plan {fallback.plan} is written for an outage of {named}: check that its "
            "procedure and thresholds serve this one"
        )
    if also:
        text += f"; also fitting: {', '.join(also)}"
    return text


NOBODY = "nobody named"
"""What a card shows where a record names nobody: a fallback or a decision without an owner."""


def owner(fallback: Fallback | None, needed: bool = True) -> str:
    """Who runs the fallback; ``needed``: False where the function keeps running and no plan
    names the supplier (none is needed, not a gap)."""
    if fallback is None and not needed:
        return "none needed (it keeps running)"
    if fallback is None or not fallback.owner:
        return NOBODY
    return fallback.owner + (f" (deputy {fallback.deputy})" if fallback.deputy else "")


def decider(owner: str) -> str:
    """Who takes a decision of a joint playbook: its owner, or that nobody is named (PLB-01
    reports the gap; the card must not show a blank that reads like a line cut off)."""
    return owner or NOBODY


def exercised(function: FunctionImpact) -> str:
    parts = []
    fallback = function.fallback
    if fallback is not None and fallback.last_tested is not None:
        parts.append(plan_tested(fallback))
    own = function.last_plan_test  # another plan's own test is a test of the function too
    if own is not None and (
        fallback is None or (own.plan != fallback.plan and not _shown(fallback, own.date))
    ):
        parts.append(f"continuity plan {own.plan} tested {own.date.isoformat()}")
    if function.last_exercise is not None:
        last = function.last_exercise
        parts.append(f"last exercise {last.exercise} on {last.date.isoformat()}")
    return "; ".join(parts) or f"never exercised ({never_exercised(function.continuity_plans)})"


def _shown(fallback: Fallback, day: datetime.date) -> bool:
    """Whether the fallback's own test, by the date checked, is as recent as ``day``."""
    tested = fallback.last_tested
    return tested is not None and not fallback.after_checked and tested >= day


def plan_tested(fallback: Fallback) -> str:
    """When the plan was last tested, and by which exercise; a test dated after the date checked
    is said to be (as the report says it); past the yearly limit a critical function's plan is
    said to be overdue since the day the limit passed."""
    if fallback.last_tested is None:
        return "plan never tested"
    text = f"plan tested {fallback.last_tested.isoformat()}"
    if fallback.tested_by:
        text += f" (exercise {fallback.tested_by})"
    if fallback.after_checked:
        text += ", after the date checked"
    if fallback.overdue_since is not None:
        text += f", overdue since {fallback.overdue_since.isoformat()}"
    return text


def deadline(notice: Notice) -> str:
    return notice.deadline or "no deadline recorded"


def whom(notice: Notice) -> str:
    entity = f" ({notice.entity})" if notice.entity else ""
    return addressed(notice) + entity


def addressed(notice: Notice) -> str:
    """What is owed to whom (``early warning to CSIRT or competent authority``), without the
    entity that owes it."""
    return f"{notice.what} to {notice.to}" if notice.what != notice.to else notice.to


def security_label(value: Contact | None) -> str:
    """The row heading of the supplier's security contact: "24x7" only where the record says it
    answers round the clock; a contact recorded as not answering 24x7 says so, and one whose
    hours are not recorded is a plain security contact."""
    if value is not None and value.available_24x7 is True:
        return "24x7 security contact"
    if value is not None and value.available_24x7 is False:
        return "security contact (not 24x7)"
    return "security contact"


def contact(value: Contact | None) -> str:
    if value is None:
        return "not recorded"
    parts = [value.name, value.role, value.email, value.phone, value.channel]
    text = ", ".join(p for p in parts if p)
    return text + (" (24x7)" if value.available_24x7 else "")


def waiting(cover: Cover, length: float | None) -> str:
    if cover.waiting_period_hours is None:
        return "waiting period not recorded"
    text = f"waiting period {hours(cover.waiting_period_hours)}"
    if length is None or cover.hours_past_waiting is None:
        return text
    if cover.hours_past_waiting <= 0:
        return text + f": a {show_number(length)}-hour outage does not pass it, nothing is paid"
    return text + (
        f": a {show_number(length)}-hour outage passes it by "
        f"{show_number(cover.hours_past_waiting)} h"
    )


def lifecycle(value: str) -> str:
    """What a supplier's place in its lifecycle means for the scenario, or '' while engaged: a
    prospective supplier is not working for us yet, an exited one no longer is (what it still
    holds of ours, or a function still listing it, is what the scenario shows)."""
    return {
        "prospective": "prospective: not engaged yet, no contract in force",
        "exited": "exited: we no longer use it",
    }.get(value, "")
