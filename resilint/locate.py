"""Positions for findings: map a document's JSON path to the parser's node marks, lazily.

Checks build each finding complete through a :class:`Locator`; only files that have findings are
read again, once each, so a clean repository of any size keeps no node graphs in memory. A file
whose every line has a plain shape is placed from its lines (:mod:`resilint.load.plain_positions`,
the same positions at less than half the cost); any other is composed again with libyaml. A
position depends only on the file's text, so the cache keeps those a run computed with the
file's entry (:attr:`Locator.positions`): the next run reads only the files that changed.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.findings import Elsewhere, Finding, Fix, JsonPath, Level, Part, Related
from resilint.limits import Limits
from resilint.load import compose_text, read_text
from resilint.load.plain_nodes import NotPlain
from resilint.load.plain_positions import PlainFile, plain_file
from resilint.load.positions import Lines, LoadError
from resilint.load.read import Vetted
from resilint.model import Document

if TYPE_CHECKING:  # PyYAML is imported when a file is composed (a plain one never is)
    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Position = tuple[int, JsonPath, bool]
"""A document's index in its file, a JSON path in it, and whether its key is meant."""


class Locator:
    def __init__(
        self, limits: Limits, positions: dict[str, dict[Position, tuple[int, int]]] | None = None
    ) -> None:
        self.limits = limits
        self.positions: dict[str, dict[Position, tuple[int, int]]] = (
            {} if positions is None else positions
        )
        """Line and column by file and :data:`Position`: those known from the cache (of files
        unchanged since) and those computed in this run."""
        self._roots: dict[str, list[Node]] = {}
        self._lines: dict[str, Lines] = {}
        self._plain: dict[str, PlainFile | None] = {}
        self.vetted: dict[str, Vetted | None] = {}
        """The file discovery found at each path (device, inode, boundary): when a finding's
        file is read again for its positions, only that file is read (as the check reads)."""
        self.vet: Callable[[str], Vetted | None] | None = None
        """Works out the file discovery found at a path not in :attr:`vetted`, when a finding
        there is placed (a run whose files come from the cache builds none for the others)."""
        self._held: dict[str, int] = {}
        """The files read, by the weight of what is kept of them, the longest unused first."""
        self._weight = 0
        self.changed: dict[str, None] = {}
        """Files read again for positions that changed since discovery found them (another
        stat): their findings were found in the text read first, and may be placed off."""

    def _vetted(self, path: str) -> Vetted | None:
        if path in self.vetted:
            return self.vetted[path]
        return self.vet(path) if self.vet is not None else None

    def finding(
        self,
        code: str,
        name: str,
        level: Level,
        message: str,
        document: Document,
        json_path: JsonPath = (),
        *,
        on_key: bool = False,
        related: tuple[Related, ...] = (),
        discriminator: str = "",
        fix: Fix | None = None,
        parts: tuple[Part, ...] = (),
        needs: tuple[JsonPath, ...] = (),
        elsewhere: tuple[Elsewhere, ...] = (),
        note: str = "",
        about: tuple[JsonPath, ...] = (),
    ) -> Finding:
        """A finding about ``json_path`` in ``document`` (at its key when ``on_key``: an unknown
        field), positioned by the parser's marks."""
        line, column = self.position(document, json_path, on_key)
        return Finding(
            code,
            name,
            level,
            message,
            document.path,
            line,
            column,
            document.kind or None,
            document.id,
            json_path,
            related,
            discriminator=discriminator,
            fix=fix,
            parts=parts,
            needs=needs,
            elsewhere=elsewhere,
            note=note,
            about=about,
        )

    def related(self, document: Document, json_path: JsonPath, message: str) -> Related:
        """Another place a finding involves, positioned like the finding itself."""
        return Related(document.path, *self.position(document, json_path, False), message)

    def position(self, document: Document, path: JsonPath, on_key: bool) -> tuple[int, int]:
        """1-based line and column of ``path`` in ``document``; the nearest existing parent's
        position when the path does not exist (a missing required field)."""
        known = self.positions.setdefault(document.path, {})
        key = (document.index, path, on_key)
        found = known.get(key)
        if found is None:
            found = known[key] = self._position(document, path, on_key)
        return found

    def _position(self, document: Document, path: JsonPath, on_key: bool) -> tuple[int, int]:
        if document.path not in self._roots:  # not composed yet: read it from its lines?
            plain = self._plain_file(document.path)
            if plain is not None:
                if document.index > 0:
                    return document.line, 1
                try:
                    return plain.position(path, on_key)
                except NotPlain:  # lines this reader leaves to libyaml
                    self._plain[document.path] = None
        roots = self._file_roots(document.path)
        if document.index >= len(roots):
            return document.line, 1
        root = roots[document.index]
        node = find_node(root, path, on_key)
        if node is root and path:  # a missing top-level field: show the document by its id
            node = find_node(root, ("id",), on_key=False)
        return self._lines[document.path].mark(node.start_mark)  # as editors count lines

    def tree(self, document: Document) -> tuple[Node, Lines] | None:
        """The root node of ``document`` and its file's lines: what a fix is computed from."""
        roots = self._file_roots(document.path)
        if document.index >= len(roots):
            return None
        return roots[document.index], self._lines[document.path]

    def seed(self, path: str, text: str) -> None:
        """Locate in ``text`` rather than in the file at ``path`` (a fix being checked in
        memory, before it is written): never let go, there is no file to read it from again."""
        self._weight -= self._held.pop(path, 0)
        self._lines[path] = Lines(text)
        try:
            self._roots[path] = compose_text(text, self.limits)
        except LoadError:
            self._roots[path] = []

    def adopt(self, path: str, lines: Lines, roots: list[Node]) -> None:
        """Locate in the node graphs the file at ``path`` was loaded from (its text as
        ``lines``), rather than in the file read and composed again for the first finding."""
        self._lines[path] = lines
        self._roots[path] = roots
        self._hold(path, _COMPOSED * len(lines.text))

    def _plain_file(self, path: str) -> PlainFile | None:
        """A plain file, whose lines give libyaml's marks at a fraction of the cost of
        composing it; None for a file composed instead."""
        if path not in self._plain:
            text = self._read(path)
            plain = plain_file(text, self.limits) if isinstance(text, str) else None
            self._plain[path] = plain
            if plain is None:
                self._compose(path, text)
            else:
                self._hold(path, _PLAIN * len(plain.lines))
        self._used(path)
        return self._plain[path]

    def _file_roots(self, path: str) -> list[Node]:
        if path not in self._roots:
            self._compose(path, self._read(path))
        self._used(path)
        return self._roots[path]

    def _read(self, path: str) -> str | Finding:
        """The file's text, read again for positions, noting it in :attr:`changed` where it is
        no longer the version discovery found (the check read that one)."""
        vetted = self._vetted(path)
        text = read_text(Path(path), self.limits, vetted)
        if vetted is not None and vetted.stamp:
            from resilint.discover import stamp

            try:
                now = stamp(Path(path).stat())
            except OSError:
                now = b""
            if now != vetted.stamp:
                self.changed[path] = None
        return text

    def _compose(self, path: str, text: str | Finding) -> None:
        self._lines[path] = Lines(text if isinstance(text, str) else "")
        try:
            self._roots[path] = compose_text(text, self.limits) if isinstance(text, str) else []
        except LoadError:  # the file changed since it was loaded
            self._roots[path] = []
        self._hold(path, _COMPOSED * len(text) if isinstance(text, str) else 0)

    def _used(self, path: str) -> None:
        if path in self._held:  # the most recently used last
            self._held[path] = self._held.pop(path)

    def _hold(self, path: str, weight: int) -> None:
        """Keep what was read of ``path`` for the next finding in it, letting go of the files
        used longest ago past :data:`HELD`: they are read again if a finding needs them."""
        self._weight += weight - self._held.pop(path, 0)
        self._held[path] = weight
        while self._weight > HELD and len(self._held) > 1:
            oldest = next(iter(self._held))
            self._weight -= self._held.pop(oldest)
            self._plain.pop(oldest, None)
            self._roots.pop(oldest, None)
            self._lines.pop(oldest, None)


