"""A repository's rule file cannot take the code of a check built into resilint: `explain`,
`rules`, waivers, the baseline and `ignore` would otherwise mean the rule file's text by a code
that names a built-in check (`resilint explain SCH-01` showed the rule file's words). Runs the
real CLI on files written the way users write them."""

from __future__ import annotations

import pytest

RULE = """\
rules:
  - code: {code}
    name: every-supplier-tier-1
    level: info
    profiles: [baseline]
    title: Every supplier is tier 1
    rationale: A test rule.
    remediation: Make it tier 1.
    references: ["Internal policy TPRM-3"]
    select: Supplier
    require:
      - that: {{field: supplier.tier, equals: 1}}
        message: "supplier {{supplier.id}} is not tier 1"
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
        - {{id: acme, line: 4}}
"""
SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 3\n"


@pytest.mark.parametrize("code", ["SCH-01", "IGN-01", "DOC-03", "FILE-03", "BSL-02", "REF-01"])
@pytest.mark.parametrize("command", [("check", "--no-cache"), ("explain", "{code}"), ("rules",)])
def test_a_rule_file_taking_a_built_in_check_s_code_is_refused(cli, write, code, command) -> None:
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("acme.yaml", SUPPLIER)
    write("policies/r.yaml", RULE.format(code=code))
    result = cli(*(word.format(code=code) for word in command))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"r.yaml:2:11: rule {code} has the code of a check built into resilint" in result.stderr
    assert "choose a code of your own" in result.stderr


def test_a_rule_file_with_a_code_of_its_own_loads(cli, write) -> None:
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("acme.yaml", SUPPLIER)
    write("policies/r.yaml", RULE.format(code="ACME-01"))
    result = cli("check", "--no-cache", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.codes() == ["ACME-01"]
