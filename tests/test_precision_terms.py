"""The precision round for the requirements matrix, through the CLI: ICT-security terms keyed to
what a supplier does and holds (T4), regulated banks not treated as IT vendors (T5), law firms and
engagement letters (T8), a named contact for tier-3 data-only suppliers (T11). Each false alarm is
gone, and each real gap (step-in from a payroll bureau or a NAV platform) is still found."""

from __future__ import annotations

import json
from pathlib import Path

from one_file import AS_OF, CYBER_POLICY, check, codes, doc, messages, repo

from resilint.domain.delivery import MODELS

TERMS = ["CTR-05", "CTR-06", "CTR-07", "CTR-08"]
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def supplier(body: str, sid: str = "acme") -> str:
    return doc("Supplier", sid, body)


def contract(body: str = "", sid: str = "acme") -> str:
    return doc("Contract", f"ctr-{sid}", f"supplier: {sid}\nstatus: active\n{body}")


def identity(iid: str, kind: str, level: str, extra: str = "", sid: str = "acme") -> str:
    return doc("Identity", iid, f"supplier: {sid}\ntype: {kind}\naccess_level: {level}\n{extra}")


def service(code: str, stores: bool = True, name: str = "svc") -> str:
    stored = "true" if stores else "false"
    return f"  - {{name: {name}, ict_service_type: {code}, stores_data: {stored}}}\n"


ALL_CONTENT = (
    "incident_notification:\n  content: [isolation_status, disabled_privileged_accounts, "
    "exfiltration_indicators, secrets_to_rotate, contact]\n"
)
BASE_CONTENT = "incident_notification:\n  content: [isolation_status, contact]\n"
FULL_EVIDENCE = (
    "evidence_retention:\n  log_days: 400\n  forensic_images: true\n"
    "  preservation_on_request: true\n  access_for: [incident_team, insurer_forensics]\n"
)
LOGS_ONLY = FULL_EVIDENCE.replace("  forensic_images: true\n", "")
FULL_COOPERATION = (
    "cooperation:\n  incident_team: true\n  outside_counsel: true\n"
    "  insurer: {questionnaires: true, sworn_statements: true}\n"
)
NO_REMEDIES = (
    "remedies: {step_in_rights: false, security_indemnity: false, accelerated_termination: false}\n"
)
TIER1_ICT = "tier: 1\nprovides_ict_services: true\n"


# -- T4: the notice's items by what the supplier holds (CTR-05) --------------------------------


def test_a_colocation_holding_nothing_of_ours_is_asked_isolation_and_a_contact(cli, write) -> None:
    colo = supplier(TIER1_ICT + "data_sensitivity: restricted\nservices:\n" + service("S07", False))
    assert check(cli, write, repo(colo, contract(BASE_CONTENT)), ["CTR-05"]) == []
    # the base items stay asked of everyone
    found = check(
        cli,
        write,
        repo(colo, contract("incident_notification: {content: [contact]}\n")),
        ["CTR-05"],
    )
    assert "isolation_status" in messages(found, "CTR-05")


def test_an_integration_credential_asks_secrets_to_rotate_not_disabled_accounts(cli, write) -> None:
    text = repo(
        supplier("tier: 2\nprovides_ict_services: true\ndata_sensitivity: internal\n"),
        identity(
            "acme-sftp", "sftp_user", "read-only", "rotation_days: 90\nlast_rotated: 2026-10-01\n"
        ),
        contract(BASE_CONTENT),
    )
    [finding] = check(cli, write, text, ["CTR-05"])
    assert "secrets_to_rotate" in finding["message"]
    assert "disabled_privileged_accounts" not in finding["message"]
    assert "exfiltration" not in finding["message"]


def test_a_person_account_in_our_systems_asks_which_accounts_were_disabled(cli, write) -> None:
    text = repo(
        supplier("tier: 2\nprovides_ict_services: true\n"),
        identity("acme-admins", "human_account", "write", "mfa: true\n"),
        contract(BASE_CONTENT.replace("contact]", "contact, secrets_to_rotate]")),
    )
    [finding] = check(cli, write, text, ["CTR-05"])
    assert "disabled_privileged_accounts" in finding["message"]


