"""Python checks of the exercise rules (rules/exercises.yaml holds their documentation).

EXR-01 dates the last test of each critical function and joint playbook, and of a function since
its last substantive change; EXR-02 asks each exercise for the participants its type and scenarios
call for, and the year's exercises for a supplier-compromise scenario. EXR-03, EXR-04, PLB-01 and
PLB-02 are declarative.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from resilint.domain.lifecycle import ENDED, ENGAGED, contract_lifecycle, shift
from resilint.domain.readers import as_date, integer, listed, point_at, strings, text_of
from resilint.findings import Finding, Level, Related
from resilint.model import Document, Index
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

JOINT_PLAYBOOK = "joint_playbook"
"""The requirements-matrix term that asks a supplier for a joint playbook, exercised yearly."""

Dated = tuple[datetime.date, Document]


def _day(pair: Dated) -> datetime.date:
    return pair[0]


def _days(context: RuleContext, name: str, default: int) -> int:
    value = integer(context.params.get(name))
    return value if value is not None and value >= 0 else default


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


@dataclass(frozen=True)
class _Tests:
    """Completed exercises up to the as-of date, and the period a test stays current."""

    completed: tuple[Dated, ...]
    max_age: int
    oldest: datetime.date

    @classmethod
    def of(cls, context: RuleContext) -> _Tests:
        max_age = _days(context, "max_age_days", 365)
        done = tuple(_completed(context.index, context.as_of))
        return cls(done, max_age, shift(context.as_of, -max_age))

    def latest(self, field: str, doc_id: str, *more: Dated) -> Dated | None:
        """The latest completed exercise naming ``doc_id`` under ``field`` (or one of ``more``)."""
        found = [p for p in self.completed if doc_id in strings(p[1].data.get(field))]
        return max([*found, *more], key=_day, default=None)


def _completed(index: Index, as_of: datetime.date) -> Iterator[Dated]:
    for exercise in index.of_kind("Exercise"):
        day = as_date(exercise.data.get("date"))
        if exercise.data.get("status") == "completed" and day is not None and day <= as_of:
            yield day, exercise


# -- EXR-01 ---------------------------------------------------------------------------------


def check_exercised_yearly(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EXR-01: critical functions exercised within the period and since their last substantive
    change; joint playbooks of the suppliers the requirements matrix asks one of, likewise."""
    tests = _Tests.of(context)
    for function in context.facts.critical_functions():
        found = _function_gap(context, info, tests, function)
        if found is not None:
            yield found
    for playbook, supplier in _joint_playbooks(context):
        found = _playbook_gap(context, info, tests, playbook, supplier)
        if found is not None:
            yield found


def _function_gap(
    context: RuleContext, info: RuleInfo, tests: _Tests, function: Document
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
        message += "; schedule a tabletop or switch-over exercise" + _as_of(context)
        return context.finding(info, function, ("id",), message, related)
    message = (
        f"{label} changed substantively on {change}{_what_changed(function)} and has not been "
        f"exercised since{last}; exercise its continuity plan again" + _as_of(context)
    )
    at = point_at(function.data, "last_substantive_change", "date")
    return context.finding(info, function, at, message, related, discriminator="after-change")


def _unretested_change(
    context: RuleContext, function: Document, latest: Dated | None
) -> datetime.date | None:
    """The date of a substantive change not exercised since, once the grace period is over."""
    change = function.data.get("last_substantive_change")
    day = as_date(change.get("date")) if isinstance(change, dict) else None
    if day is None or day > context.as_of:
        return None
    if shift(day, _days(context, "retest_after_change_days", 90)) >= context.as_of:
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
    found = list(context.index.having("Playbook", "supplier", supplier.id))
    for contract in context.index.having("Contract", "supplier", supplier.id):
        named = contract.data.get("playbook")
        playbook = context.index.get("Playbook", named) if isinstance(named, str) else None
        live = contract_lifecycle(contract, context.as_of) != ENDED
        if playbook is not None and live and playbook not in found:
            found.append(playbook)
    return found


def _playbook_gap(
    context: RuleContext, info: RuleInfo, tests: _Tests, playbook: Document, supplier: Document
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
    if latest is None:
        message += ": it records no exercise (last_exercised) and no completed exercise uses it"
    else:
        message += f": last exercised on {latest[0]}"
    message += f"; run a joint exercise with {supplier.id} and record it" + _as_of(context)
    related = (context.related(supplier, ("id",), supplier.label), *_last_related(context, latest))
    at = point_at(playbook.data, "last_exercised")
    return context.finding(info, playbook, at, message, related)


# -- EXR-02 ---------------------------------------------------------------------------------

UNSPECIFIED = "unspecified"
"""The key of required_participants for an exercise that does not record its type."""
ALWAYS = "always"
"""Within an exercise type's entry: the roles every exercise of that type needs."""
Roles = tuple[str, ...]
"""One required seat: any of these roles fills it (finance, or risk where it holds the insurance
programme)."""
_DISCUSSION = {ALWAYS: ["security", "procurement", "legal", ["finance", "risk"]]}
DEFAULT_PARTICIPANTS: dict[str, dict[str, list[Any]]] = {
    "tabletop": {**_DISCUSSION, "supplier_compromise": ["communications"]},
    "simulation": {**_DISCUSSION, "supplier_compromise": ["communications"]},
    "live": {ALWAYS: ["it"]},
    UNSPECIFIED: {**_DISCUSSION, "supplier_compromise": ["communications"]},
}


def check_exercise_scope(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EXR-02: each exercise seats the roles its type and scenarios call for, and the last
    year's exercises include a supplier-compromise scenario (a repository-wide check)."""
    table = _participants_table(context.params.get("required_participants"))
    for exercise in context.index.of_kind("Exercise"):
        status = exercise.data.get("status")
        if status == "cancelled" or (status == "planned" and not _due(context, exercise)):
            continue
        found = _missing_roles(context, info, exercise, table)
        if found is not None:
            yield found
    scenario = _scenario_missing(context, info)
    if scenario is not None:
        yield scenario


def _due(context: RuleContext, exercise: Document) -> bool:
    """A planned exercise is judged once its date is near (planned_notice_days), when the
    invitations are due: further out, who takes part is not settled yet."""
    day = as_date(exercise.data.get("date"))
    notice = _days(context, "planned_notice_days", 30)
    return day is not None and day <= shift(context.as_of, notice)


def _participants_table(value: Any) -> Mapping[str, Mapping[str, list[Roles]]]:
    """The configured table when it is one (type -> {always | scenario: seats}), else resilint's;
    a seat is a role, or a list of roles any of which fills it."""
    valid = isinstance(value, dict) and all(isinstance(v, dict) for v in value.values())
    chosen: Mapping[str, Any] = value if valid else DEFAULT_PARTICIPANTS
    return {str(kind): {str(k): _seats(v) for k, v in row.items()} for kind, row in chosen.items()}


def _seats(value: Any) -> list[Roles]:
    seats = []
    for seat in value if isinstance(value, list) else []:
        roles = tuple(strings(seat)) if isinstance(seat, list) else tuple(strings([seat]))
        if roles:
            seats.append(roles)
    return seats


def _required(exercise: Document, table: Mapping[str, Mapping[str, list[Roles]]]) -> list[Roles]:
    kind = text_of(exercise.data.get("type")) or UNSPECIFIED
    row = table.get(kind, table.get(UNSPECIFIED, {}))
    wanted = [*row.get(ALWAYS, [])]
    for scenario in strings(exercise.data.get("scenarios")):
        wanted += row.get(scenario, [])
    return list(dict.fromkeys(wanted))


def _missing_roles(
    context: RuleContext,
    info: RuleInfo,
    exercise: Document,
    table: Mapping[str, Mapping[str, list[Roles]]],
) -> Finding | None:
    present = strings(exercise.data.get("participants"))
    missing = [seat for seat in _required(exercise, table) if not set(seat) & set(present)]
    if not missing:
        return None
    kind = text_of(exercise.data.get("type"))
    played = [s.replace("_", " ") for s in strings(exercise.data.get("scenarios"))]
    planned = exercise.data.get("status") == "planned"
    what = ("planned " if planned else "") + (f"{kind} exercise" if kind else "exercise")
    what += f" {exercise.id}" + (f" playing {listed(played)}" if played else "")
    shown = listed([_seat_words(seat) for seat in missing])
    message = (
        f"{what} {'does not yet include' if planned else 'does not include'} {shown}: "
        "decisions on contracts, insurance notice, funding and communications cannot be "
        "rehearsed without the people who take them, so invite them (participants); the roles "
        "each type of exercise needs are set by the parameter required_participants"
    )
    at = point_at(exercise.data, "participants")
    level = Level.INFO if planned else None
    return context.finding(info, exercise, at, message, discriminator="participants", level=level)


def _seat_words(seat: Roles) -> str:
    first, *others = seat
    return f"{first} (or {' or '.join(others)})" if others else first


def _scenario_missing(context: RuleContext, info: RuleInfo) -> Finding | None:
    scenario = text_of(context.params.get("required_scenario")) or "supplier_compromise"
    period = _days(context, "period_days", 365)
    oldest = shift(context.as_of, -period)
    recent = sorted(
        (p for p in _completed(context.index, context.as_of) if p[0] >= oldest),
        key=_day,
    )
    if any(scenario in strings(p[1].data.get("scenarios")) for p in recent):
        return None
    anchor = recent[-1] if recent else max(_dated(context.index), key=_day, default=None)
    if anchor is None:
        return None  # no exercise at all: EXR-01 reports every untested critical function
    exercise = anchor[1]
    message = (
        f"none of the exercises completed in the last {period} days simulated a "
        f"{scenario.replace('_', ' ')} (scenario {scenario}): schedule one in which a key "
        "supplier is compromised and we must isolate it, switch to manual work and notify the "
        f"insurer (finding placed on the latest exercise, {exercise.id})" + _as_of(context)
    )
    related = tuple(
        context.related(p[1], point_at(p[1].data, "scenarios"), f"also in the period: {p[1].label}")
        for p in recent
        if p[1] is not exercise
    )
    at = point_at(exercise.data, "scenarios")
    return context.finding(info, exercise, at, message, related, discriminator="scenario")


def _dated(index: Index) -> list[Dated]:
    return [
        (day, exercise)
        for exercise in index.of_kind("Exercise")
        if (day := as_date(exercise.data.get("date"))) is not None
        and exercise.data.get("status") != "cancelled"
    ]


CHECKS: dict[str, PythonCheck] = {
    "exercised-within-a-year": check_exercised_yearly,
    "exercise-participants-and-scenario": check_exercise_scope,
}
