"""A risk engineer's own rule whose message holds a brace that is no placeholder (one left
open, an empty pair, the spaces or double braces of other template languages) is refused at the
message's line when it loads, by `resilint test` and `resilint check` alike: it would otherwise
be shown as written in every finding ("has no owner {lesson.id")."""

from __future__ import annotations

import pytest

from tests.test_rule_test_command import RULE


@pytest.mark.parametrize(
    "message",
    [
        "supplier {supplier.id has no owner",
        "supplier {} has no owner",
        "supplier { supplier.id } has no owner",
        "supplier {{supplier.id}} has no owner",
        "supplier supplier.id} has no owner",
    ],
)
@pytest.mark.parametrize("command", ["test", "check"])
def test_a_brace_that_is_no_placeholder_is_refused_at_the_message(cli, tmp_path, command, message):
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace("supplier {supplier.id} has no owner", message)
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\n")
    result = cli(command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/acme.yaml:13:18:" in result.stderr
    assert "a brace that is no placeholder" in result.stderr
    assert "Traceback" not in result.stderr


def test_placeholders_alone_load(cli, tmp_path):
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("LINE", "3").replace(
        "supplier {supplier.id} has no owner", "supplier {supplier.id} ({supplier.name}) has none"
    )
    (tmp_path / "policies" / "acme.yaml").write_text(rule)
    result = cli("test", "policies")
    assert result.exit_code == 0, result.stdout + result.stderr