HELD = 32 * 2**20
"""The weight of the files kept read for further findings (their text's length, twice it for a
plain file and ten times it for a file composed with libyaml: their nodes): files with findings
are read in the order of the rules, and most of a repository's findings fit in it, yet a
repository with findings in 20,000 files keeps no more of them (100,000 documents: 60 MB of
text, and ten times as much for files that must be composed)."""
_COMPOSED = 10
_PLAIN = 2
"""A plain file's weight per character of its text: the nodes read from its lines for the
positions asked weigh about as much again (100,000 documents: 35 MB of text, 30 MB of nodes)."""


def find_node(node: Node, path: JsonPath, on_key: bool, at_value: bool = False) -> Node:
    """The node a JSON path names. A mapping or list reached through a key is shown at its key
    (``remedies:``), as is a parent whose field is missing; a scalar at its value. Where
    ``at_value``, a mapping or list is shown where it starts (a value of the wrong type:
    ``rules: [X]`` at its ``[``)."""
    mapping, sequence, scalar = _node_types()
    key: Node | None = None
    last = len(path) - 1
    for depth, step in enumerate(path):
        if isinstance(node, mapping) and isinstance(step, str):
            pair = _lookup(node, step)
            if pair is None:
                return key or node
            key, node = pair
            if depth == last and on_key:
                return key
        elif isinstance(node, sequence) and isinstance(step, int) and step < len(node.value):
            key, node = None, node.value[step]
        else:
            return key or node
    if key is not None and not isinstance(node, scalar) and not at_value:
        return key
    return node


