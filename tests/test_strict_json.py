"""JSON side inputs (a baseline, --previous) are read strictly: a key given twice in one object
is refused at both its places, and every value can be placed by its JSON path."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resilint.strictjson import DuplicateKey, loads, place, places

TEXT = st.text(st.characters(max_codepoint=0x2FFF), max_size=6)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        found += _paths(inner, (*path, key))
    return found


@given(VALUES, st.sampled_from([None, 2]))
def test_every_value_is_placed_once_where_it_starts(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent)
    found = dict(places(text))
    assert sorted(map(repr, found)) == sorted(map(repr, _paths(value)))
    for path, at in found.items():
        if path and isinstance(path[-1], str):  # an object's member: at its key
            assert json.JSONDecoder().raw_decode(text, at)[0] == path[-1]
        else:
            assert json.JSONDecoder().raw_decode(text, at)[0] == _at(value, path)
    assert loads(text) == value


def _at(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


@pytest.mark.parametrize(
    ("text", "path", "first", "second"),
    [
        ('{"a": 1, "a": 2}', ("a",), 1, 9),
        ('{"x": [{"k": "\\"}", "k": 0}]}', ("x", 0, "k"), 8, 20),
        ('[{}, {"a": {"b": 1}, "a": {"b": 1}}]', (1, "a"), 6, 21),
    ],
)
def test_a_key_twice_is_found_at_both_places(text, path, first, second) -> None:
    with pytest.raises(DuplicateKey) as raised:
        loads(text)
    assert (raised.value.path, raised.value.first, raised.value.second) == (path, first, second)


def test_a_missing_member_is_placed_at_what_would_hold_it() -> None:
    text = '{"version": 1,\n "findings": [{"fingerprint": "x"}]}'
    assert place(text, ("findings", 0, "code")) == text.index('{"fingerprint"')
    assert place(text, ("version",)) == text.index('"version"')
