"""The precision round for counterparties that are not IT vendors and for terms that have no
object, through the CLI: a bank or a law firm told by the words a programme records about it, a
tape vault holding ciphertext only, the suspected-compromise trigger where a compromise can reach
us, the claim duties of IaaS and multi-tenant SaaS, the insurer's forensics access where images
are asked, open-ended engagement letters, disabled break-glass identities and joint playbooks of a
SaaS that only holds our data. Each false alarm is gone, and each real gap is still found."""

from __future__ import annotations

import json

from one_file import CYBER_POLICY
from test_precision_terms import (
    AS_OF,
    FULL_COOPERATION,
    check,
    codes,
    contract,
    doc,
    messages,
    repo,
)
from test_precision_terms import identity as identity_doc
from test_precision_terms import supplier as supplier_doc

BANK = (
    "tier: 1\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    "highest_access_level: write\nservices:\n"
    "  - {name: cash-management, service_type: banking (regulated financial service)}\n"
)
COUNSEL = (
    "tier: 1\nprovides_ict_services: false\ndata_sensitivity: restricted\n"
    "highest_access_level: none\ndescription: Coverage and regulatory counsel; breach coach.\n"
)
H2H = "expires: 2027-06-30\n"
NO_REMEDIES = "remedies: {step_in_rights: false, security_indemnity: false}\n"


def test_a_bank_told_by_its_service_type_is_asked_no_it_vendor_terms(cli, write) -> None:
    found = check(
        cli,
        write,
        repo(
            supplier_doc(BANK),
            identity_doc("bank-h2h", "certificate", "write", H2H),
            contract("incident_notification: {window_hours: 24, trigger: confirmed}\n"),
        ),
        ["CTR-03", "CTR-07", "CTR-08"],
    )
    assert found == []


def test_a_law_firm_told_by_its_description_is_asked_no_it_vendor_terms(cli, write) -> None:
    found = check(
        cli,
        write,
        repo(
            supplier_doc(COUNSEL, "counsel"),
            contract("auto_renew: true\nstart_date: 2024-02-01\n", "counsel"),
        ),
        ["CTR-07", "CTR-08", "CTR-13", "CTR-14", "SUP-03"],
    )
    # the law firm still needs a named contact to hear of a breach of our files
    assert codes(found) == ["SUP-03"]
    assert "no security contact" in messages(found, "SUP-03")


def test_a_recorded_service_model_wins_over_the_words(cli, write) -> None:
    recorded = BANK + "service_model: managed_service\n"
    found = check(cli, write, repo(supplier_doc(recorded), contract()), ["CTR-07", "CTR-08"])
    assert codes(found) == ["CTR-07", "CTR-08"]


def test_the_words_do_not_make_an_ict_supplier_a_bank(cli, write) -> None:
    ict = BANK.replace("provides_ict_services: false", "provides_ict_services: true")
    found = check(cli, write, repo(supplier_doc(ict), contract()), ["CTR-07"])
    assert codes(found) == ["CTR-07"]


def test_the_words_do_not_make_a_supplier_operating_in_our_systems_a_law_firm(cli, write) -> None:
    found = check(
        cli,
        write,
        repo(
            supplier_doc(COUNSEL, "counsel"),
            identity_doc("counsel-dms", "human_account", "write", "mfa: true\n", "counsel"),
            contract("", "counsel"),
        ),
        ["CTR-07"],
    )
    assert codes(found) == ["CTR-07"]


def test_a_tape_vault_holding_ciphertext_only_is_not_asked_claim_duties(cli, write) -> None:
    vault = (
        "tier: 2\nprovides_ict_services: false\ndata_sensitivity: restricted\n"
        "data_access: ciphertext_only\nhighest_access_level: none\n"
    )
    found = check(cli, write, repo(supplier_doc(vault), contract()), ["CTR-07"])
    assert found == []
    readable = vault.replace("data_access: ciphertext_only\n", "")
    found = check(cli, write, repo(supplier_doc(readable), contract()), ["CTR-07"])
    assert codes(found) == ["CTR-07"]


def trigger(cli, write, body: str, extra: str = "") -> list[str]:
    notice = "incident_notification: {window_hours: 24, trigger: confirmed}\n"
    found = check(cli, write, repo(supplier_doc(body), extra, contract(notice)), ["CTR-03"])
    return [f["message"] for f in found]


def test_a_confirmed_breach_notice_suffices_where_a_compromise_cannot_reach_us(cli, write) -> None:
    travel = "tier: 3\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    assert trigger(cli, write, travel) == []
    counsel = "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    assert trigger(cli, write, counsel) == []


