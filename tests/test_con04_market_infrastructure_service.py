"""CON-04 on a supplier with a market infrastructure's membership beside an ICT service (an
exchange that also licenses us its market data feed), through the CLI on real YAML: the
membership, recorded as market_infrastructure on the service, is no more asked an exit plan
than an exchange whose every service is (its rules bind every participant alike; its outage is
the continuity plan's); the feed, an ICT service as hard to replace, still is."""

from __future__ import annotations

from one_file import check, doc, line, repo

EXCHANGE = doc(
    "Supplier",
    "bourse",
    "name: Bourse Lumière SA\ntier: 1\nprovides_ict_services: true\n"
    "supports_critical_function: true\nservices:\n"
    "  - name: membership\n"
    "    description: Trading membership of the regulated market.\n"
    "    service_model: market_infrastructure\n"
    "    supports_critical_function: true\n"
    "    substitutability: not_substitutable\n"
    "  - name: market-data\n"
    "    description: Real-time market data feed of the exchange's order books.\n"
    "    ict_service_type: S05\n"
    "    stores_data: false\n"
    "    supports_critical_function: true\n"
    "    substitutability: not_substitutable\n",
)
EXECUTION = doc(
    "BusinessFunction",
    "execution",
    "criticality: critical\nrto_hours: 8\nmtpd_hours: 24\ndepends_on:\n  services:\n"
    "    - {supplier: bourse, service: membership}\n"
    "    - {supplier: bourse, service: market-data}\n",
)


def test_the_membership_is_not_asked_an_exit_plan_the_feed_is(cli, write) -> None:
    text = repo(EXCHANGE, EXECUTION)
    found = check(cli, write, text, ["CON-04"])
    assert [f["line"] for f in found] == [line(text, "  - name: market-data")]
    assert "service market-data of critical supplier bourse" in found[0]["message"]
    # a membership recorded with no model is asked, as before
    unrecorded = text.replace("    service_model: market_infrastructure\n", "")
    found = check(cli, write, unrecorded, ["CON-04"])
    assert sorted(f["line"] for f in found) == [
        line(unrecorded, "  - name: membership"),
        line(unrecorded, "  - name: market-data"),
    ]
