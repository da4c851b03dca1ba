"""An Exercise names the continuity plans it tested (continuity_plans): a completed one is the
plan's test on its date, the later of that and the plan's own last_tested, in EXR-01, the
calendar, impact and the report; a planned or cancelled one tests nothing; an unknown id is
REF-01's error. EXR-04 counts a function whose plan was tested within the year as tested (DORA
Art. 11(6)(a) asks the plans tested). Impact and the report say when a critical function's plan
test is past the yearly limit. Through the CLI, as of 2026-11-26."""

from __future__ import annotations

import json

from one_file import AS_OF, check, doc, line, repo

FUNCTION = doc("BusinessFunction", "claims", "criticality: critical\n")


def plan(tested: str | None = None, plan_id: str = "claims-degraded", function: str = "claims"):
    body = f"function: {function}\nowner: claims-lead\n"
    return doc("ContinuityPlan", plan_id, body + (f"last_tested: {tested}\n" if tested else ""))


def exercise(
    exercise_id: str,
    day: str,
    functions: str = "",
    plans: str = "",
    status: str = "completed",
) -> str:
    body = f"date: {day}\nstatus: {status}\ntype: tabletop\n"
    body += f"functions: [{functions}]\n" if functions else ""
    body += f"continuity_plans: [{plans}]\n" if plans else ""
    return doc("Exercise", exercise_id, body)


APRIL = exercise("tabletop-2026-04", "2026-04-14", functions="claims")


def test_an_exercise_naming_the_plan_settles_its_old_last_tested(cli, write) -> None:
    stale = repo(FUNCTION, APRIL, plan("2025-08-20"))
    assert [f["id"] for f in check(cli, write, stale, ["EXR-01"])] == ["claims-degraded"]
    named = exercise("tabletop-2026-04", "2026-04-14", "claims", "claims-degraded")
    assert check(cli, write, repo(FUNCTION, named, plan("2025-08-20")), ["EXR-01"]) == []


def test_a_planned_or_cancelled_exercise_tests_no_plan(cli, write) -> None:
    for status in ("planned", "cancelled"):
        named = exercise("tabletop-2026-05", "2026-05-20", plans="claims-degraded", status=status)
        found = check(cli, write, repo(FUNCTION, APRIL, named, plan("2025-08-20")), ["EXR-01"])
        assert [f["id"] for f in found] == ["claims-degraded"], status
        assert "was last tested on 2025-08-20, more than 365 days ago" in found[0]["message"]


def test_an_unknown_plan_id_is_a_reference_error_with_the_one_meant(cli, write) -> None:
    named = exercise("tabletop-2026-04", "2026-04-14", "claims", "claims-degradd")
    text = repo(FUNCTION, named, plan("2025-08-20"))
    (ref,) = check(cli, write, text, ["REF-01"])
    assert ref["line"] == line(text, "continuity_plans:")
    assert "names continuity plan 'claims-degradd', which does not exist" in ref["message"]
    assert "did you mean 'claims-degraded'?" in ref["message"]


def test_a_plan_last_tested_by_an_old_exercise_is_reported_naming_it(cli, write) -> None:
    # the plan records no date of its own; the exercise naming it is a year and more ago, and
    # the later exercise of the function does not name it
    old = exercise("tabletop-2025-04", "2025-04-14", plans="claims-degraded")
    text = repo(FUNCTION, old, APRIL, plan(None))
    (finding,) = check(cli, write, text, ["EXR-01"])
    assert finding["id"] == "claims-degraded"
    assert finding["line"] == line(text, "id: claims-degraded")
    message = finding["message"]
    assert "was last tested on 2025-04-14 by exercise tabletop-2025-04" in message
    assert "exercise tabletop-2026-04 on 2026-04-14 tested the function" in message
    assert "name the plan under its continuity_plans" in message
    places = [r["message"] for r in finding["related"]]
    assert "last test of continuity plan claims-degraded: exercise tabletop-2025-04" in places


