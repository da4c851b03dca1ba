"""Our own contract with a supplier that is tier 1 in effect only as a critical supplier's
subcontractor (or through another function it supports) asks the terms of the supplier's
recorded tier where the contract supports none of those functions: the intranet hosting we buy
from the data centre that hosts our core banking provider's platform carries no step-in rights
or tier-1 notice periods (CTR-08, CTR-13), and its notice window is held to the recorded
tier's hours (CTR-03). The supplier itself is still re-tiered (SUP-01). A contract a critical
function rests on directly, one that records nothing of what it supports, and a supplier tier 1
for what it holds (restricted data) are asked the tier-1 terms as before."""

from __future__ import annotations

from one_file import check, doc, repo

FUNCTION = doc(
    "BusinessFunction",
    "payments",
    "name: Payments\ncriticality: critical\ndepends_on: {suppliers: [corebank]}\n",
)
COREBANK = doc(
    "Supplier",
    "corebank",
    "name: Corebank Systems AG\ntier: 1\nprovides_ict_services: true\n"
    "supports_critical_function: true\ndata_sensitivity: confidential\n"
    "highest_access_level: write\n"
    "services:\n  - {name: core-banking, service_type: core banking run for us,"
    " service_model: managed_service, supports_critical_function: true}\n"
    "subcontractors:\n  - {id: hostwerk, name: Hostwerk GmbH, rank: 2,"
    " service_type: hosting of the core banking platform, services: [core-banking],"
    " country: DE}\n",
)
HOSTWERK = doc(
    "Supplier",
    "hostwerk",
    "name: Hostwerk GmbH\ntier: 2\nprovides_ict_services: true\ndata_sensitivity: internal\n"
    "highest_access_level: write\n"
    "services:\n"
    "  - {name: intranet-hosting, service_type: managed hosting of our staff intranet,"
    " service_model: managed_service, supports_critical_function: false,"
    " substitutability: medium_complexity}\n"
    "  - {name: payments-archive, service_type: managed hosting of the payments archive,"
    " service_model: managed_service, substitutability: medium_complexity}\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-hostwerk",
    "supplier: hostwerk\nstatus: active\ncovers_ict_services: true\n"
    "supports_critical_function: false\nservices: [intranet-hosting]\n"
    "start_date: 2024-01-01\nend_date: 2028-12-31\n"
    "incident_notification: {window_hours: 36, trigger: suspected}\n",
)
TIER_1_TERMS = ["CTR-08", "CTR-13"]
RULES = [*TIER_1_TERMS, "CTR-03", "SUP-01"]


def found(cli, write, *documents: str) -> dict[str, list[str]]:
    """The findings of the rules on the contract and on hostwerk, by code."""
    by_code: dict[str, list[str]] = {}
    for f in check(cli, write, repo(FUNCTION, COREBANK, *documents), RULES):
        if "hostwerk" in f["message"]:
            by_code.setdefault(f["code"], []).append(f["message"])
    return by_code


def test_our_non_critical_contract_asks_the_recorded_tiers_terms(cli, write) -> None:
    result = found(cli, write, HOSTWERK, CONTRACT)
    # the supplier is still tier 1 in effect, and told to record it
    assert "SUP-01" in result
    # the contract is held to tier 2: no tier-1 remedies or notice periods, 36 hours in 48
    assert sorted(result) == ["SUP-01"]


def test_a_window_past_the_recorded_tiers_hours_says_that_tier(cli, write) -> None:
    longer = CONTRACT.replace("window_hours: 36", "window_hours: 60")
    (message,) = found(cli, write, HOSTWERK, longer)["CTR-03"]
    assert "(tier 2) 60 hours" in message
    assert "allows a tier-2 supplier" in message
    assert "tier 1 in effect" not in message


def test_a_contract_the_function_rests_on_is_asked_tier_1_terms(cli, write) -> None:
    # the function names the payments archive this contract covers
    archive = CONTRACT.replace("services: [intranet-hosting]", "services: [payments-archive]")
    archive = archive.replace("supports_critical_function: false\n", "")
    function = FUNCTION.replace(
        "depends_on: {suppliers: [corebank]}",
        "depends_on: {suppliers: [corebank, hostwerk],"
        " services: [{supplier: hostwerk, service: payments-archive}]}",
    )
    result = {
        f["code"]
        for f in check(cli, write, repo(function, COREBANK, HOSTWERK, archive), RULES)
        if "ctr-hostwerk" in f["message"]
    }
    assert set(TIER_1_TERMS) <= result
    # 36 hours is more than tier 1's 24
    assert "CTR-03" in result


def test_a_contract_recording_nothing_of_what_it_supports_is_asked_tier_1_terms(cli, write) -> None:
    silent = CONTRACT.replace("supports_critical_function: false\n", "").replace(
        "services: [intranet-hosting]\n", ""
    )
    assert set(TIER_1_TERMS) <= set(found(cli, write, HOSTWERK, silent))


def test_a_supplier_tier_1_for_what_it_holds_is_asked_tier_1_terms(cli, write) -> None:
    restricted = HOSTWERK.replace("data_sensitivity: internal", "data_sensitivity: restricted")
    assert set(TIER_1_TERMS) <= set(found(cli, write, restricted, CONTRACT))
