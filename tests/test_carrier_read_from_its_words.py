"""A programme outside DORA records no ICT service type (the register's S10 or S11), and
describes its telecom carrier in words: "LoRaWAN and cellular telemetry connectivity", "leased
lines", "private APN". Such a service storing none of our data is a network carrier, as the
codes make it: no step-in rights, security indemnity, forensic images or joint playbook are
asked of the carrier of a water utility's telemetry. Words saying the network is managed for us,
or a platform beside it, or data it stores, leave the model unknown, every term asked."""

from __future__ import annotations

import pytest
from one_file import check, codes, doc, messages, repo

from resilint.domain.delivery import NETWORK, service_models
from resilint.model import Document

RULES = ["CTR-06", "CTR-08", "PLB-02"]


def carrier(service_type: str, stores_data: str = "false") -> str:
    entity = doc("Entity", "waterco", "regimes: [nis2]\nnis2_category: essential\n")
    supplier = doc(
        "Supplier",
        "telenet",
        "status: active\ntier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
        "highest_access_level: none\ndata_sensitivity: internal\n"
        "services:\n  - name: telemetry\n"
        f"    service_type: {service_type}\n    stores_data: {stores_data}\n",
    )
    contract = doc(
        "Contract",
        "ctr-telenet",
        "supplier: telenet\nentities: [waterco]\nstatus: active\ncovers_ict_services: true\n"
        "incident_notification: {window_hours: 12, trigger: suspected}\n"
        "evidence_retention: {log_days: 365, preservation_on_request: true,"
        " access_for: [incident_team, insurer_forensics]}\n"
        "remedies: {accelerated_termination: true}\n",
    )
    return repo(entity, supplier, contract)


def test_connectivity_storing_none_of_our_data_is_a_carrier(cli, write) -> None:
    for words in (
        "LoRaWAN and private APN telemetry connectivity",
        "leased lines between the plants and the control centre",
        "mobile data SIMs for the stations, telemetry network connectivity",
    ):
        assert check(cli, write, carrier(words), RULES) == [], words


def test_its_record_as_s10_reads_the_same(cli, write) -> None:
    coded = carrier("telemetry").replace(
        "stores_data: false", "stores_data: false\n    ict_service_type: S10"
    )
    assert check(cli, write, coded, RULES) == []


def test_a_network_managed_for_us_or_holding_our_data_is_asked_every_term(cli, write) -> None:
    for words, stores in (
        ("MPLS WAN managed by the carrier, our routers included", "false"),
        ("IoT platform and cellular connectivity", "false"),
        # hosting, a portal, a head-end or device management beside the line: not a line alone
        ("hosting of our telemetry servers and leased lines", "false"),
        ("claims portal with internet access", "false"),
        ("smart meter head-end with cellular connectivity", "false"),
        ("mobile data and mobile device management", "false"),
        ("LoRaWAN network connectivity", "true"),
    ):
        found = codes(check(cli, write, carrier(words, stores), RULES))
        assert "CTR-08" in found and "PLB-02" in found, (words, found)


def test_hosted_telephony_beside_lines_is_a_shared_platform_not_a_carrier(cli, write) -> None:
    """Hosted telephony is a platform every customer shares: asked a shared platform's
    continuity remedy, not a carrier's nothing; holding no credentials of ours and none of our
    data, it is asked no joint playbook (PLB-02's policy for a shared platform)."""
    found = codes(check(cli, write, carrier("hosted telephony and leased lines"), RULES))
    assert found == ["CTR-08"]


def test_words_that_name_no_connectivity_are_not_read_as_a_carrier(cli, write) -> None:
    found = codes(check(cli, write, carrier("database connectivity drivers support"), RULES))
    assert "CTR-08" in found


def test_a_telecom_operators_wholesale_carriers_are_carriers(cli, write) -> None:
    """A telecom operator describes the carriers it buys from by their wholesale services: IP
    transit, peering, wavelengths, backhaul, voice interconnection. None holds our data at rest,
    so none is asked step-in rights, forensic images or a joint playbook."""
    for words in (
        "Upstream transit and public peering over two diverse 100G wavelengths",
        "Mobile backhaul for the radio sites in the Alps",
        "International voice interconnection and termination",
        "Peering at the Vienna internet exchange",
        "Metro Ethernet circuits to 40 radio sites",
        "A2P SMS termination",
    ):
        assert check(cli, write, carrier(words), RULES) == [], words


