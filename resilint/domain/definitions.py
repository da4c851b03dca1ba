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
