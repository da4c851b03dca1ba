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


REFUSED = {  # a waiver EXC-01 refuses, and how it is written
    "open-ended, no approval date, no rationale": lambda text: (
        text.replace("rationale: accepted by the board\n", "")
        .replace("approved_on: 2026-06-15\n", "")
        .replace("expires: 2027-06-14", "expires: 9999-12-31")
    ),
    "approved on a day still to come": lambda text: text.replace(
        "approved_on: 2026-06-15", "approved_on: 2026-12-01"
    ),
    "longer than max_days": lambda text: text.replace("expires: 2027-06-14", "expires: 2027-09-30"),
    "approver not allowed": lambda text: text,  # the configuration allows the ciso alone
}
RUNS = {  # runs in which EXC-01 does not report, or does not fail
    "EXC-01 runs": ((), {}),
    "--select CTR-08": (("--select", "CTR-08"), {}),
    "--ignore EXC": (("--ignore", "EXC"), {}),
    "ignore: [EXC-01]": ((), {"ignore": ["EXC-01"]}),
    "EXC-01 at level info": ((), {"rules": {"EXC-01": {"level": "info"}}}),
}
ONLY_THE_CISO = {"EXC-01": {"params": {"approvers": {"*": ["ciso"]}}}}


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("refused", sorted(REFUSED))
def test_a_waiver_exc01_refuses_suppresses_nothing_whatever_runs(
    cli, write, refused: str, run: str
) -> None:
    """Whether a waiver stands is EXC-01's to say in every run: where EXC-01 was not selected
    (the action's ``extra-args: --select CTR-08``) or was ignored, such a waiver silenced
    CTR-08 and the gate passed."""
    args, config = RUNS[run]
    exc01 = {**config.get("rules", {}).get("EXC-01", {})}
    if refused == "approver not allowed":
        exc01.update(ONLY_THE_CISO["EXC-01"])
    settings = {**CONFIG, **config, "rules": {**CONFIG["rules"], "EXC-01": exc01}}
    write("resilint.yaml", json.dumps(settings))
    write("programme.yaml", PROGRAMME)
    write("waivers.yaml", REFUSED[refused](waiver("step-in", "CTR-08", STEP_IN)))
    result = cli("check", "--no-cache", "--format", "json", "--as-of", AS_OF, *args)
    found = result.json()["findings"]
    assert result.exit_code == 1, result.stdout
    assert [(f["code"], f["suppressed"]) for f in found if f["code"] == "CTR-08"] == [
        ("CTR-08", False)
    ]


@pytest.mark.parametrize("args", [(), ("--select", "CTR-08")])
def test_a_waiver_about_to_expire_still_waives(cli, repo, args: tuple[str, ...]) -> None:
    """EXC-01's warning that a waiver expires within 30 days is no refusal."""
    repo("waivers.yaml", waiver("step-in", "CTR-08", STEP_IN, "2026-12-10"))
    result = cli("check", "--no-cache", "--format", "json", "--as-of", AS_OF, *args)
    found = result.json()["findings"]
    assert [(f["code"], f["suppressed"]) for f in found if f["code"] == "CTR-08"] == [
        ("CTR-08", True)
    ]
    assert result.exit_code == 0 or "EXC-01" in {f["code"] for f in found}


def test_waive_checks_the_approvers_where_exc01_is_not_selected(cli, write) -> None:
    """``resilint waive`` refuses what EXC-01 would refuse in any run, not only where it runs."""
    write("resilint.yaml", json.dumps({**CONFIG, "select": ["CTR-08"], "rules": ONLY_THE_CISO}))
    write("programme.yaml", PROGRAMME)
    result = cli(
        "waive", "CTR-08", "--target", "ctr-acme", "--reason", "r", "--until", "2027-01-01",
        "--owner", "coo", "--approver", "cfo", "--approved-on", "2026-11-20", "--diff",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "'cfo' is not allowed to approve a waiver of CTR-08" in result.stderr
