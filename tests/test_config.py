"""Configuration discovery, validation and merging; user rule directories; rule failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilint.rules.builtin import PYTHON_CHECKS

TIER1 = (
    "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\nname: Acme\n"
    "provides_ict_services: true\n"
)


def test_configuration_is_found_upward_and_its_directory_is_the_root(cli, write, tmp_path):
    write("resilint.yaml", "profiles: []\nselect: [SCH]\nexclude: [drafts/]\n")
    write("suppliers/acme.yaml", TIER1)
    write("drafts/bad.yaml", "apiVersion: resilint/v1\nkind: Nope\nid: x\n")
    result = cli("check", "--format", "json", cwd=tmp_path / "suppliers")
    assert result.exit_code == 0, result.stdout
    assert result.json()["summary"]["files"] == 1


def test_typo_in_configuration_names_file_and_line(cli, write):
    write("resilint.yaml", "profiles: []\nfial_on: warning\n")
    write("a.yaml", TIER1)
    result = cli("check")
    assert result.exit_code == 2
    assert (
        "resilint.yaml:2:1: invalid configuration: unknown setting 'fial_on' (did you "
        "mean 'fail_on'?)" in result.stderr
    )


def test_pyproject_tool_table_is_read(cli, write):
    write(
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.resilint]\nprofiles = []\nfail_on = "bogus"\n',
    )
    write("a.yaml", TIER1)
    result = cli("check")
    assert (
        result.exit_code == 2
        and "pyproject.toml:6:11: invalid configuration: fail_on" in result.stderr
    )


def test_a_toml_date_is_a_date(cli, write):
    """TOML writes a date unquoted (as_of = 2026-11-26): the configuration takes it as the
    YAML file's as_of: "2026-11-26" (it was an internal error, status 4, in every command)."""
    write("pyproject.toml", '[tool.resilint]\nselect = ["SCH"]\nas_of = 2026-11-26\n')
    write("a.yaml", TIER1)
    result = cli("check", "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.stderr
    shown = cli("config").stdout
    assert 'as_of: "2026-11-26"  # pyproject.toml:3' in shown


def test_command_line_overrides_the_file(cli, write):
    write("resilint.yaml", "profiles: []\nselect: [SCH]\nfail_on: never\n")
    write("a.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: first\n")
    assert cli("check").exit_code == 0
    assert cli("check", "--fail-on", "error").exit_code == 1
    shown = cli("config", "--fail-on", "error").stdout
    assert 'fail_on: "error"  # command line (--fail-on)' in shown
    assert "profiles: []  # resilint.yaml:1" in shown
    assert "exclude: []  # default" in shown


def test_config_shows_a_level_as_written_and_runs_no_workflow_command(cli, write):
    """`resilint config` showed a rule's level as a number (2 for warning), and printed `##[`
    from the file, which GitHub's runner reads as a command anywhere in a line of a CI log:
    values are JSON, where `##\\u005b` reads back as `##[`."""
    write("resilint.yaml", 'exclude: ["##[error]y"]\nrules:\n  SUP-04: {level: warning}\n')
    write("a.yaml", TIER1)
    shown = cli("config").stdout
    assert 'rules: {"SUP-04": {"level": "warning"}}  # resilint.yaml:2' in shown
    assert "##[" not in shown
    assert 'exclude: ["##\\u005berror]y"]  # resilint.yaml:1' in shown


def test_rule_level_and_params_from_configuration(cli, write):
    write(
        "resilint.yaml",
        json.dumps({"profiles": [], "select": ["CTR-08"], "rules": {"CTR-08": {"level": "info"}}}),
    )
    write("a.yaml", TIER1 + "---\napiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: acme\n")
    result = cli("check", "--format", "json")
    assert {f["level"] for f in result.json()["findings"]} == {"info"}  # CTR-08 is a warning
    assert result.exit_code == 0  # infos do not fail by default


USER_RULE = """\
rules:
  - code: ACME-01
    name: supplier-has-owner
    level: error
    profiles: [acme]
    title: Every supplier names its internal owner
    rationale: Someone must answer for each supplier.
    references: ["Acme third-party policy 4.2"]
    remediation: Add owner to the supplier.
    select: Supplier
    require:
      - that: {field: supplier.owner, exists: true}
        message: "supplier {supplier.id} has no owner"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\nowner: x\\n"
      fail: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\n"
      expect: [{id: a, line: 3}]
"""


def test_user_rule_directory_through_the_cli(cli, write):
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write("policies/owner.yaml", USER_RULE)
    write("a.yaml", TIER1)
    result = cli("check")
    assert result.exit_code == 1
    assert "a.yaml:3:5: ACME-01 error supplier acme has no owner" in result.stdout
    assert "ACME-01" in cli("rules").stdout
    assert "Acme third-party policy 4.2" in cli("explain", "ACME-01").stdout


@pytest.mark.parametrize(
    ("mistake", "line", "words"),
    [
        (
            "{field: supplier.ownr, exists: true}",
            12,
            "unknown field 'ownr' under Supplier (did you mean 'owner'?)",
        ),
        ("{field: supplier.owner, exsts: true}", 12, "unknown operator 'exsts'"),
        ("{field: vendor.owner, exists: true}", 12, "'vendor' is not bound"),
        ("{field: supplier.owner, exists: true, equals: x}", 12, "one operator per condition"),
    ],
)
def test_malformed_rule_file_fails_with_its_line(cli, write, mistake, line, words):
    write("resilint.yaml", "profiles: []\nrule_dirs: [policies]\n")
    write(
        "policies/owner.yaml", USER_RULE.replace("{field: supplier.owner, exists: true}", mistake)
    )
    write("a.yaml", TIER1)
    result = cli("check")
    assert result.exit_code == 2
    assert f"policies/owner.yaml:{line}:" in result.stderr and words in result.stderr


def test_unknown_kind_and_missing_documentation_fail_at_load(cli, write):
    write("resilint.yaml", "profiles: []\nrule_dirs: [policies]\n")
    write("policies/owner.yaml", USER_RULE.replace("select: Supplier", "select: Vendor"))
    write("a.yaml", TIER1)
    assert "unknown kind 'Vendor'" in cli("check").stderr
    write(
        "policies/owner.yaml",
        USER_RULE.replace("    rationale: Someone must answer for each supplier.\n", ""),
    )
    result = cli("check")
    assert result.exit_code == 2 and "'rationale' is a required property" in result.stderr


def test_rule_code_defined_twice_is_an_error(cli, write):
    write("resilint.yaml", "profiles: []\nrule_dirs: [policies]\n")
    write("policies/a.yaml", USER_RULE)
    write("policies/b.yaml", USER_RULE)
    write("a.yaml", TIER1)
    result = cli("check")
    assert result.exit_code == 2 and "ACME-01 is already defined" in result.stderr


def test_rule_that_raises_gets_its_own_exit_status(cli, write, monkeypatch):
    def boom(context, info) -> Iterator[object]:
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover

    monkeypatch.setitem(PYTHON_CHECKS, "boom", boom)
    rule = USER_RULE.replace(
        "    select: Supplier\n    require:\n      - that: {field: "
        'supplier.owner, exists: true}\n        message: "supplier '
        '{supplier.id} has no owner"\n',
        "    check: boom\n",
    )
    write("resilint.yaml", "profiles: []\nselect: [ACME-01, CTR-08]\nrule_dirs: [policies]\n")
    write("policies/boom.yaml", rule)
    write("a.yaml", TIER1 + "---\napiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: acme\n")
    result = cli("check", "--format", "json")
    assert result.exit_code == 3
    codes = [f["code"] for f in result.json()["findings"]]
    assert "ACME-01" in codes and "CTR-08" in codes  # the other rules still ran
    crash = next(f for f in result.json()["findings"] if f["code"] == "ACME-01")
    assert "ZeroDivisionError" in crash["message"] and crash["path"].endswith("boom.yaml")


def test_profiles_named_by_entities_are_switched_on(cli, write):
    write("resilint.yaml", "profiles: []\n")
    write("a.yaml", "apiVersion: resilint/v1\nkind: Entity\nid: nw\nname: NW\nregimes: [dora]\n")
    from resilint.domain.regimes import REGIMES

    assert "dora" in REGIMES
    assert cli("check").exit_code in (0, 1)


def test_schema_command(cli, tmp_path: Path):
    listing = cli("schema").stdout
    assert "Supplier" in listing and "Contract" in listing
    one = json.loads(cli("schema", "contract").stdout)
    assert one["properties"]["kind"]["const"] == "Contract"
    assert cli("schema", "vendor").exit_code == 2
    assert cli("schema", "--export", "out").exit_code == 0
    exported = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"supplier.json", "contract.json", "resilint.json", "catalog.json"} <= exported
    assert "common.json" not in exported  # bundled into each schema: nothing to fetch


