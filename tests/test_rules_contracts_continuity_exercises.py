"""The Python checks of the contract, continuity and exercise rules (CTR-04, BCM-03, BCM-04,
EXR-01, EXR-02, PLB-01), through the CLI: the right document and line, clear messages, and no
crash on odd data."""

from __future__ import annotations

import json
from typing import Any

AS_OF = "2026-11-26"
CRASH = "could not be evaluated"


def findings(cli, write, code: str, text: str, params: dict[str, Any] | None = None) -> list[Any]:
    """The findings of one rule (and of the always-on checks) on a one-file repository."""
    config: dict[str, Any] = {"profiles": [], "select": [code]}
    if params:
        config["rules"] = {code: {"params": params}}
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    found = result.json()["findings"]
    assert not any(CRASH in f["message"] for f in found), result.stdout
    return found


def of(code: str, found: list[Any]) -> list[Any]:
    return [f for f in found if f["code"] == code]


def places(found: list[Any]) -> list[tuple[str, int]]:
    return sorted((f["id"], f["line"]) for f in found)


# -- CTR-04 ---------------------------------------------------------------------------------

NOTICE_REPO = """
apiVersion: resilint/v1
kind: Entity
id: northwind-finance
reporting_clocks:
  regulator_early_warning_hours: {early}
  regulator_intermediate_hours: 1
  other_clocks:
    - {{name: card scheme notice, hours: {other}, source: PCI DSS agreement}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
insurer: Example Insurance SE
period: {{start: 2026-01-01, end: {end}}}
insured_entities: [{insured}]
notice: {{incident_notice_hours: 48}}
---
apiVersion: resilint/v1
kind: Supplier
id: acme
---
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
entities: [northwind-finance]
status: active
incident_notification:
  window_hours: {window}
"""


def notice_repo(**values: Any) -> str:
    defaults = {
        "early": 100,
        "other": 100,
        "end": "2026-12-31",
        "insured": "northwind-finance",
        "window": 72,
    }
    return NOTICE_REPO.format(**{**defaults, **values})


def test_ctr04_names_the_insurer_deadline_that_breaks(cli, write) -> None:
    found = of("CTR-04", findings(cli, write, "CTR-04", notice_repo()))
    assert places(found) == [("ctr-acme", 29)]
    message = found[0]["message"]
    assert "72 hours" in message and "76 hours" in message
    assert "48-hour incident notice deadline of insurance policy cyber-2026" in message
    assert "market practice" in message and "at most 44 hours" in message
    assert [r["line"] for r in found[0]["related"]] == [16]


def test_ctr04_reports_the_tightest_clock_and_lists_the_others(cli, write) -> None:
    text = notice_repo(early=24, window=24, other=12)
    found = of("CTR-04", findings(cli, write, "CTR-04", text))
    assert len(found) == 1
    message = found[0]["message"]
    assert "12-hour 'card scheme notice' deadline (PCI DSS agreement) of entity" in message
    assert "also misses 1 other deadline," in message
    # the intermediate report runs from the initial notification, so it is never compared
    assert "intermediate" not in json.dumps(found)
    assert sorted(r["line"] for r in found[0]["related"]) == [5, 8]


def test_ctr04_fits_when_window_and_buffer_are_inside_every_clock(cli, write) -> None:
    assert of("CTR-04", findings(cli, write, "CTR-04", notice_repo(window=44))) == []
    # the buffer is a parameter: without it, 48 hours fits a 48-hour deadline
    params = {"triage_buffer_hours": 0}
    assert of("CTR-04", findings(cli, write, "CTR-04", notice_repo(window=48), params)) == []


def test_ctr04_ignores_policies_of_other_entities_and_expired_policies(cli, write) -> None:
    other_entity = notice_repo(insured="northwind-parts") + (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: northwind-parts\n"
    )
    assert of("CTR-04", findings(cli, write, "CTR-04", other_entity)) == []
    assert of("CTR-04", findings(cli, write, "CTR-04", notice_repo(end="2026-06-30"))) == []


def test_ctr04_uses_every_policy_when_the_contract_names_no_entity(cli, write) -> None:
    text = notice_repo(insured="northwind-parts").replace("entities: [northwind-finance]\n", "") + (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: northwind-parts\n"
    )
    found = of("CTR-04", findings(cli, write, "CTR-04", text))
    assert places(found) == [("ctr-acme", 28)]