def test_an_exercise_naming_only_the_plan_exercised_the_function(cli, write) -> None:
    named = exercise("tabletop-2026-04", "2026-04-14", plans="claims-degraded")
    assert check(cli, write, repo(FUNCTION, named, plan(None)), ["EXR-01"]) == []
    # one held over a year ago is no exercise within the year
    old = exercise("tabletop-2025-04", "2025-04-14", plans="claims-degraded")
    (finding,) = check(cli, write, repo(FUNCTION, old, plan(None)), ["EXR-01"])
    assert finding["id"] == "claims"
    assert (
        "the last exercise that tested it was tabletop-2025-04 on 2025-04-14"
        in (finding["message"])
    )


def test_a_later_last_tested_yields_to_an_exercise_by_the_date_checked(cli, write) -> None:
    # checked as of an earlier date: the exercise tested the plan by then
    named = exercise("tabletop-2026-04", "2026-04-14", "claims", "claims-degraded")
    assert check(cli, write, repo(FUNCTION, named, plan("2027-02-01")), ["EXR-01"]) == []
    (warning,) = check(cli, write, repo(FUNCTION, APRIL, plan("2027-02-01")), ["EXR-01"])
    assert warning["level"] == "warning"


def test_the_calendar_dates_the_plan_by_the_exercise_that_tested_it(cli, write) -> None:
    write("resilint.yaml", "profiles: [baseline]\n")
    old = exercise("tabletop-2025-12", "2025-12-01", plans="claims-degraded")
    write("repo.yaml", repo(FUNCTION, old, APRIL, plan("2025-08-20")))
    run = cli("calendar", ".", "--format", "json", "--as-of", AS_OF, "--days", "400")
    assert run.exit_code == 0, run.stderr
    due = {d["id"]: d for d in run.json()["deadlines"]}
    assert due["claims-degraded"]["date"] == "2026-12-01"
    assert (
        "last tested 2025-12-01 by exercise tabletop-2025-12" in (due["claims-degraded"]["detail"])
    )
    # an exercise naming the plan is the function's exercise too
    later = exercise("tabletop-2026-06", "2026-06-01", plans="claims-degraded")
    write("repo.yaml", repo(FUNCTION, later, APRIL, plan("2025-08-20")))
    run = cli("calendar", ".", "--format", "json", "--as-of", AS_OF, "--days", "400")
    due = {d["id"]: d for d in run.json()["deadlines"]}
    assert due["claims"]["date"] == "2027-06-01"
    assert "claims-degraded" not in due


DORA = doc("Entity", "bank", "country: DE\nregimes: [dora]\n")
SUPPORT = doc("BusinessFunction", "support", "criticality: standard\nentities: [bank]\n")


def test_exr04_counts_a_test_of_the_functions_plan(cli, write) -> None:
    def found(*documents: str) -> list[str]:
        return [f["id"] for f in check(cli, write, repo(DORA, SUPPORT, *documents), ["EXR-04"])]

    assert found() == ["support"]
    assert found(plan("2026-03-01", "support-plan", "support")) == []
    assert found(plan("2025-03-01", "support-plan", "support")) == ["support"]
    by_exercise = exercise("restore-2026-02", "2026-02-01", plans="support-plan")
    assert found(plan(None, "support-plan", "support"), by_exercise) == []
    planned = exercise("restore-2026-02", "2026-02-01", plans="support-plan", status="planned")
    assert found(plan(None, "support-plan", "support"), planned) == ["support"]
    # a last_tested after the date checked shows no test by then
    assert found(plan("2027-01-10", "support-plan", "support")) == ["support"]


def test_exr04_says_a_plan_test_counts_too(cli, write) -> None:
    [finding] = check(cli, write, repo(DORA, SUPPORT), ["EXR-04"])
    message = finding["message"]
    assert "so include it in an exercise (a completed Exercise listing it under functions)" in (
        message
    )
    assert "or test one of its continuity plans" in message
    assert "continuity_plans" in message and "last_tested" in message


