"""The Python checks shipped with resilint, registered explicitly by name.

A rule in ``rules/*.yaml`` names one with ``check: <name>``; its documentation stays in YAML.
Each area module declares its own ``CHECKS``; they are merged here, in one visible place.
"""

from __future__ import annotations

from resilint.rules.builtin import (
    concentration,
    continuity,
    contracts,
    exceptions,
    exercises,
    identities,
    insurance,
    register,
    regulatory,
    suppliers,
)
from resilint.rules.python import PythonCheck

_AREAS = (
    suppliers,
    concentration,
    identities,
    contracts,
    continuity,
    exercises,
    insurance,
    exceptions,
    regulatory,
    register,
)

PYTHON_CHECKS: dict[str, PythonCheck] = {
    name: check for area in _AREAS for name, check in area.CHECKS.items()
}
