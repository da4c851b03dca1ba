"""A security monitoring provider supports the e-money institution's critical functions, which do
not stop when it is down: the programme lists it in the suppliers of those functions' continuity
plans, not in their depends_on. The DORA register files those functions as the ones its contract
supports (B_02.02.0050), so REG-10 no longer asks to put it in depends_on (which made impact stop
the functions and INS-04 ask dependent cover for it); impact still lists them as not stopped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: brightfen
name: Brightfen Money B.V.
lei: 724500BRIGHTFENMON29
country: NL
entity_type: electronic_money_institution
competent_authority: De Nederlandsche Bank
regimes: [dora]
---
apiVersion: resilint/v1
kind: Supplier
id: sentrimark
name: Sentrimark Cyber Defence B.V.
provider_id: 724500SENTRIMARKCD47
provider_id_type: LEI
hq_country: NL
tier: 1
provides_ict_services: true
supports_critical_function: true
highest_access_level: privileged
services:
  - name: managed-detection-response
    ict_service_type: S04
    supports_critical_function: true
    stores_data: false
    data_processing_countries: [NL]
    provision_countries: [NL]
---
apiVersion: resilint/v1
kind: Contract
id: ctr-sentrimark
supplier: sentrimark
status: active
entities: [brightfen]
arrangement_reference: BFM-2025-001
services: [managed-detection-response]
covers_ict_services: true
supports_critical_function: true
start_date: 2025-01-01
end_date: 2027-12-31
---
apiVersion: resilint/v1
kind: BusinessFunction
id: card-payments
name: Card payments
criticality: critical
entities: [brightfen]
licensed_activity: x224
rto_hours: 2
rpo_hours: 1
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: card-payments-plan
function: card-payments
suppliers: [sentrimark]
"""


def test_a_plan_supplier_gives_its_contract_the_function(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=tmp_path)
    codes = {f["code"] for f in json.loads(run.stdout)["findings"]}
    assert "REG-10" not in codes
    out = tmp_path / "register"
    run = cli(
        "register",
        "export",
        ".",
        "--format",
        "csv",
        "-o",
        str(out),
        "--reference-date",
        "2026-11-30",
        "--allow-incomplete",
        cwd=tmp_path,
    )
    assert run.exit_code in (0, 1), run.stderr
    (sheet,) = [p for p in out.iterdir() if "b_02.02" in p.name.lower()]
    rows = list(csv.reader(sheet.open(encoding="utf-8")))
    assert any("BFM-2025-001" in row and "card-payments" in row for row in rows)


def test_impact_still_lists_the_function_as_not_stopped(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    run = cli(
        "impact",
        ".",
        "--supplier",
        "sentrimark",
        "--hours",
        "6",
        "-f",
        "json",
        "--as-of",
        "2026-12-01",
        cwd=tmp_path,
    )
    assert run.exit_code == 0, run.stderr
    (function,) = json.loads(run.stdout)["functions"]
    assert function["id"] == "card-payments" and function["stopped"] is False