def test_ctr04_survives_odd_data(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: InsurancePolicy
    id: odd
    insured_entities: northwind
    notice: [48]
    period: {end: someday}
    ---
    apiVersion: resilint/v1
    kind: Entity
    id: northwind
    reporting_clocks: {other_clocks: [7, {hours: true}], regulator_initial_hours: "24"}
    ---
    apiVersion: resilint/v1
    kind: Contract
    id: c1
    supplier: nobody
    entities: northwind
    incident_notification: {window_hours: "72"}
    ---
    apiVersion: resilint/v1
    kind: Contract
    id: c2
    supplier: nobody
    incident_notification: 72
    """
    assert of("CTR-04", findings(cli, write, "CTR-04", text)) == []


# -- BCM-03 ---------------------------------------------------------------------------------

RTO_REPO = """
apiVersion: resilint/v1
kind: Supplier
id: acme
services:
  - {{name: edi-messaging{rto}}}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: {criticality}
rto_hours: 8
depends_on:
  services:
    - {{supplier: acme, service: {service}}}
"""


def rto_repo(
    rto: str = ", contracted_rto_hours: 24",
    criticality: str = "critical",
    service: str = "edi-messaging",
) -> str:
    return RTO_REPO.format(rto=rto, criticality=criticality, service=service)


def test_bcm03_without_a_plan_says_so(cli, write) -> None:
    found = of("BCM-03", findings(cli, write, "BCM-03", rto_repo()))
    assert places(found) == [("order-processing", 14)]
    message = found[0]["message"]
    assert "critical function order-processing must recover within 8 hours" in message
    assert "24 hours to restore service 'edi-messaging'" in message
    assert "no continuity plan" in message


def test_bcm03_missing_rto_and_unknown_service(cli, write) -> None:
    found = of("BCM-03", findings(cli, write, "BCM-03", rto_repo(rto="")))
    assert places(found) == [("order-processing", 14)]
    assert "no contracted recovery time" in found[0]["message"]
    found = of("BCM-03", findings(cli, write, "BCM-03", rto_repo(service="sftp")))
    assert "lists no service of that name" in found[0]["message"]


def test_bcm03_passes_within_rto_and_skips_standard_functions(cli, write) -> None:
    within = rto_repo(rto=", contracted_rto_hours: 8")
    assert of("BCM-03", findings(cli, write, "BCM-03", within)) == []
    standard = rto_repo(criticality="standard")
    assert of("BCM-03", findings(cli, write, "BCM-03", standard)) == []


def test_bcm03_survives_odd_data(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    services: edi
    ---
    apiVersion: resilint/v1
    kind: BusinessFunction
    id: f
    criticality: critical
    rto_hours: 8
    depends_on: {services: [7, {supplier: [acme]}, {supplier: acme, service: [x]}]}
    ---
    apiVersion: resilint/v1
    kind: ContinuityPlan
    id: p
    function: f
    manual_procedure: many hours
    """
    findings(cli, write, "BCM-03", text)


# -- BCM-04 ---------------------------------------------------------------------------------

PLAN = """
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: critical
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: order-plan
function: order-processing
owner: {owner}
deputy: {deputy}
activation_thresholds:
  - {{type: {threshold}}}
manual_procedure: {{description: Phone orders, max_degraded_hours: 72}}
comms_templates:
  staff: {{reference: staff.md}}
  customers: {{reference: customers.md}}
  insurer: {{reference: insurer.md}}
stand_down_criteria: [feed restored]
"""


def plan(
    owner: str = "order-desk", deputy: str = "shift-lead", threshold: str = "supplier_compromise"
) -> str:
    return PLAN.format(owner=owner, deputy=deputy, threshold=threshold)


def test_bcm04_critical_function_without_plan_names_the_missing_fallback_owner(cli, write) -> None:
    text = "apiVersion: resilint/v1\nkind: BusinessFunction\nid: payroll\ncriticality: important\n"
    found = of("BCM-04", findings(cli, write, "BCM-04", text))
    assert places(found) == [("payroll", 3)]
    assert "important function payroll has no continuity plan" in found[0]["message"]
    assert "nobody is named to run a manual fallback" in found[0]["message"]


def test_bcm04_plan_without_owner_is_reported_on_the_plan(cli, write) -> None:
    text = plan().replace("owner: order-desk\n", "")
    found = of("BCM-04", findings(cli, write, "BCM-04", text))
    assert places(found) == [("order-plan", 8)]
    message = found[0]["message"]
    assert message.startswith("continuity plan order-plan of critical function order-processing")
    assert "names no owner for its manual fallback" in message
    assert found[0]["related"][0]["line"] == 3


def test_bcm04_deputy_must_differ_from_owner(cli, write) -> None:
    found = of("BCM-04", findings(cli, write, "BCM-04", plan(deputy="order-desk")))
    assert places(found) == [("order-plan", 11)]
    assert "both owner and deputy" in found[0]["message"]


def test_bcm04_supplier_compromise_threshold_may_be_in_any_plan_of_the_function(cli, write) -> None:
    one = plan(threshold="outage")
    found = of("BCM-04", findings(cli, write, "BCM-04", one))
    assert places(found) == [("order-plan", 12)]
    assert "suspected supplier compromise" in found[0]["message"]
    second = plan().replace("id: order-plan", "id: compromise-plan").split("---", 1)[1]
    assert of("BCM-04", findings(cli, write, "BCM-04", one + "---" + second)) == []


def test_bcm04_survives_odd_data(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: BusinessFunction
    id: f
    criticality: critical
    ---
    apiVersion: resilint/v1
    kind: ContinuityPlan
    id: p
    function: f
    owner: [a]
    activation_thresholds: supplier_compromise
    manual_procedure: phone
    comms_templates: [staff]
    stand_down_criteria: done
    """
    found = of("BCM-04", findings(cli, write, "BCM-04", text))
    assert {f["id"] for f in found} == {"p"}


# -- EXR-01 ---------------------------------------------------------------------------------

EXERCISE_REPO = """
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: critical
---
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: {tier}
---
apiVersion: resilint/v1
kind: Playbook
id: acme-playbook
supplier: acme
---
apiVersion: resilint/v1
kind: Exercise
id: drill
date: {date}
status: {status}
functions: [order-processing]
playbooks: [acme-playbook]
"""


def exercise_repo(date: str = "2026-03-12", status: str = "completed", tier: int = 1) -> str:
    return EXERCISE_REPO.format(date=date, status=status, tier=tier)


def test_exr01_counts_completed_exercises_of_the_last_year(cli, write) -> None:
    assert of("EXR-01", findings(cli, write, "EXR-01", exercise_repo())) == []


def test_exr01_planned_or_future_exercises_do_not_count(cli, write) -> None:
    for repo in (exercise_repo(status="planned"), exercise_repo(date="2026-12-10")):
        found = of("EXR-01", findings(cli, write, "EXR-01", repo))
        assert places(found) == [("acme-playbook", 13), ("order-processing", 3)]
        by_id = {f["id"]: f["message"] for f in found}
        assert "no completed exercise lists it" in by_id["order-processing"]
        assert "no completed exercise uses it" in by_id["acme-playbook"]
        assert by_id["acme-playbook"].endswith(f"(as of {AS_OF})")


def test_exr01_only_tier1_playbooks(cli, write) -> None:
    found = of("EXR-01", findings(cli, write, "EXR-01", exercise_repo("2024-01-01", tier=2)))
    assert places(found) == [("order-processing", 3)]
    assert "last exercise that tested it was drill on 2024-01-01" in found[0]["message"]


# -- EXR-02 ---------------------------------------------------------------------------------


def exercise(name: str, date: str, scenarios: str, status: str = "completed") -> str:
    return (
        f"apiVersion: resilint/v1\nkind: Exercise\nid: {name}\ndate: {date}\n"
        f"status: {status}\nscenarios: [{scenarios}]\n"
        "participants: [security, procurement, legal, finance]\n"
    )


def test_exr02_no_exercise_no_finding(cli, write) -> None:
    text = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n"
    assert of("EXR-02", findings(cli, write, "EXR-02", text)) == []


def test_exr02_old_supplier_compromise_exercise_does_not_count(cli, write) -> None:
    text = "---\n".join(
        [
            exercise("old", "2025-06-01", "supplier_compromise"),
            exercise("recent", "2026-05-01", "ransomware"),
            exercise("next", "2027-02-01", "supplier_compromise", status="planned"),
        ]
    )
    found = of("EXR-02", findings(cli, write, "EXR-02", text))
    assert places(found) == [("recent", 14)]
    assert "simulated a supplier compromise" in found[0]["message"]


def test_exr02_cancelled_exercises_need_no_participants(cli, write) -> None:
    text = exercise("called-off", "2026-05-01", "supplier_compromise", status="cancelled")
    text = text.replace("participants: [security, procurement, legal, finance]\n", "")
    # a cancelled exercise is neither checked nor counted; with no other exercise there is
    # nothing to place the scenario finding on (EXR-01 reports the untested functions)
    assert of("EXR-02", findings(cli, write, "EXR-02", text)) == []


# -- PLB-01 ---------------------------------------------------------------------------------


def test_plb01_exited_suppliers_need_no_playbook(cli, write) -> None:
    text = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\nstatus: exited\n"
    assert of("PLB-01", findings(cli, write, "PLB-01", text)) == []


def test_plb01_decision_rights_need_owners_and_contract_playbooks_count(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    tier: 1
    ---
    apiVersion: resilint/v1
    kind: Supplier
    id: acme-group
    ---
    apiVersion: resilint/v1
    kind: Contract
    id: ctr-acme
    supplier: acme
    playbook: group-playbook
    ---
    apiVersion: resilint/v1
    kind: Playbook
    id: group-playbook
    supplier: acme-group
    contacts: {people: [{name: SOC}]}
    escalation: [{name: SOC lead}]
    decision_rights:
      - {decision: disable_integration}
    comms_templates: {staff: {reference: staff.md}}
    disable_criteria: [suspected compromise]
    """
    found = of("PLB-01", findings(cli, write, "PLB-01", text))
    assert places(found) == [("group-playbook", 22)]
    assert "decision right without an owner" in found[0]["message"]


def test_plb01_survives_odd_data(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    tier: 1
    ---
    apiVersion: resilint/v1
    kind: Playbook
    id: p
    supplier: acme
    contacts: people
    decision_rights: [owner]
    comms_templates: [insurer]
    """
    found = of("PLB-01", findings(cli, write, "PLB-01", text))
    assert {f["id"] for f in found} == {"p"}
