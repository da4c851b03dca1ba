"""EXR-01 counts a test a continuity plan records itself (its last_tested, by the date checked)
as a test of the function the plan keeps running, as it counts an exercise naming the plan and
as EXR-04 and `resilint impact` already did: a company whose billing plan was walked through in
February, with no separate Exercise document, was told the function "has not been exercised".
A plan test older than the period, or dated after the date checked, still leaves the function
untested; a stale second plan is still reported. Through the CLI, as of 2026-11-26."""

from __future__ import annotations

from one_file import check, doc, line, repo

FUNCTION = doc("BusinessFunction", "billing", "criticality: important\nowner: finance\n")


def plan(tested: str, plan_id: str = "billing-manual") -> str:
    return doc("ContinuityPlan", plan_id, f"function: billing\nlast_tested: {tested}\n")


def test_a_plan_tested_within_the_year_tests_its_function(cli, write) -> None:
    assert check(cli, write, repo(FUNCTION, plan("2026-02-20")), ["EXR-01"]) == []


def test_a_stale_plan_test_leaves_the_function_untested_and_is_said_once(cli, write) -> None:
    text = repo(FUNCTION, plan("2025-10-01"))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "billing"
    message = finding["message"]
    assert "has not been exercised in the last 365 days" in message
    assert "its continuity plan billing-manual was last tested on 2025-10-01" in message
    assert message.count("2025-10-01") == 1
    (related,) = finding["related"]
    assert related["line"] == line(text, "last_tested: 2025-10-01")


def test_a_plan_test_after_the_date_checked_is_no_test_by_then(cli, write) -> None:
    (finding,) = check(cli, write, repo(FUNCTION, plan("2027-01-15")), ["EXR-01"])
    assert finding["id"] == "billing"
    message = finding["message"]
    assert "records its last test on 2027-01-15 (after the date checked)" in message
    # the plan does record a test, only not by the date checked: the finding says which
    assert "none of its plans records a test (last_tested) by the date checked;" in message
    assert "records a test (last_tested);" not in message


def test_a_function_whose_plans_record_no_test_is_told_so_plainly(cli, write) -> None:
    untested = doc("ContinuityPlan", "billing-manual", "function: billing\n")
    (finding,) = check(cli, write, repo(FUNCTION, untested), ["EXR-01"])
    assert "none of its plans records a test (last_tested); " in finding["message"]


def test_a_stale_second_plan_is_still_reported(cli, write) -> None:
    text = repo(FUNCTION, plan("2026-02-20"), plan("2025-03-01", "billing-site-loss"))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "billing-site-loss"
    message = finding["message"]
    assert "was last tested on 2025-03-01, more than 365 days ago" in message
    assert "the test of its continuity plan billing-manual on 2026-02-20" in message
    # that test was the other plan's: no advice to copy its date into this plan
    assert "record its date as the plan's last_tested" not in message
    assert "test the plan (a tabletop or switch-over" in message


def test_the_calendar_dates_the_next_test_from_the_plans_own(cli, write) -> None:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(FUNCTION, plan("2026-02-20")))
    run = cli("calendar", ".", "--format", "json", "--as-of", "2026-11-26", "--days", "400")
    assert run.exit_code == 0, run.stderr
    (entry,) = [d for d in run.json()["deadlines"] if d["id"] == "billing"]
    assert entry["date"] == "2027-02-20"
    assert entry["detail"].startswith("continuity plan billing-manual last tested 2026-02-20")
