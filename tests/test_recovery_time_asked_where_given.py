"""BCM-03 on a service with no contracted recovery time behind a critical function that halts
when it is down: a cloud platform, a shared software service, a partner bank or a data vendor
commits to availability, seldom to restoring one customer's service in a set time, so the
finding asks first for the degraded mode and for a recovery time only where the provider gives
one; a service run for us is still asked first to negotiate one. Through the CLI on real files."""

from __future__ import annotations

import pytest
from one_file import doc, line, repo


def programme(service: str) -> str:
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
            " capacity_percent: 0}\n",
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
    assert (
        ": extend the manual procedure until the outage would be intolerable anyway (the MTPD), "
        f"since {kind} commits to availability" in said
    )
    assert "where it does, record that time on the service and compare it with its RTO" in said
    assert "negotiate" not in said


def test_a_service_run_for_us_is_asked_first_to_negotiate_a_recovery_time(cli, write) -> None:
    service = (
        "  - {name: core, service_model: managed_service, description: Servicing run for us.}\n"
    )
    said = bcm_03(cli, write, programme(service))["message"]
    assert (
        ": negotiate a recovery time within its RTO (at most 12 hours) and record it on the "
        "service, or extend the manual procedure until the outage would be intolerable anyway"
    ) in said
    assert "commits to availability" not in said
