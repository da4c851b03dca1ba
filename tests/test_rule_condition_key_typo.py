"""A rule of one's own whose condition misspells `field` or a quantifier (`feild`, `for_al`)
is refused at the misspelt key, naming the word meant, not only told what a condition needs."""

from __future__ import annotations

import pytest

from tests.test_rule_test_command import RULE


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        (
            "{feild: supplier.owner, exists: true}",
            ":12:unknown key 'feild' (did you mean 'field'?)",
        ),
        (
            "{more_than: 3, feild: supplier.tier}",
            ":12:unknown key 'feild' (did you mean 'field'?)",
        ),
        (
            "{for_al: {in: supplier.services, as: s, where: [{field: s.name, exists: true}]}}",
            ":12:unknown key 'for_al' (did you mean 'for_all'?)",
        ),
    ],
)
@pytest.mark.parametrize("command", ["test", "check"])
def test_a_misspelt_condition_key_is_named(cli, tmp_path, command, condition, said):
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace("{field: supplier.owner, exists: true}", condition)
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\n")
    result = cli(command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/acme.yaml:12:" in result.stderr
    assert said.removeprefix(":12:") in result.stderr