def test_checking_one_file_of_a_repository_uses_the_rest_as_context(cli, write, tmp_path):
    write("resilint.yaml", "profiles: []\nselect: [CTR-08]\n")
    write("suppliers/acme.yaml", TIER1)
    write("suppliers/other.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: o\ntier: x\n")
    write("contracts/acme.yaml", "apiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: acme\n")
    result = cli("check", "contracts/acme.yaml", "--format", "json")
    found = [(f["code"], f["path"]) for f in result.json()["findings"]]
    # no false "unknown supplier", and nothing from files that were not asked for
    assert found == [("CTR-08", "contracts/acme.yaml")]  # one: the remedies section is missing
    outside = cli("check", "suppliers", "--format", "json").json()["findings"]
    assert {f["path"] for f in outside} == {"suppliers/other.yaml"}


NO_RULE = "no rule would run"


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ("profiles: []\n", "resilint.yaml:1:1: invalid configuration: profiles: "),
        ("fail_on: warning\nprofiles: []\n", "resilint.yaml:2:1: invalid configuration: "),
        ("ignore: [SUP, CTR]\nprofiles: []\n", "resilint.yaml:2:1: invalid configuration: "),
    ],
    ids=["profiles: []", "on line 2", "ignored too"],
)
def test_a_configuration_under_which_no_rule_runs_is_refused(cli, write, config, where) -> None:
    """Every rule switched off, the run checked schemas and references alone and passed
    whatever gaps the programme had ("no findings", status 0)."""
    write("resilint.yaml", config)
    write("a.yaml", TIER1)
    for command in (("check", "--no-cache"), ("pre-commit", "a.yaml"), ("baseline",)):
        result = cli(*command)
        assert result.exit_code == 2, (command, result.stdout)
        assert where in result.stderr and NO_RULE in result.stderr, result.stderr
        assert "select: [SCH]" in result.stderr  # how to ask for the built-in checks alone


