"""A network its participants share on one rulebook, read from its words, through the CLI on real
YAML: a travel-rule messaging network between crypto-asset service providers (Regulation (EU)
2023/1113), or a network or platform the words say others share, is a multi-tenant platform, so
the requirements matrix asks it no joint incident playbook (PLB-02 asks one of a critical SaaS
only where it runs for us) and no finding says its model is unknown; a network the words say is
dedicated to us, or run for us, is still asked."""

from __future__ import annotations

from one_file import check, doc, repo

FUNCTION = doc(
    "BusinessFunction",
    "transfers",
    "criticality: critical\nrto_hours: 4\nmtpd_hours: 24\ndepends_on:\n"
    "  services:\n    - {supplier: network, service: messaging}\n",
)


def _network(service_type: str, description: str) -> str:
    return doc(
        "Supplier",
        "network",
        "name: Example Network B.V.\ntier: 1\nstatus: active\nprovides_ict_services: true\n"
        "supports_critical_function: true\ndata_sensitivity: restricted\npersonal_data: true\n"
        "services:\n  - name: messaging\n"
        f"    service_type: {service_type}\n    description: {description}\n"
        "    supports_critical_function: true\n    stores_data: true\n",
    )


def _found(cli, write, service_type: str, description: str) -> list[dict]:
    return check(cli, write, repo(FUNCTION, _network(service_type, description)), ["PLB-02"])


def test_a_travel_rule_network_is_a_shared_platform(cli, write) -> None:
    for service_type, description in (
        ("travel-rule messaging network", "Originator and beneficiary data to the other CASP."),
        ("travel rule solution", "Counterparty discovery and message exchange."),
        ("messaging", "A network shared by every crypto-asset service provider on one rulebook."),
        ("messaging", "Secure financial messaging on a shared network of member banks."),
    ):
        assert _found(cli, write, service_type, description) == [], description


def test_a_network_dedicated_to_us_or_run_for_us_is_still_asked_a_playbook(cli, write) -> None:
    for description in (
        "Dedicated travel-rule messaging gateway for our transfers.",
        "Travel-rule messaging run for us by the provider's operations team.",
        "Message exchange with the other CASP.",
    ):
        found = _found(cli, write, "messaging", description)
        assert [f["code"] for f in found] == ["PLB-02"], description