def test_persons_with_mfa_hold_no_secret_to_rotate_but_a_password_alone_is_one(cli, write) -> None:
    """A field contractor working in our systems through personal accounts with MFA (energy
    grid operator audit): after its compromise those accounts are disabled and re-enrolled,
    the notice's list of disabled accounts; there is no shared secret to rotate. An account
    without MFA rests on a password, and a machine credential is a secret."""
    crew = supplier("tier: 1\nprovides_ict_services: true\ndata_sensitivity: internal\n")
    asked = BASE_CONTENT.replace("contact]", "contact, disabled_privileged_accounts]")
    with_mfa = identity("acme-crew", "human_account", "write", "mfa: true\n")
    assert check(cli, write, repo(crew, with_mfa, contract(asked)), ["CTR-05"]) == []
    rotated = "rotation_days: 90\nlast_rotated: 2026-10-01\n"
    for other in (
        identity("acme-crew2", "human_account", "write", "mfa: false\n"),
        identity("acme-api", "api_key", "read-only", rotated),
    ):
        [finding] = check(cli, write, repo(crew, with_mfa, other, contract(asked)), ["CTR-05"])
        assert "secrets_to_rotate" in finding["message"]
        assert "account without MFA" in finding["message"]
    revoked = identity("acme-api", "api_key", "read-only", "status: revoked\n")
    assert check(cli, write, repo(crew, with_mfa, revoked, contract(asked)), ["CTR-05"]) == []


def test_our_identity_provider_is_asked_for_accounts_and_secrets(cli, write) -> None:
    idp = supplier(TIER1_ICT + "name: Okta\n", "okta")
    others = identity(
        "mdr-analysts", "human_account", "privileged", "mfa: true\nidentity_provider: okta\n", "mdr"
    )
    text = repo(idp, supplier("tier: 2\n", "mdr"), others, contract(BASE_CONTENT, "okta"))
    [finding] = check(cli, write, text, ["CTR-05"])
    assert finding["id"] == "ctr-okta"
    assert "disabled_privileged_accounts" in finding["message"]
    assert "secrets_to_rotate" in finding["message"]


def test_exfiltration_indicators_where_it_stores_our_data(cli, write) -> None:
    holding = supplier(TIER1_ICT + "data_sensitivity: confidential\n")
    [finding] = check(cli, write, repo(holding, contract(BASE_CONTENT)), ["CTR-05"])
    assert "exfiltration_indicators" in finding["message"]
    none_stored = supplier(
        TIER1_ICT + "data_sensitivity: confidential\nservices:\n" + service("S13", False)
    )
    assert check(cli, write, repo(none_stored, contract(BASE_CONTENT)), ["CTR-05"]) == []


def test_a_full_notice_still_passes_and_a_bare_one_still_fails(cli, write) -> None:
    managed = supplier("tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n")
    assert check(cli, write, repo(managed, contract(ALL_CONTENT)), ["CTR-05"]) == []
    [finding] = check(
        cli, write, repo(managed, contract("incident_notification: {content: []}\n")), ["CTR-05"]
    )
    for item in ("isolation_status", "disabled_privileged_accounts", "secrets_to_rotate"):
        assert item in finding["message"]


# -- T4: evidence by service model (CTR-06) ------------------------------------------------------


def test_iaas_is_asked_for_no_supplier_side_evidence(cli, write) -> None:
    aws = supplier(TIER1_ICT + "data_sensitivity: restricted\nservices:\n" + service("S17"))
    assert check(cli, write, repo(aws, contract()), ["CTR-06"]) == []


def test_a_multi_tenant_saas_keeps_logs_but_takes_no_forensic_images(cli, write) -> None:
    saas = supplier(TIER1_ICT + "data_sensitivity: confidential\nservices:\n" + service("S19"))
    assert check(cli, write, repo(saas, contract(LOGS_ONLY)), ["CTR-06"]) == []
    [finding] = check(cli, write, repo(saas, contract()), ["CTR-06"])
    assert "log_days" in finding["message"] and "forensic images" not in finding["message"]


def test_a_data_feed_and_a_colocation_are_asked_no_forensic_images(cli, write) -> None:
    feed = supplier(TIER1_ICT + "data_sensitivity: internal\nservices:\n" + service("S05", False))
    assert check(cli, write, repo(feed, contract()), ["CTR-06"]) == []
    colo = supplier(TIER1_ICT + "services:\n" + service("S07", False))
    assert check(cli, write, repo(colo, contract(LOGS_ONLY)), ["CTR-06"]) == []


