"""What is in force as of the run's date, defined once: contracts, suppliers, identities and
insurance policies (a waiver stands where EXC-01 accepts it: :mod:`resilint.waiver_validity`).
Date arithmetic saturates, so a value like 9999-12-31 or a notice period of a million days never
raises."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from resilint.domain.readers import as_date, strings, value_at
from resilint.model import Document, Index
from resilint.schemas import RefField

DRAFT = "draft"
SIGNED = "signed"
IN_FORCE = "in_force"
ENDED = "ended"

PROSPECTIVE = "prospective"
ENGAGED = "engaged"
EXITED = "exited"

_DRAFT_CONTRACT = ("draft", "prospective")
_ENDED_CONTRACT = ("ended", "terminated")


def shift(day: datetime.date, days: float) -> datetime.date:
    """``day`` moved by ``days``, held at the first or last representable date."""
    try:
        return day + datetime.timedelta(days=int(days))
    except (OverflowError, ValueError):  # past year 9999, or a count too large for a timedelta
        return datetime.date.max if days > 0 else datetime.date.min


def contract_lifecycle(contract: Document, as_of: datetime.date) -> str:
    """``draft`` (being negotiated: judged by what must be settled before signing), ``signed``
    (agreed, but its start_date is after the as-of date: judged by its terms like a contract in
    force, never counted as in force: it insures, covers and justifies nothing yet),
    ``in_force`` or ``ended``. A contract without a status is read from its dates."""
    status = contract.data.get("status")
    if status in _DRAFT_CONTRACT:
        return DRAFT
    if status in _ENDED_CONTRACT:
        return ENDED
    if status is None:
        end = as_date(contract.data.get("end_date"))
        if end is not None and end < as_of and contract.data.get("auto_renew") is not True:
            return ENDED
    start = as_date(contract.data.get("start_date"))
    if start is not None and start > as_of:
        return SIGNED
    return IN_FORCE


def lapsed_on_exit(contract: Document, supplier: Document | None, as_of: datetime.date) -> bool:
    """A contract recorded as in force whose end date has passed without automatic renewal,
    with a supplier recorded as exited: both records say it is over, and only its status was
    not updated. Its terms are not asked any more (it is judged ``ended``); CTR-13 still asks to
    correct the status."""
    if supplier is None or supplier.data.get("status") != "exited":
        return False
    if contract.data.get("status") in (*_DRAFT_CONTRACT, *_ENDED_CONTRACT):
        return False
    end = as_date(contract.data.get("end_date"))
    return end is not None and end < as_of and contract.data.get("auto_renew") is not True


def ran_on(contract: Document, day: datetime.date) -> bool:
    """A contract recorded as ended whose dates show it in force on ``day``: started by then,
    and ended after it (a terminated contract on its termination_date; one ended normally on
    its end_date). Its status is the record as it stands, which carries no date: checked as of
    an earlier date (a register's reference date), a contract ended since was in force then.
    A terminated contract without its termination_date shows nothing (its end_date was not its
    last day)."""
    if contract.data.get("status") not in _ENDED_CONTRACT:
        return False
    start = as_date(contract.data.get("start_date"))
    last = as_date(contract.data.get("termination_date"))
    if last is None and contract.data.get("status") == "ended":
        last = as_date(contract.data.get("end_date"))
    return start is not None and last is not None and start <= day <= last


def supplier_lifecycle(
    supplier: Document, contracts: Iterable[Document] = (), as_of: datetime.date | None = None
) -> str:
    """``prospective`` (not yet engaged), ``engaged`` (active or exiting) or ``exited``. A
    supplier recorded as prospective with a contract in force on ``as_of`` (one of
    ``contracts``, those naming it) is engaged: it works for us under that contract, whatever
    its record says, and every rule judges it so (SUP-14 asks to correct the record)."""
    status = supplier.data.get("status")
    if status == "prospective":
        if as_of is not None and any(contract_lifecycle(c, as_of) == IN_FORCE for c in contracts):
            return ENGAGED
        return PROSPECTIVE
    return EXITED if status == "exited" else ENGAGED


def supplier_access(identity: Document) -> bool:
    """The identity is the supplier's way into our systems, not our own credential or account
    at the supplier (``ours_at_supplier: true``: our API key to its platform, our user in its
    portal), which gives the supplier no access to us."""
    return identity.data.get("ours_at_supplier") is not True


def identity_active(identity: Document) -> bool:
    """An identity that still opens a door into our systems (not revoked or disabled)."""
    return identity.data.get("status") not in ("revoked", "disabled")


def policy_in_force(policy: Document, as_of: datetime.date) -> bool:
    """Cover applies on the date: started (or no start recorded) and not yet ended."""
    start = as_date(value_at(policy.data, "period", "start"))
    end = as_date(value_at(policy.data, "period", "end"))
    return (start is None or start <= as_of) and (end is None or end >= as_of)


@dataclass(frozen=True)
class Completed:
    """Exercises completed by the as-of date: only a completed exercise counts as a test."""

    exercises: tuple[tuple[datetime.date, Document], ...]

    def latest(self, field: str, doc_id: str) -> datetime.date | None:
        """The date of the latest one naming ``doc_id`` under ``field`` (functions,
        playbooks)."""
        found = self.last(field, doc_id)
        return found[0] if found is not None else None

    def last(self, field: str, doc_id: str) -> tuple[datetime.date, Document] | None:
        """The latest one naming ``doc_id`` under ``field`` (functions, playbooks,
        continuity_plans), with its date; the first in the index among those of one day."""
        named = [(day, e) for day, e in self.exercises if doc_id in strings(e.data.get(field))]
        return max(named, key=lambda pair: pair[0], default=None)


def completed_exercises(index: Index, as_of: datetime.date) -> Completed:
    found = []
    for exercise in index.of_kind("Exercise"):
        day = as_date(exercise.data.get("date"))
        if exercise.data.get("status") == "completed" and day is not None and day <= as_of:
            found.append((day, exercise))
    return Completed(tuple(found))


class Exercises(Protocol):
    """The completed exercises a reader dates tests by: :class:`Completed` (the calendar,
    impact, the report) or EXR-01's, which also counts an exercise naming an id misspelt
    (``resilint.rules.builtin.exercises.dated.Tests``: REF-01 reports the reference)."""

    def last(self, field: str, doc_id: str) -> tuple[datetime.date, Document] | None:
        """The latest one naming ``doc_id`` under ``field``, with its date; the first in the
        index among those of one day."""
        ...


def function_exercised(
    done: Exercises, function_id: str, plans: Iterable[Document]
) -> tuple[datetime.date, Document] | None:
    """The latest completed exercise of a function, with its date: one listing it under
    functions, or naming one of its continuity ``plans`` under continuity_plans (testing the
    plan exercised the function it keeps running); one listing it under functions on a tie,
    then the plans in their order. What counts as naming an id is ``done``'s
    (:class:`Exercises`)."""
    found = [done.last("functions", function_id)]
    found += [done.last("continuity_plans", str(p.id)) for p in plans if p.id is not None]
    return max((f for f in found if f is not None), key=lambda pair: pair[0], default=None)


def plan_own_tests(
    plans: Iterable[Document], as_of: datetime.date
) -> list[tuple[datetime.date, Document]]:
    """The tests the continuity ``plans`` record themselves (last_tested, by ``as_of``), each
    with its plan: testing a plan tested the function it keeps running, as an exercise naming
    it under continuity_plans does. A date after ``as_of`` shows no test by then."""
    found: list[tuple[datetime.date, Document]] = []
    for plan in plans:
        day = as_date(plan.data.get("last_tested"))
        if day is not None and day <= as_of:
            found.append((day, plan))
    return found


def function_tested(
    done: Exercises, function_id: str, plans: Iterable[Document], as_of: datetime.date
) -> tuple[datetime.date, Document] | None:
    """The latest test of a function by ``as_of``, with the document that records it: its
    latest completed exercise (:func:`function_exercised`), or a later test one of its
    continuity ``plans`` records itself (:func:`plan_own_tests`); the exercise on a tie."""
    plans = list(plans)
    found = [function_exercised(done, function_id, plans)]
    found += plan_own_tests(plans, as_of)
    return max((f for f in found if f is not None), key=lambda pair: pair[0], default=None)


def plan_test(
    plan: Document, exercised: tuple[datetime.date, Document] | None, as_of: datetime.date
) -> tuple[datetime.date, Document] | None:
    """A continuity plan's last test as of ``as_of``, with the document that records it: the
    later of the plan's own last_tested and ``exercised``, the latest exercise completed by
    then that names the plan under continuity_plans (:meth:`Completed.last`; a planned or
    cancelled one tests nothing); the plan on a tie. A last_tested after ``as_of`` shows no
    test by then: it is returned (for the rules to say so) only where no exercise by then
    tested the plan. None where neither records a test."""
    own = as_date(plan.data.get("last_tested"))
    if own is None or (own > as_of and exercised is not None):
        return exercised
    if exercised is not None and exercised[0] > own:
        return exercised
    return own, plan


def plan_tested(
    index: Index, plan: Document, as_of: datetime.date
) -> tuple[datetime.date, Document] | None:
    """:func:`plan_test` of the plan, from the exercises naming it (indexed once)."""
    named = [
        (day, exercise)
        for exercise in index.referrers(_PLAN_EXERCISES).get(str(plan.id), [])
        if exercise.data.get("status") == "completed"
        and (day := as_date(exercise.data.get("date"))) is not None
        and day <= as_of
    ]
    return plan_test(plan, max(named, key=lambda pair: pair[0], default=None), as_of)


_PLAN_EXERCISES = RefField("Exercise", ("continuity_plans", "[]"), "ContinuityPlan")


def earliest_planned(
    index: Index, field: str, name: str, as_of: datetime.date
) -> tuple[datetime.date, Document] | None:
    """The earliest exercise still to come (planned, dated on or after the as-of date) that
    lists ``name`` under ``field`` (functions, playbooks, continuity_plans), with its date; the
    first in the index among those of one day. A plan is no test: EXR-01's gap stands until it
    is held, and its finding and the calendar name the exercise rather than ask to schedule
    one."""
    ahead = [
        (day, exercise)
        for exercise in index.referrers(_EXERCISE_LISTS[field]).get(name, [])
        if exercise.data.get("status") == "planned"
        and (day := as_date(exercise.data.get("date"))) is not None
        and day >= as_of
    ]
    return min(ahead, key=lambda pair: pair[0]) if ahead else None


def never_exercised(plans: Iterable[object], fields: bool = False) -> str:
    """What shows no exercise of a function, in words: no completed exercise lists it, nor
    (where it has continuity plans, given by id) names one of them, which counts as exercising
    it (:func:`function_exercised`); with the fields they are listed under, for a finding that
    points into the YAML (``fields``), without for a calendar, an impact card or a report."""
    under_functions = " under functions" if fields else ""
    under_plans = " under continuity_plans" if fields else ""
    never = f"no completed exercise lists it{under_functions}"
    named = sorted(str(plan) for plan in plans if plan is not None)
    if len(named) == 1:
        never += f" or names its continuity plan {named[0]}{under_plans}"
    elif named:
        never += f" or names one of its continuity plans ({', '.join(named)}){under_plans}"
    return never


def tested_after(plans: Iterable[Document], as_of: datetime.date) -> str:
    """For a function no test shows by ``as_of`` (:func:`never_exercised`): the continuity
    ``plans`` whose last_tested is after ``as_of``, in words, as EXR-01 says them: a test dated
    after the date checked shows none by then. Empty where no plan records such a date."""
    later = [
        f"continuity plan {plan.id} records its last test on {day.isoformat()}"
        for plan in plans
        if (day := as_date(plan.data.get("last_tested"))) is not None and day > as_of
    ]
    if not later:
        return ""
    when = (
        "after the date checked, so it was not yet done then"
        if len(later) == 1
        else "each after the date checked, so none was done then"
    )
    return (
        f", and none of its plans records a test by the date checked: {' and '.join(later)}, {when}"
    )


def function_planned(
    index: Index, function_id: str, plans: Iterable[Document], as_of: datetime.date
) -> tuple[datetime.date, Document, str | None] | None:
    """The earliest exercise still to come that would exercise a function, as
    :func:`function_exercised` counts a completed one: one listing it under functions, or
    naming one of its continuity ``plans`` under continuity_plans, with its date and the plan it
    names (None where it lists the function); one listing the function on a tie, then the plans
    in their order."""
    found: list[tuple[datetime.date, Document, str | None]] = [
        (*ahead, None)
        for ahead in [earliest_planned(index, "functions", function_id, as_of)]
        if ahead is not None
    ]
    for plan in plans:
        ahead = earliest_planned(index, "continuity_plans", str(plan.id), as_of)
        if ahead is not None and plan.id is not None:
            found.append((*ahead, str(plan.id)))
    return min(found, key=lambda planned: planned[0], default=None)


_EXERCISE_LISTS = {
    "functions": RefField("Exercise", ("functions", "[]"), "BusinessFunction"),
    "playbooks": RefField("Exercise", ("playbooks", "[]"), "Playbook"),
    "continuity_plans": _PLAN_EXERCISES,
}
"""What an exercise lists as tested, by field: the exercises naming each id, indexed once."""


EXERCISED = ("functions", "playbooks", "suppliers", "scenarios", "continuity_plans")
"""What an exercise names as tested: a later one naming all of it tested the same things."""
_DEMANDING = {"tabletop": 1, "simulation": 2, "live": 3}
"""How much of the real thing each type of exercise tests: a live switch-over replaces a
tabletop of it, a tabletop does not replace a live test."""


def superseded_by(index: Index, exercise: Document, as_of: datetime.date) -> Document | None:
    """The exercise that replaced a planned one whose date has passed: the first completed
    after that date, by the as-of date, that names every function, playbook, supplier,
    scenario and continuity plan the planned one names, and is of its type or a more
    demanding one (one naming none of these: any later completed exercise of that type). The
    plan was moved or its test was done another way; what it was to test was tested."""
    data = exercise.data
    day = as_date(data.get("date"))
    if data.get("status") != "planned" or day is None:
        return None
    wanted = {field: set(strings(data.get(field))) for field in EXERCISED}
    kind = _DEMANDING.get(str(data.get("type")), 0)
    held = sorted(completed_exercises(index, as_of).exercises, key=lambda pair: pair[0])
    for when, later in held:
        if when <= day or _DEMANDING.get(str(later.data.get("type")), 0) < kind:
            continue
        if all(wanted[field] <= set(strings(later.data.get(field))) for field in EXERCISED):
            return later
    return None


def scenario_played_until(
    index: Index, as_of: datetime.date, scenario: str, period: int
) -> datetime.date | None:
    """The last day on which the exercises completed by ``as_of`` still include one that played
    ``scenario`` within ``period`` days: the latest such exercise's date plus ``period``; None
    where none played it. EXR-02 asks one a period; the calendar lists this day."""
    last = completed_exercises(index, as_of).latest("scenarios", scenario)
    return shift(last, period) if last is not None else None


def scenario_anchor(index: Index, as_of: datetime.date, period: int) -> Document | None:
    """The exercise EXR-02 places a missing scenario on, as of ``as_of``: the latest completed
    in the last ``period`` days (the last in the index among those of one day), else the latest
    dated exercise not cancelled (the first in the index among those of one day); None where
    no exercise is dated (EXR-01 reports every untested critical function)."""
    oldest = shift(as_of, -period)
    recent = [p for p in completed_exercises(index, as_of).exercises if p[0] >= oldest]
    if recent:
        return max(reversed(recent), key=lambda pair: pair[0])[1]
    dated = [
        (day, exercise)
        for exercise in index.of_kind("Exercise")
        if (day := as_date(exercise.data.get("date"))) is not None
        and exercise.data.get("status") != "cancelled"
    ]
    return max(dated, key=lambda pair: pair[0])[1] if dated else None
