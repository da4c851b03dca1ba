"""The NYDFS notice of an extortion payment runs from the payment (23 NYCRR 500.17(c)(1): within
24 hours of it), not from our awareness of the incident: no supplier's notice starts it. An
entity that records it without ``runs_from: our_action`` (the field left out) still has it read
so where its name or source says it is the notice of an extortion or ransom payment, or cites
500.17(c): CTR-04 never asks a supplier's window to fit inside it, and ``resilint impact`` lists
it as a deadline an act of ours would start. A recorded ``runs_from: awareness`` is kept. A US
entity's recorded breach clock is named as its breach notification laws' deadline, not a data
protection authority's."""

from __future__ import annotations

import json

import pytest
from one_file import check, doc, repo

SUPPLIER = doc(
    "Supplier",
    "policy-saas",
    "tier: 1\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
    "data_sensitivity: restricted\npersonal_data: true\nsupports_critical_function: true\n"
    "highest_access_level: none\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-policy-saas",
    "supplier: policy-saas\nentities: [insurer]\nstatus: active\n"
    "incident_notification: {window_hours: 48, trigger: suspected}\n",
)


def _insurer(clock: str, breach: str = "") -> str:
    return doc(
        "Entity",
        "insurer",
        "country: US\nregimes: [nydfs]\nreporting_clocks:\n  regulator_initial_hours: 72\n"
        f"{breach}  other_clocks:\n{clock}",
    )


PAYMENT_CLOCKS = [
    # named so, with the section cited
    "    - {name: NYDFS notice of an extortion payment, hours: 24,"
    " source: 23 NYCRR 500.17(c)(1)}\n",
    # named only by what it is
    "    - {name: Ransom payment notice to the superintendent, hours: 24}\n",
    # cited only by its section
    "    - {name: DFS payment notice, hours: 24, source: '23 NYCRR 500.17(c)'}\n",
]


@pytest.mark.parametrize("clock", PAYMENT_CLOCKS)
def test_a_supplier_window_is_not_fitted_inside_the_extortion_payment_notice(
    cli, write, clock: str
) -> None:
    # the 48-hour window fits the 72-hour NYDFS notice: nothing to report
    assert check(cli, write, repo(_insurer(clock), SUPPLIER, CONTRACT), ["CTR-04"]) == []


def test_a_clock_recorded_as_running_from_awareness_is_compared(cli, write) -> None:
    clock = "    - {name: NYDFS notice of an extortion payment, hours: 24, runs_from: awareness}\n"
    [finding] = check(cli, write, repo(_insurer(clock), SUPPLIER, CONTRACT), ["CTR-04"])
    assert "24-hour 'NYDFS notice of an extortion payment' deadline" in finding["message"]


def test_impact_lists_the_payment_notice_as_started_by_our_act(cli, write) -> None:
    write("resilint.yaml", json.dumps({"as_of": "2026-12-07"}))
    write("repo.yaml", repo(_insurer(PAYMENT_CLOCKS[1]), SUPPLIER, CONTRACT))
    run = cli("impact", "repo.yaml", "--supplier", "policy-saas", "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    notices = json.dumps(run.json())
    assert "Ransom payment notice" not in notices.split('"notes"')[0]
    text = cli("impact", "repo.yaml", "--supplier", "policy-saas").stdout
    clocks, notes = text.split("\nNotes\n")
    assert "Ransom payment notice" not in clocks
    assert "deadlines that run from an act of ours" in notes
    assert "Ransom payment notice to the superintendent, 24 hours" in notes


def test_a_us_entitys_breach_clock_is_its_breach_laws_not_an_authoritys(cli, write) -> None:
    entity = _insurer(
        "    - {name: Board report, hours: 720, runs_from: our_action}\n",
        breach="  data_protection_authority_hours: 24\n",
    )
    [finding] = check(cli, write, repo(entity, SUPPLIER, CONTRACT), ["CTR-04"])
    message = finding["message"]
    assert "24-hour personal data breach notification deadline (under the breach laws it" in (
        message
    )
    assert "data protection authority" not in message
    assert "GDPR" not in message
