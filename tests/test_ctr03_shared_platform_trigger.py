"""CTR-03 asks a critical shared platform (IaaS, PaaS or a multi-tenant SaaS) for notice of a
suspected compromise all the same, but, as CTR-08 does of the security indemnity, says that
such a platform's standard terms seldom grant it and points to a waiver. A service run for us
is told no such thing: its contract can be negotiated."""

from __future__ import annotations

from one_file import check, doc, repo

WAIVER_WORDS = "accept the gap in a waiver approved by the risk owner"


def _supplier(model: str) -> str:
    return doc(
        "Supplier",
        "vendor",
        f"name: Vendor\ntier: 1\nprovides_ict_services: true\nservice_model: {model}\n",
    )


def _contract(notice: str) -> str:
    return doc(
        "Contract",
        "ctr-vendor",
        f"supplier: vendor\nstatus: active\nincident_notification: {notice}\n",
    )


def test_a_hyperscaler_asking_only_a_confirmed_breach_is_pointed_to_a_waiver(cli, write) -> None:
    text = repo(_supplier("iaas_paas"), _contract("{window_hours: 24, trigger: confirmed}"))
    [finding] = check(cli, write, text, ["CTR-03"])
    message = finding["message"]
    assert "negotiate notice of a suspected compromise" in message
    assert "standard terms of a shared platform" in message and WAIVER_WORDS in message


def test_a_saas_silent_on_the_trigger_is_told_the_same(cli, write) -> None:
    text = repo(_supplier("multi_tenant_saas"), _contract("{window_hours: 24}"))
    [finding] = check(cli, write, text, ["CTR-03"])
    assert "does not say whether supplier vendor" in finding["message"]
    assert WAIVER_WORDS in finding["message"]


def test_a_managed_service_is_not_told_of_standard_terms(cli, write) -> None:
    text = repo(_supplier("managed_service"), _contract("{window_hours: 24, trigger: confirmed}"))
    [finding] = check(cli, write, text, ["CTR-03"])
    assert "shared platform" not in finding["message"]


def test_a_shared_platform_giving_notice_of_a_suspicion_has_no_finding(cli, write) -> None:
    text = repo(_supplier("iaas_paas"), _contract("{window_hours: 24, trigger: suspected}"))
    assert check(cli, write, text, ["CTR-03"]) == []
