"""resilint impact --supplier showed a function's first continuity plan as its fallback when no
plan fitted the supplier's outage: an identity provider's compromise showed the region-failover
plan, its manual procedure and its customer notice. A plan whose thresholds are all for other
outages is no longer shown: the function says no plan fits and names its plans with what each is
for, and their messages to customers are not offered (a regulator's template, whose form and
address the outage does not change, still is). A plan that fits, or records no threshold, is
still shown. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from one_file import doc, repo

from tests.conftest import Run

ENTITY = doc(
    "Entity",
    "acme",
    "regimes: []\nreporting_clocks:\n  other_clocks:\n"
    "    - {name: customer notice under our terms, hours: 24, audience: customers}\n"
    "    - {name: regulator courtesy notice, hours: 48, audience: regulator}\n",
)
SUPPLIER = doc(
    "Supplier", "idp", "tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n"
)
FUNCTION = doc(
    "BusinessFunction",
    "platform",
    "entities: [acme]\ncriticality: critical\nrto_hours: 4\ndepends_on:\n  suppliers: [idp]\n",
)


def plan(plan_id: str, thresholds: str) -> str:
    return doc(
        "ContinuityPlan",
        plan_id,
        f"function: platform\nowner: sre\n{thresholds}"
        "manual_procedure: {description: Fail over to west-2, max_degraded_hours: 24}\n"
        "comms_templates:\n"
        "  customers: {reference: templates/failover-customer-notice.md}\n"
        "  regulator: {reference: templates/regulator-report.md}\n",
    )


REGION = "activation_thresholds:\n  - {type: cloud_region_outage}\n"


def impact(cli: Run, write: Any, tmp_path: Path, *plans: str, fmt: str = "text") -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", repo(ENTITY, SUPPLIER, FUNCTION, *plans))
    args = ("impact", "--supplier", "idp", "--as-of", "2026-12-07", "--format", fmt)
    run = cli(*args, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    return run.json() if fmt == "json" else run.stdout


def test_a_region_plan_is_not_the_fallback_of_a_suppliers_compromise(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = impact(cli, write, tmp_path, plan("plan-region", REGION))
    assert (
        "no continuity plan fits this outage (the function's plans are for other outages: "
        "plan-region (for cloud_region_outage))"
    ) in text
    assert "Fail over to west-2" not in text and ", plan plan-region" not in text
    assert "failover-customer-notice" not in text
    assert "template templates/regulator-report.md" in text
    (function,) = impact(cli, write, tmp_path, plan("plan-region", REGION), fmt="json")["functions"]
    assert function["fallback"] is None
    assert function["unfitting_plans"] == ["plan-region (for cloud_region_outage)"]
    assert function["continuity_plans"] == ["plan-region"]


def test_a_plan_that_fits_or_says_nothing_is_still_shown(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    for thresholds in ("activation_thresholds:\n  - {type: outage}\n", ""):
        (function,) = impact(
            cli,
            write,
            tmp_path,
            plan("plan-region", REGION),
            plan("plan-b", thresholds),
            fmt="json",
        )["functions"]
        assert function["fallback"]["plan"] == "plan-b", thresholds
        assert function["unfitting_plans"] == []
    text = impact(
        cli, write, tmp_path, plan("plan-b", "activation_thresholds:\n  - {type: outage}\n")
    )
    assert "template templates/failover-customer-notice.md" in text
