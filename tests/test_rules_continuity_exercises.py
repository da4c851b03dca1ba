"""The continuity, exercise and playbook rules (BCM-01 to BCM-07, EXR-01 to EXR-04, PLB-01,
PLB-02) through the CLI: who they apply to (the domain facts: critical functions from the
configuration's critical_levels, critical suppliers, the requirements matrix's joint_playbook,
DORA's regimes), the corrections of issue 9 with their citations, the right document and line,
unique fingerprints, and no crash on odd data."""

from __future__ import annotations

import json
from typing import Any

AS_OF = "2026-11-26"
CRASH = "could not be evaluated"
MINE = frozenset(
    {"BCM-01", "BCM-03", "BCM-04", "BCM-05", "BCM-06", "BCM-07"}
    | {"EXR-01", "EXR-02", "EXR-03", "EXR-04", "PLB-01", "PLB-02"}
)
"""The rules of this area (BCM-02, the DORA criticality assessment, belongs to regulatory)."""


def run(cli, write, text: str, config: dict[str, Any] | None = None) -> list[Any]:
    """Every finding of a one-file repository (baseline profile unless ``config`` says)."""
    write("resilint.yaml", json.dumps(config or {}))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found = result.json()["findings"]
    assert not any(CRASH in f["message"] for f in found), result.stdout
    return found


def only(code: str, text: str, cli, write, params: dict[str, Any] | None = None) -> list[Any]:
    """The findings of one rule, selected (so it applies everywhere)."""
    config: dict[str, Any] = {"profiles": [], "select": [code]}
    if params:
        config["rules"] = {code: {"params": params}}
    return of(code, run(cli, write, text, config))


def of(code: str, found: list[Any]) -> list[Any]:
    return [f for f in found if f["code"] == code]


def area(found: list[Any]) -> list[Any]:
    return [f for f in found if f["code"] in MINE]


def places(found: list[Any]) -> list[tuple[str, int]]:
    return sorted((f["id"], f["line"]) for f in found)


def docs(*parts: str) -> str:
    return "---\n".join(part.strip("\n") + "\n" for part in parts)


def entity(name: str, regimes: str = "[]") -> str:
    return f"apiVersion: resilint/v1\nkind: Entity\nid: {name}\nregimes: {regimes}\n"


def function(name: str, criticality: str = "critical", extra: str = "") -> str:
    return (
        f"apiVersion: resilint/v1\nkind: BusinessFunction\nid: {name}\n"
        f"criticality: {criticality}\n{extra}"
    )


# -- proportionality: a standard function, a non-DORA programme -------------------------------

STANDARD_FUNCTION = docs(
    entity("nw-uk"),
    function("canteen-menu", "standard", "entities: [nw-uk]\n"),
)


def test_a_standard_function_draws_no_finding_in_a_programme_without_dora(cli, write) -> None:
    assert area(run(cli, write, STANDARD_FUNCTION)) == []
    with_dora_on = {"profiles": ["baseline", "dora"]}
    # the dora profile named in the configuration applies EXR-04 everywhere, and only EXR-04
    found = area(run(cli, write, STANDARD_FUNCTION, with_dora_on))
    assert [f["code"] for f in found] == ["EXR-04"]


def test_critical_levels_of_the_configuration_decide_which_functions_are_critical(
    cli, write
) -> None:
    important = function("payroll", "important")
    found = area(run(cli, write, important))
    assert {f["code"] for f in found} == {"BCM-01", "BCM-06", "BCM-07", "EXR-01"}
    assert area(run(cli, write, important, {"critical_levels": ["critical"]})) == []


# -- BCM-01 -----------------------------------------------------------------------------------


def test_bcm01_cites_dora_article_12_6_and_iso_22301_8_2_2(cli) -> None:
    shown = cli("explain", "BCM-01").stdout
    assert "DORA Art. 12(6) (recovery time and recovery point objectives for each function" in (
        " ".join(shown.split())
    )
    assert "ISO 22301:2019 clause 8.2.2" in shown
    assert "DORA Art. 11 " not in shown and "critical: true" not in shown
    assert "where critical is true" in " ".join(shown.split())


