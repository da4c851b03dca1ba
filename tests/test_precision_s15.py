"""Dates of things done recorded after the date a check judges as of (a mistyped year, or a
check as of a register's earlier reference date): the freshness rules say so, and never that
the date is "more than N days ago"."""

from __future__ import annotations

import pytest
from one_file import check, doc

FUNCTION = "criticality: critical\nlast_criticality_assessment: {date}\n"
SUPPLIER = (
    "name: Acme Ltd\ntier: 1\nprovides_ict_services: true\nlast_assessment: {{date: {date}}}\n"
)


@pytest.mark.parametrize(
    ("code", "kind", "body", "words"),
    [
        ("BCM-02", "BusinessFunction", FUNCTION, "was last assessed for criticality on"),
        ("SUP-04", "Supplier", SUPPLIER, "was last assessed on"),
    ],
)
def test_a_date_after_the_date_checked_is_not_called_old(cli, write, code, kind, body, words):  # type: ignore[no-untyped-def]
    (future,) = check(cli, write, doc(kind, "x", body.format(date="2027-03-10")), [code])
    assert f"{words} 2027-03-10, after the date checked" in future["message"]
    assert "days ago" not in future["message"] and "longer ago" not in future["message"]
    assert future["line"] == 4 + body.count("\n") - 1
    (old,) = check(cli, write, doc(kind, "x", body.format(date="2023-03-10")), [code])
    assert "after the date checked" not in old["message"]
    assert check(cli, write, doc(kind, "x", body.format(date="2026-11-01")), [code]) == []


NOTICE = """\
apiVersion: resilint/v1
kind: Entity
id: broker
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: Example Insurance SE
period: {start: 2026-01-01, end: 2026-12-31}
insured_entities: [broker]
notice: {incident_notice_hours: 48}
---
apiVersion: resilint/v1
kind: Supplier
id: office-line
tier: 3
provides_ict_services: true
highest_access_level: none
---
apiVersion: resilint/v1
kind: Contract
id: ctr-office-line
supplier: office-line
entities: [broker]
status: active
incident_notification: {window_hours: 72}
"""


@pytest.mark.parametrize(
    ("added", "held"),
    [
        ("", False),
        ("data_sensitivity: confidential\n", True),
        ("supports_critical_function: true\n", True),
        ("highest_access_level: read\n", True),
    ],
    ids=["ICT services alone", "our data", "a critical function", "access to our systems"],
)
def test_the_insurers_deadline_is_asked_of_suppliers_whose_incident_can_be_ours(
    cli, write, added, held
) -> None:  # type: ignore[no-untyped-def]
    """An office line or a public data feed (ICT services, none of our data, no access, no
    critical function): its incident is no breach of ours and its outage is seen in our own
    systems, so its notice window is not held to the cyber insurer's deadline."""
    text = NOTICE.replace("highest_access_level: none\n", "highest_access_level: none\n" + added)
    if "highest_access_level: read" in added:
        text = text.replace("highest_access_level: none\n", "")
    found = check(cli, write, text, ["CTR-04"])
    assert [f["id"] for f in found] == (["ctr-office-line"] if held else [])


BANK = """\
apiVersion: resilint/v1
kind: Entity
id: bank
name: Example Bank AG
lei: 5299000J2N45DDNE4Y28
country: DE
entity_type: credit_institution
competent_authority: BaFin
total_assets: {amount: 1200000000, currency: EUR}
register_entry: {integrated: 2025-01-10, last_updated: 2026-10-01}
regimes: [dora]
"""


@pytest.mark.parametrize(
    ("regimes", "asked"),
    [
        ("regimes: [nydfs]\n", 1),  # its type alone: only an ICT intra-group provider is in
        ("regimes: [dora]\n", 4),  # in the register: its type, LEI, dates and assets
        ("", 4),  # nothing says: in the register until its type says otherwise
    ],
    ids=["regimes without DORA", "under DORA", "no regimes recorded"],
)
def test_an_untyped_entity_outside_dora_is_asked_its_type_first(cli, write, regimes, asked):  # type: ignore[no-untyped-def]
    branch = (
        "apiVersion: resilint/v1\nkind: Entity\nid: ny\nname: NY Trust\ncountry: US\n"
        f"parent: bank\n{regimes}"
    )
    found = check(cli, write, BANK + "---\n" + branch, ["REG-01", "REG-12"])
    about = [f["message"] for f in found if f["id"] == "ny"]
    assert len(about) == asked, about
    if asked == 1:
        (said,) = about
        assert "only if it is an ICT intra-group service provider" in said
        assert "regimes (nydfs) leave DORA" in said


def test_a_group_contract_naming_it_does_not_repeat_its_missing_lei(cli, write) -> None:  # type: ignore[no-untyped-def]
    """A contract of the group naming the untyped entity beside the bank: the empty LEI of its
    rows (B_03.01.0020, B_02.02.0020) waits for the entity's type, as its own row does."""
    branch = (
        "apiVersion: resilint/v1\nkind: Entity\nid: ny\nname: NY Trust\ncountry: US\n"
        "parent: bank\nregimes: [nydfs]\n"
    )
    supplier = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: hr\nname: HR Cloud SE\n"
        "provides_ict_services: true\nprovider_id: 5299009N55YRQC69CN08\nprovider_id_type: LEI\n"
    )
    contract = (
        "apiVersion: resilint/v1\nkind: Contract\nid: ctr-hr\nsupplier: hr\n"
        "entities: [bank, ny]\nstatus: active\ncovers_ict_services: true\nstart_date: 2025-01-01\n"
    )
    text = "---\n".join((BANK, branch, supplier, contract))
    found = check(cli, write, text, ["REG-01", "REG-12"])
    lei = [f for f in found if f["id"] == "ctr-hr" and "0020 (LEI of the" in f["message"]]
    assert lei == []  # B_03.01.0020, the signing entity's LEI, among them
    typed = text.replace(
        "regimes: [nydfs]\n", "regimes: [nydfs]\nentity_type: credit_institution\n"
    )
    assert [f["id"] for f in check(cli, write, typed, ["REG-01"]) if f["id"] == "ny"] == []
