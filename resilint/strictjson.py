"""JSON that users hand to resilint (a baseline, an earlier report or check output), read
strictly, and the places of its values for messages that name a line.

Python's json keeps the last of two equal keys in one object without a word; a reviewer reading
the file sees the first, and other JSON readers keep either. ``{"findings": [], ...,
"findings": [...]}`` would show an empty baseline and apply a full one, so a key given twice is
refused wherever it is. NaN and Infinity, which are not JSON, are refused too.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from resilint.patterns import kept

JsonPath = tuple[str | int, ...]

_TOKEN = kept(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]|[^\s\[\]{},:"]+')


class DuplicateKey(Exception):
    """An object of the text holds a key twice: its JSON path, and the character offsets of the
    first and the second."""

    def __init__(self, path: JsonPath, first: int, second: int) -> None:
        super().__init__(f"key {path[-1]!r} given twice")
        self.path = path
        self.first = first
        self.second = second


class _Twice(Exception):
    """Raised inside the parser; the key's places are found afterwards, only then."""


def loads(text: str) -> Any:
    """``text`` as JSON: ``json.JSONDecodeError`` where it is not JSON, also at a number JSON
    readers cannot all hold (NaN and Infinity, which are not JSON; ``1e999``, which Python
    would read as infinity; an integer of more digits than Python reads), and
    :class:`DuplicateKey` for a key given twice in one object."""
    try:
        return json.loads(
            text,
            parse_constant=_no_constant,
            parse_float=_finite,
            object_pairs_hook=_unique,
        )
    except _Twice:
        raise _duplicate(text) from None
    except _BadNumber as bad:
        raise json.JSONDecodeError(bad.reason, text, _number_at(text, bad.number)) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer past Python's limit on digits (int_max_str_digits)
        long = next((t.group() for t in _TOKEN.finditer(text) if _too_long(t.group())), None)
        if long is None:
            raise
        reason = f"a number of {len(long.lstrip('-')):,} digits, more than resilint reads"
        raise json.JSONDecodeError(reason, text, _number_at(text, long)) from None


class _BadNumber(Exception):
    def __init__(self, number: str, reason: str) -> None:
        super().__init__(reason)
        self.number = number
        self.reason = reason


def _finite(number: str) -> float:
    value = float(number)
    if math.isinf(value):
        raise _BadNumber(number, f"{number[:40]} is too large a number to read")
    return value


def _too_long(number: str) -> bool:
    return len(number.lstrip("-")) > 4000 and number.lstrip("-").isdigit()


def _number_at(text: str, number: str) -> int:
    """The offset of ``number`` as a value in ``text`` (outside strings), else 0."""
    for token in _TOKEN.finditer(text):
        if token.group() == number:
            return token.start()
    return 0


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) < len(pairs):
        raise _Twice
    return document


def _no_constant(name: str) -> Any:
    raise _BadNumber(name, f"{name} is not a JSON number")


def _duplicate(text: str) -> DuplicateKey:
    seen: dict[JsonPath, int] = {}
    for path, at in places(text):
        if path in seen:
            return DuplicateKey(path, seen[path], at)
        seen[path] = at
    raise AssertionError("the parser found a key given twice that the scan did not")


def place(text: str, path: JsonPath) -> int:
    """The character offset of the value at ``path`` in the JSON ``text``; of its nearest
    enclosing value when it has none (a member that is missing: where it would be)."""
    found = 0
    for here, at in places(text):
        if here == path:
            return at
        if path[: len(here)] == here:
            found = at
    return found


@dataclass
class _Open:
    """An object or array the scan is inside."""

    path: JsonPath
    is_object: bool
    member: str | int = 0
    """The current member: its key in an object, its index in an array."""
    expects_key: bool = False


def places(text: str) -> Iterator[tuple[JsonPath, int]]:
    """Where each value of the JSON ``text`` (which parses) lies, by JSON path, in document
    order: an object's member at its key, any other value at its first character."""
    stack: list[_Open] = []
    for token in _TOKEN.finditer(text):
        value, at = token.group(), token.start()
        top = stack[-1] if stack else None
        if value in "]}":
            stack.pop()
        elif value == ",":
            _next_member(top)
        elif value == ":":
            continue
        elif top is not None and top.expects_key:
            top.member, top.expects_key = json.loads(value), False
            yield (*top.path, top.member), at
        else:
            path = () if top is None else (*top.path, top.member)
            if top is None or not top.is_object:
                yield path, at
            if value in "[{":
                stack.append(_Open(path, value == "{", expects_key=value == "{"))


def _next_member(top: _Open | None) -> None:
    if top is None:
        return
    if top.is_object:
        top.expects_key = True
    elif isinstance(top.member, int):
        top.member += 1
