"""The command line as ruff and eslint users expect it: --select, --extend-select and --ignore,
per_file_ignores, did-you-mean, help for every option, dates as YYYY-MM-DD, sorted rules with a
JSON listing, the profiles in effect, shell completion, and the README's promises."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, REPO

from resilint.cli import main
from resilint.core_checks import CORE_CHECKS

AS_OF = "2026-11-26"


def _commands() -> list[tuple[str, click.Command]]:
    found = []
    context = click.Context(main)
    for name in main.list_commands(context):  # some are registered only when asked for
        command = main.get_command(context, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in sorted(command.commands.items())]
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: str(v).split()[0])
def test_every_option_has_help(name: str, command: click.Command) -> None:
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"resilint {name} {param.opts[0]} has no help"


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: str(v).split()[0])
def test_dates_are_shown_as_yyyy_mm_dd(cli, name: str, command: click.Command) -> None:
    shown = cli(*name.split(), "--help").stdout
    assert "%Y" not in shown and "%m" not in shown, shown
    if "--as-of" in shown:
        assert "--as-of YYYY-MM-DD" in shown


def test_a_date_that_is_not_one_says_how_to_write_it(cli) -> None:
    result = cli("check", "--as-of", "26/11/2026")
    assert result.exit_code == 2
    assert "write YYYY-MM-DD" in result.stderr and "%Y" not in result.stderr


def _defects(cli, *args: str):
    return cli("check", "--no-cache", "--format", "json", *args, cwd=EXAMPLES / "defects")


def test_select_reports_only_that_rule_and_the_input_findings(cli) -> None:
    everything = set(_defects(cli).codes())
    selected = _defects(cli, "--select", "CTR-08")
    codes = set(selected.codes())
    rules = {code for code in codes if code not in CORE_CHECKS}
    assert rules == {"CTR-08"}, codes
    # loading, schema and reference findings are reported whatever is selected
    inputs = {code for code in everything if code in CORE_CHECKS and code[:3] in ("YML", "SCH")}
    assert inputs and inputs <= codes
    # the Entities' regimes no longer switch on their profiles
    assert not {code for code in codes if code.startswith(("DORA", "NIS", "NYD"))}


def test_extend_select_and_ignore_merge_over_the_file(cli) -> None:
    base = set(_defects(cli).codes())
    assert "CTR-08" in base
    ignored = set(_defects(cli, "--ignore", "ctr-08,INS-01").codes())
    assert ignored == base - {"CTR-08", "INS-01"}
    both = set(_defects(cli, "--select", "CTR-08", "--extend-select", "INS-01").codes())
    assert {c for c in both if c not in CORE_CHECKS} == {"CTR-08", "INS-01"}


def test_config_shows_the_command_line_selection_and_its_origin(cli) -> None:
    shown = cli("config", "--select", "CTR-08", "--ignore", "INS-01", cwd=EXAMPLES / "defects")
    assert shown.exit_code == 0, shown.stderr
    assert 'select: ["CTR-08"]  # command line (--select)' in shown.lines
    assert "profiles: []  # command line (--select)" in shown.lines
    assert 'ignore: ["INS-01"]  # command line (--ignore)' in shown.lines


def test_an_unknown_code_is_an_error_with_a_suggestion(cli) -> None:
    result = cli("check", "--select", "CTR8", cwd=EXAMPLES / "defects")
    assert result.exit_code == 2
    assert "no rule or check named 'CTR8' (did you mean 'CTR-08'?)" in result.stderr


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("CTR4", "CTR-04"), ("ctr-4", "CTR-04"), ("identity-owend", "identity-owned")],
)
def test_explain_suggests_the_rule_meant(cli, typed: str, meant: str) -> None:
    result = cli("explain", typed)
    assert result.exit_code == 2
    assert f"(did you mean '{meant}'?)" in result.stderr


@pytest.mark.parametrize("name", ["", " ", "CTR 8"])
def test_a_rule_name_that_names_nothing_is_quoted(cli, tmp_path: Path, name: str) -> None:
    """An empty or blank name is shown as such: '' rather than nothing after "named"."""
    shutil.copytree(EXAMPLES / "defects", tmp_path / "repo")
    shown = "'" + name + "'"
    explained = cli("explain", name)
    assert explained.exit_code == 2
    assert f"no rule or check named {shown}" in explained.stderr
    waived = cli(
        "waive", name, "--target", "forgepoint", "--reason", "r", "--until", "2027-01-10",
        "--owner", "o", "--approved-on", "2026-11-20", cwd=tmp_path / "repo",
    )  # fmt: skip
    assert waived.exit_code == 2
    assert f"no rule or check named {shown}" in waived.stderr


def test_per_file_ignores_suppress_where_suppressions_do(cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "defects" / "programme", repo / "programme")
    config = f"as_of: {AS_OF}\nper_file_ignores:\n  '**/contracts/forgepoint-*.yaml': [CTR-08]\n"
    (repo / "resilint.yaml").write_text(config)
    result = cli("check", "--no-cache", "--format", "json", "--select", "CTR-08", cwd=repo)
    findings = result.json()["findings"]
    assert findings and all(f["code"] == "CTR-08" for f in findings)
    (ignored,) = (f for f in findings if f["path"].endswith("forgepoint-mes.yaml"))
    assert ignored["suppression"] == {
        "kind": "per-file",
        "justification": "per_file_ignores: **/contracts/forgepoint-*.yaml",
        "source": "resilint.yaml:2",
    }
    others = [f for f in findings if f is not ignored]
    assert all(f["suppression"] is None for f in others)
    text = cli("check", "--no-cache", "--select", "CTR-08", cwd=repo).lines[-1]
    assert text.endswith(f"; {1} suppressed.")
    shown = cli("config", cwd=repo).lines
    pattern = '{"**/contracts/forgepoint-*.yaml": ["CTR-08"]}'
    assert f"per_file_ignores: {pattern}  # resilint.yaml:2" in shown


def test_a_per_file_ignore_does_not_apply_elsewhere_or_to_other_rules(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nselect: [SUP-01]\nper_file_ignores: {'x/**': [CTR-08]}\n")
    write("suppliers.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: a\n")
    result = cli("check", "--no-cache", "--format", "json")
    assert all(f["suppression"] is None for f in result.json()["findings"])


def test_rules_are_sorted_by_code_with_a_json_listing(cli) -> None:
    listed = [line.split()[0] for line in cli("rules").lines[1:]]
    assert listed == sorted(listed) and "SCH-01" in listed and "CTR-08" in listed
    entries = cli("rules", "--format", "json").json()
    assert [e["code"] for e in entries] == listed
    (ctr08,) = (e for e in entries if e["code"] == "CTR-08")
    assert ctr08["name"] and ctr08["level"] in ("error", "warning", "info")
    assert ctr08["profiles"] == ["baseline"] and ctr08["kind"] == "Contract"


def test_config_shows_the_profiles_entities_switch_on(cli) -> None:
    shown = cli("config", cwd=EXAMPLES / "lindenau")
    assert shown.exit_code == 0, shown.stderr
    (line,) = (line for line in shown.lines if line.startswith("profiles:"))
    profiles = json.loads(line.split("  #")[0].removeprefix("profiles: "))
    assert {"baseline", "nis2", "dora"} <= set(profiles)
    assert "nis2: regimes of Entity lindenau-mb (entities.yaml)" in line
    assert "dora: regimes of Entity lindenau-bank (entities.yaml)" in line


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_as_the_readme_documents_it(shell: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"_RESILINT_COMPLETE={shell}_source resilint" in readme
    script = CliRunner().invoke(
        main, [], prog_name="resilint", env={"_RESILINT_COMPLETE": f"{shell}_source"}
    )
    assert "_RESILINT_COMPLETE" in script.stdout


def test_completion_offers_rule_codes(monkeypatch) -> None:
    env = {
        "_RESILINT_COMPLETE": "bash_complete",
        "COMP_WORDS": "resilint explain CTR-0",
        "COMP_CWORD": "2",
    }
    result = CliRunner().invoke(main, [], prog_name="resilint", env=env)
    assert "plain,CTR-08" in result.stdout.splitlines()


def test_readme_quickstart_output_is_what_check_prints(cli) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    promised = re.search(r"The first prints `([^`]+)`", readme).group(1)  # type: ignore[union-attr]
    pattern = re.escape(promised).replace("…", r"\d+")
    printed = cli("check", "--no-cache", str(EXAMPLES / "northwind"), cwd=REPO).lines[-1]
    assert re.fullmatch(pattern, printed), (promised, printed)


def test_readme_usage_lists_the_options_of_check(cli) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Usage") : readme.index("### Exit codes")]
    for option in ("--select", "--extend-select", "--ignore", "--as-of YYYY-MM-DD", "--baseline"):
        assert option in usage
    for command in (
        "check",
        "pre-commit",
        "baseline",
        "init",
        "test",
        "rules",
        "explain",
        "config",
    ):
        assert f"resilint {command}" in usage


def test_readme_profiles_line_is_what_config_prints(cli) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    promised = readme.split("$ resilint config | grep '^profiles'\n", 1)[1].split("\n", 1)[0]
    shown = cli("config", cwd=EXAMPLES / "lindenau").lines
    assert promised in shown
