"""resilint impact shows one continuity plan as a function's fallback: one naming a supplier
that is down, else one whose activation thresholds fit the outage. For a cloud region down it
took the first plan activated by a supplier's compromise before the function's region-outage
plan, so the failover runbook was not the one shown; a region's outage (and our own outage of a
function) now looks for a plan for a region or an outage first. A supplier's scenario reads as
before. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from one_file import doc, repo

from tests.conftest import Run


def plan(plan_id: str, kind: str, procedure: str) -> str:
    return doc(
        "ContinuityPlan",
        plan_id,
        f"function: platform\nowner: sre\nactivation_thresholds:\n  - {{type: {kind}}}\n"
        f"manual_procedure: {{description: {procedure}, max_degraded_hours: 24}}\n",
    )


PROGRAMME = repo(
    doc("Entity", "acme", "regimes: []\n"),
    doc(
        "Supplier",
        "stratus",
        "name: Stratus Cloud Services Inc.\ntier: 1\nprovides_ict_services: true\n"
        "service_model: iaas_paas\n",
    ),
    doc(
        "Supplier",
        "idp",
        "tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n",
    ),
    doc(
        "BusinessFunction",
        "platform",
        "entities: [acme]\ncriticality: critical\nrto_hours: 4\n"
        "depends_on:\n  suppliers: [idp]\n  cloud:\n"
        "    - {provider: stratus, region: east-1, role: primary}\n"
        "    - {provider: stratus, region: west-2, role: standby}\n",
    ),
    plan("plan-compromise", "supplier_compromise", "Disable the integrations"),
    plan("plan-region", "cloud_region_outage", "Fail over to west-2"),
)


def fallback(cli: Run, write: Any, tmp_path: Path, *target: str) -> str:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME)
    run = cli("impact", *target, "--format", "json", "--as-of", "2026-12-07", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    (function,) = run.json()["functions"]
    return function["fallback"]["plan"]


def test_a_region_outage_shows_the_region_plan(cli: Run, write: Any, tmp_path: Path) -> None:
    assert fallback(cli, write, tmp_path, "--region", "stratus/east-1") == "plan-region"


def test_a_suppliers_scenario_shows_the_compromise_plan(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    assert fallback(cli, write, tmp_path, "--supplier", "idp") == "plan-compromise"
