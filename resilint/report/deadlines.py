"""The deadlines of the next N days, from the checked model, overdue first: what the documents
record (:mod:`.agreements`), what falls due again (:mod:`.recurring`) and the reviews,
rotations and updates the rules ask on a cycle (:mod:`.reviews`). The report's deadlines
section and ``resilint calendar`` both list these."""

from __future__ import annotations

import datetime

from resilint.domain import Facts
from resilint.domain.lifecycle import shift
from resilint.report.agreements import agreement_dates
from resilint.report.deadline import DEFAULT_DAYS, Deadline, Intervals
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
    ]
    kept = [d for d in found if d.day is None or d.day <= horizon]
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