def test_the_calendar_dates_exr04_by_the_plans_test(cli, write) -> None:
    write("resilint.yaml", "profiles: [baseline, dora]\n")
    write("repo.yaml", repo(DORA, SUPPORT, plan("2026-03-01", "support-plan", "support")))
    run = cli("calendar", ".", "--format", "json", "--as-of", AS_OF, "--days", "400")
    assert run.exit_code == 0, run.stderr
    deadlines = run.json()["deadlines"]
    (due,) = [d for d in deadlines if d["id"] == "support" and d["category"] == "function-test"]
    assert due["date"] == "2027-03-01"


def _impact(cli, write, *documents: str, config: str = "profiles: [baseline]\n") -> str:
    write("resilint.yaml", config)
    write("repo.yaml", repo(*documents))
    run = cli("impact", ".", "--function", "claims", "--as-of", AS_OF)
    assert run.exit_code == 0, run.stderr
    return run.stdout


def test_impact_says_when_a_plans_test_is_overdue(cli, write) -> None:
    text = _impact(cli, write, FUNCTION, APRIL, plan("2025-08-01"))
    assert "plan tested 2025-08-01, overdue since 2026-08-01;" in text
    current = _impact(cli, write, FUNCTION, APRIL, plan("2026-04-14"))
    assert "plan tested 2026-04-14;" in current and "overdue" not in current
    # the interval is EXR-01's, as configured
    config = "profiles: [baseline]\nrules:\n  EXR-01:\n    params: {max_age_days: 540}\n"
    longer = _impact(cli, write, FUNCTION, APRIL, plan("2025-08-01"), config=config)
    assert "plan tested 2025-08-01;" in longer and "overdue" not in longer


def test_impact_says_a_plan_test_after_the_date_checked_is(cli, write) -> None:
    text = _impact(cli, write, FUNCTION, APRIL, plan("2027-02-01"))
    assert "plan tested 2027-02-01, after the date checked;" in text
    run = cli("impact", ".", "--function", "claims", "--as-of", AS_OF, "--format", "json")
    (function,) = json.loads(run.stdout)["functions"]
    assert function["fallback"]["after_checked"] is True
    current = _impact(cli, write, FUNCTION, APRIL, plan("2026-04-14"))
    assert "plan tested 2026-04-14;" in current and "after the date checked" not in current


def test_impact_names_the_exercise_that_tested_the_plan(cli, write) -> None:
    named = exercise("tabletop-2025-09", "2025-09-10", plans="claims-degraded")
    text = _impact(cli, write, FUNCTION, named, APRIL, plan("2025-08-01"))
    assert "plan tested 2025-09-10 (exercise tabletop-2025-09), overdue since 2026-09-10" in text
    run = cli("impact", ".", "--function", "claims", "--as-of", AS_OF, "--format", "json")
    (function,) = json.loads(run.stdout)["functions"]
    fallback = function["fallback"]
    assert fallback["last_tested"] == "2025-09-10"
    assert fallback["tested_by"] == "tabletop-2025-09"
    assert fallback["overdue_since"] == "2026-09-10"


def test_impact_marks_no_limit_on_a_function_that_is_not_critical(cli, write) -> None:
    standard = doc("BusinessFunction", "claims", "criticality: standard\n")
    text = _impact(cli, write, standard, plan("2024-08-01"))
    assert "plan tested 2024-08-01" in text and "overdue" not in text


def test_the_report_says_the_plans_test_is_overdue(cli, write, tmp_path) -> None:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(FUNCTION, APRIL, plan("2025-08-01")))
    run = cli("report", ".", "--as-of", AS_OF, "-o", "report.html")
    assert run.exit_code in (0, 1), run.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "tested 2025-08-01, overdue since 2026-08-01" in page


