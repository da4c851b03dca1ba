"""A crypto-asset service provider's execution counterparties, through the CLI on real YAML: a
liquidity provider or market maker it routes client orders to, or another authorised CASP, serves
it in its own regulated trade (MiCA, Regulation (EU) 2023/1114), and MiCA's trading platform for
crypto-assets is a trading venue. Neither is an outsourcing (MiCA Art. 73) nor an ICT supplier
to be asked an ICT contract's incident terms; a supplier whose words say it runs the work for us
still is."""

from __future__ import annotations

from one_file import check, doc, repo

ENTITY = doc(
    "Entity",
    "casp",
    "name: Example Digital Assets GmbH\ncountry: DE\nentity_type: crypto_asset_service_provider\n"
    "regimes: [dora]\n",
)
FUNCTION = doc(
    "BusinessFunction",
    "execution",
    "entities: [casp]\ncriticality: critical\nrto_hours: 2\nmtpd_hours: 8\ndepends_on:\n"
    "  services:\n    - {supplier: counterparty, service: order-execution}\n",
)


def _supplier(description: str) -> str:
    return doc(
        "Supplier",
        "counterparty",
        f"name: Example Counterparty Ltd\ndescription: {description}\ntier: 1\nstatus: active\n"
        "provides_ict_services: false\nsupports_critical_function: true\n"
        "data_sensitivity: confidential\nservices:\n"
        "  - name: order-execution\n"
        "    description: Execution of the client orders we route to it by FIX API.\n"
        "    service_type: order execution\n"
        "    supports_critical_function: true\n"
        "    stores_data: false\n",
    )


CONTRACT = doc(
    "Contract",
    "ctr-counterparty",
    "supplier: counterparty\nentities: [casp]\nstatus: active\nservices: [order-execution]\n"
    "covers_ict_services: false\nsupports_critical_function: true\n"
    "start_date: 2025-04-01\nend_date: 9999-12-31\n",
)
RULES = ["CTR-03", "CTR-07", "CTR-08", "CTR-16", "SUP-12"]


def _asked(cli, write, description: str) -> set[str]:
    text = repo(ENTITY, FUNCTION, _supplier(description), CONTRACT)
    return {f["code"] for f in check(cli, write, text, RULES)}


def test_a_liquidity_provider_is_no_outsourcing_nor_asked_ict_incident_terms(cli, write) -> None:
    for words in (
        "Liquidity provider we route client orders to for execution.",
        "Market maker quoting prices on request; we route client orders to it.",
        "An authorised crypto-asset service provider executing the client orders we route to it.",
        "OTC desk of an authorised CASP; executes our client orders.",
    ):
        assert _asked(cli, write, words) == set(), words


def test_a_crypto_asset_trading_platform_is_a_trading_venue(cli, write) -> None:
    text = repo(
        ENTITY,
        FUNCTION,
        _supplier("Operator of a trading platform for crypto-assets; we are a member."),
        CONTRACT,
    )
    assert check(cli, write, text, RULES) == []


def test_words_saying_it_runs_the_work_for_us_are_still_an_outsourcing(cli, write) -> None:
    text = repo(
        ENTITY,
        FUNCTION,
        _supplier("Liquidity provider that also runs our order desk on our behalf."),
        CONTRACT,
    )
    found = check(cli, write, text, RULES)
    assert "CTR-16" in {f["code"] for f in found}
    assert "SUP-12" in {f["code"] for f in found}
    # and words naming no trade of its own leave it unknown, asked every term as before
    assert _asked(cli, write, "Counterparty we route client orders to.") >= {"CTR-16", "SUP-12"}
