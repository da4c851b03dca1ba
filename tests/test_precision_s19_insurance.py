"""The nineteenth precision audit's insurance findings (an energy grid operator and an asset
manager), through the CLI on real YAML: a condition combining controls of different areas judges
each control over its own area; the incident templates are asked the notice contact only of
policies an incident may claim under (not professional indemnity); dependent cover is not asked
to name a depositary bank, and is found not to respond to a network carrier that the policy's
exclusion of infrastructure failure takes out (a gap that went unreported). Each real gap is
still found, with the quiet cases checked too."""

from __future__ import annotations

from one_file import check, doc, line, repo

# -- INS-01: a condition combining controls of different areas ------------------------------

OT_CONDITION = (
    "period: {start: 2026-07-01, end: 2027-06-30}\n"
    "conditions:\n"
    "  - id: ot-segmentation\n"
    "    statement: OT segmented from IT; remote access to OT only through a jump host with MFA.\n"
    "    control_categories: [network_segmentation, mfa_remote_access]\n"
    "    scope: [network, remote_access]\n"
    "    minimum_coverage_percent: 100\n"
    "    attested: true\n"
)
OT_POLICY = doc("InsurancePolicy", "cyber", OT_CONDITION)


def control(name: str, category: str, scope: str, coverage: int = 100) -> str:
    body = f"category: {category}\nstatus: implemented\nscope: {scope}\n"
    return doc("Control", name, body + f"coverage_percent: {coverage}\n")


SEGMENTATION = control("ot-segmentation", "network_segmentation", "[network]")
JUMP_HOST_MFA = control("mfa-remote", "mfa_remote_access", "[remote_access, third_party_access]")


def test_ins01_each_control_of_a_combined_condition_is_judged_over_its_own_area(cli, write) -> None:
    assert check(cli, write, repo(OT_POLICY, SEGMENTATION, JUMP_HOST_MFA), ["INS-01"]) == []
    # beside two MFA categories, the network is segmentation's, not a scope their MFA must reach
    both = OT_CONDITION.replace(
        "[network_segmentation, mfa_remote_access]",
        "[network_segmentation, mfa_remote_access, mfa_privileged]",
    ).replace("[network, remote_access]", "[network, remote_access, privileged_access]")
    admins = control("mfa-admin", "mfa_privileged", "[privileged_access]")
    text = repo(doc("InsurancePolicy", "cyber", both), SEGMENTATION, JUMP_HOST_MFA, admins)
    assert check(cli, write, text, ["INS-01"]) == []


def test_ins01_a_combined_condition_still_finds_each_controls_gap(cli, write) -> None:
    # the MFA on remote access covers only part of its own area
    short = control("mfa-remote", "mfa_remote_access", "[remote_access]", coverage=85)
    text = repo(OT_POLICY, SEGMENTATION, short)
    (finding,) = check(cli, write, text, ["INS-01"])
    assert finding["line"] == line(text, "control_categories: [network_segmentation")
    message = finding["message"]
    assert "needs an implemented mfa_remote_access control covering remote_access, but" in message
    assert "control mfa-remote covers 85%, under the 100% required" in message
    # the MFA covers email only: remote access is uncovered
    elsewhere = control("mfa-remote", "mfa_remote_access", "[email]")
    (finding,) = check(cli, write, repo(OT_POLICY, SEGMENTATION, elsewhere), ["INS-01"])
    assert "leave remote_access uncovered" in finding["message"]
    # no segmentation of the network: the MFA does not stand in for it
    (finding,) = check(cli, write, repo(OT_POLICY, JUMP_HOST_MFA), ["INS-01"])
    assert (
        "needs an implemented network_segmentation control covering network" in (finding["message"])
    )


def test_ins01_a_category_with_no_area_of_its_own_is_asked_every_scope(cli, write) -> None:
    condition = (
        "conditions:\n"
        "  - {id: endpoints, control_categories: [edr, patching], scope: [endpoints, servers]}\n"
    )
    policy = doc("InsurancePolicy", "cyber", "period: {start: 2026-07-01, end: 2027-06-30}\n")
    edr = control("edr", "edr", "[endpoints, servers]")
    servers_only = control("patching", "patching", "[servers]")
    (finding,) = check(cli, write, repo(policy + condition, edr, servers_only), ["INS-01"])
    assert "needs patching controls covering endpoints, servers" in finding["message"]
    assert "leave endpoints uncovered" in finding["message"]


# -- INS-05 and impact: the notice contact of a policy an incident may claim under ------------

