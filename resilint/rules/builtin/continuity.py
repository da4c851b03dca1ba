"""Python checks of the continuity rules (rules/continuity.yaml holds their documentation).

BCM-03 compares each supplier service a critical function relies on with the function's recovery
time objective and its plans' degraded mode; BCM-05 looks for suppliers we rely on that no
function reaches through the dependency graph; BCM-09 judges each backup control's own restore
test, which BCM-06 (any passing test for the function) cannot see. The other continuity rules
are declarative.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from resilint.domain.facts import SupplierFacts
from resilint.domain.lifecycle import ENGAGED, shift
from resilint.domain.readers import (
    as_date,
    dicts,
    listed,
    number,
    point_at,
    show_number,
    strings,
    text_of,
    value_at,
)
from resilint.findings import Finding, Level, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def _label(function: Document) -> str:
    """``critical function order-processing``: says why the rule cares about the function."""
    return f"{text_of(function.data.get('criticality')) or 'critical'} function {function.id}"


# -- BCM-03 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fallback:
    """The longest degraded mode any plan of a function sustains (None: no plan says)."""

    hours: float | None
    plan: Document | None


def _fallback(context: RuleContext, function: Document) -> _Fallback:
    best = _Fallback(None, None)
    for plan in context.index.having("ContinuityPlan", "function", str(function.id)):
        procedure = plan.data.get("manual_procedure")
        hours = number(procedure.get("max_degraded_hours")) if isinstance(procedure, dict) else None
        if hours is not None and (best.hours is None or hours > best.hours):
            best = _Fallback(hours, plan)
    return best


def check_supplier_rto_fits(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-03: each supplier service a critical function depends on recovers within the
    function's RTO, or the function's degraded mode lasts until the supplier has recovered.
    Service-level recovery times live on the function's own service entries, so this reads
    those edges of the dependency graph. A service with no contracted recovery time is judged
    once, over every function that relies on it (:func:`_unknown_recovery`)."""
    unknown: dict[tuple[str, int], list[_Reliance]] = {}
    for function in context.facts.critical_functions():
        rto = number(function.data.get("rto_hours"))
        if rto is None or function.id is None:
            continue  # BCM-01 reports the missing RTO
        fallback = _fallback(context, function)
        depends = function.data.get("depends_on")
        entries = depends.get("services") if isinstance(depends, dict) else None
        for position, entry in dicts(entries):
            reliance = _Reliance(function, rto, fallback, position)
            found = _service_gap(context, info, reliance, entry, unknown)
            if found is not None:
                yield found
    for (supplier_id, index), relying in unknown.items():
        supplier = context.index.get("Supplier", supplier_id)
        if supplier is not None:
            yield from _unknown_recovery(context, info, supplier, index, relying)


@dataclass(frozen=True)
class _Reliance:
    """A critical function relying on a supplier service, with what bridges an outage."""

    function: Document
    rto: float
    fallback: _Fallback
    position: int
    """Of the service entry in the function's depends_on.services."""

    @property
    def mtpd(self) -> float | None:
        return number(self.function.data.get("mtpd_hours"))

    @property
    def bridged(self) -> bool:
        """Its degraded mode lasts until the outage would be intolerable anyway (the MTPD): it
        survives any supplier outage it can bear, whatever the supplier's recovery time."""
        hours, mtpd = self.fallback.hours, self.mtpd
        return hours is not None and mtpd is not None and hours >= mtpd

    @property
    def short(self) -> bool:
        """A real gap: no degraded mode at all, or one that ends before the MTPD."""
        return self.fallback.hours is None or (self.mtpd is not None and not self.bridged)


def _service(supplier: Document, name: Any) -> tuple[int, dict[str, Any]] | None:
    for position, service in dicts(supplier.data.get("services")):
        if service.get("name") == name:
            return position, service
    return None


