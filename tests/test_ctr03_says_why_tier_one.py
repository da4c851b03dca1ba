"""CTR-03's finding on a contract with no notice window says why the window is asked of a
supplier recorded below tier 1: the reason it is tier 1 in effect (restricted data of ours, a
critical function resting on it), as CTR-07 and CTR-08 say it. A procurement manager reading
"the lab must notify us within N hours" of a tier-2 lab otherwise asks why. A supplier recorded
as tier 1 is told nothing more."""

from __future__ import annotations

from one_file import check, doc, repo

ENTITY = doc("Entity", "clinic", "country: DE\nregimes: []\n")


def _lab(tier: int) -> str:
    return doc(
        "Supplier",
        "lab",
        f"name: Laboratory GmbH\ntier: {tier}\nprovides_ict_services: false\n"
        "data_sensitivity: restricted\npersonal_data: true\nhighest_access_level: none\n"
        "services: [{name: tests, service_type: laboratory tests on patient samples}]\n",
    )


CONTRACT = doc("Contract", "ctr-lab", "supplier: lab\nentities: [clinic]\nstatus: active\n")


def test_a_supplier_recorded_below_tier_one_is_told_why_it_is_asked(cli, write) -> None:
    found = check(cli, write, repo(ENTITY, _lab(2), CONTRACT), ["CTR-03"])
    window = [f for f in found if "within how many hours" in f["message"]]
    assert len(window) == 1, found
    message = window[0]["message"]
    assert "supplier lab (recorded as tier 2; tier 1 because it handles restricted data)" in (
        message
    ), message


def test_a_supplier_recorded_as_tier_one_is_told_nothing_more(cli, write) -> None:
    found = check(cli, write, repo(ENTITY, _lab(1), CONTRACT), ["CTR-03"])
    window = [f for f in found if "within how many hours" in f["message"]]
    assert len(window) == 1, found
    assert "recorded as tier" not in window[0]["message"]
    assert "supplier lab must notify us" in window[0]["message"]