PERIOD = "period: {start: 2026-04-01, end: 2027-03-31}\n"
CYBER = doc(
    "InsurancePolicy",
    "cyber",
    PERIOD + "notice:\n  contact: {email: claims@cyber.example}\n",
)
FUND_ADMIN = doc(
    "Supplier",
    "fund-admin",
    "tier: 1\nprovides_ict_services: true\nservice_model: managed_service\n",
)
DEALING = doc(
    "BusinessFunction",
    "dealing",
    "criticality: critical\nrto_hours: 8\nmtpd_hours: 48\ndepends_on: {suppliers: [fund-admin]}\n",
)
DEALING_PLAN = doc(
    "ContinuityPlan",
    "dealing-plan",
    "function: dealing\n"
    "comms_templates:\n  insurer: {reference: insurer.md, recipients: [claims@cyber.example]}\n",
)


def other_line(line: str) -> str:
    return doc(
        "InsurancePolicy",
        "financial-lines",
        f"line: {line}\n{PERIOD}notice:\n  contact: {{email: fl-claims@insurer.example}}\n",
    )


def test_ins05_asks_no_incident_template_for_a_professional_indemnity_insurer(cli, write) -> None:
    text = repo(CYBER, FUND_ADMIN, DEALING, DEALING_PLAN, other_line("other"))
    assert check(cli, write, text, ["INS-05"]) == []
    # a crime policy (theft by hacking, funds-transfer fraud) is an incident's claim: asked
    crime = repo(CYBER, FUND_ADMIN, DEALING, DEALING_PLAN, other_line("crime"))
    (finding,) = check(cli, write, crime, ["INS-05"])
    assert (
        "notice contact of crime insurance policy financial-lines (fl-claims@insurer.example)"
        in (finding["message"])
    )


def test_impact_lists_no_incident_notice_to_a_professional_indemnity_insurer(
    cli, write, tmp_path
) -> None:
    write("resilint.yaml", "{}\n")
    write("repo.yaml", repo(CYBER, FUND_ADMIN, DEALING, DEALING_PLAN, other_line("other")))
    args = ("impact", "--supplier", "fund-admin", "--format", "json", "--as-of", "2026-11-26")
    found = cli(*args, cwd=tmp_path).json()
    assert {n["document"] for n in found["notices"] if n["kind"] == "insurer"} == {"cyber"}
    assert [p["policy"] for p in found["insurance"]] == ["cyber"]


def test_impact_gives_a_crime_policy_no_business_interruption_cover(cli, write, tmp_path) -> None:
    write("resilint.yaml", "{}\n")
    write("repo.yaml", repo(CYBER, FUND_ADMIN, DEALING, DEALING_PLAN, other_line("crime")))
    args = ("impact", "--supplier", "fund-admin", "--format", "json", "--as-of", "2026-11-26")
    insurance = {p["policy"]: p["covers"] for p in cli(*args, cwd=tmp_path).json()["insurance"]}
    assert insurance["financial-lines"] == []
    assert [c["cover"] for c in insurance["cyber"]] == [
        "dependent_business_interruption",
        "business_interruption",
    ]


# -- INS-04: dependent cover and a regulated bank, custodian or depositary --------------------

IT_PROVIDERS = doc(
    "InsurancePolicy",
    "cyber",
    PERIOD + "business_interruption: {waiting_period_hours: 6}\n"
    "dependent_bi: {scope: it_providers, waiting_period_hours: 6}\n",
)


def non_ict(model: str) -> str:
    return doc(
        "Supplier",
        "depositary",
        f"name: Depositary Bank S.A.\ntier: 1\nprovides_ict_services: false\n{model}",
    )


NAV = doc(
    "BusinessFunction",
    "nav",
    "criticality: critical\nrto_hours: 8\nmtpd_hours: 48\ndepends_on: {suppliers: [depositary]}\n",
)


def test_ins04_asks_no_broker_to_name_a_depositary_bank(cli, write, tmp_path) -> None:
    bank = non_ict("service_model: financial_service\n")
    assert check(cli, write, repo(IT_PROVIDERS, bank, NAV), ["INS-04"]) == []
    # impact says why the dependent cover does not respond
    args = ("impact", "--supplier", "depositary", "--format", "json", "--as-of", "2026-11-26")
    (policy,) = cli(*args, cwd=tmp_path).json()["insurance"]
    (dependent,) = [c for c in policy["covers"] if c["cover"] == "dependent_business_interruption"]
    assert dependent["responds"] == "no"
    assert "dependent cover is not written for a regulated bank" in dependent["why"]


def test_ins04_still_reports_another_critical_supplier_left_out(cli, write) -> None:
    adviser = non_ict("service_model: professional_service\n").replace("Bank S.A.", "Advisers")
    (finding,) = check(cli, write, repo(IT_PROVIDERS, adviser, NAV), ["INS-04"])
    assert "leaves out critical supplier depositary" in finding["message"]


# -- INS-04 and impact: a network carrier under an exclusion of infrastructure failure --------

