"""`resilint test` on a rule of one's own whose `expect` is wrong (a line off by one, another
document's id) says so at the line of the entry to correct, not only at the rule's `code`, which
may be thirty lines above it, and says how the example's lines are counted."""

from __future__ import annotations

from tests.test_rule_test_command import RULE


def _run(cli, tmp_path, rule: str):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    return cli("test", "policies")


def test_a_wrong_line_is_said_at_its_entry(cli, tmp_path):
    result = _run(cli, tmp_path, RULE.replace("LINE", "4"))  # the finding is on line 3
    assert result.exit_code == 1, result.stdout
    assert (
        "policies/acme.yaml:25: expected ACME-01 at acme line 4; got it at acme line 3 "
        "(lines of the failing example, its first line 1)"
    ) in result.stdout


def test_the_entry_that_is_wrong_is_named_among_several(cli, tmp_path):
    rule = RULE.replace("LINE", "3").replace(
        "        - {id: acme, line: 3}\n",
        "        - {id: acme, line: 3}\n        - {id: acme, line: 9}\n",
    )
    result = _run(cli, tmp_path, rule)
    assert result.exit_code == 1, result.stdout
    assert "policies/acme.yaml:26: expected ACME-01 at acme line 3, acme line 9" in result.stdout
