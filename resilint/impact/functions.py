"""Each business function an outage reaches: its recovery objectives against the outage's
length, its degraded mode and who runs it, and when it was last exercised."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from resilint.domain import Facts
from resilint.domain.graph import Chain
from resilint.domain.lifecycle import (
    Completed,
    function_exercised,
    plan_own_tests,
    plan_test,
    shift,
)
from resilint.domain.readers import among, dicts, in_order, number, strings, text_of, value_at
from resilint.impact.model import (
    FUNCTION,
    REGION,
    SUPPLIER,
    Exercised,
    Fallback,
    FunctionImpact,
    PlanTested,
    Threshold,
)
from resilint.model import Document

# Threshold types that fit an outage of a supplier, a region or a dependency, most fitting first.
_FITTING = ("supplier_compromise", "supplier_outage", "cloud_region_outage", "outage")
"""The thresholds that fit an outage, in the order a plan is chosen by them."""
_FITTING_BY_KIND = {
    SUPPLIER: ("supplier_compromise", "supplier_outage", "outage"),
    REGION: ("cloud_region_outage", "outage", "supplier_outage", "supplier_compromise"),
    FUNCTION: ("outage", "cloud_region_outage", "supplier_outage", "supplier_compromise"),
}
"""For a supplier down or compromised, a cloud region down, or our own outage of a function, the
thresholds that fit it, most fitting first: a plan for a supplier's compromise is not the one
that fails a region over, and a region's failover plan (and its customer message) is not the
plan for a supplier's compromise or outage: an identity provider's compromise is not answered by
moving to another region. Between plans fitting by the same threshold, the longer degraded mode
is shown (:func:`fitting_plans`)."""


STANDBY_ONLY = (
    "the region only serves it as a standby or replica, or as one of several active regions"
)
"""Why a function a region's outage reaches is not stopped (:attr:`Reached.not_stopped`)."""
SUPPORTED_ONLY = "the supplier supports it (supported_by), but it does not rest on it"
"""Why a function that names the supplier only under ``supported_by`` is not stopped: a
security monitoring provider supports card authorisation without stopping it when down. Its
degraded mode is not shown as running, as for any function not stopped: only a plan naming that
supplier is shown, as ready."""


@dataclass(frozen=True)
class Reached:
    """A function an outage reaches, how, and whether it stops: not when the region that is
    down only serves it as a standby or replica, or as one of several regions serving it at once
    (active), nor when only its continuity plan names the supplier that is down
    (``not_stopped`` says why)."""

    function: Document
    chain: Chain
    stopped: bool = True
    not_stopped: str = STANDBY_ONLY


def function_impact(
    facts: Facts,
    reached: Reached,
    hours: float | None,
    down: frozenset[str],
    done: Completed,
    test_days: int = 365,
    kind: str = SUPPLIER,
) -> FunctionImpact:
    """``test_days``: the yearly limit on a critical function's plan test (EXR-01's
    ``max_age_days``), past which the plan's test is overdue."""
    function = reached.function
    data = function.data
    rto, mtpd = number(data.get("rto_hours")), number(data.get("mtpd_hours"))
    # not stopped, whatever the reason (only supported, only its plan names the supplier, what
    # it uses is not relied on, an onboarded alternative, a standby region): no degraded mode
    # runs, and only a plan naming a supplier that is down is shown, as ready should it stop
    keeps_running = not reached.stopped
    ranked = fitting_plans(facts, function, down, kind, named_only=keeps_running)
    plan = ranked[0] if ranked else None
    unfitting = unfitting_plans(facts, function, down, kind) if plan is None else ()
    if keeps_running:
        unfitting = ()
    critical = facts.function(function).critical
    limit = test_days if critical else None
    fallback = _fallback(facts, done, plan, limit) if plan is not None else None
    if plan is not None and fallback is not None:
        named = tuple(strings(plan.data.get("suppliers")))
        if named and not down & set(named):
            fallback = dataclasses.replace(fallback, written_for=named)
    lasts = _lasts(fallback, hours) if not keeps_running else None
    outlasted = _breaches(hours, mtpd, reached.stopped)
    bridged = bool(outlasted) and _bridges(fallback, mtpd, lasts)
    return FunctionImpact(
        id=str(function.id),
        name=text_of(data.get("name")) or "",
        criticality=text_of(data.get("criticality")) or "",
        critical=facts.function(function).critical,
        owner=text_of(data.get("owner")) or "",
        entities=facts.function(function).entities,
        via=tuple(hop.text for hop in reached.chain),
        stopped=reached.stopped,
        not_stopped="" if reached.stopped else reached.not_stopped,
        rto_hours=rto,
        rpo_hours=number(data.get("rpo_hours")),
        mtpd_hours=mtpd,
        breaches_rto=_breaches(hours, rto, reached.stopped),
        breaches_mtpd=outlasted and not bridged if outlasted is not None else None,
        fallback=fallback,
        fallback_lasts=lasts,
        last_exercise=_last_exercise(facts, function, done),
        continuity_plans=tuple(str(p.id) for p in plans_of(facts, function) if p.id is not None),
        last_plan_test=_last_plan_test(facts, function),
        mtpd_bridged=bridged,
        unfitting_plans=unfitting,
        also_fitting=tuple(str(p.id) for p in ranked[1:] if p.id is not None),
        fallback_needed=not keeps_running,
    )


