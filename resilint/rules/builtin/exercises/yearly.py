"""EXR-01: critical functions exercised within the period and since their last substantive
change; joint playbooks of the suppliers the requirements matrix asks one of, likewise."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from resilint.domain.lifecycle import (
    ENDED,
    ENGAGED,
    contract_lifecycle,
    earliest_planned,
    shift,
)
from resilint.domain.readers import as_date, point_at, strings, text_of
from resilint.findings import Finding, JsonPath, Related
from resilint.model import Document
from resilint.rules.builtin.exercises.dated import (
    TARGETS,
    Dated,
    Tests,
    as_of_text,
    days_param,
)
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

JOINT_PLAYBOOK = "joint_playbook"
"""The requirements-matrix term that asks a supplier for a joint playbook, exercised yearly."""


def check_exercised_yearly(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EXR-01: critical functions exercised within the period and since their last substantive
    change; joint playbooks of the suppliers the requirements matrix asks one of, likewise."""
    tests = Tests.of(context)
    naming = _naming(context)
    for function in context.facts.critical_functions():
        found = _function_gap(context, info, tests, function, naming)
        if found is not None:
            yield found
    for playbook, supplier in _joint_playbooks(context):
        found = _playbook_gap(context, info, tests, playbook, supplier, naming)
        if found is not None:
            yield found


def _function_gap(
    context: RuleContext, info: RuleInfo, tests: Tests, function: Document, naming: _Naming
) -> Finding | None:
    latest = tests.latest("functions", str(function.id))
    change = _unretested_change(context, function, latest)
    if latest is not None and latest[0] >= tests.oldest and change is None:
        return None
    label = f"{text_of(function.data.get('criticality')) or 'critical'} function {function.id}"
    last = _last_test(latest, "no completed exercise lists it under functions")
    related = _last_related(context, latest)
    if latest is None or latest[0] < tests.oldest:
        message = f"{label} has not been exercised in the last {tests.max_age} days{last}"
        if change is not None:
            message += f", nor since its substantive change on {change}"
        planned = _planned(context, naming, "functions", function)
        ask = "; schedule a tabletop or switch-over exercise" if planned is None else planned[0]
        message += ask + as_of_text(context)
        related += () if planned is None else (planned[1],)
        judged = _judged(context, naming, "functions", function)
        return context.finding(info, function, ("id",), message, related, judged_on=judged)
    planned = _planned(context, naming, "functions", function)
    message = (
        f"{label} changed substantively on {change}{_what_changed(function)} and has not been "
        f"exercised since{last}"
        + ("; exercise its continuity plan again" if planned is None else planned[0])
        + as_of_text(context)
    )
    related += () if planned is None else (planned[1],)
    at = point_at(function.data, "last_substantive_change", "date")
    judged = _judged(context, naming, "functions", function)
    return context.finding(
        info, function, at, message, related, discriminator="after-change", judged_on=judged
    )


_Naming = dict[tuple[str, str], list[Document]]
"""The exercises naming each function or playbook, by field (``functions``, ``playbooks``) and
id, whether completed or not."""


def _naming(context: RuleContext) -> _Naming:
    found: _Naming = {}
    for exercise in context.index.of_kind("Exercise"):
        for field in ("functions", "playbooks"):
            for named in strings(exercise.data.get(field)):
                found.setdefault((field, named), []).append(exercise)
    return found


def _planned(
    context: RuleContext, naming: _Naming, field: str, tested: Document
) -> tuple[str, Related] | None:
    """The advice when an exercise still to come names ``tested``: hold the earliest and record
    it (asking to schedule one would ignore it), with the exercise's place; None when none is
    planned (:func:`earliest_planned`)."""
    found = earliest_planned(context.index, field, str(tested.id), context.as_of)
    if found is None:
        return None
    day, exercise = found
    text = (
        f"; exercise {exercise.id}, planned for {day.isoformat()}, lists it: hold it and record "
        "it as completed"
    )
    return text, context.related(exercise, ("date",), f"planned exercise: {exercise.label}")


def _judged(
    context: RuleContext, naming: _Naming, field: str, tested: Document
) -> list[tuple[Document, JsonPath]]:
    """The fields an exercise gap of ``tested`` is judged on: the date and status of each
    exercise naming it under ``field``, or meaning it (one with a mistyped date counts as none,
    which its schema error says), and its own last substantive change."""
    judged: list[tuple[Document, JsonPath]] = [(tested, ("last_substantive_change", "date"))]
    meant = context.misnamed("Exercise", f"{field}.[]", TARGETS[field], str(tested.id))
    for exercise in [*naming.get((field, str(tested.id)), []), *meant]:
        judged += [(exercise, ("date",)), (exercise, ("status",))]
    return judged