def _lookup(node: MappingNode, key: str) -> tuple[Node, Node] | None:
    """The (key, value) nodes for ``key``, following merge keys (<<) as the converter does."""
    mapping, sequence, scalar = _node_types()
    if len(node.value) >= INDEXED_FROM:  # a wide mapping: its index, not a walk per finding
        found = written(node, key) if key != "<<" else None
        if found is not None or not _indexed(node)[2]:
            return found
    merged: list[Node] = []
    for key_node, value_node in node.value:
        if isinstance(key_node, scalar) and key_node.value == key and key != "<<":
            return key_node, value_node
        if isinstance(key_node, scalar) and key_node.value == "<<":
            merged.extend(value_node.value if isinstance(value_node, sequence) else [value_node])
    for source in merged:
        if isinstance(source, mapping) and (found := _lookup(source, key)):
            return found
    return None


INDEXED_FROM = 64
"""Mappings with this many pairs or more are looked into through an index built once: a
finding is placed by walking to its key, and a mapping of 10,000 unknown fields (120 KB) gave
10,000 findings each walking its 10,000 pairs (18 s; 20,000 ran past a minute)."""

_INDEXES: weakref.WeakKeyDictionary[Node, tuple[int, dict[str, tuple[Node, Node]], bool]] = (
    weakref.WeakKeyDictionary()
)


def written(node: MappingNode, key: str) -> tuple[Node, Node] | None:
    """The first (key, value) pair of ``node`` written with the scalar key ``key`` (what a merge
    key brings aside), as a walk of its pairs finds it; through an index for a wide mapping."""
    if len(node.value) < INDEXED_FROM:
        scalar = _node_types()[2]
        return next(
            ((k, v) for k, v in node.value if isinstance(k, scalar) and k.value == key), None
        )
    return _indexed(node)[1].get(key)


def _indexed(node: MappingNode) -> tuple[int, dict[str, tuple[Node, Node]], bool]:
    """``node``'s pairs by scalar key (the first of each), and whether it has a merge key;
    built again if its pairs were changed since."""
    kept = _INDEXES.get(node)
    if kept is None or kept[0] != len(node.value):
        scalar = _node_types()[2]
        index: dict[str, tuple[Node, Node]] = {}
        for k, v in node.value:
            if isinstance(k, scalar):
                index.setdefault(k.value, (k, v))
        kept = (len(node.value), index, "<<" in index)
        _INDEXES[node] = kept
    return kept


@functools.cache
def _node_types() -> tuple[type[MappingNode], type[SequenceNode], type[ScalarNode]]:
    """PyYAML's node classes, imported once a node is looked into (never for a plain file):
    an import statement in a function runs on every call, and these run for each finding
    (they were a third of its cost)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    return MappingNode, SequenceNode, ScalarNode