def _lasts(fallback: Fallback | None, hours: float | None) -> bool | None:
    """Whether the degraded mode, sustained for ``max_degraded_hours`` from when it runs
    (``time_to_switch_hours`` after the outage starts, where recorded), reaches the outage's
    end; None where its length or the outage's is not known."""
    if fallback is None or fallback.max_degraded_hours is None or hours is None:
        return None
    return (fallback.time_to_switch_hours or 0) + fallback.max_degraded_hours >= hours


def _bridges(fallback: Fallback | None, mtpd: float | None, lasts: bool | None) -> bool:
    """Whether the degraded mode keeps an outage longer than the MTPD tolerable: it carries
    some of the work (not 0 % capacity: a halt), runs before the MTPD has passed (the time to
    switch recorded and within it, as BCM-08 asks) and lasts the outage."""
    return (
        fallback is not None
        and lasts is True
        and fallback.capacity_percent != 0
        and fallback.time_to_switch_hours is not None
        and mtpd is not None
        and fallback.time_to_switch_hours <= mtpd
    )


def _breaches(hours: float | None, bound: float | None, stopped: bool) -> bool | None:
    """An outage of ``hours`` breaches an objective it outlasts: a function that must run again
    within 8 hours does so after an outage of exactly 8."""
    if hours is None or bound is None:
        return None
    return stopped and hours > bound


def plans_of(facts: Facts, function: Document) -> list[Document]:
    return in_order(facts.index.having("ContinuityPlan", "function", str(function.id)))


def choose_plan(
    facts: Facts, function: Document, down: frozenset[str], target: str = SUPPLIER
) -> Document | None:
    """The function's plan for this outage, the first of :func:`fitting_plans`; None where
    every plan of the function is for another kind of outage: a region's failover plan is not
    shown as the fallback of a supplier's compromise (:func:`unfitting_plans` names them)."""
    ranked = fitting_plans(facts, function, down, target)
    return ranked[0] if ranked else None


def fitting_plans(
    facts: Facts,
    function: Document,
    down: frozenset[str],
    target: str = SUPPLIER,
    named_only: bool = False,
) -> list[Document]:
    """The function's plans that fit this outage, best first: those naming a supplier that is
    down, then those with a threshold that fits an outage of this kind of target (a region's
    outage a plan for a region outage first), then those recording no threshold (nothing says
    they do not fit); for our own outage of a function, whose cause is not given, then the
    rest. Among plans that fit alike, the one whose degraded mode lasts longest (then runs
    soonest) first, the first in file order on a tie. ``named_only``: only plans naming a
    supplier that is down."""
    kinds = _FITTING_BY_KIND.get(target, _FITTING)
    ranked = []
    for order, plan in enumerate(plans_of(facts, function)):
        types = _threshold_types(plan)
        if down & set(strings(plan.data.get("suppliers"))):
            tier = 0
        elif named_only:
            continue
        elif fits := [i for i, kind in enumerate(kinds, 1) if kind in types]:
            tier = min(fits)
        elif not types:
            tier = len(kinds) + 1
        elif target == FUNCTION:
            tier = len(kinds) + 2
        else:
            continue
        procedure = value_at(plan.data, "manual_procedure")
        lasts = number(value_at(procedure, "max_degraded_hours"))
        switch = number(value_at(procedure, "time_to_switch_hours"))
        key = (
            tier,
            -lasts if lasts is not None else float("inf"),
            switch if switch is not None else float("inf"),
            order,
        )
        ranked.append((key, plan))
    return [plan for _, plan in sorted(ranked, key=lambda pair: pair[0])]


