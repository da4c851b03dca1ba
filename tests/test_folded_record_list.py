"""What one record lacks reads as one list: a continuity plan recorded with only its owner
(BCM-04) or a cyber policy with only its insurer and period (INS-03) is one finding whose gaps
follow the rule's lead once, ``A; also: B; C``, a missing section saying so beside its first
gap, never a second list nested in the first (``(the whole notice section is missing; also:
insurance policy cyber ...)``). Read through `resilint check` as users run it."""

from __future__ import annotations

PLAN = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: orders
criticality: critical
rto_hours: 8
rpo_hours: 4
mtpd_hours: 48
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: plan-orders
function: orders
owner: ops-lead
"""
POLICY = """\
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: Insurer AG
period: {start: 2026-01-01, end: 2027-01-01}
"""


def _message(cli, write, text: str, code: str) -> str:
    write("programme.yaml", text)
    run = cli("check", "--no-cache", "--select", code, "-f", "json", ".")
    (finding,) = run.json()["findings"]
    return str(finding["message"])


def _one_list(message: str, lead: str) -> list[str]:
    """The gaps the message lists, after checking it is one flat list under one lead."""
    assert message.count(lead) == 1, message
    assert message.count("also:") == 1, message
    assert "missing; also" not in message, message
    first, rest = message.split("; also: ")
    return [first, *rest.split("; ")]


def test_a_plan_with_only_its_owner_lists_what_it_lacks_once(cli, write) -> None:
    lead = "continuity plan plan-orders of critical function orders"
    gaps = _one_list(_message(cli, write, PLAN, "BCM-04"), lead)
    staff = "has no message prepared for our staff: record where it is kept"
    said = [g for g in gaps if g.startswith(staff)]
    assert said == [
        f"{staff} (comms_templates.staff.reference) (the whole comms_templates section is missing)"
    ], gaps
    assert any(g.startswith("has no message prepared for those outside") for g in gaps), gaps


def test_a_bare_cyber_policy_lists_what_it_lacks_once(cli, write) -> None:
    gaps = _one_list(_message(cli, write, POLICY, "INS-03"), "insurance policy cyber")
    assert gaps[0].startswith("insurance policy cyber does not record the business-interruption")
    assert "does not record the business-interruption indemnity period" in gaps[1], gaps
    assert "records no exclusions: copy them from the wording" in gaps, gaps
    notice = [g for g in gaps if "(the whole notice section is missing)" in g]
    assert len(notice) == 1 and notice[0].startswith("does not record the deadline for notifying")
    assert any(g.startswith("does not record the deadline for submitting a claim") for g in gaps)


def test_a_missing_section_alone_lists_what_it_stands_for_after_it(cli, write) -> None:
    full = POLICY + (
        "insured_entities: [co]\nexclusions: [{id: war, type: war}]\n"
        "panel: {counsel: [Firm A]}\n"
        "business_interruption: {waiting_period_hours: 12, indemnity_period_days: 90}\n"
        "dependent_bi: {scope: it_providers}\n"
        "---\napiVersion: resilint/v1\nkind: Entity\nid: co\n"
    )
    gaps = _one_list(_message(cli, write, full, "INS-03"), "insurance policy cyber")
    assert len(gaps) == 2, gaps
    assert gaps[0].endswith("(the whole notice section is missing)"), gaps
    assert gaps[1].startswith("does not record the deadline for submitting a claim"), gaps
