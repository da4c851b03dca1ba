"""resilint impact --supplier showed, of two continuity plans of a function that both fit the
supplier's outage, the first by file name, though the other's degraded mode lasted the outage:
the plan whose degraded mode lasts longest is now shown (one naming the supplier that is down
still comes first), and the other plans that fit are named as also fitting. A function that the
supplier only supports (supported_by) keeps running: its plan's degraded mode is no longer shown
as if it were down, nor judged against the outage. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from one_file import doc, repo

from tests.conftest import Run

BASE = (
    doc("Entity", "acme", "regimes: []\n"),
    doc("Supplier", "idp", "tier: 1\nprovides_ict_services: true\n"),
    doc("Supplier", "soc", "tier: 2\nprovides_ict_services: true\n"),
    doc(
        "BusinessFunction",
        "platform",
        "entities: [acme]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 48\n"
        "depends_on:\n  suppliers: [idp]\nsupported_by:\n  suppliers: [soc]\n",
    ),
)


def plan(plan_id: str, kind: str, lasts: int, extra: str = "") -> str:
    return doc(
        "ContinuityPlan",
        plan_id,
        f"function: platform\nowner: {plan_id}-owner\n{extra}"
        f"activation_thresholds:\n  - {{type: {kind}}}\n"
        f"manual_procedure: {{description: {plan_id} by hand, capacity_percent: 50, "
        f"max_degraded_hours: {lasts}, time_to_switch_hours: 1}}\n",
    )


def impact(cli: Run, write: Any, tmp_path: Path, supplier: str, *plans: str, fmt: str) -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", repo(*BASE, *plans))
    args = ("impact", "--supplier", supplier, "--hours", "72", "--as-of", "2026-12-07")
    run = cli(*args, "--format", fmt, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    return run.json()["functions"][0] if fmt == "json" else run.stdout


SHORT = plan("plan-a", "supplier_outage", 8)
LONG = plan("plan-b", "supplier_outage", 96)


def test_the_plan_whose_degraded_mode_lasts_longest_is_shown(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    function = impact(cli, write, tmp_path, "idp", SHORT, LONG, fmt="json")
    assert function["fallback"]["plan"] == "plan-b"
    assert function["also_fitting"] == ["plan-a"]
    assert function["fallback_lasts"] is True and function["breaches_mtpd"] is False
    text = impact(cli, write, tmp_path, "idp", SHORT, LONG, fmt="text")
    assert "fallback owner: plan-b-owner, plan plan-b" in text
    assert "it lasts the outage; also fitting: plan-a" in text
    assert "plan-a by hand" not in text
    markdown = impact(cli, write, tmp_path, "idp", SHORT, LONG, fmt="markdown")
    assert "also fitting: plan-a" in markdown


def test_a_plan_naming_the_supplier_still_comes_first(cli: Run, write: Any, tmp_path: Path) -> None:
    named = plan("plan-a", "supplier_outage", 8, "suppliers: [idp]\n")
    function = impact(cli, write, tmp_path, "idp", named, LONG, fmt="json")
    assert function["fallback"]["plan"] == "plan-a"
    assert function["also_fitting"] == ["plan-b"]
    assert function["fallback_lasts"] is False


def test_a_plan_for_the_suppliers_compromise_still_comes_first(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """The kind of outage a plan is for decides first, as before: the degraded mode's length
    only chooses between plans fitting by the same threshold."""
    compromise = plan("plan-c", "supplier_compromise", 24)
    function = impact(cli, write, tmp_path, "idp", LONG, compromise, fmt="json")
    assert function["fallback"]["plan"] == "plan-c"
    assert function["also_fitting"] == ["plan-b"]


def test_a_single_plan_names_nothing_else(cli: Run, write: Any, tmp_path: Path) -> None:
    region = plan("plan-r", "cloud_region_outage", 500)
    function = impact(cli, write, tmp_path, "idp", SHORT, region, fmt="json")
    assert function["fallback"]["plan"] == "plan-a"
    assert function["also_fitting"] == []
    assert "also fitting" not in impact(cli, write, tmp_path, "idp", SHORT, region, fmt="text")


def test_a_supplier_that_only_supports_the_function_shows_no_degraded_mode(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = impact(cli, write, tmp_path, "soc", SHORT, LONG, fmt="text")
    assert "not stopped (the supplier supports it (supported_by)" in text
    assert "no degraded mode: it keeps running" in text
    assert "fallback owner: none needed (it keeps running)" in text
    assert "degraded mode at" not in text and "by hand" not in text
    assert "runs the manual fallback" not in text
    function = impact(cli, write, tmp_path, "soc", SHORT, LONG, fmt="json")
    assert function["fallback"] is None and function["fallback_lasts"] is None
    assert function["fallback_needed"] is False and function["unfitting_plans"] == []


def test_a_plan_naming_the_supporting_supplier_is_shown_as_ready(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    named = plan("plan-a", "supplier_outage", 8, "suppliers: [soc]\n")
    text = impact(cli, write, tmp_path, "soc", named, LONG, fmt="text")
    assert "no degraded mode while it keeps running; plan plan-a is ready should it stop" in text
    assert "does NOT last the outage" not in text
    function = impact(cli, write, tmp_path, "soc", named, LONG, fmt="json")
    assert function["fallback"]["plan"] == "plan-a" and function["fallback_lasts"] is None
    assert function["also_fitting"] == []
