"""``resilint calendar``: the deadlines as text, JSON and iCalendar, checked against dates worked
out here from the YAML of tests/data/calendar (not from resilint's output); the .ics is parsed
with a real iCalendar parser (icalendar, from PyPI)."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import icalendar
import pytest

from tests.conftest import REPO

DATA = REPO / "tests" / "data" / "calendar"
AS_OF = datetime.date(2026, 11, 26)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(DATA, target)
    return target


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# Worked out from tests/data/calendar/programme.yaml, as of 2026-11-26, 180 days ahead:
EXPECTED = {
    # (category, kind, id): date (None: nothing recorded, due now)
    ("exercise", "BusinessFunction", "order-processing"): None,  # never exercised
    ("waiver-expiry", "Waiver", "w-old"): datetime.date(2026, 10, 1),
    ("exercise-finding", "Exercise", "tabletop-2027"): datetime.date(2026, 11, 1),
    ("assessment", "Supplier", "acme"): datetime.date(2025, 12, 1) + _days(365),  # tier 1
    ("waiver-expiry", "Waiver", "w-soon"): datetime.date(2026, 12, 15),
    ("notice", "Contract", "ctr-acme"): datetime.date(2027, 3, 31) - _days(90),
    ("exercise-planned", "Exercise", "tabletop-2027"): datetime.date(2027, 1, 15),
    ("contract-end", "Contract", "ctr-acme"): datetime.date(2027, 3, 31),
    ("policy-renewal", "InsurancePolicy", "cyber-2026"): datetime.date(2027, 3, 31),
    # auto-renewed on 2026-06-30 for 12 months: the next term ends 2027-06-30 (after the
    # horizon of 2027-05-25), and its notice date, 60 days before, falls inside it
    ("notice", "Contract", "ctr-acme-support"): datetime.date(2027, 6, 30) - _days(60),
    # CTR-14: never reviewed; the decision on ctr-acme is due 2026-12-31 (90 days' notice),
    # and the rule asks the review from 60 days before it (2026-11-01); ctr-acme-support renews
    # automatically with a tier-1 supplier: a yearly review, none recorded, due now
    ("contract-review", "Contract", "ctr-acme"): datetime.date(2026, 12, 31) - _days(61),
    ("contract-review", "Contract", "ctr-acme-support"): None,
    # INS-06 warns from 60 days before the policy ends with no renewal recorded
    ("insurance-renewal", "InsurancePolicy", "cyber-2026"): datetime.date(2027, 3, 31) - _days(61),
    # EXR-02: no completed exercise played a supplier compromise; its finding sits on the
    # latest dated exercise
    ("scenario-exercise", "Exercise", "tabletop-2027"): None,
    # EXR-02 judges who is invited to a planned exercise from planned_notice_days (30) before
    # its date: the invitations (no participants recorded) are due the day before
    ("exercise-invitations", "Exercise", "tabletop-2027"): datetime.date(2027, 1, 15) - _days(31),
}


def test_json_lists_every_deadline_overdue_first(cli, repo: Path) -> None:
    run = cli("calendar", ".", "--format", "json", cwd=repo)
    assert run.exit_code == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["as_of"] == AS_OF.isoformat() and document["days"] == 180
    found = {
        (d["category"], d["kind"], d["id"]): (
            datetime.date.fromisoformat(d["date"]) if d["date"] else None
        )
        for d in document["deadlines"]
    }
    assert found == EXPECTED
    overdue = [d["overdue"] for d in document["deadlines"]]
    assert overdue == sorted(overdue, reverse=True)  # overdue ones first
    dated = [d["date"] for d in document["deadlines"] if not d["overdue"]]
    assert dated == sorted(dated)


def test_days_narrows_the_horizon_but_keeps_what_is_overdue(cli, repo: Path) -> None:
    run = cli("calendar", ".", "--format", "json", "--days", "10", cwd=repo)
    found = {(d["category"], d["id"]) for d in json.loads(run.stdout)["deadlines"]}
    assert found == {
        ("exercise", "order-processing"),
        ("waiver-expiry", "w-old"),
        ("exercise-finding", "tabletop-2027"),
        ("assessment", "acme"),  # 2026-12-01, in 5 days
        ("contract-review", "ctr-acme"),  # overdue (CTR-14 reports it)
        ("contract-review", "ctr-acme-support"),  # never reviewed
        ("scenario-exercise", "tabletop-2027"),  # no supplier compromise ever played
    }


def test_text_output(cli, repo: Path) -> None:
    run = cli("calendar", ".", cwd=repo)
    assert run.exit_code == 0
    assert run.lines[0] == "Deadlines of the next 180 days as of 2026-11-26: 15 (6 overdue)"
    # the undated (nothing recorded) first, then the earliest date
    assert "overdue by 56 days  waiver expires: waiver w-old" in run.lines[4]
    assert any(line.startswith("2026-12-31  in 35 days  notice deadline") for line in run.lines)


def test_ics_parses_with_a_real_parser(cli, repo: Path) -> None:
    target = repo / "deadlines.ics"
    run = cli("calendar", ".", "--format", "ics", "-o", str(target), cwd=repo)
    assert run.exit_code == 0, run.stderr
    raw = target.read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)  # RFC 5545 3.1
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(EXPECTED)
    starts = sorted(e.decoded("DTSTART") for e in events)
    expected = sorted(d or AS_OF for d in EXPECTED.values())  # undated: on the as-of date
    assert starts == expected
    summaries = [str(e.get("SUMMARY")) for e in events]
    assert sum(s.startswith("OVERDUE: ") for s in summaries) == 6
    assert len({str(e.get("UID")) for e in events}) == len(events)
    folded = next(
        str(e.get("DESCRIPTION")) for e in events if "order-processing" in str(e["SUMMARY"])
    )
    assert "\n" in folded and "head-of-orders" in folded  # unfolded and unescaped by the parser


def test_uids_stay_when_a_date_moves(cli, repo: Path) -> None:
    """A subscribed calendar updates an event whose date changed instead of adding one."""
    first = _uids(cli("calendar", ".", "--format", "ics", cwd=repo).stdout)
    path = repo / "programme.yaml"
    path.write_text(path.read_text().replace("expires: 2026-12-15", "expires: 2027-01-20"))
    second = _uids(cli("calendar", ".", "--format", "ics", cwd=repo).stdout)
    assert first == second


def _uids(text: str) -> set[str]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e.get("UID")) for e in calendar.walk("VEVENT")}


def test_hostile_text_is_escaped_in_every_format(cli, repo: Path) -> None:
    path = repo / "programme.yaml"
    hostile = 'rationale: Old.\nrisk_owner: "cro\\u202e;, \\\\ END:VCALENDAR\\r\\nX: y"'
    path.write_text(path.read_text().replace("rationale: Old.\nrisk_owner: cro", hostile))
    ics = cli("calendar", ".", "--format", "ics", cwd=repo).stdout
    assert "\u202e" not in ics and "\r\nX: y" not in ics
    ends = [line for line in ics.splitlines() if line.startswith("END:VCALENDAR")]
    assert ends == ["END:VCALENDAR"]  # the value's own text stays inside its property
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == len(EXPECTED)
    old = next(str(e["DESCRIPTION"]) for e in events if "w-old" in str(e["SUMMARY"]))
    assert "Owner: cro\\u202e;, \\ END:VCALENDAR\\r\\nX: y\n" in old  # shown, never acted on
    text = cli("calendar", ".", cwd=repo).stdout
    assert "\u202e" not in text and "\r" not in text


def test_an_unreadable_file_is_no_silent_pass(cli, repo: Path) -> None:
    """The deadlines of what could be read are written; the status and a note say what is
    missing from them (it was status 2 with nothing said)."""
    (repo / "broken.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: b\nname: [\n")
    for output_format in ("text", "json", "ics"):
        run = cli("calendar", ".", "--format", output_format, cwd=repo)
        assert run.exit_code == 2
        assert run.stdout  # the calendar is still written
        assert "1 file(s) could not be read (broken.yaml)" in run.stderr
        assert "missing from this calendar" in run.stderr


def test_an_assessment_is_due_exactly_where_sup04_asks_one(cli, write, tmp_path: Path) -> None:
    """A tier-3 facilities supplier with no ICT services, access or data of ours is asked no
    assessment by SUP-04 (the requirements matrix): the calendar lists none for it either,
    while a tier-3 supplier of ICT services still falls due."""
    head = "apiVersion: resilint/v1\nkind: Supplier\n"
    write(
        "suppliers.yaml",
        head + "id: cleaner\ntier: 3\nprovides_ict_services: false\ndata_sensitivity: public\n"
        "highest_access_level: none\n---\n"
        + head
        + "id: tool\ntier: 3\nprovides_ict_services: true\ndata_sensitivity: internal\n",
    )
    write("resilint.yaml", "as_of: 2026-11-26\n")
    due = cli("calendar", ".", "--format", "json", cwd=tmp_path).json()
    assessed = {d["id"] for d in due["deadlines"] if d["category"] == "assessment"}
    check = cli("check", ".", "--format", "json", "--select", "SUP-04", "--no-cache", cwd=tmp_path)
    reported = {f["id"] for f in check.json()["findings"] if f["code"] == "SUP-04"}
    assert assessed == {"tool"}
    assert reported <= assessed  # never assessed: SUP-04 reports it, the calendar lists it


def test_a_fixed_term_contract_is_settled_not_given_notice_and_an_exit_completed(
    cli, write, tmp_path: Path
) -> None:
    """A contract that does not renew ends on its own: its notice date asks to settle the
    renewal, not to give notice; one with a supplier we are leaving asks to complete the exit,
    with no notice date at all."""
    supplier = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: N\ntier: 2\nstatus: {status}\n"
    )
    contract = (
        "apiVersion: resilint/v1\nkind: Contract\nid: ctr-{id}\nsupplier: {id}\nstatus: active\n"
        "start_date: 2024-01-01\nend_date: 2027-03-31\nauto_renew: false\n"
        "our_notice_period_days: 90\n"
    )
    write(
        "p.yaml",
        "---\n".join(
            t.format(id=i, status=s)
            for i, s in (("stay", "active"), ("leave", "exiting"))
            for t in (supplier, contract)
        ),
    )
    run = cli("calendar", ".", "--format", "json", "--as-of", "2026-11-26", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    found = {(d["category"], d["id"]): d for d in json.loads(run.stdout)["deadlines"]}
    settle = found[("notice", "ctr-stay")]
    assert "decide whether to renew or replace it" in settle["detail"], settle
    assert "give notice" not in settle["detail"] + settle["title"]
    assert ("notice", "ctr-leave") not in found
    assert found[("contract-end", "ctr-leave")]["detail"] == "complete the exit"
