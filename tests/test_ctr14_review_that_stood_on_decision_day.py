"""CTR-14 and the calendar, through the CLI, once the last day to give notice on a contract has
passed: the review that stood on that day decided the renewal. A contract reviewed within the
year before that day (or since) is not reported as it ages towards its end date, and the
calendar lists no review due after that day; one whose review was already more than a year old
on that day is still reported, in the past tense; a tier-1 contract that renews automatically is
still asked its yearly review (a warning)."""

from __future__ import annotations

from pathlib import Path

from day_by_day import deadlines, findings

LAB = """\
apiVersion: resilint/v1
kind: Supplier
id: lab
name: Accredited water laboratory
tier: 2
provides_ict_services: true
contacts:
  security_24x7:
    {name: Lab duty desk, phone: "+49 30 555 0100", channel: phone, available_24x7: true}
last_assessment: {date: 2026-06-01, type: questionnaire, outcome: satisfactory}
"""
SOC = """\
apiVersion: resilint/v1
kind: Supplier
id: soc
name: Managed SOC
tier: 1
provides_ict_services: true
"""


def contract(cid: str, supplier: str, last_review: str) -> str:
    return f"""\
apiVersion: resilint/v1
kind: Contract
id: {cid}
supplier: {supplier}
status: active
start_date: 2023-01-01
end_date: 2026-12-31
auto_renew: true
renewal_term_months: 24
our_notice_period_days: 90
last_review: {last_review}
"""


def _repo(tmp_path: Path, *docs: str) -> Path:
    (tmp_path / "programme.yaml").write_text("---\n".join(docs), encoding="utf-8")
    return tmp_path


def _ctr14(cli, repo: Path, as_of: str) -> list[dict]:
    return [f for f in findings(cli, repo, as_of) if f["code"] == "CTR-14"]


def test_a_review_that_stood_on_the_decision_day_is_not_reported_after_it(cli, tmp_path) -> None:
    # the last day to give notice is 2026-10-02 (2026-12-31 less 90 days)
    repo = _repo(
        tmp_path,
        LAB,
        contract("ctr-reviewed-before", "lab", "2025-11-04"),
        contract("ctr-reviewed-since", "lab", "2026-11-01"),
        contract("ctr-stale-on-the-day", "lab", "2025-09-01"),
    )
    # before the day, the review of 2025-11-04 is current and the one of 2025-09-01 is not (the
    # review of 2026-11-01 is still to come: a date after the day checked proves nothing yet)
    before = {f["id"] for f in _ctr14(cli, repo, "2026-09-15")}
    assert before == {"ctr-stale-on-the-day", "ctr-reviewed-since"}
    # after it, the review of 2025-11-04 is more than a year old, but it decided the renewal
    after = _ctr14(cli, repo, "2026-12-07")
    assert [f["id"] for f in after] == ["ctr-stale-on-the-day"]
    message = after[0]["message"]
    assert "the last day to decide whether to renew or end it was 2026-10-02" in message
    assert "more than 365 days before that day" in message
    # the calendar lists no review due after the last day to give notice
    due = [
        d["id"]
        for d in deadlines(cli, repo, "2026-12-07", days=200)
        if d["category"] == "contract-review"
    ]
    assert due == ["ctr-stale-on-the-day"]


def test_a_tier1_contract_that_renews_automatically_is_still_reviewed_yearly(cli, tmp_path) -> None:
    repo = _repo(tmp_path, SOC, contract("ctr-soc", "soc", "2025-11-04"))
    found = _ctr14(cli, repo, "2026-12-07")
    assert [(f["id"], f["level"]) for f in found] == [("ctr-soc", "warning")]
    assert "renews automatically but was last reviewed on 2025-11-04" in found[0]["message"]
