"""CTR-03 asks a critical supplier for an incident notice within the tier's hours even where it
provides no ICT services, holds no access to our systems and none of our confidential data (a
water utility's supplier of treatment chemicals): what it owes us is notice of an incident that
disrupts its service, a cyber attack on it included, and the finding says so; of a supplier a
compromise of which can reach us, a security incident, as before."""

from __future__ import annotations

from typing import Any

from tests.conftest import Run

PROGRAMME = """
apiVersion: resilint/v1
kind: Entity
id: utility
regimes: [nis2]
nis2_category: essential
nis2_entity_type: other
---
apiVersion: resilint/v1
kind: Supplier
id: chemicals
name: Chemicals GmbH
tier: 1
provides_ict_services: false
highest_access_level: none
data_sensitivity: public
services: [{name: disinfectants, stores_data: false, supports_critical_function: true}]
---
apiVersion: resilint/v1
kind: Contract
id: ctr-chemicals
supplier: chemicals
entities: [utility]
status: active
covers_ict_services: false
business_continuity_support: true
---
apiVersion: resilint/v1
kind: Supplier
id: scada
name: SCADA Vendor GmbH
tier: 1
provides_ict_services: true
service_model: managed_service
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: Contract
id: ctr-scada
supplier: scada
entities: [utility]
status: active
"""


def test_a_supplier_no_compromise_of_which_reaches_us_owes_notice_of_a_disruption(
    cli: Any, write: Any
) -> None:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME)
    result: Run = cli("check", "--no-cache", "--as-of", "2026-12-01", "--format", "json")
    notices = [
        f["message"]
        for f in result.json()["findings"]
        if f["code"] == "CTR-03" and "within how many hours" in f["message"]
    ]
    chemicals = next(m for m in notices if "ctr-chemicals" in m)
    scada = next(m for m in notices if "ctr-scada" in m)
    assert "notify us of an incident that disrupts its service to us" in chemicals, chemicals
    assert "a cyber attack on it included" in chemicals, chemicals
    assert "security incident" not in chemicals, chemicals
    assert "must notify us of a security incident" in scada, scada