def test_bcm01_reports_each_missing_objective_and_a_contradiction(cli, write) -> None:
    text = function("invoicing", "critical", "rto_hours: 72\nmtpd_hours: 48\n")
    found = only("BCM-01", text, cli, write)
    assert places(found) == [("invoicing", 3), ("invoicing", 5)]
    messages = " ".join(f["message"] for f in found)
    assert "no recovery point objective" in messages
    assert "longer than its maximum tolerable disruption of 48 hours" in messages


# -- BCM-03 -----------------------------------------------------------------------------------

RTO_REPO = """
apiVersion: resilint/v1
kind: Supplier
id: acme
status: {status}
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
    status: str = "active",
) -> str:
    return RTO_REPO.format(rto=rto, criticality=criticality, service=service, status=status)


def test_bcm03_without_a_plan_says_so(cli, write) -> None:
    found = only("BCM-03", rto_repo(), cli, write)
    assert places(found) == [("order-processing", 15)]
    message = found[0]["message"]
    assert "critical function order-processing must recover within 8 hours" in message
    assert "24 hours to restore service 'edi-messaging'" in message
    assert "no continuity plan" in message
    assert found[0]["related"][0]["line"] == 6


def test_bcm03_leaves_a_function_without_any_plan_to_bcm07(cli, write) -> None:
    """A critical function with no continuity plan at all: BCM-07 asks for the plan, once, at
    the function; BCM-03 does not ask for it again for each supplier service, with a recovery
    time too long (edi-messaging) or none (a second service). Its recovery point is still
    compared, since no plan recreates lost data. Where BCM-07 does not run, or reports below
    BCM-03's level, BCM-03 says the gap itself."""
    repo = rto_repo(", contracted_rto_hours: 24, contracted_rpo_hours: 24").replace(
        "rto_hours: 8\n", "rto_hours: 8\nrpo_hours: 4\n"
    )
    repo = (
        repo.replace("  - {name: edi-messaging", "  - {name: portal}\n  - {name: edi-messaging")
        + "    - {supplier: acme, service: portal}\n"
    )
    found = run(cli, write, repo)
    assert [(f["code"], f["line"]) for f in of("BCM-07", found)] == [("BCM-07", 11)]
    bcm03 = of("BCM-03", found)
    assert len(bcm03) == 1 and "may lose at most 4 hours of data" in bcm03[0]["message"]
    assert not [f for f in found if "write a continuity plan" in f["message"]]
    for config in (
        {"ignore": ["BCM-07"]},
        {"rules": {"BCM-07": {"level": "warning"}}},
    ):
        messages = [f["message"] for f in of("BCM-03", run(cli, write, repo, config))]
        assert len(messages) == 3, (config, messages)
        assert sum("no continuity plan" in m for m in messages) == 2, messages
    # once a plan is written, BCM-03 weighs its manual procedure against the recovery time
    plan = (
        "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: p\nfunction: order-processing\n"
        "manual_procedure: {description: phones, max_degraded_hours: 12}\n"
    )
    found = run(cli, write, docs(repo, plan))
    assert of("BCM-07", found) == []
    assert any("lasts only 12 hours" in f["message"] for f in of("BCM-03", found))


def test_bcm03_a_plan_that_bridges_the_supplier_recovery_time_is_enough(cli, write) -> None:
    plan = (
        "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: p\nfunction: order-processing\n"
        "manual_procedure: {{description: phones, max_degraded_hours: {hours}}}\n"
    )
    assert only("BCM-03", docs(rto_repo(), plan.format(hours=24)), cli, write) == []
    found = only("BCM-03", docs(rto_repo(), plan.format(hours=12)), cli, write)
    assert "the manual procedure of continuity plan p lasts only 12 hours" in found[0]["message"]
    assert [r["message"] for r in found[0]["related"]][-1] == (
        "manual procedure of continuity plan p"
    )


def test_bcm03_missing_rto_and_unknown_service(cli, write) -> None:
    found = only("BCM-03", rto_repo(rto=""), cli, write)
    assert places(found) == [("acme", 6)]  # once, at the service (test_precision_rules.py)
    assert "no contracted recovery time" in found[0]["message"]
    # a service its supplier does not list is the built-in check REF-05's, not said twice
    found = run(cli, write, rto_repo(service="sftp"), {"profiles": [], "select": ["BCM-03"]})
    assert [f["code"] for f in found] == ["REF-05"]
    assert "lists no service of that name" in found[0]["message"]


