"""A supplier's tier as rule parameters name it: the keys of a table by tier
(``max_window_hours: {"1": 24, "2": 48, "3": 72}``, read ``by: contract.effective_tier``)."""

from __future__ import annotations

import re
from typing import Any

from resilint.suggest import closest

TIERS = ("1", "2", "3")
"""The tiers a supplier records (``tier``: 1 to 3), as a table's keys write them."""

_SPELT = {"one": "1", "two": "2", "three": "3", "l": "1", "i": "1", "|": "1"}


def is_tier_table(value: Any) -> bool:
    """A non-empty mapping whose every key is a tier: a rule's default table by tier."""
    return isinstance(value, dict) and bool(value) and all(str(k) in TIERS for k in value)


def stray_tier(table: dict[Any, Any]) -> tuple[Any, str] | None:
    """The first key of a table by tier that is no tier, with why: a value under ``"l"`` or
    ``"tier1"`` applies to no supplier, so the tier it was meant for keeps the default."""
    for key in table:
        if str(key) in TIERS:
            continue
        meant = tier_meant(str(key))
        hint = f" (did you mean '{meant}'?)" if meant else ""
        return key, (
            f"'{key}' is not a tier{hint}: the keys of this table are the tiers "
            f"{', '.join(TIERS[:-1])} or {TIERS[-1]}, written as they are, and a value under "
            "any other key applies to no supplier"
        )
    return None


def tier_meant(key: str) -> str | None:
    """The tier a stray key most likely means: ``tier1``, ``Tier 2``, ``t3``, ``l`` (a
    lower-case L for 1), ``one``; None where it names none."""
    bare = re.sub(r"^(tier|t)[\s_-]*", "", key.strip().casefold())
    if bare in TIERS:
        return bare
    if bare in _SPELT:
        return _SPELT[bare]
    return closest(key, TIERS)
