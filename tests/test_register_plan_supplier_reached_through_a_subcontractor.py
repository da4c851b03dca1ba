"""An insurer's policy platform is a SaaS that runs on a hyperscaler (the SaaS's subcontractor),
and the insurer also contracts the hyperscaler itself, for disaster-recovery copies of its
claims system. The policy function's continuity plan names the hyperscaler among the suppliers
whose failure activates it, for that route. The register files the route as the SaaS's supply
chain (B_05.02); it does not file the insurer's own hyperscaler contract as supporting policy
administration (B_02.02.0050): that contract supports claims handling only. A plan naming a
supplier no route reaches (a monitoring provider) still links its contract, as before."""

from __future__ import annotations

from pathlib import Path

from one_file import register_rows

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: insurer
name: Insurer AG
lei: 529900RHEINAUENV0055
country: DE
entity_type: insurance_undertaking
regimes: [dora]
---
apiVersion: resilint/v1
kind: Supplier
id: policysaas
name: Policy SaaS GmbH
tier: 1
provides_ict_services: true
SUBCONTRACTING
services:
  - {name: policy-platform, ict_service_type: S19, supports_critical_function: true}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-policysaas
supplier: policysaas
status: active
entities: [insurer]
arrangement_reference: INS-1
services: [policy-platform]
covers_ict_services: true
start_date: 2025-01-01
---
apiVersion: resilint/v1
kind: Supplier
id: hyperscaler
name: Hyperscaler EMEA SARL
tier: 1
provides_ict_services: true
services:
  - {name: dr-copies, ict_service_type: S17, supports_critical_function: true}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-hyperscaler
supplier: hyperscaler
status: active
entities: [insurer]
arrangement_reference: INS-2
services: [dr-copies]
covers_ict_services: true
start_date: 2025-01-01
---
apiVersion: resilint/v1
kind: BusinessFunction
id: policy-administration
criticality: critical
entities: [insurer]
depends_on:
  services: [{supplier: policysaas, service: policy-platform}]
---
apiVersion: resilint/v1
kind: BusinessFunction
id: claims-handling
criticality: critical
entities: [insurer]
depends_on:
  services: [{supplier: hyperscaler, service: dr-copies}]
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: policy-plan
function: policy-administration
suppliers: [policysaas, hyperscaler]
"""


SUBCONTRACTING = """\
subcontractors:
  - id: hyper
    supplier: hyperscaler
    rank: 2
    services: [policy-platform]
    supports_critical_function: true
"""


def _functions_by_arrangement(cli, tmp_path: Path, text: str) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    found: dict[str, set[str]] = {}
    for row in register_rows(cli, tmp_path, "b_02.02", "2026-12-31")[1:]:
        found.setdefault(row[0], set()).add(row[4])
    return found


def test_the_hyperscalers_own_contract_does_not_support_the_saas_function(cli, tmp_path) -> None:
    found = _functions_by_arrangement(
        cli, tmp_path, PROGRAMME.replace("SUBCONTRACTING\n", SUBCONTRACTING)
    )
    assert found["INS-2"] == {"claims-handling"}
    assert found["INS-1"] == {"policy-administration"}


def test_a_plan_supplier_no_route_reaches_still_links_its_contract(cli, tmp_path) -> None:
    # without the subcontracting, the plan's naming of the hyperscaler is all that links it
    found = _functions_by_arrangement(cli, tmp_path, PROGRAMME.replace("SUBCONTRACTING\n", ""))
    assert found["INS-2"] == {"claims-handling", "policy-administration"}
