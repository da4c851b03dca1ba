"""Discovery against hostile trees, through the CLI: a .gitignore git cannot read in part, one
too costly to match against, and directories nested far deeper than any repository."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

BAD = "apiVersion: resilint/v1\nkind: Widget\nid: w\n"  # one DOC-01 finding


def test_a_gitignore_line_git_cannot_read_matches_nothing(cli, write) -> None:
    write(".gitignore", "\\\nskipped.yaml\n[[[[\n")
    write("skipped.yaml", BAD)
    write("ok.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\ntier: 3\n")
    result = cli("check", "--no-cache", "--format", "json", "--select", "DOC-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.codes() == []


def test_a_gitignore_too_costly_to_match_is_a_finding_and_not_used(cli, write) -> None:
    write(".gitignore", "".join(f"x{i}/\n" for i in range(2000)) + "skipped.yaml\n")
    write("skipped.yaml", BAD)
    started = time.monotonic()
    result = cli("check", "--no-cache", "--format", "json")
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    found = {(f["path"], f["code"]) for f in result.json()["findings"]}
    assert (".gitignore", "FILE-02") in found
    assert ("skipped.yaml", "DOC-01") in found  # what it would exclude is checked


def test_a_gitignore_pattern_of_thousands_of_characters_is_not_used(cli, write) -> None:
    write(".gitignore", "*" * 5000 + "\n")
    write("x.yaml", BAD)
    result = cli("check", "--no-cache", "--format", "json")
    assert result.exit_code == 2
    first = result.json()["findings"][0]
    assert (first["path"], first["code"], first["line"]) == (
        ".gitignore",
        "FILE-02",
        1,
    )


def test_directories_nested_hundreds_deep_are_walked(cli, tmp_path: Path) -> None:
    place = tmp_path
    for _ in range(300):  # deeper would break pytest's own clean-up (shutil.rmtree recurses)
        place = place / "d"
        place.mkdir()
    (place / "x.yaml").write_text(BAD)
    result = cli("check", "--no-cache", "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert result.json()["findings"][0]["path"] == "d/" * 300 + "x.yaml"


@pytest.mark.parametrize("name", [".hidden.yaml", "x.YAML", "drafts/x.yaml", ".dir/x.yml"])
def test_a_file_named_on_the_command_line_is_checked_where_the_walk_skips_it(
    cli, write, name
) -> None:
    """Never "no findings" for a file that was not read: a hidden file, an upper-case suffix
    or an excluded path named on the command line is checked."""
    write("resilint.yaml", "exclude: [drafts/]\n")
    write("ok.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\ntier: 3\n")
    write(name, BAD)
    result = cli("check", "--no-cache", "--format", "json", name)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert [(f["path"], f["code"]) for f in result.json()["findings"]] == [(name, "DOC-01")]
