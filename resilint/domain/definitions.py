"""The configuration's say over the domain model: read by the configuration without importing the
model itself (a check whose findings are kept builds no facts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_CRITICAL_LEVELS = ("critical", "important")


@dataclass(frozen=True)
class Definitions:
    """The configuration's say over the domain model."""

    critical_levels: tuple[str, ...] = DEFAULT_CRITICAL_LEVELS
    """Business-function criticalities that count as critical or important."""
    requirements: Mapping[str, Any] = field(default_factory=dict)
    """Overrides of the requirements matrix, by term and supplier class."""


def criticality_words(level: str, critical: bool) -> str:
    """A business function's recorded criticality (``level``), and, where the configuration's
    critical_levels count it otherwise than its name says (an important function not counted as
    critical or important, a standard one counted as such: ``critical``), how it is counted:
    every check, the register (B_06.01.0050), the report and the impact analysis read it so."""
    if not level or (level in DEFAULT_CRITICAL_LEVELS) == critical:
        return level
    counted = "counted" if critical else "not counted"
    return f"{level} ({counted} as critical or important: the configuration's critical_levels)"
