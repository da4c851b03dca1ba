"""Regular expressions compiled when first used, or from the form a run before kept.

Compiling a pattern runs Python's own parser and compiler for it, at every start: the larger
ones resilint keeps at module level take millions of instructions each, about a tenth of a
one-file check in all, and many serve inputs most runs never meet (a file that is not ASCII, a
finding to place in a flow collection, a supplier known only by its words). So resilint's
module-level patterns are built with :func:`kept`, from the compiled form a run before kept
(about 2 ms of the pre-commit hook's run and 6 ms of a one-file check were spent compiling
them), and a :class:`Lazy` is built so by its first search; either matches as the pattern
``re.compile`` gives does.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import contextlib
import importlib.util
import marshal
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from resilint.codecache import kept_path, read_kept, write_kept


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
            self._compiled = kept(self._pattern, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(replacement, text)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


def kept(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from the compiled form a run before kept.

    The fast reader's screen alone took about 4 % of a one-file check to compile: Python's
    parser and compiler turn a pattern into a list of integers for ``_sre``; that list is
    kept, like resilint's dataclass methods (:mod:`resilint.codecache`), beside its bytecode,
    for this very interpreter, and handed to ``_sre`` as ``re`` hands it. The pattern is the
    one ``re.compile`` gives (equal, code for code: ``tests/test_patterns.py``); where the form
    cannot be kept or read, it is compiled.
    """
    return _KEPT.compile(pattern, flags)


_Form = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` takes besides the pattern: flags, code, groups and their names."""


class _Kept:
    def __init__(self) -> None:
        self.path = _location()
        self.kept: dict[tuple[str, int], _Form] | None = None
        self.used: dict[tuple[str, int], _Form] = {}
        self.added = False

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        if self.kept is None:
            self.kept = _read(self.path) if self.path else {}
            atexit.register(self.save)
        key = (pattern, int(flags))  # int: marshal keeps no RegexFlag
        form = self.kept.get(key)
        try:
            if form is None:
                form = _form(*key)
                self.added = True
            compiled: re.Pattern[str] = _sre.compile(pattern, *form)
        except Exception:  # another Python's internals, or a damaged entry: as re does
            self.kept.pop(key, None)
            return re.compile(pattern, flags)
        self.used[key] = form
        return compiled

    def save(self) -> None:
        if not self.added or self.path is None or sys.dont_write_bytecode:
            return
        entries = {**(self.kept or {}), **self.used}
        if len(entries) > _MAX_ENTRIES:
            entries = self.used
        with contextlib.suppress(OSError, ValueError):
            write_kept(self.path, _HEADER + marshal.dumps(entries))


_MAX_ENTRIES = 512
"""Patterns no longer used (resilint's changed) are dropped when the file grows past this."""
_HEADER = (
    importlib.util.MAGIC_NUMBER
    + f"resilint-patterns-1 {sys.version} {_sre.MAGIC}\n".encode()
    + bytes([sys.flags.optimize])
)


def _form(pattern: str, flags: int) -> _Form:
    """What ``re._compiler.compile`` hands ``_sre.compile``, as it computes it."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # int: marshal takes no subclass
    names = dict(parsed.state.groupdict)
    index: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        index[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(index)


def _read(path: Path) -> dict[tuple[str, int], _Form]:
    return read_kept(path, _HEADER)


def _location() -> Path | None:
    """Beside resilint's kept dataclass methods, in Python's bytecode directory."""
    return kept_path("patterns_kept", ".sre")


_KEPT = _Kept()
