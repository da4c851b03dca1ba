"""Mechanical remedies for schema findings, computed on the check path from the parser's node
marks: what ``resilint fix`` may change, where, and whether it is safe.

Nothing here writes or imports a YAML writer; a remedy is a frozen :class:`~resilint.findings.Fix`
on the finding (text edits plus the JSON paths whose meaning it may change), which the write
commands apply and verify (:mod:`resilint.edit`), and SARIF shows as ``fixes``.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from resilint.findings import Applicability, Edit, Fix, JsonPath
from resilint.load.compose import PLAIN
from resilint.load.positions import Lines
from resilint.locate import Locator
from resilint.model import Document
from resilint.moves import move_fix
from resilint.patterns import kept
from resilint.schemas import SchemaSet
from resilint.suggest import unique_closest
from resilint.yamltext import node_at, replacement, scalar_text, source

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


@dataclass(frozen=True)
class Remedy:
    """What a schema error asks for, as validation understood it."""

    keyword: str
    """``type``, ``format``, ``enum``, ``unknown_field`` or ``kind``."""
    expected: tuple[str, ...] = ()
    """The wanted types, the format, the enum's values, the allowed fields or the kinds."""


@dataclass(frozen=True)
class Site:
    """The place a finding is about: its document, JSON path and nodes."""

    document: Document
    path: JsonPath
    root: Node
    lines: Lines
    schemas: SchemaSet

    @property
    def value(self) -> Any:
        data: Any = self.document.data
        for step in self.path:
            if isinstance(data, dict) and isinstance(step, str):
                data = data.get(step)
            elif isinstance(data, list) and isinstance(step, int) and step < len(data):
                data = data[step]
            else:
                return None
        return data

    def scalar(self) -> ScalarNode | None:
        found = node_at(self.root, self.path)
        node = found[1] if found else None
        return node if isinstance(node, ScalarNode) and source(node, self.lines) else None

    def replace(self, node: Node, text: str) -> Edit:
        return replacement(self.lines, node.start_mark.index, node.end_mark.index, text)


def fix_for(
    remedy: Remedy, document: Document, path: JsonPath, locator: Locator, schemas: SchemaSet
) -> Fix | None:
    """The fix for a schema finding, or None when it needs a person."""
    tree = locator.tree(document)
    handler = _HANDLERS.get(remedy.keyword)
    if tree is None or handler is None:
        return None
    return handler(Site(document, path, tree[0], tree[1], schemas), remedy)


def _type(site: Site, remedy: Remedy) -> Fix | None:
    node, value = site.scalar(), site.value
    if node is None:
        return None
    wanted = set(remedy.expected)
    looks_like = isinstance(value, bool | int | float) and node.tag == PLAIN
    if "string" in wanted and looks_like:
        quoted = scalar_text(node.value, '"')
        return _fix(f"quote {node.value} so that it is read as text", site, node, quoted)
    numeric = wanted & {"integer", "number"}
    if numeric and isinstance(value, str):
        field = str(site.path[-1]) if site.path else ""
        literal = _number(value, field, "number" in wanted)
        if literal is not None:
            return _fix(f"write {literal} as a number, without quotes", site, node, literal)
        return _figure(site, node, value, field, "number" in wanted)
    return None


def _figure(site: Site, node: Node, value: str, field: str, decimals: bool) -> Fix | None:
    """The number a value written with its unit, separators, sign or scale stands for ('90
    days' in a field in days, '2.000.000'), as SCH-01's message names it: safe where it says
    the same in the field's unit, unsafe where it was converted or a currency is dropped."""
    from resilint.written import reading  # a schema finding's fix: not loaded for clean runs

    found = reading(value.strip(), field)
    literal = found.figure
    if literal is None or not (_INT.match(literal) or (decimals and _DECIMAL.match(literal))):
        return None
    title = f"write {literal} for '{value.strip()}'" + ("" if found.same else " (converted)")
    return _fix(title, site, node, literal, SAFE if found.same else UNSAFE)


_INT = kept(r"[-+]?(?:0|[1-9][0-9]{0,14})\Z")
_DECIMAL = kept(r"[-+]?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}\Z")


def _number(text: str, field: str, decimals: bool) -> str | None:
    """``"1"`` -> ``1``, and ``Tier 1`` -> ``1`` in a field named tier."""
    words = re.escape(field.replace("_", " "))
    found = re.fullmatch(rf"\s*(?:{words}\s*)?(\S+)\s*", text, re.IGNORECASE)
    literal = found.group(1) if found else ""
    if _INT.match(literal) or (decimals and _DECIMAL.match(literal)):
        return literal
    return None


