"""The notice deadline of a cyber policy is fitted to a supplier's notice window (CTR-04) and
named where the window runs past it (CTR-03) only where the policy can answer the supplier's
incident, as ``resilint impact`` reads it: a supplier of medical devices with no ICT services, no
access to our systems and none of our data, critical because a ward rests on its supply, is
answered by no cover of a policy whose dependent business-interruption cover takes in IT
providers only, so its incident starts no insurer clock. Where the dependent cover takes in every
supplier, or its scope is not recorded, the deadline stands."""

from __future__ import annotations

import json
from pathlib import Path

from one_file import doc, repo

ENTITY = doc("Entity", "hospital", "country: DE\nregimes: []\n")
PUMPS = doc(
    "Supplier",
    "pump-maker",
    "name: Pump maker GmbH\ntier: 1\nprovides_ict_services: false\n"
    "supports_critical_function: true\ndata_sensitivity: public\npersonal_data: false\n"
    "highest_access_level: none\n"
    "services:\n  - {name: pumps, service_type: supply of infusion pumps and sets}\n",
)


def _contract(hours: int) -> str:
    return doc(
        "Contract",
        "ctr-pumps",
        "supplier: pump-maker\nentities: [hospital]\nstatus: active\n"
        f"incident_notification: {{window_hours: {hours}, trigger: confirmed}}\n",
    )


def _policy(dependent: str) -> str:
    return doc(
        "InsurancePolicy",
        "cyber",
        "insurer: Domstadt Versicherung AG\nperiod: {start: 2026-04-01, end: 2027-03-31}\n"
        "insured_entities: [hospital]\n"
        "coverages:\n  business_interruption: {included: true}\n"
        f"{dependent}"
        "business_interruption: {waiting_period_hours: 12}\n"
        "notice: {incident_notice_hours: 24}\n",
    )


IT_ONLY = (
    "  dependent_business_interruption: {included: true}\n"
    "dependent_bi: {scope: it_providers, waiting_period_hours: 12}\n"
)
EVERY_SUPPLIER = (
    "  dependent_business_interruption: {included: true}\n"
    "dependent_bi: {scope: all_suppliers, waiting_period_hours: 12}\n"
)


def _run(cli, tmp_path: Path, dependent: str, hours: int) -> tuple[list[dict], str]:
    (tmp_path / "resilint.yaml").write_text(
        json.dumps({"profiles": [], "select": ["CTR-03", "CTR-04"]}), encoding="utf-8"
    )
    text = repo(ENTITY, PUMPS, _contract(hours), _policy(dependent))
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-07")
    findings = [f for f in run.json()["findings"] if f["code"] in ("CTR-03", "CTR-04")]
    impact = cli("impact", ".", "--supplier", "pump-maker", "--as-of", "2026-12-07")
    assert impact.exit_code == 0, impact.stdout + impact.stderr
    return findings, impact.stdout


def test_no_insurer_clock_for_a_product_supplier_no_cover_answers(cli, tmp_path) -> None:
    findings, impact = _run(cli, tmp_path, IT_ONLY, 24)
    assert findings == []
    # resilint impact agrees: the policy's notice is not among the clocks
    assert "incident notice to Domstadt" not in impact


def test_a_window_past_the_tier_names_no_insurer_clock_that_cannot_run(cli, tmp_path) -> None:
    findings, _ = _run(cli, tmp_path, IT_ONLY, 48)
    [ctr03] = [f for f in findings if f["code"] == "CTR-03"]
    assert "48 hours" in ctr03["message"]
    assert "insurance policy cyber" not in ctr03["message"]
    assert [f for f in findings if f["code"] == "CTR-04"] == []


def test_the_deadline_stands_where_dependent_cover_may_answer(cli, tmp_path) -> None:
    for dependent in (EVERY_SUPPLIER, ""):  # every supplier's outage; scope not recorded
        findings, impact = _run(cli, tmp_path, dependent, 24)
        [ctr04] = findings
        assert ctr04["code"] == "CTR-04"
        assert "24-hour incident notice deadline of insurance policy cyber" in ctr04["message"]
        assert "incident notice to Domstadt" in impact
        findings, _ = _run(cli, tmp_path, dependent, 48)
        [ctr03] = [f for f in findings if f["code"] == "CTR-03"]
        assert "24-hour incident notice deadline of insurance policy cyber" in ctr03["message"]