def test_the_trigger_is_asked_where_a_compromise_can_reach_us_or_the_supplier_is_critical(
    cli, write
) -> None:
    payroll = (
        "tier: 2\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
        "highest_access_level: read-only\n"
    )
    key = identity_doc("payroll-key", "api_key", "read-only", "rotation_days: 90\n")
    assert any("suspected" in m for m in trigger(cli, write, payroll, key))
    gearbox = "tier: 1\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    assert any("suspected" in m for m in trigger(cli, write, gearbox))


def cooperation(cli, write, body: str, terms: str) -> str:
    text = repo(supplier_doc(body), contract(terms), CYBER_POLICY)
    return messages(check(cli, write, text, ["CTR-07"]), "CTR-07")


TEAM_ONLY = "cooperation: {incident_team: true}\n"
NO_SWORN = FULL_COOPERATION.replace(", sworn_statements: true", "")


def test_iaas_is_asked_cooperation_with_our_team_only(cli, write) -> None:
    iaas = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: restricted\nservices:\n"
        "  - {name: hosting, ict_service_type: S17, stores_data: true}\n"
    )
    assert cooperation(cli, write, iaas, TEAM_ONLY) == ""
    assert "incident-response team" in cooperation(cli, write, iaas, "")


def test_a_multi_tenant_saas_is_not_asked_sworn_statements(cli, write) -> None:
    saas = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: restricted\nservices:\n"
        "  - {name: workspace, ict_service_type: S19, stores_data: true}\n"
    )
    assert cooperation(cli, write, saas, NO_SWORN) == ""
    assert "questionnaires" in cooperation(cli, write, saas, TEAM_ONLY)


def test_a_managed_service_is_asked_sworn_statements(cli, write) -> None:
    managed = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\nservices:\n"
        "  - {name: service-desk, ict_service_type: S14, stores_data: true}\n"
    )
    assert "sworn statements" in cooperation(cli, write, managed, NO_SWORN)


def evidence(cli, write, body: str) -> str:
    terms = (
        "evidence_retention:\n  log_days: 400\n  forensic_images: true\n"
        "  preservation_on_request: true\n  access_for: [incident_team]\n"
    )
    text = repo(supplier_doc(body), contract(terms), CYBER_POLICY)
    return messages(check(cli, write, text, ["CTR-06"]), "CTR-06")


def test_the_insurers_forensics_firm_is_asked_access_where_images_are(cli, write) -> None:
    managed = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\nservices:\n"
        "  - {name: soc, ict_service_type: S04, stores_data: true}\n"
    )
    assert "insurer_forensics access" in evidence(cli, write, managed)
    saas = managed.replace("S04", "S19")
    assert evidence(cli, write, saas) == ""
    tier_2 = managed.replace("tier: 1", "tier: 2")
    assert evidence(cli, write, tier_2) == ""


def breakglass(cli, write, status: str) -> list[str]:
    retainer = "tier: 2\nprovides_ict_services: true\nhighest_access_level: privileged\n"
    found = check(
        cli,
        write,
        repo(
            supplier_doc(retainer),
            identity_doc("ir-breakglass", "human_account", "privileged", f"status: {status}\n"),
            contract(),
        ),
        ["IAM-03"],
    )
    return codes(found)


def test_a_disabled_break_glass_identity_is_not_privileged_access_held(cli, write) -> None:
    assert breakglass(cli, write, "disabled") == []
    assert breakglass(cli, write, "active") == ["IAM-03"]


def playbook(cli, write, extra: str) -> list[str]:
    saas = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: restricted\nservices:\n"
        "  - {name: workspace, ict_service_type: S19, stores_data: true}\n"
    )
    found = check(cli, write, repo(supplier_doc(saas), extra, contract()), ["PLB-02"])
    return codes(found)


def test_a_saas_that_only_holds_our_data_needs_no_joint_playbook(cli, write) -> None:
    assert playbook(cli, write, "") == []
    key = identity_doc("saas-sync", "api_key", "write", "rotation_days: 90\n")
    assert playbook(cli, write, key) == ["PLB-02"]


def test_the_counterparties_in_one_programme(cli, write) -> None:
    """A depositary, a house bank and outside counsel beside an IT vendor: only the vendor's
    missing remedies are reported."""
    depositary = (
        "tier: 1\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
        "description: Depositary and custodian of the funds.\n"
    )
    vendor = "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
    found = check(
        cli,
        write,
        repo(
            supplier_doc(depositary, "depositary"),
            contract("", "depositary"),
            supplier_doc(BANK, "house-bank"),
            contract("", "house-bank"),
            supplier_doc(COUNSEL, "counsel"),
            contract("", "counsel"),
            supplier_doc(vendor, "vendor"),
            contract(NO_REMEDIES, "vendor"),
            doc("Identity", "x", "supplier: house-bank\ntype: certificate\naccess_level: write\n"),
        ),
        ["CTR-07", "CTR-08"],
    )
    assert {f["path"] for f in found} == {"repo.yaml"}
    assert all("vendor" in f["message"] for f in found), [f["message"] for f in found]


