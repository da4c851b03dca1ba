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
    function_planned,
    function_tested,
    never_exercised,
    plan_test,
    shift,
)
from resilint.domain.readers import as_date, point_at, strings, text_of
from resilint.findings import Finding, JsonPath, Level, Related
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
        plans = _plans(context, function)
        found = _function_gap(context, info, tests, function, naming, plans)
        if found is not None:
            yield found
        else:  # the function's own gap says each plan's stale test date (_plan_notes)
            yield from _plan_gaps(context, info, tests, function, plans)
    for playbook, supplier in _joint_playbooks(context):
        found = _playbook_gap(context, info, tests, playbook, supplier, naming)
        if found is not None:
            yield found


def _function_gap(
    context: RuleContext,
    info: RuleInfo,
    tests: Tests,
    function: Document,
    naming: _Naming,
    plans: list[Document],
) -> Finding | None:
    latest = function_tested(tests, str(function.id), plans, context.as_of)
    change = _unretested_change(context, function, latest)
    if latest is not None and latest[0] >= tests.oldest and change is None:
        return None
    label = _label(function)
    # the plan whose own test is the latest is said once, as that test
    others = [p for p in plans if latest is None or p is not latest[1]]
    notes, noted = _plan_notes(context, tests, others)
    never = never_exercised((p.id for p in plans), fields=True)
    if plans:  # a test a plan records itself counts too (ContinuityPlan.last_tested)
        # with no test by the date checked, the notes say only a plan's last_tested after it
        never += ", and none of its plans records a test (last_tested)"
        never += " by the date checked" if latest is None and notes else ""
    last = _last_test(latest, never) + notes
    related = _last_related(context, latest) + noted
    if latest is None or latest[0] < tests.oldest:
        basis = _plan_basis(context, function)
        message = f"{label} has not been exercised in the last {tests.max_age} days ({basis}){last}"
        if change is not None:
            message += f", nor since its substantive change on {change}"
        planned = _planned(context, "functions", function, plans)
        ask = "; schedule a tabletop or switch-over exercise" if planned is None else planned[0]
        if notes:
            ask += (
                ", and once it tests the plan name the plan under its continuity_plans (or "
                "record its date as the plan's last_tested)"
            )
        message += ask + as_of_text(context)
        related += () if planned is None else (planned[1],)
        judged = _judged(context, naming, "functions", function) + _plans_judged(context, plans)
        return context.finding(info, function, ("id",), message, related, judged_on=judged)
    planned = _planned(context, "functions", function, plans)
    message = (
        f"{label} changed substantively on {change}{_what_changed(function)} and has not been "
        f"exercised since{last}"
        + ("; exercise its continuity plan again" if planned is None else planned[0])
        + (
            ", and name the plan under its continuity_plans (or record its date as the plan's "
            "last_tested)"
            if notes
            else ""
        )
        + as_of_text(context)
    )
    related += () if planned is None else (planned[1],)
    at = point_at(function.data, "last_substantive_change", "date")
    judged = _judged(context, naming, "functions", function) + _plans_judged(context, plans)
    return context.finding(
        info, function, at, message, related, discriminator="after-change", judged_on=judged
    )


def _label(function: Document) -> str:
    return f"{text_of(function.data.get('criticality')) or 'critical'} function {function.id}"


def _plans(context: RuleContext, function: Document) -> list[Document]:
    """The continuity plans of the function (those naming it, or meaning it)."""
    if function.id is None:
        return []
    return context.referrers("ContinuityPlan", "function", "BusinessFunction", str(function.id))


def _tested(context: RuleContext, tests: Tests, plan: Document) -> Dated | None:
    """The plan's last test (:func:`plan_test`): its last_tested, or a later completed exercise
    naming it under continuity_plans."""
    named = tests.latest("continuity_plans", str(plan.id)) if plan.id is not None else None
    return plan_test(plan, named, context.as_of)


def _by(plan: Document, test: Dated) -> str:
    """Which record says the plan's test: nothing where it is the plan's own last_tested."""
    return "" if test[1] is plan else f" by exercise {test[1].id}"


def _test_related(context: RuleContext, plan: Document, test: Dated) -> Related:
    if test[1] is plan:
        return context.related(plan, ("last_tested",), f"continuity plan: {plan.label}")
    label = f"last test of continuity plan {plan.id}: {test[1].label}"
    return context.related(test[1], ("date",), label)


