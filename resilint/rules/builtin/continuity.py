"""Python checks for the continuity rules (see rules/*.yaml for their documentation)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from resilint.model import Document, Index, Problem, RelatedPlace
from resilint.rules.builtin.contracts import (
    hours,
    point_at,
    show_hours,
    value_at,
    with_discriminator,
)
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, make_problem

DEFAULT_CRITICALITIES = ("critical", "important")


def param_list(params: Mapping[str, Any], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A list parameter; a configuration that gives something else falls back to the default."""
    value = params.get(name)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return default


def critical_functions(context: RuleContext) -> Iterator[Document]:
    """The business functions whose criticality the rule's ``criticalities`` parameter names."""
    wanted = param_list(context.params, "criticalities", DEFAULT_CRITICALITIES)
    for function in context.index.of_kind("BusinessFunction"):
        if function.data.get("criticality") in wanted and function.id is not None:
            yield function


def plans_of(index: Index, function: Document) -> list[Document]:
    return index.having("ContinuityPlan", "function", function.id) if function.id else []


def function_label(function: Document) -> str:
    """``critical function order-processing``: says why the rule cares about the function."""
    criticality = function.data.get("criticality")
    return f"{criticality} function {function.id}"


# -- BCM-03 ---------------------------------------------------------------------------------


def _service(supplier: Document, name: Any) -> tuple[int, dict[str, Any]] | None:
    services = supplier.data.get("services")
    for number, service in enumerate(services if isinstance(services, list) else []):
        if isinstance(service, dict) and service.get("name") == name:
            return number, service
    return None


def _degraded_mode(plans: list[Document]) -> tuple[float, Document] | None:
    """The longest degraded mode any of the function's plans can sustain, and its plan."""
    best: tuple[float, Document] | None = None
    for plan in plans:
        limit = hours(value_at(plan.data, "manual_procedure", "max_degraded_hours"))
        if limit is not None and (best is None or limit > best[0]):
            best = (limit, plan)
    return best


