"""A risk engineer's own rule with a mistyped operator or a taken code: the rule file is
refused at its line (status 2) by `resilint test` and `resilint check` alike, and the message
says what to write: the operator meant, as a mistyped field, kind or fact is offered (the list
of every operator follows), or a code of one's own."""

from __future__ import annotations

import pytest

from tests.test_rule_test_command import RULE


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("exist", "exists"), ("at_mots", "at_most"), ("more_then", "more_than"), ("equal", "equals")],
)
@pytest.mark.parametrize("command", ["test", "check"])
def test_a_mistyped_operator_is_offered_the_one_meant(cli, tmp_path, command, typed, meant):
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace("exists: true", f"{typed}: true")
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\n")
    result = cli(command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/acme.yaml:12:" in result.stderr
    assert f"unknown operator '{typed}' (did you mean '{meant}'?); operators: " in result.stderr


def test_an_operator_like_none_is_not_guessed(cli, tmp_path):
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace("exists: true", "is_in: [a]")
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    result = cli("test", "policies")
    assert result.exit_code == 2
    assert "unknown operator 'is_in'; operators: at_least, " in result.stderr


def test_a_code_of_resilints_own_rule_is_said_so(cli, tmp_path):
    """A rule of one's own given a code resilint's rules have: the message names resilint's
    rule by its file in resilint (not the path of the installed package, which the reader
    cannot change) and asks for a code of one's own."""
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace("code: ACME-01", "code: CTR-08")
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    result = cli("test", "policies")
    assert result.exit_code == 2
    said = result.stderr
    assert "policies/acme.yaml:2:11: rule CTR-08 is one of resilint's own rules" in said
    assert "(rules/contracts.yaml:" in said and "site-packages" not in said
    assert "choose a code of your own, with a prefix of your own (ACME-01)" in said


def test_a_code_two_rule_files_of_ones_own_share_names_the_first(cli, tmp_path):
    (tmp_path / "policies").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "policies" / name).write_text(RULE.replace("LINE", "3"))
    result = cli("test", "policies")
    assert result.exit_code == 2
    assert "policies/b.yaml:2:11: rule ACME-01 is already defined at " in result.stderr
    assert "policies/a.yaml:2" in result.stderr