def test_a_service_run_for_us_is_still_asked_for_images(cli, write) -> None:
    # no ICT service type and no recorded model: every term its exposure calls for
    managed = supplier(TIER1_ICT + "data_sensitivity: confidential\n")
    [finding] = check(cli, write, repo(managed, contract(LOGS_ONLY)), ["CTR-06"])
    assert "forensic images" in finding["message"]
    hosted = supplier(TIER1_ICT + "services:\n" + service("S07", True))
    assert codes(check(cli, write, repo(hosted, contract(LOGS_ONLY)), ["CTR-06"])) == ["CTR-06"]


def test_forensic_images_are_asked_of_tier_1_only(cli, write) -> None:
    tier2 = supplier("tier: 2\nprovides_ict_services: true\nhighest_access_level: write\n")
    assert check(cli, write, repo(tier2, contract(LOGS_ONLY)), ["CTR-06"]) == []


def test_a_recorded_model_wins_and_a_contract_is_judged_by_the_services_it_covers(
    cli, write
) -> None:
    # the supplier's model: the multi-tenant backup platform has no ICT type that says so
    backup = supplier(TIER1_ICT + "service_model: multi_tenant_saas\nservices:\n" + service("S09"))
    assert check(cli, write, repo(backup, contract(LOGS_ONLY)), ["CTR-06"]) == []
    mixed = supplier(
        TIER1_ICT
        + "data_sensitivity: restricted\nservices:\n"
        + service("S17", name="hosting")
        + "  - {name: run, service_model: managed_service, stores_data: true}\n"
    )
    covering_iaas = contract("services: [hosting]\n")
    assert check(cli, write, repo(mixed, covering_iaas), ["CTR-06"]) == []
    covering_both = contract("services: [hosting, run]\n" + LOGS_ONLY)
    [finding] = check(cli, write, repo(mixed, covering_both), ["CTR-06"])
    assert "forensic images" in finding["message"]


# -- T5: regulated banks (CTR-07, CTR-08, PLB-02) --------------------------------------------------

BANK = supplier(
    "tier: 1\nprovides_ict_services: false\nsupports_critical_function: true\n"
    "data_sensitivity: confidential\nhighest_access_level: write\n",
    "bank",
)
H2H = identity("bank-h2h", "certificate", "write", "expires: 2027-03-14\n", "bank")
BANK_CONTRACT = contract("covers_ict_services: false\n", "bank")


def test_a_host_to_host_certificate_is_not_operating_access(cli, write) -> None:
    internal = BANK.replace("confidential", "internal")
    found = check(cli, write, repo(internal, H2H, BANK_CONTRACT), ["CTR-07", "CTR-08"])
    text = " ".join(f["message"] for f in found)
    assert "sworn" not in text and "step-in" not in text and "indemnity" not in text
    # without a recorded model the bank is still asked what any critical supplier is
    assert "terminate early" in messages(found, "CTR-08")
    # holding our confidential data, it is asked the security indemnity for that, still not
    # step-in or sworn statements for the certificate
    found = check(cli, write, repo(BANK, H2H, BANK_CONTRACT), ["CTR-07", "CTR-08"])
    text = " ".join(f["message"] for f in found)
    assert "sworn" not in text and "step-in" not in text and "indemnity" in text


def test_a_recorded_bank_is_asked_no_it_vendor_terms(cli, write) -> None:
    bank = BANK.replace("tier: 1\n", "tier: 1\nservice_model: financial_service\n")
    text = repo(bank, H2H, BANK_CONTRACT)
    assert check(cli, write, text, [*TERMS, "PLB-02"]) == []
    # the 24x7 contact is still asked; the notice is the bank's own duty under its law (DORA
    # Art. 19(3)), with no hours to negotiate
    assert codes(check(cli, write, text, ["CTR-03", "SUP-03"])) == ["SUP-03"]


def test_a_person_account_of_a_non_ict_supplier_is_operating_access(cli, write) -> None:
    text = repo(
        BANK.replace("bank", "bureau"),
        identity("bureau-agents", "human_account", "write", "mfa: true\n", "bureau"),
        contract("covers_ict_services: false\n" + NO_REMEDIES, "bureau"),
        CYBER_POLICY,
    )
    found = check(cli, write, text, ["CTR-07", "CTR-08"])
    assert "sworn" in messages(found, "CTR-07")
    assert "step-in" in messages(found, "CTR-08")


