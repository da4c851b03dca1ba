"""``resilint calendar`` lists the reviews, rotations and updates the rules ask on a cycle: a
contract's review before its renewal decision (CTR-14), a credential's rotation and a
certificate's expiry (IAM-02), an exit plan's test and review (SUP-08), the evidence of a
control an insurance condition relies on (INS-02), a claims evidence item's update (EVD-01)
and a function's criticality assessment (BCM-02). Each is due on the last day its rule is
silent: ``resilint check`` as of the day after reports it, and the calendar then says
"overdue by 1 day"."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from day_by_day import deadlines, findings, next_day

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: bank
name: Havel Test Bank AG
country: DE
regimes: [dora]
---
apiVersion: resilint/v1
kind: BusinessFunction
id: payments
criticality: critical
owner: coo
last_criticality_assessment: 2026-03-01
depends_on:
  services: [{supplier: corebank, service: core}]
---
apiVersion: resilint/v1
kind: Supplier
id: corebank
name: Corebank Systems GmbH
tier: 1
provides_ict_services: true
services:
  - name: core
    supports_critical_function: true
    exit_plan: {reference: plans/exit-core.md, last_tested: 2026-04-01, last_reviewed: 2026-05-01}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-core
supplier: corebank
status: active
entities: [bank]
start_date: 2020-01-01
end_date: 2027-12-31
our_notice_period_days: 90
auto_renew: false
last_review: 2026-06-01
---
apiVersion: resilint/v1
kind: Contract
id: ctr-core-support
supplier: corebank
status: active
entities: [bank]
start_date: 2021-07-01
end_date: 2028-06-30
our_notice_period_days: 30
auto_renew: true
last_review: 2026-02-10
---
apiVersion: resilint/v1
kind: Identity
id: core-api
supplier: corebank
type: api_key
access_level: write
rotation_days: 90
last_rotated: 2026-11-01
disable_procedure: runbooks/disable.md
time_to_disable_minutes: 10
---
apiVersion: resilint/v1
kind: Identity
id: core-cert
supplier: corebank
type: certificate
access_level: write
expires: 2027-02-15
disable_procedure: runbooks/disable.md
time_to_disable_minutes: 10
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
period: {start: 2026-01-01, end: 2027-12-31}
insured_entities: [bank]
conditions:
  - {id: mfa, control_categories: [mfa_email]}
---
apiVersion: resilint/v1
kind: Control
id: mfa-email
category: mfa_email
status: implemented
evidence: {reference: reports/mfa.pdf, last_verified: 2026-11-15}
---
apiVersion: resilint/v1
kind: EvidencePackage
id: claims-pack
policy: cyber
owner: risk-manager
items:
  - {type: asset_inventory, location: vault/assets.xlsx, owner: it, last_updated: 2026-10-01}
  - {type: asset_inventory, location: offline/assets.xlsx, owner: it, last_updated: 2026-11-01}
  - {type: policy_copies, location: vault/policy.pdf, owner: risk, last_updated: 2026-06-01}
"""

EXPECTED = {
    ("rotation", "core-api"): ("2027-01-30", "IAM-02"),
    ("control-evidence", "mfa-email"): ("2027-02-13", "INS-02"),
    ("certificate", "core-cert"): ("2027-02-15", "IAM-02"),
    ("criticality", "payments"): ("2027-03-01", "BCM-02"),
    ("exit-plan", "corebank"): ("2027-04-01", "SUP-08"),  # the test; the review on 05-01
    ("contract-review", "ctr-core"): ("2027-08-02", "CTR-14"),
    # renews automatically with a tier-1 supplier: reviewed every 365 days whatever its dates
    ("contract-review", "ctr-core-support"): ("2027-02-10", "CTR-14"),
    # the later of the two asset inventories, 180 days on; policy copies are current 365 days
    ("claims-evidence", "claims-pack"): ("2027-04-30", "EVD-01"),
}
"""Each entry's date and the rule that reports it from the next day. CTR-14: the decision is
due on 2027-10-02 (end 2027-12-31 less 90 days' notice); from 60 days before it (2027-08-03)
the review of 2026-06-01 is more than 365 days old."""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    return tmp_path


def _calendar(cli, repo: Path, as_of: str) -> list[dict]:
    return deadlines(cli, repo, as_of, days=700)


def _reported(cli, repo: Path, as_of: str, code: str, doc_id: str) -> list[dict]:
    said = "the asset_inventory item" if code == "EVD-01" else ""  # not its missing items
    found = findings(cli, repo, as_of)
    return [f for f in found if f["code"] == code and f["id"] == doc_id and said in f["message"]]


def test_each_cycle_is_listed_with_its_rules_date(cli, repo: Path) -> None:
    listed = {}
    for d in _calendar(cli, repo, "2026-12-06"):
        listed.setdefault((d["category"], d["id"]), d["date"])
    for key, (day, _) in EXPECTED.items():
        assert listed.get(key) == day, (key, listed)
    deadlines = _calendar(cli, repo, "2026-12-06")
    plans = [d["date"] for d in deadlines if d["category"] == "exit-plan"]
    assert plans == ["2027-04-01", "2027-05-01"]
    claims = [d for d in deadlines if d["category"] == "claims-evidence"]
    assert [d["date"] for d in claims] == ["2027-04-30", "2027-06-01"]
    assert "last updated 2026-11-01; current for 180 days" in claims[0]["detail"]


