"""A supplier whose people's accounts sign in only on our premises (on_site_only: a
field-service crew at a console in our plant) leaves no trail of its own: what the crew does is
logged in our systems, so CTR-06 does not ask it log retention or forensic images for that
access; step-in (CTR-08) goes by what it runs for us, and is asked all the same."""

from __future__ import annotations

from one_file import check, doc, repo

SUPPLIER = doc(
    "Supplier",
    "kranwerk",
    "name: Kranwerk Service GmbH\n"
    "description: Field service for our overhead cranes and press lines.\n"
    "tier: 1\nprovides_ict_services: false\nsupports_critical_function: true\n"
    "data_sensitivity: internal\nhighest_access_level: write\n"
    "services:\n  - {name: crane-maintenance, service_type: on-site maintenance,"
    " stores_data: false, substitutability: medium_complexity}\n",
)
CREW = doc(
    "Identity",
    "kranwerk-engineers",
    "supplier: kranwerk\ntype: human_account\naccess_level: write\nowner: plant-it\n"
    "mfa: true\non_site_only: true\nstatus: active\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-kranwerk",
    "supplier: kranwerk\nstatus: active\ncovers_ict_services: false\n"
    "supports_critical_function: true\nstart_date: 2024-01-01\nend_date: 2028-12-31\n",
)
RULES = ["CTR-06", "CTR-08"]


def codes_of(*documents: str, cli, write) -> list[str]:
    return sorted(f["code"] for f in check(cli, write, repo(*documents), RULES))


def test_an_on_site_crew_is_asked_step_in_but_not_log_retention(cli, write) -> None:
    assert codes_of(SUPPLIER, CREW, CONTRACT, cli=cli, write=write) == ["CTR-08"]


def test_remote_access_another_credential_or_our_data_still_ask_log_retention(cli, write) -> None:
    remote = CREW.replace("on_site_only: true", "on_site_only: false")
    assert codes_of(SUPPLIER, remote, CONTRACT, cli=cli, write=write) == RULES
    key = doc(
        "Identity",
        "kranwerk-api",
        "supplier: kranwerk\ntype: api_key\naccess_level: read-only\nowner: plant-it\n"
        "status: active\n",
    )
    assert codes_of(SUPPLIER, CREW, key, CONTRACT, cli=cli, write=write) == RULES
    confidential = SUPPLIER.replace("data_sensitivity: internal", "data_sensitivity: confidential")
    assert codes_of(confidential, CREW, CONTRACT, cli=cli, write=write) == RULES


def test_no_identity_recorded_fails_closed(cli, write) -> None:
    """highest_access_level does not say where the access is used from: asked."""
    assert codes_of(SUPPLIER, CONTRACT, cli=cli, write=write) == RULES


def test_explain_says_the_term_is_not_asked_for_on_site_access(cli) -> None:
    result = cli("explain", "CTR-06")
    assert "only people's accounts signing in on our premises (on_site_only)" in result.stdout
