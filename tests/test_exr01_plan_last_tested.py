"""EXR-01 reads a continuity plan's last_tested: a critical function's plan whose record says it
was last tested more than a year ago is reported at that date, even where a later exercise lists
the function (the plan's own record says that exercise did not test it); a date after the one
checked is a warning; a plan with no date is taken as tested by its function's exercises; and a
function reported untested names its plans' dates in its one finding. Through the CLI, as of
2026-11-26."""

from __future__ import annotations

from one_file import check, doc, line, repo

FUNCTION = doc("BusinessFunction", "claims", "criticality: critical\nentities: [insurer]\n")
APRIL = doc(
    "Exercise",
    "tabletop-2026-04",
    "date: 2026-04-14\nstatus: completed\ntype: tabletop\nfunctions: [claims]\n",
)


def plan(tested: str | None, plan_id: str = "claims-degraded", function: str = "claims") -> str:
    body = f"function: {function}\n" + (f"last_tested: {tested}\n" if tested else "")
    return doc("ContinuityPlan", plan_id, body)


def entity(body: str) -> str:
    return doc("Entity", "insurer", "country: DE\n" + body)


def test_a_plan_tested_within_the_year_passes(cli, write) -> None:
    assert check(cli, write, repo(FUNCTION, APRIL, plan("2026-04-14")), ["EXR-01"]) == []


def test_a_plan_with_no_date_is_taken_as_tested_by_the_functions_exercise(cli, write) -> None:
    assert check(cli, write, repo(FUNCTION, APRIL, plan(None)), ["EXR-01"]) == []


def test_a_stale_plan_is_reported_though_the_function_was_exercised(cli, write) -> None:
    text = repo(entity("regimes: [dora]\n"), FUNCTION, APRIL, plan("2025-08-20"))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "claims-degraded"
    assert finding["level"] == "error"
    assert finding["line"] == line(text, "last_tested: 2025-08-20")
    message = finding["message"]
    assert "was last tested on 2025-08-20, more than 365 days ago" in message
    assert "DORA Art. 11(6)(a) asks it tested at least yearly" in message
    assert "exercise tabletop-2026-04 on 2026-04-14 tested the function" in message
    assert "record its date as the plan's last_tested (2026-04-14)" in message


def test_recording_the_exercise_that_tested_the_plan_settles_it(cli, write) -> None:
    text = repo(entity("regimes: [dora]\n"), FUNCTION, APRIL, plan("2026-04-14"))
    assert check(cli, write, text, ["EXR-01"]) == []


def test_the_basis_follows_the_regimes_of_the_functions_entities(cli, write) -> None:
    cases = {
        "regimes: [nydfs]\n": "23 NYCRR 500.16(d)(1) asks it",
        # 500.19(a) exempts such an entity from 500.16: no law of it is cited
        "regimes: [nydfs]\nnydfs_limited_exemption: true\n": "ISO 22301 clause 8.5",
        "regimes: [dora]\ndora_simplified_framework: true\n": "2024/1774 Art. 40(1)",
        "": "ISO 22301 clause 8.5 asks it tested at planned intervals, yearly by policy",
    }
    for body, said in cases.items():
        text = repo(entity(body), FUNCTION, APRIL, plan("2025-08-20"))
        (finding,) = check(cli, write, text, ["EXR-01"])
        assert said in finding["message"], body
        if "ISO" in said:
            assert "DORA" not in finding["message"] and "NYCRR" not in finding["message"]


def test_an_unexercised_function_is_one_finding_naming_its_stale_plan(cli, write) -> None:
    text = repo(FUNCTION, plan("2025-08-20"))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "claims"
    assert "has not been exercised in the last 365 days" in finding["message"]
    # the plan's own test is the function's latest test (it counts as one when recent)
    assert (
        "its continuity plan claims-degraded was last tested on 2025-08-20" in (finding["message"])
    )
    assert "schedule a tabletop or switch-over exercise" in finding["message"]


def test_an_unexercised_function_with_an_undated_plan_is_said_once(cli, write) -> None:
    (finding,) = check(cli, write, repo(FUNCTION, plan(None)), ["EXR-01"])
    assert finding["id"] == "claims"
    # the plan records no test date: the finding names the plan only as one to exercise
    assert "records its last test" not in finding["message"]
    assert "was last tested" not in finding["message"]
    assert finding["message"].count("continuity plan claims-degraded") == 1


def test_an_unexercised_function_is_told_a_plan_test_counts_only_where_it_has_a_plan(
    cli, write
) -> None:
    """An exercise naming one of the function's plans counts as exercising it: the finding says
    so where the function has a plan, and says nothing of plans where it has none."""
    (finding,) = check(cli, write, repo(FUNCTION, plan(None)), ["EXR-01"])
    assert (
        "no completed exercise lists it under functions or names its continuity plan "
        "claims-degraded under continuity_plans" in finding["message"]
    )
    two = repo(FUNCTION, plan(None), plan(None, "claims-paper"))
    (finding,) = check(cli, write, two, ["EXR-01"])
    assert (
        "no completed exercise lists it under functions or names one of its continuity plans "
        "(claims-degraded, claims-paper) under continuity_plans" in finding["message"]
    )
    (finding,) = check(cli, write, repo(FUNCTION), ["EXR-01"])
    assert "no completed exercise lists it under functions;" in finding["message"]
    assert "continuity_plans" not in finding["message"]


