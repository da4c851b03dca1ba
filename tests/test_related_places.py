"""The places shown beside a finding of a rule written as data are the documents its message
and test talk about: an excess layer's own notice deadline names the policy whose form it
follows, not the policy below it; a finding that reads both names both; a document bound
twice is named once; a document named through the reference that binds it stays named."""

from __future__ import annotations

from one_file import check, docs

PRIMARY = """
    kind: InsurancePolicy
    id: cyber-2026
    period: {start: 2026-04-01, end: 2027-03-31}
    insured_entities: [northwind]
    aggregate_limit: 10000000
    coverages:
      dependent_business_interruption: {included: false}
    business_interruption: {waiting_period_hours: 6, indemnity_period_days: 120}
    notice: {incident_notice_hours: 72, claim_deadline_days: 90}
    exclusions:
      - {id: war, type: war}
    panel:
      forensics: [Example Forensics LLP]
"""
FIRST_LAYER = """
    kind: InsurancePolicy
    id: cyber-xs-2026
    period: {start: 2026-04-01, end: 2027-03-31}
    aggregate_limit: 10000000
    layer: {position: excess, sits_over: cyber-2026, attaches_at: 10000000}
"""
SECOND_LAYER = """
    kind: InsurancePolicy
    id: cyber-xs2-2026
    period: {start: 2026-04-01, end: 2027-03-31}
    layer: {position: excess, sits_over: cyber-xs-2026, attaches_at: 20000000}
    notice: {claim_deadline_days: 60}
"""
ENTITY = "kind: Entity\nid: northwind\n"


def related_ids(finding: dict) -> list[str]:
    return [r["message"] for r in finding["related"]]


def test_a_layers_own_deadline_names_the_form_it_follows_not_the_policy_below(cli, write) -> None:
    text = docs(ENTITY, PRIMARY, FIRST_LAYER, SECOND_LAYER)
    [finding] = check(cli, write, text, ["INS-03"])
    assert "records a deadline of its own to submit a claim" in finding["message"]
    assert related_ids(finding) == ["insurance policy cyber-2026"]


def test_a_finding_that_also_reads_the_policy_below_names_both_once_each(cli, write) -> None:
    below_ends_early = FIRST_LAYER.replace("end: 2027-03-31", "end: 2026-12-31")
    text = docs(ENTITY, PRIMARY, below_ends_early, SECOND_LAYER)
    [finding] = check(cli, write, text, ["INS-03"])
    assert "sits over nothing" in finding["message"]
    assert sorted(related_ids(finding)) == [
        "insurance policy cyber-2026",
        "insurance policy cyber-xs-2026",
    ]
    # one policy both below and whose form the layer follows: named once
    text = docs(
        ENTITY,
        PRIMARY,
        FIRST_LAYER.replace(
            "aggregate_limit", "notice: {claim_deadline_days: 60}\n    aggregate_limit"
        ),
    )
    [finding] = check(cli, write, text, ["INS-03"])
    assert related_ids(finding) == ["insurance policy cyber-2026"]
