"""Positions as editors count them, and the one error type of loading.

Editors, GitHub and terminals break lines at CR, LF and CRLF only. libyaml also breaks them at
NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), as YAML 1.1 did, so its
own line numbers drift after such a character and are wrong throughout a file with lone-CR line
ends in our own older arithmetic. Every position resilint reports is therefore computed here from
a character offset (a libyaml mark's ``index``, which counts characters, not bytes, when the
parser is given text), never from a mark's ``line`` and ``column``.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from resilint.findings import Fix
from resilint.patterns import kept

if TYPE_CHECKING:
    from yaml.nodes import Node

_BREAK = kept(r"\r\n?|\n")
_NEAR_START = 2048


class Mark(Protocol):
    """A parser mark (PyYAML's pure or libyaml's); only its character offset is trusted."""

    @property
    def index(self) -> int: ...


class Lines:
    """A text's line starts, computed on first use: most files never need a position."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        return [0, *(match.end() for match in _BREAK.finditer(self.text))]

    def position(self, index: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset; columns count characters."""
        index = max(0, min(index, len(self.text)))
        if index < _NEAR_START and "starts" not in self.__dict__:
            # A document's first line, asked of every document: no table for the whole file.
            breaks = [match.end() for match in _BREAK.finditer(self.text, 0, index)]
            return len(breaks) + 1, index - (breaks[-1] if breaks else 0) + 1
        row = bisect_right(self.starts, index) - 1
        return row + 1, index - self.starts[row] + 1

    def mark(self, mark: Mark) -> tuple[int, int]:
        """The editor position of a libyaml mark."""
        return self.position(mark.index)

    def pieces(self) -> list[str]:
        """Each line with its own line break (LF, CRLF or CR; the last may have none): the
        text again when joined."""
        bounds = [*self.starts, len(self.text)]
        return [self.text[a:b] for a, b in itertools.pairwise(bounds) if a < b]

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``, without its line break."""
        starts = self.starts
        if not 0 < number <= len(starts):
            return ""
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1] : end].rstrip("\r\n")


class LoadError(Exception):
    """Why a file, or part of one, cannot be read as data: a code and a 1-based position.

    Every stage of loading (bytes to text, text to nodes, nodes to data) raises this one type.
    """

    def __init__(
        self,
        code: str,
        message: str,
        line: int = 1,
        column: int = 1,
        fix: Fix | None = None,
        discriminator: str = "",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.fix = fix
        """The mechanical remedy, when there is one (a missing '---', apiVersion line)."""
        self.discriminator = discriminator
        """Tells the finding apart (:data:`resilint.unclaimed.PROVISIONAL`: one that stands
        only beside resilint documents)."""

    @classmethod
    def at(
        cls,
        code: str,
        message: str,
        node: Node,
        lines: Lines,
        fix: Fix | None = None,
        discriminator: str = "",
    ) -> LoadError:
        """An error at a node's start, positioned as editors count."""
        return cls(code, message, *lines.mark(node.start_mark), fix, discriminator)

    def __repr__(self) -> str:
        return f"LoadError({self.code!r}, {self.message!r}, {self.line}, {self.column})"
