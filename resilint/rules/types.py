"""Compile-time types of rule bindings: a rule naming an unknown field fails when it loads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from resilint.schemas import REF_KEYWORD, SchemaSet
from resilint.suggest import did_you_mean


@dataclass(frozen=True)
class Bound:
    """What a name stands for: one document or value, or a list of them, with its schema."""

    schema: Mapping[str, Any]
    kind: str | None = None
    """The document kind when the name stands for whole documents."""
    many: bool = False


class UnknownField(ValueError):
    pass


def navigate(schemas: SchemaSet, bound: Bound, segments: tuple[str, ...]) -> Mapping[str, Any]:
    """The schema that ``segments`` reach from ``bound``; raises :class:`UnknownField`."""
    schema = schemas.resolve(bound.schema)
    walked: list[str] = []
    for segment in segments:
        properties = schema.get("properties", {})
        if segment in properties:
            schema = schemas.resolve(properties[segment])
        elif isinstance(schema.get("additionalProperties"), dict):
            schema = schemas.resolve(schema["additionalProperties"])
        else:
            where = ".".join(walked) or (bound.kind or "this value")
            hint = did_you_mean(segment, properties)
            known = ", ".join(sorted(properties)) or "none"
            raise UnknownField(f"unknown field '{segment}' under {where}{hint}; fields: {known}")
        walked.append(segment)
    return schema


def items_of(schemas: SchemaSet, schema: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The item schema of a list field, or None when the field is not a list."""
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return schemas.resolve(schema["items"])
    return None


def reference_target(schema: Mapping[str, Any]) -> tuple[str, bool] | None:
    """(target kind, is a list) when the schema is a reference or a list of references."""
    if isinstance(schema.get(REF_KEYWORD), str):
        return schema[REF_KEYWORD], False
    items = schema.get("items")
    if isinstance(items, dict) and isinstance(items.get(REF_KEYWORD), str):
        return items[REF_KEYWORD], True
    return None
