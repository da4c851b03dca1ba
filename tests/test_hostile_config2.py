"""Which configuration governs a check, and which rule files it loads, through the CLI on real
files: a configuration planted above the git work tree is never adopted, the outcome never
depends on where the command runs, and a rule file is never passed over in silence."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import copy_example

BAD = "apiVersion: resilint/v1\nkind: Supplier\nid: zzbad\nname: Bad\ntier: 9\n"
"""SCH-01 at line 5: tier 9."""
ACME = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"

RULE = """\
rules:
  - code: ACME-01
    name: every-supplier-tier-1
    level: error
    profiles: [baseline]
    title: Every supplier is tier 1
    rationale: A test rule.
    remediation: Make it tier 1.
    references: ["Internal policy TPRM-3"]
    select: Supplier
    require:
      - that: {field: supplier.tier, equals: 1}
        message: "supplier {supplier.id} is not tier 1"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        tier: 1
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        tier: 3
      expect:
        - {id: acme, line: 4}
"""


def git_init(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "."], cwd=directory, check=True, capture_output=True)


# --- a configuration above the git work tree (#5) ------------------------------------------


@pytest.fixture
def planted(write, tmp_path: Path) -> Path:
    """A git work tree `repo` with a bad supplier and no configuration, in a directory where
    someone put a resilint.yaml that lets everything pass, beside another checkout."""
    git_init(tmp_path / "repo")
    write("repo/zz.yaml", BAD)
    write("repo/sub/acme.yaml", ACME)
    write("resilint.yaml", "fail_on: never\n")
    write("sibling/creds.yaml", ACME.replace("acme", "secret"))
    return tmp_path / "repo"


@pytest.mark.parametrize(("where", "args"), [(".", []), ("sub", [".."]), (".", ["sub", "."])])
def test_a_configuration_above_the_git_work_tree_is_not_used(cli, planted, tmp_path, where, args):
    result = cli("check", "--format", "json", *args, cwd=planted / where)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "SCH-01" in result.codes()
    assert result.json()["summary"]["files"] == 2  # the work tree's, none of the sibling's
    assert result.stderr.count("note:") == 1
    assert f"{tmp_path / 'resilint.yaml'} lies above the git work tree and is not used" in (
        result.stderr
    )
    assert "--config" in result.stderr
    assert not (tmp_path / ".resilint_cache").exists()  # nothing written outside the work tree


def test_a_configuration_above_the_work_tree_is_not_used_for_a_path_either(cli, planted, tmp_path):
    result = cli("check", "repo/zz.yaml", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "lies above the git work tree and is not used" in result.stderr


def test_config_names_one_above_the_work_tree_on_purpose(cli, planted):
    result = cli("check", "--config", "../resilint.yaml", "--no-cache", cwd=planted)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "note:" not in result.stderr


def test_a_configuration_inside_the_work_tree_is_found_from_below(cli, planted, write):
    write("repo/resilint.yaml", "fail_on: error\nexclude: [zz.yaml]\n")
    result = cli("check", "--no-cache", cwd=planted / "sub")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Checked 1 file" in result.stdout
    assert "note:" not in result.stderr  # the work tree has its own: nothing was passed over


def test_outside_a_git_work_tree_the_search_climbs_to_the_root(cli, write, tmp_path):
    """Documented: without git there is no repository boundary to stop at."""
    write("resilint.yaml", "fail_on: never\n")
    write("plain/zz.yaml", BAD)
    result = cli("check", "--no-cache", cwd=tmp_path / "plain")
    assert result.exit_code == 0, result.stdout + result.stderr


# --- the configuration of the checked paths, wherever the command runs (#7) ---------------


@pytest.fixture
def monorepo(write, tmp_path: Path) -> Path:
    """A sandbox configuration at the top, the programme's own below it."""
    git_init(tmp_path / "mono")
    write("mono/resilint.yaml", "fail_on: never\n")
    write("mono/programme/resilint.yaml", "fail_on: error\n")
    write("mono/programme/zz.yaml", BAD)
    write("mono/sandbox/zz.yaml", BAD)
    return tmp_path / "mono"


@pytest.mark.parametrize(
    ("cwd", "args"),
    [
        ("mono", ["programme"]),
        ("mono", ["programme/zz.yaml"]),
        ("mono/programme", []),
        ("mono/programme", ["."]),
        ("mono/programme", ["zz.yaml"]),
        ("mono/sandbox", ["../programme"]),
        (".", ["mono/programme"]),
    ],
)
def test_the_configuration_is_that_of_the_checked_paths(cli, monorepo, tmp_path, cwd, args):
    result = cli("check", "--no-cache", *args, cwd=tmp_path / cwd)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "SCH-01" in result.stdout