def step_in(cli, write, model: str, substitutability: str) -> list[str]:
    body = (
        f"tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
        f"service_model: {model}\nservices:\n"
        f"  - {{name: contact-centre, stores_data: true, substitutability: {substitutability}}}\n"
    )
    terms = (
        "remedies: {step_in_rights: false, security_indemnity: true, "
        "accelerated_termination: true}\n"
    )
    found = check(cli, write, repo(supplier_doc(body), contract(terms)), ["CTR-08"])
    return [f["message"] for f in found]


def test_a_replaceable_multi_tenant_saas_is_left_to_its_exit_plan(cli, write) -> None:
    assert step_in(cli, write, "multi_tenant_saas", "medium_complexity") == []
    assert step_in(cli, write, "multi_tenant_saas", "highly_complex") != []
    # a bureau run for us: step-in is the remedy however replaceable it is
    assert step_in(cli, write, "managed_service", "medium_complexity") != []


def test_words_that_also_name_other_trades_leave_the_model_unknown(cli, write) -> None:
    vault = (
        "tier: 1\nprovides_ict_services: false\ndata_sensitivity: confidential\nservices:\n"
        "  - {name: vaulting, service_type: records custody and archiving}\n"
    )
    assert codes(check(cli, write, repo(supplier_doc(vault), contract()), ["CTR-07"])) == ["CTR-07"]


def images(cli, write, service_type: str, code: str = "") -> list[str]:
    typed = f", ict_service_type: {code}" if code else ""
    body = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\nservices:\n"
        f"  - {{name: svc, service_type: {service_type}, stores_data: true{typed}}}\n"
    )
    terms = (
        "evidence_retention:\n  log_days: 400\n  preservation_on_request: true\n"
        "  access_for: [incident_team, insurer_forensics]\n"
    )
    found = check(cli, write, repo(supplier_doc(body), contract(terms)), ["CTR-06"])
    return [f["message"] for f in found]


def test_a_service_recorded_as_software_as_a_service_is_a_shared_platform(cli, write) -> None:
    """No forensic images of a platform its words call SaaS, where the ICT service type does not
    say otherwise; a single-tenant instance or a bureau is still asked them."""
    assert images(cli, write, "backup as a service", "S09") == []
    assert images(cli, write, "CCaaS") == []
    assert images(cli, write, "single-tenant WMS software as a service") != []
    assert images(cli, write, "payroll SaaS and bureau") != []
    # the ICT service type decides where it says the model
    assert images(cli, write, "backup as a service", "S14") != []


def counsel_terms(cli, write, tier: int, extra: dict[str, object] | None = None) -> list[str]:
    firm = COUNSEL.replace("tier: 1", f"tier: {tier}").replace("restricted", "confidential")
    text = repo(supplier_doc(firm, "counsel"), contract("", "counsel"))
    return codes(check(cli, write, text, ["CTR-03", "SUP-03"], extra))


def test_a_law_firm_below_tier_1_is_asked_no_breach_notice_or_security_contact(cli, write) -> None:
    assert counsel_terms(cli, write, 2) == []
    assert counsel_terms(cli, write, 3) == []
    assert counsel_terms(cli, write, 1) == ["CTR-03", "SUP-03"]
    everyone = {
        "requirements": {
            "incident_notice": {"critical_only_for": []},
            "security_contact": {"critical_only_for": []},
        }
    }
    assert counsel_terms(cli, write, 2, everyone) == ["CTR-03", "SUP-03"]
    wrong = {"requirements": {"incident_notice": {"critical_only_for": ["law_firm"]}}}
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-03"], **wrong}))
    assert cli("check", "repo.yaml", "--no-cache", "--as-of", AS_OF).exit_code == 2


def test_the_insurers_forensics_firm_is_asked_access_to_our_identity_providers_records(
    cli, write
) -> None:
    idp = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\nservices:\n"
        "  - {name: workforce-identity, ict_service_type: S19, stores_data: true}\n"
    )
    terms = (
        "evidence_retention:\n  log_days: 400\n  preservation_on_request: true\n"
        "  access_for: [incident_team]\n"
    )
    sign_in = doc("BusinessFunction", "claims", "criticality: critical\n") + (
        "depends_on: {identity_providers: [acme]}\n"
    )
    text = repo(supplier_doc(idp), contract(terms), sign_in, CYBER_POLICY)
    found = check(cli, write, text, ["CTR-06"])
    assert "insurer_forensics access" in messages(found, "CTR-06")
    found = check(cli, write, repo(supplier_doc(idp), contract(terms), CYBER_POLICY), ["CTR-06"])
    assert found == []


