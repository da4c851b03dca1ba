"""EXR-02: each exercise seats the roles its type and scenarios call for, and the last
year's exercises include a supplier-compromise scenario."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from resilint.domain import Facts
from resilint.domain.documents import schema_enum
from resilint.domain.lifecycle import (
    completed_exercises,
    scenario_anchor,
    scenario_played_until,
    shift,
)
from resilint.domain.readers import as_date, listed, point_at, strings, text_of
from resilint.findings import Finding, JsonPath, Level
from resilint.model import Document
from resilint.rules.builtin.exercises.dated import (
    as_of_text,
    days_param,
)
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

UNSPECIFIED = "unspecified"
"""The key of required_participants for an exercise that does not record its type."""
ALWAYS = "always"
"""Within an exercise type's entry: the roles every exercise of that type needs."""
ICT = "ict"
"""Within an exercise type's entry: the roles an exercise of that type needs unless the data shows
its scenario involves no ICT (:func:`_without_ict`)."""
NON_ICT_SCENARIOS = frozenset({"supplier_outage", "outage", "other"})
"""Scenarios that may be about ICT or not, the suppliers the exercise plays decide; the others
(a compromise, ransomware, a data exposure, a cloud region, a switchover, an insurance claim
under a cyber policy) are about ICT by their nature."""
Roles = tuple[str, ...]
"""One required seat: any of these roles fills it (finance, or risk where it holds the insurance
programme)."""
_DISCUSSION: dict[str, list[Any]] = {
    ICT: ["security"],
    ALWAYS: ["procurement", "legal", ["finance", "risk"]],
}
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
    oldest = shift(context.as_of, -days_param(context, "period_days", 365))
    for exercise in context.index.of_kind("Exercise"):
        status = exercise.data.get("status")
        if status == "cancelled" or (status == "planned" and not _due(context, exercise)):
            continue
        if status != "planned" and _before(exercise, oldest):
            continue  # history: who sat in it can no longer change, and it tests nothing now
        missing = unfilled_seats(context.facts, context.params, exercise, table)
        if missing:
            yield _missing_roles(context, info, exercise, missing)
    scenario = _scenario_missing(context, info)
    if scenario is not None:
        yield scenario


def unfilled_seats(
    facts: Facts,
    params: Mapping[str, Any],
    exercise: Document,
    table: Mapping[str, Mapping[str, list[Roles]]] | None = None,
) -> list[Roles]:
    """The seats EXR-02 asks of the exercise (by its type, its scenarios and whether it is about
    ICT, ``required_participants`` as configured in ``params``) that its participants leave
    empty; none for its owners rehearsing their own procedure. The calendar's invitation
    entries read the same seats."""
    if _owners_rehearsal(facts, params, exercise):
        return []
    if table is None:
        table = _participants_table(params.get("required_participants"))
    present = set(strings(exercise.data.get("participants")))
    required = _required(exercise, table, _without_ict(facts, exercise))
    return [seat for seat in required if not set(seat) & present]


def judged_from(exercise: Document, notice: int) -> datetime.date | None:
    """The first day EXR-02 judges the seats of a planned exercise: ``planned_notice_days``
    before its date, when the invitations are due (None where it records no date)."""
    day = as_date(exercise.data.get("date"))
    return shift(day, -notice) if day is not None else None


def _owners_rehearsal(facts: Facts, params: Mapping[str, Any], exercise: Document) -> bool:
    """An exercise of functions none of which is critical or important (it names them, and each
    is recorded at a criticality the configuration does not count as critical) that plays no
    supplier compromise: its owners rehearsing their own procedure, which needs no lawyer,
    buyer or treasurer at the table. An exercise naming no function, or one not recorded, is
    judged as before."""
    named = strings(exercise.data.get("functions"))
    scenario = text_of(params.get("required_scenario")) or "supplier_compromise"
    if not named or scenario in strings(exercise.data.get("scenarios")):
        return False
    functions = [facts.index.get("BusinessFunction", name) for name in named]
    return all(f is not None and not facts.function(f).critical for f in functions)


def _without_ict(facts: Facts, exercise: Document) -> bool:
    """The data shows the exercise's scenario involves no ICT: it records its scenarios, none of
    them about ICT by nature, and the suppliers it plays (those it names, else those of the
    functions it names) are recorded, at least one, and none provides ICT services or operates
    in our systems (a caterer's kitchen closed). An exercise that does not say is judged as one
    about ICT."""
    scenarios = strings(exercise.data.get("scenarios"))
    if not scenarios or not set(scenarios) <= NON_ICT_SCENARIOS:
        return False
    suppliers = _suppliers_played(facts, exercise)
    return bool(suppliers) and all(s is not None and facts.supplier(s).non_ict for s in suppliers)


def _suppliers_played(facts: Facts, exercise: Document) -> list[Document | None]:
    named = strings(exercise.data.get("suppliers"))
    if not named:
        for name in strings(exercise.data.get("functions")):
            function = facts.index.get("BusinessFunction", name)
            if function is None:
                return [None]
            depends = function.data.get("depends_on")
            named += strings(depends.get("suppliers") if isinstance(depends, dict) else None)
    return [facts.index.get("Supplier", name) for name in dict.fromkeys(named)]