@pytest.mark.parametrize(
    ("cwd", "args"), [("mono/programme", ["../sandbox"]), ("mono", ["sandbox"])]
)
def test_the_sandbox_passes_under_its_own_configuration(cli, monorepo, tmp_path, cwd, args):
    result = cli("check", "--no-cache", *args, cwd=tmp_path / cwd)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_the_top_does_not_read_the_programme_under_its_own_configuration(cli, monorepo):
    """The top's fail_on: never passed the programme's error, which a check of programme (and
    the hook on a change to it) fails: refused, naming the programme's configuration."""
    result = cli("check", "--no-cache", cwd=monorepo)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "programme/resilint.yaml: a configuration of its own" in result.stderr


def test_paths_under_different_configurations_are_refused_naming_them(cli, monorepo):
    result = cli("check", "--no-cache", "programme", "sandbox/zz.yaml", cwd=monorepo)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "different configurations" in result.stderr
    assert "programme/resilint.yaml for programme" in result.stderr
    assert "resilint.yaml for sandbox/zz.yaml" in result.stderr
    assert "--config" in result.stderr
    named = cli(
        "check", "--no-cache", "--config", "resilint.yaml", "programme", "sandbox", cwd=monorepo
    )
    assert named.exit_code == 0, named.stdout + named.stderr


def test_paths_under_a_configuration_and_under_none_are_refused(cli, write, tmp_path):
    write("a/resilint.yaml", "fail_on: error\n")
    write("a/zz.yaml", BAD)
    write("b/zz.yaml", BAD)
    result = cli("check", "--no-cache", "a", "b")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "a/resilint.yaml for a; no configuration (built-in defaults) for b" in result.stderr


def test_another_repository_is_checked_under_its_own_configuration(cli, write, tmp_path):
    git_init(tmp_path / "repo_a")
    git_init(tmp_path / "repo_b")
    write("repo_a/resilint.yaml", "fail_on: never\n")
    write("repo_a/ok.yaml", ACME)
    write("repo_b/resilint.yaml", "fail_on: error\n")
    write("repo_b/zz.yaml", BAD)
    result = cli("check", "--no-cache", "../repo_b", cwd=tmp_path / "repo_a")
    assert result.exit_code == 1, result.stdout + result.stderr


# --- rule files in rule_dirs (#4) ---------------------------------------------------------


@pytest.mark.parametrize(
    "place",
    ["r.yaml", "r.YAML", "r.Yml", "contracts/r.yaml", "a/b/r.yml", "contracts/R.YaMl"],
)
def test_every_rule_file_in_a_rule_directory_loads(cli, write, place):
    write("resilint.yaml", "fail_on: error\nrule_dirs: [policies/]\n")
    write("a.yaml", ACME)
    write(f"policies/{place}", RULE)
    result = cli("check", "--no-cache", "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.codes() == ["ACME-01"]
    tested = cli("test")
    assert tested.exit_code == 0, tested.stdout + tested.stderr
    assert "2 passed" in tested.stdout


def test_rule_files_in_subdirectories_load_together(cli, write):
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("a.yaml", ACME)
    write("policies/one/r.yaml", RULE)
    write("policies/two/r.YML", RULE.replace("ACME-01", "ACME-02").replace("tier-1", "tier-one"))
    result = cli("check", "--no-cache", "--format", "json")
    assert sorted(result.codes()) == ["ACME-01", "ACME-02"], result.stderr


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ({"policies/README.md": "rules live here\n"}, "'policies/' holds no rule file"),
        ({"policies/.hidden/r.yaml": RULE}, "'policies/' holds no rule file"),
        ({}, "'policies/' does not exist"),
        ({"policies": "a file\n"}, "'policies/' is not a directory"),
    ],
    ids=["no rule file", "only hidden ones", "missing", "a file"],
)
def test_a_rule_directory_that_loads_nothing_is_an_error_at_its_line(cli, write, setup, words):
    write("resilint.yaml", "fail_on: error\nrule_dirs:\n  - policies/\n")
    write("a.yaml", ACME)
    for name, text in setup.items():
        write(name, text)
    for command in (["check", "--no-cache"], ["config"], ["test"]):
        result = cli(*command)
        assert result.exit_code == 2, (command, result.stdout + result.stderr)
        assert "resilint.yaml:3:5: invalid configuration: rule_dirs.0: " in result.stderr
        assert words in result.stderr
        assert "internal error" not in result.stderr


def test_a_rule_file_link_out_of_the_rule_directory_is_refused(cli, write, tmp_path):
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("a.yaml", ACME)
    write("policies/r.yaml", RULE)
    outside = write("elsewhere/secret.yaml", "token: hunter2\n")
    (tmp_path / "policies" / "s.yaml").symlink_to(outside)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/s.yaml:1:1: FILE-03" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    # the boundary is the rule directory, not the repository: the link leads inside the latter
    assert "outside this rule directory" in result.stderr
    assert "outside the repository" not in result.stderr


