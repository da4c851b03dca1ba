"""The exercises the exercise rules date tests by: the completed exercises up to the as-of date
(what a completed exercise is: :func:`resilint.domain.lifecycle.completed_exercises`, as impact
reads it), and how long a test stays current (``max_age_days``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from resilint.domain.lifecycle import completed_exercises, shift
from resilint.domain.readers import integer, strings
from resilint.model import Document
from resilint.rules.model import RuleContext

Dated = tuple[datetime.date, Document]

TARGETS = {
    "functions": "BusinessFunction",
    "playbooks": "Playbook",
    "suppliers": "Supplier",
    "continuity_plans": "ContinuityPlan",
}
"""The kind of document an exercise's reference fields name."""


def dated_day(pair: Dated) -> datetime.date:
    return pair[0]


def days_param(context: RuleContext, name: str, default: int) -> int:
    value = integer(context.params.get(name))
    return value if value is not None and value >= 0 else default


def as_of_text(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


@dataclass(frozen=True)
class Tests:
    """Completed exercises up to the as-of date, and the period a test stays current."""

    completed: tuple[Dated, ...]
    max_age: int
    oldest: datetime.date
    meant: Callable[[str, str], list[Document]] | None = None
    """The exercises naming no document under a field but most likely ``doc_id`` (REF-01 says
    so): counted as naming it, as correcting the reference will."""

    @classmethod
    def of(cls, context: RuleContext) -> Tests:
        max_age = days_param(context, "max_age_days", 365)
        done = completed_exercises(context.index, context.as_of).exercises

        def meant(field: str, doc_id: str) -> list[Document]:
            target = TARGETS.get(field)
            return context.misnamed("Exercise", f"{field}.[]", target, doc_id) if target else []

        return cls(done, max_age, shift(context.as_of, -max_age), meant)

    def latest(self, field: str, doc_id: str, *more: Dated) -> Dated | None:
        """The latest completed exercise naming ``doc_id`` under ``field`` (or one of ``more``),
        or meaning it (:attr:`meant`)."""
        extra = self.meant(field, doc_id) if self.meant is not None else []
        found = [
            p
            for p in self.completed
            if doc_id in strings(p[1].data.get(field)) or any(p[1] is d for d in extra)
        ]
        return max([*found, *more], key=dated_day, default=None)

    def last(self, field: str, doc_id: str) -> Dated | None:
        """:meth:`latest`, as :class:`resilint.domain.lifecycle.Exercises` asks: EXR-01 reads
        a function's last exercise with :func:`resilint.domain.lifecycle.function_exercised`,
        as the calendar, impact and the report do, counting an id misspelt as the one meant."""
        return self.latest(field, doc_id)
