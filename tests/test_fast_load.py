"""The fast path of loading (yaml-rs) gives what the slow path (libyaml, resilint's converter and
strict checks) gives, or declines: never other data, another first line, another count of values,
or a file without the finding the slow path reports."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resilint.limits import Limits
from resilint.load import fast, load_text

ROOT = Path(__file__).parent.parent
SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
LIMITS = Limits()

pytestmark = pytest.mark.skipif(not fast._AVAILABLE, reason="yaml-rs has no wheel here")


def _slow(text: str, limits: Limits = LIMITS):  # type: ignore[no-untyped-def]
    fast._AVAILABLE = False
    try:
        return load_text("x.yaml", text, limits)
    finally:
        fast._AVAILABLE = True


def _agrees(text: str, limits: Limits = LIMITS) -> bool:
    """Whether the fast path declines ``text`` or gives exactly what the slow path gives."""
    taken = fast.fast_data(text, limits)
    if taken is None:
        return True
    slow = _slow(text, limits)
    assert [f.code for f in slow.findings if f.code.startswith(("YML", "FILE", "DOC"))] == []
    assert len(slow.documents) == 1
    document = slow.documents[0]
    data, line, values = taken
    assert repr(data) == repr(document.data)  # types too: 1 and 1.0 and True differ here
    assert (line, values) == (document.line, slow.nodes)
    return True


def _resilint(text: str) -> str:
    return "apiVersion: resilint/v1\nkind: Supplier\n" + text


TRICKY = [
    "012",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "+12",
    "-0",
    "1e3",
    "1.",
    "-.5",
    ".5e2",
    "+.inf",
    "-.Inf",
    ".nan",
    "NaN",
    "inf",
    "1:20",
    "22:22",
    "yes",
    "no",
    "on",
    "y",
    "~",
    "null",
    "NULL",
    "True",
    "tRUE",
    "2026-02-30",
    "0000-01-01",  # year 0: refused by both (the slow path says why)
    "[0000-12-28]",
    "2026-02-29",
    "2028-02-29",
    "2026-1-5",
    "2026-01-05",
    "2026-01-05T10:00:00Z",
    "1.10",
    "00",
    "-",
    "--",
    "'x'",
    '"a\\tb"',
    "a #b",
    "a#b",
    "https://x:1/y",
    "+49 40",
    "10 %",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "1e400",
    "1" * 120,
    "-0.0",
    "0e0",
    "+1e+3",
    "0x",
    "+0x1",
    "0O1",
    "a: b",
    "[012]",
    "[1, 2.5, 2026-02-31]",
    "{a: 012}",
    "{a: b, c d}",
    "{a: b, and then}",
    "[a, [b]]",
    '"x"# c',
    "'it''s'",
    "&a x",
    "*a",
    "!!str 1",
    "<<: {a: 1}",
    "|\n  text",
    ">-\n  text",
    '"multi\n  line"',
    "[a,\n  b]",
    "foo\n  bar",
    "foo\n  - bar",
    "a - b",
    "- 1",
    "x\n- y",
    # yaml-rs skips '_' anywhere in a number, first included; YAML 1.2 reads these as text
    "_2",
    "__1",
    "_1_0",
    "_1e3",
    "_.5",
    "_0.5",
    "_1.",
    "+_1",
    "-_1",
    "_0x1F",
    "1__0",
    "0x_1F",
    "0o1_7",
    "0b_1",
    "1_0.5",
    "1e1_0",
    # .inf and .nan in any case to yaml-rs; YAML 1.2 knows three spellings of each
    ".iNf",
    "-.iNF",
    ".nAn",
    "[_1, __1, _1e3]",
    "{a: _1}",
]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_values(value: str):
    for text in (f"k: {value}\n", f"k:\n  - {value}\n", f"k:\n  n: {value}\n"):
        assert _agrees(_resilint(text))


@pytest.mark.parametrize(
    "text",
    [
        "true: 1\n",
        "null: x\n",
        "1: x\n",
        "~: x\n",
        ": x\n",
        "? a\n: b\n",
        "k: 1\nk: 2\n",
        "k:\n  a: 1\n  a: 2\n",
        "k: {a: 1, a: 2}\n",
        "---\nk: 1\n",
        "k: 1\n---\nj: 2\n",
        "k: 1\n...\n",
        "%YAML 1.2\n---\nk: 1\n",
        "k: a\tb\n",
        "k: a\r\n",
        "k: a\u2028b\n",
        "k: \x85\n",
        "\ufeffk: 1\n",
        "k: a\x00\n",
        "k: \u200bx\n",
        "k.v: 1\n",
        "k-v: 1\n",
        "  k: 1\n",
        "k: 1\n  j: 2\n",
        "k:\n- a\n- b\n",
        "k:\n  - a: 1\n    b: 2\n",
        "k: - a\n",
        "# only a comment\nk: 1  # and here\n",
        "_1: x\n",  # a key yaml-rs reads as a number: the file goes the slow way
        "_1_0: x\n",
        "_.5: x\n",
        "_1e3: x\n",
        "k:\n  _2: x\n",
        "k:\n  - __1: x\n",
        "k: {_1: x}\n",
    ],
)
def test_tricky_lines(text: str):
    assert _agrees(_resilint(text))
    assert _agrees(text + "apiVersion: resilint/v1\n")


def test_the_limits_decide_alike():
    text = _resilint("a:\n  b:\n    c:\n      d: [1, 2, 3]\n")
    for limits in (Limits(max_depth=3), Limits(max_depth=5), Limits(max_alias_expansion=10)):
        assert _agrees(text, limits)
    assert fast.fast_data(text, Limits(max_alias_expansion=10)) is None
    assert fast.fast_data(text, Limits(max_scalar_bytes=20)) is None


def _files() -> list[Path]:
    found = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")]
    return sorted(p for p in found if "yaml-test-suite" not in p.parts)


def test_every_example_and_fixture():
    taken = 0
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _agrees(text), path
        taken += fast.fast_data(text, LIMITS) is not None
    assert taken > 100  # the fast path is the usual one


@pytest.mark.parametrize("case", sorted(p.parent.name for p in SUITE.glob("*/in.yaml")))
def test_the_yaml_test_suite_as_resilint_documents(case: str):
    text = (SUITE / case / "in.yaml").read_text(encoding="utf-8", errors="replace")
    assert _agrees(text)
    assert _agrees("apiVersion: resilint/v1\n" + text)


def _words(alphabet: str, longest: int) -> list[str]:
    return ["".join(w) for n in range(1, longest + 1) for w in product(alphabet, repeat=n)]


# What yaml-rs reads as a number is made of these: signs, digits, '_', '.', exponents, the 0x,
# 0o and 0b prefixes, .inf and .nan in any case
NUMBER_WORDS = _words("_1.e+-0xoinfaNIF", 3)


@pytest.mark.parametrize("shape", ["k: {}\n", "{}: x\n", "k: [a, {}]\n", "k: {{{}: 1}}\n"])
def test_every_short_word_of_number_characters(shape: str) -> None:
    for word in NUMBER_WORDS:
        assert _agrees(_resilint(shape.format(word))), word


_WORD = st.sampled_from(
    ["a", "k", "name", "x.y", "true", "null", "on", "1", "-", "?", "<<", "_1", "_.5"]
)
_SCALAR = st.sampled_from(
    [*TRICKY, "word", "two words", "'q'", '"q"', "", "[x, y]", "{a: b}", "2026-11-26", "#c"]
)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = ["apiVersion: resilint/v1"]
    for _ in range(draw(st.integers(0, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 1, 3]))
        dash = draw(st.sampled_from(["", "", "- ", "- - "]))
        key = draw(st.one_of(st.none(), _WORD))
        value = draw(_SCALAR)
        lines.append(f"{indent}{dash}{key + ':' if key else ''}{' ' if value else ''}{value}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=400, deadline=None)
@given(_documents())
def test_generated_documents(text: str):
    assert _agrees(text)


@pytest.mark.parametrize("slow", [False, True], ids=["yaml-rs", "libyaml"])
def test_documents_share_their_keys_and_short_texts(slow: bool) -> None:
    """Equal keys and short values of two files are one object (a repository's documents repeat
    a few hundred keys and their ids, dates and levels: a third of the memory); a long text is
    kept as read, not hashed to be shared."""
    long = "a note of a hundred characters " * 4
    texts = [_resilint(f"id: acme\ntier: critical\nnote: {long}\n") for _ in range(2)]
    if not slow:
        assert all(fast.fast_data(text, LIMITS) is not None for text in texts)
    read = [(_slow(t) if slow else load_text("x.yaml", t, LIMITS)).documents[0] for t in texts]
    first, second = (document.data for document in read)
    assert first == second
    assert all(a is b for a, b in zip(first, second, strict=True))  # the keys
    assert first["tier"] is second["tier"] and first["id"] is second["id"]
    assert first["note"] is not second["note"]


def test_the_requirements_matrix_yaml_rs_reads_is_the_safe_readers() -> None:
    """resilint's own ``requirements.yaml`` is read by yaml-rs, which is not screened for it:
    the same data, value for value and type for type, as libyaml and the converter give."""
    from resilint.domain import requirements
    from resilint.load import load_mapping
    from resilint.resources import data_dir

    path = data_dir("rules") / requirements.FILE_NAME
    safe = load_mapping(path, LIMITS)
    assert isinstance(safe, tuple)
    assert repr(requirements._own_matrix(path)) == repr(safe[0])
    assert requirements.load_matrix() == requirements.load_matrix(path)  # path: the safe reader


@pytest.mark.parametrize("value", ["250.000", "[1.000]", "{sum: 25.000}", "\n  - 5.000", "1.250"])
def test_a_number_with_a_thousands_separator_goes_the_slow_way(value: str) -> None:
    """Validation looks for such numbers (it asks whether 250.000 means 250 or 250,000) only
    in what the slow path read: the fast path must never take a file that holds one."""
    text = _resilint(f"id: x\nname: X\nvalue: {value}\n")
    assert fast.fast_data(text, LIMITS) is None
    document = load_text("x.yaml", text, LIMITS).documents[0]
    assert document.grouped


def test_what_the_fast_path_reads_holds_no_grouped_number() -> None:
    text = _resilint("id: x\nname: X\nvalue: 250.0\nother: 2.5\n")
    document = load_text("x.yaml", text, LIMITS).documents[0]
    assert not document.grouped


def test_a_line_remembered_plain_is_judged_again_under_another_depth_limit() -> None:
    """A file's lines found plain are remembered by the depth limit they were tested against:
    a file read under a lower ``max_depth`` is not taken on the strength of the first."""
    text = _resilint("id: x\nname: X\nnotes:\n  a:\n    b:\n      c:\n        d: deep\n")
    assert fast.plain_shape(text, LIMITS) is not None
    assert fast.plain_shape(text, LIMITS) is not None  # its lines remembered
    assert fast.plain_shape(text, Limits(max_depth=8)) is None
    assert _agrees(text, Limits(max_depth=8))


def test_a_remembered_line_beside_one_that_is_not_plain() -> None:
    plain = _resilint("id: x\nname: X\n")
    assert fast.plain_shape(plain, LIMITS) is not None
    for odd in ("value: &a x\n", "value: 012\n", "value: |\n  text\n", "...\n"):
        assert fast.plain_shape(plain + odd, LIMITS) is None, odd
    assert fast.plain_shape(plain + "value: 012\n", LIMITS, numbers=False) is not None
