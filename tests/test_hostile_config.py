"""Hostile configuration and rule files, through the CLI: each is status 2 with the file, line and
column and words a person can act on, never an internal error (status 4) or a silent pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resilint.app import build_rules, build_schemas
from resilint.config import Config

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
        9,
        "must be a date written YYYY-MM-DD",
    ),
    ("a time", "[tool.resilint]\nas_of = 07:32:00\n", 2, 9, "must be a date written YYYY-MM-DD"),
    ("not TOML", "[tool.resilint\nx = = 1\n", 1, 15, "Expected ']'"),
    ("inf", "[tool.resilint.limits]\nmax_total_nodes = inf\n", 2, 19, "must be a whole number"),
    (
        "4,000 digits",
        "[tool.resilint.limits]\nmax_depth = 1" + "0" * 4000 + "\n",
        2,
        13,
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


NAMED = [
    # (case, resilint.yaml, line, column, words)
    ("select", "select: [CTR-03, CTR-99]\n", 1, 18, "select.1: no rule or check named 'CTR-99'"),
    ("ignore", "ignore:\n  - CTR-98\n", 2, 5, "ignore.0: no rule or check named 'CTR-98'"),
    (
        "a rule's settings",
        "rules:\n  CTR-99: {level: error}\n",
        2,
        3,
        "rules.CTR-99: no rule or check named 'CTR-99' (did you mean",
    ),
    (
        "forbid_inline",
        "suppressions:\n  forbid_inline: [CTR-88]\n",
        2,
        19,
        "no rule or check named 'CTR-88'",
    ),
    (
        "per_file_ignores",
        'per_file_ignores:\n  "drafts/**": [CTR-77]\n',
        2,
        17,
        "per_file_ignores.drafts/**.0: no rule or check named 'CTR-77'",
    ),
    (
        "a parameter the rule does not have",
        "rules:\n  CTR-03:\n    params: {max_window_hour: {'1': 12}}\n",
        3,
        14,
        "CTR-03 has no parameter max_window_hour (did you mean 'max_window_hours'?)",
    ),
    (
        "true for a number",
        "rules:\n  CTR-03:\n    params:\n      max_window_hours: {'1': true}\n",
        4,
        31,
        "max_window_hours.1: CTR-03 parameter max_window_hours: must be a number, "
        "got true or false",
    ),
    (
        "text for a mapping",
        "rules:\n  CTR-03:\n    params:\n      max_window_hours: soon\n",
        4,
        25,
        "must be a mapping, got text",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "column", "words"), NAMED, ids=[c[0] for c in NAMED]
)
def test_a_configuration_naming_what_does_not_exist_is_status_2_at_its_line(
    cli, write, case, text, line, column, words
):
    """A misspelt code in select would select nothing and pass silently; a parameter of the
    wrong type would be read as "the yes hours"."""
    write("resilint.yaml", text)
    write("s.yaml", DOC)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"resilint.yaml:{line}:{column}: invalid configuration: " in result.stderr, result.stderr
    assert words in result.stderr


def test_a_configuration_of_real_rules_and_parameters_is_taken(cli, write) -> None:
    write(
        "resilint.yaml",
        "select: [CTR-03]\nignore: [SUP-01]\nrules:\n  CTR-03:\n"
        "    params: {max_window_hours: {'1': 12, '2': 36.5, '3': 72}}\n"
        "  IGN-01: {level: warning}\n"
        "suppressions: {forbid_inline: [CTR-08]}\n"
        "per_file_ignores: {'drafts/**': [CTR-08]}\n",
    )
    write("s.yaml", DOC)
    result = cli("check", "--no-cache")
    assert result.exit_code in (0, 1), result.stderr


def test_every_rules_own_defaults_are_a_valid_configuration(cli, write) -> None:
    """A configuration that writes each rule's defaults out is taken (EXR-02's participants
    mix texts and lists of alternatives), and so is one alternative more."""
    rules = build_rules(build_schemas(), Config(root=Path()))
    settings = {r.info.code: {"params": r.info.params} for r in rules if r.info.params}
    assert "EXR-02" in settings
    write("resilint.yaml", json.dumps({"rules": settings}))
    write("s.yaml", DOC)
    result = cli("check", "--no-cache")
    assert result.exit_code in (0, 1), result.stderr
    exr = settings["EXR-02"]["params"]["required_participants"]["tabletop"]
    exr["always"] = [*exr["always"], ["finance", "risk"]]
    write("resilint.yaml", json.dumps({"rules": settings}))
    assert cli("check", "--no-cache").exit_code in (0, 1)


ACCEPTED = (
    "resilint reads resilint.yaml, .resilint.yaml or a [tool.resilint] table in pyproject.toml"
)
NEAR_NAMES = {  # a configuration's name in another case or with another suffix, and its text
    "resilint.yml": "fail_on: warning\n",
    ".resilint.yml": "fail_on: warning\n",
    "Resilint.yaml": "fail_on: warning\n",
    ".RESILINT.YAML": "fail_on: warning\n",
    "resilint.toml": '[tool.resilint]\nfail_on = "warning"\n',
    ".resilint.toml": 'fail_on = "warning"\n',
}


@pytest.mark.parametrize("name", sorted(NEAR_NAMES))
def test_a_configuration_under_a_name_resilint_does_not_read_is_refused(cli, write, name) -> None:
    """Passed over, its settings never applied: the run used the built-in defaults and passed
    on what its ``fail_on: warning`` fails, and checked the file as a document besides."""
    write(name, NEAR_NAMES[name])
    write("s.yaml", DOC)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout
    assert f"{name}:1:1: {name} is not read as a configuration: {ACCEPTED}" in result.stderr
    meant = ".resilint.yaml" if name.startswith(".") else "resilint.yaml"
    assert not result.stdout
    if name.endswith(".toml"):
        assert f"move its settings to {meant}" in result.stderr
        return
    assert f"rename it {meant}, or name it with --config" in result.stderr
    named = cli("check", "--no-cache", "--config", name)  # the way to use it as it is named
    assert named.exit_code in (0, 1), named.stderr


@pytest.mark.parametrize(
    "table", ["tools.resilint", "tool.resilint_", "tool.Resilint", "tool.reslint", "resilint"]
)
def test_a_pyproject_table_close_to_tool_resilint_is_refused(cli, write, table) -> None:
    write("pyproject.toml", f'[project]\nname = "x"\n\n[{table}]\nfail_on = "warning"\n')
    write("s.yaml", DOC)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout
    assert f"pyproject.toml:4:1: [{table}] is not read as a configuration: " in result.stderr
    assert f"{ACCEPTED}, so its settings would not apply" in result.stderr


def test_files_named_so_that_hold_no_setting_are_someone_elses(cli, write) -> None:
    """The workflow ``resilint init`` writes is ``.github/workflows/resilint.yml``, which the
    hook is given whenever a commit changes it; other tools' pyproject tables are theirs."""
    write(".github/workflows/resilint.yml", "name: resilint\non: [pull_request]\njobs: {}\n")
    write("empty/resilint.yml", "# nothing yet\n")
    write("pyproject.toml", "[tool.ruff]\nline-length = 100\n[tool.pylint]\njobs = 2\n")
    write("s.yaml", DOC)
    assert cli("check", "--no-cache").exit_code in (0, 1)
    for where in (".github/workflows", "empty"):
        result = cli("check", "--no-cache", where)
        assert "is not read as a configuration" not in result.stderr, result.stderr
