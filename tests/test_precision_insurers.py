"""What an EU insurance group's programme showed: the DORA incident-assistance clause is the
duty to cooperate with our incident team; audit firms and banks named as their trade's compound
or legal form are told by their words; a waived CTR-03 no longer hides the accepted window from
the insurer's deadline (CTR-04);"""

from __future__ import annotations

from one_file import check, codes, doc, repo
from test_precision_terms import contract, identity, supplier

DORA_ENTITY = doc(
    "Entity", "ins", "regimes: [dora]\nreporting_clocks: {regulator_initial_hours: 24}\n"
)
TIER2_ICT = (
    "tier: 2\nprovides_ict_services: true\ndata_sensitivity: internal\nhighest_access_level: none\n"
    "services:\n  - {name: wan, ict_service_type: S10, stores_data: false}\n"
)


def test_the_dora_incident_assistance_clause_is_cooperation_with_our_incident_team(
    cli, write
) -> None:
    clause = (
        "entities: [ins]\ncovers_ict_services: true\n"
        "clauses:\n  dora.30.2.f: {present: true, variant: standard}\n"
    )
    found = check(cli, write, repo(DORA_ENTITY, supplier(TIER2_ICT), contract(clause)), ["CTR-07"])
    assert found == []
    # without the clause, and without cooperation recorded, the duty is still asked
    found = check(
        cli,
        write,
        repo(DORA_ENTITY, supplier(TIER2_ICT), contract("entities: [ins]\n")),
        ["CTR-07"],
    )
    assert codes(found) == ["CTR-07"]


AUDIT_FIRM = (
    "tier: 2\nname: Kröger & Partner GmbH Wirtschaftsprüfungsgesellschaft\n"
    "provides_ict_services: false\n"
    "description: Statutory audit of the group's IFRS and Solvency II reporting.\n"
    "data_sensitivity: confidential\nhighest_access_level: read-only\n"
    "services:\n  - {name: audit, service_type: statutory audit}\n"
)


def test_an_audit_firm_is_a_professional_service_by_its_legal_form(cli, write) -> None:
    found = check(
        cli,
        write,
        repo(supplier(AUDIT_FIRM), contract("covers_ict_services: false\n")),
        ["CTR-03", "CTR-07"],
    )
    assert found == []


BANK = (
    "tier: 1\nname: Westrheinische Landesbank AG\nprovides_ict_services: false\n"
    "description: Premium collection accounts, SEPA direct debits and claims payment runs\n"
    "  over EBICS.\n"
    "supports_critical_function: true\ndata_sensitivity: confidential\n"
    "highest_access_level: write\n"
    "services:\n  - {name: cash, service_type: cash management}\n"
)
H2H = identity("ebics", "certificate", "write", "expires: 2027-05-20\n")


def test_a_bank_named_by_a_compound_is_a_financial_service(cli, write) -> None:
    terms = ["CTR-03", "CTR-07", "CTR-08", "PLB-02"]
    found = check(
        cli, write, repo(supplier(BANK), H2H, contract("covers_ict_services: false\n")), terms
    )
    assert found == []
    # a data bank is not a bank: still asked as an IT vendor
    databank = BANK.replace("Westrheinische Landesbank AG", "Acme Databank GmbH").replace(
        "Premium collection accounts, SEPA direct debits and claims payment runs over EBICS.",
        "Reference data.",
    )
    found = check(
        cli, write, repo(supplier(databank), H2H, contract("covers_ict_services: false\n")), terms
    )
    assert "CTR-03" in codes(found)


INSURED = doc("Entity", "ins", "regimes: []\n")
POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "insured_entities: [ins]\nperiod: {start: 2026-01-01, end: 2027-12-31}\n"
    "notice: {incident_notice_hours: 48}\n",
)
HYPERSCALER = (
    "tier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
    "data_sensitivity: restricted\n"
    "services:\n  - {name: saas, ict_service_type: S19, stores_data: true}\n"
)
WAIVER = doc(
    "Waiver",
    "w-ctr03",
    "rule: CTR-03\ntargets: [{kind: Contract, id: ctr-acme}]\nrationale: r\n"
    "risk_owner: cio\napprover: cro\napproved_on: 2026-07-01\nexpires: 2027-06-30\n",
)


