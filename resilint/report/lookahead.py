"""Dates the checks in Python warn from ahead of the event, read as they read them: an insurance
policy ending with no renewal recorded (INS-06, ``ending_within_days`` before its end:
:func:`resilint.domain.tower.lapse_warned_from`) and the exercise of the required scenario the
period's exercises must include (EXR-02, a supplier compromise every ``period_days``:
:func:`resilint.domain.lifecycle.scenario_played_until`) and, for an entity under NYDFS, the
annual certification of compliance due by 15 April (ENT-02, 23 NYCRR 500.17(b):
:mod:`resilint.domain.nydfs`). Each is due on the last day its rule
is silent and listed only while the rule runs."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from resilint.domain import Facts
from resilint.domain.lifecycle import scenario_anchor, scenario_played_until, shift
from resilint.domain.nydfs import last_due, next_due
from resilint.domain.readers import as_date, in_order, listed, strings, text_of, value_at
from resilint.domain.tower import lapse_carrier, lapse_warned_from
from resilint.report.deadline import Deadline, Intervals


def lookahead_dates(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    if "INS-06" in intervals.running:
        yield from _renewals(facts, intervals)
    if "EXR-02" in intervals.running:
        yield from _scenario(facts, intervals)
        yield from _invitations(facts, intervals)
    if "ENT-02" in intervals.running:
        yield from _certifications(facts)


def _renewals(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The renewal of each policy not yet ended that INS-06 will warn of: the day before the
    warning starts. An excess layer that follows the form of a policy ending with it is named
    in that policy's entry, as in the rule's one warning."""
    days = intervals.days("INS-06", "ending_within_days", 60)
    policies = in_order(facts.index.of_kind("InsurancePolicy"))
    warned = {}
    for policy in policies:
        end = as_date(value_at(policy.data, "period", "end"))
        first = lapse_warned_from(facts, policy, policies, days)
        if end is not None and end >= facts.as_of and first is not None:
            warned[id(policy)] = (policy, end, first)
    lapsing = [p for p, _, _ in warned.values()]
    carriers = {id(p): lapse_carrier(facts, p, lapsing) for p in lapsing}
    for policy, end, first in warned.values():
        if carriers[id(policy)] is not policy:
            continue
        layers = [str(p.id) for p in lapsing if p is not policy and carriers[id(p)] is policy]
        with_layers = f" (with its excess layer {listed(layers)})" if layers else ""
        yield Deadline(
            shift(first, -1),
            "insurance-renewal",
            f"renewal of insurance policy {policy.id}{with_layers}",
            f"it ends on {end.isoformat()} and no renewal is recorded: record the new policy "
            f"at least {days} days before its end",
            policy,
            ("period", "end"),
            text_of(policy.data.get("owner")),
        )