ACTUARY = (
    "tier: 3\nprovides_ict_services: false\nservice_model: professional_service\n"
    "description: Actuarial consultancy; reads our reserving data in the data room.\n"
)


def test_a_read_only_seat_does_not_make_a_non_ict_adviser_an_ict_contract(cli, write) -> None:
    """DORA Art. 30(2) and 28(7) are asked of contracts for ICT services: an actuary that we
    give a seat to look at our data provides none; one that acts in our systems still counts
    where nothing recorded says it is an adviser (a payroll bureau with administrator rights
    provides no ICT services by its record either), not where its service model says so."""
    dora = ["CTR-01", "CTR-09"]
    for looking in (
        "highest_access_level: read-only\n",
        "",  # its access told by an identity of a person who looks
    ):
        documents = [supplier_doc(ACTUARY + looking, "actuaria"), contract("", "actuaria")]
        if not looking:
            documents.append(identity_doc("act-seat", "human_account", "read-only", "", "actuaria"))
        assert check(cli, write, repo(*documents), dora) == []
    acting = supplier_doc(ACTUARY + "highest_access_level: write\n", "actuaria")
    assert check(cli, write, repo(acting, contract("", "actuaria")), dora) == []
    unknown = ACTUARY.replace("service_model: professional_service\n", "")
    acting = supplier_doc(unknown + "highest_access_level: write\n", "actuaria")
    assert codes(check(cli, write, repo(acting, contract("", "actuaria")), dora)) == dora
    # unrecorded, any access still makes the contract an ICT one (nothing says otherwise)
    unsaid = supplier_doc(ACTUARY.replace("provides_ict_services: false\n", ""), "actuaria")
    seat = unsaid + "highest_access_level: read-only\n"
    assert codes(check(cli, write, repo(seat, contract("", "actuaria")), dora)) == dora


def test_a_critical_supplier_holding_our_data_owes_a_security_indemnity(cli, write) -> None:
    """A tier-1 logistics provider with no ICT services and no access to our systems, holding our
    customers' confidential data: a breach there costs us notification and claims, which the
    security indemnity covers (programme policy). A law firm holding restricted
    files is still not asked (professional_service)."""
    logistics = (
        "tier: 1\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
        "highest_access_level: none\ndescription: Third-party warehouse and parcel despatch.\n"
    )
    remedies = "remedies: {security_indemnity: false, accelerated_termination: true}\n"
    found = check(cli, write, repo(supplier_doc(logistics), contract(remedies)), ["CTR-08"])
    assert codes(found) == ["CTR-08"]
    assert "no indemnity for losses caused by negligent security" in messages(found, "CTR-08")
    found = check(
        cli,
        write,
        repo(supplier_doc(logistics), contract(remedies.replace("false", "true"))),
        ["CTR-08"],
    )
    assert found == []
    # holding only internal data: not asked
    internal = logistics.replace("confidential", "internal")
    assert check(cli, write, repo(supplier_doc(internal), contract(remedies)), ["CTR-08"]) == []
    counsel = repo(supplier_doc(COUNSEL, "counsel"), contract(remedies, "counsel"))
    assert check(cli, write, counsel, ["CTR-08"]) == []


def test_a_critical_supplier_holding_nothing_of_ours_owes_no_incident_cooperation(
    cli, write
) -> None:
    """A tier-1 chlorine supplier of a waterworks: no ICT services, no access to our systems,
    none of our confidential data. An incident there reaches nothing of ours for our incident
    team, counsel or insurer to investigate (CTR-07 has no object); its notice of a disruption
    is still asked (CTR-03). Holding our confidential data, it is asked to cooperate."""
    chlorine = (
        "tier: 1\nprovides_ict_services: false\ndata_sensitivity: internal\n"
        "highest_access_level: none\ndescription: Sodium hypochlorite deliveries.\n"
    )
    found = check(cli, write, repo(supplier_doc(chlorine), contract()), ["CTR-03", "CTR-07"])
    assert codes(found) == ["CTR-03"]
    holder = chlorine.replace("internal", "confidential")
    found = check(cli, write, repo(supplier_doc(holder), contract()), ["CTR-07"])
    assert codes(found) == ["CTR-07"]
    assert "cooperate with our incident-response team" in messages(found, "CTR-07")
