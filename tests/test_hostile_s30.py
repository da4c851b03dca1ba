"""Hostile round 30: a gate fails closed.

``resilint calendar -o FILE`` that stopped (an invalid configuration, nothing to check, a path the
file system refused, a defect) exited with its status but left the calendar an earlier run wrote
at FILE: a CI job publishing ``deadlines.ics`` to a team's subscribed calendar, or a script
reading ``deadlines.json``, went on showing last run's dates as today's. Each format is now
replaced by one that says the calendar was not made, why, and where.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import icalendar
import pytest

from tests.conftest import copy_example

AS_OF = ("--as-of", "2026-11-26")


def _break_configuration(repo: Path) -> None:
    config = repo / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "profilez: [baseline]\n", "utf-8")


def _calendar(cli, repo: Path, fmt: str, output: str = "deadlines.out"):
    return cli("calendar", ".", "-f", fmt, "-o", output, *AS_OF, cwd=repo)


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    return copy_example("northwind", tmp_path)


def _made_then_stopped(cli, repo: Path, fmt: str) -> tuple[bytes, bytes]:
    made = _calendar(cli, repo, fmt)
    assert made.exit_code == 0, made.stderr
    before = (repo / "deadlines.out").read_bytes()
    _break_configuration(repo)
    run = _calendar(cli, repo, fmt)
    assert run.exit_code == 2, run.stderr
    assert "profilez" in run.stderr
    return before, (repo / "deadlines.out").read_bytes()


def test_an_ics_calendar_not_made_replaces_the_earlier_events(cli, northwind: Path) -> None:
    before, after = _made_then_stopped(cli, northwind, "ics")
    earlier = icalendar.Calendar.from_ical(before)
    assert len(earlier.walk("VEVENT")) > 3
    calendar = icalendar.Calendar.from_ical(after)  # a valid calendar an app still reads
    assert calendar["VERSION"] == "2.0"
    assert "NOT MADE" in str(calendar["X-WR-CALNAME"])
    events = calendar.walk("VEVENT")
    assert len(events) == 1  # none of the earlier run's dates stays
    (event,) = events
    assert str(event["UID"]) == "calendar-not-made@resilint"
    assert "could not be made" in str(event["SUMMARY"])
    description = str(event["DESCRIPTION"])
    assert "resilint.yaml:" in description and "profilez" in description  # why, where
    assert event.decoded("DTSTART") == datetime.date.today()
    assert all(len(line) <= 75 for line in after.split(b"\r\n"))
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_a_json_calendar_not_made_lists_no_deadlines(cli, northwind: Path) -> None:
    before, after = _made_then_stopped(cli, northwind, "json")
    assert json.loads(before)["deadlines"]
    document = json.loads(after)
    assert document["deadlines"] is None  # a script reading it fails, never finds none due
    assert document["stopped"]["exit_status"] == 2
    assert "resilint.yaml:" in document["stopped"]["reason"]
    assert "profilez" in document["stopped"]["reason"]


def test_a_text_calendar_not_made_says_so_first(cli, northwind: Path) -> None:
    before, after = _made_then_stopped(cli, northwind, "text")
    assert before.startswith(b"Deadlines of the next")
    text = after.decode("utf-8")
    assert text.startswith("The calendar of deadlines could not be made (exit status 2): ")
    assert "resilint.yaml:" in text and "profilez" in text
    assert "Deadlines of the next" not in text


def test_a_calendar_stopped_by_a_defect_is_replaced_too(
    cli, northwind: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _calendar(cli, northwind, "json").exit_code == 0
    import resilint.report.run as run_module

    def broken(*_args: object) -> list[object]:
        raise RuntimeError("a defect")

    monkeypatch.setattr(run_module, "build_deadlines", broken)
    run = _calendar(cli, northwind, "json")
    assert run.exit_code == 4, run.stderr
    stopped = json.loads((northwind / "deadlines.out").read_text("utf-8"))["stopped"]
    assert stopped == {
        "reason": "internal error: RuntimeError: a defect",
        "exit_status": 4,
        "date": datetime.date.today().isoformat(),
    }


def test_no_calendar_is_written_where_none_was(cli, northwind: Path) -> None:
    _break_configuration(northwind)
    assert _calendar(cli, northwind, "ics").exit_code == 2
    assert not (northwind / "deadlines.out").exists()


def test_an_input_file_named_as_the_calendar_is_never_written(cli, northwind: Path) -> None:
    _break_configuration(northwind)
    target = next((northwind / "suppliers").glob("*.yaml"))
    text = target.read_bytes()
    run = cli("calendar", ".", "-f", "ics", "-o", str(target), *AS_OF, cwd=northwind)
    assert run.exit_code == 2
    assert target.read_bytes() == text


def test_a_calendar_on_standard_output_is_unchanged_when_stopped(cli, northwind: Path) -> None:
    _break_configuration(northwind)
    run = cli("calendar", ".", "-f", "json", *AS_OF, cwd=northwind)
    assert run.exit_code == 2
    assert run.stdout == ""  # the status and message say it; nothing to replace
