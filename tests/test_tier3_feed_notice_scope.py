"""CTR-03 and CTR-04 share one scope, the requirements matrix's incident_notice term. A tier-3
supplier providing ICT services alone, with no access to our systems and none of our
confidential data (a public market-data or price feed), is held to none of the clocks CTR-04
weighs, and CTR-03 no longer asks it a notice window in hours either: it needs a named security
contact (SUP-03). Access to our systems, our confidential data, tier 2 or a critical function
resting on it still bring the window in."""

from __future__ import annotations

from one_file import CYBER_POLICY, check, doc, repo

ENTITY = doc("Entity", "acme-bank")
POLICY = CYBER_POLICY + "insured_entities: [acme-bank]\nnotice: {incident_notice_hours: 48}\n"
FEED = doc(
    "Supplier",
    "pricefeed",
    "name: Public Prices Ltd\ntier: 3\nprovides_ict_services: true\nservice_model: data_feed\n",
)
SILENT = doc("Contract", "ctr-feed", "supplier: pricefeed\nentities: [acme-bank]\nstatus: active\n")
SLOW = doc(
    "Contract",
    "ctr-feed-slow",
    "supplier: pricefeed\nentities: [acme-bank]\nstatus: active\n"
    "incident_notification: {window_hours: 120, trigger: confirmed}\n",
)
RULES = ["CTR-03", "CTR-04", "SUP-03"]


def _codes(found: list[dict]) -> list[tuple[str, str]]:
    return sorted((f["code"], f["message"].split(" ")[1]) for f in found)


def test_a_tier3_public_feed_is_asked_a_contact_not_a_window(cli, write) -> None:
    found = check(cli, write, repo(ENTITY, POLICY, FEED, SILENT, SLOW), RULES)
    assert [f["code"] for f in found] == ["SUP-03"]
    assert "it need not answer around the clock" in found[0]["message"]


def test_access_to_our_systems_brings_the_window_in(cli, write) -> None:
    key = doc(
        "Identity",
        "feed-sftp",
        "supplier: pricefeed\ntype: sftp_user\naccess_level: write\n"
        "rotation_days: 90\nlast_rotated: 2026-10-01\n",
    )
    found = check(cli, write, repo(ENTITY, POLICY, FEED, key, SILENT, SLOW), ["CTR-03", "CTR-04"])
    assert ("CTR-03", "ctr-feed") in _codes(found)
    slow = [
        f["message"] for f in found if f["code"] == "CTR-03" and "ctr-feed-slow" in f["message"]
    ]
    assert slow and "120 hours" in slow[0] and "72 hours" in slow[0]
    # the insurer's 48 hours now concern it: CTR-04 judges the 72 hours CTR-03 asks
    assert ("CTR-04", "ctr-feed-slow") in _codes(found)


def test_our_confidential_data_brings_the_window_in(cli, write) -> None:
    holding = FEED.replace("tier: 3\n", "tier: 3\ndata_sensitivity: confidential\n")
    found = check(cli, write, repo(ENTITY, POLICY, holding, SILENT), ["CTR-03"])
    assert _codes(found) == [("CTR-03", "ctr-feed")]


def test_a_tier2_feed_is_still_asked(cli, write) -> None:
    tier2 = FEED.replace("tier: 3\n", "tier: 2\n")
    found = check(cli, write, repo(ENTITY, POLICY, tier2, SILENT), ["CTR-03"])
    assert _codes(found) == [("CTR-03", "ctr-feed")]


def test_a_feed_a_critical_function_rests_on_is_still_asked(cli, write) -> None:
    function = doc(
        "BusinessFunction",
        "trading",
        "criticality: critical\nentities: [acme-bank]\ndepends_on: {suppliers: [pricefeed]}\n",
    )
    found = check(cli, write, repo(ENTITY, POLICY, FEED, function, SILENT), ["CTR-03"])
    assert _codes(found) == [("CTR-03", "ctr-feed")]
