"""The insurance tower as the checks judge it: the policies in force with terms of their own
(an excess layer that follows form takes the terms of the policy it sits over, so it is never
asked for what it inherits, nor reported a second time)."""

from __future__ import annotations

from resilint.domain.readers import in_order
from resilint.domain.tower import own_terms
from resilint.model import Document
from resilint.rules.model import RuleContext


def judged(context: RuleContext) -> list[Document]:
    """Policies in force with terms of their own: every term of the tower is judged once."""
    return [
        p
        for p in in_order(context.index.of_kind("InsurancePolicy"))
        if context.facts.policy(p).in_force and own_terms(context.facts, p)
    ]


def as_of_text(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"
