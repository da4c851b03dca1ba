"""A supplier without ICT services that handles our confidential data is asked a 24x7 security
contact (SUP-03) and an incident-notice window (CTR-03); where nothing recorded says it is an
adviser, a bank or a scheme, the finding asks whether it is one. Where the words of each of its
services name a trade none of them has (a clinical laboratory, a caterer, a freight carrier),
the question has no object and is not put; where the words name no trade, or name it only as
whom the supplier serves, or one service names none, it is put as before. Checked through
`resilint check` as users run it."""

from __future__ import annotations

import pytest
from one_file import check, doc, repo

NOTE = "; if it is, record its service_model"


def supplier(services: list[tuple[str, str]], name: str = "Rheinwerk GmbH") -> str:
    listed = "".join(
        f"  - {{name: s{n}, service_type: {kind}, description: {words}, stores_data: true}}\n"
        for n, (kind, words) in enumerate(services)
    )
    found = doc(
        "Supplier",
        "rw",
        f"name: {name}\ntier: 1\nprovides_ict_services: false\n"
        "supports_critical_function: false\ndata_sensitivity: confidential\n"
        "highest_access_level: none\n" + (f"services:\n{listed}" if services else ""),
    )
    contract = doc(
        "Contract",
        "ctr-rw",
        "supplier: rw\nstatus: active\ncovers_ict_services: false\n"
        "supports_critical_function: false\nstart_date: 2024-01-01\nend_date: 2028-12-31\n",
    )
    return repo(found, contract)


def asked(cli, write, text: str) -> dict[str, bool]:
    """Whether SUP-03's and CTR-03's findings ask if the supplier is an adviser, bank or scheme."""
    found = check(cli, write, text, ["SUP-03", "CTR-03"])
    assert sorted(f["code"] for f in found) == ["CTR-03", "SUP-03"], found
    return {f["code"]: NOTE in f["message"] for f in found}


OTHER_TRADES = [
    [("laboratory diagnostics", "Analysis of patient samples and reporting of results.")],
    [("catering", "Patient meals and the staff canteen at both hospitals.")],
    [("road freight", "Full truckloads between our plants.")],
    [("parcel and express delivery", "Parcels to our customers.")],
    [("facility cleaning", "Offices and wards.")],
    [("waste management", "Clinical waste collection.")],
    [("laboratory diagnostics", "Routine tests."), ("courier", "Sample transport.")],
    # a grid operator's field contractor, holding our switching diagrams
    [("substation maintenance and fault repair", "Switchgear and transformers in 190 sites.")],
    [("protection relay inspections", "Yearly relay tests in our substations.")],
    [("cable laying", "Medium-voltage cables for new connections.")],
]


@pytest.mark.parametrize("services", OTHER_TRADES, ids=lambda s: s[0][0])
def test_a_supplier_named_by_another_trade_is_not_asked_if_it_is_a_bank(
    cli, write, services: list[tuple[str, str]]
) -> None:
    assert asked(cli, write, supplier(services)) == {"SUP-03": False, "CTR-03": False}


NO_TRADE = [
    # nothing names a trade: a bank's account, an adviser's brief are described so
    [("treasury services", "Cash pooling for the group.")],
    [("account", "Operating account.")],
    # the trade names whom the supplier serves, not the supplier
    [("current account", "Operating account for the laboratory.")],
    # one of its services names no trade: that one could be a bank's (its description names
    # a place, not its trade)
    [("catering", "Staff canteen."), ("card acceptance", "Payments at the canteen tills.")],
    # words that also name a financial product
    [("meal vouchers", "Vouchers for staff meals.")],
    # maintenance of what could be software or a network: not named a trade of its own
    [("software maintenance", "Updates of the billing system.")],
    [("network maintenance", "Our office network.")],
]


@pytest.mark.parametrize("services", NO_TRADE, ids=lambda s: s[-1][0])
def test_the_question_stays_where_the_words_could_be_a_bank_s(
    cli, write, services: list[tuple[str, str]]
) -> None:
    assert asked(cli, write, supplier(services)) == {"SUP-03": True, "CTR-03": True}


def test_without_services_its_own_name_and_description_are_read(cli, write) -> None:
    assert asked(cli, write, supplier([])) == {"SUP-03": True, "CTR-03": True}
    text = supplier([], name="Rheinwerk Laboratory Diagnostics GmbH")
    assert asked(cli, write, text) == {"SUP-03": False, "CTR-03": False}
