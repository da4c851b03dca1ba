"""Precision audit of an insurance-driven machinery manufacturer (NIS2 important entity with a
three-layer cyber tower) and of a small law firm under no regulatory profile, through the CLI on
real YAML."""

from __future__ import annotations

import pytest
from one_file import AS_OF, check, doc, repo

# -- INS-03: a layer placed mid-term sat over last year's policy until this one started -------

PRIMARY = doc(
    "InsurancePolicy",
    "cyber-primary",
    "period: {start: 2026-04-01, end: 2027-03-31}\ncurrency: EUR\naggregate_limit: 5000000\n",
)
FIRST_EXCESS = doc(
    "InsurancePolicy",
    "cyber-xs1",
    "period: {start: 2026-04-01, end: 2027-03-31}\ncurrency: EUR\naggregate_limit: 5000000\n"
    "layer: {position: excess, sits_over: cyber-primary, attaches_at: 5000000}\n",
)


def second_excess(start: str, end: str) -> str:
    return doc(
        "InsurancePolicy",
        "cyber-xs2",
        f"period: {{start: {start}, end: {end}}}\ncurrency: EUR\naggregate_limit: 5000000\n"
        "layer: {position: excess, sits_over: cyber-xs1, attaches_at: 10000000}\n",
    )


def ins03(cli, write, layer: str) -> list[dict]:
    """INS-03's findings on the layers (the bare primary lacks terms of its own)."""
    found = check(cli, write, repo(PRIMARY, FIRST_EXCESS, layer), ["INS-03"])
    return [f for f in found if f["id"] != "cyber-primary"]


def test_a_layer_placed_mid_term_is_not_told_of_a_start_gap_that_has_passed(cli, write) -> None:
    # placed in January 2026, a year to January 2027; the layer below it was renewed in April:
    # until then it sat over last year's layer, which the repository need not keep
    assert AS_OF > "2026-04-01"
    assert ins03(cli, write, second_excess("2026-01-15", "2027-01-14")) == []


def test_a_layer_that_sits_over_nothing_yet_is_still_told(cli, write) -> None:
    # the layer below starts after the as-of date: today the layer sits over nothing recorded
    later = repo(
        PRIMARY.replace("2026-04-01", "2027-01-01"),
        FIRST_EXCESS.replace("2026-04-01", "2027-01-01"),
        second_excess("2026-10-01", "2027-09-30"),
    )
    found = check(cli, write, later, ["INS-03"])
    messages = " ".join(f["message"] for f in found if f["id"] == "cyber-xs2")
    assert "starts only on 2027-01-01: until then the layer sits over nothing" in messages


# -- a programme under no regulatory profile: the thresholds are said to be the programme's ----

FIRM = doc("Entity", "law-firm", "country: DE\nregimes: []\n")
MSP = doc(
    "Supplier",
    "it-support",
    "tier: 1\nprovides_ict_services: true\nservice_model: managed_service\n"
    "highest_access_level: privileged\nlast_assessment: {date: 2025-06-01}\n",
)
MSP_CONTRACT = doc(
    "Contract",
    "ctr-it-support",
    "supplier: it-support\nentities: [law-firm]\nstatus: active\ncovers_ict_services: true\n"
    "start_date: 2024-01-01\n"
    "incident_notification: {window_hours: 72, trigger: suspected}\n"
    "evidence_retention: {log_days: 90, preservation_on_request: true}\n",
)


def test_tier_thresholds_are_said_to_be_the_programmes_where_no_law_sets_them(cli, write) -> None:
    text = repo(FIRM, MSP, MSP_CONTRACT)
    found = check(cli, write, text, ["CTR-03", "CTR-06", "SUP-04"])
    said = {f["code"]: f["message"] for f in found}
    assert "longer than the 24 hours this programme allows a tier-1 supplier" in said["CTR-03"]
    assert "this programme asks a tier-1 supplier to keep them at least 365 days" in said["CTR-06"]
    assert "(the interval this programme sets for tier 1)" in said["SUP-04"]
    # nothing in them claims a law for a firm under none
    assert not any("Regulation" in m or "NYCRR" in m or "DORA" in m for m in said.values())


# -- impact: an insurer's notice "as soon as practicable" is not listed after a 30-day claim ----