@pytest.mark.parametrize("key", list(EXPECTED), ids=[k[0] for k in EXPECTED])
def test_the_rule_reports_from_the_day_the_calendar_says_overdue(cli, repo: Path, key) -> None:
    day, code = EXPECTED[key]
    assert _reported(cli, repo, day, code, key[1]) == []
    assert _reported(cli, repo, next_day(day), code, key[1]), (code, key)
    entry = next(d for d in _calendar(cli, repo, next_day(day)) if (d["category"], d["id"]) == key)
    assert entry["overdue"] and entry["days_left"] == -1


def test_a_rule_that_does_not_run_lists_nothing(cli, repo: Path) -> None:
    (repo / ".resilint.yaml").write_text("ignore: [IAM-02, BCM-02]\n", encoding="utf-8")
    categories = {d["category"] for d in _calendar(cli, repo, "2026-12-06")}
    assert "rotation" not in categories and "certificate" not in categories
    assert "criticality" not in categories and "exit-plan" in categories


def test_a_dora_rule_lists_nothing_for_an_entity_outside_dora(cli, repo: Path) -> None:
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    (repo / "programme.yaml").write_text(text.replace("[dora]", "[nis2]"), encoding="utf-8")
    categories = {d["category"] for d in _calendar(cli, repo, "2026-12-06")}
    assert "criticality" not in categories and "exit-plan" not in categories
    assert "rotation" in categories


def test_an_unrecorded_date_is_due_now(cli, repo: Path) -> None:
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    text = text.replace("last_rotated: 2026-11-01\n", "")
    (repo / "programme.yaml").write_text(text, encoding="utf-8")
    (entry,) = [d for d in _calendar(cli, repo, "2026-12-06") if d["category"] == "rotation"]
    assert entry["date"] is None and entry["overdue"]
    assert "no rotation (last_rotated) is recorded" in entry["detail"]
    assert _reported(cli, repo, "2026-12-06", "IAM-02", "core-api")


def test_the_ics_export_holds_them(cli, repo: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    run = cli("calendar", ".", "-f", "ics", "--as-of", "2026-12-06", "--days", "700", cwd=repo)
    assert run.exit_code == 0, run.stderr
    events = icalendar.Calendar.from_ical(run.stdout).walk("VEVENT")
    by_summary = {str(e["SUMMARY"]): e for e in events}
    summary = "credential rotation due: rotation of the credential of identity core-api"
    event = by_summary[summary + " of supplier corebank"]
    assert event.decoded("DTSTART") == datetime.date(2027, 1, 30)
    assert "last rotated 2026-11-01" in str(event["DESCRIPTION"])


def test_a_rotation_declared_longer_than_the_policy_is_due_by_the_policy(cli, repo: Path) -> None:
    """A credential declaring rotation_days: 180 where IAM-02 allows 90 is reported for the
    interval now; its rotation falls due by the policy's 90 days, not the 180 declared (the
    calendar said 41 days left where the policy's date had passed)."""
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    text = text.replace("rotation_days: 90\n", "rotation_days: 180\n")
    (repo / "programme.yaml").write_text(text, encoding="utf-8")
    (entry,) = [d for d in _calendar(cli, repo, "2026-12-06") if d["category"] == "rotation"]
    assert entry["date"] == "2027-01-30", entry
    assert "the policy's longest interval; its rotation_days, 180, is longer" in entry["detail"]
    assert _reported(cli, repo, "2026-12-06", "IAM-02", "core-api")


def test_a_rotation_a_mandated_platform_sets_is_due_by_its_interval(cli, repo: Path) -> None:
    """A credential the supplier's platform issues and rotates (rotation_set_by_supplier), of a
    supplier we take part in by mandate, is held to the platform's 180 days, not the policy's
    90: IAM-02 is silent until they have passed, and the calendar gives that day."""
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "rotation_days: 90\n", "rotation_days: 180\nrotation_set_by_supplier: true\n"
    )
    text = text.replace("tier: 1\n", "tier: 1\nmandated: true\n", 1)
    (repo / "programme.yaml").write_text(text, encoding="utf-8")
    (entry,) = [d for d in _calendar(cli, repo, "2026-12-06") if d["category"] == "rotation"]
    assert entry["date"] == "2027-04-30", entry
    assert "the policy's longest interval" not in entry["detail"]
    assert not _reported(cli, repo, "2026-12-06", "IAM-02", "core-api")
    assert not _reported(cli, repo, "2027-04-30", "IAM-02", "core-api")
    (late,) = _reported(cli, repo, "2027-05-01", "IAM-02", "core-api")
    assert "more than its declared 180 days ago" in late["message"]
    # a supplier we chose is held to the policy's maximum all the same
    (repo / "programme.yaml").write_text(text.replace("mandated: true\n", ""), encoding="utf-8")
    (found,) = _reported(cli, repo, "2026-12-06", "IAM-02", "core-api")
    assert "longer than the 90-day maximum" in found["message"]
