"""Groups of rule codes (``REG``) wherever codes are given, as ruff's prefixes: the most specific
selector decides, the command line has the last word, a group that names nothing is an error
with a suggestion, and no group makes a check that is never ignored ignorable."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_example

from resilint.core_checks import CORE_CHECKS

REGISTER = {f"REG-{n:02}" for n in range(1, 12)}  # what the defects example plants


def _defects(tmp_path: Path, config: str = "") -> Path:
    repo = copy_example("defects", tmp_path)
    (repo / "resilint.yaml").write_text(f"as_of: 2026-11-26\n{config}", encoding="utf-8")
    return repo


def _rules(cli, repo: Path, *args: str) -> set[str]:
    result = cli("check", "--no-cache", "--format", "json", *args, cwd=repo)
    assert result.exit_code in (0, 1, 2) and result.stdout, result.stderr  # 2: planted YAML
    return {code for code in result.codes() if code not in CORE_CHECKS}


def test_a_group_ignores_every_rule_of_it_as_the_list_of_codes_does(cli, tmp_path: Path) -> None:
    everything = _rules(cli, _defects(tmp_path / "all"))
    assert everything >= REGISTER  # on with dora, which an Entity's regimes switch on
    listed = ", ".join(f"REG-{n:02}" for n in range(1, 13))
    one_by_one = _rules(cli, _defects(tmp_path / "listed", f"ignore: [{listed}]\n"))
    grouped = _rules(cli, _defects(tmp_path / "group", "ignore: [REG]\n"))
    assert grouped == one_by_one == everything - REGISTER
    named = _rules(cli, _defects(tmp_path / "named", "profiles: [baseline, dora]\nignore: [REG]\n"))
    assert not any(code.startswith("REG-") for code in named)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("ignore: [REG]\nselect: [REG-11]\n", {"REG-11"}),  # the code before its group
        ("ignore: [REG-11]\nselect: [REG]\n", REGISTER - {"REG-11"}),
        ("ignore: [REG-11]\nselect: [REG-11]\n", REGISTER - {"REG-11"}),  # equally: ignored
        ("profiles: []\nselect: [REG]\n", REGISTER),
    ],
)
def test_the_most_specific_selector_decides(
    cli, tmp_path: Path, config: str, expected: set[str]
) -> None:
    found = _rules(cli, _defects(tmp_path, config))
    assert {code for code in found if code.startswith("REG-")} == expected


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        ("", ("--ignore", "reg"), set()),
        ("", ("--select", "REG", "--ignore", "REG-11"), REGISTER - {"REG-11"}),
        ("ignore: [REG]\n", ("--extend-select", "REG-11"), {"REG-11"}),
        ("ignore: [REG-11]\n", ("--extend-select", "REG"), REGISTER),  # the last word
        ("select: [REG-11]\n", ("--ignore", "REG"), set()),
    ],
)
def test_the_command_line_takes_groups_and_has_the_last_word(
    cli, tmp_path: Path, config: str, args: tuple[str, ...], expected: set[str]
) -> None:
    found = _rules(cli, _defects(tmp_path, config), *args)
    assert {code for code in found if code.startswith("REG-")} == expected
    if args[0] == "--select":
        assert found == expected  # the group alone, besides the built-in checks


def test_config_shows_the_groups_and_where_they_came_from(cli, tmp_path: Path) -> None:
    repo = _defects(tmp_path, "ignore: [REG]\n")
    shown = cli("config", "--ignore", "CTR", "--extend-select", "REG-12", cwd=repo).lines
    assert 'ignore: ["REG", "CTR"]  # resilint.yaml:2 + command line (--ignore)' in shown
    assert 'select: ["REG-12"]  # command line (--extend-select)' in shown


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("ignore: [RGE]", "ignore.0: no rule or check named 'RGE' (did you mean 'REG'?)"),
        ("select: [REG-*]", "select.0: 'REG-*' is not a rule code or a group of codes"),
        ("ignore: [REG-1]", "write a whole code, such as REG-01, or the group REG"),
        ("per_file_ignores: {'x/**': [CTRS]}", "no rule or check named 'CTRS' (did you mean 'CTR"),
        ("suppressions: {forbid_inline: [INZ]}", "named 'INZ' (did you mean 'INS'?)"),
    ],
)
def test_a_group_that_names_nothing_is_an_error_at_its_line(
    cli, tmp_path: Path, entry: str, message: str
) -> None:
    repo = _defects(tmp_path, f"{entry}\n")
    result = cli("check", "--no-cache", cwd=repo)
    assert result.exit_code == 2
    assert "resilint.yaml:2:" in result.stderr and message in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("RGE", "no rule or check named 'RGE' (did you mean 'REG'?)"),
        ("REG-*", "write REG, which names every rule of the group"),
        ("REG-1", "write a whole code, such as REG-01, or the group REG"),
    ],
)
def test_a_group_on_the_command_line_that_names_nothing_is_an_error(
    cli, tmp_path: Path, selector: str, message: str
) -> None:
    result = cli("check", "--no-cache", "--ignore", selector, cwd=_defects(tmp_path))
    assert result.exit_code == 2 and message in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "per_file_ignores: {'x/**': [DOC]}",
            "DOC names DOC-01, DOC-03, DOC-05, DOC-06, whose findings cannot",
        ),
        ("per_file_ignores: {'x/**': [DOC]}", "name the others (DOC-02, DOC-04)"),
        ("per_file_ignores: {'x/**': [YML]}", "YML names YML-01, YML-02"),
        ("ignore: [DOC]", "DOC names built-in checks, which every run makes"),
        ("ignore: [IGN]", "IGN names IGN-01, IGN-02, IGN-03, IGN-04, whose findings cannot"),
        ("ignore: [DOC-01]", "DOC-01 cannot be ignored"),
        ("ignore: [SCH-01]", "SCH-01 names built-in checks, which every run makes"),
    ],
)
def test_no_group_ignores_a_check_that_is_never_ignored(
    cli, tmp_path: Path, entry: str, message: str
) -> None:
    result = cli("check", "--no-cache", cwd=_defects(tmp_path, f"{entry}\n"))
    assert result.exit_code == 2
    assert "resilint.yaml:2:" in result.stderr and message in result.stderr, result.stderr


def test_ignoring_built_in_checks_on_the_command_line_is_an_error(cli, tmp_path: Path) -> None:
    result = cli("check", "--no-cache", "--ignore", "YML", cwd=_defects(tmp_path))
    assert result.exit_code == 2 and "YML names YML-01" in result.stderr, result.stderr


def test_per_file_ignores_and_forbid_inline_take_groups(cli, tmp_path: Path) -> None:
    config = "per_file_ignores: {'**/contracts/forgepoint-*.yaml': [CTR]}\n"
    result = cli("check", "--no-cache", "--format", "json", cwd=_defects(tmp_path / "a", config))
    forgepoint = [f for f in result.json()["findings"] if "forgepoint-" in f["path"]]
    suppressed = {f["code"] for f in forgepoint if f["suppression"]}
    assert "CTR-08" in suppressed and all(c.startswith("CTR-") for c in suppressed)
    repo = _defects(tmp_path / "b", "suppressions: {forbid_inline: [CTR]}\n")
    contract = repo / "programme" / "contracts" / "forgepoint-mes.yaml"
    text = contract.read_text(encoding="utf-8").replace(
        "  step_in_rights: false", '  step_in_rights: false  # resilint: ignore[CTR-08] reason="x"'
    )
    contract.write_text(text, encoding="utf-8")
    result = cli("check", "--no-cache", "--format", "json", "--select", "CTR-08", cwd=repo)
    (forbidden,) = (f for f in result.json()["findings"] if f["code"] == "IGN-04")
    assert forbidden["message"].startswith("CTR-08 may only be waived by an approved Waiver")


def test_an_inline_suppression_names_codes_not_groups(cli, tmp_path: Path) -> None:
    repo = _defects(tmp_path)
    contract = repo / "programme" / "contracts" / "forgepoint-mes.yaml"
    text = contract.read_text(encoding="utf-8").replace(
        "  step_in_rights: false", '  step_in_rights: false  # resilint: ignore[CTR] reason="x"'
    )
    contract.write_text(text, encoding="utf-8")
    result = cli("check", "--no-cache", "--format", "json", "--select", "CTR-08", cwd=repo)
    found = {f["code"]: f for f in result.json()["findings"] if "forgepoint-mes" in f["path"]}
    assert found["CTR-08"]["suppression"] is None
    assert "name each rule code, for example ignore[CTR-01]" in found["IGN-01"]["message"]


def test_the_register_export_runs_its_rules_whatever_a_group_ignores(cli, tmp_path: Path) -> None:
    repo = copy_example("havelbank", tmp_path)
    contract = repo / "contracts" / "corebanq.yaml"
    lines = contract.read_text(encoding="utf-8").splitlines(keepends=True)
    contract.write_text("".join(line for line in lines if "governing_law_country" not in line))
    config = repo / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "ignore: [REG]\n", encoding="utf-8")
    checked = cli("check", str(repo), "--no-cache").stdout.splitlines()
    # no REG-04 finding; the note below the findings names it among the DORA rules turned off
    assert not [line for line in checked if "REG-04" in line and not line.startswith("note:")]
    assert any(line.startswith("note: DORA rule") and "REG-04" in line for line in checked)
    out = tmp_path / "out"
    result = cli("register", "export", str(repo), "--format", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert "REG-04" in result.stdout and "B_02.02.0120" in result.stdout
