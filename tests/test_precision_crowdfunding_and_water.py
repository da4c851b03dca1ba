"""Precision on a crowdfunding platform under DORA and a water utility under NIS2, through the
CLI on real YAML.

CTR-08 asked a security indemnity of the utility's telemetry carrier (a private APN carrying
traffic our own VPN encrypts end to end) and of a colocation provider
housing our racks. Neither holds any of our data: the losses such an indemnity is for (breach
notification, the claims of the people whose data it was) do not arise from its failure, and
what it does fail at (a line or a site down) is met by service credits and a second route or
site. A carrier or a colocation that runs something for us, or stores our data, is still asked;
the other remedies (accelerated termination) still are."""

from __future__ import annotations

from one_file import check, messages, repo
from test_precision_terms import contract, service, supplier

CRITICAL = "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
CARRIER = CRITICAL + "services:\n" + service("S10", False, "telemetry-network")
COLOCATION = CRITICAL + "services:\n" + service("S07", False, "racks")
WITHOUT_INDEMNITY = "remedies: {accelerated_termination: true}\n"


def remedies(cli, write, body: str, terms: str = WITHOUT_INDEMNITY) -> str:
    found = check(cli, write, repo(supplier(body), contract(terms)), ["CTR-08"])
    return messages(found, "CTR-08")


def test_a_carrier_or_colocation_holding_nothing_of_ours_is_asked_no_indemnity(cli, write):
    for body in (
        CARRIER,
        COLOCATION,
        CRITICAL + "service_model: network_carrier\nservices:\n  - {name: lines}\n",
        CRITICAL + "service_model: colocation\nservices:\n  - {name: cage}\n",
    ):
        assert "indemnity" not in remedies(cli, write, body), body


def test_the_other_remedies_are_still_asked_of_them(cli, write) -> None:
    said = remedies(cli, write, CARRIER, "remedies: {}\n")
    assert "terminate early" in said, said
    assert "indemnity" not in said, said


def test_a_network_run_for_us_or_storing_our_data_is_still_asked_an_indemnity(cli, write):
    managed = CARRIER.replace(
        "stores_data: false}", "stores_data: false, description: Managed network for our sites}"
    )
    assert "indemnity" in remedies(cli, write, managed)
    storing = COLOCATION.replace("stores_data: false", "stores_data: true")
    assert "indemnity" in remedies(cli, write, storing)


# -- impact: our own business-interruption cover for software we run ourselves -----------------

LICENSED = """
apiVersion: resilint/v1
kind: Entity
id: us
regimes: []
---
apiVersion: resilint/v1
kind: Supplier
id: ledgerworks
tier: 1
provides_ict_services: true
services:
  - {name: treasury-system, ict_service_type: S13, stores_data: false}
  - {name: support, ict_service_type: S13, stores_data: false}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: treasury
criticality: critical
entities: [us]
rto_hours: 8
mtpd_hours: 48
depends_on:
  suppliers: [ledgerworks]
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: Some Insurer
insured_entities: [us]
period: {start: 2026-01-01, end: 2027-06-30}
coverages:
  business_interruption: {included: true, sublimit: 1000000}
  dependent_business_interruption: {included: true, sublimit: 500000}
business_interruption: {waiting_period_hours: 8}
dependent_bi: {scope: all_suppliers}
"""


def own_cover(cli, write, text: str) -> dict[str, object]:
    write("resilint.yaml", "fail_on: error\n")
    write("repo.yaml", text)
    result = cli(
        "impact",
        "--supplier",
        "ledgerworks",
        "--hours",
        "12",
        "--as-of",
        "2026-11-26",
        "--format",
        "json",
    )
    covers = result.json()["insurance"][0]["covers"]
    return next(c for c in covers if c["cover"] == "business_interruption")


def test_software_we_run_ourselves_failing_is_our_own_outage(cli, write) -> None:
    # a faulty or malicious update of software on our servers takes our own systems down:
    # business-interruption cover answers, not "maybe, if we cut its integrations off"
    cover = own_cover(cli, write, LICENSED)
    assert cover["responds"] == "yes", cover
    assert "runs on our own systems" in str(cover["why"]), cover
    assert "integrations" not in str(cover["why"]), cover


def test_a_platform_run_elsewhere_is_still_maybe(cli, write) -> None:
    cover = own_cover(cli, write, LICENSED.replace("S13", "S19"))
    assert cover["responds"] == "maybe", cover


# -- impact and CTR-04: no personal-data breach clock for a supplier holding no personal data ----

CUSTODIAN = """
apiVersion: resilint/v1
kind: Entity
id: fund-co
regimes: [dora]
entity_type: management_company
reporting_clocks: {regulator_initial_hours: 24, data_protection_authority_hours: 72}
---
apiVersion: resilint/v1
kind: Supplier
id: depotbank
name: Rhein Depotbank AG
tier: 1
provides_ict_services: false
service_model: financial_service
data_sensitivity: confidential
highest_access_level: none
services:
  - {name: custody, service_type: depositary and securities custody, stores_data: true}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: fund-admin
criticality: critical
entities: [fund-co]
rto_hours: 8
mtpd_hours: 48
depends_on:
  suppliers: [depotbank]
"""


def notices(cli, write, text: str) -> list[str]:
    write("resilint.yaml", "fail_on: error\n")
    write("repo.yaml", text)
    result = cli("impact", "--supplier", "depotbank", "--as-of", "2026-11-26", "--format", "json")
    return [str(n["kind"]) for n in result.json()["notices"]]


def test_a_custodian_recorded_as_holding_no_personal_data_starts_no_gdpr_clock(cli, write):
    # unrecorded, its confidential data may be personal: the clock is listed, conditionally
    assert "data_protection_authority" in notices(cli, write, CUSTODIAN)
    recorded = CUSTODIAN.replace("data_sensitivity:", "personal_data: false\ndata_sensitivity:")
    assert "data_protection_authority" not in notices(cli, write, recorded)


def test_personal_data_recorded_starts_it_whatever_the_sensitivity(cli, write) -> None:
    internal = CUSTODIAN.replace("data_sensitivity: confidential", "data_sensitivity: internal")
    assert "data_protection_authority" not in notices(cli, write, internal)
    recorded = internal.replace("data_sensitivity:", "personal_data: true\ndata_sensitivity:")
    assert "data_protection_authority" in notices(cli, write, recorded)


def test_ctr04_fits_no_window_to_the_gdpr_clock_of_a_supplier_holding_no_personal_data(
    cli, write
) -> None:
    text = repo(
        "apiVersion: resilint/v1\nkind: Entity\nid: fund-co\nregimes: []\n"
        "reporting_clocks: {data_protection_authority_hours: 72}\n",
        supplier(
            "tier: 2\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
            "highest_access_level: none\nservices:\n"
            "  - {name: analytics, service_type: portfolio analytics software as a service}\n"
        ),
        contract("entities: [fund-co]\nincident_notification: {window_hours: 96}\n"),
    )
    assert "data protection" in messages(check(cli, write, text, ["CTR-04"]), "CTR-04")
    recorded = text.replace("data_sensitivity:", "personal_data: false\ndata_sensitivity:")
    assert check(cli, write, recorded, ["CTR-04"]) == []
