"""Hostile configuration and rule files, through the CLI: each is status 2 with the file, line and
column and words a person can act on, never an internal error (status 4) or a silent pass."""

from __future__ import annotations

import pytest

DOC = "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\n"

PYPROJECT = [
    # (case, pyproject.toml, line, column, words)
    (
        "nests without end",
        "[tool.resilint]\nx = " + "[" * 5000 + "]" * 5000 + "\n",
        1,
        1,
        "nests too deeply",
    ),
    (
        "a date-time",
        "[tool.resilint]\nas_of = 1979-05-27T07:32:00-08:00\n",
        2,
        1,
        "is not a 'date'",
    ),
    ("a time", "[tool.resilint]\nas_of = 07:32:00\n", 2, 1, "is not a 'date'"),
    ("not TOML", "[tool.resilint\nx = = 1\n", 1, 15, "Expected ']'"),
    ("inf", "[tool.resilint.limits]\nmax_total_nodes = inf\n", 1, 1, "not of type 'integer'"),
    (
        "4,000 digits",
        "[tool.resilint.limits]\nmax_depth = 1" + "0" * 4000 + "\n",
        1,
        1,
        "characters)",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "column", "words"), PYPROJECT, ids=[c[0] for c in PYPROJECT]
)
def test_a_hostile_pyproject_is_status_2_at_its_line(cli, write, case, text, line, column, words):
    write("pyproject.toml", text)
    write("s.yaml", DOC)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"pyproject.toml:{line}:{column}: " in result.stderr
    assert words in result.stderr
    assert len(result.stderr) < 1000  # a long value is not repeated in full


@pytest.mark.parametrize(
    ("case", "text"),
    [("empty", ""), ("a comment only", "# nothing\n"), ("null", "~\n")],
)
def test_an_empty_rule_file_is_status_2_at_line_1(cli, write, case, text):
    write("rules/a.yaml", text)
    result = cli("test", "rules")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert "rules/a.yaml:1:1: " in result.stderr
