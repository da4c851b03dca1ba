"""What if: every critical supplier down for the same number of hours (``report
--what-if-hours``), the board's review of ``impact --all-critical``, drawn from the same rows
(:mod:`resilint.impact.board`). Each supplier links to its row of the coverage matrix; the
full scenario and the incident card are a command away, named under the table."""

from __future__ import annotations

from collections.abc import Sequence

from resilint.domain.readers import show_number
from resilint.impact import board, clocks
from resilint.impact.model import Impact
from resilint.report.markup import h, slug
from resilint.report.posture import Posture


def render(posture: Posture) -> str:
    hours = show_number(posture.what_if_hours)
    head = "".join(f'<th scope="col">{h(c)}</th>' for c in board.HEAD)
    rows = [_row(impact.target.value, board.cells(impact)) for impact in posture.what_if]
    if not rows:
        rows = [f'<tr><td colspan="{len(board.HEAD)}">No critical supplier.</td></tr>']
    return (
        '<section id="what-if" aria-labelledby="what-if-h"><h2 id="what-if-h">'
        f"What if a critical supplier is down for {h(hours)} hours?</h2>"
        "<p>Each critical supplier's outage on its own: the functions it stops "
        "(directly, through subcontractors and shared dependencies; one that is not critical "
        "or important is marked so), whose recovery time or maximum tolerable downtime the "
        "outage exceeds, those of the critical ones with no fallback or one that does not "
        "last the outage, the first notice deadline it starts, "
        "the supplier identities to disable and what dependent business-interruption cover "
        f"pays.{_awareness(posture.what_if)}</p>"
        '<div class="scroll"><table class="what-if">'
        f"<caption>Every critical supplier down for {h(hours)} hours</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        f"<p>The whole scenario: <code>resilint impact --supplier ID --hours {h(hours)}</code>; "
        "the printable incident card: <code>resilint card ID</code>; this table as Markdown: "
        f"<code>resilint impact --all-critical --hours {h(hours)} --format markdown</code>."
        "</p></section>"
    )


def _row(supplier: str, cells: tuple[str, ...]) -> str:
    first, *rest = cells
    link = f'<a href="#cov-{slug(supplier)}">{h(first)}</a>'
    return f'<tr><th scope="row">{link}</th>{"".join(f"<td>{h(c)}</td>" for c in rest)}</tr>'


def _awareness(impacts: Sequence[Impact]) -> str:
    """When the regulators' clocks start, where an entity has one (an unregulated programme's
    report names no regulator)."""
    if any(clocks.tells_awareness(i.notes) for i in impacts):
        return " Regulator clocks run from our awareness, not from the supplier's compromise."
    return ""
