"""Precision from the audit of a crypto-asset service provider under DORA and MiCA and of a
German hospital group under NIS2, through the CLI on real files.

CON-04 asks an exit plan of the services of engaged suppliers only, as SUP-07 does: a
prospective supplier in due diligence (the candidate alternative an exit plan names) supports
no function yet, and is asked once a contract with it is in force.
"""

from __future__ import annotations

from one_file import check, doc, repo


# -- 1. CON-04: a prospective supplier -----------------------------------------------------------
def candidate(status: str) -> str:
    """A tier-1 supplier of a hard-to-replace service recorded as supporting a critical
    function, with no exit plan and no ready alternative."""
    body = (
        f"name: Candidate HSM Services GmbH\nstatus: {status}\ntier: 1\n"
        "supports_critical_function: true\nprovides_ict_services: true\n"
        "services:\n  - name: hsm-service\n    supports_critical_function: true\n"
        "    substitutability: highly_complex\n    non_substitutability_reason: difficult_migration\n"
    )
    return doc("Supplier", "candidate", body)


def contract(status: str) -> str:
    body = (
        f"supplier: candidate\nstatus: {status}\nstart_date: 2026-01-01\nend_date: 2029-12-31\n"
        "services: [hsm-service]\n"
    )
    return doc("Contract", "ctr-candidate", body)


def test_con04_asks_no_exit_plan_of_a_prospective_supplier(cli, write) -> None:
    assert check(cli, write, repo(candidate("prospective")), ["CON-04"]) == []
    # a draft contract under negotiation does not engage it either
    text = repo(candidate("prospective"), contract("draft"))
    assert check(cli, write, text, ["CON-04"]) == []


def test_con04_still_asks_an_engaged_supplier(cli, write) -> None:
    found = check(cli, write, repo(candidate("active")), ["CON-04"])
    assert [(f["id"], f["json_path"]) for f in found] == [
        ("candidate", "services[0].exit_plan.reference")
    ]
    # recorded as prospective, but working for us under a contract in force: engaged
    found = check(cli, write, repo(candidate("prospective"), contract("active")), ["CON-04"])
    assert [f["id"] for f in found] == ["candidate"]
