"""What falls due again and again: supplier assessments (SUP-04's intervals by tier in effect),
exercises of critical functions and required joint playbooks (EXR-01's), under DORA the yearly
test of every other function (EXR-04's), restore tests of the backups behind critical functions
(BCM-06's), planned exercises (not one a later completed exercise replaced, which EXR-05 does
not report) and open exercise findings (EXR-03's). The intervals are the rules' own, as
configured, so an assessment is due here exactly when SUP-04 would start to report it. Each
entry is read from what its rule judges (``Intervals.judged`` for SUP-04, EXR-03, EXR-04 and
EXR-05; EXR-01 and BCM-06, checks in Python, only when they run): a rule the configuration
leaves out lists nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from resilint.domain import Facts
from resilint.domain.backups import (
    critical_covered,
    critical_entities,
    held_by_regulated_firms,
    misspelling_controls,
)
from resilint.domain.controls import covers_function
from resilint.domain.documents import BACKUP_COPIES, implemented_backup
from resilint.domain.lifecycle import (
    PROSPECTIVE,
    Completed,
    completed_exercises,
    earliest_planned,
    function_planned,
    function_tested,
    never_exercised,
    plan_test,
    shift,
    tested_after,
)
from resilint.domain.readers import as_date, in_order, listed, text_of, value_at
from resilint.model import Document
from resilint.report.deadline import Deadline, Intervals


def recurring_dates(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    yield from _assessments(facts, intervals)
    yield from _exercises(facts, intervals)
    yield from _restore_tests(facts, intervals)
    yield from _each_backup(facts, intervals)


def _tier(tier: int, recorded: int | None) -> str:
    """The tier whose interval applies, as the supplier records it, or, where it is derived (a
    supplier recorded below tier 1 that is critical, one recording no tier), in effect and what
    is recorded."""
    if tier == recorded:
        return f"tier {tier}"
    if recorded is None:
        return f"tier {tier} in effect, no tier recorded"
    return f"tier {tier} in effect, recorded as tier {recorded}"


def _assessments(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The suppliers SUP-04 judges (:data:`Intervals.judged`): an engaged supplier whose
    assessment the requirements matrix asks, and a prospective one once a contract with it is a
    draft (assessed before signing) or signed but not started (before the service starts); a
    supplier recorded as prospective whose contract is in force is engaged (SUP-14)."""
    for supplier, _ in intervals.judged.get("SUP-04", ()):
        fact = facts.supplier(supplier)
        tier = fact.effective_tier
        if tier is None or tier not in intervals.assessment_days:
            continue
        every = intervals.assessment_days[tier]
        last = as_date(value_at(supplier.data, "last_assessment", "date"))
        title = f"assessment of supplier {supplier.id} ({_tier(tier, fact.declared_tier)})"
        if fact.lifecycle == PROSPECTIVE:
            title = f"pre-contract {title}"
        owner = text_of(supplier.data.get("owner"))
        if last is not None and last > facts.as_of:  # shows no assessment by then (SUP-04)
            yield Deadline(
                None,
                "assessment",
                title,
                f"its last assessment, {last.isoformat()}, is after the date checked",
                supplier,
                ("last_assessment", "date"),
                owner,
            )
        elif last is None:
            yield Deadline(
                None,
                "assessment",
                title,
                "no assessment is recorded",
                supplier,
                ("last_assessment",),
                owner,
            )
        else:
            detail = f"last assessed {last.isoformat()}; due every {every} days"
            yield Deadline(
                shift(last, every),
                "assessment",
                title,
                detail,
                supplier,
                ("last_assessment", "date"),
                owner,
            )


