"""BCM-04: every critical function has a complete degraded-mode plan with named owners."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding, Related
from resilint.model import Document
from resilint.rules.builtin.business_functions import (
    critical_functions,
    function_label,
    param_list,
    plans_of,
)
from resilint.rules.builtin.contracts import point_at, with_discriminator
from resilint.rules.builtin.readers import number, value_at
from resilint.rules.model import RuleContext, RuleInfo

# -- BCM-04 ---------------------------------------------------------------------------------

DEFAULT_TEMPLATES = ("staff", "customers", "insurer")


def check_continuity_plan_complete(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-04: every critical function has a complete degraded-mode plan with named owners."""
    templates = param_list(context.params, "required_templates", DEFAULT_TEMPLATES)
    for function in critical_functions(context):
        plans = plans_of(context.index, function)
        if not plans:
            yield _no_plan(context, info, function)
            continue
        for plan in plans:
            for discriminator, at, message in _plan_gaps(function, plan, templates):
                problem = context.finding(info, plan, at, message, _about(context, function))
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
            problem = context.finding(info, plan, at, message, _about(context, function))
            yield with_discriminator(problem, "supplier-compromise-threshold")


def _about(context: RuleContext, function: Document) -> tuple[Related, ...]:
    return (context.related(function, ("id",), function_label(function)),)


def _no_plan(context: RuleContext, info: RuleInfo, function: Document) -> Finding:
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
    return context.finding(info, function, ("id",), message)


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
    if number(value_at(procedure, "max_degraded_hours")) is None:
        yield (
            "max-degraded-hours",
            point_at(data, "manual_procedure"),
            (
                f"{of} does not say how long its manual procedure can be sustained: set "
                "manual_procedure.max_degraded_hours"
            ),
        )
