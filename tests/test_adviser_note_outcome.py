"""The note that ends a finding on a supplier without ICT services whose service model is not
recorded says only what would change the outcome. A critical supplier is asked an incident
notice window even if it is a law firm (the requirements matrix's critical_only_for), so CTR-03
asks whether it is a regulated financial firm or a market infrastructure, not an adviser; a bank
owes a 24x7 security contact, so SUP-03 asks whether it is a professional adviser only. Each
note's advice is checked by following it, through `resilint check` as users run it."""

from __future__ import annotations

CHEMICALS = """\
apiVersion: resilint/v1
kind: Supplier
id: chem
name: Chemicals Ltd
tier: TIER
provides_ict_services: false
data_sensitivity: confidential
contacts:
  security: {name: Plant security, email: security@chem.example}
MODEL
---
apiVersion: resilint/v1
kind: Contract
id: ctr-chem
supplier: chem
status: active
"""


def _findings(cli, write, tier: int, model: str = "") -> dict[str, str]:
    text = CHEMICALS.replace("TIER", str(tier)).replace("MODEL", model)
    write("chem.yaml", text)
    run = cli("check", "--no-cache", "--select", "CTR-03,SUP-03", "-f", "json", ".")
    return {f["code"]: f["message"] for f in run.json()["findings"]}


def test_a_critical_supplier_is_asked_only_whether_it_is_a_bank_or_a_scheme(cli, write) -> None:
    ctr03 = _findings(cli, write, 1)["CTR-03"]
    assert (
        "(asked because supplier chem handles our confidential data and nothing recorded says it"
        " is a regulated financial firm (a bank, depositary or insurer) or a market infrastructure"
        " (a payment scheme, central counterparty, securities depository or trading venue); if it"
        " is, record its"
        " service_model: financial_service"
        " or market_infrastructure)" in ctr03
    )
    assert "professional" not in ctr03
    # the advice holds: an adviser is still asked the window, a bank is not
    assert "CTR-03" in _findings(cli, write, 1, "service_model: professional_service")
    assert "CTR-03" not in _findings(cli, write, 1, "service_model: financial_service")


def test_below_tier_1_an_adviser_is_named_too(cli, write) -> None:
    ctr03 = _findings(cli, write, 2)["CTR-03"]
    assert (
        "is a professional adviser, a regulated financial firm (a bank, depositary or insurer) or"
        " a market infrastructure (a payment scheme, central counterparty, securities"
        " depository or trading venue); if it is" in ctr03
    )
    assert "CTR-03" not in _findings(cli, write, 2, "service_model: professional_service")


def test_the_24x7_contact_asks_only_whether_it_is_an_adviser(cli, write) -> None:
    sup03 = _findings(cli, write, 1)["SUP-03"]
    assert (
        "is a professional adviser; if it is, record its service_model: professional_service)"
        in sup03
    )
    assert "bank" not in sup03 and "payment scheme" not in sup03
    assert "SUP-03" in _findings(cli, write, 1, "service_model: financial_service")
    assert "SUP-03" not in _findings(cli, write, 1, "service_model: professional_service")
