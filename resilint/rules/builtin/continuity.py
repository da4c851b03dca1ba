"""Python checks of the continuity rules (rules/continuity.yaml holds their documentation).

BCM-03 compares each supplier service a critical function relies on with the function's recovery
time objective and its plans' degraded mode; BCM-05 looks for suppliers we rely on that no
function reaches through the dependency graph. The other continuity rules are declarative.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from resilint.domain.lifecycle import ENGAGED
from resilint.domain.readers import dicts, number, point_at, show_number, strings, text_of
from resilint.findings import Finding
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
    those edges of the dependency graph."""
    for function in context.facts.critical_functions():
        rto = number(function.data.get("rto_hours"))
        if rto is None or function.id is None:
            continue  # BCM-01 reports the missing RTO
        fallback = _fallback(context, function)
        depends = function.data.get("depends_on")
        entries = depends.get("services") if isinstance(depends, dict) else None
        for position, entry in dicts(entries):
            found = _service_gap(context, info, function, rto, fallback, position, entry)
            if found is not None:
                yield found


def _service(supplier: Document, name: Any) -> tuple[int, dict[str, Any]] | None:
    for position, service in dicts(supplier.data.get("services")):
        if service.get("name") == name:
            return position, service
    return None


def _service_gap(
    context: RuleContext,
    info: RuleInfo,
    function: Document,
    rto: float,
    fallback: _Fallback,
    position: int,
    entry: dict[str, Any],
) -> Finding | None:
    supplier_id, name = entry.get("supplier"), entry.get("service")
    supplier = context.index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
    if supplier is None or not isinstance(name, str):
        return None  # an unknown supplier is a reference error; a malformed entry a schema one
    if context.facts.supplier(supplier).lifecycle != ENGAGED:
        return None  # a prospective or exited supplier's service is not what we run on
    at = ("depends_on", "services", position)
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
    if supplier_rto is not None and (
        supplier_rto <= rto or (fallback.hours is not None and fallback.hours >= supplier_rto)
    ):
        return None  # fast enough, or the manual procedure bridges the supplier's recovery
    path = point_at(supplier.data, "services", index, "contracted_rto_hours")
    related = [context.related(supplier, path, f"service {name} of {supplier.label}")]
    if fallback.plan is not None and supplier_rto is not None:
        at_plan = ("manual_procedure", "max_degraded_hours")
        related.append(
            context.related(fallback.plan, at_plan, f"manual procedure of {fallback.plan.label}")
        )
    message = _rto_message(function, rto, supplier, name, supplier_rto, fallback)
    return context.finding(info, function, at, message, tuple(related))


def _rto_message(
    function: Document,
    rto: float,
    supplier: Document,
    name: str,
    supplier_rto: float | None,
    fallback: _Fallback,
) -> str:
    need = f"{_label(function)} must recover within {show_number(rto)} hours, but supplier "
    if supplier_rto is None:
        return need + (
            f"{supplier.id} has no contracted recovery time (contracted_rto_hours) for service "
            f"'{name}': negotiate one and record it on the supplier's service"
        )
    takes = show_number(supplier_rto)
    message = need + f"{supplier.id} has {takes} hours to restore service '{name}'"
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


# -- BCM-05 ---------------------------------------------------------------------------------


def check_relied_on_supplier_mapped(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-05: a supplier we rely on (recorded tier 1, or recorded as supporting a critical
    function) that no business function reaches through the dependency graph, directly, as a
    subcontractor or through a shared dependency, and that no continuity plan covers."""
    mapped = _mapped_suppliers(context)
    for supplier in context.index.of_kind("Supplier"):
        facts = context.facts.supplier(supplier)
        relied_on = facts.declared_tier == 1 or facts.supports_critical
        if not relied_on or supplier.id is None or supplier.id in mapped:
            continue
        if facts.lifecycle != ENGAGED:
            continue
        yield context.finding(info, supplier, ("id",), _unmapped_message(supplier, facts.reasons))


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


CHECKS: dict[str, PythonCheck] = {
    "supplier-rto-within-function-rto": check_supplier_rto_fits,
    "relied-on-supplier-mapped": check_relied_on_supplier_mapped,
}
