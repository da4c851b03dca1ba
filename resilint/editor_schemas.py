"""Schemas for editors and other validators, written by ``resilint schema --export DIR``.

resilint's own schemas refer to each other (``common.json#/$defs/date``) under ``$id``s that no
server answers, which an editor or check-jsonschema would try to download. Exported, each schema
is bundled: every ``$ref`` points into its own ``$defs``, no ``$id`` invites a download, and
nothing is left to fetch. A catalog in SchemaStore's format maps file patterns to them.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin

from resilint.init import TEMPLATES
from resilint.load.read import read_regular
from resilint.schemas import SchemaSet

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ANY_KIND = "resilint.json"
CATALOG = "catalog.json"
CONFIG = "config.json"
RULE_FILE = "rule-file.json"
CONFIG_FILES = ("resilint.yaml", ".resilint.yaml")


@dataclass(frozen=True)
class Export:
    """The files to write: name -> JSON text."""

    files: dict[str, str]

    @property
    def schemas(self) -> list[str]:
        return [name for name in self.files if name != CATALOG]

    def foreign(self, directory: Path) -> list[str]:
        """The files of ``directory`` this export would replace that it did not write before:
        a project's own ``config.json`` is never overwritten; a schema or catalog exported by
        an earlier resilint (the same title; a catalog of resilint's schemas only) is updated."""
        found = []
        for name, text in self.files.items():
            path = directory / name
            if not os.path.lexists(path):
                continue
            data = read_regular(path, _MOST, follow=False)
            try:
                existing = json.loads(data) if isinstance(data, bytes) else None
            except ValueError:
                existing = None
            if not _ours(existing, json.loads(text)):
                found.append(str(path))
        return found


_MOST = 64 * 1024 * 1024


def _ours(existing: Any, new: dict[str, Any]) -> bool:
    if not isinstance(existing, dict):
        return False
    if "title" in new:
        return existing.get("$schema") == DRAFT and existing.get("title") == new["title"]
    entries = existing.get("schemas")
    return (
        existing.get("version") == new.get("version")
        and isinstance(entries, list)
        and all(
            isinstance(e, dict) and str(e.get("name", "")).startswith("resilint") for e in entries
        )
    )


def export(schemas: SchemaSet) -> Export:
    """Every kind's schema, one for a document of any kind, the configuration's and the rule
    files', each bundled, and the catalog."""
    documents = schemas.documents
    bundles: dict[str, dict[str, Any]] = {}
    for kind in schemas.kinds:
        bundles[schemas.file(kind).name] = bundle(schemas.schema(kind)["$id"], documents)
    bundles[ANY_KIND] = any_kind(schemas)
    for name in (CONFIG, RULE_FILE):
        bundles[name] = bundle(schemas.schema_by_id(name)["$id"], documents)
    files = {name: _json(schema) for name, schema in bundles.items()}
    files[CATALOG] = _json(catalog(schemas))
    return Export(files)


def bundled_kind(schemas: SchemaSet, kind: str) -> str:
    """One kind's schema, self-contained, as ``resilint schema KIND`` prints it."""
    return _json(bundle(schemas.schema(kind)["$id"], schemas.documents))


def bundle(schema_id: str, documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The schema ``schema_id`` with everything it references copied into its own ``$defs``."""
    bundler = _Bundler(documents)
    root = documents[schema_id]
    bundler.reserve(schema_id, root)
    result = {"$schema": DRAFT, **bundler.walk(root, schema_id)}
    if bundler.defs:
        result["$defs"] = bundler.defs
    return result


def any_kind(schemas: SchemaSet) -> dict[str, Any]:
    """A document of any kind: the schema of its ``kind`` applies (files mixing kinds)."""
    kinds = schemas.kinds
    wrapper_id = urljoin(schemas.schema(kinds[0])["$id"], ANY_KIND)
    wrapper = {
        "title": "resilint document",
        "description": "A resilint document of any kind: the schema of its kind applies.",
        "type": "object",
        "required": ["apiVersion", "kind", "id"],
        "properties": {"kind": {"enum": kinds, "description": "The kind of document."}},
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": schemas.file(kind).name},
            }
            for kind in kinds
        ],
    }
    return bundle(wrapper_id, {**schemas.documents, wrapper_id: wrapper})


def catalog(schemas: SchemaSet) -> dict[str, Any]:
    """SchemaStore's catalog format: which schema applies to which files, by pattern. Kinds go by
    the directories ``resilint init`` lays out; the urls are relative to the catalog."""
    directories = init_directories()
    entries = [
        _entry("resilint configuration", schemas.schema_by_id(CONFIG), CONFIG, CONFIG_FILES),
        _entry(
            "resilint document (any kind)",
            {"description": "A file mixing documents of several kinds, as programme/*.yaml."},
            ANY_KIND,
            ("**/programme/*.yaml", "**/programme/*.yml"),
        ),
    ]
    for kind in schemas.kinds:
        folder = directories.get(kind)
        patterns = (f"**/{folder}/*.yaml", f"**/{folder}/*.yml") if folder else ()
        entries.append(
            _entry(f"resilint {kind}", schemas.schema(kind), schemas.file(kind).name, patterns)
        )
    # Rule files have no directory of their own (rule_dirs names it): by modeline or settings.
    entries.append(_entry("resilint rule file", schemas.schema_by_id(RULE_FILE), RULE_FILE, ()))
    return {"version": 1, "schemas": entries}


def init_directories() -> dict[str, str]:
    """Kind -> the directory under programme/ where ``resilint init`` puts its example."""
    found: dict[str, str] = {}
    for path in sorted((TEMPLATES / "programme").glob("*/*.yaml")):
        match = re.search(r"^kind:\s*(\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            found.setdefault(match.group(1), path.parent.name)
    return found


def _entry(
    name: str, schema: Mapping[str, Any], url: str, patterns: tuple[str, ...]
) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "description": schema.get("description", name)}
    if patterns:
        entry["fileMatch"] = list(patterns)
    entry["url"] = url
    return entry


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class _Bundler:
    """Copies each referenced schema once into ``defs`` and points every ``$ref`` at it."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        self.documents = documents
        self.defs: dict[str, Any] = {}
        self.names: dict[tuple[str, str], str] = {}

    def reserve(self, schema_id: str, root: Mapping[str, Any]) -> None:
        """The root's own definitions keep their names."""
        for name in root.get("$defs", {}):
            self.names[(schema_id, f"/$defs/{name}")] = name
            self.defs[name] = None
        for name in list(self.defs):
            self.defs[name] = self.walk(root["$defs"][name], schema_id)

    def walk(self, node: Any, base: str) -> Any:
        if isinstance(node, list):
            return [self.walk(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        return {
            key: self.ref(base, value)
            if key == "$ref" and isinstance(value, str)
            else self.walk(value, base)
            for key, value in node.items()
            if key not in ("$id", "$schema", "$defs")
        }

    def ref(self, base: str, ref: str) -> str:
        address, _, pointer = ref.partition("#")
        document = urljoin(base, address) if address else base
        key = (document, pointer)
        if key not in self.names:
            name = self._name(document, pointer)
            self.names[key] = name
            self.defs[name] = None  # reserved first: a schema may refer to itself
            self.defs[name] = self.walk(_resolve(self.documents[document], pointer), document)
        return f"#/$defs/{self.names[key]}"

    def _name(self, document: str, pointer: str) -> str:
        stem = PurePosixPath(document).stem
        last = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~") or stem
        name, number = last, 1
        if name in self.defs:
            name = f"{stem}-{last}"
        while name in self.defs:
            number += 1
            name = f"{stem}-{last}-{number}"
        return name


def _resolve(document: Mapping[str, Any], pointer: str) -> Any:
    node: Any = document
    for part in (p for p in pointer.split("/") if p):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return copy.deepcopy(node)
