"""Positions in a plain file, read from its lines: the marks libyaml gives, without composing.

The locator composed every file with findings again with libyaml only to know where a JSON path
is in it. A file whose every line has a plain shape (:func:`resilint.load.fast.plain_shape`,
the screen of the fast path) needs no parser for that: its top-level keys are the lines at the
first key's column, and the lines of the one top-level key a path starts with are read into
nodes (:mod:`.plain_nodes`), the rest of the file not at all. Anything the reader is not sure
of, and any file the screen refuses, is composed as before. ``tests/test_plain_positions.py``
compares every position with libyaml's.
"""

from __future__ import annotations

import functools
import re

from resilint.findings import JsonPath
from resilint.limits import Limits
from resilint.load.fast import _KEY, plain_shape
from resilint.load.plain_nodes import NotPlain, PlainMap, PlainNode, PlainSeq, Pos, Reader
from resilint.patterns import kept

_LONGEST_KEY = 1000  # libyaml refuses a simple key of more than 1,024 characters
_LONG_LINE = kept(f"\\n[^\\n]{{{_LONGEST_KEY}}}")  # tried at line breaks only: quick
_CONTENT = kept(r"\n( *)[^ \n#]")
_KEY_LINE = kept(rf"[ ]*{_KEY}:(?:[ ]|\n)")


@functools.lru_cache(maxsize=64)
def _less_indented(column: int) -> re.Pattern[str]:
    """A line of content left of ``column``."""
    return re.compile(rf"\n[ ]{{0,{column - 1}}}[^ \n#]")


@functools.lru_cache(maxsize=64)
def _next_key(column: int) -> re.Pattern[str]:
    """The next line at ``column`` that is not an item: the next top-level key."""
    return re.compile(rf"\n[ ]{{{column}}}[^ \n#-]")


def plain_file(text: str, limits: Limits) -> PlainFile | None:
    """A plain file whose single document is a block mapping, or None when it must be
    composed (not plain, or a construct this reader leaves to libyaml)."""
    start = plain_shape(text, limits, numbers=False)
    if start is None:
        return None
    lines = "\n" + text[start:] + ("" if text.endswith("\n") else "\n")
    if _LONG_LINE.search(lines):
        return None  # a key may be too long for libyaml: let it say so
    first = _CONTENT.search(lines)
    if first is None or _KEY_LINE.match(lines, first.start() + 1) is None:
        return None  # empty, or a sequence or a scalar: not a resilint document
    column = len(first.group(1))
    if column and _less_indented(column).search(lines):
        return None  # a line left of the first key ends the document: an error
    at = (text.count("\n", 0, start) + lines.count("\n", 1, first.start() + 1) + 1, column + 1)
    return PlainFile(lines, text.count("\n", 0, start), PlainMap(at))


class PlainFile:
    """A plain file's top-level mapping, whose entries are read when first asked for: each
    top-level key's lines (to the next top-level key) are read into nodes alone."""

    def __init__(self, lines: str, before: int, root: PlainMap) -> None:
        self.lines = lines
        """The document's lines, each after a line break (the first too)."""
        self.before = before
        """Lines before the document's first line (a ``---`` and comments above it)."""
        self.root = root
        self._read: set[str] = set()

    def position(self, path: JsonPath, on_key: bool) -> Pos:
        """What :meth:`resilint.locate.Locator.position` gives for the file's document."""
        self._load(path[0] if path else "")
        found = find(self.root, path, on_key)
        if found is self.root and path:  # a missing top-level field: show the document by its id
            self._load("id")
            found = find(self.root, ("id",), on_key=False)
        return found if isinstance(found, tuple) else found.at

    def at(self, path: JsonPath, on_key: bool) -> Pos:
        """Where :func:`resilint.locate.find_node`'s node for ``path`` starts (a missing
        top-level field: the mapping); raises :class:`NotPlain`."""
        self._load(path[0] if path else "")
        found = find(self.root, path, on_key)
        return found if isinstance(found, tuple) else found.at

    def _load(self, key: object) -> None:
        """Read the lines of top-level ``key`` (its first occurrence, as the locator looks
        keys up) into the root's entries; raises :class:`NotPlain`."""
        if not isinstance(key, str) or not key or key in self._read:
            return
        self._read.add(key)
        column = self.root.at[1] - 1
        needle = "\n" + " " * column + key + ":"
        found = self.lines.find(needle)
        while found >= 0 and self.lines[found + len(needle)] not in " \n":
            found = self.lines.find(needle, found + 1)
        if found < 0:
            return
        end = _next_key(column).search(self.lines, found + 1)
        block = self.lines[found + 1 : end.start() + 1 if end else len(self.lines)]
        read = Reader().read(block, self.before + self.lines.count("\n", 1, found + 1))
        if not isinstance(read, PlainMap) or key not in read.pairs:
            raise NotPlain
        self.root.pairs[key] = read.pairs[key]


def find(node: PlainNode, path: JsonPath, on_key: bool) -> PlainNode:
    """What :func:`resilint.locate.find_node` finds, step for step (a key is its position)."""
    key: Pos | None = None
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, PlainMap) and isinstance(step, str):
            pair = node.pairs.get(step)
            if pair is None:
                return key or node
            key, node = pair
            if last and on_key:
                return key
        elif isinstance(node, PlainSeq) and isinstance(step, int) and step < len(node.items):
            key, node = None, node.items[step]
        else:
            return key or node
    if key is not None and not isinstance(node, tuple):
        return key
    return node