def _before(exercise: Document, oldest: datetime.date) -> bool:
    """An exercise held before the period the rules look back over (period_days): a record of
    history. Its seats can no longer be filled, and EXR-01 and the scenario check judge the
    exercises of the period; judged, it would stay an error that only deleting the record or a
    waiver renewed every year could clear."""
    day = as_date(exercise.data.get("date"))
    return day is not None and day < oldest


def _due(context: RuleContext, exercise: Document) -> bool:
    """A planned exercise is judged once its date is near (planned_notice_days), when the
    invitations are due: further out, who takes part is not settled yet."""
    first = judged_from(exercise, days_param(context, "planned_notice_days", 30))
    return first is not None and first <= context.as_of


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


def _required(
    exercise: Document, table: Mapping[str, Mapping[str, list[Roles]]], without_ict: bool
) -> list[Roles]:
    kind = text_of(exercise.data.get("type")) or UNSPECIFIED
    row = table.get(kind, table.get(UNSPECIFIED, {}))
    wanted = [*([] if without_ict else row.get(ICT, [])), *row.get(ALWAYS, [])]
    for scenario in strings(exercise.data.get("scenarios")):
        wanted += row.get(scenario, [])
    return list(dict.fromkeys(wanted))


def _missing_roles(
    context: RuleContext, info: RuleInfo, exercise: Document, missing: list[Roles]
) -> Finding:
    planned = exercise.data.get("status") == "planned"
    what = ("planned " if planned else "") + exercise_words(exercise)
    shown = seats_words(missing)
    message = (
        f"{what} {'does not yet include' if planned else 'does not include'} {shown}: "
        "decisions on contracts, insurance notice, funding and communications cannot be "
        "rehearsed without the people who take them, so invite them (participants); the roles "
        "each type of exercise needs are set by the parameter required_participants"
    )
    at = point_at(exercise.data, "participants")
    level = Level.INFO if planned else None
    # a status or date that fails the schema ('Cancelled', '12.03.2023') has the exercise
    # judged as one held this year: the gap waits for it
    read = [(exercise, ("status",)), (exercise, ("date",))]
    return context.finding(
        info, exercise, at, message, discriminator="participants", level=level, judged_on=read
    )


def exercise_words(exercise: Document) -> str:
    """How a message names the exercise: "tabletop exercise tt-1 playing supplier compromise";
    the calendar's invitation entries name it so too."""
    kind = text_of(exercise.data.get("type"))
    played = [s.replace("_", " ") for s in strings(exercise.data.get("scenarios"))]
    what = (f"{kind} exercise" if kind else "exercise") + f" {exercise.id}"
    return what + (f" playing {listed(played)}" if played else "")


def seats_words(seats: list[Roles]) -> str:
    """The seats as a message lists them: "legal and finance (or risk)"."""
    return listed([_seat_words(seat) for seat in seats])


def _seat_words(seat: Roles) -> str:
    first, *others = seat
    return f"{first} (or {' or '.join(others)})" if others else first


def _scenario_missing(context: RuleContext, info: RuleInfo) -> Finding | None:
    scenario = text_of(context.params.get("required_scenario")) or "supplier_compromise"
    period = days_param(context, "period_days", 365)
    until = scenario_played_until(context.index, context.as_of, scenario, period)
    if until is not None and until >= context.as_of:
        return None
    exercise = scenario_anchor(context.index, context.as_of, period)
    if exercise is None:
        return None  # no exercise at all: EXR-01 reports every untested critical function
    oldest = shift(context.as_of, -period)
    recent = [
        p for p in completed_exercises(context.index, context.as_of).exercises if p[0] >= oldest
    ]
    message = (
        f"none of the exercises completed in the last {period} days simulated a "
        f"{scenario.replace('_', ' ')} (scenario {scenario}): schedule one in which a key "
        "supplier is compromised and we must isolate it, switch to manual work and notify the "
        f"insurer (finding placed on the latest exercise, {exercise.id})" + as_of_text(context)
    )
    related = tuple(
        context.related(p[1], point_at(p[1].data, "scenarios"), f"also in the period: {p[1].label}")
        for p in recent
        if p[1] is not exercise
    )
    at = point_at(exercise.data, "scenarios")
    # an exercise whose scenarios fail the schema ('Supplier_compromise') may be the one that
    # played it, as may one that did whose date or status does ('12.03.2026', 'Completed')
    read: list[tuple[Document, JsonPath]] = []
    known = schema_enum("exercise.json", "properties", "scenarios", "items")
    for other in context.index.of_kind("Exercise"):
        played = other.data.get("scenarios")
        if not isinstance(played, list) or not set(strings(played)) <= known:
            read.append((other, ("scenarios",)))
        if scenario in strings(played):
            read += [(other, ("date",)), (other, ("status",))]
    return context.finding(
        info, exercise, at, message, related, discriminator="scenario", judged_on=read
    )


CHECKS: dict[str, PythonCheck] = {
    "exercise-participants-and-scenario": check_exercise_scope,  # EXR-02
}
