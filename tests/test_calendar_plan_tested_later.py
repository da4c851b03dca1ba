"""A continuity plan whose last_tested is after the date checked shows no test by then: the
calendar's entry for its function says so, as EXR-01's finding does, rather than only that no
completed exercise lists the function (which reads as if nothing at all were recorded). Through
the CLI, as of 2026-11-01."""

from __future__ import annotations

from pathlib import Path

from day_by_day import deadlines, findings
from test_calendar_as_check import ENTITY

FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: {id}
criticality: {level}
entities: [pay]
owner: coo
last_criticality_assessment: 2026-10-01
"""

PLAN = """\
apiVersion: resilint/v1
kind: ContinuityPlan
id: {id}
function: {function}
owner: coo
"""


AS_OF = "2026-11-01"


def _repo(tmp_path: Path, *documents: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir(parents=True)
    (repo / "programme.yaml").write_text("---\n".join((ENTITY, *documents)), encoding="utf-8")
    return repo


def _entry(cli, repo: Path, kind: str, function: str) -> dict:  # type: ignore[no-untyped-def]
    (entry,) = [
        d for d in deadlines(cli, repo, AS_OF) if d["category"] == kind and d["id"] == function
    ]
    return entry


def test_a_critical_functions_plan_tested_after_the_date_checked_is_no_test_yet(
    cli, tmp_path: Path
) -> None:
    repo = _repo(
        tmp_path,
        FUNCTION.format(id="payments", level="critical"),
        PLAN.format(id="payments-manual", function="payments") + "last_tested: 2026-11-20\n",
    )
    entry = _entry(cli, repo, "exercise", "payments")
    assert entry["date"] is None and entry["overdue"]
    assert entry["detail"] == (
        "no completed exercise lists it or names its continuity plan payments-manual, and none "
        "of its plans records a test by the date checked: continuity plan payments-manual "
        "records its last test on 2026-11-20, after the date checked, so it was not yet done "
        "then"
    )
    # EXR-01 says the same of the function, in its words
    (finding,) = [f for f in findings(cli, repo, AS_OF) if f["code"] == "EXR-01"]
    assert finding["id"] == "payments"
    assert (
        "none of its plans records a test (last_tested) by the date checked" in (finding["message"])
    )
    assert "records its last test on 2026-11-20 (after the date checked)" in finding["message"]
    # the text output, the way a risk manager reads it
    run = cli("calendar", ".", "--as-of", AS_OF, cwd=repo)
    assert "records its last test on 2026-11-20, after the date checked" in run.stdout
    # a test is recorded, after the date checked: the entry does not say nothing is recorded
    assert "----------  overdue: not recorded as done  " in run.stdout
    assert "nothing recorded" not in run.stdout


def test_a_plan_recording_no_later_test_keeps_the_words_it_had(cli, tmp_path: Path) -> None:
    repo = _repo(
        tmp_path,
        FUNCTION.format(id="payments", level="critical"),
        PLAN.format(id="payments-manual", function="payments"),
        PLAN.format(id="payments-paper", function="payments") + "last_tested: 2026-10-20\n",
    )
    # a test by the date checked: exercised then, not due now
    assert _entry(cli, repo, "exercise", "payments")["date"] == "2027-10-20"
    repo = _repo(
        tmp_path / "none",
        FUNCTION.format(id="payments", level="critical"),
        PLAN.format(id="payments-manual", function="payments"),
    )
    assert _entry(cli, repo, "exercise", "payments")["detail"] == (
        "no completed exercise lists it or names its continuity plan payments-manual"
    )


def test_two_plans_tested_after_the_date_checked_are_each_named(cli, tmp_path: Path) -> None:
    """Under DORA, the yearly test EXR-04 asks of a function that is not critical reads its
    plans' own tests too (the "function test due" entry)."""
    repo = _repo(
        tmp_path,
        FUNCTION.format(id="reporting", level="standard"),
        PLAN.format(id="reporting-manual", function="reporting") + "last_tested: 2026-12-01\n",
        PLAN.format(id="reporting-paper", function="reporting") + "last_tested: 2027-01-15\n",
    )
    entry = _entry(cli, repo, "function-test", "reporting")
    assert entry["date"] is None and entry["overdue"]
    assert entry["detail"].endswith(
        ", and none of its plans records a test by the date checked: continuity plan "
        "reporting-manual records its last test on 2026-12-01 and continuity plan "
        "reporting-paper records its last test on 2027-01-15, each after the date checked, so "
        "none was done then"
    ), entry
