"""BCM-03 on a service with no contracted recovery time behind a critical function that halts
when it is down: a cloud platform, a shared software service, a partner bank or a data vendor
commits to availability, seldom to restoring one customer's service in a set time, so the
finding asks first for the degraded mode and for a recovery time only where the provider gives
one; a service run for us is still asked first to negotiate one. Through the CLI on real files."""

from __future__ import annotations

import pytest
from one_file import doc, line, repo


def programme(service: str, capacity: int = 0) -> str:
    return repo(
        doc("Supplier", "acme", f"tier: 1\nsupports_critical_function: true\nservices:\n{service}"),
        doc(
            "BusinessFunction",
            "lending",
            "criticality: critical\nrto_hours: 12\nmtpd_hours: 72\n"
            "depends_on:\n  services:\n    - {supplier: acme, service: core}\n",
        ),
        doc(
            "ContinuityPlan",
            "lending-plan",
            "function: lending\nowner: coo\n"
            "manual_procedure: {description: Applications paused, max_degraded_hours: 72,"
            f" capacity_percent: {capacity}}}\n",
        ),
    )


def bcm_03(cli, write, text: str) -> dict:
    write("resilint.yaml", "profiles: []\nselect: [BCM-03]\n")
    write("programme/repo.yaml", text)
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2026-12-07")
    (finding,) = found.json()["findings"]
    assert finding["code"] == "BCM-03" and finding["level"] == "error"
    assert finding["line"] == line(text, "{name: core")
    return finding


@pytest.mark.parametrize(
    ("service", "kind"),
    [
        ("  - {name: core, ict_service_type: S17}\n", "a cloud platform"),
        ("  - {name: core, ict_service_type: S19}\n", "a shared software service"),
        (
            "  - {name: core, service_model: financial_service,"
            " description: Loan origination under the bank's charter.}\n",
            "a bank or other financial institution",
        ),
    ],
)
def test_a_provider_that_commits_to_availability_is_asked_the_degraded_mode_first(
    cli, write, service: str, kind: str
) -> None:
    said = bcm_03(cli, write, programme(service))["message"]
    assert "has no degraded mode to carry it" in said  # a halt at 0% capacity
    # lasting longer carries none of the work: the plan needs a degraded mode, not a longer halt
    assert (
        ": plan a degraded mode that carries some of the work (capacity_percent above 0) until "
        f"the outage would be intolerable anyway (the MTPD), since {kind} commits to availability"
    ) in said
    assert "extend the manual procedure" not in said
    assert "where it does, record that time on the service and compare it with its RTO" in said
    assert "negotiate" not in said


def test_a_service_run_for_us_is_asked_first_to_negotiate_a_recovery_time(cli, write) -> None:
    service = (
        "  - {name: core, service_model: managed_service, description: Servicing run for us.}\n"
    )
    said = bcm_03(cli, write, programme(service))["message"]
    assert (
        ": negotiate a recovery time within its RTO (at most 12 hours) and record it on the "
        "service, or plan a degraded mode that carries some of the work (capacity_percent above "
        "0) until the outage would be intolerable anyway"
    ) in said
    assert "commits to availability" not in said


def test_a_degraded_mode_that_ends_before_the_mtpd_is_asked_to_last_longer(cli, write) -> None:
    # at 20% capacity for 72 hours... of an MTPD of 72: bridged, so shorten it to 48 hours
    text = programme("  - {name: core, ict_service_type: S17}\n", capacity=20)
    text = text.replace("max_degraded_hours: 72", "max_degraded_hours: 48")
    said = bcm_03(cli, write, text)["message"]
    assert "lasts 48 hours, less than its MTPD of 72" in said
    assert ": extend the manual procedure until the outage would be intolerable anyway" in said
    assert "plan a degraded mode" not in said


def test_one_service_behind_a_halt_and_a_short_degraded_mode_is_asked_both(cli, write) -> None:
    halted = programme("  - {name: core, ict_service_type: S17}\n")
    text = repo(
        halted,
        doc(
            "BusinessFunction",
            "payments",
            "criticality: critical\nrto_hours: 4\nmtpd_hours: 48\n"
            "depends_on:\n  services:\n    - {supplier: acme, service: core}\n",
        ),
        doc(
            "ContinuityPlan",
            "payments-plan",
            "function: payments\nowner: coo\n"
            "manual_procedure: {description: Payments keyed by hand, max_degraded_hours: 24,"
            " capacity_percent: 30}\n",
        ),
    )
    said = bcm_03(cli, write, text)["message"]
    assert (
        ": extend the manual procedure or, where a function halts under its plan, plan a degraded "
        "mode that carries some of the work (capacity_percent above 0), until the outage would be "
        "intolerable anyway (the MTPD)"
    ) in said
