"""Where a value stands in a file's text, and how to write one there: the helpers fixes and
the write commands share to edit YAML in place, leaving every other byte as it was."""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from resilint.findings import Edit, JsonPath
from resilint.load.compose import PLAIN
from resilint.load.positions import Lines
from resilint.locate import written
from resilint.patterns import kept

# A plain value that YAML 1.2 (and resilint) reads back as the same text: no indicator at the
# start, no ': ' or ' #' inside, not a number, a date-like or a word YAML gives a meaning.
_SAFE_PLAIN = kept(r"[A-Za-z0-9_][A-Za-z0-9_./@+-]*(?: [A-Za-z0-9_./@+()-]+)*\Z")
_NUMBER = kept(r"[-+]?(?:[0-9]+\.?[0-9]*(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)\Z")
_TRAILING_COMMENT = kept(r"( +)#")
_RESERVED = frozenset({"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"})


def newline(text: str) -> str:
    """The file's line break: CRLF when its first line ends so, else LF."""
    first = re.search(r"\r\n|\r|\n", text)
    return first.group() if first else "\n"


def at(lines: Lines, start: int, end: int, text: str) -> Edit:
    """An edit replacing the characters ``start`` to ``end`` of the text with ``text``."""
    return Edit(*lines.position(start), *lines.position(end), text)


def replacement(lines: Lines, start: int, end: int, text: str) -> Edit:
    """:func:`at`, keeping a comment that follows on the line in its column: a shorter value
    is padded with spaces, a longer one takes the spaces it needs (leaving at least one)."""
    after = _TRAILING_COMMENT.match(lines.text, end)
    if after is not None:
        room, grow = len(after.group(1)), len(text) - (end - start)
        if grow < 0:
            text += " " * -grow
        elif 0 < grow < room:
            end += grow
    return at(lines, start, end, text)


def node_at(root: Node, path: JsonPath) -> tuple[Node | None, Node] | None:
    """(key node, value node) of exactly ``path``; None when it is not there as written (it may
    come through a merge key, which a fix does not edit)."""
    key: Node | None = None
    node = root
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            pair = written(node, step)  # indexed in a wide mapping
            if pair is None:
                return None
            key, node = pair
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            key, node = None, node.value[step]
        else:
            return None
    return key, node


def source(node: ScalarNode, lines: Lines) -> str | None:
    """The node's own text in the file when it is a one-line scalar written right there (not
    an alias of one written elsewhere, not behind an anchor or a tag); else None."""
    text = lines.text[node.start_mark.index : node.end_mark.index]
    if "\n" in text or "\r" in text:
        return None
    if not node.style and node.tag == PLAIN:  # libyaml gives plain values the style ''
        return text if text == node.value else None
    if node.style in ("'", '"') and text[:1] == node.style and text[-1:] == node.style:
        return text
    return None


def plain_reads_back(value: str) -> bool:
    """Whether ``value`` written bare (a plain scalar, in a block or in a flow collection)
    reads back as the same text: no indicator, not a number nor a word YAML gives a meaning."""
    return (
        _SAFE_PLAIN.match(value) is not None
        and _NUMBER.match(value) is None
        and value.lower() not in _RESERVED
    )


def scalar_text(value: str, style: str | None = None) -> str:
    """``value`` as YAML text in the given style (plain, ``'`` or ``"``), quoted when plain
    would not read back as the same text."""
    if not style and plain_reads_back(value):
        return value
    if style == "'" or '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value + '"'


def content_end(node: Node, text: str) -> int:
    """Where a value's last character is: the end of its last scalar or flow collection (a
    block collection's own end mark lies at the next token, lines later)."""
    end = node.end_mark.index
    children: list[Node] = []
    if isinstance(node, MappingNode) and not node.flow_style:
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, SequenceNode) and not node.flow_style:
        children = list(node.value)
    if children:
        end = max(content_end(child, text) for child in children)
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1  # a block text (| or >) ends after its line break
    return end
