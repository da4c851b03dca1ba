"""A record written with little more than its id is one gap to fill, said as one finding naming
each part it lacks: a continuity plan with only its owner (BCM-04), an insurance policy with only
its period and insurer (INS-03). A waiver narrowed to one of its fields still waives that part
alone, and a record lacking one thing is one finding, as before."""

from __future__ import annotations

STUBS = """\
apiVersion: resilint/v1
kind: Entity
id: us
name: Us
---
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: critical
entities: [us]
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: order-plan
function: order-processing
owner: head-of-orders
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
name: Cyber
line: cyber
insurer: Example Versicherung AG
owner: cfo
period: {start: 2026-01-01, end: 2027-06-30}
insured_entities: [us]
"""


def findings(cli, write, text: str, code: str) -> list[dict]:
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--select", code, "--format", "json", "--no-cache")
    return [f for f in result.json()["findings"] if f["code"] == code]


def test_a_stub_continuity_plan_is_one_finding_naming_what_it_lacks(cli, write) -> None:
    [plan] = findings(cli, write, STUBS, "BCM-04")
    message = plan["message"]
    assert message.startswith("continuity plan order-plan of critical function order-processing")
    for part in (
        "names no deputy",
        "no activation thresholds",
        "manual_procedure.description",
        "comms_templates.staff.reference",
        "stand-down criteria",
    ):
        assert part in message, part
    # the plan's words are said once, each gap after the first says what follows them
    assert message.count("continuity plan order-plan of critical function") < 5
    assert plan["line"] == STUBS.splitlines().index("id: order-plan") + 1


def test_a_bare_insurance_policy_is_one_finding_naming_each_term(cli, write) -> None:
    [policy] = findings(cli, write, STUBS, "INS-03")
    for term in (
        "business_interruption.waiting_period_hours",
        "dependent_bi.scope",
        "notice.incident_notice_hours",
        "notice.claim_deadline_days",
        "records no exclusions",
        "records no panel firms",
    ):
        assert term in policy["message"], term


def test_a_plan_lacking_one_thing_is_said_as_before(cli, write) -> None:
    complete = STUBS.replace(
        "owner: head-of-orders\n",
        "owner: head-of-orders\n"
        "activation_thresholds: [{type: supplier_compromise, description: suspected breach}]\n"
        "manual_procedure: {reference: bcm/manual.md, max_degraded_hours: 48}\n"
        "comms_templates:\n"
        "  staff: {reference: s.md}\n  customers: {reference: c.md}\n"
        "  regulator: {reference: r.md}\n  insurer: {reference: i.md}\n"
        "stand_down_criteria: [orders flow again]\n",
    )
    [plan] = findings(cli, write, complete, "BCM-04")
    assert "names no deputy" in plan["message"] and "; also:" not in plan["message"]


def test_a_waiver_of_one_field_leaves_the_other_gaps_reported(cli, write) -> None:
    waiver = """\
---
apiVersion: resilint/v1
kind: Waiver
id: no-stand-down
rule: BCM-04
targets: [{kind: ContinuityPlan, id: order-plan, field: stand_down_criteria}]
rationale: The plan ends when the hub manager says so; criteria follow the 2027 review.
risk_owner: coo
approver: coo
approved_on: 2026-11-01
expires: 2027-05-01
"""
    found = findings(cli, write, STUBS + waiver, "BCM-04")
    [plan] = [f for f in found if not f.get("suppressed")]
    assert "stand-down criteria" not in plan["message"] and "deputy" in plan["message"]