def test_a_supplier_that_only_holds_our_data_needs_no_joint_playbook(cli, write) -> None:
    depositary = supplier(
        "tier: 1\nprovides_ict_services: false\nsupports_critical_function: true\n"
        "data_sensitivity: confidential\n",
        "depositary",
    )
    assert check(cli, write, depositary, ["PLB-02"]) == []
    # a critical ICT supplier is still asked for one
    assert codes(check(cli, write, supplier(TIER1_ICT), ["PLB-02"])) == ["PLB-02"]


def test_no_joint_playbook_with_iaas_a_colocation_or_a_data_feed(cli, write) -> None:
    for code, stores in (("S17", True), ("S07", False), ("S05", False)):
        text = supplier(TIER1_ICT + "services:\n" + service(code, stores))
        assert check(cli, write, text, ["PLB-02"]) == [], code


def test_counsel_and_sworn_statements_where_a_compromise_is_a_breach_of_ours(cli, write) -> None:
    # a data feed holding none of our data: neither is asked
    feed = supplier(TIER1_ICT + "data_sensitivity: internal\nservices:\n" + service("S05", False))
    partial = "cooperation:\n  incident_team: true\n  insurer: {questionnaires: true}\n"
    assert check(cli, write, repo(feed, contract(partial), CYBER_POLICY), ["CTR-07"]) == []
    # a supplier whose records do not say what data it handles is asked both
    unsaid = supplier(TIER1_ICT)
    [finding] = check(cli, write, repo(unsaid, contract(partial), CYBER_POLICY), ["CTR-07"])
    assert "outside counsel" in finding["message"] and "sworn" in finding["message"]


# -- T4: remedies by what there is to step into (CTR-08) -------------------------------------------


def test_step_in_is_asked_of_operated_services(cli, write) -> None:
    # a payroll bureau on a hyperscaler (no ICT type): lindenau-planted gap 1
    bureau = supplier(TIER1_ICT + "data_sensitivity: restricted\nhighest_access_level: read-only\n")
    nav = supplier(TIER1_ICT + "services:\n" + service("S19"), "nav")
    for text, sid in (
        (repo(bureau, contract(NO_REMEDIES)), "acme"),
        (repo(nav, contract(NO_REMEDIES, "nav")), "nav"),
    ):
        found = check(cli, write, text, ["CTR-08"])
        assert "step-in" in messages(found, "CTR-08"), sid


def test_no_step_in_where_we_run_it_or_there_is_nothing_to_run(cli, write) -> None:
    iaas = supplier(TIER1_ICT + "services:\n" + service("S17"))
    found = check(cli, write, repo(iaas, contract(NO_REMEDIES)), ["CTR-08"])
    assert "step-in" not in messages(found, "CTR-08")
    assert "indemnity" in messages(found, "CTR-08")
    colo = supplier(TIER1_ICT + "services:\n" + service("S07", False))
    found = check(cli, write, repo(colo, contract(NO_REMEDIES)), ["CTR-08"])
    # holding none of our data, it is asked no indemnity either (test_precision_s28_audit9)
    assert "step-in" not in messages(found, "CTR-08")
    assert "indemnity" not in messages(found, "CTR-08")
    assert "terminate early" in messages(found, "CTR-08")
    feed = supplier(TIER1_ICT + "services:\n" + service("S05", False))
    found = check(cli, write, repo(feed, contract(NO_REMEDIES)), ["CTR-08"])
    assert "step-in" not in messages(found, "CTR-08")
    assert "indemnity" not in messages(found, "CTR-08")
    assert "terminate early" in messages(found, "CTR-08")


# -- T8: law firms and engagement letters ----------------------------------------------------------

LAW_FIRM = supplier(
    "tier: 1\nprovides_ict_services: false\nservice_model: professional_service\n"
    "data_sensitivity: restricted\ncontacts:\n"
    "  security: {name: General counsel, email: gc@law.example}\n",
    "law",
)
ENGAGEMENT = contract(
    "covers_ict_services: false\nauto_renew: true\n"
    "incident_notification: {window_hours: 24, trigger: suspected}\n",
    "law",
)


def test_a_law_firm_is_asked_for_breach_notice_and_a_contact_only(cli, write) -> None:
    text = repo(LAW_FIRM, ENGAGEMENT)
    assert check(cli, write, text, [*TERMS, "CTR-13", "PLB-02", "SUP-03", "BCM-05"]) == []
    bare = repo(LAW_FIRM, contract("covers_ict_services: false\n", "law"))
    assert codes(check(cli, write, bare, ["CTR-03"])) == ["CTR-03"]


