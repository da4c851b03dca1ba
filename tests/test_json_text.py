"""The JSON reports (json, sarif, gitlab) are written by resilint's own indenting encoder: its
text must be what ``json.dumps(value, indent=2, ensure_ascii=True)`` writes, byte for byte,
for every value a report can hold and for the hostile text a repository can put in one."""

from __future__ import annotations

import enum
import json
import math
import shutil
from typing import Any

import pytest
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from resilint.reporters.jsontext import dumps

HOSTILE_TEXT = [
    "",
    "é ü ß 中文 😀",
    "\u2028\u2029\x85\u202e\u2066\u200b\ufeff",
    "\x00\x01\x1b[31m\x7f\t\r\n\b\f",
    'quote " backslash \\ slash /',
    "\ud800 lone \udfff surrogates \udc80",
    "\U0010ffff\ufffe\uffff",
]


def _standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=True)


_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)),
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**300), max_value=10**300),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e300, 5e-324, 1.5, -1e-7, 2**53 + 0.0]),
    _text,
)
_keys = st.one_of(_text, st.integers(), st.floats(), st.booleans(), st.none())
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(_keys, inner, max_size=4),
    ),
    max_leaves=30,
)


@given(_values)
def test_the_same_text_as_the_standard_library(value: Any) -> None:
    assert dumps(value) == _standard(value)


class _Level(enum.IntEnum):
    HIGH = 3


class _Text(str):
    pass


class _Number(float):
    pass


def test_subclasses_empty_containers_and_keys_that_are_not_text() -> None:
    value = {
        "enum": _Level.HIGH,
        "text": _Text("sub\u2028class"),
        "float": _Number(0.1),
        "empties": [[], {}, (), [[]], {"x": {}}],
        7: "int key",
        2.5: "float key",
        math.inf: "inf key",
        True: "bool key",
        None: "null key",
        _Text("k"): [math.nan, -math.inf, math.inf],
    }
    assert dumps(value) == _standard(value)
    for top in (None, True, 0, -(10**100), 1e-300, "\udfff", [], {}):
        assert dumps(top) == _standard(top)


def test_what_the_standard_library_refuses_is_refused_alike() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    for value in ({"a": [object()]}, {(1, 2): "tuple key"}, cycle):
        with pytest.raises((TypeError, ValueError)) as standard:
            _standard(value)
        with pytest.raises(type(standard.value), match=str(standard.value)):
            dumps(value)


HOSTILE_CONTRACT = (
    "apiVersion: resilint/v1\n"
    "kind: Contract\n"
    "id: ctr-x\n"
    'supplier: "acme \\u00e9\\u2028 \\U0001F600 \\e \\" \\\\ \\x7f \\u202e"\n'
)


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab"])
def test_reports_are_what_the_standard_library_writes(cli, write, tmp_path, name) -> None:
    shutil.copytree(EXAMPLES / "defects", tmp_path / "defects")
    (tmp_path / "defects" / "resilint.yaml").unlink()  # read under the top's (built-in) settings
    write("contract.yaml", HOSTILE_CONTRACT)
    hostile_name = 'caf\u00e9 \u2028\x1b \\ ".yaml'
    write(hostile_name, "apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n")
    output = cli("check", ".", "--no-cache", "--format", name, cwd=tmp_path).stdout
    report = json.loads(output)
    assert output == _standard(report) + "\n"
    text = json.dumps(report)
    assert "REF-01" in text and "SCH-01" in text
    if name == "json":
        assert any(f["fix"] for f in report["findings"])  # the edits' text is written raw
        assert any(f["path"] == hostile_name for f in report["findings"])  # exact, in ASCII
