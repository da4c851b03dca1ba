"""The deadlines of the next N days, from the checked model, overdue first: what the documents
record (:mod:`.agreements`), what falls due again (:mod:`.recurring`) and the reviews,
rotations and updates the rules ask on a cycle (:mod:`.reviews`) and what the rules warn of
ahead (:mod:`.lookahead`). The report's deadlines
section and ``resilint calendar`` both list these."""

from __future__ import annotations

import dataclasses
import datetime

from resilint.domain import Facts
from resilint.domain.lifecycle import shift
from resilint.report.agreements import agreement_dates
from resilint.report.deadline import DEFAULT_DAYS, Deadline, Intervals
from resilint.report.lookahead import lookahead_dates
from resilint.report.recurring import recurring_dates
from resilint.report.reviews import review_dates


def upcoming(facts: Facts, intervals: Intervals, days: int = DEFAULT_DAYS) -> list[Deadline]:
    """Every deadline up to ``days`` after the as-of date, overdue ones first, then by date."""
    as_of = facts.as_of
    horizon = shift(as_of, days)
    found = [
        *agreement_dates(facts),
        *recurring_dates(facts, intervals),
        *review_dates(facts, intervals),
        *lookahead_dates(facts, intervals),
    ]
    kept = [d for d in _joined(found) if d.day is None or d.day <= horizon]
    return sorted(
        kept,
        key=lambda d: (
            not d.overdue(as_of),
            d.day or datetime.date.min,
            d.category,
            d.document.path,
            d.document.index,
        ),
    )


def _joined(found: list[Deadline]) -> list[Deadline]:
    """One entry where one restore test meets two rules: the evidence INS-02 asks of a
    restore-testing control an insurance condition relies on joins the restore test BCM-06 asks
    of the backups behind critical functions when that control is one of them, naming both
    reasons and due at the earlier date."""
    evidence = [d for d in found if d.category == "control-evidence" and d.restored_from]
    joined: set[int] = set()
    out = []
    for deadline in found:
        if deadline.category != "restore-test":
            out.append(deadline)
            continue
        also = [e for e in evidence if e.restored_from[0] in deadline.restored_from]
        joined.update(id(e) for e in also)
        out.append(_both(deadline, also) if also else deadline)
    return [d for d in out if id(d) not in joined]


def _both(restore: Deadline, evidence: list[Deadline]) -> Deadline:
    days = [d.day for d in (restore, *evidence)]
    day = None if None in days else min(d for d in days if d is not None)
    titles = "; ".join(e.title for e in evidence)
    details = "; ".join(f"{e.detail} (control {e.document.id})" for e in evidence)
    return dataclasses.replace(
        restore,
        day=day,
        title=f"{restore.title}, and {titles}",
        detail=f"{restore.detail}; for the insurance policy: {details}",
        owner=restore.owner or evidence[0].owner,
        joined=tuple(dict.fromkeys(placed for e in evidence for placed in e.placed)),
    )