def check_supplier_rto_fits(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """BCM-03: each supplier service a critical function depends on recovers within the
    function's RTO, or the function's degraded mode lasts until the supplier has recovered."""
    for function in critical_functions(context):
        rto = hours(function.data.get("rto_hours"))
        if rto is None:
            continue  # BCM-01 reports the missing RTO
        degraded = _degraded_mode(plans_of(context.index, function))
        entries = value_at(function.data, "depends_on", "services")
        for number, entry in enumerate(entries if isinstance(entries, list) else []):
            problem = _service_gap(context, info, function, rto, degraded, number, entry)
            if problem is not None:
                yield problem


def _service_gap(
    context: RuleContext,
    info: RuleInfo,
    function: Document,
    rto: float,
    degraded: tuple[float, Document] | None,
    number: int,
    entry: Any,
) -> Problem | None:
    supplier_id = value_at(entry, "supplier")
    name = value_at(entry, "service")
    supplier = context.index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
    if supplier is None:
        return None  # an unknown supplier is a reference error, reported elsewhere
    at = ("depends_on", "services", number)
    label = function_label(function)
    found = _service(supplier, name)
    if found is None:
        message = (
            f"{label} depends on service '{name}' of supplier {supplier.id}, but supplier "
            f"{supplier.id} lists no service of that name, so its recovery time is unknown: "
            "correct the service name or add the service to the supplier"
        )
        place = RelatedPlace(supplier, point_at(supplier.data, "services"), supplier.label)
        return make_problem(info, context, function, at, message, (place,))
    service_number, service = found
    service_path = ("services", service_number, "contracted_rto_hours")
    supplier_rto = hours(service.get("contracted_rto_hours"))
    if supplier_rto is not None and supplier_rto <= rto:
        return None
    if supplier_rto is not None and degraded is not None and degraded[0] >= supplier_rto:
        return None  # the manual procedure bridges the supplier's whole recovery time
    related = [
        RelatedPlace(
            supplier, point_at(supplier.data, *service_path), f"service {name} of {supplier.label}"
        )
    ]
    if supplier_rto is None:
        message = (
            f"{label} must recover within {show_hours(rto)} hours, but supplier {supplier.id} "
            f"has no contracted recovery time (contracted_rto_hours) for service '{name}': "
            "negotiate one and record it on the supplier's service"
        )
    else:
        message = (
            f"{label} must recover within {show_hours(rto)} hours, but supplier {supplier.id} "
            f"has {show_hours(supplier_rto)} hours to restore service '{name}'"
        )
        if degraded is None:
            message += (
                ", and no continuity plan for the function says how long its manual procedure "
                f"can run: negotiate a recovery time of at most {show_hours(rto)} hours, or "
                "record a manual procedure (max_degraded_hours) that lasts until the supplier "
                "has recovered"
            )
        else:
            limit, plan = degraded
            message += (
                f", and the manual procedure of continuity plan {plan.id} lasts only "
                f"{show_hours(limit)} hours: negotiate a recovery time of at most "
                f"{show_hours(rto)} hours, or extend the manual procedure to "
                f"{show_hours(supplier_rto)} hours"
            )
            at_plan = point_at(plan.data, "manual_procedure", "max_degraded_hours")
            related.append(RelatedPlace(plan, at_plan, f"manual procedure of {plan.label}"))
    return make_problem(info, context, function, at, message, tuple(related))


# -- BCM-04 ---------------------------------------------------------------------------------

DEFAULT_TEMPLATES = ("staff", "customers", "insurer")


def check_continuity_plan_complete(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    """BCM-04: every critical function has a complete degraded-mode plan with named owners."""
    templates = param_list(context.params, "required_templates", DEFAULT_TEMPLATES)
    for function in critical_functions(context):
        plans = plans_of(context.index, function)
        if not plans:
            yield _no_plan(context, info, function)
            continue
        for plan in plans:
            for discriminator, at, message in _plan_gaps(function, plan, templates):
                problem = make_problem(info, context, plan, at, message, _about(function))
                yield with_discriminator(problem, discriminator)
        if not any(_has_compromise_threshold(plan) for plan in plans):
            plan = plans[0]
            message = (
                f"no continuity plan of {function_label(function)} is activated by a suspected "
                f"supplier compromise: add an activation threshold of type supplier_compromise "
                f"to continuity plan {plan.id}, so the manual fallback starts on suspicion, "
                "not after the supplier confirms a breach"
            )
            at = point_at(plan.data, "activation_thresholds")
            problem = make_problem(info, context, plan, at, message, _about(function))
            yield with_discriminator(problem, "supplier-compromise-threshold")


def _about(function: Document) -> tuple[RelatedPlace, ...]:
    return (RelatedPlace(function, ("id",), function_label(function)),)


def _no_plan(context: RuleContext, info: RuleInfo, function: Document) -> Problem:
    name = function.data.get("name")
    shown = function_label(function)
    if isinstance(name, str):
        shown += f" ({name})"
    message = (
        f"{shown} has no continuity plan: nobody is named to run a manual fallback if its "
        f"systems or suppliers fail. Write a ContinuityPlan with function: {function.id}, naming "
        "an owner and a deputy, its activation thresholds, the manual procedure and how long it "
        "can run, communication templates and stand-down criteria"
    )
    return make_problem(info, context, function, ("id",), message)


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _has_compromise_threshold(plan: Document) -> bool:
    thresholds = plan.data.get("activation_thresholds")
    return isinstance(thresholds, list) and any(
        value_at(item, "type") == "supplier_compromise" for item in thresholds
    )


def _plan_gaps(
    function: Document, plan: Document, templates: tuple[str, ...]
) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """(discriminator, where, message) for each missing part of one plan."""
    data = plan.data
    of = f"continuity plan {plan.id} of {function_label(function)}"
    owner, deputy = data.get("owner"), data.get("deputy")
    if not _text(owner):
        yield (
            "owner",
            ("id",),
            (
                f"{of} names no owner for its manual fallback: nobody is accountable for "
                f"switching {function.id} to manual work when its systems or suppliers fail. "
                "Set owner: to the role or person who activates and runs the plan"
            ),
        )
    if not _text(deputy):
        yield (
            "deputy",
            ("id",),
            (
                f"{of} names no deputy: if the owner is unavailable during an incident, nobody may "
                "activate the manual fallback. Set deputy: to a second role or person"
            ),
        )
    elif deputy == owner:
        yield (
            "deputy",
            ("deputy",),
            (
                f"{of} names {owner} as both owner and deputy: name a different deputy who can "
                "run the manual fallback when the owner is unavailable"
            ),
        )
    thresholds = data.get("activation_thresholds")
    if not isinstance(thresholds, list) or not thresholds:
        yield (
            "activation-thresholds",
            point_at(data, "activation_thresholds"),
            (
                f"{of} has no activation thresholds: list the events that trigger the manual "
                "fallback (one of them a suspected supplier compromise)"
            ),
        )
    yield from _manual_procedure_gaps(of, data)
    missing = [
        name
        for name in templates
        if not _text(value_at(data, "comms_templates", name, "reference"))
    ]
    if missing:
        yield (
            "comms-templates",
            point_at(data, "comms_templates"),
            (
                f"{of} has no communication template for {', '.join(missing)}: prepare the "
                "messages and record where each is kept (comms_templates.<audience>.reference)"
            ),
        )
    criteria = data.get("stand_down_criteria")
    if not isinstance(criteria, list) or not any(_text(item) for item in criteria):
        yield (
            "stand-down",
            point_at(data, "stand_down_criteria"),
            (
                f"{of} has no stand-down criteria: say when the manual fallback ends and normal "
                "operation resumes"
            ),
        )


def _manual_procedure_gaps(
    of: str, data: dict[str, Any]
) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    procedure = data.get("manual_procedure")
    if not (_text(value_at(procedure, "description")) or _text(value_at(procedure, "reference"))):
        yield (
            "manual-procedure",
            point_at(data, "manual_procedure"),
            (
                f"{of} describes no manual procedure: record how the work continues without the "
                "failed systems or suppliers (manual_procedure.description or .reference)"
            ),
        )
    if hours(value_at(procedure, "max_degraded_hours")) is None:
        yield (
            "max-degraded-hours",
            point_at(data, "manual_procedure"),
            (
                f"{of} does not say how long its manual procedure can be sustained: set "
                "manual_procedure.max_degraded_hours"
            ),
        )


CHECKS: dict[str, PythonCheck] = {
    "supplier-rto-within-function-rto": check_supplier_rto_fits,
    "continuity-plan-complete": check_continuity_plan_complete,
}