def test_transit_of_goods_or_data_in_transit_is_no_carrier(cli, write) -> None:
    for words in (
        "Goods in transit tracking portal feed",
        "Encryption of backups in transit to the archive",
        "Backhaul of waste from the depots",
    ):
        found = codes(check(cli, write, carrier(words), RULES))
        assert "CTR-08" in found, (words, found)


def test_connectivity_with_ddos_protection_is_asked_as_a_security_service(cli, write) -> None:
    # DDoS protection on the line is a shared security platform (as the cloud words read it),
    # not connectivity alone: its continuity remedy and indemnity are asked, not left out as a
    # carrier's are
    assert check(cli, write, carrier("internet access"), RULES) == []
    found = check(cli, write, carrier("internet access and DDoS protection"), RULES)
    assert codes(found) == ["CTR-08"]
    assert "shared platform" in messages(found, "CTR-08")
    # words no model is read from leave it unknown: every term asked
    found = check(cli, write, carrier("IP transit with DDoS scrubbing"), RULES)
    assert codes(found) == ["CTR-06", "CTR-08", "PLB-02"]


# -- connectivity alone, or another service beside it -----------------------------------------

READ_AS_A_CARRIER = (
    "dedicated internet access",
    "Dedicated Internet Access (DIA), primary and backup",
    "MPLS WAN and internet breakout",
    "leased lines between our data centres",
    "mobile data connectivity for the payment terminals",
    "Upstream transit and public peering over two diverse 100G wavelengths to Vienna and Frankfurt",
    "LoRaWAN network server and private APN carrying telemetry; no readings stored by us",
    # places and parties listed after the line: common nouns after a common noun, names after
    # a name
    "internet access for our offices and depots",
    "leased lines between the plants and the control centre",
    "internet access for Vienna and Graz",
    "leased lines for Plant 1 and Plant 2",
    # an acronym after a place may still name connectivity
    "internet access for our offices and LTE backup",
    # a carrier's name before a line only a carrier sells is its brand
    "Vodafone mobile data",
    "Vodafone business mobile data for the field engineers",
    "Deutsche Telekom leased lines to Vienna and Frankfurt",
    "O2 mobile data",
)
NOT_A_CARRIER = (
    # a cloud security service named by its maker: our traffic passes through its platform
    ("Zscaler internet access", None),
    ("Zscaler Internet Access (ZIA)", None),
    # a bundle: the SaaS beside the line is not connectivity
    ("internet access and Microsoft 365", None),
    ("Microsoft 365, internet access", None),
    # a name after a place written as a common noun is another service, not another place
    ("internet access for our offices and Microsoft 365", None),
    ("mobile data for the field engineers and Salesforce", None),
    # ... also where its words are words a line's record uses ("office"): each item is read on
    # its own, and a name listed after the place is not another place
    ("leased lines for the stations and Office 365", None),
    ("leased lines for the stations, Office 365", None),
    # a name and its version after a place written as a name is a product, not another town
    ("internet access for Vienna and Microsoft 365", None),
    # a maker's name before "internet access" names its product, whoever makes it
    ("Netskope internet access", None),
    # a carrier's name reads no differently: its words cannot tell it from a security
    # product's, and unknown asks every term, so nothing is left unasked
    ("Vodafone internet access", None),
    # terminals, connected: the terminals are what is delivered
    ("payment terminals with mobile data connectivity", None),
    # a feed, and the line it reaches us by
    ("market data feed via leased line", "data_feed"),
)


@pytest.mark.parametrize("words", READ_AS_A_CARRIER)
def test_connectivity_alone_is_read_as_a_carrier(cli, write, words: str) -> None:
    assert service_models(supplier_of(words)) == frozenset({NETWORK}), words
    assert check(cli, write, carrier(words), RULES) == [], words


@pytest.mark.parametrize(("words", "model"), NOT_A_CARRIER)
def test_another_service_beside_or_before_the_line_is_no_carrier(
    cli, write, words: str, model: str | None
) -> None:
    assert service_models(supplier_of(words)) == (frozenset({model}) if model else frozenset())
    found = codes(check(cli, write, carrier(words), RULES))
    if model is None:  # unknown: every term its exposure calls for is asked
        assert "CTR-08" in found and "PLB-02" in found, (words, found)
    else:  # a feed: no step-in, indemnity or joint playbook, as a carrier
        assert found == [], (words, found)


def supplier_of(words: str) -> Document:
    service = {"name": "line", "service_type": words, "stores_data": False}
    return Document("x.yaml", 0, 1, "Supplier", "s", {"kind": "Supplier", "services": [service]})
