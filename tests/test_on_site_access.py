"""A supplier whose people's accounts sign in only on our premises (on_site_only: a
field-service crew at a console in our plant) leaves no trail of its own: what the crew does is
logged in our systems, so CTR-06 does not ask it log retention or forensic images for that
access. The systems it works in are ours and its accounts ours to disable, so there is no
operation of its own to step into (CTR-08 asks no step-in rights) and no integration to cut off
together (PLB-02 asks no joint playbook); the security remedies (an indemnity, termination on
failed containment) and cooperation with our incident team (CTR-07) are still asked, since an
on-site account still acts in our systems. Its ICT services ask them all the same."""

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


def test_an_on_site_crew_is_asked_security_remedies_not_step_in_or_logs(cli, write) -> None:
    assert codes_of(SUPPLIER, CREW, CONTRACT, cli=cli, write=write) == ["CTR-08"]
    (remedies,) = check(cli, write, repo(SUPPLIER, CREW, CONTRACT), ["CTR-08"])
    assert "indemnity for losses caused by negligent security" in remedies["message"]
    assert "accelerated_termination is missing" in remedies["message"]
    assert "step-in" not in remedies["message"]


def test_an_on_site_crew_is_asked_cooperation_but_no_joint_playbook(cli, write) -> None:
    found = check(cli, write, repo(SUPPLIER, CREW, CONTRACT), ["CTR-07", "PLB-02"])
    assert sorted(f["code"] for f in found) == ["CTR-07"]


def test_remote_access_or_ict_services_still_ask_step_in_and_a_playbook(cli, write) -> None:
    remote = CREW.replace("on_site_only: true", "on_site_only: false")
    ict = SUPPLIER.replace("provides_ict_services: false", "provides_ict_services: true")
    for supplier, crew in ((SUPPLIER, remote), (ict, CREW)):
        found = check(cli, write, repo(supplier, crew, CONTRACT), ["CTR-08", "PLB-02"])
        assert sorted(f["code"] for f in found) == ["CTR-08", "PLB-02"]
        remedies = next(f for f in found if f["code"] == "CTR-08")
        assert "step-in rights" in remedies["message"]


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
