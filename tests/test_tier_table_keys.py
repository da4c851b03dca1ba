"""A table by tier (CTR-03's max_window_hours, SUP-04's max_age_days, CTR-06's min_log_days)
took keys that are no tier: ``"l"`` typed for ``"1"`` or ``"tier1"`` was accepted, applied to no
supplier, and tier 1 kept the default with nothing said. Refused with status 2 at the key's
line, with the tier it likely means, in the configuration and in a rule file of one's own
(through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_example


@pytest.mark.parametrize(
    ("params", "line", "said"),
    [
        ('CTR-03: {params: {max_window_hours: {"l": 12, "2": 48}}}', ":4:", "'l' is not a tier"),
        ("SUP-04: {params: {max_age_days: {tier1: 180}}}", ":4:", "'tier1' is not a tier"),
        ("CTR-06:\n    params:\n      min_log_days: {'1': 365, 'Tier 2': 90}", ":6:", "'Tier 2'"),
    ],
)
def test_a_key_that_is_no_tier_is_refused_at_its_line(
    cli, tmp_path: Path, params: str, line: str, said: str
) -> None:
    repo = copy_example("defects", tmp_path)
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + f"rules:\n  {params}\n")
    result = cli("check", cwd=repo)
    assert result.exit_code == 2, result.stdout
    assert f"resilint.yaml{line}" in result.stderr and said in result.stderr
    assert "did you mean '" in result.stderr


def test_tiers_written_as_they_are_are_taken(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    config = repo / "resilint.yaml"
    config.write_text(
        config.read_text() + "rules:\n  CTR-06: {params: {min_log_days: {'1': 365, '2': 180}}}\n"
    )
    assert cli("check", cwd=repo).exit_code == 0


def test_a_rule_files_own_table_by_tier_is_judged_the_same(cli, tmp_path: Path) -> None:
    import yaml

    repo = copy_example("northwind", tmp_path)
    rules = yaml.safe_load((Path(__file__).parents[1] / "rules" / "contracts.yaml").read_text())
    rule = next(r for r in rules["rules"] if r["code"] == "CTR-03")
    rule["code"], rule["name"] = "OWN-01", "own-" + rule["name"]
    rule["params"]["max_window_hours"] = {"l": 12, "2": 48, "3": 72}
    (repo / "policies").mkdir()
    (repo / "policies" / "own.yaml").write_text(yaml.safe_dump({"rules": [rule]}, sort_keys=False))
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + "rule_dirs: [policies/]\n")
    result = cli("check", cwd=repo)
    assert result.exit_code == 2, result.stdout
    assert "own.yaml:" in result.stderr
    assert "max_window_hours.l: max_window_hours: 'l' is not a tier (did you mean '1'?)" in (
        result.stderr
    )
