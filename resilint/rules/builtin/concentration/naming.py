"""How the concentration findings name what they count: the criticality levels of the functions
counted, and the documents of a list of places, each once."""

from __future__ import annotations

from collections.abc import Iterable

from resilint.domain.graph import Hop
from resilint.rules.model import RuleContext


def described(context: RuleContext) -> str:
    """How messages name the functions counted: 'critical or important'."""
    return " or ".join(context.facts.definitions.critical_levels) or "critical"


def ids(places: Iterable[Hop]) -> list[str]:
    return list(dict.fromkeys(str(place.document.id) for place in places))
