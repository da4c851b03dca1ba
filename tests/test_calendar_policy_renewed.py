"""A policy whose renewal is already recorded (INS-06's renewal: the same position of the
tower, from the day after it ends) is not listed with "renew it": the calendar names the policy
that runs on. One with no renewal still asks for it."""

from __future__ import annotations

import json
from pathlib import Path

POLICIES = """\
apiVersion: resilint/v1
kind: Entity
id: northwind
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
period: {{start: 2026-01-01, end: 2026-12-31}}
insured_entities: [northwind]
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2027
period: {{start: {renewal_start}, end: 2027-12-31}}
insured_entities: [northwind]
"""


def _renewals(cli, repo: Path) -> dict[str, str]:
    run = cli(
        "calendar", ".", "--format", "json", "--as-of", "2026-12-06", "--days", "400", cwd=repo
    )
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    return {d["id"]: json.dumps(d) for d in deadlines if d["category"] == "policy-renewal"}


def test_a_recorded_renewal_is_named_not_asked_for(cli, tmp_path: Path) -> None:
    (tmp_path / "insurance.yaml").write_text(POLICIES.format(renewal_start="2027-01-01"), "utf-8")
    listed = _renewals(cli, tmp_path)
    assert "renewed: policy cyber-2027 runs on from 2027-01-01" in listed["cyber-2026"]
    assert "renew it" not in listed["cyber-2026"]
    assert "renew it, with conditions our controls meet" in listed["cyber-2027"]


def test_a_gap_of_a_day_is_no_renewal(cli, tmp_path: Path) -> None:
    (tmp_path / "insurance.yaml").write_text(POLICIES.format(renewal_start="2027-01-02"), "utf-8")
    assert "renew it, with conditions our controls meet" in _renewals(cli, tmp_path)["cyber-2026"]
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", "2026-12-06", cwd=tmp_path)
    assert [f["id"] for f in json.loads(run.stdout)["findings"] if f["code"] == "INS-06"] == [
        "cyber-2026"
    ]