def _unretested_change(
    context: RuleContext, function: Document, latest: Dated | None
) -> datetime.date | None:
    """The date of a substantive change not exercised since, once the grace period is over."""
    change = function.data.get("last_substantive_change")
    day = as_date(change.get("date")) if isinstance(change, dict) else None
    if day is None or day > context.as_of:
        return None
    if shift(day, days_param(context, "retest_after_change_days", 90)) >= context.as_of:
        return None  # still within the time allowed to exercise the change
    return day if latest is None or latest[0] < day else None


def _what_changed(function: Document) -> str:
    change = function.data.get("last_substantive_change")
    what = text_of(change.get("description")) if isinstance(change, dict) else None
    return f" ({what})" if what else ""


def _last_test(latest: Dated | None, never: str) -> str:
    if latest is None:
        return f": {never}"
    return f": the last exercise that tested it was {latest[1].id} on {latest[0]}"


def _last_related(context: RuleContext, latest: Dated | None) -> tuple[Related, ...]:
    if latest is None or latest[1].kind != "Exercise":
        return ()
    return (context.related(latest[1], ("date",), f"last exercise: {latest[1].label}"),)


def _joint_playbooks(context: RuleContext) -> Iterator[tuple[Document, Document]]:
    """Each playbook agreed with a supplier the matrix asks a joint playbook of (and engaged),
    once, with that supplier: by the playbook's supplier or named by the supplier's contract."""
    seen: set[str] = set()
    for supplier in context.index.of_kind("Supplier"):
        facts = context.facts.supplier(supplier)
        if JOINT_PLAYBOOK not in facts.requires or facts.lifecycle != ENGAGED:
            continue
        for playbook in playbooks_of(context, supplier):
            if playbook.id is not None and playbook.id not in seen:
                seen.add(playbook.id)
                yield playbook, supplier


def playbooks_of(context: RuleContext, supplier: Document) -> list[Document]:
    """Playbooks agreed with the supplier, and those its live contracts name."""
    if supplier.id is None:
        return []
    found = context.referrers("Playbook", "supplier", "Supplier", supplier.id)
    for contract in context.referrers("Contract", "supplier", "Supplier", supplier.id):
        named = contract.data.get("playbook")
        playbook = context.index.get("Playbook", named) if isinstance(named, str) else None
        live = contract_lifecycle(contract, context.as_of) != ENDED
        if playbook is not None and live and playbook not in found:
            found.append(playbook)
    return found


def _playbook_gap(
    context: RuleContext,
    info: RuleInfo,
    tests: Tests,
    playbook: Document,
    supplier: Document,
    naming: _Naming,
) -> Finding | None:
    own = as_date(playbook.data.get("last_exercised"))
    mine = [(own, playbook)] if own is not None and own <= context.as_of else []
    latest = tests.latest("playbooks", str(playbook.id), *mine)
    if latest is not None and latest[0] >= tests.oldest:
        return None
    message = (
        f"joint playbook {playbook.id} with supplier {supplier.id} has not been exercised in the "
        f"last {tests.max_age} days"
    )
    if latest is None and own is not None:  # recorded, but after the date checked
        message += (
            f": its last_exercised, {own.isoformat()}, is after the date checked, so it does not "
            "show an exercise by then, and no completed exercise by then uses it"
        )
    elif latest is None:
        message += ": it records no exercise (last_exercised) and no completed exercise uses it"
    else:
        message += f": last exercised on {latest[0]}"
    planned = _planned(context, naming, "playbooks", playbook)
    ask = f"; run a joint exercise with {supplier.id} and record it"
    message += (ask if planned is None else planned[0]) + as_of_text(context)
    related = (context.related(supplier, ("id",), supplier.label), *_last_related(context, latest))
    related += () if planned is None else (planned[1],)
    at = point_at(playbook.data, "last_exercised")
    judged = [*_judged(context, naming, "playbooks", playbook), (playbook, ("last_exercised",))]
    return context.finding(info, playbook, at, message, related, judged_on=judged)


CHECKS: dict[str, PythonCheck] = {
    "exercised-within-a-year": check_exercised_yearly,  # EXR-01
}
