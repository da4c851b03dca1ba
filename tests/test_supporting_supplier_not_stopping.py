"""A security monitoring provider supports an e-money institution's critical card payments,
which do not stop when it is down. The programme says so in one of two ways: the supplier in the
suppliers of the function's continuity plan, or in the function's ``supported_by`` (suppliers or
services). Either way the DORA register files the function as one its contract supports
(B_02.02.0050), REG-10 does not ask to put it in depends_on (which made impact stop the function
and INS-04 ask dependent cover for it), and impact lists the function as not stopped. Named
under ``supported_by``, a critical function also makes the supplier critical (tier 1 in
effect, DORA Art. 30(3) terms for its contract) and BCM-05 counts it as mapped."""

from __future__ import annotations

import json
from pathlib import Path

from one_file import register_rows

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
"""

PLAN = """\
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: card-payments-plan
function: card-payments
suppliers: [sentrimark]
"""
WHOLE = "  suppliers: [sentrimark]"
SERVICE = "  services: [{supplier: sentrimark, service: managed-detection-response}]"


def _supported_by(tmp_path: Path, named: str = WHOLE, criticality: str = "critical") -> Path:
    """The programme without the plan, the supplier recorded tier 2 and not as supporting a
    critical function: only the function's supported_by says it does."""
    text = PROGRAMME.replace("tier: 1\n", "tier: 2\n").replace("privileged", "read-only")
    text = text.replace("criticality: critical", f"criticality: {criticality}")
    text = text.replace("    supports_critical_function: true\n", "")  # the service's
    text = text.replace("supports_critical_function: true\n", "")  # the supplier's, contract's
    text += f"supported_by:\n{named}\n"
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _with_plan(tmp_path: Path) -> Path:
    (tmp_path / "programme.yaml").write_text(PROGRAMME + PLAN, encoding="utf-8")
    return tmp_path


def _findings(cli, tmp_path: Path) -> list[dict]:  # type: ignore[no-untyped-def]
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=tmp_path)
    assert run.exit_code in (0, 1), run.stderr
    return json.loads(run.stdout)["findings"]


def _register_rows(cli, tmp_path: Path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return register_rows(cli, tmp_path, "b_02.02", "2026-11-30")


def _impact_functions(cli, tmp_path: Path) -> list[dict]:  # type: ignore[no-untyped-def]
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
    return json.loads(run.stdout)["functions"]


def test_a_plan_supplier_gives_its_contract_the_function(cli, tmp_path: Path) -> None:
    _with_plan(tmp_path)
    assert "REG-10" not in {f["code"] for f in _findings(cli, tmp_path)}
    rows = _register_rows(cli, tmp_path)
    assert any("BFM-2025-001" in row and "card-payments" in row for row in rows)


def test_supported_by_gives_its_contract_the_function(cli, tmp_path: Path) -> None:
    _supported_by(tmp_path, SERVICE)
    rows = _register_rows(cli, tmp_path)
    assert any("BFM-2025-001" in row and "card-payments" in row for row in rows), rows


def test_impact_lists_the_function_as_not_stopped_either_way(cli, tmp_path: Path) -> None:
    for write in (_with_plan, _supported_by):
        write(tmp_path)
        (function,) = _impact_functions(cli, tmp_path)
        assert function["id"] == "card-payments" and function["stopped"] is False


def test_a_supplier_supporting_a_critical_function_is_tier_1_in_effect(cli, tmp_path) -> None:
    for named in (WHOLE, SERVICE):
        findings = _findings(cli, _supported_by(tmp_path, named))
        (sup01,) = [f for f in findings if f["code"] == "SUP-01"]
        said = "it supports critical or important business functions (card-payments)"
        assert said in sup01["message"], sup01["message"]
        assert "rest on it" not in sup01["message"]
        codes = {f["code"] for f in findings}
        assert "BCM-05" not in codes and "SCH-01" not in codes and "REG-10" not in codes, codes


def test_a_standard_function_makes_no_supplier_critical(cli, tmp_path) -> None:
    findings = _findings(cli, _supported_by(tmp_path, criticality="standard"))
    assert not [f for f in findings if f["code"] == "SUP-01"]


def test_a_misspelt_supplier_is_ref01_with_a_suggestion(cli, tmp_path) -> None:
    findings = _findings(cli, _supported_by(tmp_path, "  suppliers: [sentrimak]"))
    (ref,) = [f for f in findings if f["code"] == "REF-01"]
    assert ref["json_path"] == "supported_by.suppliers[0]" and "'sentrimark'" in ref["message"]
