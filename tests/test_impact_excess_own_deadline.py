"""resilint impact: an excess layer that follows form takes the notice terms of the policy it
sits over, but one that records a deadline of its own that differs is not silently overridden:
the stricter of the two is used and the notice says both, so the team can ask the broker which
the layer's wording sets. resilint check says it too: INS-03 warns once a layer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

AS_OF = "2026-11-26"
TOWER = """apiVersion: resilint/v1
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
"""
"""A primary policy with its own notice terms and an excess layer following its form."""
PROGRAMME = TOWER + "notice: {OWN contact: {email: c@excess.example}}\n"


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


def excess_warnings(cli: Run, write: Any, tmp_path: Path, programme: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "{profiles: [], select: [INS-03]}\n")
    write("programme.yaml", programme)
    result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
    found = result.json()["findings"]
    return [f for f in found if f["code"] == "INS-03" and f["id"] != "primary"]


def test_check_warns_once_a_layer_of_the_deadlines_of_its_own_that_differ(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """resilint check says what resilint impact notes: one warning on the layer, at its own
    figure, naming both deadlines, the fields and the stricter, which binds not being known."""
    own = "incident_notice_hours: 72, claim_deadline_days: 30, "
    (warning,) = excess_warnings(cli, write, tmp_path, PROGRAMME.replace("OWN ", own))
    assert warning["level"] == "warning" and warning["id"] == "excess"
    line = PROGRAMME.splitlines().index("notice: {OWN contact: {email: c@excess.example}}") + 1
    column = len("notice: {incident_notice_hours: ") + 1  # at the layer's own figure
    assert (warning["line"], warning["column"]) == (line, column)
    message = warning["message"]
    assert message.startswith(
        "insurance policy excess follows the form of insurance policy primary as an excess layer "
        "but records a deadline of its own to notify the insurer of an incident, 72 hours "
        "(notice.incident_notice_hours), where primary sets 48 hours: which binds the layer is "
        "not known, so plan to the stricter 48 hours (as resilint impact does)"
    )
    assert (
        "; also: follows the form of insurance policy primary as an excess layer but records "
        "a deadline of its own to submit a claim, 30 days (notice.claim_deadline_days), where "
        "primary sets 60 days: which binds the layer is not known, so plan to the stricter "
        "30 days" in message
    )


def test_check_reads_the_form_down_the_layers_that_follow_it(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """A second excess layer over the first, both following form: its terms are the primary's,
    and its own claim deadline is measured against them."""
    second = (
        "---\napiVersion: resilint/v1\nkind: InsurancePolicy\nid: second\ninsurer: Top AG\n"
        "insured_entities: [co]\nperiod: {start: 2026-01-01, end: 2027-01-01}\n"
        "layer: {position: excess, sits_over: excess, attaches_at: 20000000}\n"
        "notice: {claim_deadline_days: 90}\n"
    )
    programme = PROGRAMME.replace("OWN ", "") + second
    (warning,) = excess_warnings(cli, write, tmp_path, programme)
    assert warning["id"] == "second"
    assert (
        "claim, 90 days (notice.claim_deadline_days), where primary sets 60 days"
        in (warning["message"])
    )
    assert "the stricter 60 days" in warning["message"]


def test_check_says_nothing_of_a_layer_with_the_same_deadline_none_or_its_own_form(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    for own in ("", "incident_notice_hours: 48, claim_deadline_days: 60, "):
        assert excess_warnings(cli, write, tmp_path, PROGRAMME.replace("OWN ", own)) == []
    own_form = PROGRAMME.replace("OWN ", "incident_notice_hours: 72, ").replace(
        "follows_form: true", "follows_form: false"
    )
    found = excess_warnings(cli, write, tmp_path, own_form)
    assert not any("follows the form" in f["message"] for f in found)
