"""The calendar lists what check judges, as check judges it: under DORA, the yearly test EXR-04
asks of every function that is not critical is an entry, due on the last day EXR-04 is silent,
so that the report's "overdue" count agrees with the findings beside it; a rule that
``per_file_ignores`` turns off for a file lists no date of that file; and a deadline whose
finding check reports suppressed (a waiver, an inline comment) says by what."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from day_by_day import deadlines, findings

ENTITY = """\
apiVersion: resilint/v1
kind: Entity
id: pay
name: Pay Bank AG
country: DE
regimes: [dora]
"""

FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: {id}
criticality: standard
entities: [pay]
owner: coo
last_criticality_assessment: 2026-11-01
"""

EXERCISE = """\
apiVersion: resilint/v1
kind: Exercise
id: ex-2026-05
type: tabletop
status: completed
date: 2026-05-12
functions: [reporting, support]
"""

WAIVER = """\
apiVersion: resilint/v1
kind: Waiver
id: waiver-support-test
name: Support's yearly test moved to the 2027 tabletop
rule: EXR-04
targets:
  - {kind: BusinessFunction, id: support}
rationale: The support desk moves to a new platform in June 2027 and is tested on it then.
compensating_controls: [Manual ticket intake rehearsed with the desk's team leads]
risk_owner: coo
approver: cfo
approved_on: 2027-05-01
expires: 2027-08-31
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "functions").mkdir()
    (tmp_path / "entities.yaml").write_text(ENTITY, encoding="utf-8")
    for name in ("reporting", "support"):
        text = FUNCTION.format(id=name)
        (tmp_path / "functions" / f"{name}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "exercises.yaml").write_text(EXERCISE, encoding="utf-8")
    (tmp_path / "resilint.yaml").write_text("as_of: 2026-12-06\n", encoding="utf-8")
    return tmp_path


def _calendar(cli, repo: Path, as_of: str) -> dict[str, dict]:
    return {d["id"]: d for d in deadlines(cli, repo, as_of) if d["category"] == "function-test"}


def _reported(cli, repo: Path, as_of: str) -> list[dict]:
    return [f for f in findings(cli, repo, as_of) if f["code"] == "EXR-04"]


def test_a_function_test_is_due_on_the_last_day_exr04_is_silent(cli, repo: Path) -> None:
    listed = _calendar(cli, repo, "2026-12-06")
    assert set(listed) == {"reporting", "support"}
    entry = listed["reporting"]
    assert entry["date"] == "2027-05-12"
    assert entry["title"] == "test of function reporting (criticality standard)"
    assert entry["detail"] == "last tested 2026-05-12; due every 365 days"
    assert entry["path"] == "functions/reporting.yaml"
    assert _reported(cli, repo, "2027-05-12") == []
    assert {f["id"] for f in _reported(cli, repo, "2027-05-13")} == {"reporting", "support"}
    entry = _calendar(cli, repo, "2027-05-13")["reporting"]
    assert entry["overdue"] and entry["days_left"] == -1


def test_the_overdue_count_agrees_with_exr04(cli, repo: Path) -> None:
    run = cli("calendar", ".", "--as-of", "2027-06-01", cwd=repo)
    # the two function tests EXR-04 reports, and the supplier compromise no exercise played,
    # which EXR-02 reports
    assert "(3 overdue)" in run.stdout.splitlines()[0]
    assert "overdue: not recorded as done  scenario exercise due" in run.stdout
    assert {f["code"] for f in findings(cli, repo, "2027-06-01")} >= {"EXR-02", "EXR-04"}
    assert "overdue by 20 days  function test due: test of function support" in run.stdout


def test_a_function_never_tested_is_due_now(cli, repo: Path) -> None:
    (repo / "exercises.yaml").write_text(EXERCISE.replace("reporting, ", ""), encoding="utf-8")
    entry = _calendar(cli, repo, "2026-12-06")["reporting"]
    assert entry["date"] is None and entry["overdue"]
    assert entry["detail"] == "no completed exercise lists it"
    assert [f["id"] for f in _reported(cli, repo, "2026-12-06")] == ["reporting"]


def test_not_listed_where_exr04_does_not_judge(cli, repo: Path) -> None:
    """A function of an entity not under DORA, and a critical one (EXR-01's entry, once)."""
    (repo / "entities.yaml").write_text(ENTITY.replace("[dora]", "[]"), encoding="utf-8")
    assert _calendar(cli, repo, "2026-12-06") == {}
    (repo / "entities.yaml").write_text(ENTITY, encoding="utf-8")
    critical = FUNCTION.format(id="support").replace("standard", "critical")
    (repo / "functions" / "support.yaml").write_text(critical, encoding="utf-8")
    assert set(_calendar(cli, repo, "2026-12-06")) == {"reporting"}


def test_a_rule_turned_off_for_a_file_lists_no_date_of_it(cli, repo: Path) -> None:
    config = 'as_of: 2026-12-06\nper_file_ignores:\n  "functions/support.yaml": [EXR-04]\n'
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    assert set(_calendar(cli, repo, "2026-12-06")) == {"reporting"}
    counted = [f for f in _reported(cli, repo, "2027-06-01") if f["suppression"] is None]
    assert [f["id"] for f in counted] == ["reporting"]
    # a group of codes turns it off as check reads it
    (repo / "resilint.yaml").write_text(config.replace("[EXR-04]", "[EXR]"), encoding="utf-8")
    assert set(_calendar(cli, repo, "2026-12-06")) == {"reporting"}
    # and so does the report's deadlines table
    run = cli("report", ".", "-o", "r.html", cwd=repo)
    assert run.exit_code == 0, run.stderr
    page = (repo / "r.html").read_text(encoding="utf-8")
    assert "test of function reporting" in page
    assert "test of function support" not in page


def test_a_deadline_whose_finding_is_waived_says_so(cli, repo: Path) -> None:
    (repo / "waivers.yaml").write_text(WAIVER, encoding="utf-8")
    (finding,) = [f for f in _reported(cli, repo, "2027-06-01") if f["id"] == "support"]
    assert finding["suppression"]["kind"] == "waiver"
    listed = _calendar(cli, repo, "2027-06-01")
    assert listed["support"]["accepted"] == "Waiver waiver-support-test"
    assert listed["reporting"]["accepted"] is None
    text = cli("calendar", ".", "--as-of", "2027-06-01", cwd=repo).stdout
    assert "(its finding is accepted by Waiver waiver-support-test)" in text
    ics = cli("calendar", ".", "-f", "ics", "--as-of", "2027-06-01", cwd=repo).stdout
    assert "its finding is accepted by Waiver waiver-support-test" in re.sub(r"\r?\n ", "", ics)


def test_a_deadline_whose_finding_is_suppressed_inline_says_where(cli, repo: Path) -> None:
    path = repo / "functions" / "support.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "id: support", 'id: support  # resilint: ignore[EXR-04] reason="tested with the desk"'
    )
    path.write_text(text, encoding="utf-8")
    (finding,) = [f for f in _reported(cli, repo, "2027-06-01") if f["id"] == "support"]
    assert finding["suppression"]["kind"] == "inline"
    entry = _calendar(cli, repo, "2027-06-01")["support"]
    assert entry["accepted"] == "an inline comment at functions/support.yaml:3"


BACKUPS = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: payments
criticality: critical
owner: coo
---
apiVersion: resilint/v1
kind: Control
id: cloud-backup
category: backup_immutable
status: implemented
owner: it
last_restore_test: {date: 2026-10-01, result: pass}
---
apiVersion: resilint/v1
kind: Control
id: tape-backup
category: backup_offline
status: implemented
owner: it
last_restore_test: {date: 2026-03-01, result: TAPE}
"""


def _backups(
    cli, tmp_path: Path, tape: str, as_of: str, config: str = "{}\n"
) -> tuple[dict[str, dict], list[dict]]:
    (tmp_path / "resilint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "backups.yaml").write_text(BACKUPS.replace("TAPE", tape), encoding="utf-8")
    run = cli("calendar", ".", "-f", "json", "--as-of", as_of, "--days", "400", cwd=tmp_path)
    listed = {
        d["id"]: d
        for d in json.loads(run.stdout)["deadlines"]
        if d["category"] in ("backup-test", "restore-test")
    }
    check = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=tmp_path)
    return listed, [f for f in json.loads(check.stdout)["findings"] if f["code"] == "BCM-09"]


def test_each_backup_s_own_restore_test_is_due_when_bcm09_reports_it(cli, tmp_path) -> None:
    """The tape copy's test is a year old on 2027-03-01 while the cloud backup's later test
    keeps BCM-06 content until 2027-10-01: BCM-09 reports the tape from 2027-03-02, so the
    calendar lists the tape's own test for 2027-03-01 beside BCM-06's entry."""
    listed, found = _backups(cli, tmp_path, "pass", "2026-12-06")
    assert listed["tape-backup"]["date"] == "2027-03-01"
    assert listed["tape-backup"]["category"] == "backup-test"
    assert listed["cloud-backup"]["date"] == "2027-10-01"  # BCM-06's, the latest test
    assert found == []
    assert _backups(cli, tmp_path, "pass", "2027-03-01")[1] == []
    listed, found = _backups(cli, tmp_path, "pass", "2027-03-02")
    assert [f["id"] for f in found] == ["tape-backup"]
    assert listed["tape-backup"]["overdue"] and listed["tape-backup"]["days_left"] == -1


def test_a_failed_backup_test_is_overdue_from_its_day(cli, tmp_path) -> None:
    listed, found = _backups(cli, tmp_path, "fail", "2026-12-06")
    assert [f["id"] for f in found] == ["tape-backup"]
    entry = listed["tape-backup"]
    assert entry["overdue"] and entry["date"] == "2026-03-01"
    assert entry["detail"] == "its latest restore test failed on 2026-03-01: repair and test it"


def test_no_backup_entry_where_bcm09_is_left_out(cli, tmp_path) -> None:
    listed, found = _backups(cli, tmp_path, "fail", "2026-12-06", "ignore: [BCM-09]\n")
    assert found == [] and "tape-backup" not in listed
