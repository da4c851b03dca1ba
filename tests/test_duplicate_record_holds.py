"""A supplier record SUP-13 reports as a provider's second record (the same identifier as
another) draws no other rule findings of its own: each of its gaps is half a supplier's and goes
with the record once merged. SUP-13's finding says how many it holds; the first record is judged
as ever. Through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, repo

LEI = "provider_id: 391200STAHLRHEIN0086\nprovider_id_type: LEI\n"
FIRST = doc("Supplier", "stahlwerk-rhein", "tier: 1\n" + LEI)
SECOND = doc("Supplier", "swrr", "tier: 1\n" + LEI)


def test_the_second_records_other_findings_wait_for_the_merge(cli, write) -> None:
    found = check(cli, write, repo(FIRST, SECOND), ["SUP-13", "SUP-04"])
    about = sorted((f["code"], f["id"]) for f in found)
    # the first record is still told it has no assessment; the second only that it is a second
    assert about == [("SUP-04", "stahlwerk-rhein"), ("SUP-13", "swrr")], about
    (duplicate,) = [f for f in found if f["code"] == "SUP-13"]
    assert "(1 other finding about this record wait until it is merged)" in duplicate["message"]


def test_two_companies_are_judged_each(cli, write) -> None:
    other = SECOND.replace("391200STAHLRHEIN0086", "529900SPEDBRAUN00126")
    found = check(cli, write, repo(FIRST, other), ["SUP-13", "SUP-04"])
    assert sorted(f["id"] for f in found) == ["stahlwerk-rhein", "swrr"]


WAIVER = doc(
    "Waiver",
    "two-companies",
    "rule: SUP-13\n"
    "targets:\n  - {kind: Supplier, id: swrr}\n"
    "rationale: Two group companies invoice under one LEI until the 2027 merger.\n"
    "risk_owner: coo\napprover: cfo\napproved_on: 2026-10-01\nexpires: 2027-03-31\n",
)


def test_a_waived_duplicate_holds_nothing(cli, write) -> None:
    # SUP-13 accepted as two companies: the second record is judged as its own
    found = check(cli, write, repo(FIRST, SECOND, WAIVER), ["SUP-13", "SUP-04"])
    active = sorted((f["code"], f["id"]) for f in found if not f.get("suppression"))
    assert active == [("SUP-04", "stahlwerk-rhein"), ("SUP-04", "swrr")], found
