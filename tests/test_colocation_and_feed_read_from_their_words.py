"""A colocation ("colocation of our servers: racks, power, cooling") and a data feed ("weather
forecast data feed") described in words, storing none of our data, are read as the DORA codes
S07 and S05 make them: a colocation is not asked step-in rights, an indemnity, forensic images
or a joint playbook; a tier-2 feed is asked a named security contact, not a 24x7 line, and no log
retention. Hosting or a managed service beside the words, or a portal beside the feed, leave
the model unknown, every term asked."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo


def colocation(service_type: str) -> str:
    entity = doc("Entity", "waterco", "regimes: [nis2]\nnis2_category: essential\n")
    supplier = doc(
        "Supplier",
        "colo",
        "status: active\ntier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
        "highest_access_level: none\ndata_sensitivity: internal\n"
        f"services:\n  - {{name: racks, service_type: {service_type}, stores_data: false}}\n",
    )
    contract = doc(
        "Contract",
        "ctr-colo",
        "supplier: colo\nentities: [waterco]\nstatus: active\ncovers_ict_services: true\n"
        "remedies: {accelerated_termination: true}\n",
    )
    return repo(entity, supplier, contract)


def feed(service_type: str) -> str:
    entity = doc("Entity", "waterco", "regimes: [nis2]\nnis2_category: essential\n")
    supplier = doc(
        "Supplier",
        "meteo",
        "status: active\ntier: 2\nprovides_ict_services: true\nhighest_access_level: none\n"
        "data_sensitivity: public\ncontacts: {security: {email: security@meteo.example}}\n"
        f"services:\n  - {{name: forecasts, service_type: {service_type}, stores_data: false}}\n",
    )
    return repo(entity, supplier)


def test_a_colocation_in_words_is_not_asked_step_in_or_a_playbook(cli, write) -> None:
    text = "colocation of our servers (racks, power, cooling)"
    assert check(cli, write, colocation(text), ["CTR-08", "PLB-02"]) == []
    managed = "colocation with managed hosting of our servers"
    assert codes(check(cli, write, colocation(managed), ["CTR-08", "PLB-02"])) == [
        "CTR-08",
        "PLB-02",
    ]


def test_a_feed_in_words_is_asked_a_named_contact_not_a_24x7_line(cli, write) -> None:
    assert check(cli, write, feed("weather forecast data feed"), ["SUP-03"]) == []
    portal = messages(check(cli, write, feed("weather data portal"), ["SUP-03"]), "SUP-03")
    assert "24x7" in portal


def test_housing_and_racks_with_power_in_words_are_a_colocation(cli, write) -> None:
    """The words of a telecom operator for its second core site in another's data centre:
    "housing" (the trade's word for colocation in German-speaking markets), racks with power,
    a carrier-neutral data centre. None is asked step-in rights or a joint playbook."""
    for words in (
        "Housing of core site 2 in a carrier-neutral data centre",
        "14 racks with A+B power, cooling and access control",
        "Server housing in Linz",
    ):
        assert check(cli, write, colocation(words), ["CTR-08", "PLB-02"]) == [], words
    hosted = "Housing of core site 2 with managed hosting of our platforms"
    assert codes(check(cli, write, colocation(hosted), ["CTR-08", "PLB-02"])) == [
        "CTR-08",
        "PLB-02",
    ]


def test_a_feed_with_software_installed_with_us_is_not_a_feed_alone(cli, write) -> None:
    # terminal software on our desks runs in our systems: a 24x7 line is asked, as of any
    # tier-2 ICT service whose model is unknown
    for words in (
        "market data feed with terminal software",
        "price feed and desktop client",
        # a system or work on data beside the words, or our data sent out: not a feed to us
        "reference data management",
        "price data validation service",
        "fund price data publication to vendors",
    ):
        found = check(cli, write, feed(words), ["SUP-03"])
        assert "24x7" in messages(found, "SUP-03"), words


def test_feeds_delivered_to_us_are_still_feeds(cli, write) -> None:
    for words in ("end-of-day price feed", "reference data (LEI, ISIN) delivered daily by file"):
        assert check(cli, write, feed(words), ["SUP-03"]) == [], words