def test_an_unrecorded_law_firm_is_not_asked_for_a_playbook_or_to_be_a_dependency(
    cli, write
) -> None:
    firm = LAW_FIRM.replace("service_model: professional_service\n", "")
    assert check(cli, write, repo(firm, ENGAGEMENT), ["PLB-02", "BCM-05"]) == []


def test_bcm05_still_asks_a_supplier_we_rely_on(cli, write) -> None:
    relied = supplier("tier: 1\ndata_sensitivity: confidential\n")
    assert codes(check(cli, write, relied, ["BCM-05"])) == ["BCM-05"]
    flagged = supplier("tier: 1\nsupports_critical_function: true\ndata_sensitivity: restricted\n")
    assert codes(check(cli, write, flagged, ["BCM-05"])) == ["BCM-05"]


# -- T11: a tier-3 supplier holding our data needs a named contact (SUP-03) -----------------------

LEASING = "tier: 3\nprovides_ict_services: false\ndata_sensitivity: confidential\n"


def test_a_tier3_data_holder_needs_a_named_contact_not_a_24x7_line(cli, write) -> None:
    named = supplier(LEASING + "contacts:\n  security: {name: DPO, email: dpo@leasing.example}\n")
    assert check(cli, write, named, ["SUP-03"]) == []
    office_hours = supplier(
        LEASING + "contacts:\n  security_24x7: {name: Office, phone: '+44 20 7946 0000', "
        "available_24x7: false}\n"
    )
    assert check(cli, write, office_hours, ["SUP-03"]) == []
    [finding] = check(
        cli, write, supplier(LEASING + "contacts:\n  account_manager: {name: AM}\n"), ["SUP-03"]
    )
    assert "contacts.security" in finding["message"] and "around the clock" in finding["message"]
    nameless = supplier(LEASING + "contacts:\n  security: {name: DPO}\n")
    [finding] = check(cli, write, nameless, ["SUP-03"])
    assert "no email address, phone number or portal address" in finding["message"]


def test_a_tier3_supplier_with_access_still_needs_a_24x7_line(cli, write) -> None:
    text = supplier(
        "tier: 3\nprovides_ict_services: true\nhighest_access_level: read\n"
        "contacts:\n  security: {name: DPO, email: dpo@labels.example}\n"
    )
    [finding] = check(cli, write, text, ["SUP-03"])
    assert "24x7" in finding["message"]


def test_a_tier3_supplier_of_ict_services_alone_needs_a_named_contact_not_a_24x7_line(
    cli, write
) -> None:
    """An office line, a public data feed or a research portal: ICT services, but no access to
    our systems and none of our data, so its compromise cannot reach into them."""
    named = "contacts:\n  security: {name: Security desk, email: sec@portal.example}\n"
    base = "tier: 3\nprovides_ict_services: true\nhighest_access_level: none\n"
    assert check(cli, write, supplier(base + named), ["SUP-03"]) == []
    [finding] = check(
        cli, write, supplier(base + "contacts:\n  account_manager: {name: AM}\n"), ["SUP-03"]
    )
    assert "contacts.security" in finding["message"]


# -- the matrix as configuration ---------------------------------------------------------------


def test_not_for_can_be_overridden_and_is_validated(cli, write) -> None:
    bank = BANK.replace("tier: 1\n", "tier: 1\nservice_model: financial_service\n")
    text = repo(bank, BANK_CONTRACT)
    asked = {"requirements": {"accelerated_termination": {"not_for": ["professional_service"]}}}
    found = check(cli, write, text, ["CTR-08"], asked)
    assert "terminate early" in messages(found, "CTR-08")
    wrong = {"requirements": {"accelerated_termination": {"not_for": ["bank"]}}}
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-08"], **wrong}))
    result = cli("check", "repo.yaml", "--no-cache", "--as-of", AS_OF)
    assert result.exit_code == 2


def test_the_schema_names_the_models_the_domain_knows() -> None:
    common = json.loads((SCHEMAS / "common.json").read_text())
    assert tuple(common["$defs"]["service_model"]["enum"]) == MODELS
    config = json.loads((SCHEMAS / "config.json").read_text())
    term = config["properties"]["requirements"]["additionalProperties"]
    assert tuple(term["properties"]["not_for"]["items"]["enum"]) == MODELS
