"""INS-03: an excess layer that does not record its attachment point is asked for it, once. The
gap between the policy below and the layer is judged only from an attachment point recorded:
without one, the finding does not go on to say the layer "attaches at (not set)" and that a loss
between the two is insured by no one."""

from __future__ import annotations

from one_file import check, docs

TOWER = """
kind: Entity
id: co
---
kind: InsurancePolicy
id: primary
insurer: First Insurer
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
currency: EUR
aggregate_limit: 25000000
---
kind: InsurancePolicy
id: excess
insurer: Second Insurer
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
currency: EUR
aggregate_limit: 25000000
layer: {position: excess, sits_over: primary, ATTACHES follows_form: true}
"""


def findings(cli, write, attaches: str) -> list[dict]:
    text = docs(*TOWER.replace("ATTACHES ", attaches).split("---"))
    return [f for f in check(cli, write, text, ["INS-03"]) if f["id"] == "excess"]


def test_no_attachment_point_is_asked_for_once_without_a_gap(cli, write) -> None:
    [finding] = findings(cli, write, "")
    message = finding["message"]
    assert "does not record its attachment point as an excess layer" in message
    assert "(not set)" not in message and "insured by no one" not in message


def test_an_attachment_point_above_the_policy_below_is_a_gap(cli, write) -> None:
    [finding] = findings(cli, write, "attaches_at: 30000000, ")
    assert "attaches at EUR 30,000,000 as an excess layer" in finding["message"]
    assert "insured by no one" in finding["message"]


def test_an_attachment_point_at_the_limit_below_is_sound(cli, write) -> None:
    assert findings(cli, write, "attaches_at: 25000000, ") == []
