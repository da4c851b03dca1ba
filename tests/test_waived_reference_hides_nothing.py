"""A reference naming no document that most likely means one (a plan naming function
``last-mile`` for ``last-mile-delivery``) makes the rules counting referrers wait for REF-01 to
be mended (BCM-07 does not say the function has no plan). A Waiver of REF-01 accepts the
reference as it is (the plan is the subsidiary's own function's): it must not also hide the
gap it would have explained, which BCM-07 then says; an expired waiver waits again (through
the CLI)."""

from __future__ import annotations

from one_file import check, doc, repo

PROGRAMME = repo(
    doc("BusinessFunction", "last-mile-delivery", "criticality: critical\n"),
    doc("ContinuityPlan", "bcp-last-mile", "function: last-mile\nowner: head-of-logistics\n"),
)


def waiver(expires: str, target: str = "{kind: ContinuityPlan, id: bcp-last-mile}") -> str:
    return doc(
        "Waiver",
        "waive-last-mile",
        f"rule: REF-01\ntargets:\n  - {target}\n"
        "rationale: The plan is the subsidiary's last-mile function's, kept in its repository.\n"
        "compensating_controls: [subsidiary programme review]\nrisk_owner: coo\napprover: ceo\n"
        f"approved_on: 2026-11-01\nexpires: {expires}\n",
    )


def found(cli, write, text: str) -> list[tuple[str, bool]]:
    return sorted((f["code"], f["suppressed"]) for f in check(cli, write, text, ["BCM-07"]))


def test_without_a_waiver_the_function_waits_for_the_reference(cli, write) -> None:
    assert found(cli, write, PROGRAMME) == []


def test_a_waived_reference_leaves_the_gap_it_would_have_explained(cli, write) -> None:
    assert found(cli, write, repo(PROGRAMME, waiver("2027-06-01"))) == [("BCM-07", False)]
    narrowed = "{kind: ContinuityPlan, id: bcp-last-mile, field: function}"
    assert found(cli, write, repo(PROGRAMME, waiver("2027-06-01", narrowed))) == [("BCM-07", False)]


def test_an_expired_waiver_accepts_nothing(cli, write) -> None:
    assert found(cli, write, repo(PROGRAMME, waiver("2026-11-20"))) == []


def test_a_python_check_counting_referrers_says_it_too(cli, write) -> None:
    """BCM-05 (a Python check) counts a function naming the supplier misspelt as mapping it,
    unless a waiver of REF-01 accepts that name as another supplier's."""
    text = repo(
        doc("Supplier", "wms-vendor", "tier: 1\nstatus: active\nprovides_ict_services: true\n"),
        doc(
            "BusinessFunction",
            "warehousing",
            "criticality: critical\ndepends_on: {suppliers: [WMS-Vendor]}\n",
        ),
    )
    accepted = doc(
        "Waiver",
        "waive-wms",
        "rule: REF-01\ntargets:\n  - {kind: BusinessFunction, id: warehousing}\n"
        "rationale: WMS-Vendor is the parent group's own vendor, tracked in its repository.\n"
        "compensating_controls: [group review]\nrisk_owner: coo\napprover: ceo\n"
        "approved_on: 2026-11-01\nexpires: 2027-06-01\n",
    )
    assert check(cli, write, text, ["BCM-05"]) == []
    assert [f["code"] for f in check(cli, write, repo(text, accepted), ["BCM-05"])] == ["BCM-05"]
