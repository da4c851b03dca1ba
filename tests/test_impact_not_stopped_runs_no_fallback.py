"""resilint impact showed, for a function the outage reaches but does not stop (only its
continuity plan names the supplier, what it uses is recorded as not relied on, it moves to an
onboarded alternative, the region only serves it as a standby), its plan's degraded mode as
running and judged against the outage, its owner as running the manual fallback, and offered
that plan's prepared message to customers as the outage's: only a function the supplier merely
supports (supported_by) was shown as running on. Every function not stopped now keeps running
in every format, a plan naming the supplier shown as ready, and none of its plans' messages is
offered as fitting. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from one_file import doc, repo

from tests.conftest import Run

PLAN = doc(
    "ContinuityPlan",
    "plan-reporting",
    "function: reporting\nowner: plan-owner\nsuppliers: [idp]\n"
    "activation_thresholds:\n  - {type: supplier_outage}\n"
    "manual_procedure: {description: reporting by hand, capacity_percent: 50, "
    "max_degraded_hours: 8, time_to_switch_hours: 1}\n"
    "comms_templates:\n  customers: {reference: comms/reporting-degraded.md}\n"
    "  regulator: {reference: comms/authority-form.md}\n",
)

PLAN_ONLY = (
    doc(
        "Entity",
        "acme",
        "regimes: []\nreporting_clocks:\n  other_clocks:\n"
        "    - {name: customer notice, hours: 24, audience: customers}\n",
    ),
    doc("Supplier", "idp", "tier: 1\nprovides_ict_services: true\n"),
    doc(
        "BusinessFunction",
        "payments",
        "entities: [acme]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 48\n"
        "depends_on:\n  suppliers: [idp]\n",
    ),
    doc(
        "BusinessFunction",
        "reporting",
        "entities: [acme]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 48\n",
    ),
    PLAN,
)
"""idp stops payments (no plan); reporting's plan only names idp: reporting is not stopped."""

ALTERNATIVE = (
    PLAN_ONLY[0],
    doc(
        "Supplier",
        "idp",
        "tier: 1\nprovides_ict_services: true\nservices:\n  - {id: sso}\n  - {id: ledger}\n"
        "alternatives:\n  - {supplier: idp-two, readiness: onboarded, services: [sso]}\n",
    ),
    doc("Supplier", "idp-two", "tier: 1\nprovides_ict_services: true\n"),
    doc(
        "BusinessFunction",
        "payments",
        "entities: [acme]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 48\n"
        "depends_on:\n  services:\n    - {supplier: idp, service: ledger}\n",
    ),
    doc(
        "BusinessFunction",
        "reporting",
        "entities: [acme]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 48\n"
        "depends_on:\n  services:\n    - {supplier: idp, service: sso}\n",
    ),
    PLAN,
)
"""reporting rests on idp too, but moves to its onboarded alternative; payments stops."""


def _impact(cli: Run, write: Any, tmp_path: Path, documents: tuple[str, ...], fmt: str) -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", repo(*documents))
    args = ("impact", "--supplier", "idp", "--hours", "72", "--as-of", "2026-12-07")
    run = cli(*args, "--format", fmt, cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    return run.json() if fmt == "json" else run.stdout


@pytest.mark.parametrize("documents", [PLAN_ONLY, ALTERNATIVE], ids=["plan-only", "alternative"])
def test_a_function_not_stopped_runs_no_degraded_mode(
    cli: Run, write: Any, tmp_path: Path, documents: tuple[str, ...]
) -> None:
    found = _impact(cli, write, tmp_path, documents, "json")
    functions = {f["id"]: f for f in found["functions"]}
    reporting = functions["reporting"]
    assert reporting["stopped"] is False
    assert reporting["fallback_needed"] is False and reporting["fallback_lasts"] is None
    assert reporting["fallback"]["plan"] == "plan-reporting"  # it names idp: ready
    assert functions["payments"]["stopped"] is True and functions["payments"]["fallback_needed"]
    text = _impact(cli, write, tmp_path, documents, "text")
    assert "no degraded mode while it keeps running; plan plan-reporting is ready" in text
    assert "degraded mode at 50%" not in text and "does NOT last the outage" not in text
    assert "runs the manual fallback of reporting" not in text
    assert "plan-owner: owns continuity plan plan-reporting of reporting, ready" in text
    markdown = _impact(cli, write, tmp_path, documents, "markdown")
    assert "plan plan-reporting is ready should it stop" in markdown
    assert "does NOT last the outage" not in markdown


@pytest.mark.parametrize("documents", [PLAN_ONLY, ALTERNATIVE], ids=["plan-only", "alternative"])
def test_a_function_not_stopped_offers_no_message_for_the_outage(
    cli: Run, write: Any, tmp_path: Path, documents: tuple[str, ...]
) -> None:
    """The customer notice the stopped payments start must not carry the letter reporting's
    plan prepares for its own degraded mode."""
    found = _impact(cli, write, tmp_path, documents, "json")
    notice = next(n for n in found["notices"] if n["to"] == "customer notice")
    assert notice["template"] == ""
    text = _impact(cli, write, tmp_path, documents, "text")
    assert "customer notice (acme)" in text
    assert "comms/reporting-degraded.md" not in text


def test_a_stopped_function_still_offers_its_plans_message(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """The same plan, of the function the outage stops, is offered as before."""
    stopping = tuple(d.replace("function: reporting", "function: payments") for d in PLAN_ONLY)
    found = _impact(cli, write, tmp_path, stopping, "json")
    notice = next(n for n in found["notices"] if n["to"] == "customer notice")
    assert notice["template"] == "comms/reporting-degraded.md"
    payments = next(f for f in found["functions"] if f["id"] == "payments")
    assert payments["fallback_needed"] is True and payments["fallback_lasts"] is False