def _scenario(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The next exercise of the required scenario: the latest completed one that played it,
    plus ``period_days``; due now where none did. On the exercise EXR-02 will place its finding
    on that day; none where no exercise is dated (EXR-01's to report)."""
    params = intervals.params.get("EXR-02", {})
    scenario = text_of(params.get("required_scenario")) or "supplier_compromise"
    period = intervals.days("EXR-02", "period_days", 365)
    until = scenario_played_until(facts.index, facts.as_of, scenario, period)
    judged = facts.as_of if until is None or until < facts.as_of else shift(until, 1)
    anchor = scenario_anchor(facts.index, judged, period)
    if anchor is None:
        return
    words = scenario.replace("_", " ")
    if until is None:
        detail = f"no completed exercise played a {words}"
    else:
        last = shift(until, -period).isoformat()
        detail = f"last played {last}; EXR-02 asks one every {period} days"
    yield Deadline(
        until,
        "scenario-exercise",
        f"exercise playing a {words} (scenario {scenario})",
        detail + _planned(facts, scenario) + _not_counted(facts, scenario),
        anchor,
        ("scenarios",),
        text_of(anchor.data.get("owner")),
    )


def _invitations(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The invitations to each planned exercise whose participants leave a seat EXR-02 asks
    empty: due the day before the rule judges its seats, ``planned_notice_days`` before its
    date (:func:`~resilint.rules.builtin.exercises.participants.judged_from`), naming the
    seats (:func:`~resilint.rules.builtin.exercises.participants.unfilled_seats`). None for
    an exercise with every seat filled, with no date (EXR-01's and the schema's to report),
    or whose date has passed (EXR-05's entry asks whether it took place)."""
    from resilint.rules.builtin.exercises.participants import (
        exercise_words,
        judged_from,
        seats_words,
        unfilled_seats,
    )

    params = intervals.params.get("EXR-02", {})
    notice = intervals.days("EXR-02", "planned_notice_days", 30)
    notice = notice if notice >= 0 else 30  # as the rule reads it
    for exercise in in_order(facts.index.of_kind("Exercise")):
        day = as_date(exercise.data.get("date"))
        first = judged_from(exercise, notice)
        if exercise.data.get("status") != "planned" or day is None or first is None:
            continue
        if day < facts.as_of:
            continue  # its day has passed: no invitation helps now (EXR-05's entry asks)
        missing = unfilled_seats(facts, params, exercise)
        if not missing:
            continue
        yield Deadline(
            shift(first, -1),
            "exercise-invitations",
            f"invitations to {exercise_words(exercise)}",
            f"it is planned for {day.isoformat()}: invite {seats_words(missing)} "
            f"(participants): EXR-02 looks for them {notice} days before (planned_notice_days)",
            exercise,
            ("participants",),
            text_of(exercise.data.get("owner")),
        )


def _not_counted(facts: Facts, scenario: str) -> str:
    """ "; not counted, ...": the exercises that may have played the scenario but whose record
    fails the schema where EXR-02 reads it (scenarios such as 'Supplier_compromise'; for one
    that plays it, a status such as 'Completed' or a date such as '12.03.2026'), so neither
    the rule nor this entry counts them, and ``check`` reports the schema error in place of the
    rule's finding until the record is corrected; else ""."""
    from resilint.domain.documents import schema_enum

    known = schema_enum("exercise.json", "properties", "scenarios", "items")
    statuses = schema_enum("exercise.json", "properties", "status")
    said = []
    for exercise in in_order(facts.index.of_kind("Exercise")):
        data = exercise.data
        played = data.get("scenarios")
        wrong = []
        if played is not None and not isinstance(played, list):
            wrong.append(f"its scenarios {_shown(played)} are not written as a list")
        elif played is not None and not set(strings(played)) <= known:
            wrong.append(f"its scenarios {_shown(played)} are not all ones the schema knows")
        elif scenario not in strings(played):
            continue
        if wrong and not _may_play(played, known, scenario):
            continue  # its other scenarios are known ones, and this is not among them
        status, day = data.get("status"), data.get("date")
        if status is not None and (not isinstance(status, str) or status not in statuses):
            allowed = ", ".join(sorted(statuses))
            wrong.append(f"its status {_shown(status)} is not one of {allowed}")
        if day is not None and as_date(day) is None:
            wrong.append(f"its date {_shown(day)} is not a date (YYYY-MM-DD)")
        if wrong and status != "cancelled":
            where = f"{exercise.path}:{exercise.line}"
            said.append(f"exercise {exercise.id} ({where}): {' and '.join(wrong)}")
    if not said:
        return ""
    return (
        "; not counted, as their records fail the schema (until they are corrected, check "
        f"reports the schema error in place of EXR-02): {'; '.join(said)}"
    )


def _may_play(played: object, known: frozenset[str], scenario: str) -> bool:
    """Whether an exercise whose ``scenarios`` fail the schema may have played ``scenario``:
    it may where the scenarios it names that the schema knows (as written, or but for case,
    spaces and hyphens: 'Supplier compromise') include it, or where it names none the schema
    knows ('Vendor breach'), as nothing then tells which it played; not where it names only
    others ('[Ransomware]', '[cloud_region_outage, Vendor breach]' did not play a supplier
    compromise)."""
    items = played if isinstance(played, list) else [played]
    named = set()
    for item in items:
        if isinstance(item, str):
            word = "_".join(item.strip().lower().replace("-", " ").split())
            if word in known:
                named.add(word)
    return not named or scenario in named


def _shown(value: object) -> str:
    """A value from the YAML as the detail quotes it: text in quotes, a list as written."""
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def _planned(facts: Facts, scenario: str) -> str:
    """ "; planned: <exercise> on <date>" for the earliest planned exercise still to come that
    plays the scenario, else ""."""
    ahead = [
        (day, exercise)
        for exercise in facts.index.of_kind("Exercise")
        if exercise.data.get("status") == "planned"
        and scenario in strings(exercise.data.get("scenarios"))
        and (day := as_date(exercise.data.get("date"))) is not None
        and day >= facts.as_of
    ]
    if not ahead:
        return ""
    day, exercise = min(ahead, key=lambda pair: pair[0])
    return f"; planned: {exercise.id} on {day.isoformat()}"


def _certifications(facts: Facts) -> Iterator[Deadline]:
    """For each entity under NYDFS, each certification not filed by the date checked: the one
    last due (overdue: ENT-02 reports it) and the next, due on its 15 April. Each year's is a
    filing of its own: the next falls due whether or not the overdue one has been filed."""
    for entity in in_order(facts.index.of_kind("Entity")):
        if "nydfs" not in facts.entity(entity).regimes:
            continue
        last = last_due(entity, facts.as_of)
        for due in (last, next_due(entity, facts.as_of)):
            if due is None or _filed(due.filed, facts):
                continue  # filed (the next one early): nothing due for that year
            yield Deadline(
                due.due,
                "nydfs-certification",
                f"NYDFS certification of compliance of entity {entity.id} for {due.year}",
                "a certification of material compliance with 23 NYCRR Part 500, or an "
                "acknowledgment of noncompliance, signed by the highest-ranking executive and "
                "the CISO (500.17(b))" + _recorded(due.recorded, due.filed),
                entity,
                ("nydfs_certifications",),
                text_of(entity.data.get("owner")),
            )


def _recorded(item: object, filed: datetime.date | None) -> str:
    """What the entity's record of the filing says where it does not show it filed."""
    if item is None:
        return ""
    if filed is None:
        return "; its record has no filing date (filed)"
    return f"; its record is dated {filed.isoformat()}, after the date checked"


def _filed(day: datetime.date | None, facts: Facts) -> bool:
    return day is not None and day <= facts.as_of