@pytest.mark.parametrize(
    ("config", "args"),
    [
        ("profiles: []\nselect: [SCH]\n", ()),
        ("profiles: []\n", ("--select", "SCH-01")),
        ("profiles: []\n", ("--extend-select", "CTR-08")),
    ],
)
def test_a_run_that_names_what_runs_is_taken(cli, write, config, args) -> None:
    write("resilint.yaml", config)
    write("a.yaml", TIER1)
    result = cli("check", "--no-cache", *args)
    assert result.exit_code in (0, 1), result.stderr
    assert NO_RULE not in result.stderr


def test_a_command_line_that_leaves_no_rule_is_refused(cli, write) -> None:
    write("a.yaml", TIER1)
    result = cli("check", "--no-cache", "--select", "CTR-08", "--ignore", "CTR-08")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"resilint: {NO_RULE} (profiles: []; select: [CTR-08]; ")


@pytest.mark.parametrize(
    ("profiles", "noted"),
    [("[nis2]", True), ("[dora, nis2]", True), ("[baseline, nis2]", False), ("", False)],
)
def test_profiles_that_leave_out_baseline_are_noted(cli, write, profiles, noted) -> None:
    """``profiles`` names every profile to run: ``[nis2]``, written to add NIS2's rules, runs
    them alone, and with no entity bound by NIS2's implementing rules, finds nothing."""
    write("resilint.yaml", f"profiles: {profiles}\n" if profiles else "fail_on: error\n")
    write("a.yaml", TIER1)
    result = cli("check", "--no-cache")
    said = f"resilint: note: profiles: {profiles} (resilint.yaml:1) leaves out baseline: "
    assert (said in result.stderr) == noted, result.stderr
    if noted:
        assert f"write profiles: [baseline, {profiles[1:-1]}]" in result.stderr


def test_rules_named_beside_no_profile_are_not_noted(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nselect: [CTR-08]\n")
    write("a.yaml", TIER1)
    result = cli("check", "--no-cache")
    assert result.exit_code in (0, 1) and "leaves out baseline" not in result.stderr
