"""Waivers crafted to excuse themselves: a waiver's own findings (EXC-01's expiry past max_days,
an approver not allowed; EXC-02's targets) are never waived or silenced inline, so no waiver can
outlive its review date by naming itself, another waiver or a comment. Runs the real CLI on
files written the way users write them."""

from __future__ import annotations

import json

import pytest

AS_OF = "2026-11-26"
CONFIG = {
    "profiles": [],
    "select": ["CTR-08", "EXC-01", "EXC-02"],
    "rules": {"CTR-08": {"level": "error"}},
}
PROGRAMME = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
---
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
covers_ict_services: true
remedies:
  step_in_rights: false
  security_indemnity: true
  accelerated_termination: true
"""
WAIVER = """\
apiVersion: resilint/v1
kind: Waiver
id: {id}
rule: {rule}
targets:
{targets}
rationale: accepted by the board
risk_owner: coo
approver: cfo
approved_on: 2026-06-15
expires: {expires}
"""
STEP_IN = "  - {kind: Contract, id: ctr-acme}"


def waiver(wid: str, rule: str, targets: str, expires: str = "2027-06-14") -> str:
    return WAIVER.format(id=wid, rule=rule, targets=targets, expires=expires)


@pytest.fixture
def repo(write):
    write("resilint.yaml", json.dumps(CONFIG))
    write("programme.yaml", PROGRAMME)
    return write


def active(cli) -> tuple[int, list[tuple[str, str, int]]]:
    result = cli("check", "--no-cache", "--format", "json", "--as-of", AS_OF)
    found = result.json()["findings"]
    return result.exit_code, [
        (f["code"], f["path"], f["line"]) for f in found if not f["suppressed"]
    ]


def test_a_waiver_that_names_itself_cannot_excuse_its_own_expiry(cli, repo) -> None:
    """A 73-year waiver of CTR-08 that also waives EXC-01 for itself: before, the run passed."""
    repo("more.yaml", waiver("self", "EXC-01", "  - {kind: Waiver, id: self}", "2099-06-14"))
    repo(
        "waivers.yaml",
        waiver("forever", "CTR-08", STEP_IN, "2099-06-14")
        + "---\n"
        + waiver("forever-exc", "EXC-01", "  - {kind: Waiver, id: forever-exc}", "2099-06-14"),
    )
    status, found = active(cli)
    assert status == 1
    assert ("EXC-01", "waivers.yaml", 11) in found  # the CTR-08 waiver's expiry
    assert ("EXC-01", "waivers.yaml", 23) in found  # the self-waiver's own expiry
    assert ("EXC-02", "waivers.yaml", 18) in found  # its target naming itself
    assert ("EXC-02", "more.yaml", 6) in found


def test_a_waiver_of_another_waiver_waives_nothing_there(cli, repo) -> None:
    repo(
        "waivers.yaml",
        waiver("step-in", "CTR-08", STEP_IN, "2099-06-14")
        + "---\n"
        + waiver("cover", "EXC-01", "  - {kind: Waiver, id: step-in}"),
    )
    status, found = active(cli)
    assert status == 1
    assert ("EXC-01", "waivers.yaml", 11) in found
    assert ("EXC-02", "waivers.yaml", 18) in found


def test_a_comment_cannot_silence_a_waiver_s_own_finding(cli, repo) -> None:
    text = waiver("step-in", "CTR-08", STEP_IN, "2099-06-14").replace(
        "expires: 2099-06-14", 'expires: 2099-06-14  # resilint: ignore[EXC-01] reason="board"'
    )
    repo("waivers.yaml", text)
    result = cli("check", "--no-cache", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "waivers.yaml:11:10: EXC-01 error" in result.stdout
    assert "waivers.yaml:11:22: IGN-04 error EXC-01 judges the waiver" in result.stdout


def test_an_ordinary_waiver_still_waives(cli, repo) -> None:
    repo("waivers.yaml", waiver("step-in", "CTR-08", STEP_IN))
    assert active(cli) == (0, [])


def test_waive_refuses_to_write_a_waiver_of_a_waiver(cli, repo) -> None:
    repo("waivers.yaml", waiver("step-in", "CTR-08", STEP_IN))
    result = cli(
        "waive", "EXC-01", "--target", "step-in", "--reason", "r", "--until", "2027-01-01",
        "--owner", "coo", "--approved-on", "2026-11-20", "--diff",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "a waiver's findings are never waived" in result.stderr
