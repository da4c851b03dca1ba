"""A retailer with no regulatory regime recorded (a UK company: no DORA, NIS2 or NYDFS), through
the CLI on real YAML: every contract term it is asked rests on the programme's policy, and the
findings of the terms whose basis is always policy (the notice's content, CTR-05; log retention,
forensic images, preservation and access, CTR-06; cooperation with our counsel and insurer,
CTR-07) say so, as CTR-08's already did, so that a procurement manager negotiating them is not
led to cite a law. A regulatory duty (cooperation with our incident team under DORA Art.
30(2)(f)) is not labelled policy."""

from __future__ import annotations

from one_file import CYBER_POLICY, check, doc, messages, repo
from test_precision_terms import contract, identity, supplier

POLICY = "(programme policy, not a legal requirement)"
RETAILER = doc("Entity", "retailer", "country: GB\nregimes: []\n")
AGENCY = (
    "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    "services:\n  - {name: campaigns, service_type: marketing agency, stores_data: true}\n"
)
PLATFORM = (
    "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
    "highest_access_level: write\nservices:\n"
    "  - {name: wms, service_type: hosted warehouse management system, stores_data: true}\n"
)
KEY = identity("wms-key", "api_key", "write", "rotation_days: 90\nlast_rotated: 2026-10-01\n")


def test_claim_duties_asked_of_an_agency_holding_customer_data_say_they_are_policy(
    cli, write
) -> None:
    text = repo(RETAILER, supplier(AGENCY), contract("cooperation: {incident_team: true}\n"))
    found = messages(check(cli, write, repo(text, CYBER_POLICY), ["CTR-07"]), "CTR-07")
    assert "outside counsel" in found and "questionnaires" in found
    # each duty the finding folds says it, its reason unchanged
    assert found.count(POLICY) == 2
    assert "it is tier 2 in effect and holds our data " + POLICY in found


def test_notice_content_and_evidence_terms_say_they_are_policy(cli, write) -> None:
    terms = "incident_notification:\n  window_hours: 24\n  content: [contact]\n"
    text = repo(RETAILER, supplier(PLATFORM), KEY, contract(terms), CYBER_POLICY)
    found = check(cli, write, text, ["CTR-05", "CTR-06"])
    notice, evidence = messages(found, "CTR-05"), messages(found, "CTR-06")
    assert "isolated" in notice and POLICY in notice
    assert "keep logs" in evidence and POLICY in evidence
    # the terms met, nothing is said
    met = (
        "incident_notification:\n  window_hours: 24\n  content: [isolation_status, "
        "disabled_privileged_accounts, exfiltration_indicators, secrets_to_rotate, contact]\n"
        "evidence_retention:\n  log_days: 400\n  forensic_images: true\n"
        "  preservation_on_request: true\n  access_for: [incident_team, insurer_forensics]\n"
    )
    text = repo(RETAILER, supplier(PLATFORM), KEY, contract(met), CYBER_POLICY)
    assert check(cli, write, text, ["CTR-05", "CTR-06"]) == []


def test_cooperation_with_our_incident_team_is_not_labelled_policy(cli, write) -> None:
    text = repo(RETAILER, supplier(PLATFORM), KEY, contract("cooperation: {}\n"), CYBER_POLICY)
    found = messages(check(cli, write, text, ["CTR-07"]), "CTR-07")
    team = found.split("incident-response team")[0]
    assert "cooperate with" in team and POLICY not in team


# -- EXR-01: a critical function not exercised says what asks it yearly -----------------------


def untested(regimes: str) -> str:
    entity = doc("Entity", "ours", f"country: GB\nregimes: {regimes}\n")
    function = doc("BusinessFunction", "card-payments", "entities: [ours]\ncriticality: critical\n")
    return repo(entity, function)


def test_an_unexercised_function_says_yearly_is_policy_where_no_law_asks_it(cli, write) -> None:
    found = messages(check(cli, write, untested("[]"), ["EXR-01"]), "EXR-01")
    assert "has not been exercised in the last 365 days" in found
    assert "ISO 22301 clause 8.5 asks it tested at planned intervals, yearly by policy" in found
    assert "DORA" not in found


def test_an_unexercised_function_of_a_dora_entity_cites_the_article(cli, write) -> None:
    found = messages(check(cli, write, untested("[dora]"), ["EXR-01"]), "EXR-01")
    assert "DORA Art. 11(6)(a) asks it tested at least yearly" in found
    assert "by policy" not in found


# -- CON-04: an exit plan asked beyond DORA says it is policy ----------------------------------


def test_an_irreplaceable_platform_without_exit_plan_is_asked_one_as_policy(cli, write) -> None:
    platform = (
        "tier: 1\nprovides_ict_services: true\nservices:\n"
        "  - {name: storefront, supports_critical_function: true,"
        " substitutability: not_substitutable}\n"
    )
    text = repo(RETAILER, supplier(platform, "shop"))
    found = messages(check(cli, write, text, ["CON-04"]), "CON-04")
    assert "has no exit plan" in found
    assert "(programme policy; for entities under DORA, Art. 28(8) asks exit strategies)" in found
    planned = platform.replace(
        "not_substitutable}", "not_substitutable, exit_plan: {reference: x}}"
    )
    assert check(cli, write, repo(RETAILER, supplier(planned, "shop")), ["CON-04"]) == []
