"""Field paths in rule files: ``contract.remedies.step_in_rights``,
``contract.clauses['dora.30.2.a'].present`` (brackets for keys that hold dots)."""

from __future__ import annotations

import functools

from resilint.patterns import kept

_SEGMENT = kept(r"\.?([A-Za-z_][A-Za-z0-9_-]*)|\['([^'\]]+)'\]")


@functools.lru_cache(maxsize=4096)
def parse_path(text: str) -> tuple[str, ...]:
    """Split a path into segments; raises ValueError naming what is wrong. Kept by its text: a
    message's placeholders are parsed for each finding (half a million at 72,000 findings)."""
    segments: list[str] = []
    position = 0
    while position < len(text):
        match = _SEGMENT.match(text, position)
        if match is None or (position == 0 and match.group(0).startswith(".")):
            raise ValueError(f"'{text}' is not a field path (at character {position + 1})")
        segments.append(match.group(1) or match.group(2))
        position = match.end()
    if not segments:
        raise ValueError("a field path must not be empty")
    return tuple(segments)
