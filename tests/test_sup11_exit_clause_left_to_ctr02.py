"""A hard-to-replace card processor behind a bank's critical payments, whose processing
agreement has no DORA Art. 30(3)(f) exit clause: the missing clause (an exit strategy with a
mandatory transition period) is CTR-02's finding, and negotiating it is what gives the exit
plan its transition period. SUP-11 does not report the same gap again at the exit plan. Where
the contract holds the clause, or its record does not say, the exit plan's missing transition
period is SUP-11's as before; a waiver of the clause accepts both."""

from __future__ import annotations

from one_file import check, codes, doc, repo

BANK = doc(
    "Entity",
    "bank",
    "name: Banco Ejemplo, S.A.\ncountry: ES\nentity_type: credit_institution\nregimes: [dora]\n",
)
PAYMENTS = doc(
    "BusinessFunction",
    "payments",
    "entities: [bank]\ncriticality: critical\n"
    "depends_on:\n  services:\n    - {supplier: processor, service: card-processing}\n",
)
PROCESSOR = doc(
    "Supplier",
    "processor",
    "status: active\ntier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
    "services:\n  - name: card-processing\n    ict_service_type: S14\n"
    "    supports_critical_function: true\n    substitutability: highly_complex\n"
    "    exit_plan: {reference: grc/exit/card-processing.pdf, last_tested: 2026-05-12}\n",
)


def _contract(exit_clause: str, status: str = "active") -> str:
    return doc(
        "Contract",
        "ctr-processor",
        f"supplier: processor\nentities: [bank]\nstatus: {status}\ncovers_ict_services: true\n"
        "supports_critical_function: true\nservices: [card-processing]\n"
        f"start_date: 2021-03-01\nend_date: 2028-02-29\nclauses:\n{exit_clause}",
    )


def _found(cli, write, exit_clause: str, status: str = "active") -> list[str]:
    text = repo(BANK, PAYMENTS, PROCESSOR, _contract(exit_clause, status))
    return codes(check(cli, write, text, ["CTR-02", "SUP-11"]))


def test_a_contract_without_the_exit_clause_is_reported_once(cli, write) -> None:
    found = _found(cli, write, "  dora.30.3.f: {present: false}\n")
    assert "CTR-02" in found
    assert "SUP-11" not in found


def test_with_the_clause_or_without_its_record_the_exit_plan_is_still_asked(cli, write) -> None:
    assert "SUP-11" in _found(cli, write, "  dora.30.3.f: {present: true, variant: standard}\n")
    # the record does not say whether the contract has the clause: the plan's gap stands
    assert "SUP-11" in _found(cli, write, "  dora.30.3.a: {present: true, variant: standard}\n")
    # an ended contract without the clause does not take the gap of the supplier's exit plan
    assert "SUP-11" in _found(cli, write, "  dora.30.3.f: {present: false}\n", "ended")