def test_bcm03_skips_standard_functions_and_exited_suppliers(cli, write) -> None:
    assert only("BCM-03", rto_repo(rto=", contracted_rto_hours: 8"), cli, write) == []
    assert only("BCM-03", rto_repo(criticality="standard"), cli, write) == []
    assert only("BCM-03", rto_repo(status="exited"), cli, write) == []


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
    only("BCM-03", text, cli, write)


# -- BCM-04 and BCM-07 ------------------------------------------------------------------------

PLAN = """
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: {criticality}
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
---
# the cyber policy the insurer's notice is for (none in force: no insurer template is asked)
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
"""


def plan(
    owner: str = "order-desk",
    deputy: str = "shift-lead",
    threshold: str = "supplier_compromise",
    criticality: str = "critical",
) -> str:
    return PLAN.format(owner=owner, deputy=deputy, threshold=threshold, criticality=criticality)


def test_bcm07_a_critical_function_without_a_plan(cli, write) -> None:
    text = function("payroll", "important")
    found = only("BCM-07", text, cli, write)
    assert places(found) == [("payroll", 3)]
    assert "important function payroll has no continuity plan" in found[0]["message"]
    assert "nobody is named to run a manual fallback" in found[0]["message"]
    assert only("BCM-04", text, cli, write) == []
    assert only("BCM-07", plan(), cli, write) == []


def test_bcm04_plan_without_owner_is_reported_on_the_plan(cli, write) -> None:
    text = plan().replace("owner: order-desk\n", "")
    found = only("BCM-04", text, cli, write)
    assert places(found) == [("order-plan", 8)]
    message = found[0]["message"]
    assert message.startswith("continuity plan order-plan of critical function order-processing")
    assert "names no owner for its manual fallback" in message
    assert found[0]["related"][0]["line"] == 3


def test_bcm04_deputy_must_differ_from_owner(cli, write) -> None:
    found = only("BCM-04", plan(deputy="order-desk"), cli, write)
    assert places(found) == [("order-plan", 11)]
    assert "both owner and deputy" in found[0]["message"]


def test_bcm04_supplier_compromise_threshold_may_be_in_any_plan_of_the_function(cli, write) -> None:
    one = plan(threshold="outage")
    found = only("BCM-04", one, cli, write)
    assert places(found) == [("order-plan", 12)]
    assert "suspected supplier compromise" in found[0]["message"]
    second = plan().replace("id: order-plan", "id: compromise-plan").split("---", 1)[1]
    assert only("BCM-04", one + "---" + second, cli, write) == []


def test_bcm04_missing_templates_are_one_finding_that_names_each(cli, write) -> None:
    text = plan().replace("  staff: {reference: staff.md}\n", "")
    text = text.replace("  insurer: {reference: insurer.md}\n", "")
    [found] = only("BCM-04", text, cli, write)  # one section (comms_templates), one finding
    assert "our staff" in found["message"] and "insurer" in found["message"]
    one = only("BCM-04", plan().replace("  staff: {reference: staff.md}\n", ""), cli, write)
    assert one[0]["fingerprint"] != found["fingerprint"]


def test_bcm04_a_function_that_serves_others_needs_no_customer_message(cli, write) -> None:
    # payroll serves employees and tells the regulator; payments tell the suppliers waiting
    no_customers = plan().replace("  customers: {reference: customers.md}\n", "")
    for audience in ("suppliers", "regulator"):
        text = no_customers.replace("  insurer:", f"  {audience}: {{reference: x.md}}\n  insurer:")
        assert only("BCM-04", text, cli, write) == []
    found = only("BCM-04", no_customers, cli, write)
    assert places(found) == [("order-plan", 15)]
    assert "no message prepared for those outside who feel the outage" in found[0]["message"]


def test_bcm04_a_standard_function_plan_is_not_checked(cli, write) -> None:
    text = plan(criticality="standard").replace("owner: order-desk\n", "")
    assert area(run(cli, write, text)) == []


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
    found = run(cli, write, text, {"profiles": [], "select": ["BCM-04"]})
    assert {f["id"] for f in found} == {"p"}


# -- BCM-05 -----------------------------------------------------------------------------------