def test_a_date_after_the_one_checked_is_a_warning(cli, write) -> None:
    text = repo(FUNCTION, APRIL, plan("2027-02-01"))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "claims-degraded"
    assert finding["level"] == "warning"
    assert "on 2027-02-01, after the date checked" in finding["message"]
    # with no exercise of the function, the function's one finding says the date
    (finding,) = check(cli, write, repo(FUNCTION, plan("2027-02-01")), ["EXR-01"])
    assert finding["id"] == "claims"
    assert "records its last test on 2027-02-01 (after the date checked)" in finding["message"]


def test_a_function_that_is_not_critical_is_not_asked(cli, write) -> None:
    standard = doc("BusinessFunction", "canteen", "criticality: standard\n")
    text = repo(standard, plan("2024-01-01", "canteen-plan", "canteen"))
    assert check(cli, write, text, ["EXR-01"]) == []


def test_each_stale_plan_of_a_function_is_its_own_finding(cli, write) -> None:
    text = repo(
        FUNCTION,
        APRIL,
        plan("2025-08-20"),
        plan("2025-01-10", "claims-site-loss"),
        plan("2026-04-14", "claims-cyber"),
    )
    found = check(cli, write, text, ["EXR-01"])
    assert sorted(f["id"] for f in found) == ["claims-degraded", "claims-site-loss"]


def test_the_calendar_dates_the_plans_test_as_the_check_judges_it(cli, write) -> None:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(FUNCTION, APRIL, plan("2025-08-20"), plan(None, "claims-cyber")))
    run = cli("calendar", ".", "--format", "json", "--as-of", "2026-11-26", "--days", "400")
    assert run.exit_code == 0, run.stderr
    due = {d["id"]: d for d in run.json()["deadlines"]}
    assert due["claims-degraded"]["date"] == "2026-08-20"  # overdue: EXR-01 reports it
    assert "before the function's last exercise on 2026-04-14" in due["claims-degraded"]["detail"]
    assert "claims-cyber" not in due  # no date: the function's exercise answers for it
    assert due["claims"]["date"] == "2027-04-14"


def test_a_mistyped_plan_date_hides_no_gap_of_the_function(cli, write) -> None:
    # the schema error says the date; the function's own gap is still said
    text = repo(FUNCTION, plan("last spring"))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "claims"
    # the plan records no test date: the finding names the plan only as one to exercise
    assert "records its last test" not in finding["message"]
    assert "was last tested" not in finding["message"]
    assert finding["message"].count("continuity plan claims-degraded") == 1
    assert check(cli, write, repo(FUNCTION, APRIL, plan("last spring")), ["EXR-01"]) == []


def test_a_function_changed_since_its_exercise_names_its_stale_plan_once(cli, write) -> None:
    changed = FUNCTION + "last_substantive_change: {date: 2026-06-01, description: new cloud}\n"
    (finding,) = check(cli, write, repo(changed, APRIL, plan("2025-08-20")), ["EXR-01"])
    assert finding["id"] == "claims"
    assert "changed substantively on 2026-06-01" in finding["message"]
    assert (
        "continuity plan claims-degraded records its last test on 2025-08-20"
        in (finding["message"])
    )
    assert "record its date as the plan's last_tested" in finding["message"]


PLAN_DRILL = doc(
    "Exercise",
    "drill-2027-02",
    "date: 2027-02-10\nstatus: planned\ntype: tabletop\ncontinuity_plans: [claims-degraded]\n",
)


def test_an_exercise_planned_for_the_function_s_plan_is_named_not_scheduling_one(
    cli, write
) -> None:
    # a planned exercise naming the plan will exercise the function once held, as one listing
    # the function would: the finding names it rather than ask to schedule a tabletop
    text = repo(FUNCTION, plan(None), PLAN_DRILL)
    (finding,) = check(cli, write, text, ["EXR-01"])
    message = finding["message"]
    assert (
        "exercise drill-2027-02, planned for 2027-02-10, names its continuity plan "
        "claims-degraded: hold it and record it as completed" in message
    ), message
    assert "schedule a tabletop" not in message
    # the calendar lists the function's exercise as due, with the planned one beside it
    result = cli("calendar", ".", "--format", "json", "--as-of", "2026-11-26")
    (entry,) = [e for e in result.json()["deadlines"] if e.get("id") == "claims"]
    assert "names its continuity plan claims-degraded" in entry["detail"], entry
    assert "; planned: drill-2027-02 on 2027-02-10" in entry["detail"], entry
