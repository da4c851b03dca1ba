"""The data model: one JSON Schema per document kind, loaded from resilint's own files only.

References between documents are declared in the schemas with the ``x-resilint-ref`` keyword
(``"supplier": {"type": "string", "x-resilint-ref": "Supplier"}``), so one mechanism resolves
them for every kind. Every ``$ref`` must resolve inside this set: nothing is read from a path
or fetched from a URL named in a schema.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from resilint import deferred
from resilint.errors import ConfigError

if TYPE_CHECKING:
    import jsonschema
    import referencing

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

    def values(self, data: Any) -> Iterable[tuple[tuple[str | int, ...], Any]]:
        """Each (JSON path, value) in ``data`` that this field's pattern reaches."""
        pattern = self.pattern
        if len(pattern) == 1 and pattern[0] != ANY_ITEM and pattern[0] != ANY_KEY:
            step = pattern[0]  # most references: a top-level field, read without a walk
            return (((step,), data[step]),) if isinstance(data, dict) and step in data else ()
        return _walk_pattern(data, pattern, ())


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
    """All kinds' schemas from one directory, with validators and reference fields.

    The validating libraries are imported when first needed: a run whose documents all come
    from the cache never pays for them.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._by_kind: dict[str, dict[str, Any]] = {}
        self._files: dict[str, Path] = {}
        self._by_id: dict[str, dict[str, Any]] = {}
        self._explainers: dict[str, jsonschema.protocols.Validator] = {}
        self._fast_validators: dict[str, Any] = {}
        self._contained = False
        self._named: dict[str, list[str]] = {}
        """Each schema's references, once checked (:meth:`_refs_within`)."""
        self.files_read = tuple(sorted(directory.glob("*.json")))
        """The schema files, as read (the cache keys its entries by them)."""
        for path in self.files_read:
            schema = _read_schema(path)
            self._by_id[schema["$id"]] = schema
            kind = schema.get("properties", {}).get("kind", {}).get("const")
            if isinstance(kind, str):
                self._by_kind[kind] = schema
                self._files[kind] = path

    def _contain(self) -> None:
        """Every ``$ref`` of the schemas resolves within them, or :class:`ConfigError`: checked
        before python-jsonschema's registry or the editor schemas' bundler sees them, so that
        neither is ever asked to follow a reference to a file or a URL."""
        if self._contained:
            return
        for schema_id in self._by_id:
            self._refs_within(schema_id)
        self._contained = True

    def _refs_within(self, schema_id: str) -> list[str]:
        """The schemas one schema's references name (itself, for a reference within it), each
        resolved within the set, or :class:`ConfigError`."""
        if schema_id in self._named:
            return self._named[schema_id]
        named = []
        for ref in _keyword(self._by_id[schema_id], "$ref"):
            if self._lookup(schema_id, ref) is None:
                raise ConfigError(
                    f"$ref '{ref}' does not resolve within resilint's schemas; "
                    "references to other files or URLs are refused",
                    str(self.directory / schema_id.rsplit("/", 1)[-1]),
                )
            address = ref.partition("#")[0]
            named.append(_join(schema_id, address) if address else schema_id)
        self._named[schema_id] = named
        return named

    def _reached(self, schema_id: str) -> list[str]:
        """The schema and those its references reach, each one's references checked
        (:meth:`_refs_within`): all a validator of it may look up. A one-kind run checks and
        registers two schemas (the kind's and common.json), not all of them."""
        reached = [schema_id]
        for current in reached:  # grows as it is walked
            reached.extend(r for r in dict.fromkeys(self._refs_within(current)) if r not in reached)
        return reached

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """The document kinds, in name order."""
        return tuple(sorted(self._by_kind))

    def is_kind(self, kind: object) -> bool:
        """Whether ``kind`` (as written: any value) is a document kind; asked of every document
        read."""
        return isinstance(kind, str) and kind in self._by_kind

    def schema(self, kind: str) -> dict[str, Any]:
        return self._by_kind[kind]

    def schema_by_id(self, name: str) -> dict[str, Any]:
        """A schema that is not a document kind (the configuration), by its file name."""
        return self._by_id[f"{ID_BASE}{name}"]

    def file(self, kind: str) -> Path:
        return self._files[kind]

    @property
    def documents(self) -> Mapping[str, dict[str, Any]]:
        """Every schema of the set by its ``$id`` (kinds, common.json, the configuration's),
        their references checked (:meth:`_contain`): whoever follows them (the editor schemas'
        bundler) finds every one here."""
        self._contain()
        return self._by_id

    @cached_property
    def registry(self) -> referencing.Registry[Any]:
        """The schemas for python-jsonschema: nothing outside them can be looked up."""
        import referencing
        from referencing.jsonschema import DRAFT202012

        self._contain()
        return referencing.Registry().with_resources(
            (uri, DRAFT202012.create_resource(schema)) for uri, schema in self._by_id.items()
        )

    def validator(self, kind: str) -> jsonschema.protocols.Validator:
        """The explaining validator of a kind (python-jsonschema)."""
        return self.validator_for(self._by_kind[kind])

    def validator_for(self, schema: dict[str, Any]) -> jsonschema.protocols.Validator:
        key = schema["$id"]
        if key not in self._explainers:
            self._explainers[key] = _explaining_class()(
                schema,
                registry=self.registry,
                format_checker=self._format_checker,
            )
        return self._explainers[key]

    @cached_property
    def _format_checker(self) -> jsonschema.FormatChecker:
        """The explaining validator's formats, checked as the fast validator checks them: a
        value jsonschema-rs refuses (an e-mail address ``ops@@example.com``, which
        python-jsonschema's looser test lets through) is then named, with its field, in the
        error that explains it."""
        import jsonschema

        checker = jsonschema.FormatChecker()
        jsonschema_rs = fast_library()
        if jsonschema_rs is None:  # pragma: no cover - depends on the platform
            return checker
        used = {f for schema in self._by_id.values() for f in _keyword(schema, "format")}
        for name in sorted(used):
            try:
                fast = jsonschema_rs.Draft202012Validator({"format": name}, validate_formats=True)
            except ValueError:  # a format jsonschema-rs does not know: python-jsonschema's test
                continue
            checker.checks(name)(fast.is_valid)
        return checker

    def is_valid(self, kind: str, data: Any) -> bool:
        """The fast path: most documents are valid, and jsonschema-rs says so in microseconds.

        Only invalid documents go to python-jsonschema, whose errors :mod:`resilint.schema_errors`
        explains. Without jsonschema-rs (a platform without its wheels), everything does.
        """
        return self.is_valid_for(self._by_kind[kind], data)

    def is_valid_for(self, schema: dict[str, Any], data: Any) -> bool:
        fast = self._fast(schema["$id"])
        if fast is None:
            return not any(self.validator_for(schema).iter_errors(data))
        return bool(fast.is_valid(data))

    def _fast(self, schema_id: str) -> Any:
        if schema_id not in self._fast_validators:
            jsonschema_rs = fast_library()
            if jsonschema_rs is None:  # pragma: no cover - depends on the platform
                self._fast_validators[schema_id] = None
                return None
            registry = jsonschema_rs.Registry(
                [(reached, self._by_id[reached]) for reached in self._reached(schema_id)]
            )
            self._fast_validators[schema_id] = jsonschema_rs.Draft202012Validator(
                self._by_id[schema_id],
                registry=registry,
                validate_formats=True,
                offline=True,
            )
        return self._fast_validators[schema_id]

    def references(self, kind: str) -> tuple[RefField, ...]:
        return self._references[kind]

    @cached_property
    def _references(self) -> dict[str, tuple[RefField, ...]]:
        return {
            kind: tuple(_ref_fields(kind, schema, ())) for kind, schema in self._by_kind.items()
        }

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow a ``$ref`` (to common.json) to the schema it names."""
        base = ID_BASE
        while isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            target = self._lookup(base, ref)
            if target is None:
                raise ConfigError(f"$ref '{ref}' does not resolve within resilint's schemas")
            base = _join(base, ref.partition("#")[0]) if not ref.startswith("#") else base
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def _lookup(self, base: str, ref: str) -> dict[str, Any] | None:
        """The schema ``ref`` names from ``base``: only within these files, never elsewhere."""
        address, _, pointer = ref.partition("#")
        document = self._by_id.get(_join(base, address) if address else base)
        node: Any = document
        for part in (p for p in pointer.split("/") if p):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None


@functools.cache
def fast_library() -> Any:
    """jsonschema-rs, or None where it has no wheel. When imported, it parses the date it was
    built on with ``email.utils``, whose own imports (most of the ``email`` package: charsets,
    MIME encoders, ``string``'s templates) took a third of its import and are used by nothing
    else in a check; it is lent :func:`rfc2822_datetime` for that, and a later ``import
    email.utils`` finds the real module."""
    try:
        with deferred.lending("email.utils", parsedate_to_datetime=rfc2822_datetime):
            import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the platform
        return None
    return jsonschema_rs


def rfc2822_datetime(text: str) -> datetime.datetime:
    """An RFC 2822 date (``Thu, 12 Nov 2026 07:50:16 +0000``) as ``email.utils`` reads it,
    from the parser that module uses (:mod:`email._parseaddr`, which imports nothing else)."""
    from email._parseaddr import _parsedate_tz  # type: ignore[import-not-found]

    parsed = _parsedate_tz(text)
    if parsed is None:
        raise ValueError(f"Invalid date value or format {text!r}")
    year, month, day, hour, minute, second = parsed[:6]
    offset = parsed[-1]
    zone = None if offset is None else datetime.timezone(datetime.timedelta(seconds=offset))
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=zone)


@functools.cache
def _join(base: str, address: str) -> str:
    """urljoin, once per pair: the schemas' references (200, checked at every start, and those
    the rule files' paths follow) name about 15 documents."""
    return urljoin(base, address)


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


def _keyword(node: Any, keyword: str) -> Iterator[str]:
    """Every text value of ``keyword`` in a schema (``$ref``, ``format``), in document order; a
    property of that name is no keyword. Walked with a stack, not a generator for each of the
    schemas' 4,000 values (checked at every start)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get(keyword), str):
                yield node[keyword]
            stack.extend(reversed(node.values()))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def _ref_fields(kind: str, schema: Mapping[str, Any], pattern: Pattern) -> Iterator[RefField]:
    if isinstance(schema.get(REF_KEYWORD), str):
        yield RefField(kind, pattern, schema[REF_KEYWORD])
    for name, sub in schema.get("properties", {}).items():
        yield from _ref_fields(kind, sub, (*pattern, name))
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _ref_fields(kind, schema["additionalProperties"], (*pattern, ANY_KEY))
    if isinstance(schema.get("items"), dict):
        yield from _ref_fields(kind, schema["items"], (*pattern, ANY_ITEM))


@functools.cache
def _explaining_class() -> Any:
    """Draft 2020-12 with ``pattern`` read as JSON Schema means it (ECMA-262): ``$`` is the end
    of the text. Python's ``$`` also matches before a final newline, so ``id: "acme\\n"`` would
    pass ``^[a-z0-9-]+$`` here while jsonschema-rs refuses it. And ``items`` judges a value
    that a list repeats once (:func:`_items`)."""
    import jsonschema

    def pattern(validator: Any, wanted: str, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and not _ecma(wanted).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {wanted!r}")

    return jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, validators={"pattern": pattern, "items": _items}
    )


_SCALARS = (str, int, float, bool, type(None))


def _items(validator: Any, wanted: Any, instance: Any, schema: Any) -> Any:
    """Draft 2020-12's ``items``, except that a text, number, true/false or null that passed
    is not judged again where the list repeats it: the same value meets the same schema the
    same way wherever it stands (the schemas use no ``prefixItems`` or ``unevaluatedItems``,
    which would make its place count). A list of one supplier repeated 49,000 times (aliases,
    under every limit), which uniqueItems refuses, was otherwise judged item by item when the
    finding was explained: seconds a document. Every value that fails is judged at each place,
    so the errors, each at its index, are the same."""
    from jsonschema import _keywords

    if wanted is False or not validator.is_type(instance, "array") or "prefixItems" in schema:
        drafted: Any = _keywords.items  # untyped in jsonschema: a generator of errors
        yield from drafted(validator, wanted, instance, schema)
        return
    passed: set[tuple[type, Any]] = set()
    for index, item in enumerate(instance):
        key = (type(item), item) if isinstance(item, _SCALARS) else None
        if key is not None and key in passed:
            continue
        errors = list(validator.descend(instance=item, schema=wanted, path=index))
        if key is not None and not errors:
            passed.add(key)
        yield from errors


@functools.cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern for Python's re: each ``$`` outside a character class ends the
    text (``\\Z``), as in ECMA-262."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = "\\Z"
        out.append(char)
    return re.compile("".join(out))