RELIED_ON = """
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
provides_ict_services: true
subcontractors:
  - {name: Deltaport Colocation, supplier: deltaport}
---
apiVersion: resilint/v1
kind: Supplier
id: deltaport
tier: 1
---
apiVersion: resilint/v1
kind: Supplier
id: okta
name: Okta
tier: 1
---
apiVersion: resilint/v1
kind: Supplier
id: vaultline
tier: 2
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: Supplier
id: shadow
tier: 1
---
apiVersion: resilint/v1
kind: Supplier
id: old-freight
tier: 1
status: exited
---
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: standard
depends_on:
  suppliers: [acme]
  identity_providers: [okta]
"""


def test_bcm05_reads_the_dependency_graph(cli, write) -> None:
    # acme directly, deltaport as its subcontractor, okta as an identity provider named in free
    # text; vaultline is critical for its access, not because we rely on it; old-freight exited
    found = only("BCM-05", RELIED_ON, cli, write)
    assert places(found) == [("shadow", 28)]
    assert "it is recorded as tier 1" in found[0]["message"]
    covered = RELIED_ON + (
        "---\napiVersion: resilint/v1\nkind: ContinuityPlan\nid: p\n"
        "function: order-processing\nsuppliers: [shadow]\n"
    )
    assert only("BCM-05", covered, cli, write) == []


def test_bcm05_a_supplier_recorded_as_supporting_a_critical_function(cli, write) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: tinyprint\ntier: 3\n"
        "supports_critical_function: true\n"
    )
    found = only("BCM-05", text, cli, write)
    assert places(found) == [("tinyprint", 3)]
    assert "recorded as supporting a critical function" in found[0]["message"]


# -- BCM-06 -----------------------------------------------------------------------------------


def test_bcm06_critical_functions_only_and_restore_tests_dated(cli, write) -> None:
    control = (
        "apiVersion: resilint/v1\nkind: Control\nid: backups\ncategory: backup_immutable\n"
        "status: implemented\nlast_restore_test: {{date: {date}, result: pass}}\n"
    )
    text = docs(
        function("payroll"), function("canteen", "standard"), control.format(date="2026-06-01")
    )
    assert only("BCM-06", text, cli, write) == []
    stale = docs(
        function("payroll"), function("canteen", "standard"), control.format(date="2025-06-01")
    )
    # reported at the stale test, naming the critical function only
    (finding,) = only("BCM-06", stale, cli, write)
    assert (finding["id"], finding["line"]) == ("backups", 16)
    assert "behind critical function payroll passed" in finding["message"]


def test_bcm06_an_undated_failed_restore_test_is_no_passing_test(cli, write) -> None:
    """BCM-09 reports a failed test only with its date; BCM-06 once took any failed test for
    BCM-09's, and a backup whose only test failed, undated, passed both rules in silence."""
    control = (
        "apiVersion: resilint/v1\nkind: Control\nid: backups\ncategory: backup_immutable\n"
        "status: implemented\nlast_restore_test: {result: fail}\n"
    )
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["BCM-06", "BCM-09"]}))
    write("repo.yaml", docs(function("payroll"), control))
    result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF)
    assert result.exit_code == 1
    (finding,) = result.json()["findings"]
    assert (finding["code"], finding["id"]) == ("BCM-06", "backups")
    assert "a restore test recorded without a date, result fail" in finding["message"]


