"""The twenty-eighth round's audit9 (a crowdfunding platform under DORA and a water utility
under NIS2), through the CLI on real YAML.

CTR-08 asked a security indemnity of the utility's telemetry carrier (a private APN carrying
traffic our own VPN encrypts end to end) and, in an earlier audit, of a colocation provider
housing our racks. Neither holds any of our data: the losses such an indemnity is for (breach
notification, the claims of the people whose data it was) do not arise from its failure, and
what it does fail at (a line or a site down) is met by service credits and a second route or
site. A carrier or a colocation that runs something for us, or stores our data, is still asked;
the other remedies (accelerated termination) still are."""

from __future__ import annotations

from one_file import check, messages, repo
from test_precision_terms import contract, service, supplier

CRITICAL = "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
CARRIER = CRITICAL + "services:\n" + service("S10", False, "telemetry-network")
COLOCATION = CRITICAL + "services:\n" + service("S07", False, "racks")
WITHOUT_INDEMNITY = "remedies: {accelerated_termination: true}\n"


def remedies(cli, write, body: str, terms: str = WITHOUT_INDEMNITY) -> str:
    found = check(cli, write, repo(supplier(body), contract(terms)), ["CTR-08"])
    return messages(found, "CTR-08")


def test_a_carrier_or_colocation_holding_nothing_of_ours_is_asked_no_indemnity(cli, write):
    for body in (
        CARRIER,
        COLOCATION,
        CRITICAL + "service_model: network_carrier\nservices:\n  - {name: lines}\n",
        CRITICAL + "service_model: colocation\nservices:\n  - {name: cage}\n",
    ):
        assert "indemnity" not in remedies(cli, write, body), body


def test_the_other_remedies_are_still_asked_of_them(cli, write) -> None:
    said = remedies(cli, write, CARRIER, "remedies: {}\n")
    assert "terminate early" in said, said
    assert "indemnity" not in said, said


def test_a_network_run_for_us_or_storing_our_data_is_still_asked_an_indemnity(cli, write):
    managed = CARRIER.replace(
        "stores_data: false}", "stores_data: false, description: Managed network for our sites}"
    )
    assert "indemnity" in remedies(cli, write, managed)
    storing = COLOCATION.replace("stores_data: false", "stores_data: true")
    assert "indemnity" in remedies(cli, write, storing)
