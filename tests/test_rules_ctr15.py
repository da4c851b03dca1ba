"""CTR-15: a contract does not drop a clause its clause library makes non-negotiable for the
supplier's tier in effect; a clause a rule of the law reports missing is not reported twice."""

from __future__ import annotations

from one_file import check, codes, doc, repo

LIBRARY = doc(
    "ClauseLibrary",
    "library",
    "clauses:\n"
    "  - {id: nis2.5.1.4.f, title: Vulnerability handling, non_negotiable_for_tiers: [1]}\n"
    "  - {id: dora.30.2.a, title: Services and subcontracting, non_negotiable_for_tiers: [1]}\n",
)


def supplier(sid: str, tier: int, extra: str = "") -> str:
    return doc("Supplier", sid, f"name: {sid}\ntier: {tier}\nprovides_ict_services: true\n{extra}")


def contract(cid: str, sid: str, clauses: str) -> str:
    return doc("Contract", cid, f"supplier: {sid}\nstatus: active\nclauses:\n{clauses}")


ABSENT = "  nis2.5.1.4.f: {present: false}\n"


def test_an_absent_non_negotiable_clause_of_a_tier1_supplier_is_reported(cli, write) -> None:
    text = repo(
        LIBRARY,
        supplier("acme", 1),
        contract("ctr-acme", "acme", ABSENT),
        supplier("canteen", 3),
        contract("ctr-canteen", "canteen", ABSENT),
        supplier("signed", 1),
        contract("ctr-signed", "signed", "  nis2.5.1.4.f: {present: true, variant: standard}\n"),
        supplier("moot", 1),
        contract("ctr-moot", "moot", "  nis2.5.1.4.f: {applicable: false, reason: no software}\n"),
    )
    found = check(cli, write, text, ["CTR-15"])
    assert [f["id"] for f in found] == ["ctr-acme"]
    [finding] = found
    assert "clause library library makes it non-negotiable for tier 1" in finding["message"]
    assert "policy, not a legal requirement" in finding["message"]
    assert finding["line"] == text.splitlines().index(ABSENT.rstrip("\n")) + 1


def test_the_tier_in_effect_decides(cli, write) -> None:
    """Recorded as tier 2, but a critical function rests on it: held to the tier-1 clauses."""
    function = doc(
        "BusinessFunction", "billing", "criticality: critical\ndepends_on: {suppliers: [acme]}\n"
    )
    text = repo(LIBRARY, supplier("acme", 2), contract("ctr-acme", "acme", ABSENT), function)
    [finding] = check(cli, write, text, ["CTR-15"])
    assert "(tier 1 in effect)" in finding["message"]
    alone = repo(LIBRARY, supplier("acme", 2), contract("ctr-acme", "acme", ABSENT))
    assert check(cli, write, alone, ["CTR-15"]) == []


def test_a_clause_the_laws_rule_reports_is_not_reported_again(cli, write) -> None:
    """dora.30.2.a missing from an ICT contract is CTR-01's finding, in the law's words; CTR-15
    reports it only where CTR-01 does not run."""
    dora = "  dora.30.2.a: {present: false}\n"
    text = repo(LIBRARY, supplier("acme", 1), contract("ctr-acme", "acme", dora))
    both = check(cli, write, text, ["CTR-01", "CTR-15"])
    assert "CTR-01" in codes(both) and "CTR-15" not in codes(both)
    alone = check(cli, write, text, ["CTR-15"])
    assert codes(alone) == ["CTR-15"] and "dora.30.2.a" in alone[0]["message"]


def test_a_clause_the_library_sources_in_law_is_not_called_no_legal_requirement(cli, write) -> None:
    """Holding a clause non-negotiable is the programme's policy, but the clause itself may be
    the law's: a processor handling patients' letters without the processing agreement GDPR
    Art. 28(3) requires. The message names the source the library records for the clause and
    never tells a procurement manager that such a gap is no legal requirement."""
    library = doc(
        "ClauseLibrary",
        "library",
        "clauses:\n"
        "  - id: gdpr.art28-dpa\n"
        "    title: Data processing agreement\n"
        "    source: Regulation (EU) 2016/679 Art. 28(3)\n"
        "    non_negotiable_for_tiers: [1, 2]\n",
    )
    absent = "  gdpr.art28-dpa: {present: false}\n"
    text = repo(library, supplier("mailhouse", 1), contract("ctr-mailhouse", "mailhouse", absent))
    [finding] = check(cli, write, text, ["CTR-15"])
    assert "not a legal requirement" not in finding["message"]
    assert "Regulation (EU) 2016/679 Art. 28(3)" in finding["message"]
    assert "non-negotiable by the programme's own policy" in finding["message"]
