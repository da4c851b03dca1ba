"""A policy naming a head office insures its branches recorded as Entities (branch_of): the
insurance rules judge a function or supplier of the branch alone against it, as they judge the
head office's. A function performed by an e-money institution's Madrid branch whose MTPD is no
longer than the business-interruption waiting period is INS-04's warning, and a supplier of the
branch alone whose staff sign in without MFA breaks the insurer's attested MFA condition (INS-01);
neither was reported, since the policy did not list the branch. INS-06 does not ask the broker
to add such a branch (it is part of the head office's legal person); a branch whose head
office no policy insures either is still reported, naming both."""

from __future__ import annotations

import json
from pathlib import Path

BRANCH = """\
apiVersion: resilint/v1
kind: Entity
id: brightfen
name: Brightfen Money B.V.
country: NL
---
apiVersion: resilint/v1
kind: Entity
id: brightfen-es
name: Brightfen Money B.V., Sucursal en España
country: ES
branch_of: {entity: brightfen, code: BFM-ES-MAD}
---
"""
"""The head office and its Madrid branch, recorded as an Entity of its own."""

PROGRAMME = (
    BRANCH
    + """\
apiVersion: resilint/v1
kind: Supplier
id: agentdesk
tier: 1
provides_ict_services: true
entities: [brightfen-es]
---
apiVersion: resilint/v1
kind: Identity
id: agentdesk-agents
supplier: agentdesk
type: human_account
access_level: write
systems: [crm]
mfa: false
just_in_time: true
---
apiVersion: resilint/v1
kind: BusinessFunction
id: branch-card-support
criticality: critical
entities: [brightfen-es]
rto_hours: 2
mtpd_hours: 8
depends_on:
  suppliers: [agentdesk]
---
apiVersion: resilint/v1
kind: Control
id: mfa-remote
category: mfa_remote_access
status: implemented
scope: [remote_access, third_party_access]
coverage_percent: 100
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
line: cyber
period: {start: 2026-07-01, end: 2027-06-30}
insured_entities: [brightfen]
business_interruption: {waiting_period_hours: 8}
conditions:
  - id: mfa
    statement: MFA on remote and third-party access.
    control_categories: [mfa_remote_access]
    scope: [remote_access, third_party_access]
    attested: true
"""
)


def _findings(cli, repo: Path, code: str) -> list[dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == code]


def test_a_branch_function_is_judged_against_its_head_office_policy(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    warnings = [f for f in _findings(cli, tmp_path, "INS-04") if f["level"] == "warning"]
    assert any("branch-card-support: MTPD 8 hours" in f["message"] for f in warnings)


def test_a_branch_supplier_breaks_the_head_office_policy_mfa_condition(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    assert any("agentdesk-agents" in f["message"] for f in _findings(cli, tmp_path, "INS-01"))


def test_a_policy_of_another_entity_does_not_judge_the_branch(cli, tmp_path: Path) -> None:
    text = PROGRAMME.replace("insured_entities: [brightfen]", "insured_entities: [other]")
    text += "---\napiVersion: resilint/v1\nkind: Entity\nid: other\n"
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _findings(cli, tmp_path, "INS-04") == []
    assert _findings(cli, tmp_path, "INS-01") == []


SHARED_CONTRACT = (
    BRANCH
    + """\
apiVersion: resilint/v1
kind: Supplier
id: helpwise
---
apiVersion: resilint/v1
kind: Contract
id: ctr-helpwise
supplier: helpwise
status: active
entities: [brightfen, brightfen-es]
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
line: cyber
period: {start: 2026-07-01, end: 2027-06-30}
insured_entities: [INSURED]
"""
)


def test_a_branch_is_insured_by_the_policy_of_its_head_office(cli, tmp_path: Path) -> None:
    text = SHARED_CONTRACT.replace("INSURED", "brightfen")
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _findings(cli, tmp_path, "INS-06") == []


def test_a_branch_of_an_uninsured_head_office_is_reported(cli, tmp_path: Path) -> None:
    text = SHARED_CONTRACT.replace("INSURED", "someone-else")
    text = text.replace("entities: [brightfen, brightfen-es]", "entities: [brightfen-es]")
    text += "---\napiVersion: resilint/v1\nkind: Entity\nid: someone-else\n"
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    (finding,) = _findings(cli, tmp_path, "INS-06")
    assert finding["id"] == "brightfen-es"
    assert "entity brightfen-es (a branch of brightfen) is party to" in finding["message"]
    assert "lists it or its head office brightfen under insured_entities" in finding["message"]
