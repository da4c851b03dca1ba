"""``json.dumps(value, indent=2, ensure_ascii=True)``, the same text, about twice as fast.

With ``indent``, the standard library encodes in pure Python (its C encoder only writes
compact JSON), passing every piece of text up through one generator per level of nesting
(23 ms for the 1,761 findings of the 10,000-document benchmark's report; 13 ms here, in a
check served from the cache that takes half a second). Here the layout is written by
one recursive function and each scalar by what ``json`` itself uses for it (the C
``encode_basestring_ascii`` for text, ``int.__repr__`` and ``float.__repr__`` for numbers),
in the standard library's order of type tests, so the output is byte for byte the same.
Values are what the reporters build: dicts, lists, tuples, text, numbers, booleans and None;
anything else, or a cycle, is handed to :func:`json.dumps`, which raises as it always has.

A report's long list (its findings) is given as :class:`Items`: each item is made from its
finding when it is written and joined into one string there, so a report of 72,000 findings
holds their text once, not a dict and some thirty pieces of text for each (390 MB for a 61 MB
report, where it now takes 130 MB).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any, Generic, TypeVar

_T = TypeVar("_T")


@dataclass(frozen=True)
class Items(Generic[_T]):
    """A JSON list of ``encode(item)`` for each of ``source``, each made only when written."""

    source: Sequence[_T]
    encode: Callable[[_T], Any]

    def made(self) -> list[Any]:
        return [self.encode(item) for item in self.source]


def dumps(value: Any, end: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=True) + end``, :class:`Items` as lists."""
    out: list[str] = []
    try:
        _value(value, "\n", out)
    except (_Unknown, RecursionError):  # json says what is wrong (a type, a cycle)
        return json.dumps(value, indent=2, ensure_ascii=True, default=_made) + end
    out.append(end)
    return "".join(out)


def _made(value: Any) -> Any:
    """What :func:`json.dumps` is given for an :class:`Items`: its list. Anything else is
    refused in ``json``'s own words."""
    if isinstance(value, Items):
        return value.made()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _Unknown(Exception):
    """A value ``json`` does not encode by itself: it is left to ``json`` whole."""


def _value(value: Any, newline: str, out: list[str]) -> None:
    """``value`` laid out at the depth whose lines start with ``newline``."""
    if isinstance(value, (list, tuple)):
        _list(value, newline, out)
    elif isinstance(value, dict):
        _dict(value, newline, out)
    elif isinstance(value, Items):
        _items(value, newline, out)
    else:
        out.append(_scalar(value))


def _list(items: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not items:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in items:
        out.append(separator)
        separator = "," + inner
        scalar = _SCALARS.get(type(item))
        if scalar is not None:
            out.append(scalar(item))
        else:
            _value(item, inner, out)
    out.append(newline + "]")


def _items(items: Items[Any], newline: str, out: list[str]) -> None:
    """A list whose items are made and written one at a time, each kept as one string."""
    if not items.source:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in items.source:
        piece = [separator]
        separator = "," + inner
        _value(items.encode(item), inner, piece)
        out.append("".join(piece))
    out.append(newline + "]")


def _dict(mapping: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not mapping:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, item in mapping.items():
        out.append(separator)
        separator = "," + inner
        out.append(encode_basestring_ascii(key if type(key) is str else _key(key)))
        out.append(": ")
        scalar = _SCALARS.get(type(item))
        if scalar is not None:
            out.append(scalar(item))
        else:
            _value(item, inner, out)
    out.append(newline + "}")


def _key(key: Any) -> str:
    """A key as ``json`` turns it into text before quoting it (``skipkeys`` is off): a text
    as it is, a number, true, false or null as the value would be written."""
    return key if isinstance(key, str) else _scalar(key)


def _scalar(value: Any) -> str:
    """A scalar, tested in ``json``'s order (a ``bool`` is an ``int``, so it comes first)."""
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise _Unknown


def _float(value: float) -> str:
    """As ``json`` writes a float with ``allow_nan`` on (its default)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring_ascii,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
    float: _float,
}
"""The exact scalar types, for the common case; subclasses take :func:`_scalar`'s tests."""
