"""INS-05: an excess layer that follows form takes the panel of the policy below it, but a notice
contact it records of its own is where its insurer is given notice (notice to the insurer below
is not notice to the excess insurer), so the insurer templates must reach it too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from one_file import AS_OF, docs


@pytest.fixture
def run(cli, write, tmp_path: Path):
    def go(text: str) -> list[dict[str, Any]]:
        write("resilint.yaml", json.dumps({"profiles": [], "select": ["INS-05"]}))
        write("repo.yaml", text)
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
        findings: list[dict[str, Any]] = result.json()["findings"]
        assert all(f["code"] == "INS-05" for f in findings), findings
        return findings

    return go


BASE = [
    "kind: Entity\nid: north\n",
    "kind: BusinessFunction\nid: orders\ncriticality: critical\nentities: [north]\n",
    """
kind: InsurancePolicy
id: cyber
period: {start: 2026-01-01, end: 2027-01-10}
insured_entities: [north]
notice:
  contact: {email: claims@primary.example}
panel:
  forensics: [Panel Forensics LLP]
""",
]


def excess(contact: str) -> str:
    return (
        "kind: InsurancePolicy\nid: cyber-xs\nperiod: {start: 2026-01-01, end: 2027-01-10}\n"
        "insured_entities: [north]\n"
        "layer: {position: excess, sits_over: cyber, attaches_at: 10000000, follows_form: true}\n"
        + contact
    )


def plan(recipients: str) -> str:
    return (
        "kind: ContinuityPlan\nid: orders-plan\nfunction: orders\n"
        "contacts: {forensics_firm: Panel Forensics LLP}\n"
        f"comms_templates:\n  insurer: {{reference: t.md, recipients: {recipients}}}\n"
    )


XS_CONTACT = "notice:\n  contact: {email: notices@excess.example, phone: '+1 312 555 0177'}\n"


def test_the_excess_layers_own_notice_contact_must_be_in_the_template(run) -> None:
    found = run(docs(*BASE, excess(XS_CONTACT), plan("[claims@primary.example]")))
    assert len(found) == 1
    assert "cyber-xs" in found[0]["message"] and "notices@excess.example" in found[0]["message"]
    assert found[0]["id"] == "orders-plan"


def test_a_template_reaching_both_insurers_passes(run) -> None:
    both = "[claims@primary.example, '+1 (312) 555-0177']"
    assert run(docs(*BASE, excess(XS_CONTACT), plan(both))) == []


def test_an_excess_layer_without_a_contact_of_its_own_is_asked_to_record_one(run) -> None:
    """No template can be checked to reach the layer's insurer: a warning at the layer (its
    wording may let notice to the insurer below count for it), none at the plan."""
    (found,) = run(docs(*BASE, excess(""), plan("[claims@primary.example]")))
    assert found["id"] == "cyber-xs" and found["level"] == "warning"
    assert "records no notice contact" in found["message"]
    assert "counts for it only where the layer's wording says so" in found["message"]


def test_the_panel_stays_the_primarys(run) -> None:
    """A firm off the primary's panel is one finding, on the primary; the layer adds none."""
    text = docs(*BASE, excess(XS_CONTACT), plan("[claims@primary.example, notices@excess.example]"))
    text = text.replace("forensics_firm: Panel Forensics LLP", "forensics_firm: Other Ltd")
    found = run(text)
    assert len(found) == 1 and "cyber-xs" not in found[0]["message"]


CRIME = """
kind: InsurancePolicy
id: crime
line: crime
period: {start: 2026-01-01, end: 2027-01-10}
insured_entities: [north]
notice:
  contact: {email: theft-claims@crime.example}
"""


def plans(count: int) -> list[str]:
    return [
        plan("[claims@primary.example]").replace("id: orders-plan", f"id: plan-{n}")
        for n in range(count)
    ]


def test_a_crime_policys_contact_missing_from_many_templates_is_one_finding(run) -> None:
    """Which plans' incidents a crime or specie policy covers is the programme's judgement: the
    templates missing its notice contact are one finding, each of them listed beside it. A
    cyber policy's contact stays asked of every template, one finding each."""
    (found,) = run(docs(*BASE, CRIME, *plans(3)))
    assert found["id"] == "plan-0"
    assert found["message"].startswith(
        "the insurer message templates of continuity plan plan-0 and 2 other plans or playbooks "
        "are not addressed to the notice contact of crime insurance policy crime "
        "(theft-claims@crime.example)"
    )
    assert [r["message"] for r in found["related"]] == [
        "the insurer's notice contact",
        "the insurer message template of continuity plan plan-1",
        "the insurer message template of continuity plan plan-2",
    ]
    cyber = [text.replace("line: crime\n", "") for text in (CRIME,)]
    own = [p.replace("reference: t.md", f"reference: t{n}.md") for n, p in enumerate(plans(3))]
    assert [f["id"] for f in run(docs(*BASE, *cyber, *own))] == ["plan-0", "plan-1", "plan-2"]


def test_one_shared_template_missing_the_excess_contact_is_one_finding(run) -> None:
    """Plans and playbooks whose insurer template names the same document use one template:
    the excess insurer's contact missing from it is one gap, reported once at the first, the
    others beside it. A plan with a template of its own stays a finding of its own."""
    shared = [
        p.replace("reference: t.md", "reference: 'HTTPS://templates.example/insurer.docx'")
        for p in plans(3)
    ]
    supplier = "kind: Supplier\nid: acme\nname: Acme\ntier: 1\n"
    playbook = (
        "kind: Playbook\nid: pb-acme\nsupplier: acme\n"
        "comms_templates:\n  insurer: {reference: 'https://templates.example/insurer.docx', "
        "recipients: [claims@primary.example]}\n"
    )
    own = plan("[claims@primary.example]").replace("id: orders-plan", "id: own-plan")
    own = own.replace("reference: t.md", "reference: own.md")
    found = run(docs(*BASE, excess(XS_CONTACT), *shared, supplier, playbook, own))
    assert [f["id"] for f in found] == ["plan-0", "own-plan"]
    assert found[0]["message"].startswith(
        "the shared insurer message template HTTPS://templates.example/insurer.docx, used by "
        "continuity plan plan-0 and 3 other plans or playbooks, is not addressed to the notice "
        "contact of insurance policy cyber-xs (notices@excess.example)"
    )
    assert [r["message"] for r in found[0]["related"]] == [
        "the insurer's notice contact",
        "continuity plan plan-1 also uses the template",
        "continuity plan plan-2 also uses the template",
        "playbook pb-acme also uses the template",
    ]
    assert found[1]["message"].startswith(
        "the insurer message template of continuity plan own-plan"
    )