INFRASTRUCTURE = (
    "exclusions:\n"
    "  - {id: infrastructure, type: infrastructure_failure,\n"
    "     description: Failure of telecommunications infrastructure not under our control.}\n"
)


def carrier(model: str = "network_carrier") -> str:
    return doc(
        "Supplier",
        "carrier",
        f"tier: 1\nprovides_ict_services: true\nservice_model: {model}\n",
    )


GRID = doc(
    "BusinessFunction",
    "grid",
    "criticality: critical\nrto_hours: 1\nmtpd_hours: 24\ndepends_on: {suppliers: [carrier]}\n",
)


def dependent(scope: str, extra: str = "") -> str:
    return doc(
        "InsurancePolicy",
        "cyber",
        PERIOD + "business_interruption: {waiting_period_hours: 12}\n"
        f"dependent_bi: {{scope: {scope}, waiting_period_hours: 12{extra}}}\n",
    )


def test_ins04_dependent_cover_will_not_respond_to_an_excluded_carrier(cli, write) -> None:
    text = repo(dependent("it_providers") + INFRASTRUCTURE, carrier(), GRID)
    found = check(cli, write, text, ["INS-04"])
    (excluded,) = [f for f in found if "network carrier" in f["message"]]
    assert excluded["line"] == line(text, "type: infrastructure_failure")
    assert (
        "the dependent business-interruption cover of insurance policy cyber will not respond to "
        "an outage of critical supplier carrier, on which function grid (critical) rests"
    ) in excluded["message"]
    assert "Ask the broker for a carve-back naming carrier" in excluded["message"]
    # the cover that does not respond is not compared with the function's RTO either
    (note,) = [f for f in found if "recovered on plan" in f["message"]]
    assert "dependent business-interruption cover's" not in note["message"]
    # a cover of every supplier is taken out all the same
    every = repo(dependent("all_suppliers") + INFRASTRUCTURE, carrier(), GRID)
    assert [f for f in check(cli, write, every, ["INS-04"]) if "network carrier" in f["message"]]


def test_ins04_no_exclusion_a_named_carrier_or_a_cloud_provider_is_no_gap(cli, write) -> None:
    def gaps(text: str) -> list[dict]:
        found = check(cli, write, text, ["INS-04"])
        return [f for f in found if "recovered on plan" not in f["message"]]

    assert gaps(repo(dependent("it_providers"), carrier(), GRID)) == []
    named = dependent("it_providers", ", named_providers: [carrier]") + INFRASTRUCTURE
    assert gaps(repo(named, carrier(), GRID)) == []
    assert gaps(repo(dependent("it_providers") + INFRASTRUCTURE, carrier("iaas_paas"), GRID)) == []


def test_impact_says_the_dependent_cover_does_not_respond_to_the_carrier(
    cli, write, tmp_path
) -> None:
    write("resilint.yaml", "{}\n")
    write("repo.yaml", repo(dependent("it_providers") + INFRASTRUCTURE, carrier(), GRID))
    args = ("impact", "--supplier", "carrier", "--format", "json", "--as-of", "2026-11-26")
    (policy,) = cli(*args, cwd=tmp_path).json()["insurance"]
    (cover,) = [c for c in policy["covers"] if c["cover"] == "dependent_business_interruption"]
    assert cover["responds"] == "no"
    assert "excludes infrastructure failure (exclusion infrastructure)" in cover["why"]


def test_ins04_a_payment_system_left_out_says_such_cover_is_seldom_offered(cli, write) -> None:
    """A payment system or market infrastructure a critical function rests on, left out of the
    dependent cover of a policy that does not exclude infrastructure failure: the gap is
    reported, and the message does not send the broker after cover that is seldom offered as
    if it were routine."""
    scheme = doc(
        "Supplier",
        "fedwire",
        "tier: 1\nprovides_ict_services: true\nservice_model: market_infrastructure\n",
    )
    wires = GRID.replace("[carrier]", "[fedwire]")
    text = repo(dependent("named", ", named_providers: [core]"), scheme, wires)
    (left,) = [
        f
        for f in check(cli, write, text, ["INS-04"])
        if "leaves out critical supplier" in f["message"]
    ]
    assert "leaves out critical supplier fedwire" in left["message"]
    assert (
        "market infrastructure is seldom offered: ask the broker whether it can be named"
        in (left["message"])
    )
    # another critical supplier left out is asked to be named, as before
    (plain,) = [
        f
        for f in check(
            cli,
            write,
            repo(dependent("named", ", named_providers: [core]"), carrier(), GRID),
            ["INS-04"],
        )
        if "leaves out critical supplier" in f["message"]
    ]
    assert "Ask the broker to name the supplier" in plain["message"]
