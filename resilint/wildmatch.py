"""git's pattern language (``.gitignore``, the configuration's ``exclude`` and
``per_file_ignores``), matched one path segment at a time, in time bounded by the sizes.

A regular expression made from a whole pattern (as ``pathspec`` makes them) backtracks: the
56 characters ``**/a/**/a/.../**/b`` against a directory 32 levels deep kept a run busy for
minutes, and each ``**`` more multiplies the time. Here a pattern is cut at ``/``. Every segment
but ``**`` matches exactly one name, with an expression whose wildcards never give back
(:func:`fnmatch.translate`'s atomic groups); the runs of such segments between two ``**`` are
then placed leftmost first, which is exact because ``**`` takes any number of names. A match
costs at most (names in the path) x (segments in the pattern) names compared.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

_ANY = "**"


_NameTest = Callable[[str], object]
_Match = Callable[[Sequence[str]], object]
"""Truthy when the names of a path match."""


@dataclass(frozen=True)
class Pattern:
    """One line of git's pattern language, ready to match."""

    text: str
    negated: bool
    directory_only: bool
    runs: tuple[tuple[str, ...], ...]
    """The segments between the ``**`` segments (two runs: one ``**`` between them)."""
    match: _Match = field(compare=False, repr=False)
    """Whether the names of a path match :attr:`runs` (:func:`_matcher`)."""

    def matches(self, names: Sequence[str], is_dir: bool) -> bool:
        """Whether the path of ``names`` itself (not a directory above it) matches."""
        return (is_dir or not self.directory_only) and bool(self.match(names))


def _matcher(runs: tuple[tuple[str, ...], ...]) -> _Match:
    """The match of :attr:`Pattern.runs`, with its segments' tests made once. Most patterns
    are one name anywhere (``*.log``, ``build/``) or a path from the top: those two are
    compared directly."""
    tests = tuple(tuple(_segment(glob) for glob in run) for run in runs)
    if len(tests) == 2 and not tests[0] and len(tests[1]) == 1:
        last = tests[1][0]
        return lambda names: last(names[-1])
    if len(tests) == 1 and len(tests[0]) == 1:
        alone = tests[0][0]
        return lambda names: len(names) == 1 and alone(names[0])
    if len(tests) == 1:
        only = tests[0]
        return lambda names: len(names) == len(only) and _run_at(only, names, 0)
    return functools.partial(_spread, tests)


def _spread(tests: tuple[tuple[_NameTest, ...], ...], names: Sequence[str]) -> bool:
    """The first run at the start, the last at the end, those between leftmost first."""
    first, last = tests[0], tests[-1]
    end = len(names) - len(last)
    if len(first) > end or not _run_at(first, names, 0) or not _run_at(last, names, end):
        return False
    at = len(first)
    for run in tests[1:-1]:
        place = next((i for i in range(at, end - len(run) + 1) if _run_at(run, names, i)), None)
        if place is None:
            return False
        at = place + len(run)
    return True


def parse(line: str) -> Pattern | None:
    """The pattern of one line; None for a blank line, a comment, and a line git cannot read
    (one ending in a lone backslash), which matches nothing, as in git."""
    text = _without_trailing_spaces(line)
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    body = text[1:] if negated else text
    if (len(body) - len(body.rstrip("\\"))) % 2:
        return None
    directory_only = body.endswith("/")
    body = body.rstrip("/")
    anchored = "/" in body
    segments = body.removeprefix("/").split("/")
    if "" in segments:  # "a//b": no path holds an empty name
        return None
    if not anchored:
        segments.insert(0, _ANY)  # a name without a slash matches at any depth
    if segments[-1] == _ANY:
        segments.insert(-1, "*")  # "a/**" is everything inside a, not a itself
    runs = _runs(segments)
    return Pattern(text, negated, directory_only, runs, _matcher(runs))


def _without_trailing_spaces(line: str) -> str:
    """git drops trailing spaces unless one is escaped with a backslash."""
    text = line.rstrip("\n\r")
    while text.endswith(" ") and not text.endswith("\\ "):
        text = text[:-1]
    return text


def _runs(segments: list[str]) -> tuple[tuple[str, ...], ...]:
    runs: list[list[str]] = [[]]
    for segment in segments:
        if segment != _ANY:
            runs[-1].append(segment)
        elif runs[-1] or len(runs) == 1:  # "**/**" is one "**"
            runs.append([])
    return tuple(tuple(run) for run in runs)


def _run_at(run: tuple[_NameTest, ...], names: Sequence[str], start: int) -> bool:
    return all(test(names[start + i]) for i, test in enumerate(run))


@functools.lru_cache(maxsize=4096)
def _segment(glob: str) -> _NameTest:
    """A test of one name against one segment; a segment without wildcards is compared."""
    if not any(char in glob for char in "*?[\\"):
        return glob.__eq__
    return re.compile(fnmatch.translate(_as_fnmatch(glob))).match


def _as_fnmatch(glob: str) -> str:
    """git's segment syntax in fnmatch's: ``\\x`` is the character x, ``[^...]`` is
    ``[!...]``."""
    out: list[str] = []
    chars = iter(glob)
    for char in chars:
        if char == "\\":  # fnmatch has no escape: a wildcard is put in brackets
            escaped = next(chars, "")
            out.append(f"[{escaped}]" if escaped and escaped in "*?[" else escaped)
        else:
            out.append(char)
    return "".join(out).replace("[^", "[!")


class Patterns:
    """Lines of patterns, the last one matching a path deciding, as in git."""

    def __init__(self, lines: Iterable[str]) -> None:
        parsed = (parse(line) for line in lines)
        self.patterns = tuple(pattern for pattern in parsed if pattern is not None)
        self._reversed = self.patterns[::-1]

    def verdict(self, where: str) -> Pattern | None:
        """The pattern deciding for ``where`` (a path relative to where the patterns apply,
        ending in ``/`` for a directory) itself; None when none matches."""
        is_dir = where.endswith("/")
        names = where.rstrip("/").split("/")
        for pattern in self._reversed:
            if (is_dir or not pattern.directory_only) and pattern.match(names):
                return pattern
        return None

    def covering(self, path: str) -> Pattern | None:
        """The pattern that leaves out the file ``path`` (relative, ``/``-separated): one that
        leaves out a directory above it, the first from the top (git does not look inside an
        ignored directory), or one that leaves out the file; None when the file is kept."""
        names = path.split("/")
        for depth in range(1, len(names) + 1):
            where = "/".join(names[:depth]) + ("/" if depth < len(names) else "")
            decided = self.verdict(where)
            if decided is not None and not decided.negated:
                return decided
        return None