def _format(site: Site, remedy: Remedy) -> Fix | None:
    node, value = site.scalar(), site.value
    if node is None or remedy.expected != ("date",) or not isinstance(value, str):
        return None
    iso = iso_date(value)
    return _fix(f"write the date as {iso} (YYYY-MM-DD)", site, node, iso) if iso else None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = kept(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\Z")
_WORDS = kept(r"(\d{1,2})\.? ([A-Za-z]+)\.?,? (\d{4})\Z|([A-Za-z]+)\.? (\d{1,2}),? (\d{4})\Z")


def iso_date(text: str) -> str | None:
    """``YYYY-MM-DD`` for a date written in a form that can mean only one day: 31/12/2026,
    31.12.2026 (dots are day first), 2026/12/31, 2026-1-5, 31 December 2026, Dec 31, 2026.
    None for 03/04/2026, which is March or April depending on who wrote it."""
    text = " ".join(text.split())
    numeric = _NUMERIC.match(text)
    if numeric:
        first, sep, middle, last = numeric.groups()
        if len(first) == 4:
            return _date(int(first), int(middle), int(last))
        if len(last) != 4:
            return None
        day, month = int(first), int(middle)
        if sep != "." and day <= 12 and month <= 12 and day != month:
            return None  # day first or month first: ambiguous
        if sep != "." and month > 12:
            day, month = month, day  # only month first reads: 12/31/2026
        return _date(int(last), month, day)
    words = _WORDS.match(text)
    if words:
        day_text, name, year = words.group(1, 2, 3) if words.group(1) else words.group(5, 4, 6)
        named = _MONTHS.get(name.lower())
        return _date(int(year), named, int(day_text)) if named else None
    return None


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _enum(site: Site, remedy: Remedy) -> Fix | None:
    node, value = site.scalar(), site.value
    if node is None or not isinstance(value, str):
        return None
    same = [c for c in remedy.expected if _folded(c) == _folded(value)]
    if len(same) == 1:
        text = scalar_text(same[0], node.style)
        return _fix(f"write {same[0]} as the schema spells it", site, node, text)
    close = unique_closest(value, remedy.expected)
    if close is None:
        return None
    text = scalar_text(close, node.style)
    return _fix(f"replace '{value}' with '{close}'", site, node, text, UNSAFE)


def _kind(site: Site, remedy: Remedy) -> Fix | None:
    fix = _enum(site, remedy)
    if fix is None:
        return None
    return dataclasses.replace(fix, title=fix.title.replace("the schema", "resilint"))


def _folded(text: str) -> str:
    return re.sub(r"[\s_-]+", "", text).casefold()


def _unknown_field(site: Site, remedy: Remedy) -> Fix | None:
    moved = move_fix(site.root, site.lines, site.path, lambda p: _schema_at(site, p))
    if moved is not None:
        return moved
    found = node_at(site.root, site.path)
    name = site.path[-1] if site.path else None
    parent = node_at(site.root, site.path[:-1])
    if found is None or parent is None or not isinstance(name, str) or found[0] is None:
        return None
    key = found[0]
    close = unique_closest(name, remedy.expected)
    if close is None or not isinstance(key, ScalarNode) or not source(key, site.lines):
        return None
    if isinstance(parent[1], MappingNode) and any(k.value == close for k, _ in parent[1].value):
        return None
    target = (*site.path[:-1], close)
    return Fix(
        f"rename '{name}' to '{close}'",
        UNSAFE,
        (site.replace(key, scalar_text(close, key.style)),),
        (site.path, target),
        ((site.path, target),),
    )


def _schema_at(site: Site, path: JsonPath) -> Mapping[str, Any] | None:
    return schema_at(site.schemas, site.document.kind, path)


def schema_at(schemas: SchemaSet, kind: str, path: JsonPath) -> Mapping[str, Any] | None:
    """The schema of the value at ``path`` in a document of ``kind``; None outside it."""
    node: Mapping[str, Any] = schemas.resolve(schemas.schema(kind))
    for step in path:
        if isinstance(step, int):
            found = node.get("items")
        else:
            found = node.get("properties", {}).get(step, node.get("additionalProperties"))
        if not isinstance(found, dict):
            return None
        node = schemas.resolve(found)
    return node


def _fix(title: str, site: Site, node: Node, text: str, applicability: Applicability = SAFE) -> Fix:
    return Fix(title, applicability, (site.replace(node, text),), (site.path,))


_HANDLERS: dict[str, Callable[[Site, Remedy], Fix | None]] = {
    "type": _type,
    "format": _format,
    "enum": _enum,
    "kind": _kind,
    "unknown_field": _unknown_field,
}
