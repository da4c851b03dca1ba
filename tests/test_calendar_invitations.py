"""``resilint calendar`` lists when the invitations to a planned exercise must go out: EXR-02
judges who a planned exercise seats from ``planned_notice_days`` (30) before its date, so the
entry is due the day before, names the seats its participants leave empty, and is read from the
same computation as the rule (``resilint check`` reports the seats from the day after). Checked
in JSON and in the iCalendar file, parsed with icalendar as a calendar application reads it."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest
from day_by_day import deadlines, findings, next_day

PLANNED = """\
apiVersion: resilint/v1
kind: Exercise
id: tabletop-2027-02
date: 2027-02-10
status: planned
type: tabletop
owner: ciso
scenarios: [supplier_compromise]
participants: [security, legal]
"""

HELD = """\
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

AS_OF = "2026-12-06"
DUE = "2027-01-10"  # 2027-02-10 less 30 days is the first day EXR-02 judges; the day before


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "planned.yaml").write_text(PLANNED, encoding="utf-8")
    (tmp_path / "exercises" / "held.yaml").write_text(HELD, encoding="utf-8")
    return tmp_path


def _invitations(cli, repo: Path, as_of: str = AS_OF) -> list[dict]:
    return [d for d in deadlines(cli, repo, as_of) if d["category"] == "exercise-invitations"]


def _seats_reported(cli, repo: Path, as_of: str) -> list[dict]:
    return [
        f
        for f in findings(cli, repo, as_of)
        if f["code"] == "EXR-02" and "does not yet include" in f["message"]
    ]


def test_the_invitations_are_due_the_day_before_the_rule_reports_the_empty_seats(
    cli, repo: Path
) -> None:
    (entry,) = _invitations(cli, repo)
    assert entry["date"] == DUE and not entry["overdue"] and entry["days_left"] == 35
    assert entry["id"] == "tabletop-2027-02" and entry["owner"] == "ciso"
    assert entry["path"] == "exercises/planned.yaml"
    assert entry["title"] == (
        "invitations to tabletop exercise tabletop-2027-02 playing supplier compromise"
    )
    assert entry["detail"] == (
        "it is planned for 2027-02-10: invite procurement, finance (or risk) and communications "
        "(participants): EXR-02 looks for them 30 days before (planned_notice_days)"
    )
    assert _seats_reported(cli, repo, DUE) == []
    (finding,) = _seats_reported(cli, repo, next_day(DUE))
    assert finding["id"] == entry["id"]
    assert "procurement, finance (or risk) and communications" in finding["message"]
    (late,) = _invitations(cli, repo, next_day(DUE))
    assert late["overdue"] and late["days_left"] == -1


def test_the_ics_event_falls_on_the_day_the_invitations_are_due(cli, repo: Path) -> None:
    run = cli("calendar", ".", "-f", "ics", "--as-of", AS_OF, cwd=repo)
    assert run.exit_code == 0, run.stderr
    events = icalendar.Calendar.from_ical(run.stdout).walk("VEVENT")
    (event,) = [e for e in events if "invitations" in str(e["SUMMARY"])]
    assert event.decoded("DTSTART") == datetime.date(2027, 1, 10)
    assert event.decoded("DTEND") == datetime.date(2027, 1, 11)
    assert str(event["SUMMARY"]) == (
        "exercise invitations due: invitations to tabletop exercise tabletop-2027-02 playing "
        "supplier compromise"
    )
    description = str(event["DESCRIPTION"])
    assert "invite procurement, finance (or risk) and communications" in description
    assert "Owner: ciso" in description and "exercises/planned.yaml:9" in description
    assert [str(c) for c in event["CATEGORIES"].cats] == ["exercise invitations due"]


def test_every_seat_filled_or_not_planned_lists_no_invitations(cli, repo: Path) -> None:
    path = repo / "exercises" / "planned.yaml"
    seated = "participants: [security, procurement, legal, risk, communications]\n"
    path.write_text(PLANNED.replace("participants: [security, legal]\n", seated))
    assert _invitations(cli, repo) == []
    for status in ("cancelled", "completed"):
        path.write_text(PLANNED.replace("status: planned", f"status: {status}"))
        assert _invitations(cli, repo) == []


def test_a_live_test_asks_only_it(cli, repo: Path) -> None:
    live = PLANNED.replace("type: tabletop", "type: live").replace(
        "[supplier_compromise]", "[cloud_region_outage]"
    )
    (repo / "exercises" / "planned.yaml").write_text(live.replace("[security, legal]", "[]"))
    (entry,) = _invitations(cli, repo)
    assert entry["title"] == (
        "invitations to live exercise tabletop-2027-02 playing cloud region outage"
    )
    assert "invite it (participants)" in entry["detail"]


def test_the_rules_parameters_set_the_date(cli, repo: Path) -> None:
    config = "rules:\n  EXR-02: {params: {planned_notice_days: 45}}\n"
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    (entry,) = _invitations(cli, repo)
    assert entry["date"] == "2026-12-26" and "45 days before" in entry["detail"]
    assert _seats_reported(cli, repo, "2026-12-26") == []
    assert len(_seats_reported(cli, repo, "2026-12-27")) == 1


def test_a_rule_that_does_not_run_or_is_off_for_the_file_lists_none(cli, repo: Path) -> None:
    (repo / "resilint.yaml").write_text("ignore: [EXR-02]\n", encoding="utf-8")
    assert _invitations(cli, repo) == []
    config = 'per_file_ignores:\n  "exercises/planned.yaml": [EXR-02]\n'
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    assert _invitations(cli, repo) == []


def test_an_exercise_whose_day_has_passed_asks_no_invitations(cli, repo: Path) -> None:
    """Still recorded as planned after its date: EXR-05's "exercise planned" entry asks whether
    it took place; inviting people to it helps no one."""
    listed = {d["category"] for d in deadlines(cli, repo, "2027-02-11")}
    assert "exercise-planned" in listed and "exercise-invitations" not in listed
    assert len(_seats_reported(cli, repo, "2027-02-11")) == 1  # the rule still says it
    (entry,) = _invitations(cli, repo, "2027-02-10")  # its own day: still listed, overdue
    assert entry["overdue"]