def _exercises(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    if "EXR-01" in intervals.running:
        yield from _yearly_exercises(facts, intervals)
    yield from _function_tests(facts, intervals)
    yield from _planned_and_findings(facts, intervals)


def _function_tests(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The yearly test EXR-04 asks, under DORA, of each function that is not critical (those
    it judges: of an entity under DORA, not one only entities of DORA Art. 16(1) perform):
    the latest completed exercise listing it, plus ``max_age_days``."""
    done = completed_exercises(facts.index, facts.as_of)
    every = intervals.days("EXR-04", "max_age_days", 365)
    for function, _ in intervals.judged.get("EXR-04", ()):
        last = _function_tested(facts, done, function)
        level = text_of(function.data.get("criticality"))
        title = f"test of function {function.id}" + (f" (criticality {level})" if level else "")
        plans = _plans(facts, function)
        ahead = _function_planned(facts, function, plans)
        if last is None:
            day, detail = (
                None,
                never_exercised(p.id for p in plans) + tested_after(plans, facts.as_of),
            )
        else:
            day, detail = (
                shift(last, every),
                f"last tested {last.isoformat()}; due every {every} days",
            )
        owner = text_of(function.data.get("owner"))
        yield Deadline(day, "function-test", title, detail + ahead, function, ("id",), owner)


def _yearly_exercises(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The exercise EXR-01 asks of each critical function and each joint playbook the
    requirements matrix asks for."""
    done = completed_exercises(facts.index, facts.as_of)
    every = intervals.exercise_days
    for function in facts.critical_functions():
        plans = _plans(facts, function)
        exercised = function_tested(done, str(function.id), plans, facts.as_of)
        last = exercised[0] if exercised is not None else None
        level = text_of(function.data.get("criticality")) or "critical"
        title = f"exercise of {level} function {function.id}"
        owner = text_of(function.data.get("owner"))
        ahead = _function_planned(facts, function, plans)
        if last is None:
            detail = never_exercised(p.id for p in plans) + tested_after(plans, facts.as_of)
            detail += ahead
            yield Deadline(None, "exercise", title, detail, function, ("id",), owner)
        else:
            by = exercised[1] if exercised is not None else None
            lead = (  # a test the function's plan records itself is its latest test
                "last exercised"
                if by is None or by.kind == "Exercise"
                else f"continuity plan {by.id} last tested"
            )
            detail = f"{lead} {last.isoformat()}; due every {every} days" + ahead
            yield Deadline(shift(last, every), "exercise", title, detail, function, ("id",), owner)
        yield from _plan_tests(facts, done, plans, function, last, every)
    for playbook in facts.index.of_kind("Playbook"):
        if not facts.playbook(playbook).required:
            continue
        own = as_date(playbook.data.get("last_exercised"))
        later = own is not None and own > facts.as_of  # shows no exercise by then (EXR-01)
        found = done.latest("playbooks", str(playbook.id))
        last = max((d for d in (None if later else own, found) if d is not None), default=None)
        title = f"exercise of joint playbook {playbook.id}"
        owner = text_of(playbook.data.get("owner"))
        if last:
            detail = f"last exercised {last.isoformat()}; due every {every} days"
        elif later and own is not None:
            detail = f"its last_exercised, {own.isoformat()}, is after the date checked"
        else:
            detail = "it records no exercise"
        detail += _planned_for(facts, "playbooks", str(playbook.id))
        yield Deadline(
            shift(last, every) if last else None,
            "exercise",
            title,
            detail,
            playbook,
            ("last_exercised",),
            owner,
        )


def _plans(facts: Facts, function: Document) -> list[Document]:
    return facts.index.having("ContinuityPlan", "function", str(function.id))


def _function_tested(facts: Facts, done: Completed, function: Document) -> datetime.date | None:
    """The date of the function's latest test under EXR-04 (:func:`function_tested`: its
    latest completed exercise, or a later test one of its continuity plans records)."""
    found = function_tested(done, str(function.id), _plans(facts, function), facts.as_of)
    return found[0] if found is not None else None


def _plan_test(
    facts: Facts, done: Completed, plan: Document
) -> tuple[datetime.date, Document] | None:
    named = done.last("continuity_plans", str(plan.id)) if plan.id is not None else None
    return plan_test(plan, named, facts.as_of)


def _plan_tests(
    facts: Facts,
    done: Completed,
    plans: list[Document],
    function: Document,
    last: datetime.date | None,
    every: int,
) -> Iterator[Deadline]:
    """The test of each continuity plan of a critical function last tested (its last_tested,
    or a completed exercise naming it under continuity_plans: :func:`plan_test`) before the
    function's latest exercise (EXR-01 reports the plan once that date is over a period old,
    though the function stays exercised), or after the date checked (due now); none for a plan
    recording no test or a later one, which the function's exercise answers for, nor where no
    exercise lists the function (EXR-01's finding on the function names the plan's date)."""
    if last is None or function.id is None:
        return
    level = text_of(function.data.get("criticality")) or "critical"
    for plan in plans:
        test = _plan_test(facts, done, plan)
        tested = test[0] if test is not None else None
        if tested is None or tested == last or (tested > last and tested <= facts.as_of):
            continue
        title = f"test of continuity plan {plan.id} of {level} function {function.id}"
        owner = text_of(plan.data.get("owner"))
        if tested > facts.as_of:
            detail = f"its last_tested, {tested.isoformat()}, is after the date checked"
            yield Deadline(None, "exercise", title, detail, plan, ("last_tested",), owner)
            continue
        by = "" if test is None or test[1] is plan else f" by exercise {test[1].id}"
        detail = (
            f"last tested {tested.isoformat()}{by}, before the function's last exercise on "
            f"{last.isoformat()}; due every {every} days"
        )
        yield Deadline(
            shift(tested, every), "exercise", title, detail, plan, ("last_tested",), owner
        )


def _function_planned(facts: Facts, function: Document, plans: list[Document]) -> str:
    """ "; planned: <exercise> on <date>" for the earliest exercise still to come that lists the
    function or names one of its continuity plans (:func:`function_planned`), else ""."""
    found = function_planned(facts.index, str(function.id), plans, facts.as_of)
    return f"; planned: {found[1].id} on {found[0].isoformat()}" if found else ""


def _planned_for(facts: Facts, field: str, name: str) -> str:
    """ "; planned: <exercise> on <date>" for the earliest exercise still to come that lists
    ``name`` under ``field`` (EXR-01 asks to hold it), else ""."""
    found = earliest_planned(facts.index, field, name, facts.as_of)
    return f"; planned: {found[1].id} on {found[0].isoformat()}" if found else ""


def _planned_and_findings(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The planned exercises EXR-05 judges and the open findings EXR-03 judges (those not
    closed, or closed after the date checked: open then)."""
    for exercise, _ in intervals.judged.get("EXR-05", ()):
        data = exercise.data
        day = as_date(data.get("date"))
        # a plan a later completed exercise replaced is over, as EXR-05 judges it
        replaced = facts.exercise(exercise).superseded_by
        if data.get("status") == "planned" and day is not None and not replaced:
            kind = text_of(data.get("type")) or "exercise"
            # past its date and still planned: held and not recorded, or not held (EXR-05)
            held = "planned" if day >= facts.as_of else "planned, not recorded as held"
            yield Deadline(
                day,
                "exercise-planned",
                f"{kind} {exercise.id}",
                held,
                exercise,
                ("date",),
                text_of(data.get("owner")),
            )
    for exercise, path in intervals.judged.get("EXR-03", ()):
        item = value_at(exercise.data, *path)
        due = as_date(item.get("due_date")) if isinstance(item, dict) else None
        if not isinstance(item, dict) or due is None:
            continue
        what = text_of(item.get("description")) or text_of(item.get("id")) or f"#{path[-1]}"
        yield Deadline(
            due,
            "exercise-finding",
            f"finding of exercise {exercise.id}",
            what,
            exercise,
            (*path, "due_date"),
            text_of(item.get("owner")) or text_of(exercise.data.get("owner")),
        )


def _restore_tests(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """When BCM-06 will ask for a restore test: the latest passing test of the backups behind a
    critical function, plus its limit. One entry per set of backup controls, naming the
    functions they cover, as BCM-06 reports one test to run; none where no copy covers a
    function (a gap BCM-06 reports, not a date). The functions and the controls behind them
    are BCM-06's (:mod:`resilint.domain.backups`): none run only by regulated firms, and a
    control naming a function misspelt counts for it."""
    if "BCM-06" not in intervals.running:
        return
    backups = [c for c in in_order(facts.index.of_kind("Control")) if implemented_backup(c)]
    groups: dict[tuple[int, ...], tuple[list[Document], list[Document]]] = {}
    for function in in_order(facts.critical_functions()):
        if held_by_regulated_firms(facts, function):  # BCM-06 asks no backup of ours
            continue
        meant = misspelling_controls(facts, str(function.id), intervals.accepted)
        entities = facts.function(function).entities
        behind = [c for c in backups if covers_function(c, function.id, entities, meant)]
        if not any(c.data.get("category") in BACKUP_COPIES for c in behind):
            continue
        behind.sort(key=lambda c: c.data.get("category") not in BACKUP_COPIES)
        groups.setdefault(tuple(id(c) for c in behind), (behind, []))[1].append(function)
    for behind, functions in groups.values():
        yield _restore_test(facts, intervals.restore_test_days, behind, functions)


def _restore_test(
    facts: Facts, every: int, behind: list[Document], functions: list[Document]
) -> Deadline:
    passed = [day for day in (_passed_on(c, facts.as_of) for c in behind) if day is not None]
    last = max(passed, default=None)
    kinds = dict.fromkeys(text_of(f.data.get("criticality")) or "critical" for f in functions)
    plural = "s" if len(functions) > 1 else ""
    names = listed([str(f.id) for f in functions])
    control = behind[0]
    detail = (
        f"last passed {last.isoformat()}; due every {every} days"
        if last
        else "no passing restore test is recorded"
    )
    return Deadline(
        shift(last, every) if last else None,
        "restore-test",
        f"restore test of the backups behind {' or '.join(kinds)} function{plural} {names}",
        detail + f" (control {control.id})",
        control,
        ("last_restore_test",),
        text_of(control.data.get("owner")),
        tuple(behind),
    )


def _passed_on(control: Document, as_of: datetime.date) -> datetime.date | None:
    """The day of the control's latest restore test if it passed by the as-of date."""
    day = as_date(value_at(control.data, "last_restore_test", "date"))
    if day is None or day > as_of:
        return None
    return day if value_at(control.data, "last_restore_test", "result") == "pass" else None


def _each_backup(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """When BCM-09 will ask a backup control behind a critical function for a restore test of
    its own: its latest test failed (overdue from that day), or passed and other controls'
    later passing tests cover every function it covers, so that BCM-06's entry (the latest
    test of any of them) is not the date BCM-09 reports it from: its own test plus
    ``restore_test_max_age_days``. A control whose functions no later test covers is BCM-06's
    entry; one with no recorded test, BCM-06's to report."""
    if "BCM-09" not in intervals.running:
        return
    every = intervals.days("BCM-09", "restore_test_max_age_days", 365)
    critical = critical_entities(facts)
    backups = [c for c in in_order(facts.index.of_kind("Control")) if implemented_backup(c)]
    covers = {id(c): critical_covered(c, critical) for c in backups}
    for control in backups:
        day = as_date(value_at(control.data, "last_restore_test", "date"))
        if not covers[id(control)] or day is None or day > facts.as_of:
            continue
        names = listed(covers[id(control)])
        title = f"restore test of backup control {control.id} on its own (it covers {names})"
        owner = text_of(control.data.get("owner"))
        at = ("last_restore_test",)
        if value_at(control.data, "last_restore_test", "result") == "fail":
            detail = f"its latest restore test failed on {day.isoformat()}: repair and test it"
            yield Deadline(day, "backup-test", title, detail, control, at, owner)
            continue
        later = [
            c
            for c in backups
            if c is not control
            and (other := _passed_on(c, facts.as_of)) is not None
            and other > day
        ]
        if all(any(f in covers[id(c)] for c in later) for f in covers[id(control)]):
            detail = f"last passed {day.isoformat()}; due every {every} days"
            yield Deadline(shift(day, every), "backup-test", title, detail, control, at, owner)
