"""A cyber policy whose coverages do not list dependent business interruption, through the CLI:
INS-03 asks, at the coverages, whether the policy has the cover at all (record it with its scope,
or `included: false` where the schedule has none), rather than only whose outages it includes;
and `resilint impact` answers "maybe" for a supplier's outage, never "yes: the cover includes
every supplier's outage", which nothing recorded says. A cover recorded with its scope still
answers yes, and one recorded as not included no."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: utility
name: Municipal water utility
country: DE
regimes: []
---
apiVersion: resilint/v1
kind: Supplier
id: scada
name: SCADA vendor
tier: 1
provides_ict_services: true
supports_critical_function: true
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
name: Cyber policy
insurer: Municipal Mutual
owner: head-of-finance
period: {start: 2026-01-01, end: 2026-12-31}
insured_entities: [utility]
currency: EUR
aggregate_limit: 3000000
coverages:
  forensics: {included: true, sublimit: 300000}
  business_interruption: {included: true, sublimit: 1000000}
DEPENDENT
business_interruption: {waiting_period_hours: 12, indemnity_period_days: 120}
notice: {incident_notice_hours: 72, claim_deadline_days: 60}
exclusions:
  - {id: war, type: war, description: War and state-backed cyber operations.}
panel:
  forensics: [Ostwall Incident Response GmbH]
  counsel: [Brandt & Partner Rechtsanwaelte]
"""


def _repo(tmp_path: Path, dependent: str) -> Path:
    text = PROGRAMME.replace("DEPENDENT\n", dependent)
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _ins03(cli, repo: Path) -> list[dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-07", cwd=repo)
    found = json.loads(run.stdout)["findings"]
    return [f for f in found if f["code"] == "INS-03"]


def _dependent_cover(cli, repo: Path) -> dict:
    run = cli("impact", ".", "--supplier", "scada", "-f", "json", "--as-of", "2026-12-07", cwd=repo)
    assert run.exit_code == 0, run.stderr
    covers = json.loads(run.stdout)["insurance"][0]["covers"]
    (cover,) = [c for c in covers if c["cover"] == "dependent_business_interruption"]
    return cover


def test_a_cover_the_coverages_do_not_list_is_asked_and_not_assumed(cli, tmp_path) -> None:
    repo = _repo(tmp_path, "")
    (finding,) = _ins03(cli, repo)
    lines = (repo / "programme.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[finding["line"] - 1] == "coverages:"
    message = finding["message"]
    assert "does not record whether it covers our loss from a supplier's outage" in message
    assert "coverages.dependent_business_interruption.included: false" in message
    cover = _dependent_cover(cli, repo)
    assert cover["responds"] == "maybe"
    assert "coverages do not list dependent business interruption" in cover["why"]


def test_a_listed_cover_without_scope_is_asked_its_scope(cli, tmp_path) -> None:
    listed = "  dependent_business_interruption: {included: true, sublimit: 500000}\n"
    repo = _repo(tmp_path, listed)
    (finding,) = _ins03(cli, repo)
    assert "does not record which suppliers' outages dependent" in finding["message"]
    cover = _dependent_cover(cli, repo)
    assert cover["responds"] == "maybe"
    assert "(dependent_bi.scope)" in cover["why"]


def test_a_recorded_cover_answers_as_recorded(cli, tmp_path) -> None:
    none = "  dependent_business_interruption: {included: false}\n"
    repo = _repo(tmp_path, none)
    assert _ins03(cli, repo) == []
    assert _dependent_cover(cli, repo)["responds"] == "no"
    every = (
        "  dependent_business_interruption: {included: true, sublimit: 500000}\n"
        "dependent_bi: {scope: all_suppliers}\n"
    )
    repo = _repo(tmp_path, every)
    assert _ins03(cli, repo) == []
    cover = _dependent_cover(cli, repo)
    assert (cover["responds"], cover["why"]) == (
        "yes",
        "the cover includes every supplier's outage",
    )


def _without_business_interruption(tmp_path: Path, dependent: str) -> Path:
    """The programme's policy recorded without business-interruption cover (a pension fund's
    policy: no revenue for an outage to interrupt), with ``dependent`` among its coverages."""
    text = PROGRAMME.replace(
        "  business_interruption: {included: true, sublimit: 1000000}\nDEPENDENT\n"
        "business_interruption: {waiting_period_hours: 12, indemnity_period_days: 120}\n",
        "  business_interruption: {included: false}\n" + dependent,
    )
    assert "included: false" in text
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_policy_without_business_interruption_is_not_asked_for_dependent_cover(
    cli, tmp_path
) -> None:
    repo = _without_business_interruption(tmp_path, "")
    assert _ins03(cli, repo) == []
    cover = _dependent_cover(cli, repo)
    assert cover["responds"] == "no"
    assert "includes no business interruption" in cover["why"]
    run = cli("impact", ".", "--supplier", "scada", "--as-of", "2026-12-07", cwd=repo)
    assert run.exit_code == 0, run.stderr
    # a cover the policy does not have shows no terms ("waiting period not recorded")
    assert "not recorded" not in run.stdout.split("Insurance", 1)[1].split("panel", 1)[0]


def test_dependent_cover_listed_beside_no_business_interruption_is_still_asked_its_scope(
    cli, tmp_path
) -> None:
    listed = "  dependent_business_interruption: {included: true, sublimit: 500000}\n"
    repo = _without_business_interruption(tmp_path, listed)
    (finding,) = _ins03(cli, repo)
    assert "does not record which suppliers' outages dependent" in finding["message"]
    assert _dependent_cover(cli, repo)["responds"] == "maybe"
