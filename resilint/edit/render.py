"""New documents as YAML text, with their comments, rendered by ruamel.yaml's round-trip dumper:
the one place resilint writes YAML that was not there before (``new``, ``waive``)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from resilint.findings import JsonPath
from resilint.patterns import kept

_DATE = kept(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_UNFOLDABLE = kept("  |[\x85\u2028\u2029]")
"""Two spaces, which a long line folded between them loses one of (``a  b`` read back
``a b``), and the line separators YAML 1.1 readers break a line at: written in double quotes,
where ruamel.yaml escapes what a fold or a reader would change."""


def render(
    data: Mapping[str, Any], comments: Mapping[JsonPath, str], header: tuple[str, ...] = ()
) -> str:
    """``data`` as one YAML document, each field followed by its comment, under a header."""
    document = _commented(data, comments, ())
    if header:
        document.yaml_set_start_comment("\n".join(header))
    return _dump(document)


def commented_out(
    data: Mapping[str, Any], comments: Mapping[JsonPath, str], header: tuple[str, ...]
) -> str:
    """``data`` rendered as YAML, every line a comment: fields for a person to fill in."""
    body = _dump(_commented(data, comments, ()))
    lines = [f"# {line}".rstrip() for line in (*header, *body.splitlines())]
    return "\n".join(lines) + "\n"


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps the comments attached to each field
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(document: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def _commented(
    data: Mapping[str, Any], comments: Mapping[JsonPath, str], at: JsonPath
) -> CommentedMap:
    mapping = CommentedMap()
    # The comments of one mapping start in one column, after its longest 'key: value'.
    width = max((len(f"{key}: {_shown(value)}") for key, value in data.items()), default=0)
    column = 2 * len(at) + min(width, 40) + 2
    for key, value in data.items():
        mapping[key] = (
            _commented(value, comments, (*at, key)) if isinstance(value, Mapping) else _plain(value)
        )
        comment = comments.get((*at, key))
        if comment:
            mapping.yaml_add_eol_comment(comment, key, column=column)
    return mapping


def _shown(value: Any) -> str:
    if isinstance(value, Mapping):
        return ""
    if isinstance(value, bool):
        return "true"
    if isinstance(value, list):
        return "[]" if not value else ""
    return str(value) if isinstance(value, str | int | float) else ""


def _plain(value: Any) -> Any:
    """A date as a date, so that it is written 2026-12-31 and not quoted; text that a YAML 1.1
    reader (PyYAML, Ansible, many CI tools) would take for something else, quoted; text that
    ruamel.yaml would not write back exactly in a plain or single-quoted scalar, in double
    quotes (with escapes)."""
    if isinstance(value, str) and _DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str) and _UNFOLDABLE.search(value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, str) and _read_as_other_by_yaml_1_1(value):
        return SingleQuotedScalarString(value)
    return value


def _read_as_other_by_yaml_1_1(text: str) -> bool:
    """Whether YAML 1.1 reads ``text``, written plain, as other than text: ``yes``, ``off``,
    ``1:30`` (sexagesimal), ``0o17``... ruamel.yaml writes YAML 1.2, where they are text, and
    leaves them plain; resilint reads them as text too, but other tools reading the file
    would not."""
    if text in ("y", "Y", "n", "N"):  # booleans in the YAML 1.1 spec, not in PyYAML
        return True
    tag: str = Resolver().resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != "tag:yaml.org,2002:str"


def read_back(text: str, data: Mapping[str, Any]) -> str | None:
    """Where the document ``text`` reads back other than ``data`` (a field's path), or None:
    what is written is what was given, never a value ruamel.yaml folded or retyped."""
    from resilint.edit.verify import same
    from resilint.findings import format_json_path
    from resilint.limits import Limits
    from resilint.load import load_text

    loaded = load_text("new.yaml", text, Limits())
    if len(loaded.documents) != 1:
        return "the document"
    got = loaded.documents[0].data
    for key, value in data.items():
        if not same(got.get(key), value):
            return format_json_path((key,))
    return None if got.keys() == data.keys() else "the fields"