@pytest.mark.parametrize("target", ["/", "../elsewhere", "missing.yaml"])
def test_a_link_to_a_directory_or_to_nothing_in_a_rule_directory_is_refused(
    cli, write, tmp_path, target
):
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("a.yaml", ACME)
    write("policies/r.yaml", RULE)
    write("elsewhere/r.yaml", RULE)
    (tmp_path / "policies" / "more.yaml").symlink_to(target)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/more.yaml:1:1: FILE-0" in result.stderr


def test_a_fifo_in_a_rule_directory_is_refused_without_waiting(cli, write, tmp_path):
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("a.yaml", ACME)
    write("policies/r.yaml", RULE)
    (tmp_path / "policies" / "sub").mkdir()
    os.mkfifo(tmp_path / "policies" / "sub" / "f.yaml")
    started = time.monotonic()
    result = cli("check", "--no-cache")
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/sub/f.yaml:1:1: FILE-04" in result.stderr


# --- configuration files of the wrong kind or number -----------------------------------------


@pytest.mark.parametrize(
    ("other", "text"),
    [
        (".resilint.yaml", "fail_on: error\n"),
        ("pyproject.toml", '[tool.resilint]\nfail_on = "error"\n'),
    ],
)
def test_two_configurations_in_one_directory_are_refused_naming_both(
    cli, write, tmp_path, other, text
):
    write("resilint.yaml", "fail_on: never\n")
    write(other, text)
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "two configuration files in one directory" in result.stderr
    assert f"{tmp_path / 'resilint.yaml'} and {tmp_path / other}" in result.stderr


def test_a_pyproject_without_the_table_beside_a_resilint_yaml_is_no_second_one(cli, write):
    write("resilint.yaml", "fail_on: error\n")
    write("pyproject.toml", '[project]\nname = "x"\n')
    write("zz.yaml", BAD)
    assert cli("check", "--no-cache").exit_code == 1


def test_a_toml_file_named_with_config_is_read_as_toml(cli, write):
    write("other.toml", '# shared settings\n[tool.resilint]\nfail_on = "never"\n')
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache", "--config", "other.toml")
    assert result.exit_code == 0, result.stdout + result.stderr
    shown = cli("config", "--config", "other.toml")
    assert 'fail_on: "never"  # other.toml:3' in shown.stdout


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("other.toml", 'fail_on = "never"\n'),
        ("pyproject.toml", '[project]\nname = "x"\n'),
        ("pyproject.toml", "[tool]\nresilint = 1\n"),
        ("empty.toml", ""),
    ],
)
def test_a_toml_file_without_the_table_is_an_error_not_the_defaults(cli, write, name, text):
    write(name, text)
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache", "--config", name)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"{name}:1:1: cannot read the configuration: this file has no" in result.stderr
    assert "[tool.resilint]" in result.stderr


def test_a_configuration_of_another_format_says_how_it_is_read(cli, write):
    write("settings.ini", "[resilint]\nfail_on = never\n")
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache", "--config", "settings.ini")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "settings.ini:" in result.stderr
    assert "read as YAML, or as TOML when its name ends in .toml" in result.stderr


@pytest.mark.parametrize("value", ["1e100", "10.0", "1.5e3", "2.0e+7"])
@pytest.mark.parametrize("form", ["yaml", "toml"])
def test_a_limit_is_a_whole_number(cli, write, value, form):
    if form == "yaml":
        write("resilint.yaml", f"fail_on: error\nlimits:\n  max_file_bytes: {value}\n")
        at = "resilint.yaml:3:19: "
    else:
        write("pyproject.toml", f"[tool.resilint.limits]\nmax_file_bytes = {value}\n")
        at = "pyproject.toml:"
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert at in result.stderr
    assert "limits.max_file_bytes" in result.stderr
    assert "internal error" not in result.stderr


def test_a_restore_test_age_of_0_is_kept_and_a_negative_one_refused(cli, tmp_path) -> None:
    """``restore_test_max_age_days: 0`` means a test of any earlier day is too old: it was
    taken for unset and silently became 365 (BCM-06 then passed every yearly test). A negative
    number of days means nothing and is refused at its line, as a wrong type is."""
    repo = copy_example("northwind", tmp_path)
    config = repo / "resilint.yaml"
    base = config.read_text()
    args = ("check", ".", "--select", "BCM-06,BCM-09", "--format", "json")
    assert cli(*args, cwd=repo).json()["findings"] == []
    config.write_text(base + "rules:\n  BCM-06:\n    params:\n      restore_test_max_age_days: 0\n")
    stale = cli(*args, cwd=repo).json()["findings"]
    assert stale and {f["code"] for f in stale} == {"BCM-06"}
    config.write_text(base + "rules:\n  BCM-06: {params: {restore_test_max_age_days: -5}}\n")
    refused = cli(*args, cwd=repo)
    assert refused.exit_code == 2
    assert "restore_test_max_age_days: must not be negative, got -5" in refused.stderr
    assert "resilint.yaml:" in refused.stderr
