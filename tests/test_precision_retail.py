"""The eleventh precision audit (an unregulated UK/US online retailer and a NIS2 hospital group),
through the CLI on real YAML: a function that records a carrier's service as not supporting its
critical work does not make the carrier critical by also listing the shipping-API credential it
uses; and an exercise held before the period the rules look back over is history, not a finding
about who should have sat in it. Each false alarm is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo
from test_precision_terms import identity, supplier

# -- a credential of a service recorded as not critical passes no criticality (SUP-01) --------

CARRIER = (
    "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    "highest_access_level: write\nservices:\n"
    "  - {name: parcels, supports_critical_function: SUPPORTS, "
    "substitutability: easily_substitutable}\n"
)
LABEL_KEY = identity("carrier-label-api", "api_key", "write", "rotation_days: 90\n", "carrier")


def fulfilment(services: bool = True) -> str:
    named = "  services:\n    - {supplier: carrier, service: parcels}\n" if services else ""
    body = f"criticality: critical\ndepends_on:\n{named}  identities: [carrier-label-api]\n"
    return doc("BusinessFunction", "order-fulfilment", body)


def tiering(cli, write, supports: str, services: bool = True) -> list[dict[str, object]]:
    carrier = supplier(CARRIER.replace("SUPPORTS", supports), "carrier")
    return check(cli, write, repo(carrier, LABEL_KEY, fulfilment(services)), ["SUP-01"])


def test_a_credential_of_a_service_recorded_as_not_critical_makes_no_supplier_critical(
    cli, write
) -> None:
    # the function records the carrier's service as not supporting its critical work (a second
    # carrier stands by); listing the shipping-API key the function uses does not undo that
    assert tiering(cli, write, "false") == []


def test_a_credential_still_makes_its_supplier_critical_where_nothing_says_otherwise(
    cli, write
) -> None:
    # the service recorded as supporting the function: tier 1 in effect, through the key too
    found = tiering(cli, write, "true")
    assert codes(found) == ["SUP-01"]
    # the function names only the credential: the supplier is relied on as a whole
    found = tiering(cli, write, "false", services=False)
    assert codes(found) == ["SUP-01"]
    assert "through identity carrier-label-api of carrier" in str(found)


# -- an exercise held before the look-back period is history (EXR-02) -------------------------


def tabletop(day: str, status: str = "completed") -> str:
    body = (
        f"date: {day}\nstatus: {status}\ntype: simulation\nscenarios: [ransomware]\n"
        "participants: [security, it, legal, communications, supplier]\n"
    )
    return doc("Exercise", "mdr-ransomware", body)


def test_an_exercise_held_before_the_period_is_not_judged_for_its_seats(cli, write) -> None:
    # fourteen months before the as-of date: who sat in it can no longer change
    found = check(cli, write, tabletop("2025-09-30"), ["EXR-02"])
    assert "does not include" not in messages(found, "EXR-02")


def test_an_exercise_of_the_period_is_still_judged_for_its_seats(cli, write) -> None:
    found = messages(check(cli, write, tabletop("2026-06-30"), ["EXR-02"]), "EXR-02")
    assert "simulation exercise mdr-ransomware playing ransomware does not include" in found
    assert "procurement and finance (or risk)" in found
    # a shorter period set by the programme moves the line with it
    config = {"rules": {"EXR-02": {"params": {"period_days": 90}}}}
    found = check(cli, write, tabletop("2026-06-30"), ["EXR-02"], config)
    assert "does not include" not in messages(found, "EXR-02")


# -- a law firm recorded as "lawyers" or by its Dutch name is a professional adviser (CTR-03) --

LAW_FIRM = "tier: 3\nprovides_ict_services: false\ndata_sensitivity: confidential\n"


def test_lawyers_and_advocaten_are_read_as_a_law_firm(cli, write) -> None:
    for words in (
        "description: Healthcare and data-protection lawyers.\n",
        "name: Verhaeghe & Partners Advocaten\n",
    ):
        firm = supplier(LAW_FIRM + words, "counsel-firm")
        engagement = doc("Contract", "ctr-counsel", "supplier: counsel-firm\nstatus: active\n")
        assert check(cli, write, repo(firm, engagement), ["CTR-03"]) == [], words
    # words that name no adviser: the incident notice is still asked of a holder of our data
    firm = supplier(LAW_FIRM + "description: Document shredding.\n", "counsel-firm")
    engagement = doc("Contract", "ctr-counsel", "supplier: counsel-firm\nstatus: active\n")
    assert codes(check(cli, write, repo(firm, engagement), ["CTR-03"])) == ["CTR-03"]