def test_a_mistyped_date_of_an_exercise_naming_the_plan_holds_the_functions_gap(cli, write) -> None:
    # its schema error says the date; the gap waits until the exercise's date is readable
    mistyped = exercise("tabletop-2026-04", "April 2026", plans="claims-degraded")
    assert check(cli, write, repo(FUNCTION, mistyped, plan(None)), ["EXR-01"]) == []
    unnamed = exercise("tabletop-2026-04", "April 2026")
    (finding,) = check(cli, write, repo(FUNCTION, unnamed, plan(None)), ["EXR-01"])
    assert finding["id"] == "claims"


def test_a_planned_plan_test_is_replaced_only_by_an_exercise_testing_the_plan(cli, write) -> None:
    planned = exercise("plan-test-2026-05", "2026-05-20", "claims", "claims-degraded", "planned")
    held = exercise("tabletop-2026-06", "2026-06-10", functions="claims")
    (warning,) = check(cli, write, repo(FUNCTION, planned, held, plan(None)), ["EXR-05"])
    assert warning["id"] == "plan-test-2026-05"
    named = exercise("tabletop-2026-06", "2026-06-10", "claims", "claims-degraded")
    assert check(cli, write, repo(FUNCTION, planned, named, plan(None)), ["EXR-05"]) == []


def test_exr01_counts_a_misspelt_plan_id_where_impact_does_not(cli, write) -> None:
    """EXR-01 and impact read a function's last exercise with one definition; only EXR-01 counts
    an exercise naming the plan misspelt, as correcting the reference will (REF-01 says it, and
    EXR-01 does not say the gap again); impact shows what the records say as they stand."""
    misspelt = exercise("tabletop-2026-04", "2026-04-14", plans="claims-degradd")
    documents = (FUNCTION, misspelt, plan(None))
    assert check(cli, write, repo(*documents), ["EXR-01"]) == []
    assert [f["id"] for f in check(cli, write, repo(*documents), ["REF-01"])] == [
        "tabletop-2026-04"
    ]
    never = "never exercised (no completed exercise lists it or names its continuity plan "
    assert never + "claims-degraded)" in _impact(cli, write, *documents)
    # spelt right, both count it
    named = exercise("tabletop-2026-04", "2026-04-14", plans="claims-degraded")
    assert check(cli, write, repo(FUNCTION, named, plan(None)), ["EXR-01"]) == []
    text = _impact(cli, write, FUNCTION, named, plan(None))
    assert "never exercised" not in text and "tabletop-2026-04" in text
    # with no exercise at all, EXR-01 reports the function
    (finding,) = check(cli, write, repo(FUNCTION, plan(None)), ["EXR-01"])
    assert finding["id"] == "claims"


def test_impact_counts_another_plans_own_test_as_exr01_does(cli, write) -> None:
    """The fallback impact shows is one plan; a test the function's other plan records itself
    tested the function too (EXR-01 finds no gap): the card must not say it was never
    exercised."""
    documents = (FUNCTION, plan(None), plan("2026-06-10", "claims-site-loss"))
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(*documents))
    assert check(cli, write, repo(*documents), ["EXR-01"]) == []
    text = _impact(cli, write, *documents)
    assert "plan claims-degraded" in text  # the fallback shown is the plan with no test
    assert "never exercised" not in text
    assert "continuity plan claims-site-loss tested 2026-06-10" in text
    run = cli("impact", ".", "--function", "claims", "--as-of", AS_OF, "--format", "json")
    (function,) = json.loads(run.stdout)["functions"]
    assert function["last_plan_test"] == {"plan": "claims-site-loss", "date": "2026-06-10"}
    # with no test by the date checked, the card still says so
    later = _impact(cli, write, FUNCTION, plan(None), plan("2027-02-01", "claims-site-loss"))
    assert "never exercised" in later
