"""Regular expressions compiled when first used.

Compiling a pattern runs Python's own parser and compiler for it, at every start: the larger
ones resilint keeps at module level take millions of instructions each, about a tenth of a
one-file check in all, and many serve inputs most runs never meet (a file that is not ASCII, a
finding to place in a flow collection, a supplier known only by its words). A :class:`Lazy`
is compiled by its first search, then kept; it matches as the compiled pattern does.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator


class Lazy:
    """A pattern and its flags, compiled with :func:`re.compile` when first used."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)
