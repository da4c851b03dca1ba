"""The precision round of a payments programme, through the CLI on real YAML: an auditor's
read-only seat in our data room is no operating access, a bank is told by its name where its
services are described as accounts, a card scheme is market infrastructure, a bank or a scheme is
asked no incident-notice hours, a hard-to-replace SaaS whose contract records an escrow is not
asked step-in, and a company of our own group no commercial remedies. Each false
alarm is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import CYBER_POLICY
from test_precision_terms import check, codes, contract, doc, messages, repo
from test_precision_terms import identity as identity_doc
from test_precision_terms import supplier as supplier_doc

AUDITOR = (
    "tier: 2\nname: Baird Stokes & Co Chartered Accountants\nprovides_ict_services: false\n"
    "description: Statutory auditor of the group.\ndata_sensitivity: confidential\n"
    "highest_access_level: read-only\n"
    "contacts:\n  security: {name: Infosec, email: infosec@audit.example}\n"
)
SEAT = "mfa: true\nidentity_provider: okta\nstatus: active\n"
IT_TERMS = ["CTR-07", "CTR-08", "CTR-13", "CTR-14", "SUP-03"]


def test_a_read_only_seat_does_not_stop_an_auditor_being_told_by_its_words(cli, write) -> None:
    seat = identity_doc("auditors", "human_account", "read-only", SEAT)
    found = check(cli, write, repo(supplier_doc(AUDITOR), seat, contract()), IT_TERMS)
    assert found == []
    # a person who can change things operates in our systems: the words are not read
    writer = identity_doc("auditors", "human_account", "write", SEAT)
    found = check(cli, write, repo(supplier_doc(AUDITOR), writer, contract()), IT_TERMS)
    assert "SUP-03" in codes(found)
    # a person's account with no level recorded is taken as operating too
    unsaid = doc("Identity", "auditors", "supplier: acme\ntype: human_account\n" + SEAT)
    found = check(cli, write, repo(supplier_doc(AUDITOR), unsaid, contract()), IT_TERMS)
    assert "SUP-03" in codes(found)


SAFEGUARDING = (
    "tier: 1\nname: Harbour Bank plc\nprovides_ict_services: false\n"
    "supports_critical_function: true\ndata_sensitivity: confidential\n"
    "highest_access_level: write\nservices:\n"
    "  - {name: safeguarding, description: Segregated safeguarding accounts for e-money funds.}\n"
    "  - {name: agency, description: 'Indirect access to SEPA; host-to-host file channel.'}\n"
)
H2H = identity_doc("h2h", "certificate", "write", "expires: 2027-05-20\n")
BANK_TERMS = ["CTR-03", "CTR-07", "CTR-08", "PLB-02"]


def test_a_bank_is_told_by_its_name_where_its_services_are_described_as_accounts(
    cli, write
) -> None:
    notice = "incident_notification: {trigger: confirmed, notify_to: treasury@us.example}\n"
    text = repo(supplier_doc(SAFEGUARDING), H2H, contract(notice))
    assert check(cli, write, text, BANK_TERMS) == []
    # the bank's notice to close our accounts is still asked: it is how long we have to move
    assert "CTR-13" in codes(check(cli, write, text, ["CTR-13"]))
    # the name is read only where a service's own words name nothing: legal advice from a
    # bank's law department is a professional service, asked (tier 1) for its breach notice
    other = SAFEGUARDING.replace("Segregated safeguarding accounts", "Legal advice on")
    found = check(cli, write, repo(supplier_doc(other), H2H, contract(notice)), BANK_TERMS)
    assert codes(found) == ["CTR-03"]


def test_a_recorded_model_still_wins_over_a_bank_name(cli, write) -> None:
    recorded = SAFEGUARDING + "service_model: managed_service\n"
    found = check(cli, write, repo(supplier_doc(recorded), H2H, contract()), ["CTR-03", "CTR-07"])
    assert codes(found) == ["CTR-03", "CTR-07"]


SCHEME = (
    "tier: 1\nname: Mastercard Europe SA\nprovides_ict_services: false\n"
    "description: Card scheme; we are a principal issuing member.\n"
    "supports_critical_function: true\ndata_sensitivity: restricted\nhighest_access_level: none\n"
    "services:\n"
    "  - {name: scheme, description: 'Authorisation network, clearing and settlement.'}\n"
)


def test_a_card_scheme_is_market_infrastructure(cli, write) -> None:
    licence = contract("covers_ict_services: false\nstart_date: 2019-05-01\n")
    found = check(cli, write, repo(supplier_doc(SCHEME), licence), [*BANK_TERMS, "CTR-13"])
    assert found == []
    # recorded, it is the same
    recorded = SCHEME.replace("tier: 1\n", "tier: 1\nservice_model: market_infrastructure\n")
    found = check(cli, write, repo(supplier_doc(recorded), licence), [*BANK_TERMS, "CTR-13"])
    assert found == []
    # a supplier whose words name no scheme is still asked the terms
    unnamed = SCHEME.replace("Card scheme; we", "We").replace("Mastercard Europe SA", "Acme")
    found = check(cli, write, repo(supplier_doc(unnamed), licence), ["CTR-03", "CTR-13"])
    assert codes(found) == ["CTR-03", "CTR-13"]


def ledger(terms: str, substitutability: str = "highly_complex") -> str:
    body = (
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\nservices:\n"
        f"  - name: ledger\n    ict_service_type: S19\n    substitutability: {substitutability}\n"
        "    exit_plan: {transition_period_months: 18}\n"
    )
    remedies = "remedies: {step_in_rights: false, security_indemnity: true, "
    remedies += "accelerated_termination: true" + terms + "}\n"
    return repo(supplier_doc(body), contract(remedies + "business_continuity_support: true\n"))


def test_a_hard_to_replace_saas_with_an_escrow_is_not_asked_step_in(cli, write) -> None:
    assert check(cli, write, ledger(", escrow: true"), ["CTR-08"]) == []
    # continuity support and an exit transition period let nobody run it when it fails
    assert "step-in" in messages(check(cli, write, ledger(""), ["CTR-08"]), "CTR-08")
    assert "step-in" in messages(check(cli, write, ledger(", escrow: false"), ["CTR-08"]), "CTR-08")
    # a replaceable one is left to its exit plan, escrow or not
    assert check(cli, write, ledger("", "medium_complexity"), ["CTR-08"]) == []


GROUP = (
    "tier: 1\nprovides_ict_services: true\ngroup_entity: group-dc\n"
    "services:\n  - {name: hosting, ict_service_type: S07, stores_data: true}\n"
)
GROUP_ENTITY = doc("Entity", "group-dc", "name: Group DC GmbH\n")


def test_a_company_of_our_own_group_is_asked_no_commercial_remedies(cli, write) -> None:
    text = repo(GROUP_ENTITY, supplier_doc(GROUP), contract())
    assert check(cli, write, text, ["CTR-08"]) == []
    # the same supplier outside the group is asked all three
    outside = repo(supplier_doc(GROUP.replace("group_entity: group-dc\n", "")), contract())
    found = messages(check(cli, write, outside, ["CTR-08"]), "CTR-08")
    assert "step-in" in found and "security_indemnity, accelerated_termination" in found


PAYROLL = (
    "tier: 2\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
    "services:\n  - {name: payroll, ict_service_type: S19, stores_data: true}\n"
)


def test_a_tier_2_shared_saas_is_asked_no_claim_duties(cli, write) -> None:
    team = contract("cooperation: {incident_team: true}\n")
    text = repo(supplier_doc(PAYROLL), team, CYBER_POLICY)
    assert check(cli, write, text, ["CTR-07"]) == []
    # critical, the claim duties are worth negotiating
    critical = repo(supplier_doc(PAYROLL.replace("tier: 2", "tier: 1")), team, CYBER_POLICY)
    assert "questionnaires" in messages(check(cli, write, critical, ["CTR-07"]), "CTR-07")
    # a tier-2 payroll bureau run for us is still asked them
    bureau = PAYROLL.replace("ict_service_type: S19", "ict_service_type: S14")
    text = repo(supplier_doc(bureau), team, CYBER_POLICY)
    assert "questionnaires" in messages(check(cli, write, text, ["CTR-07"]), "CTR-07")


BACKUP = (
    "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
    "services:\n  - {name: backup, ict_service_type: S09, stores_data: true}\n"
)
NO_STEP_IN = (
    "remedies: {step_in_rights: false, security_indemnity: true, accelerated_termination: true}\n"
)


def test_a_term_the_unknown_service_model_decides_says_to_record_it(cli, write) -> None:
    found = check(cli, write, repo(supplier_doc(BACKUP), contract(NO_STEP_IN)), ["CTR-08"])
    assert "asked as of a service run for us" in messages(found, "CTR-08")
    assert "record its service_model" in messages(found, "CTR-08")
    # recorded as run for us, the gap stays and the note goes
    managed = BACKUP + "service_model: managed_service\n"
    found = check(cli, write, repo(supplier_doc(managed), contract(NO_STEP_IN)), ["CTR-08"])
    assert "step-in" in messages(found, "CTR-08")
    assert "service run for us" not in messages(found, "CTR-08")
    # recorded as a shared platform that is easy to replace, step-in is not asked
    shared = BACKUP.replace("S09", "S19").replace(
        "stores_data: true", "stores_data: true, substitutability: easily_substitutable"
    )
    assert check(cli, write, repo(supplier_doc(shared), contract(NO_STEP_IN)), ["CTR-08"]) == []


def test_an_engagement_letter_ending_soon_needs_no_renewal_decision(cli, write) -> None:
    letter = contract("start_date: 2026-01-01\nend_date: 2026-12-31\n")
    assert check(cli, write, repo(supplier_doc(AUDITOR), letter), ["CTR-13"]) == []
    # an ICT supplier's contract ending within 90 days still asks for the decision
    found = check(cli, write, repo(supplier_doc(PAYROLL), letter), ["CTR-13"])
    assert "decide now whether to renew" in messages(found, "CTR-13")
