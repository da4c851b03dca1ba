"""What gets checked, against a hostile change, through the CLI on real files and real git
repositories: a committed document a .gitignore line would hide, an upper-case suffix, a file
pre-commit names where the walk would skip it, one file spelt two ways, and ignore patterns
made to backtrack."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from test_pre_commit import try_repo

BAD = "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: Bad\ntier: 9\n"
"""One SCH-01 finding (tier 9)."""
GOOD = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"


@pytest.fixture(scope="module", autouse=True)
def _needs_git() -> None:
    assert shutil.which("git"), "these tests need git"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repository(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "risk@example.com")
    git(root, "config", "user.name", "Risk Team")


def _found(result) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in result.json()["findings"]}


def _check(cli, *args: str, cwd: Path | None = None):
    return cli("check", "--no-cache", "--format", "json", *args, cwd=cwd)


# --- #2: a committed document is never hidden by a .gitignore; suffixes in any case ---------


def test_a_tracked_file_a_gitignore_matches_is_checked(cli, write, tmp_path: Path) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("sup/b.yaml", BAD.format(id="b"))
    write("sup/.gitignore", "*.yaml\n")
    write("sup/untracked.yaml", BAD.format(id="u"))  # ignored and untracked: left out, as by git
    _repository(tmp_path)
    git(tmp_path, "add", "resilint.yaml", "sup/.gitignore")
    git(tmp_path, "add", "-f", "sup/b.yaml")
    result = _check(cli)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(result) == {("sup/b.yaml", "SCH-01")}


def test_tracked_files_in_a_directory_a_gitignore_hides_are_checked(
    cli, write, tmp_path: Path
) -> None:
    write("resilint.yaml", "fail_on: error\nexclude: [drafts/old/]\n")
    write(".gitignore", "drafts/\n")
    write("drafts/deep/kept.YML", BAD.format(id="kept"))
    write("drafts/deep/scratch.yaml", BAD.format(id="scratch"))  # untracked
    write("drafts/.hidden/x.yaml", BAD.format(id="hidden"))  # tracked, but a hidden path
    write("drafts/old/x.yaml", BAD.format(id="old"))  # tracked, but excluded
    write("drafts/notes.txt", "not YAML\n")
    _repository(tmp_path)
    git(tmp_path, "add", "resilint.yaml", ".gitignore")
    tracked = ("drafts/deep/kept.YML", "drafts/.hidden/x.yaml", "drafts/old/x.yaml")
    git(tmp_path, "add", "-f", *tracked, "drafts/notes.txt")
    result = _check(cli)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(result) == {("drafts/deep/kept.YML", "SCH-01")}


def test_outside_git_a_gitignore_is_taken_as_written(cli, write) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("ok.yaml", GOOD)
    write("sup/b.yaml", BAD.format(id="b"))
    write("sup/.gitignore", "*.yaml\n")
    result = _check(cli)
    assert result.exit_code == 0, result.stdout + result.stderr


DUBIOUS = """\
fatal: detected dubious ownership in repository at '{top}'
To add an exception for this directory, call:

