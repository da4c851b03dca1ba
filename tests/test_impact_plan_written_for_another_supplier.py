"""resilint impact showed a function's only continuity plan as the fallback of any supplier's
outage its thresholds fit, with nothing to say that the plan names another supplier: checkout's
plan for its payment processor's outage (bank transfers instead of card payments, activated on
the processor's error rate) was shown as what to run when the CDN in front of checkout fails.
It is still shown (its procedure may well serve), and now says which supplier's outage it is
written for, so that whoever runs it checks it serves this one. A plan naming the supplier that
is down, or naming none, says nothing of the kind. Through the CLI on real files, in text,
Markdown and JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from one_file import doc, repo

from tests.conftest import Run

PROGRAMME = (
    doc("Entity", "shop", "regimes: []\n"),
    doc("Supplier", "edge-cdn", "tier: 1\nprovides_ict_services: true\n"),
    doc("Supplier", "paygate", "tier: 1\nprovides_ict_services: true\n"),
    doc(
        "BusinessFunction",
        "checkout",
        "entities: [shop]\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 24\n"
        "depends_on:\n  suppliers: [edge-cdn, paygate]\n",
    ),
    doc(
        "ContinuityPlan",
        "payment-outage",
        "function: checkout\nowner: cfo\nsuppliers: [paygate]\n"
        "activation_thresholds:\n"
        "  - {type: supplier_outage, description: paygate error rate above 10 %}\n"
        "manual_procedure: {description: bank transfer with manual matching, "
        "capacity_percent: 30, max_degraded_hours: 72, time_to_switch_hours: 1}\n",
    ),
)
SAID = "plan payment-outage is written for an outage of paygate: check that its procedure"


def _impact(cli: Run, write: Any, tmp_path: Path, supplier: str, fmt: str) -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", repo(*PROGRAMME))
    args = ("impact", "--supplier", supplier, "--hours", "8", "--as-of", "2026-12-07")
    run = cli(*args, "--format", fmt, cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    return run.json() if fmt == "json" else run.stdout


def test_a_plan_for_another_suppliers_outage_says_so(cli: Run, write: Any, tmp_path: Path) -> None:
    found = _impact(cli, write, tmp_path, "edge-cdn", "json")
    (checkout,) = found["functions"]
    assert checkout["fallback"]["plan"] == "payment-outage"  # still shown: it may serve
    assert checkout["fallback"]["written_for"] == ["paygate"]
    for fmt in ("text", "markdown"):
        assert SAID in _impact(cli, write, tmp_path, "edge-cdn", fmt), fmt


@pytest.mark.parametrize("named", ["paygate", "none"])
def test_a_plan_naming_the_supplier_down_or_none_says_nothing_of_it(
    cli: Run, write: Any, tmp_path: Path, named: str
) -> None:
    supplier = "paygate" if named == "paygate" else "edge-cdn"
    if named == "none":
        unnamed = tuple(d.replace("suppliers: [paygate]\n", "") for d in PROGRAMME)
        write("resilint.yaml", "{}\n")
        write("programme.yaml", repo(*unnamed))
        args = ("impact", "--supplier", supplier, "--hours", "8", "--as-of", "2026-12-07")
        found = cli(*args, "--format", "json", cwd=tmp_path).json()
        text = cli(*args, cwd=tmp_path).stdout
    else:
        found = _impact(cli, write, tmp_path, supplier, "json")
        text = _impact(cli, write, tmp_path, supplier, "text")
    (checkout,) = found["functions"]
    assert checkout["fallback"]["plan"] == "payment-outage"
    assert checkout["fallback"]["written_for"] == []
    assert "is written for an outage of" not in text
