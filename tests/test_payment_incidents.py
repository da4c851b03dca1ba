"""DORA Art. 23: for credit institutions, payment institutions, account information service
providers and e-money institutions (Art. 2(1)(a) to (d)), Chapter III also covers operational
or security payment-related incidents, whether ICT-related or not (Art. 3(9)). An outage of a
card scheme or a safeguarding bank that stops a critical payment function, or a compromise of a
card bureau holding our card data, starts the regulator clocks of such an entity though the
supplier provides no ICT services; for any other financial entity it does not, and the note
says why without claiming that no critical function stopped."""

from __future__ import annotations

import pytest

REPO = """
apiVersion: resilint/v1
kind: Entity
id: fe
entity_type: {entity_type}
regimes: [dora]
reporting_clocks: {{regulator_initial_hours: 24, data_protection_authority_hours: 72}}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: card-payments
entities: [fe]
criticality: important
licensed_activity: {activity}
rto_hours: 2
mtpd_hours: 8
depends_on:
  suppliers: [scheme, bureau]
---
apiVersion: resilint/v1
kind: Supplier
id: scheme
name: Example Card Scheme
tier: 1
provides_ict_services: false
service_model: market_infrastructure
data_sensitivity: restricted
highest_access_level: none
---
apiVersion: resilint/v1
kind: Supplier
id: bureau
name: Example Card Bureau
tier: 1
provides_ict_services: false
data_sensitivity: restricted
highest_access_level: none
"""


def _impact(cli, write, supplier: str, entity_type: str, activity: str = "x224") -> dict:
    write("repo.yaml", REPO.format(entity_type=entity_type, activity=activity))
    result = cli("impact", "repo.yaml", "--supplier", supplier, "--hours", "6", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.json()


@pytest.mark.parametrize(
    "entity_type",
    [
        "electronic_money_institution",
        "payment_institution",
        "credit_institution",
        "account_information_service_provider",
    ],
)
def test_a_scheme_outage_stopping_a_payment_function_starts_the_regulator_clocks(
    cli, write, entity_type
) -> None:
    found = _impact(cli, write, "scheme", entity_type)
    regulator = [n for n in found["notices"] if n["kind"] == "regulator"]
    assert regulator, found["notes"]
    assert all("payment-related incident (DORA Art. 23)" in n["condition"] for n in regulator)


def test_a_card_bureau_compromise_starts_them_for_an_emi(cli, write) -> None:
    found = _impact(cli, write, "bureau", "electronic_money_institution")
    assert [n for n in found["notices"] if n["kind"] == "regulator"]


@pytest.mark.parametrize("activity", ["x220", "x221", "x223", "x225"])
def test_every_payment_service_of_a_credit_institution_is_payment_related(
    cli, write, activity
) -> None:
    """PSD2 Annex I's services as the taxonomy lists them: cash placed on or withdrawn from a
    payment account and execution covered by a credit line too, not only transfers."""
    found = _impact(cli, write, "scheme", "credit_institution", activity=activity)
    assert [n for n in found["notices"] if n["kind"] == "regulator"]
    lending = _impact(cli, write, "scheme", "credit_institution", activity="x163")
    assert not [n for n in lending["notices"] if n["kind"] == "regulator"]


def test_a_supporting_function_of_a_credit_institution_is_not_payment_related(cli, write) -> None:
    found = _impact(cli, write, "scheme", "credit_institution", activity="x276")
    assert not [n for n in found["notices"] if n["kind"] == "regulator"]


def test_another_financial_entity_is_told_why_its_clocks_are_not_listed(cli, write) -> None:
    found = _impact(cli, write, "scheme", "insurance_undertaking")
    assert not [n for n in found["notices"] if n["kind"] == "regulator"]
    note = next(n for n in found["notes"] if n.startswith("Regulator clocks of fe"))
    # the outage does stop card-payments: the note must not say it stops no critical function
    assert "stops no critical" not in note
    assert "card-payments" in note


@pytest.mark.parametrize(
    ("entity_type", "held"),
    [("electronic_money_institution", True), ("insurance_undertaking", False)],
)
def test_ctr04_holds_a_card_bureau_to_the_regulator_clock_of_a_payment_entity(
    cli, write, entity_type, held
) -> None:
    write(
        "resilint.yaml",
        '{"select": ["CTR-04"], "rules": {"CTR-04": {"params": {"buffer_must_fit": true}}}}',
    )
    write(
        "repo.yaml",
        REPO.format(entity_type=entity_type, activity="x224")
        + """
---
apiVersion: resilint/v1
kind: Contract
id: ctr-bureau
supplier: bureau
entities: [fe]
status: active
covers_ict_services: false
incident_notification: {window_hours: 24, trigger: suspected}
""",
    )
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", "2026-11-26")
    messages = [f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04"]
    assert any("regulator" in m for m in messages) is held, messages
