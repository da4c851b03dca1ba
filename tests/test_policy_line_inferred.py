"""A policy that records no line of insurance is read as the one line its name and description
name (a crime policy is not asked the cyber terms: business-interruption periods, dependent
business-interruption scope, panel firms, a claims evidence package); where they name more
than one, INS-03 asks the line, once, and no cyber term; where they name none, it is cyber."""

from __future__ import annotations

import json
from pathlib import Path

REPO = """\
apiVersion: resilint/v1
kind: Entity
id: acme
name: ACME GmbH
country: DE
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: policy-2026
NAME
insurer: Example Insurance AG
policy_number: P-1
insured_entities: [acme]
period: {start: 2026-01-01, end: 2026-12-31}
notice: {incident_notice_wording: as_soon_as_practicable, claim_deadline_days: 60}
exclusions:
  - {id: war}
"""


def _findings(cli, repo: Path, name: str) -> list[tuple[str, str]]:
    (repo / "repo.yaml").write_text(REPO.replace("NAME", name), encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-06-01", cwd=repo)
    return [(f["code"], f["message"]) for f in json.loads(run.stdout)["findings"]]


def test_a_policy_its_words_call_crime_is_not_asked_the_cyber_terms(cli, tmp_path: Path) -> None:
    assert _findings(cli, tmp_path, "name: Commercial crime insurance 2026") == []
    named = "name: Vertrauensschadenversicherung (Social Engineering)"
    assert _findings(cli, tmp_path, named) == []
    assert _findings(cli, tmp_path, "name: Directors and officers liability 2026") == []


def test_a_policy_naming_two_lines_is_asked_its_line_once(cli, tmp_path: Path) -> None:
    ((code, message),) = _findings(cli, tmp_path, "name: Cyber and crime package 2026")
    assert code == "INS-03"
    assert "does not record its line of insurance" in message
    assert "name more than one (cyber, crime)" in message
    recorded = _findings(cli, tmp_path, "name: Cyber and crime package 2026\nline: cyber")
    assert {code for code, _ in recorded} == {"INS-03", "EVD-01"}
    assert "line of insurance" not in recorded[0][1] + recorded[1][1]


def test_a_cyber_policy_stays_asked_its_terms(cli, tmp_path: Path) -> None:
    for name in ("name: Cyber policy 2026 (incl. cyber crime)", "name: Policy 2026"):
        found = _findings(cli, tmp_path, name)
        assert {code for code, _ in found} == {"INS-03", "EVD-01"}, name
        (ins03,) = [m for code, m in found if code == "INS-03"]
        assert "business-interruption waiting period" in ins03