def plan_fits(
    plan: Document,
    down: frozenset[str],
    target: str = SUPPLIER,
    running: frozenset[str] = frozenset(),
) -> bool:
    """Whether the plan may answer this outage: it names a supplier that is down, records a
    threshold that fits this kind of outage or none at all, or the outage is our own (its cause
    not given); never the plan of a function the outage does not stop (``running``: their ids),
    whatever the plan names or is for. Its prepared messages are offered for the outage only
    then (an authority's or an insurer's from any plan after them)."""
    if among(plan.data.get("function"), running):
        return False
    types = _threshold_types(plan)
    return (
        target == FUNCTION
        or not types
        or bool(down & set(strings(plan.data.get("suppliers"))))
        or bool(types & set(_FITTING_BY_KIND.get(target, _FITTING)))
    )


def unfitting_plans(
    facts: Facts, function: Document, down: frozenset[str], target: str = SUPPLIER
) -> tuple[str, ...]:
    """The function's plans that do not fit the outage, each with what it is for:
    "plan-region (for cloud_region_outage)"."""
    return tuple(
        f"{plan.id} (for {', '.join(sorted(_threshold_types(plan)))})"
        for plan in plans_of(facts, function)
        if plan.id is not None and not plan_fits(plan, down, target)
    )


def _threshold_types(plan: Document) -> set[str]:
    return {
        kind
        for _, t in dicts(plan.data.get("activation_thresholds"))
        if isinstance(kind := t.get("type"), str)
    }


def _fallback(facts: Facts, done: Completed, plan: Document, limit: int | None) -> Fallback:
    """The plan as the degraded mode; ``limit``: the days its test stays current (None: the
    function is not critical, no limit applies)."""
    procedure = value_at(plan.data, "manual_procedure")
    named = done.last("continuity_plans", str(plan.id)) if plan.id is not None else None
    test = plan_test(plan, named, facts.as_of)
    due = shift(test[0], limit) if test is not None and limit is not None else None
    return Fallback(
        plan=str(plan.id),
        owner=text_of(plan.data.get("owner")) or "",
        deputy=text_of(plan.data.get("deputy")) or "",
        description=text_of(value_at(procedure, "description")) or "",
        reference=text_of(value_at(procedure, "reference"))
        or text_of(plan.data.get("reference"))
        or "",
        capacity_percent=number(value_at(procedure, "capacity_percent")),
        max_degraded_hours=number(value_at(procedure, "max_degraded_hours")),
        time_to_switch_hours=number(value_at(procedure, "time_to_switch_hours")),
        thresholds=tuple(
            Threshold(text_of(t.get("type")) or "", text_of(t.get("description")) or "")
            for _, t in dicts(plan.data.get("activation_thresholds"))
        ),
        last_tested=test[0] if test is not None else None,
        tested_by=str(test[1].id) if test is not None and test[1] is not plan else "",
        overdue_since=due if due is not None and due < facts.as_of else None,
        after_checked=test is not None and test[0] > facts.as_of,
    )


def _last_plan_test(facts: Facts, function: Document) -> PlanTested | None:
    """The latest test a continuity plan of the function records itself (:func:`plan_own_tests`,
    the first plan on a tie)."""
    found = [f for f in plan_own_tests(plans_of(facts, function), facts.as_of) if f[1].id]
    if not found:
        return None
    day, plan = max(found, key=lambda pair: pair[0])
    return PlanTested(str(plan.id), day)


def _last_exercise(facts: Facts, function: Document, done: Completed) -> Exercised | None:
    """The latest completed exercise listing the function, or naming one of its continuity
    plans (:func:`function_exercised`)."""
    found = function_exercised(done, str(function.id), plans_of(facts, function))
    return Exercised(str(found[1].id), found[0]) if found is not None else None
