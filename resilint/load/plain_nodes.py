"""Plain YAML lines read into nodes that hold only where each key, value and item starts.

The lines are those of a file whose every line has a plain shape
(:func:`resilint.load.fast.plain_shape`): block mappings and sequences of one-line values, one
entry a line, plain scalars continued on more indented lines. Nodes start where libyaml marks
them: a mapping at its first key, a block sequence at its first ``-``, a flow collection at its
bracket, a scalar at its first character (a quote included), an empty value just after its
``:`` or ``-``. The reader keeps the stack of open block collections libyaml keeps, and gives up
(:class:`NotPlain`) on any line it is not sure libyaml reads as it does: a more indented line
after a plain scalar that is not plain text itself (``- x``, ``k: v``, a quoted text), an
indentation libyaml refuses, a second root.
"""

from __future__ import annotations

from resilint.load.fast import _FLOW_MAP, _FLOW_SEQ, _FLOW_VALUE, _KEY
from resilint.patterns import Lazy, kept

Pos = tuple[int, int]
"""1-based line and column; a column counts characters (code points), as libyaml's marks."""

# One match a line: indentation, dashes ("- ", or "-" that ends the line), a key (a word, then
# ":" and a space or the line's end) and what follows. Every line of a plain file has this
# shape (the screen checked each against its full grammar); a value cannot be taken for a key
# or a dash here, as a plain one never holds ": " or ends with ":" nor starts with "- ".
_TOKENS = kept(r"( *)((?:-(?: +|(?=\n)))*)(?:([A-Za-z_][\w.-]*)(:(?: +|(?=\n))))?(.*)\n")
# Compiled for the first flow collection placed (Lazy): most runs place none.
_FLOW_SEQ_END = Lazy(_FLOW_SEQ)
_FLOW_MAP_END = Lazy(_FLOW_MAP)
_FLOW_ITEM = Lazy(_FLOW_VALUE)
_FLOW_PAIR = Lazy(rf"({_KEY}):[ ]+({_FLOW_VALUE})")
_QUOTES_AND_BRACKETS = "\"'[{"


class PlainMap:
    """A mapping: where it starts, and each key's position and value (the first of a repeated
    key, as the locator looks keys up)."""

    __slots__ = ("at", "pairs")

    def __init__(self, at: Pos) -> None:
        self.at = at
        self.pairs: dict[str, tuple[Pos, PlainNode]] = {}


class PlainSeq:
    """A sequence: where it starts, and its items."""

    __slots__ = ("at", "items")

    def __init__(self, at: Pos) -> None:
        self.at = at
        self.items: list[PlainNode] = []


PlainNode = PlainMap | PlainSeq | Pos
"""A scalar is only its position."""


class NotPlain(Exception):
    """A line this reader does not read as libyaml surely would: the file is composed."""


