"""The data model: one JSON Schema per document kind, loaded from resilint's own files only.

References between documents are declared in the schemas with the ``x-resilint-ref`` keyword
(``"supplier": {"type": "string", "x-resilint-ref": "Supplier"}``), so one mechanism resolves
them for every kind. Every ``$ref`` must resolve inside this set: nothing is read from a path
or fetched from a URL named in a schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import referencing.exceptions
from referencing.jsonschema import DRAFT202012

from resilint.errors import ConfigError

ID_BASE = "https://schemas.resilint.dev/v1/"
REF_KEYWORD = "x-resilint-ref"
ANY_KEY = "{}"
ANY_ITEM = "[]"
Pattern = tuple[str, ...]


@dataclass(frozen=True)
class RefField:
    """A field of a kind that holds the id of a document of ``target`` kind."""

    kind: str
    pattern: Pattern
    target: str

    def values(self, data: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        """Each (JSON path, value) in ``data`` that this field's pattern reaches."""
        yield from _walk_pattern(data, self.pattern, ())


def _walk_pattern(
    data: Any, pattern: Pattern, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if not pattern:
        yield path, data
        return
    step, rest = pattern[0], pattern[1:]
    if step == ANY_ITEM and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk_pattern(item, rest, (*path, index))
    elif step == ANY_KEY and isinstance(data, dict):
        for key, value in data.items():
            yield from _walk_pattern(value, rest, (*path, key))
    elif isinstance(data, dict) and step in data:
        yield from _walk_pattern(data[step], rest, (*path, step))


class SchemaSet:
    """All kinds' schemas from one directory, with validators and reference fields."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._by_kind: dict[str, dict[str, Any]] = {}
        self._files: dict[str, Path] = {}
        resources = []
        for path in sorted(directory.glob("*.json")):
            schema = _read_schema(path)
            resources.append((schema["$id"], DRAFT202012.create_resource(schema)))
            kind = schema.get("properties", {}).get("kind", {}).get("const")
            if isinstance(kind, str):
                self._by_kind[kind] = schema
                self._files[kind] = path
        self.registry: referencing.Registry[Any] = referencing.Registry().with_resources(resources)
        self._uris = [uri for uri, _ in resources]
        for kind, schema in self._by_kind.items():
            self._check_refs(schema, self._files[kind])

    @property
    def kinds(self) -> list[str]:
        return sorted(self._by_kind)

    def schema(self, kind: str) -> dict[str, Any]:
        return self._by_kind[kind]

    def schema_by_id(self, name: str) -> dict[str, Any]:
        """A schema that is not a document kind (the configuration), by its file name."""
        return self.registry.contents(f"{ID_BASE}{name}")  # type: ignore[no-any-return]

    def file(self, kind: str) -> Path:
        return self._files[kind]

    def validator(self, kind: str) -> jsonschema.protocols.Validator:
        return self._validators[kind]

    def is_valid(self, kind: str, data: Any) -> bool:
        """The fast path: most documents are valid, and jsonschema-rs says so in microseconds.

        Only invalid documents go to python-jsonschema, whose errors :mod:`resilint.validate`
        explains. Without jsonschema-rs (a platform without its wheels), everything does.
        """
        fast = self._fast.get(kind)
        return (
            fast.is_valid(data)
            if fast is not None
            else not any(self.validator(kind).iter_errors(data))
        )

    @cached_property
    def _fast(self) -> dict[str, Any]:
        try:
            import jsonschema_rs
        except ImportError:  # pragma: no cover - depends on the platform
            return {}
        resources = [(uri, self.registry.contents(uri)) for uri in self._uris]
        registry = jsonschema_rs.Registry(resources)
        return {
            kind: jsonschema_rs.Draft202012Validator(
                schema, registry=registry, validate_formats=True, offline=True
            )
            for kind, schema in self._by_kind.items()
        }

    @cached_property
    def _validators(self) -> dict[str, jsonschema.protocols.Validator]:
        checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
        return {
            kind: jsonschema.Draft202012Validator(
                schema, registry=self.registry, format_checker=checker
            )
            for kind, schema in self._by_kind.items()
        }

    def references(self, kind: str) -> tuple[RefField, ...]:
        return self._references[kind]

    @cached_property
    def _references(self) -> dict[str, tuple[RefField, ...]]:
        return {
            kind: tuple(_ref_fields(kind, schema, ())) for kind, schema in self._by_kind.items()
        }

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow a ``$ref`` (to common.json) to the schema it names."""
        resolver = self.registry.resolver(base_uri=ID_BASE)
        while isinstance(schema.get("$ref"), str):
            resolved = resolver.lookup(schema["$ref"])
            resolver = resolved.resolver
            schema = {**resolved.contents, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def _check_refs(self, schema: dict[str, Any], path: Path) -> None:
        resolver = self.registry.resolver(base_uri=schema["$id"])
        for ref in _refs(schema):
            try:
                resolver.lookup(ref)
            except referencing.exceptions.Unresolvable:
                raise ConfigError(
                    f"$ref '{ref}' does not resolve within resilint's schemas; "
                    "references to other files or URLs are refused",
                    str(path),
                ) from None


def _read_schema(path: Path) -> dict[str, Any]:
    # resilint's own schemas are checked against the draft 2020-12 meta-schema by the test
    # suite (tests/test_schemas.py); checking them again at every start would double start-up.
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"invalid schema: {exc}", str(path)) from None
    if not isinstance(schema.get("$id"), str):
        raise ConfigError("schema has no $id", str(path))
    return schema  # type: ignore[no-any-return]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _ref_fields(kind: str, schema: Mapping[str, Any], pattern: Pattern) -> Iterator[RefField]:
    if isinstance(schema.get(REF_KEYWORD), str):
        yield RefField(kind, pattern, schema[REF_KEYWORD])
    for name, sub in schema.get("properties", {}).items():
        yield from _ref_fields(kind, sub, (*pattern, name))
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _ref_fields(kind, schema["additionalProperties"], (*pattern, ANY_KEY))
    if isinstance(schema.get("items"), dict):
        yield from _ref_fields(kind, schema["items"], (*pattern, ANY_ITEM))