# -- EXR-01 -----------------------------------------------------------------------------------

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
provides_ict_services: true
status: {status}
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
status: completed
functions: [order-processing]
playbooks: [acme-playbook]
"""


def exercise_repo(date: str = "2026-03-12", tier: int = 1, status: str = "active") -> str:
    return EXERCISE_REPO.format(date=date, tier=tier, status=status)


def test_exr01_cites_dora_article_11_6_and_iso_22301_8_5(cli) -> None:
    shown = " ".join(cli("explain", "EXR-01").stdout.split())
    assert "DORA Art. 11(6)(a) (test the ICT business continuity plans" in shown
    assert "ISO 22301:2019 clause 8.5 (exercise programme" in shown
    assert "after substantive changes" in shown


def test_exr01_counts_completed_exercises_of_the_last_year(cli, write) -> None:
    assert only("EXR-01", exercise_repo(), cli, write) == []


def test_exr01_planned_or_future_exercises_do_not_count(cli, write) -> None:
    planned = exercise_repo().replace("status: completed", "status: planned")
    for repo in (planned, exercise_repo(date="2026-12-10")):
        found = only("EXR-01", repo, cli, write)
        assert places(found) == [("acme-playbook", 15), ("order-processing", 3)]
        by_id = {f["id"]: f["message"] for f in found}
        assert "no completed exercise lists it" in by_id["order-processing"]
        assert "no completed exercise uses it" in by_id["acme-playbook"]
        assert by_id["acme-playbook"].endswith(f"(as of {AS_OF})")


def test_exr01_only_playbooks_the_matrix_asks_for(cli, write) -> None:
    found = only("EXR-01", exercise_repo("2024-01-01", tier=2), cli, write)
    assert places(found) == [("order-processing", 3)]
    assert "last exercise that tested it was drill on 2024-01-01" in found[0]["message"]


CHANGED = """
apiVersion: resilint/v1
kind: BusinessFunction
id: payroll
criticality: critical
last_substantive_change: {{date: {change}, description: new payroll bureau interface}}
---
apiVersion: resilint/v1
kind: Exercise
id: drill
date: {date}
status: completed
functions: [payroll]
"""


def changed(change: str, date: str = "2026-03-12") -> str:
    return CHANGED.format(change=change, date=date)


def test_exr01_a_substantive_change_must_be_exercised_again(cli, write) -> None:
    found = only("EXR-01", changed("2026-05-04"), cli, write)
    assert places(found) == [("payroll", 5)]
    message = found[0]["message"]
    assert "changed substantively on 2026-05-04 (new payroll bureau interface)" in message
    assert "has not been exercised since: the last exercise that tested it was drill" in message
    assert found[0]["related"][0]["line"] == 10


def test_exr01_a_recent_change_or_a_later_exercise_is_fine(cli, write) -> None:
    # within the 90 days allowed by default, and a parameter
    assert only("EXR-01", changed("2026-10-01"), cli, write) == []
    params = {"retest_after_change_days": 30}
    assert len(only("EXR-01", changed("2026-10-01"), cli, write, params)) == 1
    assert only("EXR-01", changed("2026-02-01"), cli, write) == []
    assert only("EXR-01", changed("2027-01-01"), cli, write) == []


def test_exr01_a_stale_function_with_a_change_is_one_finding(cli, write) -> None:
    yearly = only("EXR-01", changed("2026-05-04", date="2025-03-12"), cli, write)
    assert places(yearly) == [("payroll", 3)]
    assert "nor since its substantive change on 2026-05-04" in yearly[0]["message"]
    after = only("EXR-01", changed("2026-05-04"), cli, write)
    assert yearly[0]["fingerprint"] != after[0]["fingerprint"]


# -- exited and non-critical suppliers: no playbook demands -----------------------------------


def test_an_exited_critical_supplier_draws_no_playbook_finding(cli, write) -> None:
    stale = exercise_repo("2024-01-01", status="exited").replace(
        "functions: [order-processing]\n", ""
    )
    found = area(run(cli, write, stale, {"profiles": [], "select": ["EXR-01", "PLB-01", "PLB-02"]}))
    assert [f["code"] for f in found] == ["EXR-01"]
    assert found[0]["id"] == "order-processing"
    no_playbook = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\n"
        "provides_ict_services: true\nstatus: exited\n"
    )
    assert area(run(cli, write, no_playbook, {"select": ["PLB-01", "PLB-02"]})) == []


def test_plb02_follows_the_requirements_matrix(cli, write) -> None:
    tier3 = "apiVersion: resilint/v1\nkind: Supplier\nid: canteen\ntier: 3\n"
    assert only("PLB-02", tier3, cli, write) == []
    # tier 1 but no ICT services, no access, no confidential data: no joint playbook term
    haulier = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: haulier\ntier: 1\n"
        "provides_ict_services: false\ndata_sensitivity: internal\n"
    )
    assert only("PLB-02", haulier, cli, write) == []
    # recorded tier 3, but a critical function rests on it and it provides ICT services
    through_graph = docs(
        "apiVersion: resilint/v1\nkind: Supplier\nid: labels\ntier: 3\n"
        "provides_ict_services: true\n",
        function("shipping", extra="depends_on: {suppliers: [labels]}\n"),
    )
    found = only("PLB-02", through_graph, cli, write)
    assert places(found) == [("labels", 3)]
    assert "and provides ICT services, so" in found[0]["message"]
    # the requirements matrix is configuration: a critical supplier may be spared the term
    spared = {
        "profiles": [],
        "select": ["PLB-02"],
        "requirements": {"joint_playbook": {"critical": "never"}},
    }
    assert of("PLB-02", run(cli, write, through_graph, spared)) == []


def test_plb02_a_playbook_named_by_a_live_contract_counts(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    tier: 1
    provides_ict_services: true
    ---
    apiVersion: resilint/v1
    kind: Contract
    id: ctr-acme
    supplier: acme
    status: {status}
    playbook: group-playbook
    ---
    apiVersion: resilint/v1
    kind: Playbook
    id: group-playbook
    supplier: acme-group
    ---
    apiVersion: resilint/v1
    kind: Supplier
    id: acme-group
    """
    assert only("PLB-02", text.replace("{status}", "active"), cli, write) == []
    ended = only("PLB-02", text.replace("{status}", "terminated"), cli, write)
    assert places(ended) == [("acme", 3)]


