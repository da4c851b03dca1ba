"""Values from the data as messages quote them: as YAML writes them, so that what a message
shows can be searched for in the file and typed back, and whatever cannot be seen is escaped.

A text is shown in single quotes (``'Contract'``, a quote in it doubled) when every character
of it can be seen, and in double quotes with YAML's escapes (``"Contract\\u00a0"``) when one
cannot: a no-break space, a zero-width or bidi character, a control, a line break. A list or a
mapping is shown in YAML's flow style (``[Contract]``, ``{a: 1}``), cut short when long: the
work is bounded by the length shown, never by the size of the value.
"""

from __future__ import annotations

from typing import Any

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
SHOWN = 60
"""Characters of a value a message shows before it is cut."""


def quoted(text: str, most: int = SHOWN) -> str:
    """``text`` as a YAML quoted scalar: single quotes when all of it can be seen, else double
    quotes with escapes; longer than ``most`` characters, cut with ``...`` inside the quotes."""
    cut, rest = (text, "") if len(text) <= most else (text[: most - 3], "...")
    if cut.isprintable():  # no control, format, separator or other space than ' '
        return "'" + cut.replace("'", "''") + rest + "'"
    return '"' + "".join(_escaped(char) for char in cut) + rest + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def flow(value: Any, most: int = SHOWN) -> str:
    """``value`` in YAML's flow style, at most about ``most`` characters (``...`` where cut)."""
    parts: list[str] = []
    _flow(value, parts, [most])
    return "".join(parts)


def _flow(value: Any, parts: list[str], left: list[int]) -> None:
    """Append ``value``'s pieces to ``parts`` while ``left[0]`` characters remain."""
    if left[0] <= 0:
        return
    if isinstance(value, dict):
        _items(((k, v) for k, v in value.items()), "{", "}", parts, left)
    elif isinstance(value, list | tuple):
        _items(((None, v) for v in value), "[", "]", parts, left)
    else:
        _put(_scalar(value), parts, left)


def _items(pairs: Any, opening: str, closing: str, parts: list[str], left: list[int]) -> None:
    _put(opening, parts, left)
    for n, (key, item) in enumerate(pairs):
        if left[0] <= 0:
            parts.append("...")
            break
        if n:
            _put(", ", parts, left)
        if key is not None:
            _put(_scalar(key) + ": ", parts, left)
        _flow(item, parts, left)
    parts.append(closing)


def _put(text: str, parts: list[str], left: list[int]) -> None:
    parts.append(text)
    left[0] -= len(text)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    from resilint.yamltext import plain_reads_back  # what fixes write bare: only when shown

    text = str(value)
    return text if plain_reads_back(text) else quoted(text)


def shown(value: Any) -> str:
    """A value that should be text, as YAML writes it: quoted text, else in flow style."""
    return quoted(value) if isinstance(value, str) else flow(value)


def kind_of(value: Any) -> str:
    """What a value is, in a word, for a message that wants text and got another value."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return "text"
