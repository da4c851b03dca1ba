"""An investment firm's own counterparties recorded without a service model, through the CLI on
real YAML: a global or sub-custodian, a prime broker, the general clearing member or clearing
broker giving it access to a central counterparty and an executing broker are regulated firms
serving it as their client, read as a financial service as a custodian bank is. They are not
asked an IT vendor's incident-notice window (CTR-03: a regulated firm informs its clients under
its own law). A bare broker (a message broker) or custodian (a records custodian) is not read so."""

from __future__ import annotations

from one_file import check, doc, repo


def counterparty(words: str) -> str:
    supplier = doc(
        "Supplier",
        "cp",
        f"name: Acme SA\ntier: 1\nprovides_ict_services: false\ndescription: {words}\n"
        "supports_critical_function: true\ndata_sensitivity: confidential\n"
        "highest_access_level: none\nservices:\n"
        "  - name: svc\n    supports_critical_function: true\n    stores_data: false\n",
    )
    contract = doc(
        "Contract",
        "ctr-cp",
        "supplier: cp\nstatus: active\nservices: [svc]\ncovers_ict_services: false\n"
        "supports_critical_function: true\nstart_date: 2020-01-01\n",
    )
    return repo(supplier, contract)


COUNTERPARTIES = (
    "Global custodian of our clients' securities.",
    "Sub-custodian for the Nordic markets.",
    "Prime brokerage, financing and securities lending.",
    "General clearing member giving us access to the central counterparty.",
    "Clearing broker for our listed derivatives.",
    "Executing broker for US equities.",
)


def test_an_investment_firms_counterparty_is_a_financial_service(cli, write) -> None:
    for words in COUNTERPARTIES:
        assert check(cli, write, counterparty(words), ["CTR-03"]) == [], words
        # recorded as the words say, the same
        text = counterparty(words).replace(
            "provides_ict_services: false\n",
            "provides_ict_services: false\nservice_model: financial_service\n",
        )
        assert check(cli, write, text, ["CTR-03"]) == [], words


def test_other_words_are_still_asked_the_window(cli, write) -> None:
    for words in (
        "Records custodian and archive storage.",
        "Message broker hosting.",
        "Staffing for clearing members and brokers.",
    ):
        found = check(cli, write, counterparty(words), ["CTR-03"])
        assert [f["code"] for f in found] == ["CTR-03"], words
        assert "if it is, record its service_model" in found[0]["message"]
