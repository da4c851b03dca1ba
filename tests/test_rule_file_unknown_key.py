"""A rule file of one's own with a mistyped key (`selct: Contract`, `rulez:`, `remediaton:`) is
refused at that key's line, naming the key meant and the keys there are, by `resilint test`
and `resilint check` alike, rather than with the schema library's words at the rule's first
line."""

from __future__ import annotations

import pytest

from tests.test_rule_test_command import RULE


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "    select: Supplier\n",
            "    selct: Supplier\n",
            "policies/acme.yaml:10:5: invalid rule file: rules.0: unknown key 'selct' "
            "(did you mean 'select'?); keys: applies_to, as, check, code,",
        ),
        (
            "    remediation: Set owner.\n",
            "    remediaton: Set owner.\n",
            "policies/acme.yaml:9:5: invalid rule file: rules.0: unknown key 'remediaton' "
            "(did you mean 'remediation'?)",
        ),
        (
            "rules:\n",
            "rulez:\n",
            "policies/acme.yaml:1:1: invalid rule file: unknown key 'rulez' (did you mean "
            "'rules'?); keys: rules",
        ),
    ],
)
@pytest.mark.parametrize("command", ["test", "check"])
def test_a_mistyped_key_is_said_at_its_line(cli, tmp_path, command, old, new, said):
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace(old, new)
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\n")
    result = cli(command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert "was unexpected" not in result.stderr
