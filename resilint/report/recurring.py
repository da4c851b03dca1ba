"""What falls due again and again: supplier assessments (SUP-04's intervals by tier in effect),
exercises of critical functions and required joint playbooks (EXR-01's), planned exercises and
open exercise findings. The intervals are the rules' own, as configured, so an assessment is
due here exactly when SUP-04 would start to report it."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain import Facts
from resilint.domain.lifecycle import ENGAGED, completed_exercises, shift
from resilint.domain.readers import as_date, dicts, text_of, value_at
from resilint.report.deadline import Deadline, Intervals


def recurring_dates(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    yield from _assessments(facts, intervals)
    yield from _exercises(facts, intervals)


def _assessments(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    for supplier in facts.index.of_kind("Supplier"):
        fact = facts.supplier(supplier)
        tier = fact.effective_tier
        if fact.lifecycle != ENGAGED or tier is None or tier not in intervals.assessment_days:
            continue
        if "assessment" not in fact.requires:  # SUP-04 asks none of it (the requirements
            continue  # matrix: a tier-3 supplier without ICT services, access or our data)
        every = intervals.assessment_days[tier]
        last = as_date(value_at(supplier.data, "last_assessment", "date"))
        title = f"assessment of supplier {supplier.id} (tier {tier} in effect)"
        owner = text_of(supplier.data.get("owner"))
        if last is None:
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
    done = completed_exercises(facts.index, facts.as_of)
    every = intervals.exercise_days
    for function in facts.critical_functions():
        last = done.latest("functions", str(function.id))
        level = text_of(function.data.get("criticality")) or "critical"
        title = f"exercise of {level} function {function.id}"
        owner = text_of(function.data.get("owner"))
        if last is None:
            yield Deadline(
                None, "exercise", title, "no completed exercise lists it", function, ("id",), owner
            )
        else:
            detail = f"last exercised {last.isoformat()}; due every {every} days"
            yield Deadline(shift(last, every), "exercise", title, detail, function, ("id",), owner)
    for playbook in facts.index.of_kind("Playbook"):
        if not facts.playbook(playbook).required:
            continue
        own = as_date(playbook.data.get("last_exercised"))
        found = done.latest("playbooks", str(playbook.id))
        last = max((d for d in (own, found) if d is not None), default=None)
        title = f"exercise of joint playbook {playbook.id}"
        owner = text_of(playbook.data.get("owner"))
        detail = (
            f"last exercised {last.isoformat()}; due every {every} days"
            if last
            else "it records no exercise"
        )
        yield Deadline(
            shift(last, every) if last else None,
            "exercise",
            title,
            detail,
            playbook,
            ("last_exercised",),
            owner,
        )
    yield from _planned_and_findings(facts)


def _planned_and_findings(facts: Facts) -> Iterator[Deadline]:
    for exercise in facts.index.of_kind("Exercise"):
        data = exercise.data
        day = as_date(data.get("date"))
        owner = text_of(data.get("owner"))
        if data.get("status") == "planned" and day is not None and day >= facts.as_of:
            kind = text_of(data.get("type")) or "exercise"
            yield Deadline(
                day,
                "exercise-planned",
                f"{kind} {exercise.id}",
                "planned",
                exercise,
                ("date",),
                owner,
            )
        for i, item in dicts(data.get("findings")):
            due = as_date(item.get("due_date"))
            if due is None or item.get("status") == "closed":
                continue
            what = text_of(item.get("description")) or text_of(item.get("id")) or f"#{i + 1}"
            yield Deadline(
                due,
                "exercise-finding",
                f"finding of exercise {exercise.id}",
                what,
                exercise,
                ("findings", i, "due_date"),
                text_of(item.get("owner")) or owner,
            )
