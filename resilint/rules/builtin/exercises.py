"""Python checks for the exercises rules (see rules/*.yaml for their documentation)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding, Related
from resilint.model import Document, Index
from resilint.rules.builtin.business_functions import critical_functions, function_label, param_list
from resilint.rules.builtin.contracts import point_at, with_discriminator
from resilint.rules.builtin.readers import strings, value_at
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck
from resilint.rules.runtime import as_date

_GONE_SUPPLIER = ("prospective", "exited")


def _days(context: RuleContext, name: str, default: int) -> int:
    value = context.params.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return value


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


def _completed(index: Index, as_of: datetime.date) -> Iterator[tuple[datetime.date, Document]]:
    """Completed exercises with a date on or before the as-of date, and that date."""
    for exercise in index.of_kind("Exercise"):
        day = as_date(exercise.data.get("date"))
        if exercise.data.get("status") == "completed" and day is not None and day <= as_of:
            yield day, exercise


def _latest(
    dates: list[tuple[datetime.date, Document]],
) -> tuple[datetime.date, Document] | None:
    return max(dates, key=lambda pair: pair[0]) if dates else None


def tier1_suppliers(index: Index) -> Iterator[Document]:
    """Tier-1 suppliers we work with (not prospective or exited)."""
    for supplier in index.of_kind("Supplier"):
        tier = supplier.data.get("tier")
        active = supplier.data.get("status") not in _GONE_SUPPLIER
        if tier == 1 and not isinstance(tier, bool) and supplier.id is not None and active:
            yield supplier


# -- EXR-01 ---------------------------------------------------------------------------------


def check_exercised_yearly(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EXR-01: critical functions and tier-1 suppliers' joint playbooks exercised yearly."""
    max_age = _days(context, "max_age_days", 365)
    oldest = context.as_of - datetime.timedelta(days=max_age)
    completed = list(_completed(context.index, context.as_of))
    for function in critical_functions(context):
        tested = [p for p in completed if function.id in strings(p[1].data.get("functions"))]
        latest = _latest(tested)
        if latest is not None and latest[0] >= oldest:
            continue
        message = f"{function_label(function)} has not been exercised in the last {max_age} days"
        related: tuple[Related, ...] = ()
        if latest is None:
            message += ": no completed exercise lists it under functions"
        else:
            message += f": the last exercise that tested it was {latest[1].id} on {latest[0]}"
            related = (context.related(latest[1], ("date",), f"last exercise: {latest[1].label}"),)
        message += "; schedule a tabletop or switch-over exercise" + _as_of(context)
        yield context.finding(info, function, ("id",), message, related)
    tier1 = {s.id: s for s in tier1_suppliers(context.index)}
    for playbook in context.index.of_kind("Playbook"):
        named = playbook.data.get("supplier")
        supplier = tier1.get(named) if isinstance(named, str) else None
        if supplier is not None and playbook.id is not None:
            problem = _playbook_staleness(context, info, playbook, supplier, completed, oldest)
            if problem is not None:
                yield problem


def _playbook_staleness(
    context: RuleContext,
    info: RuleInfo,
    playbook: Document,
    supplier: Document,
    completed: list[tuple[datetime.date, Document]],
    oldest: datetime.date,
) -> Finding | None:
    dates = [p for p in completed if playbook.id in strings(p[1].data.get("playbooks"))]
    own = as_date(playbook.data.get("last_exercised"))
    if own is not None and own <= context.as_of:
        dates.append((own, playbook))
    latest = _latest(dates)
    if latest is not None and latest[0] >= oldest:
        return None
    max_age = (context.as_of - oldest).days
    message = (
        f"joint playbook {playbook.id} with tier-1 supplier {supplier.id} has not been "
        f"exercised in the last {max_age} days"
    )
    if latest is None:
        message += ": it records no exercise (last_exercised) and no completed exercise uses it"
    else:
        message += f": last exercised on {latest[0]}"
    message += f"; run a joint exercise with {supplier.id} and record it" + _as_of(context)
    related = (context.related(supplier, ("id",), supplier.label),)
    at = point_at(playbook.data, "last_exercised")
    return context.finding(info, playbook, at, message, related)


# -- EXR-02 ---------------------------------------------------------------------------------

DEFAULT_PARTICIPANTS = ("security", "procurement", "legal", "finance")


