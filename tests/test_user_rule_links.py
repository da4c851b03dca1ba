"""A repository's own rule has no page in resilint's rule reference: SARIF gives it no helpUri
(code scanning would link a missing anchor of docs/rules.md) and the posture report no
"Reference" link, while resilint's rules keep theirs. Runs the real CLI on real files."""

from __future__ import annotations

import json

from test_hostile_rule_codes import RULE, SUPPLIER


def test_a_user_rule_gets_no_link_to_resilint_s_rule_reference(cli, write, tmp_path) -> None:
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("acme.yaml", SUPPLIER.replace("tier: 3\n", "tier: 3\nname: x\n"))
    write("bolt.yaml", SUPPLIER.replace("acme", "bolt").replace("tier: 3\n", ""))
    write("policies/r.yaml", RULE.format(code="ACME-01"))
    sarif = json.loads(cli("check", "--no-cache", "--format", "sarif").stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "helpUri" not in rules["ACME-01"] and rules["ACME-01"]["help"]["text"]
    assert rules["SUP-01"]["helpUri"].endswith("#sup-01")  # bolt has no tier
    assert cli("report", "-o", "report.html").exit_code in (0, 1)
    page = (tmp_path / "report.html").read_text()
    own = page.split('<article id="rule-acme-01">')[1].split("</article>")[0]
    assert "Make it tier 1." in own and "docs/rules.md" not in own
    theirs = page.split('<article id="rule-sup-01">')[1].split("</article>")[0]
    assert "SUP-01 in docs/rules.md</a>" in theirs
