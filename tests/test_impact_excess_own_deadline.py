"""resilint impact: an excess layer that follows form takes the notice terms of the policy it
sits over, but one that records a deadline of its own that differs is not silently overridden:
the stricter of the two is used and the notice says both, so the team can ask the broker which
the layer's wording sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

AS_OF = "2026-11-26"
PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: BusinessFunction
id: ops
criticality: critical
entities: [co]
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: primary
insurer: Primary AG
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
notice: {incident_notice_hours: 48, claim_deadline_days: 60, contact: {email: c@primary.example}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: excess
insurer: Excess SE
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
layer: {position: excess, sits_over: primary, attaches_at: 10000000, follows_form: true}
notice: {OWN contact: {email: c@excess.example}}
"""


def excess_notices(cli: Run, write: Any, tmp_path: Path, own: str) -> dict[str, Any]:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME.replace("OWN ", own))
    result = cli("impact", "--function", "ops", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return {n["kind"]: n for n in result.json()["notices"] if n["document"] == "excess"}


def test_a_longer_deadline_of_the_layers_own_is_named_and_the_primarys_used(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = excess_notices(cli, write, tmp_path, "incident_notice_hours: 72, ")
    notice = found["insurer"]
    assert notice["deadline"] == "48 hours" and notice["deadline_hours"] == 48
    assert notice["note"] == (
        "the excess layer records 72 hours of its own (notice.incident_notice_hours), but "
        "primary, whose form it follows, sets 48 hours: the stricter 48 hours is used; ask the "
        "broker which the layer's wording sets and correct the record"
    )
    assert found["claim"]["note"] == ""


def test_a_shorter_deadline_of_the_layers_own_is_used(cli: Run, write: Any, tmp_path: Path) -> None:
    found = excess_notices(
        cli, write, tmp_path, "incident_notice_hours: 24, claim_deadline_days: 30, "
    )
    assert found["insurer"]["deadline"] == "24 hours"
    assert "the layer's own 24 hours, stricter, is used" in found["insurer"]["note"]
    assert found["claim"]["deadline"] == "30 days"
    assert "sets 60 days: the layer's own 30 days, stricter" in found["claim"]["note"]


def test_a_layer_recording_no_deadline_or_the_same_takes_the_form_without_a_note(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    for own in ("", "incident_notice_hours: 48, "):
        found = excess_notices(cli, write, tmp_path, own)
        assert found["insurer"]["deadline"] == "48 hours" and found["insurer"]["note"] == ""
