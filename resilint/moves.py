"""A field one level out: the fix that moves it, as whole lines, to the one mapping next to it
where the schema expects it (up into the enclosing mapping, or down into a sibling)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from resilint.findings import Applicability, Edit, Fix, JsonPath, format_json_path
from resilint.load.positions import Lines
from resilint.locate import written
from resilint.yamltext import at, content_end, newline, node_at

MOST_SIBLINGS = 256
"""A field is moved down into a sibling only in a mapping of at most this many fields (every
mapping a schema describes has far fewer): each unknown field looks at each sibling."""

SchemaAt = Callable[[JsonPath], Mapping[str, Any] | None]
_Target = tuple[JsonPath, int, int]
"""Where the field goes: its new path, the offset it follows, and its indentation there."""


def move_fix(root: Node, lines: Lines, path: JsonPath, schema_at: SchemaAt) -> Fix | None:
    """The fix moving the unknown field at ``path`` where the schema expects it, when there is
    exactly one such place next to it."""
    if not path or not isinstance(path[-1], str):
        return None
    found = node_at(root, path)
    if found is None or found[0] is None:
        return None
    targets = [*_up(root, lines, path, schema_at), *_down(root, lines, path, schema_at)]
    if len(targets) != 1:
        return None
    edits = _edits(lines, found[0], found[1], targets[0])
    if edits is None:
        return None
    new_path = targets[0][0]
    where = format_json_path(new_path[:-1]) or "the top level"
    return Fix(
        f"move '{path[-1]}' to {where}, where the schema expects it",
        Applicability.UNSAFE,
        edits,
        (path, new_path),
        ((path, new_path),),
    )


def _block_mapping(node: Node | None) -> MappingNode | None:
    return node if isinstance(node, MappingNode) and not node.flow_style and node.value else None


def _has(mapping: MappingNode, name: str) -> bool:
    return written(mapping, name) is not None


def _expects(schema: Mapping[str, Any] | None, name: str) -> bool:
    return bool(schema) and name in (schema or {}).get("properties", {})


def _up(root: Node, lines: Lines, path: JsonPath, schema_at: SchemaAt) -> list[_Target]:
    name, parent = str(path[-1]), path[:-1]
    if not parent or not isinstance(parent[-1], str):
        return []
    grand = node_at(root, parent[:-1])
    entry = node_at(root, parent)
    mapping = _block_mapping(grand[1] if grand else None)
    if mapping is None or entry is None or entry[0] is None or _has(mapping, name):
        return []
    if not _expects(schema_at(parent[:-1]), name):
        return []
    column = lines.mark(entry[0].start_mark)[1] - 1
    return [((*parent[:-1], name), content_end(entry[1], lines.text), column)]


def _down(root: Node, lines: Lines, path: JsonPath, schema_at: SchemaAt) -> list[_Target]:
    name, parent = str(path[-1]), path[:-1]
    holder = node_at(root, parent)
    mapping = _block_mapping(holder[1] if holder else None)
    if mapping is None or len(mapping.value) > MOST_SIBLINGS:
        return []  # asked for each unknown field among thousands, the walk was quadratic
    targets = []
    for key, value in mapping.value:
        inner = _block_mapping(value)
        if not isinstance(key, ScalarNode) or key.value == name or inner is None:
            continue
        if _expects(schema_at((*parent, key.value)), name) and not _has(inner, name):
            column = lines.mark(inner.value[0][0].start_mark)[1] - 1
            targets.append(((*parent, key.value, name), content_end(inner, lines.text), column))
    return targets


def _edits(lines: Lines, key: Node, value: Node, target: _Target) -> tuple[Edit, ...] | None:
    """Delete the field's lines and insert them, re-indented, after the target's last line."""
    text, starts = lines.text, lines.starts
    first, column = lines.mark(key.start_mark)
    if lines.line(first)[: column - 1].strip():
        return None  # something else starts the line ("- key:", a flow mapping)
    last, end_column = lines.position(content_end(value, text))
    rest = lines.line(last)[end_column - 1 :]
    if rest.strip() and not rest.lstrip().startswith("#"):
        return None
    start = starts[first - 1]
    end = starts[last] if last < len(starts) else len(text)
    chunk = _reindent(text[start:end], target[2] - (column - 1), newline(text))
    after_line = lines.position(target[1])[0]
    insert = starts[after_line] if after_line < len(starts) else len(text)
    if chunk is None or start < insert < end:
        return None
    if insert == len(text) and text and text[-1] not in "\r\n":
        chunk = newline(text) + chunk
    return tuple(sorted((at(lines, start, end, ""), at(lines, insert, insert, chunk)), key=_order))


def _order(edit: Edit) -> tuple[int, int]:
    return edit.line, edit.column


def _reindent(chunk: str, delta: int, line_break: str) -> str | None:
    if not chunk.endswith(("\n", "\r")):
        chunk += line_break
    out = []
    for line in chunk.splitlines(keepends=True):
        if not line.strip():
            out.append(line)
        elif delta >= 0:
            out.append(" " * delta + line)
        elif line.startswith(" " * -delta):
            out.append(line[-delta:])
        else:
            return None
    return "".join(out)