def _plan_notes(
    context: RuleContext, tests: Tests, plans: list[Document]
) -> tuple[str, tuple[Related, ...]]:
    """Where the function itself is reported: the words saying each of its plans whose
    last_tested is older than the period or after the date checked (one finding says the
    gap), with the places of those dates."""
    words: list[str] = []
    related: tuple[Related, ...] = ()
    for plan in plans:
        test = _tested(context, tests, plan)
        if test is None or tests.oldest <= test[0] <= context.as_of:
            continue
        day = test[0]
        when = "after the date checked" if day > context.as_of else f"over {tests.max_age} days ago"
        said = "records its last test on" if test[1] is plan else "was last tested on"
        words.append(f"continuity plan {plan.id} {said} {day}{_by(plan, test)} ({when})")
        related += (_test_related(context, plan, test),)
    return ("; " + "; ".join(words) if words else ""), related


def _plan_gaps(
    context: RuleContext, info: RuleInfo, tests: Tests, function: Document, plans: list[Document]
) -> Iterator[Finding]:
    """A function exercised within the period whose continuity plan records its last test
    before the period (the plan's own record says the exercises since did not test it), or
    after the date checked (a date that shows no test by then). A plan recording no date is
    taken as tested by the exercises of its function; one an exercise names under
    continuity_plans, as tested on that exercise's date."""
    latest = function_tested(tests, str(function.id), plans, context.as_of)
    for plan in plans:
        test = _tested(context, tests, plan)
        if test is None or latest is None or tests.oldest <= test[0] <= context.as_of:
            continue
        day = test[0]
        lead = f"continuity plan {plan.id} of {_label(function)}"
        exercise = _test_words(latest)
        related = (
            context.related(function, ("id",), function.label),
            *_last_related(context, latest),
        )
        if test[1] is not plan:
            related += (_test_related(context, plan, test),)
        judged: list[tuple[Document, JsonPath]] = [(plan, ("last_tested",))]
        judged += _test_fields(latest)
        judged += [(e, field) for e in _naming_plan(context, plan) for field in _DATED]
        if day > context.as_of:
            message = (
                f"{lead} records its last test (last_tested) on {day}, after the date checked, "
                f"so it does not show that the plan was tested by then; {exercise} tested the "
                "function: correct last_tested if it is mistyped (the date of the exercise "
                "that tested the plan); a check as of an earlier date (a register's reference "
                f"date) needs the date that stood then{as_of_text(context)}"
            )
            discriminator, level = "plan-future", Level.WARNING
        else:
            message = (
                f"{lead} was last tested on {day}{_by(plan, test)}, more than {tests.max_age} "
                f"days ago ({_plan_basis(context, function)}): {exercise} tested the function, "
                "but no test of the plan is recorded since (an exercise naming it under "
                "continuity_plans, or the plan's last_tested); "
                + _stale_plan_advice(latest)
                + as_of_text(context)
            )
            discriminator, level = "plan-stale", None
        yield context.finding(
            info,
            plan,
            point_at(plan.data, "last_tested"),
            message,
            related,
            discriminator=discriminator,
            level=level,
            judged_on=judged,
        )


def _is_exercise(test: Dated) -> bool:
    """Whether a test is a completed Exercise's, not one a continuity plan records itself."""
    return test[1].kind == "Exercise"


def _test_words(test: Dated) -> str:
    """The function's latest test in words: the exercise, or the plan's own test."""
    if _is_exercise(test):
        return f"exercise {test[1].id} on {test[0]}"
    return f"the test of its continuity plan {test[1].id} on {test[0]} (its last_tested)"


def _test_fields(test: Dated) -> list[tuple[Document, JsonPath]]:
    """The fields that date the function's latest test."""
    if _is_exercise(test):
        return [(test[1], ("date",)), (test[1], ("status",))]
    return [(test[1], ("last_tested",))]


def _stale_plan_advice(latest: Dated) -> str:
    """What to do about a stale plan of a function another test answers for."""
    test_it = (
        "test the plan (a tabletop or switch-over that runs its manual procedure) and record "
        "the exercise naming it"
    )
    if not _is_exercise(latest):
        return test_it
    return (
        "if that exercise tested this plan, name the plan under its continuity_plans, or "
        f"record its date as the plan's last_tested ({latest[0]}), otherwise {test_it}"
    )


