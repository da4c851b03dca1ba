"""YAML text to node graphs, with libyaml when present, and YAML errors turned into problems.

Composing stops at the node graph: no Python object is ever constructed from a tag, so nothing
in a file can make resilint run code or read another file. Plain scalars get a neutral tag here;
:mod:`resilint.load.convert` gives them their YAML 1.2 meaning.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from resilint.limits import Limits

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


class YamlProblem(Exception):
    """A problem found while reading YAML, with its code and 1-based position."""

    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column

    @classmethod
    def at(cls, code: str, message: str, node: Node) -> YamlProblem:
        mark = node.start_mark
        return cls(code, message, mark.line + 1, mark.column + 1)


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
    """Every document's root node, in file order; raises :class:`YamlProblem`."""
    composer = _Composer(text)
    roots: list[Node] = []
    try:
        while composer.check_node():
            node = composer.get_node()
            if node is not None:
                roots.append(node)
            if len(roots) > limits.max_documents:
                raise YamlProblem.at(
                    "YML-09",
                    f"more than {limits.max_documents} documents in "
                    "one file (limits.max_documents)",
                    roots[-1],
                )
    except yaml.MarkedYAMLError as exc:
        raise _translate(exc, text) from None
    except RecursionError:
        raise YamlProblem("YML-05", "the data is nested too deeply to read", 1, 1) from None
    finally:
        composer.dispose()
    return roots


def _translate(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    rows = text.split("\n")
    if line > len(rows):  # libyaml marks the end of a file without a final newline one line on
        line, column = len(rows), len(rows[-1]) + 1
    problem = exc.problem or "invalid YAML"
    if problem == "exceeded maximum nesting depth":
        return YamlProblem("YML-05", "the data is nested more than 1000 levels deep", line, column)
    if problem == "found incompatible YAML document":
        return YamlProblem(
            "YML-01",
            "unsupported %YAML directive: resilint reads YAML 1.1 and 1.2 "
            "files, always with YAML 1.2 meanings",
            line,
            column,
        )
    if "cannot start any token" in problem and _char_at(text, line, column) == "\t":
        return YamlProblem(
            "YML-01",
            "a tab character where YAML expects indentation or a value; indent with spaces",
            line,
            column,
        )
    context = f"{exc.context}: " if exc.context else ""
    return YamlProblem("YML-01", f"{context}{problem}", line, column)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def children(node: Node) -> list[Node]:
    """The direct children of a node: keys and values of a mapping, items of a sequence."""
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []
