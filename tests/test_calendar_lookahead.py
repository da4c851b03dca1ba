"""``resilint calendar`` lists the dates two checks warn from ahead of the event: the renewal of
an insurance policy ending with none recorded (INS-06 warns ``ending_within_days`` before its
end) and the next exercise of the required scenario (EXR-02 asks one completed in every
``period_days``). Each is due on the last day its rule is silent: ``resilint check`` as of the
day after reports it, on the document the calendar names, and the calendar then says "overdue
by 1 day"."""

from __future__ import annotations

from pathlib import Path

import pytest
from day_by_day import deadlines, findings, next_day

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: northwind
name: Northwind Ltd
country: GB
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2027
insurer: Example Mutual
owner: risk-manager
period: {start: 2026-07-01, end: 2027-06-30}
insured_entities: [northwind]
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-excess-2027
insurer: Second Mutual
period: {start: 2026-07-01, end: 2027-06-30}
insured_entities: [northwind]
layer: {position: excess, sits_over: cyber-2027, follows_form: true}
"""

TABLETOP = """\
apiVersion: resilint/v1
kind: Exercise
id: tabletop-2026-03
date: 2026-03-12
status: completed
type: tabletop
owner: ciso
scenarios: [supplier_compromise]
participants: [security, procurement, legal, finance, communications]
"""

FAILOVER = """\
apiVersion: resilint/v1
kind: Exercise
id: failover-2026-09
date: 2026-09-20
status: completed
type: live
owner: it-operations
scenarios: [cloud_region_outage]
participants: [it]
"""

AS_OF = "2026-12-06"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "tabletop.yaml").write_text(TABLETOP, encoding="utf-8")
    (tmp_path / "exercises" / "failover.yaml").write_text(FAILOVER, encoding="utf-8")
    return tmp_path


def _entries(cli, repo: Path, as_of: str, category: str) -> list[dict]:
    return [d for d in deadlines(cli, repo, as_of) if d["category"] == category]


def _reported(cli, repo: Path, as_of: str, code: str, said: str) -> list[dict]:
    return [f for f in findings(cli, repo, as_of) if f["code"] == code and said in f["message"]]


@pytest.mark.parametrize(
    ("category", "day", "code", "said", "doc_id"),
    [
        ("insurance-renewal", "2027-04-30", "INS-06", "no renewal", "cyber-2027"),
        ("scenario-exercise", "2027-03-12", "EXR-02", "supplier compromise", "failover-2026-09"),
    ],
    ids=["INS-06", "EXR-02"],
)
def test_the_rule_reports_from_the_day_the_calendar_says_overdue(
    cli, repo: Path, category: str, day: str, code: str, said: str, doc_id: str
) -> None:
    (entry,) = _entries(cli, repo, AS_OF, category)
    assert entry["date"] == day and entry["id"] == doc_id and not entry["overdue"]
    assert _reported(cli, repo, day, code, said) == []
    (finding,) = _reported(cli, repo, next_day(day), code, said)
    assert finding["id"] == doc_id  # the document the calendar names
    (late,) = _entries(cli, repo, next_day(day), category)
    assert late["overdue"] and late["days_left"] == -1 and late["id"] == doc_id


def test_a_layer_ending_with_the_policy_below_is_named_in_its_entry(cli, repo: Path) -> None:
    (entry,) = _entries(cli, repo, AS_OF, "insurance-renewal")
    assert entry["title"] == (
        "renewal of insurance policy cyber-2027 (with its excess layer cyber-excess-2027)"
    )
    assert "it ends on 2027-06-30 and no renewal is recorded" in entry["detail"]
    assert entry["owner"] == "risk-manager"


def test_a_recorded_renewal_lists_no_renewal_due(cli, repo: Path) -> None:
    renewal = (
        PROGRAMME.replace("id: cyber-2027\n", "id: cyber-2028\n")
        .replace("2026-07-01, end: 2027-06-30", "2027-07-01, end: 2028-06-30")
        .replace("id: cyber-excess-2027", "id: cyber-excess-2028")
        .replace("sits_over: cyber-2027", "sits_over: cyber-2028")
    )
    (repo / "renewal.yaml").write_text(renewal.split("---\n", 1)[1], encoding="utf-8")
    assert _entries(cli, repo, AS_OF, "insurance-renewal") == []
    assert _reported(cli, repo, "2027-06-01", "INS-06", "no renewal") == []


def test_the_scenario_entry_names_the_exercise_planned_to_play_it(cli, repo: Path) -> None:
    planned = TABLETOP.replace("tabletop-2026-03", "tabletop-2027-02").replace(
        "date: 2026-03-12\nstatus: completed", "date: 2027-02-10\nstatus: planned"
    )
    (repo / "exercises" / "planned.yaml").write_text(planned, encoding="utf-8")
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert entry["date"] == "2027-03-12"
    assert entry["detail"] == (
        "last played 2026-03-12; EXR-02 asks one every 365 days; "
        "planned: tabletop-2027-02 on 2027-02-10"
    )


def test_no_exercise_that_played_it_is_due_now(cli, repo: Path) -> None:
    (repo / "exercises" / "tabletop.yaml").unlink()
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert entry["date"] is None and entry["overdue"]
    assert entry["detail"] == "no completed exercise played a supplier compromise"
    (finding,) = _reported(cli, repo, AS_OF, "EXR-02", "supplier compromise")
    assert finding["id"] == entry["id"] == "failover-2026-09"


def test_the_rules_parameters_set_the_dates(cli, repo: Path) -> None:
    config = (
        "rules:\n"
        "  INS-06: {params: {ending_within_days: 90}}\n"
        "  EXR-02: {params: {period_days: 400}}\n"
    )
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    (renewal,) = _entries(cli, repo, AS_OF, "insurance-renewal")
    assert renewal["date"] == "2027-03-31"
    assert _reported(cli, repo, "2027-04-01", "INS-06", "no renewal")
    (scenario,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert scenario["date"] == "2027-04-16"
    assert _reported(cli, repo, "2027-04-16", "EXR-02", "supplier compromise") == []
    assert _reported(cli, repo, "2027-04-17", "EXR-02", "supplier compromise")


def test_a_rule_that_does_not_run_or_is_off_for_the_file_lists_nothing(cli, repo: Path) -> None:
    (repo / "resilint.yaml").write_text("ignore: [INS-06, EXR-02]\n", encoding="utf-8")
    categories = {d["category"] for d in deadlines(cli, repo, AS_OF)}
    assert not categories & {"insurance-renewal", "scenario-exercise"}
    assert "policy-renewal" in categories  # the end of cover is the policy's own date
    config = 'per_file_ignores:\n  "exercises/failover.yaml": [EXR-02]\n'
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    assert _entries(cli, repo, AS_OF, "scenario-exercise") == []
    (finding,) = _reported(cli, repo, "2027-03-13", "EXR-02", "supplier compromise")
    assert finding["suppression"]["kind"] == "per-file"


def test_the_text_calendar_says_what_is_due(cli, repo: Path) -> None:
    run = cli("calendar", ".", "--as-of", AS_OF, "--days", "200", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert (
        "2027-03-12  in 96 days  scenario exercise due: exercise playing a supplier compromise "
        "(scenario supplier_compromise): last played 2026-03-12; EXR-02 asks one every 365 days "
        "[it-operations]  exercises/failover.yaml:8"
    ) in run.stdout
    assert (
        "2027-04-30  in 145 days  insurance renewal due: renewal of insurance policy" in run.stdout
    )


def test_an_exercise_whose_record_fails_the_schema_is_named_not_dropped(cli, repo: Path) -> None:
    """An exercise that may have played the scenario but whose status, date or scenarios fail
    the schema is counted neither by EXR-02 (check reports the schema error and waits) nor by
    the entry, which names it and says why, instead of reading as if it did not exist."""
    path = repo / "exercises" / "tabletop.yaml"
    path.write_text(TABLETOP.replace("status: completed", "status: Completed"))
    odd = FAILOVER.replace("failover-2026-09", "tabletop-2026-05").replace(
        "date: 2026-09-20", "date: 12.05.2026"
    )
    odd = odd.replace("[cloud_region_outage]", "[Supplier compromise]")
    (repo / "exercises" / "odd.yaml").write_text(odd)
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert entry["date"] is None and entry["overdue"]
    assert entry["detail"] == (
        "no completed exercise played a supplier compromise; not counted, as their records fail "
        "the schema (until they are corrected, check reports the schema error in place of "
        "EXR-02): exercise tabletop-2026-05 (exercises/odd.yaml:1): its scenarios "
        "['Supplier compromise'] are not all ones the schema knows and its date '12.05.2026' "
        "is not a date (YYYY-MM-DD); "
        "exercise tabletop-2026-03 (exercises/tabletop.yaml:1): its status 'Completed' is not "
        "one of cancelled, completed, planned"
    )
    assert _reported(cli, repo, AS_OF, "EXR-02", "supplier compromise") == []
    codes = {f["code"] for f in findings(cli, repo, AS_OF)}
    assert "SCH-01" in codes
    path.write_text(TABLETOP)  # corrected: counted; the other may still move the date
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert entry["date"] == "2027-03-12" and "exercise tabletop-2026-05 (" in entry["detail"]
    (repo / "exercises" / "odd.yaml").unlink()
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert entry["date"] == "2027-03-12" and "not counted" not in entry["detail"]


def test_an_exercise_of_another_scenario_with_a_wrong_status_is_not_named(cli, repo: Path) -> None:
    path = repo / "exercises" / "failover.yaml"
    path.write_text(FAILOVER.replace("status: completed", "status: Done"))
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert "not counted" not in entry["detail"]


def test_an_exercise_with_an_unknown_scenario_is_named_only_where_it_may_have_played_it(
    cli, repo: Path
) -> None:
    """A scenario the schema does not know fails the record, but an exercise whose other
    scenarios are known ones (or which names another known one in other case or spacing) did
    not play the required scenario: its schema error is check's to report, not this entry's.
    ('Ransomware' is the known ransomware). One naming no known scenario may have played it
    and is named, once."""
    path = repo / "exercises" / "failover.yaml"
    path.write_text(FAILOVER.replace("[cloud_region_outage]", "[cloud_region_outage, Ransomware]"))
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert "not counted" not in entry["detail"]
    for other in ("[Cloud region outage]", "[Ransomware]", "[Outage, Vendor breach]"):
        path.write_text(FAILOVER.replace("[cloud_region_outage]", other))
        (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
        assert "not counted" not in entry["detail"], other
    path.write_text(FAILOVER.replace("[cloud_region_outage]", "[supplier_compromise, Ransomware]"))
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    named = "exercise failover-2026-09 (exercises/failover.yaml:1): its scenarios "
    assert named in entry["detail"]
    path.write_text(FAILOVER.replace("[cloud_region_outage]", "[Supplier-Compromise]"))
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert "exercise failover-2026-09 (" in entry["detail"]
    path.write_text(FAILOVER.replace("[cloud_region_outage]", "[Vendor breach]"))
    (entry,) = _entries(cli, repo, AS_OF, "scenario-exercise")
    assert entry["detail"].count("exercise failover-2026-09 (") == 1
