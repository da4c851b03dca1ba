"""A configuration file read into its data and a way to place a JSON path in it.

:func:`resilint.load.load_mapping` composes the file with libyaml and keeps its root node for
the positions of configuration errors (and of each setting, for ``resilint config``). A file
whose every line has a plain shape, as a ``resilint.yaml`` mostly has, is read the fast way
instead (:mod:`.fast`: the data the slow path gives) and placed from its lines
(:mod:`.plain_positions`: the marks libyaml gives); a line that reader leaves to libyaml is
composed then, and any other file is read as :func:`~resilint.load.load_mapping` reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.findings import Finding, JsonPath
from resilint.limits import Limits
from resilint.load import compose_text, mapping_of, read_text
from resilint.load.fast import plain_mapping
from resilint.load.plain_nodes import NotPlain
from resilint.load.plain_positions import PlainFile, plain_file

if TYPE_CHECKING:
    from yaml.nodes import Node

Place = Callable[[JsonPath, bool], tuple[int, int]]
"""The 1-based line and column of the node a JSON path names (at its key when asked): those of
libyaml's mark for :func:`resilint.locate.find_node`'s node."""


def load_placed_mapping(path: Path, limits: Limits) -> tuple[dict[str, Any], Place] | Finding:
    """:func:`resilint.load.load_mapping`, with a :data:`Place` for positions."""
    text = read_text(path, limits)
    if isinstance(text, Finding):
        return text
    return placed_mapping(path, text, limits)


def placed_mapping(path: Path, text: str, limits: Limits) -> tuple[dict[str, Any], Place] | Finding:
    """:func:`load_placed_mapping` of the text read from ``path``."""
    plain = plain_file(text, limits)
    fast = plain_mapping(text, limits) if plain is not None else None
    if plain is not None and fast is not None:
        return fast[0], _Placer(plain, text, limits).place
    loaded = mapping_of(str(path), text, limits)
    if isinstance(loaded, Finding):
        return loaded
    return loaded[0], partial(node_place, loaded[1])


def node_place(root: Node, path: JsonPath, on_key: bool) -> tuple[int, int]:
    """Where the node ``path`` names in the tree of ``root`` starts; the file's start in an
    empty file (whose root has no mark)."""
    from resilint.locate import find_node

    mark = find_node(root, path, on_key).start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Placer:
    """Positions in a plain file from its lines; from its nodes, composed, once the lines
    do not tell one (as the locator does for documents)."""

    def __init__(self, plain: PlainFile, text: str, limits: Limits) -> None:
        self.plain: PlainFile | None = plain
        self.text = text
        self.limits = limits
        self.root: Node | None = None

    def place(self, path: JsonPath, on_key: bool) -> tuple[int, int]:
        if self.plain is not None:
            try:
                return self.plain.at(path, on_key)
            except NotPlain:  # lines this reader leaves to libyaml
                self.plain = None
        if self.root is None:
            (self.root,) = compose_text(self.text, self.limits)  # plain: a single mapping
        return node_place(self.root, path, on_key)