\tgit config --global --add safe.directory {top}
"""


def _hidden_and_committed(write, tmp_path: Path) -> None:
    """A repository whose committed sup/b.yaml (SCH-01) a .gitignore would hide."""
    write("resilint.yaml", "fail_on: error\n")
    write("sup/b.yaml", BAD.format(id="b"))
    write("sup/.gitignore", "*.yaml\n")
    _repository(tmp_path)
    git(tmp_path, "add", "resilint.yaml", "sup/.gitignore")
    git(tmp_path, "add", "-f", "sup/b.yaml")


def _git_on_path(monkeypatch, directory: Path, script: str | None) -> None:
    """PATH holding only ``directory``, with a ``git`` running ``script`` (none: no git)."""
    directory.mkdir()
    if script is not None:
        (directory / "git").write_text("#!/bin/sh\n" + script)
        (directory / "git").chmod(0o755)
    monkeypatch.setenv("PATH", str(directory))


@pytest.mark.parametrize(
    ("script", "said", "fix"),
    [
        (
            "".join(f"echo '{line}' >&2\n" for line in DUBIOUS.splitlines()) + "exit 128\n",
            "fatal: detected dubious ownership",
            "run: git config --global --add safe.directory",
        ),
        (None, "git is not installed", "make git ls-files work in"),
        ("echo 'fatal: index file corrupt' >&2\nexit 128\n", "index file corrupt", "make git"),
    ],
    ids=["dubious-ownership", "no-git", "corrupt-index"],
)
def test_git_failing_in_a_work_tree_stops_the_run_when_a_gitignore_hides_files(
    cli, write, tmp_path: Path, monkeypatch, script: str | None, said: str, fix: str
) -> None:
    _hidden_and_committed(write, tmp_path)
    _git_on_path(monkeypatch, tmp_path.parent / f"{tmp_path.name}-bin", script)
    result = _check(cli)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("resilint: sup/b.yaml: a .gitignore hides it")
    assert said in result.stderr and fix in result.stderr and str(tmp_path) in result.stderr
    assert "Traceback" not in result.stderr


def test_git_failing_matters_only_where_a_gitignore_hides_a_file(
    cli, write, tmp_path: Path, monkeypatch
) -> None:
    _hidden_and_committed(write, tmp_path)
    (tmp_path / "sup" / ".gitignore").write_text("*.txt\n")
    _git_on_path(monkeypatch, tmp_path.parent / f"{tmp_path.name}-bin", None)
    result = _check(cli)
    assert result.exit_code == 1 and _found(result) == {("sup/b.yaml", "SCH-01")}


def test_outside_a_work_tree_no_git_is_needed(cli, write, tmp_path: Path, monkeypatch) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("ok.yaml", GOOD)
    write("sup/b.yaml", BAD.format(id="b"))
    write("sup/.gitignore", "*.yaml\n")
    _git_on_path(monkeypatch, tmp_path.parent / f"{tmp_path.name}-bin", None)
    result = _check(cli)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the checkout to another user needs root")
def test_a_checkout_of_another_user_is_an_error_until_git_trusts_it(
    cli, write, tmp_path: Path, monkeypatch
) -> None:
    """What container CI jobs meet: git refuses a repository owned by another user."""
    _hidden_and_committed(write, tmp_path)
    settings = tmp_path.parent / f"{tmp_path.name}-gitconfig"
    settings.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(settings))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    subprocess.run(["chown", "-R", "65534", str(tmp_path)], check=True)
    result = _check(cli)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "dubious ownership" in result.stderr
    git(tmp_path, "config", "--global", "--add", "safe.directory", str(tmp_path))
    result = _check(cli)
    assert result.exit_code == 1 and _found(result) == {("sup/b.yaml", "SCH-01")}


@pytest.mark.parametrize("name", ["c.YAML", "c.Yml", "c.yAmL"])
def test_a_suffix_in_any_case_is_found_by_the_walk(cli, write, name) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write(f"sup/{name}", BAD.format(id="c"))
    result = _check(cli)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(result) == {(f"sup/{name}", "SCH-01")}


def test_a_configuration_file_in_upper_case_is_a_file_like_any_other(cli, write) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("sub/RESILINT.YAML", BAD.format(id="r"))
    result = _check(cli)
    assert _found(result) == {("sub/RESILINT.YAML", "SCH-01")}


# --- #1: the hook checks every file it is given, and says which ones exclude leaves out ----


@pytest.fixture
def committed(write, tmp_path: Path) -> Path:
    """A repository with one good document committed, and files staged where the walk skips."""
    write("resilint.yaml", "fail_on: error\nexclude: [drafts/]\n")
    write("ok.yaml", GOOD)
    _repository(tmp_path)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "programme")
    write(".staging/a.yaml", BAD.format(id="a"))
    write("sup/b.yaml", BAD.format(id="b"))
    write("sup/.gitignore", "b.yaml\n")
    write("sup/c.YAML", BAD.format(id="c"))
    write("drafts/d.yaml", BAD.format(id="d"))
    git(tmp_path, "add", ".")
    git(tmp_path, "add", "-f", "sup/b.yaml")
    return tmp_path


@pytest.mark.parametrize("name", [".staging/a.yaml", "sup/b.yaml", "sup/c.YAML"])
def test_the_hook_checks_a_named_file_the_walk_would_skip(cli, committed, name) -> None:
    result = cli("pre-commit", "--no-cache", "--format", "json", name)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (name, "SCH-01") in _found(result)


def test_the_hook_leaves_out_an_excluded_file_and_says_so(cli, committed) -> None:
    result = cli("pre-commit", "--no-cache", "--format", "json", "drafts/d.yaml")
    assert "drafts/d.yaml" not in {path for path, _ in _found(result)}
    assert (
        "resilint: note: not checked: drafts/d.yaml: the configuration excludes it "
        "(exclude: drafts/)"
    ) in result.stderr


def test_check_still_checks_an_excluded_file_it_is_named(cli, committed) -> None:
    result = _check(cli, "drafts/d.yaml")
    assert result.exit_code == 1
    assert _found(result) == {("drafts/d.yaml", "SCH-01")}
    assert "not checked" not in result.stderr


def test_the_hook_without_a_configuration_checks_the_named_file(cli, write, tmp_path) -> None:
    write("ok.yaml", GOOD)
    write(".staging/a.yaml", BAD.format(id="a"))
    _repository(tmp_path)
    git(tmp_path, "add", ".")
    result = cli("pre-commit", "--no-cache", "--format", "json", ".staging/a.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (".staging/a.yaml", "SCH-01") in _found(result)


@pytest.mark.slow
def test_pre_commit_itself_fails_on_files_the_walk_would_skip(committed, pre_commit_hooks) -> None:
    """pre-commit passes a hidden path, a .YAML file and a file a .gitignore matches: the hook
    fails on each, and on the excluded one says why it is left out."""
    result = try_repo(committed, pre_commit_hooks, "--verbose")
    assert result.returncode == 1, result.stdout + result.stderr
    for name in (".staging/a.yaml", "sup/b.yaml", "sup/c.YAML"):
        assert f"{name}:5:7: SCH-01" in result.stdout, result.stdout
    assert "drafts/d.yaml:5:7" not in result.stdout
    assert "not checked: drafts/d.yaml" in result.stdout


# --- #13: one file named two ways is read once ---------------------------------------------


def test_a_file_named_from_a_subdirectory_is_read_once(cli, write, tmp_path: Path) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("sup/a.yaml", GOOD)
    result = _check(cli, "a.yaml", cwd=tmp_path / "sup")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.json()["summary"]["files"] == 1


def test_fix_from_a_subdirectory_fixes_the_file_once(cli, write, tmp_path: Path) -> None:
    write("resilint.yaml", "fail_on: error\n")
    path = write("sup/a.yaml", GOOD.replace("kind: Supplier", "kind: supplier"))
    result = cli("fix", "--no-cache", "a.yaml", cwd=tmp_path / "sup")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "changed since resilint read it" not in result.stderr
    assert "kind: Supplier" in path.read_text()


def test_two_hard_links_are_two_files(cli, write, tmp_path: Path) -> None:
    """Two entries of one file are two files in git: each is read (a duplicate id, DOC-02)."""
    write("resilint.yaml", "fail_on: error\n")
    write("sup/a.yaml", GOOD)
    (tmp_path / "sup" / "b.yaml").hardlink_to(tmp_path / "sup" / "a.yaml")
    result = _check(cli, "a.yaml", "b.yaml", cwd=tmp_path / "sup")
    assert result.json()["summary"]["files"] == 2
    assert "DOC-02" in result.codes()


# --- #10: patterns made to backtrack ----------------------------------------------------------

BACKTRACKING = "/".join(["**/a"] * 11) + "/**/b"
"""56 characters; a regular expression made from it backtracks for minutes on 32 levels."""


def _deep(write, levels: int) -> str:
    name = "sup/" + "a/" * levels + "zz.yaml"
    write(name, BAD.format(id="zz"))
    return name


@pytest.mark.parametrize(
    "configured",
    [
        None,
        f"exclude: ['{BACKTRACKING}']\n",
        f"per_file_ignores: {{'{BACKTRACKING}': [SCH-01]}}\n",
    ],
)
def test_a_pattern_made_to_backtrack_is_matched_in_time(cli, write, configured) -> None:
    write("resilint.yaml", "fail_on: error\n" + (configured or ""))
    if configured is None:
        write(".gitignore", BACKTRACKING + "\n")
    name = _deep(write, 200)
    started = time.monotonic()
    result = _check(cli)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(result) == {(name, "SCH-01")}


@pytest.mark.parametrize(
    ("pattern", "ignored"),
    [
        ("**/a/**/a/**/zz.yaml", True),
        ("sup/**/a/**/b", False),
        ("sup/a/**/zz.yaml", True),
        ("**/a/*/zz.yaml", True),
        ("a/", True),
        ("/a/", False),
        ("sup/a/**", True),
        ("*.YAML", False),
    ],
)
def test_patterns_keep_git_s_meaning(cli, write, pattern, ignored) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("ok.yaml", GOOD)
    write(".gitignore", pattern + "\n")
    name = _deep(write, 5)
    result = _check(cli)
    assert ((name, "SCH-01") not in _found(result)) is ignored


def test_a_whitelist_gitignore_keeps_the_yaml_files(cli, write) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write(".gitignore", "*\n!*/\n!*.yaml\nsup/skip/\n")
    write("sup/in.yaml", BAD.format(id="in"))
    write("sup/skip/out.yaml", BAD.format(id="out"))
    write("sup/x.json", "{}\n")
    assert _found(_check(cli)) == {("sup/in.yaml", "SCH-01")}


def test_the_hook_reads_named_yaml_of_other_tools_without_a_word(cli, write, tmp_path) -> None:
    """pre-commit names every changed YAML (and TOML) file: a CI workflow or another tool's
    file is read and left alone (no DOC-04), and a TOML file is not read as YAML."""
    write("resilint.yaml", "fail_on: warning\n")
    write("ok.yaml", GOOD)
    write(".github/workflows/ci.yml", "on: push\njobs: {}\n")
    write("pyproject.toml", "[tool.other]\nx = 1\n")
    _repository(tmp_path)
    git(tmp_path, "add", ".")
    named = (".github/workflows/ci.yml", "pyproject.toml", "ok.yaml")
    result = cli("pre-commit", "--no-cache", "--format", "json", *named)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.codes() == []


def test_a_named_file_of_another_tool_is_still_named_from_a_subdirectory(
    cli, write, tmp_path: Path
) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("ok.yaml", GOOD)
    write("sub/other.yaml", "other: tool\n")
    result = _check(cli, "other.yaml", cwd=tmp_path / "sub")
    assert _found(result) == {("other.yaml", "DOC-04")}


# --- the matcher agrees with git itself -------------------------------------------------------

TREE = (
    "a.yaml",
    "b.YAML",
    "sup/a.yaml",
    "sup/a/zz.yaml",
    "sup/a/b/a/zz.yaml",
    "sup/x/a/keep.yaml",
    "drafts/x/y.yml",
    "drafts/keep.yaml",
    "d*r/q.yaml",
    "sp ace/t.yaml",
    "!bang.yaml",
    "#hash.yaml",
)
PATTERN_LISTS = (
    ["a.yaml"],
    ["/a.yaml"],
    ["*.yaml"],
    ["*.YAML"],
    ["a/"],
    ["/a/"],
    ["sup/a"],
    ["sup/a/"],
    ["sup/a/**"],
    ["sup/**/zz.yaml"],
    ["**/a/**/zz.yaml"],
    ["**/a/**/a/**/zz.yaml"],
    ["**/a"],
    ["**"],
    ["*/"],
    ["sup/*/a/"],
    ["s?p/"],
    ["[ds]*/"],
    ["[!d]*/"],
    ["d\\*r/"],
    ["sp ace/", "!sp ace/t.yaml"],
    ["sp\\ ace/"],
    ["\\!bang.yaml"],
    ["\\#hash.yaml"],
    ["drafts/", "!drafts/keep.yaml"],
    ["drafts/**", "!drafts/keep.yaml"],
    ["*", "!*/", "!*.yaml"],
    ["sup/a/**", "!sup/a/b/"],
    ["a//zz.yaml"],
    ["zz.yaml   "],
    ["trailing\\"],
)


@pytest.mark.parametrize("lines", PATTERN_LISTS, ids=lambda lines: "|".join(lines))
def test_patterns_match_what_git_check_ignore_says(write, tmp_path: Path, lines) -> None:
    from resilint.wildmatch import Patterns

    for name in TREE:
        write(name, "")
    write(".gitignore", "\n".join(lines) + "\n")
    _repository(tmp_path)
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin", "-z", "-v", "-n"],
        cwd=tmp_path,
        input="\0".join(TREE) + "\0",
        capture_output=True,
        text=True,
        check=False,
    )
    fields = done.stdout.split("\0")
    by_git = {
        fields[i + 3] for i in range(0, len(fields) - 3, 4) if fields[i + 2][:1] not in ("", "!")
    }
    patterns = Patterns(lines)
    ours = {name for name in TREE if patterns.covering(name) is not None}
    assert ours == by_git
