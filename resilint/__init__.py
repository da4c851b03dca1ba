"""resilint: a policy-as-code linter for operational resilience programmes kept as YAML."""

from __future__ import annotations

__version__ = "0.1.0"
