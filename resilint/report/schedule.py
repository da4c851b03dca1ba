"""The deadlines of the next N days as a table, overdue first (the same list as ``resilint
calendar``)."""

from __future__ import annotations

import datetime

from resilint.report.deadline import CATEGORIES, Deadline
from resilint.report.markup import h
from resilint.report.posture import Posture

_HEAD = ("date", "when", "what", "deadline", "details", "owner", "where")


def render(posture: Posture) -> str:
    as_of = posture.facts.as_of
    head = "".join(f'<th scope="col">{c}</th>' for c in _HEAD)
    rows = [_row(d, as_of, posture.where(d.document.path)) for d in posture.deadlines]
    if not rows:
        rows = [f'<tr><td colspan="{len(_HEAD)}">Nothing falls due.</td></tr>']
    return (
        '<section id="deadlines" aria-labelledby="deadlines-h"><h2 id="deadlines-h">'
        f"Deadlines of the next {posture.days} days</h2>"
        f"<p>As of {as_of.isoformat()}, overdue first. <code>resilint calendar --format ics"
        "</code> writes the same list for a calendar.</p>"
        '<div class="scroll"><table class="deadlines"><caption>Deadlines</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _row(deadline: Deadline, as_of: datetime.date, where: str) -> str:
    overdue = deadline.overdue(as_of)
    day = deadline.day.isoformat() if deadline.day else "—"
    if deadline.day is None:
        when = "⚠ overdue (not recorded as done)"
    elif overdue:
        when = f"⚠ overdue by {(as_of - deadline.day).days} days"
    else:
        left = (deadline.day - as_of).days
        when = "today" if left == 0 else f"in {left} days"
    doc = deadline.document
    cells = [
        f"<td>{h(day)}</td>",
        f"<td>{h(when)}</td>",
        f"<td>{h(CATEGORIES[deadline.category])}</td>",
        f"<td>{h(deadline.title)}</td>",
        f"<td>{h(deadline.detail)}{_accepted(deadline)}</td>",
        f"<td>{h(deadline.owner or '')}</td>",
        f"<td>{h(where)}:{doc.line}</td>",
    ]
    return f'<tr class="{"overdue" if overdue else "due"}">{"".join(cells)}</tr>'


def _accepted(deadline: Deadline) -> str:
    """Where check suppresses the deadline's finding: by what."""
    if not deadline.accepted:
        return ""
    return f' <span class="accepted">(its finding is accepted by {h(deadline.accepted)})</span>'
