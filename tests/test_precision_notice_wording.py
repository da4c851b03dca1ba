"""A contract whose incident notice is worded without hours ("without undue delay", the words
of GDPR Art. 33(2) that cloud and productivity providers' data processing terms repeat) records
the wording under incident_notification.window_wording. CTR-03 and CTR-04 read it as what it is,
through the CLI on real YAML: not a missing term (the user is not told to record hours the
contract does not have), nor a window that fits (it bounds the notice by no number of hours).
The cases tested before keep their findings."""

from __future__ import annotations

import pytest
from one_file import check, doc, line, repo

ENTITY = doc(
    "Entity",
    "emi",
    "regimes: [dora]\nreporting_clocks: {regulator_initial_hours: 24}\n",
)
POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "insured_entities: [emi]\nperiod: {start: 2026-01-01, end: 2026-12-31}\n"
    "notice: {incident_notice_hours: 48}\n",
)
CLOUD = doc(
    "Supplier",
    "cloud",
    "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n",
)
WAIVER = doc(
    "Waiver",
    "wv-cloud-notice",
    "rule: CTR-03\ntargets:\n  - {kind: Contract, id: ctr-cloud}\n"
    "rationale: Standard terms notify without undue delay and commit to no hours.\n"
    "compensating_controls: [Provider security advisories fed to our SIEM]\n"
    "risk_owner: ciso\napprover: cro\napproved_on: 2026-10-01\nexpires: 2027-09-30\n",
)


def contract(notice: str) -> str:
    return doc(
        "Contract",
        "ctr-cloud",
        "supplier: cloud\nentities: [emi]\nstatus: active\n"
        f"start_date: 2024-01-01\nincident_notification:\n{notice}",
    )


WORDED = contract("  window_wording: without_undue_delay\n  trigger: suspected\n")


def test_ctr03_says_a_wording_sets_no_hours_rather_than_asking_for_them(cli, write) -> None:
    text = repo(CLOUD, WORDED)
    [finding] = check(cli, write, text, ["CTR-03"])
    message = finding["message"]
    assert "does not say within how many hours" not in message
    assert "window_wording: without_undue_delay), no number of hours" in message
    assert "the 24 hours this programme allows a tier-1 supplier" in message
    assert "or accept the wording in a waiver" in message
    assert finding["line"] == line(text, "window_wording")


def test_ctr03_still_asks_a_contract_that_records_neither(cli, write) -> None:
    silent = contract("  trigger: suspected\n")
    [finding] = check(cli, write, repo(CLOUD, silent), ["CTR-03"])
    assert "does not say within how many hours" in finding["message"]


@pytest.mark.parametrize("hours", ["24", "72"])
def test_a_wording_with_an_outer_limit_is_judged_by_its_hours(cli, write, hours: str) -> None:
    both = contract(
        f"  window_wording: without_undue_delay\n  window_hours: {hours}\n  trigger: suspected\n"
    )
    found = check(cli, write, repo(CLOUD, both), ["CTR-03"])
    assert len(found) == (hours == "72"), found
    assert all("no number of hours" not in f["message"] for f in found)


def test_ctr04_says_an_accepted_wording_fits_no_clock(cli, write) -> None:
    """CTR-03's finding on the wording is waived: CTR-04 judges the wording as written, and
    every clock the supplier's compromise can start is one it does not bound."""
    text = repo(ENTITY, POLICY, CLOUD, WORDED, WAIVER)
    found = check(cli, write, text, ["CTR-03", "CTR-04", "EXC-01"])
    [finding] = [f for f in found if not f.get("suppressed")]
    message = finding["message"]
    assert finding["code"] == "CTR-04"
    # CTR-03's finding on the wording is the one the waiver accepts
    assert [f["code"] for f in found if f.get("suppressed")] == ["CTR-03"]
    assert "only to notify us of an incident without undue delay, with no number of hours" in (
        message
    )
    assert "the 48-hour incident notice deadline of insurance policy cyber" in message
    assert "the 24-hour initial incident notification deadline to the regulator" in message
    assert "inf" not in message
    assert "or accept the wording in a waiver" in message
    assert finding["line"] == line(text, "window_wording")


def test_ctr04_leaves_an_unwaived_wording_to_ctr03(cli, write) -> None:
    """Not waived, the wording is CTR-03's finding; CTR-04 judges the 24 hours CTR-03 asks,
    which fit the 24-hour clock and leave our triage time inside the insurer's 48 hours."""
    found = check(cli, write, repo(ENTITY, POLICY, CLOUD, WORDED), ["CTR-03", "CTR-04"])
    assert [f["code"] for f in found] == ["CTR-03"], found


def test_impact_shows_the_wording(cli, write, tmp_path) -> None:
    write("resilint.yaml", "{}")
    write("repo.yaml", repo(ENTITY, CLOUD, WORDED))
    result = cli("impact", "--supplier", "cloud", cwd=tmp_path)
    assert "must notify us without undue delay (no hours) of a suspected compromise" in (
        result.stdout
    )


def test_nis2_point_5_1_4_d_counts_a_notice_without_undue_delay(cli, write) -> None:
    """The point asks for notice "without undue delay": the wording alone is the clause."""
    msp = doc("Entity", "msp", "regimes: [nis2]\nnis2_entity_type: managed_service_provider\n")
    supplier = CLOUD.replace("tier: 1", "tier: 2")
    worded = contract("  window_wording: without_undue_delay\n").replace("[emi]", "[msp]")
    silent = contract("  notify_to: soc@example.com\n").replace("[emi]", "[msp]")
    point_d = "nis2.5.1.4.d"  # every clause is missing: the one finding lists them by id
    found = check(cli, write, repo(msp, supplier, silent), ["CTR-12"])
    assert point_d in " ".join(f["message"] for f in found)
    found = check(cli, write, repo(msp, supplier, worded), ["CTR-12"])
    assert point_d not in " ".join(f["message"] for f in found)