def _plan_basis(context: RuleContext, function: Document) -> str:
    """What asks a critical function's continuity plan tested yearly, under the regimes of
    the function's entities: the law that binds them, else ISO 22301 and policy."""
    facts = context.facts.function(function)
    laws: list[str] = []
    simplified = "dora" in facts.regimes and facts.dora_simplified_only
    if "dora" in facts.regimes and not simplified:
        laws.append("DORA Art. 11(6)(a)")
    if "nydfs" in facts.regimes and _nydfs_binds(context, facts.entities):
        laws.append("23 NYCRR 500.16(d)(1)")
    if simplified:
        # DORA Art. 16(1) exempts the entity from Art. 11; its framework asks a yearly test of
        # the plan's back-up and restore procedures, the rest upon every major change of it
        backups = "the back-up and restore procedures of its business continuity plan"
        if laws:
            return (
                f"{laws[0]} asks it tested at least yearly, and Delegated Regulation (EU) "
                f"2024/1774 Art. 40(1) {backups}"
            )
        return (
            f"Delegated Regulation (EU) 2024/1774 Art. 40(1) asks {backups} tested at least "
            "yearly, and the plan upon every major change of it; its yearly exercise as a "
            "whole is policy"
        )
    if not laws:
        return "ISO 22301 clause 8.5 asks it tested at planned intervals, yearly by policy"
    verb = "asks" if len(laws) == 1 else "ask"
    return f"{' and '.join(laws)} {verb} it tested at least yearly"


def _nydfs_binds(context: RuleContext, entities: tuple[str, ...]) -> bool:
    """500.16 binds an entity of the function under NYDFS: one not under the limited exemption
    of 500.19(a) (nydfs_limited_exemption), or the function names no entity."""
    known = [e for e in (context.index.get("Entity", i) for i in entities) if e is not None]
    under = [e for e in known if "nydfs" in context.facts.entity(e).regimes]
    return not under or any(e.data.get("nydfs_limited_exemption") is not True for e in under)


_DATED: tuple[JsonPath, ...] = (("date",), ("status",))


def _naming_plan(context: RuleContext, plan: Document) -> list[Document]:
    """The exercises naming the plan under continuity_plans, or meaning it (REF-01)."""
    if plan.id is None:
        return []
    return context.referrers("Exercise", "continuity_plans.[]", "ContinuityPlan", plan.id)


def _plans_judged(context: RuleContext, plans: list[Document]) -> list[tuple[Document, JsonPath]]:
    """The date and status of each exercise naming one of ``plans`` (an exercise of their
    function; a plan's own mistyped last_tested hides no gap of the function, which its schema
    error says)."""
    found: list[tuple[Document, JsonPath]] = []
    for plan in plans:
        found += [(e, field) for e in _naming_plan(context, plan) for field in _DATED]
    return found


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
    context: RuleContext, field: str, tested: Document, plans: list[Document] | None = None
) -> tuple[str, Related] | None:
    """The advice when an exercise still to come names ``tested`` (or, for a function with
    continuity ``plans``, one of them: :func:`function_planned`): hold the earliest and record
    it (asking to schedule one would ignore it), with the exercise's place; None when none is
    planned (:func:`earliest_planned`)."""
    found: tuple[datetime.date, Document, str | None] | None
    if plans is None:
        ahead = earliest_planned(context.index, field, str(tested.id), context.as_of)
        found = None if ahead is None else (*ahead, None)
    else:
        found = function_planned(context.index, str(tested.id), plans, context.as_of)
    if found is None:
        return None
    day, exercise, plan = found
    names = "lists it" if plan is None else f"names its continuity plan {plan}"
    text = (
        f"; exercise {exercise.id}, planned for {day.isoformat()}, {names}: hold it and record "
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
    if not _is_exercise(latest):
        return f": its continuity plan {latest[1].id} was last tested on {latest[0]}"
    return f": the last exercise that tested it was {latest[1].id} on {latest[0]}"


def _last_related(context: RuleContext, latest: Dated | None) -> tuple[Related, ...]:
    if latest is None:
        return ()
    if not _is_exercise(latest):
        return (context.related(latest[1], ("last_tested",), f"last test: {latest[1].label}"),)
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
    planned = _planned(context, "playbooks", playbook)
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
