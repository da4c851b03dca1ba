"""``resilint impact`` on the outage of a company of our own group that runs our IT (a hospital
group's IT service centre in its holding), where the cyber policy insures that company beside
the hospitals: its systems are an insured's own, so their outage is answered by our own
business-interruption cover, not by dependent cover written for a third party's systems, as
INS-04 already reads it (it does not ask dependent cover to name such a company). Where the
policy does not insure the group company, it is a provider like any other for the policy."""

from __future__ import annotations

import json
from pathlib import Path

from one_file import doc, repo

HOLDING = doc("Entity", "holding", "country: DE\nregimes: []\n")
HOSPITAL = doc(
    "Entity",
    "hospital",
    "country: DE\nparent: holding\nregimes: [nis2]\nnis2_category: essential\n",
)
GROUP_IT = doc(
    "Supplier",
    "group-it",
    "name: Holding IT service centre\ngroup_entity: holding\ntier: 1\n"
    "provides_ict_services: true\nsupports_critical_function: true\n"
    "highest_access_level: privileged\ndata_sensitivity: restricted\n"
    "services:\n  - {name: infrastructure, service_type: ICT operation management}\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-group-it",
    "supplier: group-it\nentities: [hospital]\nstatus: active\n"
    "incident_notification: {window_hours: 2, trigger: suspected}\n",
)
FUNCTION = doc(
    "BusinessFunction",
    "clinical-documentation",
    "entities: [hospital]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 24\n"
    "depends_on:\n  suppliers: [group-it]\n",
)


def _policy(insured: str) -> str:
    return doc(
        "InsurancePolicy",
        "cyber",
        "insurer: Domstadt Versicherung AG\nperiod: {start: 2026-04-01, end: 2027-03-31}\n"
        f"insured_entities: [{insured}]\n"
        "coverages:\n  business_interruption: {included: true}\n"
        "  dependent_business_interruption: {included: true}\n"
        "business_interruption: {waiting_period_hours: 12}\n"
        "dependent_bi: {scope: it_providers, waiting_period_hours: 12}\n"
        "notice: {incident_notice_hours: 24}\n",
    )


def _impact(cli, tmp_path: Path, insured: str) -> dict:
    text = repo(HOLDING, HOSPITAL, GROUP_IT, CONTRACT, FUNCTION, _policy(insured))
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "resilint.yaml").write_text(json.dumps({"profiles": []}), encoding="utf-8")
    run = cli("impact", ".", "--supplier", "group-it", "--as-of", "2026-12-07", "-f", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    return run.json()


def _covers(found: dict) -> dict[str, dict]:
    [policy] = found["insurance"]
    return {cover["cover"]: cover for cover in policy["covers"]}


def test_an_insured_group_company_is_our_own_outage(cli, tmp_path) -> None:
    covers = _covers(_impact(cli, tmp_path, "holding, hospital"))
    dependent = covers["dependent_business_interruption"]
    assert dependent["responds"] == "no"
    assert "company of our group that the policy insures" in dependent["why"]
    own = covers["business_interruption"]
    assert own["responds"] == "yes"
    assert "an insured's own" in own["why"]


def test_a_group_company_the_policy_does_not_insure_is_a_provider(cli, tmp_path) -> None:
    covers = _covers(_impact(cli, tmp_path, "hospital"))
    assert covers["dependent_business_interruption"]["responds"] == "yes"
    assert covers["business_interruption"]["responds"] == "maybe"


def test_the_insurer_notice_still_runs(cli, tmp_path) -> None:
    found = _impact(cli, tmp_path, "holding, hospital")
    text = json.dumps(found["notices"])
    assert "Domstadt Versicherung AG" in text
