"""The twentieth precision audit's contract findings (an electronic-money institution and an
insurer), through the CLI on real YAML: a DORA clause the contract records as absent is reported
once, by the rule that asks the clause, not again by the rules that check its terms, and the
audit terms are one finding. Each real gap is still found, with the quiet cases checked too."""

from __future__ import annotations

from one_file import check, codes, doc, line, repo

# -- CTR-09 and CTR-10: a clause recorded absent is CTR-01's or CTR-02's to report ------------

SCHEME = doc(
    "Supplier",
    "scheme",
    "tier: 1\nprovides_ict_services: true\nservice_model: market_infrastructure\n"
    "supports_critical_function: true\n",
)


def licence(clauses: str, terms: str) -> str:
    """A scheme's membership licence: its rules are the same for every member."""
    body = "supplier: scheme\nstatus: active\ncovers_ict_services: true\n"
    return doc("Contract", "ctr-scheme", body + "clauses:\n" + clauses + terms)


TERMS = (
    "termination_rights:\n  breach_of_law_or_terms: true\n"
    "  performance_altering_circumstances: false\n"
    "audit: {rights: false, includes_competent_authority: false}\n"
)
ABSENT = "  dora.30.2.h: {present: false}\n  dora.30.3.e: {present: false}\n"
PRESENT = (
    "  dora.30.2.h: {present: true, variant: non-standard}\n"
    "  dora.30.3.e: {present: true, variant: non-standard}\n"
)
CLAUSE_RULES = ["CTR-01", "CTR-02", "CTR-09", "CTR-10"]


def test_a_clause_recorded_absent_is_reported_once_by_the_rule_that_asks_it(cli, write) -> None:
    found = check(cli, write, repo(SCHEME, licence(ABSENT, TERMS)), CLAUSE_RULES)
    assert sorted({f["code"] for f in found}) == ["CTR-01", "CTR-02"]
    said = " ".join(f["message"] for f in found)
    assert "(dora.30.2.h)" in said and "CTR-09 checks the rights of DORA Art. 28(7)" in said
    assert "(dora.30.3.e)" in said and "CTR-10 checks that they are unrestricted" in said
    # and says what to do: negotiate the clause, or accept its absence in a waiver
    assert "negotiate it into the contract and record it as present" in said


def test_a_waiver_of_the_missing_clause_leaves_nothing_reported_of_it(cli, write) -> None:
    waiver = doc(
        "Waiver",
        "wv-scheme-rules",
        "rule: {rule}\ntargets:\n  - {{kind: Contract, id: ctr-scheme}}\n"
        "rationale: Scheme rules bind every member alike.\nrisk_owner: head-of-cards\n"
        "approver: chief-risk-officer\napproved_on: 2026-03-15\nexpires: 2027-03-14\n",
    )
    text = repo(
        SCHEME,
        licence(ABSENT, TERMS),
        waiver.format(rule="CTR-01"),
        waiver.replace("wv-scheme-rules", "wv-scheme-rules-3").format(rule="CTR-02"),
    )
    found = check(cli, write, text, CLAUSE_RULES)
    assert [f["code"] for f in found if not f["suppressed"]] == []
    assert sorted(f["code"] for f in found) == ["CTR-01", "CTR-02"]  # waived, shown as such


def test_a_clause_recorded_present_is_checked_for_its_terms_in_one_audit_finding(
    cli, write
) -> None:
    text = repo(SCHEME, licence(PRESENT, TERMS))
    found = check(cli, write, text, CLAUSE_RULES)
    # the clauses are there, but they lack the rights of Art. 28(7) and the audit terms
    assert codes(found) == ["CTR-01", "CTR-02", "CTR-09", "CTR-10"]  # other clauses unrecorded
    (audit,) = [f for f in found if f["code"] == "CTR-10"]
    assert audit["line"] == line(text, "audit: {rights: false")
    for term in ("audit.rights", "audit.unrestricted_access", "audit.includes_competent_authority"):
        assert term in audit["message"]
    (termination,) = [f for f in found if f["code"] == "CTR-09"]
    assert "DORA Art. 28(7)(b)" in termination["message"]
    # no clause recorded at all: the terms are checked, as before
    bare = repo(SCHEME, licence("  dora.30.2.a: {present: true, variant: standard}\n", TERMS))
    assert {"CTR-09", "CTR-10"} <= set(codes(check(cli, write, bare, CLAUSE_RULES)))


def test_a_contract_without_an_audit_section_is_one_audit_finding(cli, write) -> None:
    terms = "termination_rights:\n  breach_of_law_or_terms: true\n"
    text = repo(SCHEME, licence(PRESENT, terms))
    (finding,) = check(cli, write, text, ["CTR-10"])
    assert "the whole audit section is missing" in finding["message"]


# -- CTR-05: an agency's notice is not asked about systems it does not run for us ---------------

AGENCY = doc(
    "Supplier",
    "agency",
    "tier: 2\nprovides_ict_services: true\nservice_model: staff_augmentation\n"
    "data_sensitivity: confidential\nhighest_access_level: write\n"
    "services:\n  - {name: contract-developers, stores_data: false}\n",
)


def developers(mfa: str) -> str:
    body = "supplier: agency\ntype: human_account\naccess_level: write\nstatus: active\n"
    return doc("Identity", "placed-developers", body + f"mfa: {mfa}\n")


def notice(content: str) -> str:
    body = "supplier: agency\nstatus: active\ncovers_ict_services: true\n"
    return doc("Contract", "ctr-agency", body + f"incident_notification:\n  content: {content}\n")


