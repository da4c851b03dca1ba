"""The twentieth precision audit's supplier findings (an electronic-money institution), through
the CLI on real YAML: SUP-11 asks no exit transition period of a card scheme or of a
participation we take part in by mandate, whose rules are the same for every participant, and an
exit plan with no transition period is reported once, without a second report of a period of
"(not set)" months. Each real gap is still found."""

from __future__ import annotations

from one_file import check, doc, line, messages


def supplier(body: str, services: str, sid: str = "network") -> str:
    head = "tier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
    return doc("Supplier", sid, head + body + "services:\n" + services)


def service(name: str, exit_plan: str, extra: str = "") -> str:
    return (
        f"  - name: {name}\n    supports_critical_function: true\n"
        f"    substitutability: not_substitutable\n{extra}"
        f"    exit_plan: {{reference: exit/{name}.pdf{exit_plan}}}\n"
    )


NO_PERIOD = service("card-network", "")


def test_sup11_asks_no_transition_period_of_a_card_scheme(cli, write) -> None:
    scheme = supplier("service_model: market_infrastructure\n", NO_PERIOD)
    assert check(cli, write, scheme, ["SUP-11"]) == []
    # the scheme's model recorded on its service, beside a platform of the same supplier
    platform = service("tokens", "", "    service_model: multi_tenant_saas\n")
    scheme_service = service("card-network", "", "    service_model: market_infrastructure\n")
    text = supplier("", scheme_service + platform)
    (finding,) = check(cli, write, text, ["SUP-11"])
    assert "service tokens of supplier network" in finding["message"]
    assert "card-network" not in finding["message"]


def test_sup11_asks_no_transition_period_of_a_mandated_participation(cli, write) -> None:
    mandated = supplier("mandated: true\nservice_model: multi_tenant_saas\n", NO_PERIOD)
    assert check(cli, write, mandated, ["SUP-11"]) == []


def test_sup11_reports_a_missing_transition_period_once(cli, write) -> None:
    text = supplier("service_model: managed_service\n", NO_PERIOD)
    (finding,) = check(cli, write, text, ["SUP-11"])
    message = finding["message"]
    assert "its exit plan records no transition period" in message
    assert "(not set)" not in message and "also:" not in message
    # no entity under DORA here: the programme's policy asks it, and the message says so
    # without speaking of a law that binds no entity of the repository
    assert "(this programme's policy)" in message and "DORA" not in message
    # with our own migration estimate, the missing period is still one finding
    estimated = supplier(
        "service_model: managed_service\n",
        service("card-network", ", migration_estimate_months: 9"),
    )
    (finding,) = check(cli, write, estimated, ["SUP-11"])
    assert "(not set)" not in finding["message"] and "also:" not in finding["message"]


def test_sup11_still_finds_a_short_transition_period(cli, write) -> None:
    short = supplier(
        "service_model: managed_service\n",
        service("card-network", ", transition_period_months: 6"),
    )
    (finding,) = check(cli, write, short, ["SUP-11"])
    assert finding["line"] == line(short, "transition_period_months: 6")
    assert "lasts only 6 months, less than the 12 months" in messages([finding], "SUP-11")
