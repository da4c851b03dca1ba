"""CTR-06: where a supplier's logs are streamed to our own logging (a logging Control that names
it and keeps them long enough), the supplier's own retention period is not the gap; preservation
on request and access for our team are still asked of it. Through the CLI on one repository."""

from __future__ import annotations

import json
from typing import Any

AS_OF = "2026-11-26"

REPO = """
apiVersion: resilint/v1
kind: Supplier
id: idp
tier: 1
provides_ict_services: true
service_model: multi_tenant_saas
data_sensitivity: confidential
---
apiVersion: resilint/v1
kind: Contract
id: ctr-idp
supplier: idp
status: active
evidence_retention:
{evidence}
---
apiVersion: resilint/v1
kind: Control
id: central-logging
category: logging
status: {status}
scope: [cloud_workloads]
{coverage}
"""
OWN_TERMS = "  log_days: 90\n  preservation_on_request: true\n  access_for: [incident_team]"
NO_DAYS = "  preservation_on_request: true\n  access_for: [incident_team]"
SIEM = "suppliers: [idp]\nretention_days: 400"


def ctr06(
    cli, write, evidence: str = OWN_TERMS, coverage: str = SIEM, status: str = "implemented"
) -> list[str]:
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-06"]}))
    text = REPO.format(evidence=evidence, coverage=coverage, status=status)
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found: list[dict[str, Any]] = result.json()["findings"]
    return [f["message"] for f in found if f["code"] == "CTR-06"]


def test_logs_streamed_to_our_siem_meet_the_retention_term(cli, write) -> None:
    assert ctr06(cli, write) == []
    assert ctr06(cli, write, evidence=NO_DAYS) == []


def test_a_control_that_does_not_keep_them_long_enough_does_not(cli, write) -> None:
    (message,) = ctr06(cli, write, coverage="suppliers: [idp]\nretention_days: 180")
    assert "makes it keep logs for 90 days" in message and "at least 365 days" in message
    assert "a logging control naming the supplier, with retention_days" in message


def test_only_an_implemented_control_naming_the_supplier_counts(cli, write) -> None:
    for coverage, status in (
        ("retention_days: 400", "implemented"),  # our own systems' logs, not the supplier's
        ("suppliers: [idp]", "implemented"),  # how long is not said
        (SIEM, "partial"),
    ):
        (message,) = ctr06(cli, write, evidence=NO_DAYS, coverage=coverage, status=status)
        assert "does not say how many days supplier idp must keep logs" in message, coverage
        assert "no logging control of ours names the supplier" in message


def test_preservation_and_access_are_still_asked_of_the_supplier(cli, write) -> None:
    (message,) = ctr06(cli, write, evidence="  log_days: 30")
    assert "does not require supplier idp to preserve evidence when we ask" in message
    assert "must give incident_team access" in message and "keep logs for" not in message
