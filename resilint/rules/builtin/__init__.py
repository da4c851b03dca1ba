"""The Python checks shipped with resilint, registered explicitly by name.

A rule in ``rules/*.yaml`` names one with ``check: <name>``; its documentation stays in YAML.
"""

from __future__ import annotations

from resilint.rules.python import PythonCheck

PYTHON_CHECKS: dict[str, PythonCheck] = {}
