"""Software we license is exempt from the terms that have no object for software we run
ourselves: step-in (escrow of its code is asked instead, CTR-08) and forensic images of the
systems it runs on (ours to take, CTR-06). A vendor that acts in our systems (a person's account
that can change things, or privileged rights) runs it for us, whatever its model says, recorded
or read from its DORA code or its words: it is asked those terms as a managed service is, and
the finding says why. A vendor whose only access is an integration credential or a read-only
seat keeps the exemption."""

from __future__ import annotations

import pytest
from one_file import check, codes, doc, messages, repo
from test_precision_terms import identity

RULES = ["CTR-06", "CTR-08"]
WHY = "acts in our systems (a person's account that can change things, or privileged rights)"

SERVICES = {
    "words": "  - {name: mes, service_type: MES software licences, stores_data: false}\n",
    "code": "  - {name: mes, ict_service_type: S13, stores_data: false}\n",
    "recorded": (
        "  - {name: mes, service_type: MES, stores_data: false, service_model: licensed_software}\n"
    ),
}


def programme(services: str, access: str = "none", *identities: str) -> str:
    supplier = doc(
        "Supplier",
        "acme",
        "status: active\ntier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
        f"highest_access_level: {access}\ndata_sensitivity: internal\nservices:\n{services}",
    )
    contract = doc(
        "Contract",
        "ctr-acme",
        "supplier: acme\nstatus: active\ncovers_ict_services: true\n"
        "evidence_retention: {log_days: 400, preservation_on_request: true,"
        " access_for: [incident_team, insurer_forensics]}\n"
        "remedies: {security_indemnity: true, accelerated_termination: true}\n",
    )
    return repo(supplier, contract, *identities)


@pytest.mark.parametrize("how", sorted(SERVICES))
def test_licensed_software_we_run_ourselves_is_asked_escrow_not_step_in_or_images(
    cli, write, how: str
) -> None:
    found = check(cli, write, programme(SERVICES[how]), RULES)
    assert codes(found) == ["CTR-08"], (how, found)
    assert "escrow" in messages(found, "CTR-08") and "step-in" not in messages(found, "CTR-08")


@pytest.mark.parametrize("how", sorted(SERVICES))
def test_a_vendor_with_privileged_access_is_asked_step_in_and_images(cli, write, how: str) -> None:
    found = check(cli, write, programme(SERVICES[how], "privileged"), RULES)
    assert codes(found) == ["CTR-06", "CTR-08"], (how, found)
    assert "forensic images" in messages(found, "CTR-06") and WHY in messages(found, "CTR-06")
    step_in = messages(found, "CTR-08")
    assert "step-in rights (escrow of its software's code also meets the term" in step_in
    assert WHY in step_in


@pytest.mark.parametrize("how", sorted(SERVICES))
def test_escrow_settles_step_in_for_software_its_vendor_maintains_in_our_systems(
    cli, write, how: str
) -> None:
    """A control-system vendor with remote maintenance into our systems: nobody steps into its
    maintenance of software we run, so the escrow of its code that the contract gives is the
    continuity remedy, as step-in would be; the forensic images are still asked."""
    text = programme(SERVICES[how], "privileged").replace(
        "remedies: {security_indemnity: true,", "remedies: {escrow: true, security_indemnity: true,"
    )
    found = check(cli, write, text, RULES)
    assert codes(found) == ["CTR-06"], (how, found)
    # step-in recorded refused and no escrow: still asked, naming both ways to settle it
    text = programme(SERVICES[how], "privileged").replace(
        "remedies: {", "remedies: {step_in_rights: false, escrow: false, "
    )
    found = check(cli, write, text, RULES)
    assert codes(found) == ["CTR-06", "CTR-08"], (how, found)
    assert "grants no step-in rights (escrow of its software's code also" in messages(
        found, "CTR-08"
    )


def test_escrow_does_not_settle_step_in_for_a_service_run_for_us(cli, write) -> None:
    """A managed service recorded so (its people run it for us) is asked step-in whatever
    escrow it gives: the code alone does not run the service."""
    services = (
        "  - {name: ops, service_type: operations, stores_data: false,"
        " service_model: managed_service}\n"
    )
    text = programme(services, "privileged").replace(
        "remedies: {security_indemnity: true,", "remedies: {escrow: true, security_indemnity: true,"
    )
    found = check(cli, write, text, RULES)
    assert "CTR-08" in codes(found)
    assert "step-in rights" in messages(found, "CTR-08")
    assert "escrow" not in messages(found, "CTR-08")


def test_its_identities_decide_whether_it_acts_in_our_systems(cli, write) -> None:
    services = SERVICES["code"]
    # a support engineer's account that can change things: it operates the software
    engineer = identity("acme-support", "human_account", "write", "mfa: true\n")
    found = check(cli, write, programme(services, "write", engineer), RULES)
    assert codes(found) == ["CTR-06", "CTR-08"]
    # an integration credential, or a person who only looks: we still run it ourselves
    key = identity("acme-licence-api", "api_key", "write", "rotation_days: 90\n")
    seat = identity("acme-viewer", "human_account", "read-only", "mfa: true\n")
    for only in (key, seat):
        found = check(cli, write, programme(services, "write", only), RULES)
        assert codes(found) == ["CTR-08"] and "escrow" in messages(found, "CTR-08"), only
    # the engineer's account disabled: its access is no longer held
    gone = engineer + "status: disabled\n"
    found = check(cli, write, programme(services, "write", gone), RULES)
    assert codes(found) == ["CTR-08"] and "escrow" in messages(found, "CTR-08")
