"""resilint impact lists an insurer's notice clocks only where the policy's line or covers can
answer the supplier's outage: a specie policy (physical loss of valuables in safe keeping) is
not given notice of a compromise of a wallet SaaS provider, and a cyber policy none of whose
business-interruption covers responds to a road forwarder's outage (no ICT services, no access,
none of our data) starts no notice clock of it or of the excess layer following its form. The
notes say which notices are left out and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

AS_OF = "2026-11-26"
PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: Cyber Insurer AG
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
coverages:
  business_interruption: {included: true}
  dependent_business_interruption: {included: true}
dependent_bi: {scope: it_providers}
notice: {incident_notice_hours: 48, contact: {email: claims@cyber.example}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-xs
insurer: Excess Insurer SE
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
layer: {position: excess, sits_over: cyber, attaches_at: 10000000, follows_form: true}
notice: {contact: {email: claims@excess.example}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: specie
line: specie
insurer: Vault Syndicate
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
notice: {incident_notice_hours: 72, contact: {email: claims@specie.example}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: crime
line: crime
insurer: Crime Syndicate
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
notice: {incident_notice_hours: 72, contact: {email: claims@crime.example}}
---
apiVersion: resilint/v1
kind: Supplier
id: wallets
name: Wallet SaaS Ltd
tier: 1
provides_ict_services: true
highest_access_level: write
---
apiVersion: resilint/v1
kind: Supplier
id: forwarder
name: Road Forwarder s.r.o.
tier: 2
provides_ict_services: false
highest_access_level: none
data_sensitivity: public
services: [{name: freight, stores_data: false}]
---
apiVersion: resilint/v1
kind: Supplier
id: vault
name: Vault AG
tier: 1
provides_ict_services: false
highest_access_level: none
services: [{name: safekeeping of key backups, stores_data: false}]
---
apiVersion: resilint/v1
kind: Supplier
id: custodian
name: Custody Bank SA
tier: 2
provides_ict_services: false
highest_access_level: none
service_model: financial_service
data_sensitivity: confidential
personal_data: true
services: [{name: custody of client securities, stores_data: true}]
"""


def impact(cli: Run, write: Any, tmp_path: Path, supplier: str) -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME)
    result = cli(
        "impact", "--supplier", supplier, "--format", "json", "--as-of", AS_OF, cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    return result.json()


def insurers(found: Any) -> list[tuple[str, str]]:
    return [(n["document"], n["kind"]) for n in found["notices"] if n["kind"] == "insurer"]


def test_a_wallet_saas_compromise_gives_the_specie_insurer_no_notice(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = impact(cli, write, tmp_path, "wallets")
    assert [d for d, _ in insurers(found)] == ["cyber", "cyber-xs", "crime"]
    assert [p["policy"] for p in found["insurance"]] == ["cyber", "crime"]
    (note,) = [n for n in found["notes"] if n.startswith("Insurer notices")]
    assert note.startswith("Insurer notices of insurance policy specie are not listed: a specie")


def test_a_forwarders_outage_gives_no_insurer_notice_where_no_cover_responds(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """The specie policy stays: what a supplier without ICT services keeps or carries may be
    valuables of ours (the wording decides)."""
    found = impact(cli, write, tmp_path, "forwarder")
    assert insurers(found) == [("specie", "insurer")]
    assert [c["responds"] for c in found["insurance"][0]["covers"]] == ["no", "no"]
    notes = [n for n in found["notes"] if n.startswith("Insurer notices")]
    assert notes[0].startswith("Insurer notices of insurance policies cyber and cyber-xs are not")
    assert any("policy crime are not listed: a crime policy" in n for n in notes)


def test_a_custodians_outage_runs_the_cyber_insurers_clocks_only_if_our_data_is_exposed(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """No business-interruption cover answers a custodian's outage: the cyber tower can answer
    only a claim for the exposure of our data the custodian holds, so its notice and claim
    clocks say they run only then (as the data protection authority's runs only if personal
    data is breached); a wallet SaaS provider's compromise, which its covers may answer, keeps
    the plain condition."""
    found = impact(cli, write, tmp_path, "custodian")
    cyber = [n for n in found["notices"] if n["document"] in ("cyber", "cyber-xs")]
    assert {n["kind"] for n in cyber} == {"insurer"}
    assert len(cyber) == 2
    for notice in cyber:
        assert notice["condition"].startswith(
            "if our data that custodian holds is exposed (none of the policy's "
            "business-interruption covers responds to the outage itself); a policy condition"
        ), notice
    for notice in impact(cli, write, tmp_path, "wallets")["notices"]:
        assert not notice["condition"].startswith("if our data"), notice


def test_a_vaults_outage_still_gives_the_specie_insurer_notice(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    assert [d for d, _ in insurers(impact(cli, write, tmp_path, "vault"))] == ["specie"]


def test_our_own_functions_outage_gives_every_insurer_notice(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    write("resilint.yaml", "{}\n")
    write(
        "programme.yaml",
        PROGRAMME + "---\napiVersion: resilint/v1\nkind: BusinessFunction\nid: ops\n"
        "criticality: critical\nentities: [co]\n",
    )
    result = cli("impact", "--function", "ops", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    found = result.json()
    assert sorted(d for d, _ in insurers(found)) == ["crime", "cyber", "cyber-xs", "specie"]