def _service_gap(
    context: RuleContext,
    info: RuleInfo,
    reliance: _Reliance,
    entry: dict[str, Any],
    unknown: dict[tuple[str, int], list[_Reliance]],
) -> Finding | None:
    function = reliance.function
    supplier_id, name = entry.get("supplier"), entry.get("service")
    supplier = context.index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
    if supplier is None or supplier.id is None or not isinstance(name, str):
        return None  # an unknown supplier is a reference error; a malformed entry a schema one
    if context.facts.supplier(supplier).lifecycle != ENGAGED:
        return None  # a prospective or exited supplier's service is not what we run on
    at = ("depends_on", "services", reliance.position)
    found = _service(supplier, name)
    if found is None:
        message = (
            f"{_label(function)} depends on service '{name}' of supplier {supplier.id}, but "
            f"supplier {supplier.id} lists no service of that name, so its recovery time is "
            "unknown: correct the service name or add the service to the supplier"
        )
        place = context.related(supplier, point_at(supplier.data, "services"), supplier.label)
        return context.finding(info, function, at, message, (place,))
    index, service = found
    supplier_rto = number(service.get("contracted_rto_hours"))
    if supplier_rto is None:
        unknown.setdefault((supplier.id, index), []).append(reliance)
        return None
    fallback = reliance.fallback
    if supplier_rto <= reliance.rto or (
        fallback.hours is not None and fallback.hours >= supplier_rto
    ):
        return None  # fast enough, or the manual procedure bridges the supplier's recovery
    path = point_at(supplier.data, "services", index, "contracted_rto_hours")
    related = [context.related(supplier, path, f"service {name} of {supplier.label}")]
    if fallback.plan is not None:
        at_plan = ("manual_procedure", "max_degraded_hours")
        related.append(
            context.related(fallback.plan, at_plan, f"manual procedure of {fallback.plan.label}")
        )
    message = _rto_message(reliance, supplier, name, supplier_rto)
    return context.finding(info, function, at, message, tuple(related))


def _rto_message(reliance: _Reliance, supplier: Document, name: str, supplier_rto: float) -> str:
    rto, fallback = reliance.rto, reliance.fallback
    need = f"{_label(reliance.function)} must recover within {show_number(rto)} hours, but "
    takes = show_number(supplier_rto)
    message = need + f"supplier {supplier.id} has {takes} hours to restore service '{name}'"
    if fallback.plan is None or fallback.hours is None:
        return message + (
            ", and no continuity plan for the function says how long its manual procedure can "
            f"run: negotiate a recovery time of at most {show_number(rto)} hours, or record a "
            "manual procedure (max_degraded_hours) that lasts until the supplier has recovered"
        )
    return message + (
        f", and the manual procedure of continuity plan {fallback.plan.id} lasts only "
        f"{show_number(fallback.hours)} hours: negotiate a recovery time of at most "
        f"{show_number(rto)} hours, or extend the manual procedure to {takes} hours"
    )


def _unknown_recovery(
    context: RuleContext, info: RuleInfo, supplier: Document, index: int, relying: list[_Reliance]
) -> Iterator[Finding]:
    """One finding for a service without a contracted recovery time, at the service, naming the
    functions its outage could outlast: an error where a function's degraded mode is missing or
    ends before its MTPD; a warning where a function records no MTPD, so nobody can tell (BCM-01
    reports that). Nothing where every function's degraded mode reaches its MTPD."""
    open_ = [r for r in relying if not r.bridged]
    if not open_:
        return
    short = [r for r in open_ if r.short]
    name = text_of(value_at(supplier.data, "services", index, "name"))
    message = (
        f"supplier {supplier.id} has no contracted recovery time (contracted_rto_hours) for "
        f"service '{name}', and {_outlasts(open_)}: negotiate a recovery time within "
        f"{'their' if len(open_) > 1 else 'its'} RTO (at most "
        f"{show_number(min(r.rto for r in open_))} hours) and record it on the service, or "
        "extend the manual procedure until the outage would be intolerable anyway (the MTPD)"
    )
    related = tuple(_reliance_place(context, r) for r in open_)
    level = info.level if short else Level.WARNING
    at = ("services", index)
    yield context.finding(info, supplier, at, message, related, level=level)


