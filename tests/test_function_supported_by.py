"""A business function names the suppliers that support it without it needing them to run
(``supported_by``): a security monitoring provider supports card payments, which do not stop
when it is down. Such a supplier supports a critical function (tier 1 in effect, DORA Art.
30(3) terms for its contract), the DORA register files the function against its contract
(B_02.02.0050), and BCM-05 counts it as mapped; but an outage there stops nothing, so
``resilint impact`` lists the function as not stopped. Before, the only ways to say so were
depends_on (which stopped the function in impact and asked dependent cover of the insurer) or
a continuity plan's suppliers."""

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
tier: 2
provides_ict_services: true
highest_access_level: read-only
services:
  - name: managed-detection-response
    ict_service_type: S04
    stores_data: false
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
supported_by:
  SUPPORTED
"""
WHOLE = "suppliers: [sentrimark]"
SERVICE = "services: [{supplier: sentrimark, service: managed-detection-response}]"


def _programme(tmp_path: Path, named: str = WHOLE, criticality: str = "critical") -> Path:
    text = PROGRAMME.replace("SUPPORTED", named).replace(
        "criticality: critical", f"criticality: {criticality}"
    )
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _findings(cli, tmp_path: Path) -> list[dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=tmp_path)
    assert run.exit_code in (0, 1), run.stderr
    return json.loads(run.stdout)["findings"]


def test_a_supplier_supporting_a_critical_function_is_tier_1_in_effect(cli, tmp_path) -> None:
    for named in (WHOLE, SERVICE):
        findings = _findings(cli, _programme(tmp_path, named))
        (sup01,) = [f for f in findings if f["code"] == "SUP-01"]
        assert (
            "it supports critical or important business functions (card-payments)"
            in (sup01["message"])
        ), sup01["message"]
        assert "rest on it" not in sup01["message"]
        codes = {f["code"] for f in findings}
        assert "BCM-05" not in codes and "SCH-01" not in codes and "REG-10" not in codes, codes


def test_a_standard_function_makes_no_supplier_critical(cli, tmp_path) -> None:
    findings = _findings(cli, _programme(tmp_path, criticality="standard"))
    assert not [f for f in findings if f["code"] == "SUP-01"]


def test_the_register_files_the_function_against_the_contract(cli, tmp_path) -> None:
    _programme(tmp_path, SERVICE)
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
    rows = list(csv.reader((out / "b_02.02.csv").open(encoding="utf-8")))
    assert any("BFM-2025-001" in row and "card-payments" in row for row in rows), rows


def test_impact_lists_the_function_as_not_stopped(cli, tmp_path) -> None:
    _programme(tmp_path)
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


def test_a_misspelt_supplier_is_ref01_with_a_suggestion(cli, tmp_path) -> None:
    findings = _findings(cli, _programme(tmp_path, "suppliers: [sentrimak]"))
    (ref,) = [f for f in findings if f["code"] == "REF-01"]
    assert ref["json_path"] == "supported_by.suppliers[0]" and "'sentrimark'" in ref["message"]
    assert "BCM-05" not in {f["code"] for f in findings}  # it waits for the name's correction
