"""The .gitignore matcher against git itself (``git check-ignore``), and its cost on patterns
made to be slow.

The comparison runs one git for hundreds of pattern sets: set ``k`` is the .gitignore of
directory ``k/``, and git is asked about ``k/<path>`` for every path (paths need not exist:
git takes a missing one for a file, as :meth:`Patterns.covering` takes the last name)."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from resilint.wildmatch import Patterns

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="compares with git")

NAMES = ("a", "b", "ab", "A", "B", "Ab", ".h", "a-b", "x]", "[a]", "a*", "-", "é", "a b", "ba")
NAMES += ("aa", "\\", "x:", "^", "!", "Z", "z", "é.yaml", "ax.yaml", "_")
ATOMS = ("a", "b", "*", "**", "?", "[ab]", "[!a]", "[^a]", "[a-b]", "\\*", "/", "/", "***")
ATOMS += ("[[:alpha:]]", "[[:upper:]]", "[a\\-c]", "[\\]]", "x]", "\\[a]", "[]a]", "[!]]", "\\")
ATOMS += ("é", ".h", "-", "[", "[a", " ", "\\ ", "A", "[z-a]", "[---]", "[A]", "[A-Z]", "\\A")
ATOMS += ("[[:lower:]]", "[[:punct:]]", "[[:graph:]]", "[[:space:]]", "[[:al]", "[[:foo:]]")
ATOMS += ("[[:]", "\\/", "B", "[[^]", "z", ".yaml", "//")

REVIEWED = (  # REVIEW.md item 6, each as (lines, path, whether git ignores it)
    (["[[:alpha:]]x.yaml"], "ax.yaml", True),
    (["[a\\-c].yaml"], "-.yaml", True),
    (["[a\\-c].yaml"], "b.yaml", False),
    (["[[^]x"], "^x", True),
    (["[[^]x"], "!x", False),
    (["a/***/b.yaml"], "a/b.yaml", True),
    (["a/***/b.yaml"], "a/x/y/b.yaml", True),
    (["[z-a].yaml"], "z.yaml", True),
    (["[z-a].yaml"], "a.yaml", False),
    (["[ab.yaml"], "[ab.yaml", False),
    (["a[/]b"], "a/b", False),
    (["foo\\/"], "foo/x.yaml", False),
    (["foo//"], "foo/x.yaml", False),
    (["?.yaml"], "é.yaml", False),
    (["??.yaml"], "é.yaml", True),
    (["*", "![[:digit:]]*.yaml"], "1.yaml", False),
    (["zz.yaml   "], "zz.yaml", True),
    (["zz.yaml\\ "], "zz.yaml", False),
    (["**\\/b"], "b", False),
    (["**\\/b"], "x/y/b", True),
)


def _random_set(rnd: random.Random) -> list[str]:
    def pattern() -> str:
        text = "".join(rnd.choice(ATOMS) for _ in range(rnd.randint(1, 5)))
        return ("!" if rnd.random() < 0.15 else "") + text + ("/" if rnd.random() < 0.2 else "")

    return [pattern() for _ in range(rnd.randint(1, 3))]


def _paths(rnd: random.Random, count: int) -> list[str]:
    return sorted({"/".join(rnd.choices(NAMES, k=rnd.randint(1, 4))) for _ in range(count)})


def _git_version() -> tuple[int, ...]:
    said = subprocess.run(["git", "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"(\d+)\.(\d+)", said.stdout)
    return tuple(int(part) for part in found.groups()) if found else (0, 0)


def _old_git_reads_differently(line: str) -> bool:
    """Before 2.52, git matched a pattern with a ``/`` after cutting its literal start, so a
    ``**`` right after it took directories (``foo**/bar`` matched ``foobar``); resilint
    follows git 2.52 and later, which fixed that."""
    body = (line[1:] if line.startswith("!") else line).removesuffix("/")
    if "/" not in body:
        return False
    body = body.removeprefix("/")
    head = re.match(r"[^*?\[\\]*", body)[0]  # type: ignore[index]
    return bool(head) and not head.endswith("/") and body[len(head) :].startswith("**")


def _ignored_by_git(root: Path, sets: list[list[str]], paths: list[str], fold: bool) -> set[str]:
    """``k/<path>`` for each path git ignores under the .gitignore ``sets[k]``."""
    for k, lines in enumerate(sets):
        (root / str(k)).mkdir(exist_ok=True)
        data = b"".join(os.fsencode(line) + b"\n" for line in lines)
        (root / str(k) / ".gitignore").write_bytes(data)
    asked = [os.fsencode(f"{k}/{path}") for k in range(len(sets)) for path in paths]
    command = ("check-ignore", "--no-index", "--stdin", "-z", "-v", "-n")
    done = subprocess.run(
        ["git", "-c", f"core.ignorecase={str(fold).lower()}", *command],
        cwd=root,
        input=b"\0".join(asked) + b"\0",
        capture_output=True,
        check=False,
    )
    fields = done.stdout.split(b"\0")
    return {
        os.fsdecode(fields[i + 3])
        for i in range(0, len(fields) - 3, 4)
        if fields[i + 2][:1] not in (b"", b"!")
    }


def _disagreements(root: Path, sets: list[list[str]], paths: list[str], fold: bool) -> list:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    by_git = _ignored_by_git(root, sets, paths, fold)
    wrong = []
    for k, lines in enumerate(sets):
        patterns = Patterns(lines, ignorecase=fold)
        ours = {f"{k}/{path}" for path in paths if patterns.covering(path) is not None}
        theirs = {name for name in by_git if name.startswith(f"{k}/")}
        if ours != theirs:
            wrong.append((lines, sorted(ours - theirs)[:3], sorted(theirs - ours)[:3]))
    return wrong


@pytest.mark.parametrize("fold", [False, True], ids=["with case", "core.ignorecase"])
def test_random_pattern_sets_match_what_git_says(tmp_path: Path, fold: bool) -> None:
    rnd = random.Random(20260312)
    paths = _paths(rnd, 60)
    sets = [_random_set(rnd) for _ in range(400)]
    if _git_version() < (2, 52):
        sets = [lines for lines in sets if not any(map(_old_git_reads_differently, lines))]
    assert len(sets) > 300
    assert _disagreements(tmp_path, sets, paths, fold) == []


@pytest.mark.parametrize(("lines", "path", "ignored"), REVIEWED)
def test_the_reviewed_corners_match_what_git_says(tmp_path: Path, lines, path, ignored) -> None:
    assert (Patterns(lines).covering(path) is not None) is ignored
    assert _disagreements(tmp_path, [lines], [path], fold=False) == []


@pytest.mark.parametrize(
    ("lines", "path", "ignored"),
    [
        (["*.YAML"], "x.yaml", True),
        (["Docs/"], "docs/x.yaml", True),
        (["[A-C]x"], "bx", True),
        (["[A]x"], "Ax", False),  # git compares a capital written alone in [...] as it is
        (["\\Ax"], "ax", False),
        (["[[:upper:]]x"], "ax", True),
        (["é"], "É", False),  # ASCII letters only
    ],
)
def test_ignorecase_folds_ascii_letters_as_git_does(tmp_path: Path, lines, path, ignored) -> None:
    assert (Patterns(lines, ignorecase=True).covering(path) is not None) is ignored
    assert _disagreements(tmp_path, [lines], [path], fold=True) == []


def test_git_2_52_reads_a_double_star_after_a_literal_start_as_one_star() -> None:
    patterns = Patterns(["foo**/bar"])
    assert patterns.covering("foobar") is None
    assert patterns.covering("foo/bar") is not None
    assert patterns.covering("fooxyz/bar") is not None
    assert patterns.covering("foo/x/bar") is None


# --- cost: counted in lines of Python run, not in seconds ----------------------------------

HOSTILE = (
    ("*a" * 500, "a" * 999),  # exponential for a backtracking matcher
    ("*a" * 499 + "b", "a" * 999),
    ("/".join(["**/a"] * 200) + "/b", "/".join(["a"] * 300)),
    ("?*" * 500, "ab" * 400),
    ("[a]" * 333, "a" * 333),
    ("[!b][[:alpha:]]*" * 50, "a" * 900),
    ("**/" * 333, "/".join(["a"] * 300)),
    ("a/**/" * 100 + "*", "/".join(["a"] * 400)),
    ("[" * 1000, "[" * 1000),
    ("\\*" * 500, "*" * 500),
)


def test_patterns_made_to_be_slow_cost_lines_in_proportion_to_their_size() -> None:
    """Every line of Python run is counted (the matcher's, and anything it calls, as ``re``'s
    compiler in Python): reading and matching each pattern stays within a few dozen lines per
    byte of pattern and of path, where backtracking takes exponentially many."""
    lines_run = 0

    def count(frame, event, arg):  # sys.settrace's signature
        nonlocal lines_run
        lines_run += event == "line"
        return count

    budget = sum(40 * (len(pattern) + len(path)) for pattern, path in HOSTILE)
    previous = sys.gettrace()
    sys.settrace(count)
    try:
        for pattern, path in HOSTILE:
            Patterns([pattern]).covering(path)
            Patterns([pattern], ignorecase=True).verdict(path + "/")
    finally:
        sys.settrace(previous)
    assert lines_run < budget


# --- discovery reads a .gitignore as git does ---------------------------------------------

BAD = "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: Bad\ntier: 9\n"


def _checked(cli) -> set[str]:
    result = cli("check", "--no-cache", "--format", "json")
    return {finding["path"] for finding in result.json()["findings"]}


def test_a_gitignore_follows_the_repository_s_core_ignorecase(cli, write, tmp_path) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write(".gitignore", "Drafts/\n*.TMP.yaml\n")
    write("drafts/x.yaml", BAD.format(id="x"))
    write("y.tmp.yaml", BAD.format(id="y"))
    write("z.yaml", BAD.format(id="z"))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert _checked(cli) == {"drafts/x.yaml", "y.tmp.yaml", "z.yaml"}
    subprocess.run(["git", "config", "core.ignorecase", "true"], cwd=tmp_path, check=True)
    assert _checked(cli) == {"z.yaml"}


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="names must be any bytes")
def test_a_gitignore_is_read_as_bytes_cut_at_newlines_only(cli, write, tmp_path) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write(".gitignore", b"\xef\xbb\xbfbom.yaml\ncaf\xe9.yaml\r\nform\x0cfeed.yaml\n")
    for name in (b"bom.yaml", b"caf\xe9.yaml", b"form\x0cfeed.yaml", b"feed.yaml", b"z.yaml"):
        (tmp_path / os.fsdecode(name)).write_text(BAD.format(id="x"))
    assert _checked(cli) == {"feed.yaml", "z.yaml"}
