"""Patterns compiled when first used, and patterns built from the compiled form a run before
kept: each is the pattern ``re.compile`` gives (equal, code for code), in new Python processes
as users start resilint."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import python_json

from resilint.patterns import Lazy

_COMPARE = """
import json, re
from resilint.load import fast
from resilint.patterns import _KEPT, kept
samples = [
    (fast._NOT_PLAIN.pattern, fast._NOT_PLAIN.flags),
    (fast._SUSPECT.pattern, fast._SUSPECT.flags),
    (r"(?P<key>[a-z]+)=(?P<value>\\d+)|(x)", re.IGNORECASE | re.MULTILINE),
    ("[\\u00e9\\U0001f600-\\U0001f64f]+", 0),
]
equal = [kept(p, f) == re.compile(p, f) for p, f in samples]
pattern = kept(*samples[2])
found = pattern.match("KEY=12").groupdict()
print(json.dumps({"equal": equal, "added": _KEPT.added, "found": found}))
"""


def _python(prefix: Path, **env: str) -> dict[str, object]:
    return python_json(_COMPARE, prefix, **env)


def _kept(prefix: Path) -> list[Path]:
    return sorted(prefix.rglob("patterns_kept.*.sre"))


def test_a_kept_pattern_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    first = _python(tmp_path)
    assert first["added"] is True and len(_kept(tmp_path)) == 1
    second = _python(tmp_path)
    assert second["added"] is False  # every pattern built from the kept form
    for run in (first, second):
        assert run["equal"] == [True, True, True, True]
        assert run["found"] == {"key": "KEY", "value": "12"}


def test_an_unreadable_kept_file_is_compiled_again(tmp_path: Path) -> None:
    _python(tmp_path)
    (kept,) = _kept(tmp_path)
    whole = kept.read_bytes()
    for garbage in (b"", b"not marshal data", whole[:-100], whole[:40] + b"\x00" * 200):
        kept.write_bytes(garbage)
        again = _python(tmp_path)
        assert again["equal"] == [True, True, True, True] and again["added"] is True
    assert _python(tmp_path)["added"] is False  # written again, whole


def test_nothing_is_kept_when_python_writes_no_bytecode(tmp_path: Path) -> None:
    found = _python(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert found["equal"] == [True, True, True, True]
    assert _kept(tmp_path) == []


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    lazy = Lazy(r"\b(bank|custod\w+)\b", re.IGNORECASE)
    compiled = re.compile(r"\b(bank|custod\w+)\b", re.IGNORECASE)
    text = "A Bank and its custodian; no banks."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.search(text, 3).span() == compiled.search(text, 3).span()  # type: ignore[union-attr]
    assert lazy.match(text, 2).span() == compiled.match(text, 2).span()  # type: ignore[union-attr]
    assert lazy.compiled == compiled and lazy.compiled is lazy.compiled  # compiled once


_EVERY = """
import importlib, json, pkgutil, re
import resilint
from resilint.patterns import _KEPT, Lazy
found = []
for module in pkgutil.walk_packages(resilint.__path__, "resilint."):
    if module.name.endswith("__main__"):
        continue
    for name, value in vars(importlib.import_module(module.name)).items():
        if isinstance(value, Lazy):
            value = value.compiled
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found.append([module.name, name, value == re.compile(value.pattern, value.flags)])
print(json.dumps({"found": found, "added": _KEPT.added}))
"""


def test_every_pattern_resilint_keeps_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    """Every module-level pattern of resilint, compiled or lazy, as a first run builds it
    (compiling, then keeping its form) and as the next run does (from the kept form)."""
    first = python_json(_EVERY, tmp_path)
    second = python_json(_EVERY, tmp_path)
    assert first["added"] is True and second["added"] is False
    for run in (first, second):
        found = run["found"]
        assert len(found) > 60  # type: ignore[arg-type]
        assert [f for f in found if not f[2]] == []  # type: ignore[union-attr,index]