LAW_FIRM = repo(
    doc(
        "Entity",
        "law-firm",
        "country: DE\nregimes: []\nreporting_clocks: {data_protection_authority_hours: 72}\n",
    ),
    doc(
        "Supplier",
        "it-support",
        "tier: 1\nprovides_ict_services: true\n"
        "highest_access_level: privileged\ndata_sensitivity: restricted\n",
    ),
    doc(
        "BusinessFunction",
        "client-matters",
        "criticality: critical\nentities: [law-firm]\ndepends_on: {suppliers: [it-support]}\n",
    ),
    doc(
        "InsurancePolicy",
        "pi-cyber",
        "insurer: Elbe Mutual\ninsured_entities: [law-firm]\n"
        "period: {start: 2026-01-01, end: 2026-12-31}\n"
        "notice: {incident_notice_wording: WORDING, claim_deadline_days: 30}\n",
    ),
)


def notices(cli, write, wording: str) -> list[tuple[str, str]]:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", LAW_FIRM.replace("WORDING", wording))
    asked = ("impact", "--supplier", "it-support", "--format", "json", "--as-of", AS_OF)
    answer = cli(*asked).json()
    return [(n["kind"], n["deadline"]) for n in answer["notices"]]


@pytest.mark.parametrize("wording", ["as_soon_as_practicable", "immediately"])
def test_an_insurer_notice_in_words_is_listed_first(cli, write, wording: str) -> None:
    said = notices(cli, write, wording)
    assert said[0] == ("insurer", wording.replace("_", " "))
    assert [kind for kind, _ in said[1:]] == ["data_protection_authority", "claim"]


# -- joint playbooks: a contract manufacturer holding our drawings is not asked one -----------

MAKER = repo(
    doc("Entity", "maker", "country: DE\nregimes: []\n"),
    doc(
        "Supplier",
        "frames",
        "tier: 1\nstatus: active\nprovides_ict_services: false\nhighest_access_level: none\n"
        "data_sensitivity: confidential\nsupports_critical_function: true\n",
    ),
    doc(
        "Contract",
        "ctr-frames",
        "supplier: frames\nentities: [maker]\nstatus: active\ncovers_ict_services: false\n"
        "start_date: 2024-01-01\n",
    ),
)


def test_a_supplier_holding_only_our_data_is_not_asked_a_joint_playbook(cli, write) -> None:
    assert check(cli, write, MAKER, ["PLB-02", "EXR-01"]) == []
    # and the rules' own words say so: ICT services or access, not our data alone
    for code in ("PLB-01", "PLB-02", "EXR-01"):
        said = cli("explain", code).stdout
        assert "ICT services or access to our systems" in " ".join(said.split())
        assert "or our confidential data)" not in " ".join(said.split())


# -- INS-03: the policy below renewed mid-term, its renewal recorded -----------------------------


def test_a_layer_over_a_policy_renewed_mid_term_is_not_told_it_sits_over_nothing(
    cli, write
) -> None:
    # the second layer runs June to May; the first layer ends in March and its renewal,
    # recorded, runs on from April: the layer sits over that renewal for the rest of its term
    renewal = doc(
        "InsurancePolicy",
        "cyber-xs1-2027",
        "period: {start: 2027-04-01, end: 2028-03-31}\ncurrency: EUR\naggregate_limit: 5000000\n"
        "layer: {position: excess, sits_over: cyber-primary-2027, attaches_at: 5000000}\n",
    )
    primary_renewal = PRIMARY.replace("cyber-primary", "cyber-primary-2027").replace(
        "2026-04-01, end: 2027-03-31", "2027-04-01, end: 2028-03-31"
    )
    layer = second_excess("2026-06-01", "2027-05-31")
    found = check(cli, write, repo(PRIMARY, FIRST_EXCESS, layer), ["INS-03"])
    told = " ".join(f["message"] for f in found if f["id"] == "cyber-xs2")
    assert "is insured only to 2027-03-31, with any renewal of it recorded" in told, told
    text = repo(PRIMARY, FIRST_EXCESS, primary_renewal, renewal, layer)
    found = check(cli, write, text, ["INS-03"])
    assert not [f for f in found if f["id"] == "cyber-xs2"], found
