"""BCM-04 asks that some continuity plan of a critical function be activated by a suspected
supplier compromise. A function with two plans, neither so activated, drew the same finding on
each plan ("nor is any other plan of the function"), though one threshold added to either
closes it: it is now said once, at the function's first plan in file order. Through the CLI on
real files."""

from __future__ import annotations

from typing import Any

from one_file import doc, line, repo

PLAN = (
    "function: platform\nowner: cto\ndeputy: sre-lead\n"
    "activation_thresholds:\n  - {{type: {kind}, description: {kind}}}\n"
    "manual_procedure: {{description: Read-only mode, max_degraded_hours: 24}}\n"
    "comms_templates:\n  staff: {{reference: t/staff.md}}\n  customers: {{reference: t/c.md}}\n"
    "stand_down_criteria: [Service restored]\n"
)


def programme(first: str = "cloud_region_outage", second: str = "ransomware") -> str:
    return repo(
        doc(
            "Supplier",
            "dbco",
            "tier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n",
        ),
        doc(
            "BusinessFunction",
            "platform",
            "criticality: critical\nrto_hours: 4\ndepends_on: {suppliers: [dbco]}\n",
        ),
        doc("ContinuityPlan", "plan-a", PLAN.format(kind=first)),
        doc("ContinuityPlan", "plan-b", PLAN.format(kind=second)),
    )


def bcm04(cli: Any, write: Any, text: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: []\nselect: [BCM-04]\n")
    write("programme/repo.yaml", text)
    result = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2026-12-07")
    assert result.exit_code in (0, 1), result.stderr
    return result.json()["findings"]


def test_the_functions_missing_compromise_threshold_is_one_finding(cli, write) -> None:
    text = programme()
    (finding,) = bcm04(cli, write, text)
    assert finding["id"] == "plan-a"
    assert finding["line"] == line(text, "activation_thresholds:")
    assert "nor is any other plan of the function" in finding["message"]
    assert "to it (or to another plan of the function)" in finding["message"]


def test_a_threshold_in_either_plan_closes_it(cli, write) -> None:
    assert bcm04(cli, write, programme(second="supplier_compromise")) == []
    assert bcm04(cli, write, programme(first="supplier_compromise")) == []
