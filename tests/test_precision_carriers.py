"""The tenth precision audit (a Luxembourg fund manager and a US healthcare SaaS), through the CLI
on real YAML: a supplier that holds nothing of ours (a telecom carrier, a vault of ciphertext) is
asked no claim duties; a telecom carrier or network infrastructure storing none of our data is a
network carrier (no step-in, forensic images or joint playbook, like a colocation); and the
messages say why a duty is asked (what the supplier holds, its tier in effect), which exposure
defeats an exemption, and which service models exist to record. Each false alarm is gone, and
each real gap is still found."""

from __future__ import annotations

from one_file import CYBER_POLICY, check, codes, doc, messages, repo
from test_precision_terms import contract, identity, supplier

# -- claim duties only of a supplier that holds something of ours (CTR-07) --------------------

TEAM_ONLY = "cooperation: {incident_team: true, authorities: true}\n"
CARRIER = (
    "tier: 2\nprovides_ict_services: true\ndata_sensitivity: internal\n"
    "highest_access_level: none\nservices:\n"
    "  - {name: connectivity, ict_service_type: S10, stores_data: false}\n"
)
VAULT = (
    "tier: 2\nprovides_ict_services: true\ndata_sensitivity: restricted\n"
    "data_access: ciphertext_only\nhighest_access_level: none\nservices:\n"
    "  - {name: offsite-backup, ict_service_type: S09, stores_data: true}\n"
)


def cooperation(cli, write, body: str, *extra: str) -> list[dict[str, object]]:
    text = repo(supplier(body), *extra, contract(TEAM_ONLY), CYBER_POLICY)
    return check(cli, write, text, ["CTR-07"])


def test_a_carrier_holding_nothing_of_ours_is_asked_no_insurer_questionnaires(cli, write) -> None:
    assert cooperation(cli, write, CARRIER) == []
    # a carrier with an account in our systems holds credentials into them: asked
    key = identity("carrier-portal", "api_key", "read-only", "rotation_days: 90\n")
    found = messages(cooperation(cli, write, CARRIER, key), "CTR-07")
    assert "questionnaires" in found
    assert "it is tier 2 in effect and holds credentials into our systems" in found


def test_a_vault_of_ciphertext_without_the_keys_is_asked_no_claim_duties(cli, write) -> None:
    assert cooperation(cli, write, VAULT) == []
    # the same vault reading what it keeps holds our data: asked, and told why
    readable = VAULT.replace("data_access: ciphertext_only\n", "")
    found = messages(cooperation(cli, write, readable), "CTR-07")
    assert "questionnaires" in found and "outside counsel" in found
    assert "it is tier 1 in effect (recorded as tier 2; tier 1 because it handles" in found
    assert "and holds our data" in found


# -- the joint playbook message names what defeats the shared-SaaS exemption (PLB-02) ----------

IDP = (
    "tier: 1\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
    "data_sensitivity: confidential\nservices:\n"
    "  - {name: workforce-identity, stores_data: true, substitutability: medium_complexity}\n"
)
SIGN_IN = doc(
    "BusinessFunction",
    "scheduling",
    "criticality: critical\ndepends_on:\n  identity_providers: [okta]\n",
)


def test_a_shared_saas_running_our_sign_in_is_told_that_is_why_it_needs_a_playbook(
    cli, write
) -> None:
    # holding only our data, a multi-tenant SaaS is left out
    assert check(cli, write, supplier(IDP, "okta"), ["PLB-02"]) == []
    found = messages(check(cli, write, repo(supplier(IDP, "okta"), SIGN_IN), ["PLB-02"]), "PLB-02")
    assert "it is a multi-tenant SaaS, but not one that only holds our data" in found
    assert "runs our sign-in" in found
    # access into our systems defeats it too, and is said
    key = identity("okta-scim", "api_key", "write", "mfa: true\n", "okta")
    found = messages(check(cli, write, repo(supplier(IDP, "okta"), key), ["PLB-02"]), "PLB-02")
    assert "holds our data and credentials into our systems" in found


# -- a network carrier: connectivity holding nothing of ours at rest --------------------------

CRITICAL_CARRIER = CARRIER.replace("tier: 2", "tier: 1")
CARRIER_TERMS = ["CTR-06", "CTR-07", "CTR-08", "PLB-02"]
LOGS = (
    "evidence_retention:\n  log_days: 400\n  preservation_on_request: true\n"
    "  access_for: [incident_team]\n"
)
REMEDIES = "remedies: {security_indemnity: true, accelerated_termination: true}\n"


def carrier_terms(cli, write, body: str, terms: str = TEAM_ONLY + LOGS + REMEDIES) -> list:
    return check(cli, write, repo(supplier(body), contract(terms)), CARRIER_TERMS)


def test_a_telecom_carrier_is_asked_no_step_in_images_claim_duties_or_playbook(cli, write) -> None:
    # S10 and S11 storing none of our data: a network carrier, recorded or inferred
    assert carrier_terms(cli, write, CRITICAL_CARRIER) == []
    network = CRITICAL_CARRIER.replace("S10", "S11")
    assert carrier_terms(cli, write, network) == []
    recorded = CRITICAL_CARRIER.replace("ict_service_type: S10, ", "") + (
        "service_model: network_carrier\n"
    )
    assert carrier_terms(cli, write, recorded) == []
    # holding nothing of ours, it is asked no log days (its connection records are kept under
    # its own telecoms duties: grid operator and telecom audits), but preservation on request
    # and our team's access still are, and the model is known
    found = carrier_terms(cli, write, CRITICAL_CARRIER, TEAM_ONLY + REMEDIES)
    assert codes(found) == ["CTR-06"] and "keep logs" not in messages(found, "CTR-06")
    assert "preserve evidence when we ask" in messages(found, "CTR-06")
    assert "service_model" not in messages(found, "CTR-06")
    # a carrier holding credentials into our systems (a managed router's API key) is asked them
    key = identity("carrier-api", "api_key", "write", "rotation_days: 90\n", "acme")
    found = check(
        cli,
        write,
        repo(supplier(CRITICAL_CARRIER), key, contract(TEAM_ONLY + REMEDIES)),
        ["CTR-06"],
    )
    assert "keep logs" in messages(found, "CTR-06")


def test_a_network_run_for_us_is_a_managed_service(cli, write) -> None:
    managed = CRITICAL_CARRIER.replace(
        "stores_data: false}", "stores_data: false, description: Managed network for our sites}"
    )
    found = carrier_terms(cli, write, managed)
    assert "CTR-08" in codes(found) and "step-in" in messages(found, "CTR-08")


def test_a_network_keeping_our_data_is_unknown_and_told_which_models_exist(cli, write) -> None:
    from resilint.domain.delivery import MODELS

    stores = CRITICAL_CARRIER.replace("stores_data: false", "stores_data: true")
    # the models are listed once for the supplier (on its first finding), the others name it
    found = " ".join(f["message"] for f in carrier_terms(cli, write, stores))
    assert found.count("record its service_model, one of managed_service") == 1
    advice = found.split("record its service_model, one of ")[1].split(", and a term")[0]
    named = [word for word in advice.replace(",", " ").split() if "_" in word]
    assert named and set(named) <= set(MODELS), named
    assert "network_carrier" in named and "multi_tenant_saas" in named
