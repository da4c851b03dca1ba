"""git's pattern language (``.gitignore``, the configuration's ``exclude`` and
``per_file_ignores``), matched as git matches it, in time bounded by the sizes.

What a line means is git's (``dir.c`` and ``wildmatch.c``, as git 2.52 and later read it):
the bytes of the line and of the path are compared, not characters (``?`` takes one byte of
``é``); ``[...]`` takes ``[:alpha:]`` and the other POSIX classes of the ASCII range, escapes,
reversed ranges (``[z-a]`` takes ``z`` alone) and ``!`` or ``^``; ``**`` between slashes
(or ``***``) takes any number of directories; ``?``, ``*`` and ``[...]`` never take a ``/``,
so ``a[/]b`` matches nothing; a pattern that git cannot read (a ``[`` never closed,
``[:nosuch:]``, a lone ``\\`` at the end) matches nothing. With ``core.ignorecase``,
letters compare in either case (ASCII), but a capital written alone inside ``[...]`` or after
a ``\\``, which git then never matches.

How a path is matched: a pattern is read once, left to right, into steps (one byte, a set of
bytes, ``*``, ``**``, ``**/``); a path's bytes then advance every step at once, each step one
bit of an integer (the shift-and method). A match costs (bytes of the path) x (steps / 64)
machine words and never goes back, so no pattern, however many ``*`` or ``**`` it holds, makes
it backtrack, and reading a pattern costs one pass over it: nothing is compiled.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_SLASH, _BACKSLASH, _STAR, _OPEN = b"/\\*["
_ALL = (1 << 256) - 1
_NOT_SLASH = _ALL & ~(1 << _SLASH)


def _bits(chars: Iterable[int]) -> int:
    return sum(1 << char for char in set(chars))


def _ascii(chars: str) -> int:
    return _bits(chars.encode())


_LOWER, _UPPER = _ascii(string.ascii_lowercase), _ascii(string.ascii_uppercase)
_CLASSES = {  # git's own ctype (ctype.c), the same in every locale
    b"alnum": _LOWER | _UPPER | _ascii(string.digits),
    b"alpha": _LOWER | _UPPER,
    b"blank": _ascii(" \t"),
    b"cntrl": _bits(range(32)) | 1 << 127,
    b"digit": _ascii(string.digits),
    b"graph": _bits(range(33, 127)),
    b"lower": _LOWER,
    b"print": _bits(range(32, 127)),
    b"punct": _ascii(string.punctuation),
    b"space": _ascii(" \t\n\r"),  # not \v nor \f: git's isspace
    b"upper": _UPPER,
    b"xdigit": _ascii(string.hexdigits),
}

_Token = tuple[str, int]
"""``("byte", b)``, ``("set", bytes taken as bits)``, ``("*", 0)``, ``("**", 0)`` or
``("**/", 0)``."""
_ONE, _ANY_IN_NAME = ("set", _NOT_SLASH), ("*", 0)
_LITERAL = re.compile(rb"[^*?[\\]+")
"""Bytes without wildcards nor escapes: one class, repeated, with nothing after it to fail, so
the expression never gives anything back (linear)."""


class _Unreadable(Exception):
    """A pattern git cannot read: it matches nothing."""


def _tokens(pattern: bytes, fold: bool) -> list[_Token]:
    """The steps of ``pattern``, read as git's ``dowild`` reads it with ``WM_PATHNAME``; in
    lower case with ``fold`` (the path is then lowered too)."""
    tokens: list[_Token] = []
    at = 0
    while at < len(pattern):
        literal = _LITERAL.match(pattern, at)
        if literal:
            run = literal[0].lower() if fold else literal[0]  # bytes.lower(): ASCII, as git
            tokens += [("byte", char) for char in run]
            at = literal.end()
        elif pattern[at] == _BACKSLASH:
            tokens.append(("byte", _at(pattern, at + 1)))  # as written, even with fold: as git
            at += 2
        elif pattern[at : at + 2] == b"**":
            at = _stars(pattern, at, tokens)
        elif pattern[at] == _STAR:
            tokens.append(_ANY_IN_NAME)
            at += 1
        elif pattern[at] == _OPEN:
            at = _bracket(pattern, at + 1, fold, tokens)
        else:  # "?"
            tokens.append(_ONE)
            at += 1
    return tokens


def _stars(pattern: bytes, at: int, tokens: list[_Token]) -> int:
    """A run of ``*``: two or more between slashes (or the ends) take directories too; a
    ``**/`` also takes no directory at all. Elsewhere any run is one ``*``."""
    end = at
    while end < len(pattern) and pattern[end] == _STAR:
        end += 1
    after = pattern[end : end + 2]
    bounded = at == 0 or pattern[at - 1] == _SLASH
    if end - at < 2 or not bounded or (after[:1] not in (b"", b"/") and after != b"\\/"):
        tokens.append(_ANY_IN_NAME)
    elif after[:1] == b"/":
        tokens.append(("**/", 0))
        return end + 1
    else:
        tokens.append(("**", 0))
    return end


def _bracket(pattern: bytes, at: int, fold: bool, tokens: list[_Token]) -> int:
    """``[...]`` from just after its ``[``: what it takes, and where the pattern goes on.
    The first member may be ``]``; ``a-z`` is a range only after a member, before anything
    but ``]``; ``[:name:]`` is a class only if ``:]`` closes it, else ``[`` is a member."""
    negated = pattern[at : at + 1] in (b"!", b"^")
    at += negated
    taken = previous = 0
    while True:
        if at >= len(pattern):
            raise _Unreadable
        char = pattern[at]
        if char == _BACKSLASH:
            at += 1
            previous = _at(pattern, at)
            taken |= 1 << previous
        elif char == ord("-") and previous and pattern[at + 1 : at + 2] not in (b"", b"]"):
            at += 1
            high = _at(pattern, at)
            if high == _BACKSLASH:
                at += 1
                high = _at(pattern, at)
            taken |= _range(previous, high, fold)
            previous = 0
        elif char == _OPEN and pattern[at + 1 : at + 2] == b":":
            at, previous, named = _class(pattern, at, fold)
            taken |= named
        else:
            taken |= 1 << char
            previous = char
        at += 1
        if pattern[at : at + 1] == b"]":
            break
    tokens.append(("set", (_ALL & ~taken if negated else taken) & _NOT_SLASH))
    return at + 1


def _at(pattern: bytes, at: int) -> int:
    if at >= len(pattern):
        raise _Unreadable
    return pattern[at]


def _range(low: int, high: int, fold: bool) -> int:
    """``low-high`` (nothing when reversed); with ``fold`` a lower-case letter is taken
    when its capital is in the range, as in git."""
    taken = _bits(range(low, high + 1))
    return taken | (taken & _UPPER) << 0x20 if fold else taken


def _class(pattern: bytes, at: int, fold: bool) -> tuple[int, int, int]:
    """``[:name:]`` at ``at``: where it ends, the member before the next, and what it takes;
    without a ``:]`` before the next ``]``, the ``[`` alone."""
    close = pattern.find(b"]", at + 2)
    if close < 0:
        raise _Unreadable
    if close < at + 3 or pattern[close - 1] != ord(":"):
        return at, _OPEN, 1 << _OPEN
    named = _CLASSES.get(pattern[at + 2 : close - 1])
    if named is None:
        raise _Unreadable
    return close, 0, named | _LOWER if fold and named == _UPPER else named


@dataclass(frozen=True)
class _Steps:
    """The steps between a pattern's literal start and end: bit ``i`` of a state is set when
    a way through the bytes so far ends after step ``i``."""

    size: int
    byte_steps: dict[int, int]
    """Byte -> the steps that take it alone."""
    set_steps: tuple[tuple[int, int], ...]
    """(Bytes taken, as bits; the steps taking them)."""
    star: int
    """Steps that repeat on any byte but ``/`` and may be passed over (``*``)."""
    stars: int
    """Steps that repeat on any byte and may be passed over (``**``)."""
    leaps: int
    """The doors of ``**/``: passed over, or leapt over with the ``**`` and ``/`` after them
    (no directory); a door takes no byte and does not repeat, so a leap is only ever taken
    before the ``**`` has taken a byte."""
    taking: dict[int, int] = field(default_factory=dict, compare=False)
    """Memo: byte -> every step that takes it."""

    def matches(self, text: bytes) -> bool:
        """Whether the bytes ``text`` take every step: each byte moves all states at once."""
        state = self._closure(1)
        on_slash, on_other = self.stars, self.stars | self.star
        passable = on_other if not self.leaps else 0
        for byte in text:
            taking = self.taking.get(byte)
            if taking is None:
                taking = self.taking[byte] = self._taking(byte)
            state = (state & taking) << 1 | state & (on_slash if byte == _SLASH else on_other)
            if passable:  # the usual case, without "**/", inline
                state |= (state & passable) + passable ^ passable
            else:
                state = self._closure(state)
            if not state:
                return False
        return bool(state >> self.size & 1)

    def _closure(self, state: int) -> int:
        """``state`` with the steps that can be passed over without a byte."""
        passable = self.star | self.stars | self.leaps
        while True:
            grown = state | ((state & passable) + passable ^ passable)  # carries up each run
            grown |= (grown & self.leaps) << 3
            if grown == state:
                return state
            state = grown

    def _taking(self, byte: int) -> int:
        taking = self.byte_steps.get(byte, 0)
        for taken, steps in self.set_steps:
            if taken >> byte & 1:
                taking |= steps
        return taking


def _middle(tokens: list[_Token]) -> Callable[[bytes], bool]:
    """The test of the bytes between a pattern's literal start and end, the steps of
    ``tokens``; a lone ``*``, ``**`` or ``?`` (as in ``*.log``) is tested directly."""
    if tokens == [_ANY_IN_NAME]:
        return lambda text: b"/" not in text
    if tokens == [("**", 0)]:
        return lambda text: True
    if len(tokens) == 1 and tokens[0][0] == "set":
        taken = tokens[0][1]
        return lambda text: len(text) == 1 and bool(taken >> text[0] & 1)
    return _steps(tokens).matches


def _steps(tokens: list[_Token]) -> _Steps:
    byte_steps: dict[int, int] = {}
    set_steps: dict[int, int] = {}
    masks = {"*": 0, "**": 0, "**/": 0}
    at = 0
    for kind, value in tokens:
        if kind == "byte":
            byte_steps[value] = byte_steps.get(value, 0) | 1 << at
        elif kind == "set":
            set_steps[value] = set_steps.get(value, 0) | 1 << at
        else:
            masks[kind] |= 1 << at
        if kind == "**/":  # three steps: a door (passed over, or leapt over with the next
            masks["**"] |= 2 << at  # two: no directory), a "**", a "/"
            byte_steps[_SLASH] = byte_steps.get(_SLASH, 0) | 4 << at
            at += 2
        at += 1
    return _Steps(at, byte_steps, tuple(set_steps.items()), masks["*"], masks["**"], masks["**/"])


@dataclass(frozen=True)
class Pattern:
    """One line of git's pattern language, ready to match."""

    text: str
    negated: bool
    directory_only: bool
    anywhere: bool
    """Without a ``/`` (but a last one): matched against the last name of a path."""
    head: bytes
    """The literal bytes the path (or name) starts with."""
    tail: bytes
    """The literal bytes it ends with after :attr:`head`; the whole of it when :attr:`middle`
    is None (a pattern without wildcards)."""
    middle: Callable[[bytes], bool] | None = field(repr=False, compare=False)
    """The test of the bytes between :attr:`head` and :attr:`tail` (:func:`_middle`)."""

    def matches(self, path: bytes, name: bytes, is_dir: bool) -> bool:
        """Whether ``path`` itself (not a directory above it) matches: its bytes, ``/``
        between names, in lower case when the patterns ignore case (:class:`Patterns`);
        ``name`` is its last name."""
        if self.directory_only and not is_dir:
            return False
        if self.anywhere:
            path = name
        if self.middle is None:
            return path == self.tail
        end = len(path) - len(self.tail)
        return (
            end >= len(self.head)
            and path.startswith(self.head)
            and path.endswith(self.tail)
            and self.middle(path[len(self.head) : end])
        )


def parse(line: str, *, ignorecase: bool = False) -> Pattern | None:
    """The pattern of one line (a line of a ``.gitignore`` is cut at ``\\n`` only, and read
    through :func:`os.fsdecode`); None for a blank line, a comment, and a pattern that
    matches nothing (see the module)."""
    text = _without_trailing_spaces(line.removesuffix("\r").partition("\0")[0])
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    body = text[1:] if negated else text
    directory_only = body.endswith("/")
    body = body.removesuffix("/")
    anywhere = "/" not in body
    data = os.fsencode(body if anywhere else body.removeprefix("/"))
    try:
        tokens = _tokens(data, ignorecase)
    except _Unreadable:
        return None
    if not tokens:
        return None
    first = next((i for i, (kind, _) in enumerate(tokens) if kind != "byte"), None)
    if first is None:
        return Pattern(text, negated, directory_only, anywhere, b"", _literal(tokens), None)
    last = len(tokens) - next(i for i, (kind, _) in enumerate(reversed(tokens)) if kind != "byte")
    head, tail = _literal(tokens[:first]), _literal(tokens[last:])
    middle = _middle(tokens[first:last])
    return Pattern(text, negated, directory_only, anywhere, head, tail, middle)


def _literal(tokens: list[_Token]) -> bytes:
    return bytes(value for _, value in tokens)


def _without_trailing_spaces(text: str) -> str:
    """git drops the spaces ending a line, but one escaped with a backslash and those after
    it; a line ending in a lone backslash keeps its spaces (it matches nothing anyway)."""
    end = len(text.rstrip(" "))
    if end == len(text):
        return text
    escaped = len(text[:end]) - len(text[:end].rstrip("\\"))
    return text[: end + 1] if escaped % 2 else text[:end]


class Patterns:
    """Lines of patterns, the last one matching a path deciding, as in git. ``ignorecase``
    is git's ``core.ignorecase``: letters then match in either case (ASCII only)."""

    def __init__(self, lines: Iterable[str], *, ignorecase: bool = False) -> None:
        parsed = (parse(line, ignorecase=ignorecase) for line in lines)
        self.patterns = tuple(pattern for pattern in parsed if pattern is not None)
        self.ignorecase = ignorecase
        self._reversed = self.patterns[::-1]

    def verdict(self, where: str) -> Pattern | None:
        """The pattern deciding for ``where`` (a path relative to where the patterns apply,
        ending in ``/`` for a directory) itself; None when none matches."""
        return self._decide(self._bytes(where.rstrip("/")), where.endswith("/"))

    def covering(self, path: str) -> Pattern | None:
        """The pattern that leaves out the file ``path`` (relative, ``/``-separated): one that
        leaves out a directory above it, the first from the top (git does not look inside an
        ignored directory), or one that leaves out the file; None when the file is kept."""
        data = self._bytes(path)
        slash = data.find(b"/")
        while slash >= 0:
            decided = self._decide(data[:slash], True)
            if decided is not None and not decided.negated:
                return decided
            slash = data.find(b"/", slash + 1)
        decided = self._decide(data, False)
        return None if decided is None or decided.negated else decided

    def _bytes(self, path: str) -> bytes:
        data = os.fsencode(path)
        return data.lower() if self.ignorecase else data  # bytes.lower(): ASCII only, as git

    def _decide(self, path: bytes, is_dir: bool) -> Pattern | None:
        name = path[path.rfind(b"/") + 1 :]
        for pattern in self._reversed:
            if pattern.matches(path, name, is_dir):
                return pattern
        return None
