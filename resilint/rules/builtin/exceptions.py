"""Python checks for the exceptions rules (see rules/*.yaml for their documentation)."""

from __future__ import annotations

from resilint.rules.python import PythonCheck

CHECKS: dict[str, PythonCheck] = {}