class Reader:
    """Reads lines into nodes with the stack of open block collections libyaml keeps."""

    def __init__(self) -> None:
        self.root: PlainNode | None = None
        self.stack: list[tuple[int, PlainMap | PlainSeq, bool]] = []
        """Open block collections: column, node, and whether it is a sequence written at its
        key's column (``key:`` then ``- item`` lines), which the next key closes."""
        self.slot: tuple[str | None, Pos | None, Pos] | None = None
        """The innermost collection awaits a value: its key and the key's position (None in a
        sequence), and where the value is, empty, if none comes."""
        self.plain_above: int | None = None
        """A plain scalar ended the last line: lines indented beyond this column continue it."""

    def read(self, body: str, number: int) -> PlainNode | None:
        """The root node of ``body``, lines that each end with a line break, the first of
        which is line ``number + 1``; raises :class:`NotPlain`."""
        for indent, dashes, key, colon, rest in _TOKENS.findall(body):
            number += 1
            if not dashes and not key and (not rest or rest[0] == "#"):
                if rest:
                    self.plain_above = None  # a comment ends a plain scalar
                continue  # blank lines do not
            column = len(indent)
            if self.plain_above is not None:
                if column > self.plain_above:
                    self._continued(dashes, key, rest)
                    continue
                self.plain_above = None
            at = column + len(dashes) + len(key) + len(colon)
            self._line(number, column, dashes, key, (at, rest))
        if self.slot is not None:
            self._fill(self.slot[2])
        return self.root

    def _continued(self, dashes: str, key: str, rest: str) -> None:
        """A line more indented than the block a plain scalar ended in: libyaml reads it as
        more of that scalar; only a line of plain text surely is."""
        if dashes or key or rest[0] in _QUOTES_AND_BRACKETS:
            raise NotPlain
        if " #" in rest:
            self.plain_above = None

    def _line(
        self, number: int, column: int, dashes: str, key: str, value: tuple[int, str]
    ) -> None:
        place = self._place("-" if dashes else "key" if key else "value", column)
        if dashes:
            for offset, char in enumerate(dashes):  # "- - x": each dash opens a sequence
                if char != "-":
                    continue
                dash = column + offset
                if place != "join" or offset:
                    self._open(PlainSeq((number, dash + 1)), dash, place == "beside" and not offset)
                self.slot = (None, None, (number, dash + 2))  # an item, empty after its dash
            place = "new"
        if key:
            at = column + len(dashes)
            if place == "new":
                self._open(PlainMap((number, at + 1)), at)
            self.slot = (key, (number, at + 1), (number, at + len(key) + 2))
        at, rest = value
        if rest and rest[0] != "#":
            self._fill(_value(rest, number, at))
            if rest[0] not in _QUOTES_AND_BRACKETS and " #" not in rest:
                self.plain_above = self.stack[-1][0]

    def _place(self, kind: str, column: int) -> str:
        """Close what a line's first token at ``column`` closes. "new": the token starts the
        awaited value; "beside": a sequence at its key's column; "join": the token is the next
        entry of the innermost open collection."""
        if not self.stack:
            if self.root is not None or kind == "value":
                raise NotPlain  # a second root, or a document that is one scalar
            return "new"
        if self.slot is not None:
            top_column, top, _ = self.stack[-1]
            if column > top_column:
                return "new"
            if kind == "-" and column == top_column and isinstance(top, PlainMap):
                return "beside"
            self._fill(self.slot[2])  # nothing came: the value is empty
        while self.stack and self.stack[-1][0] > column:
            self.stack.pop()
        if self.stack and self.stack[-1][2] and kind == "key":
            self.stack.pop()  # a key closes the sequence written at its column
        if not self.stack or self.stack[-1][0] != column:
            raise NotPlain
        top = self.stack[-1][1]
        if (kind == "key" and isinstance(top, PlainMap)) or (
            kind == "-" and isinstance(top, PlainSeq)
        ):
            return "join"
        raise NotPlain

    def _open(self, node: PlainMap | PlainSeq, column: int, beside: bool = False) -> None:
        self._fill(node)
        self.stack.append((column, node, beside))

    def _fill(self, node: PlainNode) -> None:
        """The awaited value is ``node``."""
        if not self.stack:
            self.root = node
            return
        if self.slot is None:
            raise NotPlain
        key, key_at, _ = self.slot
        owner = self.stack[-1][1]
        if isinstance(owner, PlainSeq):
            owner.items.append(node)
        elif key is not None and key_at is not None:
            owner.pairs.setdefault(key, (key_at, node))
        else:
            raise NotPlain
        self.slot = None


def _value(rest: str, number: int, column: int) -> PlainNode:
    """A value's node: a one-line flow collection's, or a scalar's position."""
    if rest[0] == "[":
        sequence = PlainSeq((number, column + 1))
        end = _end(_FLOW_SEQ_END, rest)
        for item in _FLOW_ITEM.finditer(rest, 1, end - 1):
            sequence.items.append((number, column + item.start() + 1))
        return sequence
    if rest[0] == "{":
        mapping = PlainMap((number, column + 1))
        end = _end(_FLOW_MAP_END, rest)
        for pair in _FLOW_PAIR.finditer(rest, 1, end - 1):
            key_at, value_at = (
                (number, column + pair.start(1) + 1),
                (number, column + pair.start(2) + 1),
            )
            mapping.pairs.setdefault(pair.group(1), (key_at, value_at))
        return mapping
    return number, column + 1


def _end(pattern: Lazy, rest: str) -> int:
    found = pattern.match(rest)
    if found is None:
        raise NotPlain
    return found.end()