def _outlasts(open_: list[_Reliance]) -> str:
    parts = []
    for r in open_:
        what = _label(r.function)
        if r.fallback.hours is None or r.fallback.plan is None:
            parts.append(f"{what} has no degraded mode to carry it (no max_degraded_hours)")
        elif r.mtpd is None:
            parts.append(
                f"{what} records no MTPD to judge its {show_number(r.fallback.hours)}-hour "
                "degraded mode against"
            )
        else:
            parts.append(
                f"the degraded mode of {what} ({r.fallback.plan.id}) lasts "
                f"{show_number(r.fallback.hours)} hours, less than its MTPD of "
                f"{show_number(r.mtpd)}"
            )
    return "; ".join(parts)


def _reliance_place(context: RuleContext, reliance: _Reliance) -> Related:
    at = ("depends_on", "services", reliance.position)
    return context.related(reliance.function, at, f"{_label(reliance.function)} relies on it")


# -- BCM-05 ---------------------------------------------------------------------------------


def check_relied_on_supplier_mapped(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-05: a supplier we rely on (recorded as supporting a critical function, or recorded
    tier 1 for no reason but reliance) that no business function reaches through the dependency
    graph, directly, as a subcontractor or through a shared dependency, and that no continuity
    plan covers."""
    mapped = _mapped_suppliers(context)
    for supplier in context.index.of_kind("Supplier"):
        facts = context.facts.supplier(supplier)
        relied_on = facts.supports_critical or (
            facts.declared_tier == 1 and not _tiered_by_exposure(facts)
        )
        if not relied_on or supplier.id is None or supplier.id in mapped:
            continue
        if facts.lifecycle != ENGAGED:
            continue
        yield context.finding(info, supplier, ("id",), _unmapped_message(supplier, facts.reasons))


def _tiered_by_exposure(facts: SupplierFacts) -> bool:
    """Restricted data or privileged access make a supplier tier 1 by themselves (the domain
    model's criticality), so a recorded tier 1 then says nothing about reliance: a law firm
    holding our breach files is tier 1 without any function resting on it."""
    return facts.data_sensitivity == "restricted" or facts.access_level == "privileged"


def _mapped_suppliers(context: RuleContext) -> set[str]:
    """Suppliers some function rests on (the graph) or some continuity plan covers."""
    mapped: set[str] = set()
    for function in context.index.of_kind("BusinessFunction"):
        mapped.update(context.facts.function(function).suppliers)
    for plan in context.index.of_kind("ContinuityPlan"):
        mapped.update(strings(plan.data.get("suppliers")))
    return mapped


def _unmapped_message(supplier: Document, reasons: tuple[str, ...]) -> str:
    why = f" ({'; '.join(reasons)})" if reasons else ""
    return (
        f"supplier {supplier.id} is one we rely on{why}, but no business function depends on "
        "it, directly, through another supplier or through a shared dependency, and no "
        "continuity plan covers its failure: add it to the depends_on of the functions that "
        "rely on it (or to the suppliers of the plan that covers it), or review its tier"
    )


# -- BCM-09 ---------------------------------------------------------------------------------
_BACKUPS = {
    "backup_immutable": "immutable backup",
    "backup_offline": "offline backup",
    "backup_restore_test": "restore testing",
}


def check_each_backup_restores(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-09: each backup control behind a critical function restores on its own. A failed
    latest restore test is reported whatever other controls show; a test older than the limit
    only where another control's passing test is what keeps BCM-06 from reporting it."""
    critical = {str(f.id): f for f in context.facts.critical_functions() if f.id is not None}
    limit = number(context.params.get("restore_test_max_age_days")) or 365.0
    backups = [c for c in context.index.of_kind("Control") if _is_backup(c)]
    failed: dict[tuple[datetime.date, tuple[str, ...]], list[Document]] = {}
    for control in backups:
        covered = _covers(control, critical)
        test = value_at(control.data, "last_restore_test")
        day = as_date(value_at(test, "date"))
        if not covered or day is None:
            continue
        if value_at(test, "result") == "fail":
            failed.setdefault((day, tuple(covered)), []).append(control)
            continue
        others = _others(context, backups, control, critical, limit)
        if day < shift(context.as_of, -int(limit)) and all(
            any(f in _covers(c, critical) for c in others) for f in covered
        ):
            yield _stale(context, info, control, day, covered, others, limit)
    for (day, functions), controls in failed.items():
        # controls that record one failed test (a backup and its restore-testing programme, on
        # the same day, for the same functions) are one finding
        others = _others(context, backups, controls[0], critical, limit)
        yield _failed(context, info, controls, day, list(functions), others)


def _others(
    context: RuleContext,
    backups: list[Document],
    control: Document,
    critical: dict[str, Document],
    limit: float,
) -> list[Document]:
    """The other backup controls whose passing, recent test covers some of the functions this
    control covers."""
    covered = set(_covers(control, critical))
    return [
        c
        for c in backups
        if c is not control and _passed(context, c, limit) and covered & set(_covers(c, critical))
    ]


def _is_backup(control: Document) -> bool:
    data = control.data
    return data.get("category") in _BACKUPS and data.get("status") == "implemented"


def _covers(control: Document, critical: dict[str, Document]) -> list[str]:
    """The critical functions a control covers (all of them when it names none)."""
    named = strings(control.data.get("functions"))
    return [f for f in critical if f in named] if named else list(critical)


def _passed(context: RuleContext, control: Document, limit: float) -> bool:
    day = as_date(value_at(control.data, "last_restore_test", "date"))
    fresh = day is not None and shift(context.as_of, -int(limit)) <= day <= context.as_of
    return fresh and value_at(control.data, "last_restore_test", "result") == "pass"


def _failed(
    context: RuleContext,
    info: RuleInfo,
    controls: list[Document],
    day: datetime.date,
    covered: list[str],
    others: list[Document],
) -> Finding:
    control, *same = controls
    what = _BACKUPS[str(control.data.get("category"))]
    also = "".join(
        f" (and {_BACKUPS[str(c.data.get('category'))]} control {c.id}, which records the same "
        "failed test)"
        for c in same
    )
    message = (
        f"the latest restore test of {what} control {control.id}{also} failed on "
        f"{day.isoformat()}: the copy it keeps may not restore when it is needed, and a passing "
        f"test of another backup does not show that this one does (it covers "
        f"{listed(covered)}). Repair the restore, test it again and record the result under "
        "last_restore_test" + _as_of(context)
    )
    related = tuple(
        context.related(c, ("last_restore_test", "result"), f"failed restore test of {c.label}")
        for c in same
    ) + _other_tests(context, others)
    return context.finding(info, control, ("last_restore_test", "result"), message, related)


def _stale(
    context: RuleContext,
    info: RuleInfo,
    control: Document,
    day: datetime.date,
    covered: list[str],
    others: list[Document],
    limit: float,
) -> Finding:
    what = _BACKUPS[str(control.data.get("category"))]
    message = (
        f"{what} control {control.id} was last restored in a test on {day.isoformat()}, more "
        f"than {show_number(limit)} days ago: other backups' recent tests cover {listed(covered)}, "
        "but not this copy; test a restore from it and record the result under "
        "last_restore_test" + _as_of(context)
    )
    related = _other_tests(context, others)
    at = ("last_restore_test", "date")
    return context.finding(info, control, at, message, related, level=Level.WARNING)


def _other_tests(context: RuleContext, others: list[Document]) -> tuple[Related, ...]:
    return tuple(
        context.related(c, ("last_restore_test",), f"passing restore test of {c.label}")
        for c in others
    )


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


CHECKS: dict[str, PythonCheck] = {
    "supplier-rto-within-function-rto": check_supplier_rto_fits,
    "relied-on-supplier-mapped": check_relied_on_supplier_mapped,
    "each-backup-restores": check_each_backup_restores,
}