# -- PLB-01 -----------------------------------------------------------------------------------


def test_plb01_decision_rights_need_owners_and_contract_playbooks_count(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    tier: 1
    provides_ict_services: true
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
    found = only("PLB-01", text, cli, write)
    assert places(found) == [("group-playbook", 23)]
    assert "decision right without an owner" in found[0]["message"]


def test_plb01_a_playbook_with_a_lower_tier_supplier_is_not_checked(cli, write) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: canteen\ntier: 3\n---\n"
        "apiVersion: resilint/v1\nkind: Playbook\nid: canteen-playbook\nsupplier: canteen\n"
    )
    assert area(run(cli, write, text)) == []


def test_plb01_each_gap_has_its_own_fingerprint(cli, write) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\nprovides_ict_services: true\n"
        "---\napiVersion: resilint/v1\nkind: Playbook\nid: p\nsupplier: acme\n"
    )
    found = only("PLB-01", text, cli, write)
    assert len(found) == 5
    assert len({f["fingerprint"] for f in found}) == 5


def test_plb01_survives_odd_data(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    tier: 1
    provides_ict_services: true
    ---
    apiVersion: resilint/v1
    kind: Playbook
    id: p
    supplier: acme
    contacts: people
    decision_rights: [owner]
    comms_templates: [insurer]
    """
    found = run(cli, write, text, {"profiles": [], "select": ["PLB-01"]})
    assert {f["id"] for f in found} == {"p"}


# -- EXR-02 -----------------------------------------------------------------------------------


def exercise(
    name: str,
    date: str,
    scenarios: str,
    status: str = "completed",
    kind: str = "tabletop",
    participants: str = "security, procurement, legal, finance, communications",
) -> str:
    return (
        f"apiVersion: resilint/v1\nkind: Exercise\nid: {name}\ndate: {date}\n"
        f"status: {status}\ntype: {kind}\nscenarios: [{scenarios}]\n"
        f"participants: [{participants}]\n"
    )


def test_exr02_a_technical_failover_test_without_legal_or_finance_is_clean(cli, write) -> None:
    failover = exercise(
        "dr-failover",
        "2026-06-20",
        "cloud_region_outage, switchover",
        kind="live",
        participants="it, security",
    )
    tabletop = exercise("tabletop", "2026-03-12", "supplier_compromise")
    assert only("EXR-02", docs(failover, tabletop), cli, write) == []
    without_it = failover.replace("participants: [it, security]", "participants: [security]")
    found = only("EXR-02", docs(without_it, tabletop), cli, write)
    assert places(found) == [("dr-failover", 8)]
    assert (
        "live exercise dr-failover playing cloud region outage and switchover"
        in (found[0]["message"])
    )
    assert "does not include it:" in found[0]["message"]


def test_exr02_a_supplier_compromise_tabletop_needs_communications(cli, write) -> None:
    text = exercise(
        "tabletop",
        "2026-03-12",
        "supplier_compromise",
        participants="security, procurement, legal, finance",
    )
    found = only("EXR-02", text, cli, write)
    assert places(found) == [("tabletop", 8)]
    assert "does not include communications" in found[0]["message"]
    # an outage tabletop does not add communications; it still needs the business roles
    outage = exercise("outage", "2026-03-12", "outage", participants="security, it")
    found = only(
        "EXR-02",
        docs(text.replace("legal, finance", "legal, finance, communications"), outage),
        cli,
        write,
    )
    assert places(found) == [("outage", 17)]
    assert "does not include procurement, legal and finance" in found[0]["message"]


def test_exr02_required_participants_are_a_parameter_by_exercise_type(cli, write) -> None:
    failover = exercise("dr", "2026-06-20", "switchover", kind="live", participants="it")
    unspecified = exercise("walkthrough", "2026-03-12", "supplier_compromise").replace(
        "type: tabletop\n", ""
    )
    table = {
        "live": {"always": ["it", "business_owner"]},
        "unspecified": {"always": ["security"], "supplier_compromise": ["insurer"]},
    }
    found = only(
        "EXR-02", docs(failover, unspecified), cli, write, {"required_participants": table}
    )
    assert places(found) == [("dr", 8), ("walkthrough", 16)]
    missing = sorted(f["message"].split("does not include ")[1].split(":")[0] for f in found)
    assert missing == ["business_owner", "insurer"]


def exr02_supplier(name: str, ict: str) -> str:
    return (
        f"apiVersion: resilint/v1\nkind: Supplier\nid: {name}\nname: {name}\n"
        f"provides_ict_services: {ict}\nhighest_access_level: none\n"
    )


def test_exr02_a_tabletop_of_a_caterers_outage_needs_no_security_seat(cli, write) -> None:
    """The kitchen of a caterer that provides no ICT closes: the business seats are asked, the
    security seat is not. The same tabletop of an ICT supplier's outage, one that names no
    supplier, or one that plays a compromise still needs security."""
    caterer = exr02_supplier("caterer", "false")
    kitchen = (
        exercise(
            "kitchen",
            "2026-10-14",
            "supplier_outage",
            participants="business_owner, procurement, legal, risk",
        ).rstrip("\n")
        + "\nsuppliers: [caterer]\n"
    )
    compromise = exercise("yearly", "2026-03-12", "supplier_compromise")
    assert only("EXR-02", docs(caterer, kitchen, compromise), cli, write) == []
    without_legal = kitchen.replace("legal, ", "")
    found = only("EXR-02", docs(caterer, without_legal, compromise), cli, write)
    assert len(found) == 1 and "does not include legal:" in found[0]["message"]
    for other in (
        docs(exr02_supplier("caterer", "true"), kitchen, compromise),
        docs(caterer, kitchen.replace("suppliers: [caterer]\n", ""), compromise),
        docs(caterer, kitchen.replace("[supplier_outage]", "[supplier_compromise]"), compromise),
    ):
        found = only("EXR-02", other, cli, write)
        assert [f["id"] for f in found] == ["kitchen"]
        assert "does not include security" in found[0]["message"]


def test_exr02_old_supplier_compromise_exercise_does_not_count(cli, write) -> None:
    text = docs(
        exercise("old", "2025-06-01", "supplier_compromise"),
        exercise("recent", "2026-05-01", "ransomware"),
        exercise("next", "2027-02-01", "supplier_compromise", status="planned"),
    )
    found = only("EXR-02", text, cli, write)
    assert places(found) == [("recent", 16)]
    assert "simulated a supplier compromise" in found[0]["message"]


def test_exr02_cancelled_exercises_are_neither_checked_nor_counted(cli, write) -> None:
    text = exercise("called-off", "2026-05-01", "supplier_compromise", status="cancelled")
    text = text.replace(
        "participants: [security, procurement, legal, finance, communications]\n", ""
    )
    assert only("EXR-02", text, cli, write) == []


# -- EXR-04: every function, where DORA applies -----------------------------------------------

DORA_PROGRAMME = docs(
    entity("nw-lux", "[dora]"),
    entity("nw-uk"),
    function("fund-reporting", "standard", "entities: [nw-lux]\n"),
    function("canteen-menu", "standard", "entities: [nw-uk]\n"),
    function("fund-dealing", "critical", "entities: [nw-lux]\n"),
)


def test_exr04_every_function_of_an_entity_under_dora_is_tested_yearly(cli, write) -> None:
    found = run(cli, write, DORA_PROGRAMME)
    assert places(of("EXR-04", found)) == [("fund-reporting", 13)]
    message = of("EXR-04", found)[0]["message"]
    assert "function fund-reporting (criticality standard) has not been tested" in message
    # the critical function is EXR-01's, once
    assert places(of("EXR-01", found)) == [("fund-dealing", 25)]
    exercised = DORA_PROGRAMME + (
        "---\napiVersion: resilint/v1\nkind: Exercise\nid: restore-test\ndate: 2026-05-12\n"
        "status: completed\ntype: live\nfunctions: [fund-reporting, fund-dealing]\n"
    )
    found = run(cli, write, exercised)
    assert of("EXR-04", found) == [] and of("EXR-01", found) == []


SIMPLIFIED_GROUP = docs(
    entity("ah-kvg", "[dora]"),
    entity("ah-vv", "[dora]") + "dora_simplified_framework: true\n",
    function("advisory-crm", "standard", "entities: [ah-vv]\n"),
    function("kvg-distribution", "standard", "entities: [ah-kvg]\n"),
    function("staff-administration", "standard", "entities: [ah-vv, ah-kvg]\n"),
    function("portfolio-management", "critical", "entities: [ah-vv]\n"),
)


def test_exr04_does_not_ask_article_11_of_an_entity_under_the_simplified_framework(
    cli, write
) -> None:
    # DORA Art. 16(1): Articles 5 to 15 do not bind a small and non-interconnected investment
    # firm; its sister under the full framework is still asked, and so is a function they share
    found = run(cli, write, SIMPLIFIED_GROUP)
    assert places(of("EXR-04", found)) == [("kvg-distribution", 20), ("staff-administration", 26)]
    # the critical function of the simplified entity is still EXR-01's (its yearly BCP test)
    assert places(of("EXR-01", found)) == [("portfolio-management", 32)]
    shown = " ".join(cli("explain", "EXR-04").stdout.split())
    assert "DORA Art. 16(1), first subparagraph" in shown
    assert "Delegated Regulation (EU) 2024/1774 Art. 40(1)" in shown


def test_exr04_cites_dora_article_11_6_a(cli) -> None:
    shown = " ".join(cli("explain", "EXR-04").stdout.split())
    assert "DORA Art. 11(6)(a)" in shown and "all functions at least yearly" in shown
    assert "Only for documents of our entities under DORA" in shown


# -- fingerprints -----------------------------------------------------------------------------


def test_every_finding_of_the_area_has_its_own_fingerprint(cli, write) -> None:
    text = docs(
        function("a"),
        function("b", extra="last_substantive_change: {date: 2026-01-05}\n"),
        "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: pa\nfunction: a\n",
        "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: pa2\nfunction: a\n",
        "apiVersion: resilint/v1\nkind: Supplier\nid: s1\ntier: 1\nprovides_ict_services: true\n",
        "apiVersion: resilint/v1\nkind: Supplier\nid: s2\ntier: 1\nprovides_ict_services: true\n",
        "apiVersion: resilint/v1\nkind: Playbook\nid: p1\nsupplier: s1\n",
        "apiVersion: resilint/v1\nkind: Playbook\nid: p2\nsupplier: s1\n",
        exercise("t1", "2025-01-10", "ransomware", participants="security"),
        exercise("t2", "2025-02-10", "ransomware", participants="security", kind="live"),
    )
    found = area(run(cli, write, text))
    assert len(found) > 20  # BCM-04 says what each plan lacks in one finding (fold: record)
    assert len({f["fingerprint"] for f in found}) == len(found)


def test_bcm05_says_which_function_names_the_supplier_by_a_name_it_does_not_have(
    cli, write
) -> None:
    """A function naming its identity provider 'keyward' reaches no supplier when the supplier
    is keyward-id ("Keyward Identity SE"): the finding says so, at the function's field."""
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: keyward-id\nname: Keyward Identity SE\n"
        "tier: 1\nprovides_ict_services: true\n"
        "---\napiVersion: resilint/v1\nkind: BusinessFunction\nid: claims\n"
        "criticality: critical\ndepends_on:\n  identity_providers: [keyward]\n"
    )
    [finding] = only("BCM-05", text, cli, write)
    assert "business function claims names identity provider 'keyward'" in finding["message"]
    assert "write keyward-id there" in finding["message"]
    assert [(r["line"], r["message"]) for r in finding["related"]] == [
        (13, "identity provider keyward")
    ]
    # named by its id, it is reached: no finding
    assert only("BCM-05", text.replace("[keyward]", "[keyward-id]"), cli, write) == []
    # a name that reads like no supplier adds nothing to the finding
    [other] = only("BCM-05", text.replace("[keyward]", "[entra]"), cli, write)
    assert "names identity provider" not in other["message"]
