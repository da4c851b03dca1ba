"""resilint impact on the outage of a market infrastructure we are a member of (a central
counterparty, an exchange), through the CLI on real YAML: dependent cover that does not name it
is explained in the words INS-04 weighs it with. Where the policy excludes infrastructure
failure, naming it would buy nothing (INS-04 asks nothing then), so impact does not suggest it
and lists the exclusion that takes the outage out; without such an exclusion it says such cover
is seldom offered. A supplier of another kind keeps the plain words."""

from __future__ import annotations

from one_file import check, doc, repo

POLICY = (
    "period: {start: 2026-07-01, end: 2027-06-30}\n"
    "coverages:\n"
    "  business_interruption: {included: true}\n"
    "  dependent_business_interruption: {included: true}\n"
    "business_interruption: {waiting_period_hours: 6}\n"
    "dependent_bi: {scope: named, named_providers: [feed]}\n"
)
INFRASTRUCTURE = (
    "exclusions:\n"
    "  - {id: infra, type: infrastructure_failure,\n"
    '     description: "Failure of power, telecommunications or market infrastructure."}\n'
    "  - {id: war, type: war, description: War and state-backed cyber operations.}\n"
)
CCP = doc(
    "Supplier",
    "ccp",
    "name: Clearing House SA\ntier: 1\nprovides_ict_services: false\n"
    "service_model: market_infrastructure\nsupports_critical_function: true\n"
    "services: [{name: clearing, stores_data: false}]\n",
)
ADVISER = doc(
    "Supplier",
    "ccp",
    "name: Clearing Advisers SARL\ntier: 1\nprovides_ict_services: false\n"
    "service_model: professional_service\nsupports_critical_function: true\n"
    "services: [{name: clearing, stores_data: false}]\n",
)
CLEARING = doc(
    "BusinessFunction",
    "clearing",
    "criticality: critical\nrto_hours: 8\nmtpd_hours: 24\ndepends_on: {suppliers: [ccp]}\n",
)


def impact(cli, write, tmp_path, text: str) -> dict:
    write("resilint.yaml", "{}\n")
    write("repo.yaml", text)
    args = ("impact", "--supplier", "ccp", "--format", "json", "--as-of", "2026-12-07")
    (policy,) = cli(*args, cwd=tmp_path).json()["insurance"]
    return policy


def dependent(policy: dict) -> dict:
    (cover,) = [c for c in policy["covers"] if c["cover"] == "dependent_business_interruption"]
    return cover


def test_an_excluded_market_infrastructure_is_not_to_be_named(cli, write, tmp_path) -> None:
    text = repo(doc("InsurancePolicy", "cyber", POLICY + INFRASTRUCTURE), CCP, CLEARING)
    # INS-04 asks no broker to name it: the exclusion takes its outage out
    assert check(cli, write, text, ["INS-04"]) == []
    policy = impact(cli, write, tmp_path, text)
    cover = dependent(policy)
    assert cover["responds"] == "no"
    assert "is a payment scheme or market infrastructure" in cover["why"]
    assert "excludes infrastructure failure (exclusion infra)" in cover["why"]
    assert "naming it would buy nothing" in cover["why"]
    assert "is not named" not in cover["why"]
    # the exclusion that takes the outage out is listed, the war exclusion is not
    assert [e["id"] for e in policy["exclusions"]] == ["infra"]
    assert "war cannot bear on it" in policy["exclusions_note"]


def test_without_the_exclusion_it_says_such_cover_is_seldom_offered(cli, write, tmp_path) -> None:
    text = repo(doc("InsurancePolicy", "cyber", POLICY), CCP, CLEARING)
    (finding,) = check(cli, write, text, ["INS-04"])
    assert "seldom offered" in finding["message"]
    cover = dependent(impact(cli, write, tmp_path, text))
    assert cover["responds"] == "no"
    assert "the cover names only the providers it lists, and ccp is not named" in cover["why"]
    assert "seldom offered (insurer market practice)" in cover["why"]


def test_another_supplier_keeps_the_plain_words(cli, write, tmp_path) -> None:
    text = repo(doc("InsurancePolicy", "cyber", POLICY + INFRASTRUCTURE), ADVISER, CLEARING)
    policy = impact(cli, write, tmp_path, text)
    cover = dependent(policy)
    assert cover["why"] == "the cover names only the providers it lists, and ccp is not named"
    assert policy["exclusions"] == []
