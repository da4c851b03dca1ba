"""``resilint calendar``: the report's deadlines as text, JSON or an iCalendar file (RFC 5545)
a team can subscribe to.

Each deadline is an all-day event on its date (one with nothing recorded, such as a supplier
never assessed, on the as-of date), its summary marked OVERDUE when the date has passed. UIDs
are stable: they name what the deadline is (its kind, document and field), not its date, so a
subscribed calendar moves an event when its date changes instead of adding a second one.
"""

from __future__ import annotations

import datetime
import json

from resilint.report.deadline import CATEGORIES, Deadline
from resilint.reporters.base import printable

FORMATS = ("text", "json", "ics")
MAX_OCTETS = 75
"""RFC 5545 3.1: lines longer than this are folded."""


def render(
    deadlines: list[Deadline], as_of: datetime.date, days: int, fmt: str, version: str
) -> str:
    if fmt == "json":
        return _json(deadlines, as_of, days, version)
    if fmt == "ics":
        return _ics(deadlines, as_of, version)
    return _text(deadlines, as_of, days)


def _when(deadline: Deadline, as_of: datetime.date) -> str:
    if deadline.day is None:
        return "overdue: not recorded as done"
    delta = (deadline.day - as_of).days
    if delta < 0:
        return f"overdue by {_days(-delta)}"
    return "today" if delta == 0 else f"in {_days(delta)}"


def _accepted(deadline: Deadline) -> str:
    """What check says of the deadline's finding where it suppresses it."""
    return f" (its finding is accepted by {deadline.accepted})" if deadline.accepted else ""


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _text(deadlines: list[Deadline], as_of: datetime.date, days: int) -> str:
    overdue = sum(1 for d in deadlines if d.overdue(as_of))
    lines = [
        f"Deadlines of the next {days} days as of {as_of.isoformat()}: "
        f"{len(deadlines)} ({overdue} overdue)"
    ]
    for d in deadlines:
        day = d.day.isoformat() if d.day else "----------"
        owner = f" [{d.owner}]" if d.owner else ""
        where = f"{d.document.path}:{d.at}"
        lines.append(
            printable(
                f"{day}  {_when(d, as_of)}  {CATEGORIES[d.category]}: {d.title}: {d.detail}"
                f"{_accepted(d)}{owner}  {where}"
            )
        )
    return "\n".join(lines) + "\n"


def _json(deadlines: list[Deadline], as_of: datetime.date, days: int, version: str) -> str:
    items = [
        {
            "date": d.day.isoformat() if d.day else None,
            "overdue": d.overdue(as_of),
            "days_left": (d.day - as_of).days if d.day else None,
            "category": d.category,
            "title": printable(d.title),
            "detail": printable(d.detail),
            "owner": printable(d.owner) if d.owner else None,
            "accepted": printable(d.accepted) if d.accepted else None,
            "kind": d.document.kind,
            "id": printable(d.document.id) if d.document.id else None,
            "path": printable(d.document.path),
            "line": d.at,
            "uid": d.uid,
        }
        for d in deadlines
    ]
    document = {
        "version": 1,
        "tool": {"name": "resilint", "version": version},
        "as_of": as_of.isoformat(),
        "days": days,
        "deadlines": items,
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def _ics_head(version: str, name: str) -> list[str]:
    """The lines an iCalendar file of ours begins with, its calendar named ``name``."""
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//resilint//resilint {_text_value(version)}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{name}",
    ]


def _ics(deadlines: list[Deadline], as_of: datetime.date, version: str) -> str:
    stamp = as_of.strftime("%Y%m%dT000000Z")
    lines = _ics_head(version, "resilint deadlines")
    for d in deadlines:
        day = d.day or as_of
        end = day + datetime.timedelta(days=1) if day < datetime.date.max else day
        summary = ("OVERDUE: " if d.overdue(as_of) else "") + f"{CATEGORIES[d.category]}: {d.title}"
        where = f"{d.document.path}:{d.at}"
        details = [
            d.detail + _accepted(d),
            *([f"Owner: {d.owner}"] if d.owner else []),
            where,
        ]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{d.uid}@resilint",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_text_value(summary)}",
            f"DESCRIPTION:{_text_value(*details)}",
            f"CATEGORIES:{_text_value(CATEGORIES[d.category])}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text_value(*lines: str) -> str:
    """An RFC 5545 TEXT value of these lines: in each, controls and line breaks from the data
    shown as escapes first (as in every output), then backslash, semicolon and comma escaped;
    the lines joined with the format's own ``\n``."""
    escaped = [
        printable(line).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        for line in lines
    ]
    return "\\n".join(escaped)


NOT_MADE_UID = "calendar-not-made@resilint"
"""The one event of a calendar that could not be made: the same each time, so a subscribed
calendar shows it once, however many runs stopped."""


def stopped(fmt: str, reason: str, status: int, version: str, today: datetime.date) -> str:
    """What replaces a calendar an earlier run wrote when this run could not make one (an invalid
    configuration, nothing to check, a path refused, a defect): in the format asked, saying it
    was not made, why, and that the deadlines it listed no longer stand. A reader never takes
    the earlier deadlines for today's: the text says so in its first line; JSON has no
    ``deadlines`` list (``null``: a script that reads it fails rather than find none due) and
    ``stopped`` says why; the iCalendar file has no event of the earlier run, only one on
    ``today`` saying the calendar was not made, so a subscribed calendar drops the old dates
    instead of showing them as current."""
    said = printable(reason)
    again = "Correct what is named above and run `resilint calendar` again."
    if fmt == "json":
        document = {
            "version": 1,
            "tool": {"name": "resilint", "version": version},
            "as_of": None,
            "days": None,
            "deadlines": None,
            "stopped": {"reason": said, "exit_status": status, "date": today.isoformat()},
        }
        return json.dumps(document, indent=2, ensure_ascii=True) + "\n"
    if fmt == "ics":
        stamp = today.strftime("%Y%m%dT000000Z")
        end = today + datetime.timedelta(days=1) if today < datetime.date.max else today
        words = (
            "resilint stopped before it could check the programme:",
            said,
            "This replaces the calendar an earlier run published here: its deadlines no "
            "longer show the programme as it is. " + again,
        )
        lines = [
            *_ics_head(version, "resilint deadlines (NOT MADE)"),
            "BEGIN:VEVENT",
            f"UID:{NOT_MADE_UID}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{today.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_text_value('NOT MADE: the resilint deadlines calendar could not be made')}",
            f"DESCRIPTION:{_text_value(*words)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return "".join(_fold(line) + "\r\n" for line in lines)
    return (
        f"The calendar of deadlines could not be made (exit status {status}): {said}\n"
        "This replaces the calendar an earlier run wrote here: its deadlines no longer show "
        f"the programme as it is. {again}\n"
    )


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 5545 3.1): CRLF and a space, never inside a UTF-8 character."""
    out, current = [], ""
    limit = MAX_OCTETS
    for char in line:
        if len((current + char).encode("utf-8", "surrogatepass")) > limit:
            out.append(current)
            current, limit = char, MAX_OCTETS - 1  # continuation lines start with a space
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)
