"""BCM-03: the supplier services a critical function depends on recover within its RTO,
or its manual procedure lasts until they have."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding
from resilint.model import Document
from resilint.rules.builtin.business_functions import (
    critical_functions,
    function_label,
    plans_of,
)
from resilint.rules.builtin.contracts import point_at
from resilint.rules.builtin.readers import number, show_number, value_at
from resilint.rules.model import RuleContext, RuleInfo

# -- BCM-03 ---------------------------------------------------------------------------------


def _service(supplier: Document, name: Any) -> tuple[int, dict[str, Any]] | None:
    services = supplier.data.get("services")
    for position, service in enumerate(services if isinstance(services, list) else []):
        if isinstance(service, dict) and service.get("name") == name:
            return position, service
    return None


def _degraded_mode(plans: list[Document]) -> tuple[float, Document] | None:
    """The longest degraded mode any of the function's plans can sustain, and its plan."""
    best: tuple[float, Document] | None = None
    for plan in plans:
        limit = number(value_at(plan.data, "manual_procedure", "max_degraded_hours"))
        if limit is not None and (best is None or limit > best[0]):
            best = (limit, plan)
    return best


def check_supplier_rto_fits(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-03: each supplier service a critical function depends on recovers within the
    function's RTO, or the function's degraded mode lasts until the supplier has recovered."""
    for function in critical_functions(context):
        rto = number(function.data.get("rto_hours"))
        if rto is None:
            continue  # BCM-01 reports the missing RTO
        degraded = _degraded_mode(plans_of(context.index, function))
        entries = value_at(function.data, "depends_on", "services")
        for position, entry in enumerate(entries if isinstance(entries, list) else []):
            problem = _service_gap(context, info, function, rto, degraded, position, entry)
            if problem is not None:
                yield problem


def _service_gap(
    context: RuleContext,
    info: RuleInfo,
    function: Document,
    rto: float,
    degraded: tuple[float, Document] | None,
    position: int,
    entry: Any,
) -> Finding | None:
    supplier_id = value_at(entry, "supplier")
    name = value_at(entry, "service")
    supplier = context.index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
    if supplier is None:
        return None  # an unknown supplier is a reference error, reported elsewhere
    at = ("depends_on", "services", position)
    label = function_label(function)
    found = _service(supplier, name)
    if found is None:
        message = (
            f"{label} depends on service '{name}' of supplier {supplier.id}, but supplier "
            f"{supplier.id} lists no service of that name, so its recovery time is unknown: "
            "correct the service name or add the service to the supplier"
        )
        place = context.related(supplier, point_at(supplier.data, "services"), supplier.label)
        return context.finding(info, function, at, message, (place,))
    service_number, service = found
    service_path = ("services", service_number, "contracted_rto_hours")
    supplier_rto = number(service.get("contracted_rto_hours"))
    if supplier_rto is not None and supplier_rto <= rto:
        return None
    if supplier_rto is not None and degraded is not None and degraded[0] >= supplier_rto:
        return None  # the manual procedure bridges the supplier's whole recovery time
    related = [
        context.related(
            supplier, point_at(supplier.data, *service_path), f"service {name} of {supplier.label}"
        )
    ]
    if supplier_rto is None:
        message = (
            f"{label} must recover within {show_number(rto)} hours, but supplier {supplier.id} "
            f"has no contracted recovery time (contracted_rto_hours) for service '{name}': "
            "negotiate one and record it on the supplier's service"
        )
    else:
        message = (
            f"{label} must recover within {show_number(rto)} hours, but supplier {supplier.id} "
            f"has {show_number(supplier_rto)} hours to restore service '{name}'"
        )
        if degraded is None:
            message += (
                ", and no continuity plan for the function says how long its manual procedure "
                f"can run: negotiate a recovery time of at most {show_number(rto)} hours, or "
                "record a manual procedure (max_degraded_hours) that lasts until the supplier "
                "has recovered"
            )
        else:
            limit, plan = degraded
            message += (
                f", and the manual procedure of continuity plan {plan.id} lasts only "
                f"{show_number(limit)} hours: negotiate a recovery time of at most "
                f"{show_number(rto)} hours, or extend the manual procedure to "
                f"{show_number(supplier_rto)} hours"
            )
            at_plan = point_at(plan.data, "manual_procedure", "max_degraded_hours")
            related.append(context.related(plan, at_plan, f"manual procedure of {plan.label}"))
    return context.finding(info, function, at, message, tuple(related))
