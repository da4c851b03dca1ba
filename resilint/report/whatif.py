"""What if: every critical supplier down for the same number of hours (``report
--what-if-hours``), the board's review of ``impact --all-critical``, drawn from the same rows
(:mod:`resilint.impact.board`). Each supplier links to its row of the coverage matrix; the
full scenario and the incident card are a command away, named under the table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from resilint.domain.readers import show_number
from resilint.impact import board, clocks
from resilint.impact.model import Impact
from resilint.report.markup import h, slug
from resilint.report.posture import Posture


def render(posture: Posture) -> str:
    hours = show_number(posture.what_if_hours)
    head = "".join(f'<th scope="col">{h(c)}</th>' for c in board.HEAD)
    table = [(impact.target.value, board.cells(impact)) for impact in posture.what_if]
    common, shared = _shared_deadlines(table)
    rows = [_row(supplier, _as_above(cells, common)) for supplier, cells in table]
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
        f"pays.{_awareness(posture.what_if)}</p>{shared}"
        '<div class="scroll"><table class="what-if">'
        f"<caption>Every critical supplier down for {h(hours)} hours</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        f"{_major_note(posture.what_if)}"
        f"<p>The whole scenario: <code>resilint impact --supplier ID --hours {h(hours)}</code>; "
        "the printable incident card: <code>resilint card ID</code>; this table as Markdown: "
        f"<code>resilint impact --all-critical --hours {h(hours)} --format markdown</code>."
        "</p></section>"
    )


_DEADLINES = board.HEAD.index("first deadlines")
AS_ABOVE = "as above"


def _shared_deadlines(table: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[str | None, str]:
    """The first deadlines most outages start alike, said once above the table (the same
    regulator and insurer clocks run whichever supplier fails), and the sentence saying them:
    a paragraph repeated in every row hid the few rows that differ."""
    counts = Counter(cells[_DEADLINES] for _, cells in table)
    if not counts:
        return None, ""
    common, n = counts.most_common(1)[0]
    if n < 2 or common in ("", "none"):
        return None, ""
    which = (
        "Every one of these outages starts" if n == len(table) else f"{n} of these outages start"
    )
    return common, (
        f'<p class="shared-deadlines">{which} the same first deadlines (“{AS_ABOVE}” in the '
        f"table): <strong>{h(common)}</strong>.</p>"
    )


def _as_above(cells: tuple[str, ...], common: str | None) -> tuple[str, ...]:
    if common is None or cells[_DEADLINES] != common:
        return cells
    return (*cells[:_DEADLINES], AS_ABOVE, *cells[_DEADLINES + 1 :])


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


def _major_note(impacts: Sequence[Impact]) -> str:
    """What would make an outage that stops no critical or important function notifiable,
    for each regime whose clock a row leaves unstarted (DORA: none started; NIS2 and NYDFS:
    may be notifiable, assess)."""
    return "".join(f'<p class="major-note">Note: {h(note)}</p>' for note in board.notes(impacts))