def test_a_waived_window_is_still_judged_against_the_insurers_deadline(cli, write) -> None:
    notice = "entities: [ins]\nincident_notification: {window_hours: 72, trigger: suspected}\n"
    text = repo(INSURED, POLICY, supplier(HYPERSCALER), contract(notice))
    # unwaived, CTR-03 reports the 72 hours and CTR-04 judges the 24 it asks: they fit
    assert codes(check(cli, write, text, ["CTR-03", "CTR-04"])) == ["CTR-03"]
    # waived, the 72 hours are the window in force: they miss the insurer's 48 hours
    waived = repo(INSURED, POLICY, supplier(HYPERSCALER), contract(notice), WAIVER)
    found = check(cli, write, waived, ["CTR-03", "CTR-04"])
    assert codes([f for f in found if not f["suppressed"]]) == ["CTR-04"]


def test_a_waiver_of_several_rules_naming_ctr03_accepts_the_window_for_ctr04(cli, write) -> None:
    """One decision accepting the provider's standard terms (CTR-03 among its rules) accepts
    the 72 hours as a waiver of CTR-03 alone does: CTR-04 judges them against the insurer's 48."""
    notice = "entities: [ins]\nincident_notification: {window_hours: 72, trigger: suspected}\n"
    several = WAIVER.replace("rule: CTR-03", "rules: [CTR-08, CTR-03]")
    waived = repo(INSURED, POLICY, supplier(HYPERSCALER), contract(notice), several)
    found = check(cli, write, waived, ["CTR-03", "CTR-04"])
    assert codes([f for f in found if not f["suppressed"]]) == ["CTR-04"]


def test_a_waiver_exc01_refuses_accepts_no_window_for_ctr04_either(cli, write) -> None:
    """A waiver of CTR-03 that EXC-01 refuses (approved on no recorded day, for longer than
    max_days) suppresses nothing, whether or not EXC-01 runs: CTR-04 does not take the
    72 hours it names as the window in force either, so CTR-03 is the one finding."""
    notice = "entities: [ins]\nincident_notification: {window_hours: 72, trigger: suspected}\n"
    refused = WAIVER.replace("approved_on: 2026-07-01\n", "").replace("2027-06-30", "2099-06-30")
    waived = repo(INSURED, POLICY, supplier(HYPERSCALER), contract(notice), refused)
    found = check(cli, write, waived, ["CTR-03", "CTR-04"])
    assert codes([f for f in found if not f["suppressed"]]) == ["CTR-03"]


NYDFS_BRANCH = doc(
    "Entity",
    "us",
    "regimes: [nydfs]\nreporting_clocks:\n  regulator_initial_hours: 72\n  other_clocks:\n"
    "    - {name: NYDFS notice of an extortion payment, hours: 24,\n"
    "       source: 23 NYCRR 500.17(c), applies_to: {suppliers: [acme]}RUNS}\n",
)
TPA = (
    "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    "highest_access_level: write\n"
    "services:\n  - {name: claims, service_type: claims administration}\n"
)


def test_a_clock_that_runs_from_our_own_act_is_not_a_suppliers(cli, write) -> None:
    """23 NYCRR 500.17(c) runs 24 hours from an extortion payment we make: no supplier's notice
    starts it, so CTR-04 does not fit a notice window inside it, whether the clock says so
    (runs_from: our_action) or is named so (an extortion payment, 500.17(c)); a clock recorded
    as running from our awareness is compared."""
    notice = "entities: [us]\nincident_notification: {window_hours: 48, trigger: suspected}\n"
    awareness = NYDFS_BRANCH.replace("RUNS", ", runs_from: awareness")
    found = check(cli, write, repo(awareness, supplier(TPA), contract(notice)), ["CTR-04"])
    assert codes(found) == ["CTR-04"]
    for runs in (", runs_from: our_action", ""):
        said = NYDFS_BRANCH.replace("RUNS", runs)
        assert check(cli, write, repo(said, supplier(TPA), contract(notice)), ["CTR-04"]) == []
