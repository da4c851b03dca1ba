"""YAML text to node graphs, with libyaml when present, and YAML errors turned into load errors.

Composing stops at the node graph: no Python object is ever constructed from a tag, so nothing
in a file can make resilint run code or read another file. Plain scalars get a neutral tag here;
:mod:`resilint.load.convert` gives them their YAML 1.2 meaning.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from resilint.limits import Limits
from resilint.load.positions import Lines, LoadError
from resilint.patterns import kept

PLAIN = "tag:resilint:plain"
STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    HAVE_LIBYAML = False

# YAML 1.2 breaks lines at CR and LF only; libyaml, following YAML 1.1, also at NEL, LINE
# SEPARATOR and PARAGRAPH SEPARATOR. Each is swapped for a private-use character the text does
# not hold before parsing, and swapped back in the values after: the parser then reads the file
# as YAML 1.2 and editors show it (a U+2028 in a comment stays in the comment), and offsets are
# unchanged because the swap is one character for one.
_YAML11_BREAKS = "\x85\u2028\u2029"
_YAML_DIRECTIVE = kept(r"%YAML[ \t]+[0-9]+\.[0-9]+(?:[ \t]+(?:#.*)?)?\Z")


class _Composer(_Parser, BaseResolver):
    """A parser whose resolver leaves every plain scalar's meaning to the converter."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


def compose(text: str, limits: Limits) -> list[Node]:
    """Every document's root node, in file order; raises :class:`LoadError`."""
    swaps = _swaps(text)
    source = text.translate({ord(a): b for a, b in swaps}) if swaps else text
    roots = _compose(source, limits, Lines(text))
    if swaps:
        _swap_back(roots, {b: a for a, b in swaps})
    if text.startswith("%") or "\n%" in text or "\r%" in text:
        _check_directives(source, Lines(text))
    return roots


def _compose(source: str, limits: Limits, lines: Lines) -> list[Node]:
    if _may_hold_more(source, limits.max_file_values):
        _count_values(source, limits.max_file_values, lines)
    composer = _Composer(source)
    roots: list[Node] = []
    try:
        while composer.check_node():
            node = composer.get_node()
            if node is not None:
                roots.append(node)
            if len(roots) > limits.max_documents:
                raise LoadError.at(
                    "YML-09",
                    f"more than {limits.max_documents} documents in "
                    "one file (limits.max_documents)",
                    roots[-1],
                    lines,
                )
    except yaml.MarkedYAMLError as exc:
        from resilint.load.syntax import syntax_error  # the words, loaded only when needed

        raise syntax_error(exc, lines) from None
    except RecursionError:
        raise LoadError("YML-05", "the data is nested too deeply to read") from None
    finally:
        composer.dispose()
    return roots


# Every value but a document's own starts after one of these (a line break, ': ', '- ', '? ',
# '[', '{', ',', '*'); a value with none before it is a document's root. Counting them bounds
# how many values a text can hold, generously (a date holds two '-'), without parsing it.
_BEFORE_VALUES = ("\n", "\r", ":", "-", "?", "[", "{", ",", "*")
_NODE_EVENTS = frozenset({ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent})


def _may_hold_more(source: str, limit: int) -> bool:
    """Whether the text may hold more than ``limit`` values: for nearly every file a few
    substring counts say no, and its values need not be counted one by one."""
    return 3 * sum(source.count(sign) for sign in _BEFORE_VALUES) + 3 > limit


def _count_values(source: str, limit: int, lines: Lines) -> None:
    """Count the file's values from the parser's events, which are not kept, and stop at the
    one past ``limit``: composing the whole node graph of millions of values first would take
    seconds and gigabytes. A syntax error ends the count; composing says what it is."""
    parser = _Composer(source)
    get_event, count = parser.get_event, 0  # the loop runs a million times: kept lean
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind in _NODE_EVENTS:
                count += 1
                if count > limit:
                    raise _too_many_values(limit, event, lines)
            elif kind is StreamEndEvent or event is None:
                return
    except yaml.MarkedYAMLError:
        return
    finally:
        parser.dispose()


def _too_many_values(limit: int, event: Any, lines: Lines) -> LoadError:
    return LoadError(
        "YML-09",
        f"this file holds more than {limit:,} values (limits.max_file_values); nothing in it "
        "is checked: split it into smaller files, or raise the limit",
        *lines.position(event.start_mark.index),
    )


def _swaps(text: str) -> list[tuple[str, str]]:
    """(YAML 1.1 break, stand-in) for each such break in the text; usually none."""
    if text.isascii():
        return []
    present = [char for char in _YAML11_BREAKS if char in text]
    if not present:
        return []
    stand_ins = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return list(zip(present, stand_ins, strict=False))


def _swap_back(roots: list[Node], back: dict[str, str]) -> None:
    table = {ord(b): a for b, a in back.items()}
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            node.value = node.value.translate(table)
        else:
            stack.extend(children(node))


def _check_directives(source: str, lines: Lines) -> None:
    """A %YAML or %TAG line after the first document needs a ``...`` line before it, and a
    %YAML line holds nothing but the version and a comment after a space."""
    parser = _Composer(source)
    documents, ended = 0, True
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, DocumentEndEvent):
                ended = bool(event.explicit)
            elif isinstance(event, DocumentStartEvent) and event.start_mark and event.end_mark:
                start = event.start_mark.index
                _check_directive_lines(source, start, event.end_mark.index, lines)
                if documents and not ended and (event.version or event.tags):
                    raise LoadError(
                        "YML-01",
                        "a % directive line after a document needs a '...' line before it, "
                        "which ends that document",
                        *lines.position(start),
                    )
                documents += 1
    finally:
        parser.dispose()


def _check_directive_lines(source: str, start: int, end: int, lines: Lines) -> None:
    for match in re.finditer(r"^%YAML\b[^\r\n]*", source[start:end], re.MULTILINE):
        if not _YAML_DIRECTIVE.match(match.group()):
            raise LoadError(
                "YML-01",
                "a %YAML line holds only the version (%YAML 1.2), then optionally a space "
                "and a # comment",
                *lines.position(start + match.start()),
            )


def children(node: Node) -> list[Node]:
    """The direct children of a node: keys and values of a mapping, items of a sequence."""
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []
