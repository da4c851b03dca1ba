"""Positions read from a plain file's lines are libyaml's: for every node of every file the line
reader takes (and a missing key or item under each), the locator gives the line and column it
gives from the composed nodes; files the reader does not take are composed, as before."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from resilint import locate
from resilint.findings import JsonPath
from resilint.limits import Limits
from resilint.load import fast
from resilint.load.compose import compose
from resilint.load.plain_nodes import NotPlain
from resilint.load.plain_positions import plain_file
from resilint.load.positions import LoadError
from resilint.locate import Locator
from resilint.model import Document

ROOT = Path(__file__).parent.parent
SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
LIMITS = Limits()


def _paths(node: Node, prefix: JsonPath = ()) -> Iterator[JsonPath]:
    """Every node's path, and under each a key, an item or a step that is not there."""
    yield prefix
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _paths(value, (*prefix, key.value))
        yield from ((*prefix, "no such key"), (*prefix, 0))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _paths(item, (*prefix, index))
        yield from ((*prefix, len(node.value)), (*prefix, "key"))
    else:
        yield from ((*prefix, "key"), (*prefix, 0))


def _read_from_lines(text: str) -> bool:
    """Whether the line reader places ``text``'s nodes; asserts that every position it gives
    is the one the locator gives from libyaml's nodes."""
    plain = plain_file(text, LIMITS)
    if plain is None:
        return False
    try:
        roots = compose(text, LIMITS)
    except LoadError:  # no document here, so nothing is ever located in it
        assert fast.fast_data(text, LIMITS) is None
        return False
    composed = Locator(LIMITS)
    composed.seed("f.yaml", text)
    document = Document("f.yaml", 0, 1, "Supplier", "x", {})
    for path in _paths(roots[0]):
        for on_key in (False, True):
            try:
                found = plain.position(path, on_key)
            except NotPlain:  # the locator composes the file from here on
                return False
            assert found == composed.position(document, path, on_key), (path, on_key)
    return True


def _yaml_files() -> list[Path]:
    found = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")]
    return sorted(p for p in found if "yaml-test-suite" not in p.parts)


def test_every_example_and_fixture():
    taken = sum(_read_from_lines(p.read_text("utf-8", errors="replace")) for p in _yaml_files())
    assert taken > 200  # the usual case


def test_the_yaml_test_suite():
    for case in sorted(SUITE.glob("*/in.yaml")):
        text = case.read_text(encoding="utf-8", errors="replace")
        _read_from_lines(text)
        _read_from_lines("apiVersion: resilint/v1\n" + text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_repositories(tmp_path: Path, seed: int):
    command = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(tmp_path)]
    subprocess.run([*command, "--suppliers", "25", "--seed", str(seed)], check=True)
    files = sorted(tmp_path.rglob("*.yaml"))
    assert len(files) > 100
    for path in files:
        assert _read_from_lines(path.read_text(encoding="utf-8")), path


TAKEN = [
    "k: [x, 'y, z' , c d]\nm: {a: 1,  b: \"w\"}\ne: [ ]\nf: {}\n",
    "ké: é𝄞x\nl: [𝄞, 中文, x]\nk_中文: 全角の値  # 注\n",
    "k: value  # a comment\nj: 'it''s' # another\ni: \"a # b\"\n",
    "l:\n- - a\n  - b\n- c: 1\n  d:\n- -\n-\n",
    "l:\n  - - a\n    - - b\n  -\n    - c\n",
    "a:\nb:   # note\nc:\n\n  # between\nd: 1\n",
    "a: a long\n  text on\n\n   three lines\nb: x\n",
    "a:\n  on the next line\n  and the one after\nb: 1\n",
    "l:\n- one\n  more\n- k: two\n   more\n  j: 3\n",
    "a: x # comment\nb: a#b\nc: a:b\nd: https://x.example/y?q=1#f\n",
    "k: 1\nk: 2\nj:\n  a: 1\n  a: [2]\n",
    "  indented: 1\n  root: [a]\n# a comment at the left\n  last: x\n",
    "# head\n---\nk: v\nl:\n  - {a: b, c: 'd'}\n",
    "k:\n  -   spaced\n  -  # empty, with a comment\n  -\n    n: 1\n",
    "k:\n    deep:\n         deeper: 1\n    back: 2\n",
    "id: x\nlist:\n- a\nnext: 1\n",
]

LEFT_TO_LIBYAML = [
    '"quoted key": 1\n',
    "key with spaces: 1\n",
    "a: b\n  - c\n",  # one scalar "b - c"
    "a: b\n  'c'\n",
    "a: b\n  c: d\n",  # an error
    "a: b\n  # comment\n  c\n",  # an error
    "k" * 1030 + ": 1\n",  # libyaml refuses the key
    "a: &x 1\nb: *x\n",
    "a: |\n  text\n",
    "a: !!str 1\n",
    "- a\n- b\n",
    "a: 1\n---\nb: 2\n",
    "a:\tb\n",
]


@pytest.mark.parametrize("text", TAKEN)
def test_tricky_lines_read_from_lines(text: str):
    assert _read_from_lines(text)


@pytest.mark.parametrize("text", LEFT_TO_LIBYAML)
def test_lines_left_to_libyaml(text: str):
    plain = plain_file(text, LIMITS)
    if plain is not None:  # screened, but what the path asks for is not read from lines
        with pytest.raises(NotPlain):
            plain.position(("a",), False)


_KEYS = ["a", "k", "name", "x.y", "é_k", "中文", "id", "_u", "a-b", "k9"]
_SCALARS = [
    *("word", "two words", "'q'", '"q"', "'it''s'", '"a # b"', "2026-11-26", "12", "-5"),
    *("a#b", "a:b", "é𝄞x", "1.5", "https://x/y", "[x, y]", "[ ]", "{a: b}", "{}", ""),
    *("{ a: 1 ,  b: 'c' }", "[𝄞, 中文, x y]", "[a, 'b, c' , d]", "{k: v, k: w}"),
]


def _tree(rng: random.Random, depth: int) -> object:
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        return rng.choice(_SCALARS)
    if roll < 0.75:
        return {
            rng.choice(_KEYS) + "\0" * i: _tree(rng, depth + 1) for i in range(rng.randint(1, 4))
        }
    return [_tree(rng, depth + 1) for _ in range(rng.randint(1, 4))]


def _render(rng: random.Random, node: object, column: int, out: list[str], head: str) -> None:
    """``node`` written in one of the plain ways, after ``head`` ("key:", "- " or nothing)."""
    comment = rng.choice(["", "", "", "  # note", " #x"])
    step = rng.choice([1, 2, 2, 4])
    if isinstance(node, str):
        words = node.split(" ", 1)
        if len(words) == 2 and node[0] not in "\"'[{" and rng.random() < 0.4:  # continued
            out += [f"{head} {words[0]}", " " * (column + step) + words[1]]
        elif head.endswith(":") and node and rng.random() < 0.2:
            out += [head + comment, " " * (column + step) + node]
        else:
            out.append((f"{head} {node}" if node else head) + comment)
        return
    compact = head.endswith("- ") and rng.random() < 0.6
    entries = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
    inner = len(head) if compact else column + step if head else column
    if not compact and head:
        beside = head.endswith(":") and isinstance(node, list) and rng.random() < 0.5
        inner = column if beside else inner
        out.append(head + comment)
    for index, (key, value) in enumerate(entries):
        lead = head if compact and index == 0 else " " * inner
        mark = f"{key.rstrip(chr(0))}:" if isinstance(node, dict) else rng.choice(["- ", "-  "])
        _render(rng, value, inner, out, lead + mark)
        if rng.random() < 0.1:
            out.append(rng.choice(["", " " * rng.choice([0, inner]) + "# c"]))


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False))
def test_generated_documents(rng: random.Random):
    body = _tree(rng, 0)
    root = body if isinstance(body, dict) else {"k": body}
    out: list[str] = []
    _render(rng, {"apiVersion": "resilint/v1", **root}, rng.choice([0, 0, 2]), out, "")
    text = "\n".join(out) + rng.choice(["\n", "", "\n\n"])
    _read_from_lines(text)


def test_a_check_places_findings_as_libyaml_does(cli, monkeypatch: pytest.MonkeyPatch):
    """The examples' JSON reports are the same with positions read from lines and with every
    file composed again; most files with findings are then not composed."""
    composed: list[str] = []
    compose_text = locate.compose_text

    def counted(text: str, limits: Limits) -> list[Node]:
        composed.append(text)
        return compose_text(text, limits)

    monkeypatch.setattr(locate, "compose_text", counted)
    # each example on its own: each has its own configuration, under which alone it is checked
    examples = sorted(path for path in (ROOT / "examples").iterdir() if path.is_dir())
    runs = [("check", str(path), "--format", "json", "--as-of", "2026-11-26") for path in examples]
    from_lines = [cli(*args, "--no-cache") for args in runs]
    from_lines_count = len(composed)
    monkeypatch.setattr(locate, "plain_file", lambda text, limits: None)
    assert [cli(*args, "--no-cache").stdout for args in runs] == [r.stdout for r in from_lines]
    assert all(r.json()["summary"]["files"] for r in from_lines)  # each example was checked
    found = sum(len(r.json()["findings"]) for r in from_lines)
    assert found and from_lines_count < (len(composed) - from_lines_count) / 2
