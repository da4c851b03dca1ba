"""Small readers of parsed YAML shared by the Python checks: they never raise on odd data.

Rules also run on documents with schema errors, so every reader accepts any value and answers
None or an empty list where the data is missing or of the wrong type.
"""

from __future__ import annotations

from typing import Any


def value_at(data: Any, *path: str | int) -> Any:
    """The value at ``path`` in parsed YAML, or None when any step is missing or mistyped."""
    value = data
    for step in path:
        if isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        elif isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


def strings(value: Any) -> list[str]:
    """The strings of a list (ids, names); anything else gives an empty list."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list, with their positions."""
    items = value if isinstance(value, list) else []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def number(value: Any) -> float | None:
    """A number; booleans (valid YAML, not numbers here) and text are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def show_number(value: float) -> str:
    """``24`` rather than ``24.0``."""
    return str(int(value)) if value.is_integer() else str(value)