def check_exercise_scope(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EXR-02: exercises bring in procurement, legal and finance besides security, and the
    last year's exercises include a supplier-compromise scenario (a repository-wide check)."""
    required = param_list(context.params, "required_participants", DEFAULT_PARTICIPANTS)
    for exercise in context.index.of_kind("Exercise"):
        if exercise.data.get("status") == "cancelled":
            continue
        present = strings(exercise.data.get("participants"))
        missing = [role for role in required if role not in present]
        if missing:
            message = (
                f"exercise {exercise.id} does not include {', '.join(missing)}: an incident "
                "with a supplier needs contract, insurance-notice and funding decisions as well "
                "as security ones, so invite them (participants)"
            )
            at = point_at(exercise.data, "participants")
            problem = context.finding(info, exercise, at, message)
            yield with_discriminator(problem, "participants")
    scenario = _scenario_missing(context, info)
    if scenario is not None:
        yield scenario


def _scenario_missing(context: RuleContext, info: RuleInfo) -> Finding | None:
    scenario = context.params.get("required_scenario", "supplier_compromise")
    period = _days(context, "period_days", 365)
    oldest = context.as_of - datetime.timedelta(days=period)
    recent = [p for p in _completed(context.index, context.as_of) if p[0] >= oldest]
    if any(scenario in strings(p[1].data.get("scenarios")) for p in recent):
        return None
    anchor = _latest(recent) or _latest(_dated(context.index))
    if anchor is None:
        return None  # no exercise at all: EXR-01 reports every untested critical function
    exercise = anchor[1]
    shown = scenario.replace("_", " ") if isinstance(scenario, str) else str(scenario)
    message = (
        f"none of the exercises completed in the last {period} days simulated a {shown} "
        f"(scenario {scenario}): schedule one in which a key supplier is compromised and we "
        "must isolate it, switch to manual work and notify the insurer (finding placed on the "
        f"latest exercise, {exercise.id})" + _as_of(context)
    )
    related = tuple(
        context.related(p[1], point_at(p[1].data, "scenarios"), f"also in the period: {p[1].label}")
        for p in sorted(recent, key=lambda p: p[0])
        if p[1] is not exercise
    )
    at = point_at(exercise.data, "scenarios")
    problem = context.finding(info, exercise, at, message, related)
    return with_discriminator(problem, "scenario")


def _dated(index: Index) -> list[tuple[datetime.date, Document]]:
    pairs = []
    for exercise in index.of_kind("Exercise"):
        day = as_date(exercise.data.get("date"))
        if day is not None and exercise.data.get("status") != "cancelled":
            pairs.append((day, exercise))
    return pairs


# -- PLB-01 ---------------------------------------------------------------------------------


def check_tier1_playbook(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """PLB-01: every tier-1 supplier has a complete joint playbook."""
    for supplier in tier1_suppliers(context.index):
        playbooks = _playbooks_of(context.index, supplier)
        if not playbooks:
            message = (
                f"tier-1 supplier {supplier.id} has no joint incident playbook: agree one with "
                "the supplier (contacts, escalation order, decision rights, communication "
                "templates and the criteria for disabling its integrations) and record it as a "
                f"Playbook with supplier: {supplier.id}"
            )
            yield context.finding(info, supplier, ("id",), message)
            continue
        for playbook in playbooks:
            related = (context.related(supplier, ("id",), supplier.label),)
            for discriminator, at, message in _playbook_gaps(playbook, supplier):
                problem = context.finding(info, playbook, at, message, related)
                yield with_discriminator(problem, discriminator)


def _playbooks_of(index: Index, supplier: Document) -> list[Document]:
    """Playbooks agreed with the supplier, and those its active contracts name."""
    if supplier.id is None:
        return []
    found = list(index.having("Playbook", "supplier", supplier.id))
    for contract in index.having("Contract", "supplier", supplier.id):
        named = contract.data.get("playbook")
        playbook = index.get("Playbook", named) if isinstance(named, str) else None
        if playbook is not None and playbook not in found:
            found.append(playbook)
    return found


def _listed(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0


def _playbook_gaps(
    playbook: Document, supplier: Document
) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    data = playbook.data
    of = f"joint playbook {playbook.id} with tier-1 supplier {supplier.id}"
    if not _listed(value_at(data, "contacts", "people")):
        yield (
            "contacts",
            point_at(data, "contacts"),
            (f"{of} lists no contacts: record the people to call on both sides (contacts.people)"),
        )
    if not _listed(data.get("escalation")):
        yield (
            "escalation",
            point_at(data, "escalation"),
            (f"{of} has no escalation order: list who to call, first person first (escalation)"),
        )
    rights = data.get("decision_rights")
    if not isinstance(rights, list) or not rights:
        yield (
            "decision-rights",
            point_at(data, "decision_rights"),
            (
                f"{of} says nobody may take the key decisions: record who may disable the "
                "integration, switch to manual work and notify the insurer (decision_rights)"
            ),
        )
    elif any(not isinstance(value_at(r, "owner"), str) for r in rights):
        yield (
            "decision-rights",
            ("decision_rights",),
            (f"{of} has a decision right without an owner: name who takes each decision"),
        )
    templates = data.get("comms_templates")
    if not isinstance(templates, dict) or not any(
        isinstance(value_at(t, "reference"), str) for t in templates.values()
    ):
        yield (
            "comms-templates",
            point_at(data, "comms_templates"),
            (
                f"{of} has no communication templates: prepare the messages for staff, customers "
                "and the insurer and record where they are kept (comms_templates)"
            ),
        )
    if not _listed(data.get("disable_criteria")):
        yield (
            "disable-criteria",
            point_at(data, "disable_criteria"),
            (
                f"{of} does not say when we disable the supplier's integrations: agree the "
                "criteria in advance (disable_criteria)"
            ),
        )


CHECKS: dict[str, PythonCheck] = {
    "exercised-within-a-year": check_exercised_yearly,
    "exercise-participants-and-scenario": check_exercise_scope,
    "tier1-joint-playbook": check_tier1_playbook,
}
