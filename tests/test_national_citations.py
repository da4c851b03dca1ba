"""A directive's deadline is cited with the member state's provision that sets it for an entity
established there, where resilint knows it (Germany's BSIG for NIS2), and alone elsewhere: in
CTR-04's words and in `resilint impact`'s notices. Run through the CLI on one repository."""

from __future__ import annotations

import json

AS_OF = "2026-11-26"

REPO = """
apiVersion: resilint/v1
kind: Entity
id: stadtwerke
name: Stadtwerke Beispiel GmbH
country: {country}
regimes: [nis2]
nis2_entity_type: other
---
apiVersion: resilint/v1
kind: BusinessFunction
id: grid-control
criticality: critical
entities: [stadtwerke]
depends_on: {{suppliers: [scada]}}
---
apiVersion: resilint/v1
kind: Supplier
id: scada
tier: 1
provides_ict_services: true
data_sensitivity: confidential
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: Contract
id: ctr-scada
supplier: scada
entities: [stadtwerke]
status: active
incident_notification: {{window_hours: 48, trigger: suspected}}
"""

BSIG = "Directive (EU) 2022/2555 (NIS2) Art. 23(4)(a), in Germany § 32(1) no. 1 BSIG"


def _ctr04(cli, write, country: str) -> str:
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-04"]}))
    write("repo.yaml", REPO.format(country=country))
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    (message,) = [f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04"]
    return message


def test_a_german_entity_s_nis2_deadline_cites_the_bsig(cli, write) -> None:
    assert BSIG in _ctr04(cli, write, "DE")
    result = cli("impact", "repo.yaml", "--supplier", "scada", "--format", "json")
    bases = {n["what"]: n["basis"] for n in result.json()["notices"] if n["kind"] == "regulator"}
    assert bases["early warning"] == BSIG
    assert bases["incident notification"].endswith("Art. 23(4)(b), in Germany § 32(1) no. 2 BSIG")
    assert bases["final report"].endswith("Art. 23(4)(d), in Germany § 32(1) no. 4 BSIG")


def test_elsewhere_the_directive_is_cited_alone(cli, write) -> None:
    message = _ctr04(cli, write, "BE")
    assert "Directive (EU) 2022/2555 (NIS2) Art. 23(4)(a)" in message
    assert "BSIG" not in message and "Germany" not in message
