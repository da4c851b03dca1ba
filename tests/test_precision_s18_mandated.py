"""A supplier we take part in by mandate (``mandated: true``: a port community system the port's
by-laws make compulsory, a state health-information exchange) is asked none of the terms only a
bargain gives (found by the audits of a port terminal operator and of a hospital group); what
the law asks and what we can still obtain or do ourselves is asked as before. Through the CLI on
real YAML."""

from __future__ import annotations

from one_file import check, doc, repo

PLATFORM = doc(
    "Supplier",
    "pcs",
    "name: Port community system\n"
    "tier: 1\n"
    "provides_ict_services: true\n"
    "service_model: multi_tenant_saas\n"
    "data_sensitivity: confidential\n"
    "highest_access_level: write\n"
    "services:\n"
    "  - {name: p, supports_critical_function: true, stores_data: true,\n"
    "     substitutability: not_substitutable}\n",
)
CONTRACT = doc(
    "Contract",
    "c",
    "supplier: pcs\n"
    "status: active\n"
    "start_date: 2019-01-01\n"
    "cooperation: {incident_team: true}\n"
    "remedies:\n"
    "  {step_in_rights: false, security_indemnity: false, accelerated_termination: false}\n",
)
BARGAINED = ["CTR-05", "CTR-06", "CTR-07", "CTR-08"]
STILL = ["CTR-03", "SUP-03", "PLB-02"]


def codes(found: list[dict]) -> list[str]:
    return sorted({f["code"] for f in found})


def test_a_mandated_platform_is_asked_no_term_only_a_bargain_gives(cli, write) -> None:
    select = BARGAINED + STILL
    bargained = check(cli, write, repo(PLATFORM, CONTRACT), select)
    # the contract has no notice clause at all: CTR-03's one finding names its content too
    assert codes(bargained) == sorted(set(select) - {"CTR-05"})
    messages = " ".join(f["message"] for f in bargained)
    assert "indemnity" in messages and "outside counsel" in messages
    assert "content are missing too" in messages
    mandated = PLATFORM.replace("tier: 1\n", "tier: 1\nmandated: true\n")
    found = check(cli, write, repo(mandated, CONTRACT), select)
    # its incident notice, a security contact and the playbook for cutting it off are still
    # ours to obtain or to do (its logs: our own logging of the interface keeps them)
    assert codes(found) == sorted(STILL)
    assert "content" not in " ".join(f["message"] for f in found if f["code"] == "CTR-03")


def test_what_the_law_asks_is_asked_of_a_mandated_provider_all_the_same(cli, write) -> None:
    entity = doc(
        "Entity",
        "bank",
        "name: Bank\nregimes: [dora]\nlei: 5299000J2N45DDNE4Y28\ncountry: DE\n"
        "dora_entity_type: credit_institution\n",
    )
    mandated = PLATFORM.replace("tier: 1\n", "tier: 1\nmandated: true\n")
    contract = CONTRACT.replace("cooperation: {incident_team: true}\n", "")
    found = check(cli, write, repo(entity, mandated, contract), ["CTR-07", "CTR-08"])
    # DORA Art. 30(2)(f): assistance in an ICT incident, asked of every ICT provider
    assert [f["code"] for f in found] == ["CTR-07"], found
    assert "cooperate with our incident-response team" in found[0]["message"]


def test_explain_and_the_reference_say_which_terms_a_mandate_leaves_out(cli) -> None:
    explained = " ".join(cli("explain", "CTR-08").stdout.split())  # as wrapped for a terminal
    assert "Not asked of a supplier we take part in by mandate" in explained
    assert explained.count("(mandated)") == 3  # step-in, indemnity, accelerated termination
    assert "Not asked of a public body serving us under public law (public_body)" in explained
    listed = cli("explain", "CTR-03").stdout
    assert "mandated" not in listed


def test_no_exit_plan_is_asked_of_a_participation_we_may_not_leave(cli, write) -> None:
    """CON-04: leaving a mandated platform means ceasing to operate, as leaving a card scheme
    does: its outage is the function's continuity plan's, not an exit plan's."""
    function = doc(
        "BusinessFunction",
        "vessel-ops",
        "criticality: critical\ndepends_on: {services: [{supplier: pcs, service: p}]}\n",
    )
    (finding,) = check(cli, write, repo(PLATFORM, CONTRACT, function), ["CON-04"])
    assert "cannot be substituted, but has no exit plan" in finding["message"]
    mandated = PLATFORM.replace("tier: 1\n", "tier: 1\nmandated: true\n")
    assert check(cli, write, repo(mandated, CONTRACT, function), ["CON-04"]) == []


def test_no_notice_period_or_renewal_review_is_asked_of_a_participation_we_may_not_leave(
    cli, write
) -> None:
    """CTR-13, CTR-14 (energy grid operator audit: a platform a regulator's determination makes
    every network operator use): we may not give notice, so there is no notice period of ours
    to state and no renewal decision to review."""
    renewing = CONTRACT.replace(
        "start_date: 2019-01-01\n",
        "start_date: 2019-01-01\nend_date: 2026-12-20\nauto_renew: true\n",
    )
    found = check(cli, write, repo(PLATFORM, renewing), ["CTR-13", "CTR-14"])
    assert codes(found) == ["CTR-13", "CTR-14"]
    assert "notice" in " ".join(f["message"] for f in found if f["code"] == "CTR-13")
    mandated = PLATFORM.replace("tier: 1\n", "tier: 1\nmandated: true\n")
    assert check(cli, write, repo(mandated, renewing), ["CTR-13", "CTR-14"]) == []
