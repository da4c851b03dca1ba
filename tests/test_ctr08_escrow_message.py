"""CTR-08 asks step-in rights of a hard-to-replace multi-tenant SaaS only because nothing
stands in for them: escrow (remedies.escrow) is what the market gives a shared platform in
their place, and it silences the finding. The message must say so, or a procurement manager
negotiates step-in into a card processor's or an HSM provider's shared platform, which no such
vendor grants. A service run for us keeps the plain step-in message."""

from __future__ import annotations

import pytest

REPO = """
apiVersion: resilint/v1
kind: Supplier
id: vendor
tier: 1
provides_ict_services: true
services:
  - {{name: platform, ict_service_type: {code}, substitutability: highly_complex}}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-vendor
supplier: vendor
status: active
remedies: {{step_in_rights: false, security_indemnity: true, accelerated_termination: true}}
"""


def _messages(cli, write, code: str) -> list[str]:
    write("resilint.yaml", '{"select": ["CTR-08"]}')
    write("repo.yaml", REPO.format(code=code))
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", "2026-11-26")
    return [f["message"] for f in result.json()["findings"] if f["code"] == "CTR-08"]


def test_a_shared_platform_is_asked_for_escrow_or_step_in(cli, write) -> None:
    (message,) = _messages(cli, write, "S19")
    assert "escrow" in message
    assert "remedies.escrow" in message


@pytest.mark.parametrize("code", ["S14", "S03"])
def test_a_service_run_for_us_is_asked_for_step_in(cli, write, code) -> None:
    (message,) = _messages(cli, write, code)
    assert "step-in rights" in message
    assert "escrow" not in message


@pytest.mark.parametrize(
    ("substitutability", "asked"),
    [("easily_substitutable", False), ("medium_complexity", True), ("highly_complex", True)],
)
def test_a_service_run_for_us_that_another_takes_over_at_once_is_asked_no_step_in(
    cli, write, substitutability, asked
) -> None:
    """Switching keeps an easily substitutable service running (a print and mail house whose
    files another prints); one of medium complexity (a payroll bureau, months to change) still
    needs someone to step in."""
    write("resilint.yaml", '{"select": ["CTR-08"]}')
    text = REPO.format(code="S14").replace("highly_complex", substitutability)
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", "2026-11-26")
    found = [f for f in result.json()["findings"] if f["code"] == "CTR-08"]
    assert bool(found) is asked


@pytest.mark.parametrize("named", ["[core]", "[platform, core]"])
def test_a_named_service_the_supplier_does_not_record_is_not_switchable(cli, write, named) -> None:
    """A contract covering a service the supplier's record leaves out (the core system beside a
    recorded, easily substitutable print run) says nothing of that service's substitutability:
    step-in is still asked, not waived on its sibling's."""
    write("resilint.yaml", '{"select": ["CTR-08"]}')
    text = REPO.format(code="S14").replace("highly_complex", "easily_substitutable")
    text = text.replace("status: active\n", f"status: active\nservices: {named}\n")
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", "2026-11-26")
    assert [f for f in result.json()["findings"] if f["code"] == "CTR-08"]
