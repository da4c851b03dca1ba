"""A trading venue we are a member of (a regulated market, a stock or derivatives exchange, an
MTF), recorded without a service model, through the CLI on real YAML: its words name a market
infrastructure, as a central counterparty's do, so it is not asked the terms of an IT vendor
(an incident-notice window, cooperation with our incident team, an indemnity, negotiated notice
periods), an exit plan under programme policy (CON-04), nor dependent business-interruption cover
a policy excluding infrastructure failure would not give (INS-04). A bare "exchange" (a mail
server, a data exchange) is not read so, nor an adviser to trading venues."""

from __future__ import annotations

from one_file import check, doc, repo

TERMS = ["CTR-03", "CTR-07", "CTR-08", "CTR-13", "CON-04", "INS-04"]


def venue(name: str, words: str) -> str:
    return doc(
        "Supplier",
        "venue",
        f"name: {name}\ntier: 1\nprovides_ict_services: false\n"
        f"description: {words}\nsupports_critical_function: true\n"
        "data_sensitivity: confidential\nhighest_access_level: none\nservices:\n"
        "  - name: membership\n    supports_critical_function: true\n    stores_data: false\n"
        "    substitutability: not_substitutable\n"
        "    non_substitutability_reason: lack_of_alternatives\n",
    )


CONTRACT = doc(
    "Contract",
    "ctr-venue",
    "supplier: venue\nstatus: active\nservices: [membership]\ncovers_ict_services: false\n"
    "supports_critical_function: true\noutsources_function: false\nstart_date: 2019-03-01\n",
)
EXECUTION = doc(
    "BusinessFunction",
    "execution",
    "criticality: critical\nrto_hours: 8\nmtpd_hours: 24\n"
    "depends_on: {services: [{supplier: venue, service: membership}]}\n",
)
POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "period: {start: 2026-07-01, end: 2027-06-30}\n"
    "business_interruption: {waiting_period_hours: 6}\n"
    "dependent_bi: {scope: named, named_providers: []}\n"
    "exclusions:\n"
    "  - {id: infra, type: infrastructure_failure, description: Infrastructure failure.}\n",
)


def codes(cli, write, name: str, words: str) -> list[str]:
    text = repo(venue(name, words), CONTRACT, EXECUTION, POLICY)
    return sorted({f["code"] for f in check(cli, write, text, TERMS)})


def test_a_trading_venue_is_read_as_a_market_infrastructure(cli, write) -> None:
    for name, words in (
        ("Bourse Lumière SA", "Regulated market operator; we are a trading member of its markets."),
        ("Nordic Derivatives AB", "Derivatives exchange; we trade its listed futures."),
        ("Alpha MTF Ltd", "Multilateral trading facility for European bonds."),
        ("Rhein Handel AG", "Wertpapierbörse: Handelsteilnahme für Aktien."),
        ("Marché Ouest SA", "Entreprise de marché gérant un marché réglementé."),
        ("Bolsa Levante SA", "Bolsa de valores; somos miembro del mercado regulado."),
    ):
        assert codes(cli, write, name, words) == [], words
    # recorded as the words say, the same
    text = repo(venue("Bourse Lumière SA", "Trading.") + "service_model: market_infrastructure\n")
    assert check(cli, write, text + CONTRACT + EXECUTION + POLICY, TERMS) == []


def test_other_words_keep_every_term_asked(cli, write) -> None:
    # a bare exchange, or whom an adviser serves, names no market infrastructure
    for name, words in (
        ("Tauschwerk GmbH", "Exchange of business documents with our customers."),
        ("Marceau Conseil SARL", "Management consultancy for stock exchanges and brokers."),
    ):
        found = codes(cli, write, name, words)
        assert "INS-04" in found and "CON-04" in found, (words, found)