def test_ctr05_asks_an_agency_whom_to_contact_not_isolation_or_disabled_accounts(
    cli, write
) -> None:
    assert (
        check(cli, write, repo(AGENCY, developers("true"), notice("[contact]")), ["CTR-05"]) == []
    )
    (finding,) = check(cli, write, repo(AGENCY, developers("true"), notice("[]")), ["CTR-05"])
    assert "to say whom to contact (contact)" in finding["message"]
    for item in ("isolation_status", "disabled_privileged_accounts", "secrets_to_rotate"):
        assert item not in finding["message"]


def test_ctr05_still_asks_an_agency_the_secrets_its_people_hold(cli, write) -> None:
    text = repo(AGENCY, developers("false"), notice("[contact]"))
    (finding,) = check(cli, write, text, ["CTR-05"])
    assert "secrets_to_rotate" in finding["message"]
    assert "disabled_privileged_accounts" not in finding["message"]


def test_ctr05_asks_the_same_supplier_run_as_a_managed_service_every_item(cli, write) -> None:
    managed = AGENCY.replace("staff_augmentation", "managed_service")
    (finding,) = check(
        cli, write, repo(managed, developers("true"), notice("[contact]")), ["CTR-05"]
    )
    assert "isolation_status" in finding["message"]
    assert "disabled_privileged_accounts" in finding["message"]


# -- CTR-08: a shared platform's continuity remedy is a tested way out --------------------------


def platform(exit_plan: str, second: str = "") -> str:
    """A card processor's multi-tenant platform (DORA ICT service type S19), hard to replace."""
    return doc(
        "Supplier",
        "processor",
        "tier: 1\nprovides_ict_services: true\nservices:\n"
        "  - name: card-processing\n    ict_service_type: S19\n"
        f"    substitutability: highly_complex\n    exit_plan: {{reference: exit.pdf{exit_plan}}}\n"
        + second,
    )


PROCESSING = doc(
    "Contract",
    "ctr-processor",
    "supplier: processor\nstatus: active\ncovers_ict_services: true\n"
    "remedies: {step_in_rights: false, security_indemnity: true, accelerated_termination: true}\n",
)
TESTED = ", last_tested: 2026-09-15"


def test_ctr08_takes_a_tested_exit_plan_covering_the_migration_for_a_shared_platform(
    cli, write
) -> None:
    ready = TESTED + ", transition_period_months: 18, migration_estimate_months: 12"
    assert check(cli, write, repo(platform(ready), PROCESSING), ["CTR-08"]) == []
    # no migration estimate: the programme's 12 months, as SUP-11 asks
    assert (
        check(
            cli,
            write,
            repo(platform(TESTED + ", transition_period_months: 12"), PROCESSING),
            ["CTR-08"],
        )
        == []
    )


def test_ctr08_still_asks_a_shared_platform_whose_way_out_is_not_shown(cli, write) -> None:
    cases = {
        "never tested": ", transition_period_months: 18",
        "tested too long ago": ", last_tested: 2025-09-15, transition_period_months: 18",
        "no transition period": TESTED,
        "shorter than the migration": TESTED
        + ", transition_period_months: 6, migration_estimate_months: 12",
        "shorter than the programme asks": TESTED + ", transition_period_months: 6",
    }
    for case, exit_plan in cases.items():
        (finding,) = check(cli, write, repo(platform(exit_plan), PROCESSING), ["CTR-08"])
        message = finding["message"]
        assert "test the exit plan of each hard-to-replace service" in message, case
        assert "within 365 days" in message and "remedies.escrow" in message, case
        assert "which the market gives" not in message, case


def test_ctr08_asks_each_hard_to_replace_service_the_contract_covers(cli, write) -> None:
    ready = TESTED + ", transition_period_months: 18, migration_estimate_months: 12"
    tokens = "  - {name: tokens, ict_service_type: S19, substitutability: not_substitutable}\n"
    (finding,) = check(cli, write, repo(platform(ready, tokens), PROCESSING), ["CTR-08"])
    assert "shared platform that is hard to replace" in finding["message"]
    # a contract for the processing alone has its way out
    named = PROCESSING.replace("status: active\n", "status: active\nservices: [card-processing]\n")
    assert check(cli, write, repo(platform(ready, tokens), named), ["CTR-08"]) == []


# -- CTR-08: what a shared platform's standard terms give -------------------------------------

CLOUD = doc(
    "Supplier",
    "cloud",
    "tier: 1\nprovides_ict_services: true\nservice_model: iaas_paas\n"
    "data_sensitivity: restricted\n",
)
CLOUD_TERMS = doc(
    "Contract",
    "ctr-cloud",
    "supplier: cloud\nstatus: active\ncovers_ict_services: true\n"
    "remedies: {accelerated_termination: true}\n",
)


def test_ctr08_says_a_shared_platform_seldom_gives_an_indemnity(cli, write) -> None:
    (finding,) = check(cli, write, repo(CLOUD, CLOUD_TERMS), ["CTR-08"])
    message = finding["message"]
    # the contract's remedies record no indemnity either way: our record does not say
    assert "does not say whether it has an indemnity for losses caused by negligent" in message
    assert "standard terms of a shared platform" in message and "seldom include one" in message
    explained = " ".join(cli("explain", "CTR-08").stdout.split())
    assert "What requires security_indemnity: policy" in explained
    # a service run for us is asked it plainly
    managed = CLOUD.replace("iaas_paas", "managed_service")
    terms = CLOUD_TERMS.replace(
        "{accelerated_termination: true}", "{step_in_rights: true, accelerated_termination: true}"
    )
    (finding,) = check(cli, write, repo(managed, terms), ["CTR-08"])
    assert "has an indemnity" in finding["message"] and "shared platform" not in finding["message"]
