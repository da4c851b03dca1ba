"""The note asking whether a supplier without ICT services is an adviser, a bank or a scheme is
not given where its record says it holds nothing of ours (a generator-diesel supplier we rely
on): an adviser, a bank or a scheme serving us holds our files, accounts or transactions. Where
the record does not say what data it handles, or says it handles our confidential data, the
note is given as before."""

from __future__ import annotations

from one_file import check, doc, repo

NOTE = "; if it is, record its service_model"
UNNAMED = "standby arrangement"
"""Words that name no trade (they could be a bank's standby credit line): the trade its words
name does not take the note off (tests/test_adviser_note_trade.py does)."""


def fuel(data: str = "data_sensitivity: internal\n", trade: str = "diesel fuel supply") -> str:
    supplier = doc(
        "Supplier",
        "nordtank",
        "name: Nordtank Energie GmbH\n"
        "description: Diesel fuel for the standby generators, delivered by tanker.\n"
        f"tier: 1\nprovides_ict_services: false\nsupports_critical_function: true\n{data}"
        "highest_access_level: none\n"
        f"services:\n  - {{name: diesel, service_type: {trade}, stores_data: false}}\n",
    )
    contract = doc(
        "Contract",
        "ctr-nordtank",
        "supplier: nordtank\nstatus: active\ncovers_ict_services: false\n"
        "supports_critical_function: true\nstart_date: 2024-01-01\nend_date: 2028-12-31\n",
    )
    return repo(supplier, contract)


def notes(cli, write, text: str) -> dict[str, bool]:
    found = check(cli, write, text, ["SUP-03", "CTR-03"])
    assert sorted(f["code"] for f in found) == ["CTR-03", "SUP-03"], found
    return {f["code"]: NOTE in f["message"] for f in found}


def test_a_diesel_supplier_holding_nothing_of_ours_is_not_asked_if_it_is_a_bank(cli, write) -> None:
    assert notes(cli, write, fuel(trade=UNNAMED)) == {"SUP-03": False, "CTR-03": False}


def test_the_note_stays_where_the_record_does_not_say_or_holds_our_data(cli, write) -> None:
    assert notes(cli, write, fuel(data="", trade=UNNAMED)) == {"SUP-03": True, "CTR-03": True}
    held = notes(cli, write, fuel(data="data_sensitivity: confidential\n", trade=UNNAMED))
    assert held == {"SUP-03": True, "CTR-03": True}
