"""Critical functions: their recovery objectives, the suppliers they rest on (through
subcontractors and shared dependencies too: the graph's reach), the manual fallback's owner, the
continuity plan and the last exercise."""

from __future__ import annotations

from resilint.domain.definitions import criticality_words
from resilint.domain.lifecycle import function_tested, plan_test, shift
from resilint.domain.readers import in_order, number, show_number, text_of
from resilint.model import Document
from resilint.report.markup import h, slug
from resilint.report.posture import Posture

_HEAD = (
    "function",
    "criticality",
    "RTO (h)",
    "RPO (h)",
    "MTPD (h)",
    "rests on",
    "fallback owner",
    "continuity plan",
    "last exercise",
    "findings",
)


def render(posture: Posture) -> str:
    functions = in_order(posture.facts.critical_functions())
    head = "".join(f'<th scope="col">{h(c)}</th>' for c in _HEAD)
    rows = [_row(posture, f) for f in functions]
    if not rows:
        rows = [f'<tr><td colspan="{len(_HEAD)}">No critical or important function.</td></tr>']
    return (
        '<section id="functions" aria-labelledby="functions-h"><h2 id="functions-h">'
        'Critical functions</h2><div class="scroll"><table class="functions">'
        "<caption>Critical and important functions, what they rest on and how they fall back"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</div></section>"
    )


def _row(posture: Posture, function: Document) -> str:
    data = function.data
    name = text_of(data.get("name"))
    cells = [
        f'<th scope="row" id="fn-{slug(str(function.id))}">{h(function.id)}'
        + (f'<br><span class="sub">{h(name)}</span>' if name else "")
        + "</th>",
        f"<td>{h(_criticality(posture, function))}</td>",
        *(_hours(data.get(k)) for k in ("rto_hours", "rpo_hours", "mtpd_hours")),
        f"<td>{_rests_on(posture, function)}</td>",
        *_plan(posture, function),
        f"<td>{_exercise(posture, function)}</td>",
        f"<td>{_findings(posture, function)}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


def _criticality(posture: Posture, function: Document) -> str:
    level = text_of(function.data.get("criticality")) or ""
    return criticality_words(level, posture.facts.function(function).critical)


def _hours(value: object) -> str:
    n = number(value)
    return f'<td class="num">{show_number(n)}</td>' if n is not None else "<td>not set</td>"


_USED = "used, not relied on: recorded as not supporting a critical or important function"
"""A supplier the function names whose own record (or its service's, or the link's) says it
supports no critical function: not critical for it, as the dependency graph and the what-if
table count it, so not listed as if the function rested on it."""


def _rests_on(posture: Posture, function: Document) -> str:
    reach = posture.facts.graph.reach(function)
    items = []
    for sid, chain in reach.suppliers.items():
        via = " → ".join(hop.text for hop in chain)
        notes = [
            word
            for word, holds in (("indirect", len(chain) > 1), (_USED, sid not in reach.supporting))
            if holds
        ]
        note = f' <span class="sub">({"; ".join(notes)})</span>' if notes else ""
        items.append(f'<li title="{h(via)}">{h(sid)}{note}</li>')
    return f'<ul class="plain">{"".join(items)}</ul>' if items else "none recorded"


def _plan(posture: Posture, function: Document) -> list[str]:
    plans = posture.facts.index.having("ContinuityPlan", "function", str(function.id))
    if not plans:
        # BCM-07 is the rule that asks a critical or important function for a plan
        gaps = [f for f in posture.about(function, ["BCM-07"]) if f.suppression is None]
        missing = posture.link(gaps[0], "✘ no plan") if gaps else "✘ no plan"
        return ["<td>—</td>", f'<td class="gap">{missing}</td>']
    plan = plans[0]
    owner = text_of(plan.data.get("owner"))
    if owner:
        owner_cell = f"<td>{h(owner)}</td>"
    else:
        gaps = posture.about(plan, ["BCM-04"])
        owner_cell = f'<td class="gap">{posture.link(gaps[0], "✘ none") if gaps else "✘ none"}</td>'
    tested = _tested(posture, plan)
    issues = [f for f in posture.about(plan) if f.suppression is None]
    status = "✔" if not issues else "✘ " + ", ".join(posture.link(f) for f in issues[:5])
    return [owner_cell, f"<td>{h(plan.id)}<br>{h(tested)}<br>{status}</td>"]


def _tested(posture: Posture, plan: Document) -> str:
    """The plan's last test (:func:`plan_test`), by which exercise, and, past the yearly limit,
    since when it is overdue (EXR-01 reports it then)."""
    named = posture.completed.last("continuity_plans", str(plan.id))
    test = plan_test(plan, named, posture.facts.as_of)
    if test is None:
        return "never tested"
    text = f"tested {test[0].isoformat()}"
    if test[1] is not plan:
        text += f" (exercise {test[1].id})"
    if test[0] > posture.facts.as_of:
        return text + ", after the date checked"
    due = shift(test[0], posture.test_days)
    return text + (f", overdue since {due.isoformat()}" if due < posture.facts.as_of else "")


def _exercise(posture: Posture, function: Document) -> str:
    plans = posture.facts.index.having("ContinuityPlan", "function", str(function.id))
    found = function_tested(posture.completed, str(function.id), plans, posture.facts.as_of)
    last = found[0] if found is not None else None
    gaps = [f for f in posture.about(function, ["EXR-01"]) if f.suppression is None]
    text = last.isoformat() if last else "never"
    return h(text) + (" " + posture.link(gaps[0], "✘ overdue") if gaps else "")


def _findings(posture: Posture, function: Document) -> str:
    found = [f for f in posture.concerning(function) if f.suppression is None]
    return ", ".join(posture.link(f) for f in found) or "none"
