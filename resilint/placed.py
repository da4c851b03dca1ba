"""Where a field the schema does not expect at one place belongs in the same kind of document: a
team writing from a data model that lists ``max_degraded_hours`` beside a plan's other fields, or
a control's ``last_verified`` beside its status, is told the mapping the field goes in
(``manual_procedure``, ``evidence``), not only that it is unknown where it stands."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from resilint.findings import JsonPath
from resilint.schemas import SchemaSet

ITEM = "[]"
"""A step into each item of a list, in the places found."""
_DEEPEST = 8
"""Levels walked into a kind's schema (resilint's go four deep; a reference cycle stops here)."""


def belongs(schemas: SchemaSet, kind: str, path: JsonPath, name: str) -> str:
    """Words for a message: where ``name`` is a field of ``kind``, when it is at other places
    than the mapping at ``path`` (one to three of them), else nothing."""
    here = tuple(ITEM if isinstance(step, int) else step for step in path)
    elsewhere = [p for p in _places(schemas, kind).get(name, ()) if p[:-1] != here]
    if not elsewhere or len(elsewhere) > 3:
        return ""
    shown = [_shown(p) for p in elsewhere]
    if len(shown) == 1:
        return f"; it is a field of {_holder(elsewhere[0][:-1])} ({shown[0]}): move it there"
    return f"; it is a field of {', '.join(shown[:-1])} or {shown[-1]}: move it to the one meant"


def _shown(path: tuple[str, ...]) -> str:
    """``services[].substitutability``: a list's items written ``[]``."""
    return ".".join(path).replace(f".{ITEM}", ITEM)


def _holder(path: tuple[str, ...]) -> str:
    if not path:
        return "the top level of the document"
    if path[-1] == ITEM:
        return f"each entry of {_shown(path[:-1])}"
    return _shown(path)


@functools.lru_cache(maxsize=32)
def _places(schemas: SchemaSet, kind: str) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Every field name of ``kind``'s schema with the paths where it is defined."""
    found: dict[str, list[tuple[str, ...]]] = {}
    _walk(schemas, schemas.schema(kind), (), found, 0)
    return {name: tuple(dict.fromkeys(paths)) for name, paths in found.items()}


def _walk(
    schemas: SchemaSet,
    schema: Mapping[str, Any],
    path: tuple[str, ...],
    found: dict[str, list[tuple[str, ...]]],
    depth: int,
) -> None:
    if depth > _DEEPEST:
        return
    node = schemas.resolve(schema)
    for name, sub in (node.get("properties") or {}).items():
        found.setdefault(name, []).append((*path, name))
        if isinstance(sub, dict):
            _walk(schemas, sub, (*path, name), found, depth + 1)
    items = node.get("items")
    if isinstance(items, dict):
        _walk(schemas, items, (*path, ITEM), found, depth + 1)
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(keyword) or ():
            if isinstance(branch, dict):
                _walk(schemas, branch, path, found, depth + 1)
