"""A food manufacturer's programme (NIS2 important entity, not bound by Implementing Regulation
(EU) 2024/2690): the security terms of the requirements matrix are not asked of a supplier below
tier 1 with no ICT services, no access to our systems and none of our confidential data (a dairy
cooperative, a packaging maker), as the matrix's own model says."""

from __future__ import annotations

import pytest
from one_file import check, repo

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: dairy
name: Alpenmilch eG
description: Raw milk and cream for the dessert lines.
tier: 2
provides_ict_services: false
highest_access_level: none
data_sensitivity: internal
level_of_reliance: material
supports_critical_function: false
"""
CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-dairy
supplier: dairy
status: active
start_date: 2025-01-01
end_date: 2027-12-31
covers_ict_services: false
"""


def test_a_tier_2_raw_material_supplier_is_not_asked_a_security_incident_window(cli, write):  # type: ignore[no-untyped-def]
    assert check(cli, write, repo(SUPPLIER, CONTRACT), ["CTR-03", "CTR-04", "CTR-05"]) == []


@pytest.mark.parametrize(
    "exposure",
    [
        "provides_ict_services: true\ncovers_ict_services: true\n",
        "data_sensitivity: confidential\n",
        "highest_access_level: read-only\n",
    ],
    ids=["ICT services", "our confidential data", "access to our systems"],
)
def test_a_tier_2_supplier_with_an_exposure_is_still_asked_the_window(cli, write, exposure):  # type: ignore[no-untyped-def]
    supplier, contract = SUPPLIER, CONTRACT
    for line in exposure.splitlines():
        key = line.split(":")[0]
        if key == "covers_ict_services":
            contract = contract.replace("covers_ict_services: false\n", line + "\n")
        else:
            supplier = (
                "\n".join(
                    line if row.startswith(key + ":") else row for row in supplier.splitlines()
                )
                + "\n"
            )
    (found,) = check(cli, write, repo(supplier, contract), ["CTR-03"])
    assert "within how many hours" in found["message"]


def test_a_critical_raw_material_supplier_is_not_asked_to_terminate_on_failed_containment(
    cli, write
) -> None:  # type: ignore[no-untyped-def]
    """Made tier 1 (a production line rests on it), a dairy with no ICT services, no access and
    none of our data is asked no accelerated termination when it cannot show containment: a
    security incident there has nothing of ours to contain. One with access to our systems
    still is."""
    critical = SUPPLIER.replace("tier: 2", "tier: 1")
    found = check(cli, write, repo(critical, CONTRACT), ["CTR-08"])
    assert not any("terminate early" in f["message"] for f in found)
    reaching = critical.replace("highest_access_level: none", "highest_access_level: read")
    contract = CONTRACT.replace("covers_ict_services: false\n", "")
    found = check(cli, write, repo(reaching, contract), ["CTR-08"])
    assert any("terminate early" in f["message"] for f in found)
