"""Which waivers may suppress: those EXC-01 accepts, whatever rules a run selects.

EXC-01's requirements (``rules/exceptions.yaml``) are the one statement of what a waiver
needs: the rule it waives and its targets, a rationale, a risk owner, an approver the
configuration allows for its rule (parameter ``approvers``), the day it was approved (not one
still to come) and an expiry at most ``max_days`` after it that has not passed. A waiver that
fails one of them suppresses nothing, and nothing that reads waivers believes it (CTR-04 judges
the notice window a waiver of CTR-03 accepts), also where EXC-01 does not run (``--select
CTR-08``, ``ignore: [EXC-01]``) or is given another level: what a run leaves out of its report it
must not take on trust. What EXC-01 rates below its own level of its own accord (the warning that
a waiver expires soon) leaves the waiver standing.

EXC-01 reads a waiver alone (its fields, its parameters and the date), so it judges the waivers
on an index of their own: a check whose rules' findings were kept from the last run builds no
model of the whole repository for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.rules.model import Rule, RuleContext

if TYPE_CHECKING:
    from resilint.engine import RuleSettings

RULE = "EXC-01"

Refused = frozenset[tuple[str, str | None]]
"""Waivers by file and id."""


class StandingWaivers:
    """Whether a waiver stands, EXC-01 judging every waiver of the check once, when first
    asked: most runs with waivers ask, a run without any builds nothing."""

    def __init__(
        self,
        rules: Iterable[Rule],
        settings: Mapping[str, RuleSettings],
        index: Index,
        as_of: datetime.date,
        locator: Locator,
    ) -> None:
        self._rule = next((rule for rule in rules if rule.info.code == RULE), None)
        own = settings.get(RULE)
        self._own = own.params if own is not None and own.params else {}
        self._index = index
        self._as_of = as_of
        self._locator = locator
        self._refused: Refused | None = None

    def __call__(self, waiver: Document) -> bool:
        if self._refused is None:
            self._refused = self._judged()
        return (waiver.path, waiver.id) not in self._refused

    def _judged(self) -> Refused:
        waivers = self._index.of_kind("Waiver")
        if not waivers:
            return frozenset()
        every = frozenset((waiver.path, waiver.id) for waiver in waivers)
        if self._rule is None:  # nothing to judge them by: none is believed
            return every
        from resilint.domain.model import Facts  # the model's modules: only when used

        info = self._rule.info
        facts = Facts(Index(waivers), self._as_of)
        # at EXC-01's own level, whatever the configuration gives it: only what the rule rates
        # lower of its own accord (a waiver expiring soon) leaves a waiver standing
        params = {**info.params, **self._own}
        context = RuleContext(
            facts.index, facts.as_of, params, info.level, frozenset(), self._locator, facts
        )
        try:
            found = list(self._rule.run(context))
        except Exception:  # none is believed; where EXC-01 runs, its crash is reported
            return every
        return frozenset(
            (f.path, f.doc_id) for f in found if f.kind == "Waiver" and f.level >= info.level
        )
