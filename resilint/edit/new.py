"""``resilint new KIND ID``: a document from the kind's schema, with every required field, the
fields set on the command line (references checked), and, commented out for a person to fill
in, what the rules will ask of it at its tier."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint.edit.asks import Ask, asks
from resilint.edit.place import place, write_document
from resilint.edit.rename import id_pattern
from resilint.edit.render import commented_out, read_back, render
from resilint.edit.repository import Repository, open_repository
from resilint.errors import ExitCode, UsageError
from resilint.findings import JsonPath
from resilint.load import load_text
from resilint.locate import Locator
from resilint.model import Document
from resilint.quoting import quoted
from resilint.remedies import schema_at
from resilint.suggest import did_you_mean
from resilint.validate import API_VERSION, to_document

_PLACEHOLDERS = {"string": "...", "integer": 0, "number": 0, "boolean": True, "array": []}


@dataclass(frozen=True)
class NewArgs:
    """What ``resilint new`` was asked: the kind, id and values of the document to write."""

    kind: str
    id: str
    values: tuple[str, ...] = ()
    target: Path | None = None
    diff: bool = False
    config: Path | None = None


def run_new(args: NewArgs) -> int:
    repository = open_repository(args.config)
    kind = repository.kind(args.kind)
    _check_id(repository, kind, args.id)
    data: dict[str, Any] = {"apiVersion": API_VERSION, "kind": kind, "id": args.id}
    for assignment in args.values:
        path, value = _assignment(repository, kind, assignment)
        _put(data, path, value)
    _check_references(repository, kind, data)
    placement = place(repository, kind, args.id, args.target)
    document = Document(str(placement.path), 0, 1, kind, args.id, data)
    text = _text(repository, document)
    check_valid(repository, document, text)
    write_document(repository, placement, text, args.diff)
    return ExitCode.OK


def _check_id(repository: Repository, kind: str, name: str) -> None:
    if not id_pattern(repository).match(name):
        raise UsageError(f"'{name}' is not a valid id (lower-case letters, digits, . _ -)")
    existing = repository.index.get(kind, name)
    if existing is not None:
        raise UsageError(f"there is already a {kind} '{name}' ({existing.path}:{existing.line})")


def _assignment(repository: Repository, kind: str, text: str) -> tuple[JsonPath, Any]:
    field, sep, value = text.partition("=")
    if not sep:
        raise UsageError(f"--set {text}: no value; write FIELD=VALUE ({field.strip()}=...)")
    path = tuple(field.strip().split("."))
    if path[0] in ("apiVersion", "kind", "id"):
        raise UsageError(
            f"--set {text}: resilint new writes {path[0]} itself (the kind and id are its "
            "arguments: resilint new KIND ID)"
        )
    schema = schema_at(repository.schemas, kind, path) if sep and all(path) else None
    if schema is None:
        known = list(repository.schemas.schema(kind).get("properties", {}))
        raise UsageError(
            f"--set {text}: no field '{field}' in a {kind}{did_you_mean(field, known)}"
        )
    return path, _typed(value, schema, text)


_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)", re.ASCII)
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)


def _typed(value: str, schema: Any, shown: str) -> Any:
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return _number(value, kind == "integer", shown)
    if kind == "boolean":
        if value not in ("true", "false"):
            raise UsageError(f"--set {shown}: write true or false")
        return value == "true"
    if kind == "array":
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def _number(value: str, whole: bool, shown: str) -> int | float:
    """A number written in plain digits, as YAML writes it and check reads it: ``010`` is
    refused, not written 10, and so are `` 3``, ``1_000``, ``+3``, ``1e3`` and other digits
    than 0-9, which Python would read as a number other than the one a reader sees."""
    if (_INTEGER if whole else _DECIMAL).fullmatch(value):
        return int(value) if whole or "." not in value else float(value)
    digits = value.lstrip("-")
    zero = len(digits) > 1 and digits[0] == "0" and digits[1].isdigit() and digits.isascii()
    hint = (
        "; write it without the leading zero"
        if zero
        else "; write it in the digits 0-9 alone, with nothing around it"
    )
    what = "a whole number" if whole else "a number"
    raise UsageError(f"--set {quoted(shown, 80)}: {quoted(value, 40)} is not {what}{hint}")


def _put(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    for step in path[:-1]:
        inner = data.get(str(step))
        data = data.setdefault(str(step), {}) if not isinstance(inner, dict) else inner
        if not isinstance(data, dict):
            return
    data[str(path[-1])] = value


def _check_references(repository: Repository, kind: str, data: dict[str, Any]) -> None:
    schemas, index = repository.schemas, repository.index
    for field in schemas.references(kind):
        for path, value in field.values(data):
            if isinstance(value, str) and index.get(field.target, value) is None:
                hint = did_you_mean(value, list(index.ids(field.target)))
                raise UsageError(
                    f"{'.'.join(map(str, path))}: there is no {field.target} '{value}'{hint}"
                )
    schema = schemas.schema(kind)
    missing = [name for name in schema.get("required", []) if name not in data]
    if missing:
        wanted = " ".join(f"--set {name}=..." for name in missing)
        raise UsageError(f"a {kind} needs {', '.join(missing)}: add {wanted}")
    either = _one_of_required(schema)  # a Waiver's rule, or its rules
    if either and not any(name in data for name in either):
        wanted = " or ".join(f"--set {name}=..." for name in either)
        raise UsageError(f"a {kind} needs {' or '.join(either)}: add {wanted}")


def _one_of_required(schema: dict[str, Any]) -> list[str]:
    """The fields of which the schema asks exactly one (``oneOf`` of ``required``), if any."""
    branches = schema.get("oneOf")
    if not isinstance(branches, list):
        return []
    return [
        str(b["required"][0])
        for b in branches
        if isinstance(b, dict) and isinstance(b.get("required"), list) and len(b["required"]) == 1
    ]


def _text(repository: Repository, document: Document) -> str:
    schemas, kind = repository.schemas, document.kind
    comments = {
        path: _about(schema_at(schemas, kind, path))
        for path in _paths(document.data, ())
        if path[0] not in ("apiVersion", "kind", "id")
    }
    header = (
        f"{kind} {document.id}, written by `resilint new`.",
        f"Each comment says what the field is for; `resilint schema {kind}` lists every field.",
    )
    text = render(document.data, comments, header)
    wanted = [a for a in asks(repository, document) if _fillable(repository, document, a)]
    if wanted:
        text += "\n" + _asked(repository, document, wanted)
    return text


def _asked(repository: Repository, document: Document, wanted: list[Ask]) -> str:
    tree: dict[str, Any] = {}
    comments: dict[JsonPath, str] = {}
    for ask in wanted:
        schema = schema_at(repository.schemas, document.kind, ask.path) or {}
        value = ask.value if ask.value is not None else _placeholder(schema)
        _put(tree, ask.path, value)
        comments[ask.path] = f"{_about(schema)} ({', '.join(ask.rules)})".lstrip()
    header = (
        "What the rules will ask of this document where it stands (its tier, exposure and",
        "lifecycle in this repository). Uncomment each field once it is agreed and recorded,",
        "with the true value; until then the rules report it missing.",
    )
    return commented_out(tree, comments, header)


def _fillable(repository: Repository, document: Document, ask: Ask) -> bool:
    either = _one_of_required(repository.schemas.schema(document.kind))
    if ask.path[0] in either and any(name in document.data for name in either):
        return False  # the alternative is given (a Waiver's rules: not its rule too)
    schema = schema_at(repository.schemas, document.kind, ask.path)
    data: Any = document.data
    for step in ask.path:
        data = data.get(step) if isinstance(data, dict) else None
    return schema is not None and data is None


def _placeholder(schema: Any) -> Any:
    if schema.get("enum"):
        return schema["enum"][0]
    if schema.get("format") == "date":
        return datetime.date.today().isoformat()
    return _PLACEHOLDERS.get(schema.get("type"), {}) if schema.get("type") != "object" else {}


def _about(schema: Any) -> str:
    text = " ".join(str((schema or {}).get("description", "")).split())
    return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + "..."


def _paths(data: Any, at: JsonPath) -> list[JsonPath]:
    found = []
    for key, value in data.items():
        found.append((*at, key))
        if isinstance(value, dict):
            found += _paths(value, (*at, key))
    return found


def check_valid(repository: Repository, document: Document, text: str) -> None:
    """The new document must load and pass its schema before it is written."""
    shown = document.path
    loaded = load_text(shown, text, repository.config.limits)
    locator = Locator(repository.config.limits)
    locator.seed(shown, text)
    problems = list(loaded.findings)
    for raw in loaded.documents:
        problems += to_document(raw, repository.schemas, locator)[1]
    if problems or len(loaded.documents) != 1:
        reason = problems[0].message if problems else "it did not load"
        raise UsageError(f"the new {document.kind} would not be valid: {reason}")
    differs = read_back(text, document.data)
    if differs is not None:  # a defect of the writer: never written as another value
        raise UsageError(
            f"the new {document.kind} would read back other than given at {differs}; "
            "nothing written (please report this)"
        )
