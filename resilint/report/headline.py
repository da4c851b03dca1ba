"""The headline: findings by level and area, what is suppressed and why, and the change since
the previous report."""

from __future__ import annotations

from collections import Counter

from resilint.report import priorities
from resilint.report.history import Change
from resilint.report.markup import h
from resilint.report.posture import Posture

LEVELS = ("error", "warning", "info")
SUPPRESSIONS = {
    "waiver": "waived (approved Waiver)",
    "inline": "suppressed inline",
    "baseline": "in the baseline",
    "per-file": "per-file ignores",
}
MAX_NEW = 25


def render(posture: Posture) -> str:
    result = posture.checked.result
    active = [f for f in result.findings if f.suppression is None]
    levels = Counter(f.level.label for f in active)
    hidden = Counter(f.suppression.kind for f in result.findings if f.suppression is not None)
    overdue = sum(1 for d in posture.deadlines if d.overdue(posture.facts.as_of))
    counts = ", ".join(f"{levels[level]} {level}" for level in LEVELS)
    suppressed = "; ".join(f"{n} {SUPPRESSIONS.get(k, k)}" for k, n in sorted(hidden.items()))
    facts = posture.facts
    critical = sum(1 for s in facts.index.of_kind("Supplier") if facts.supplier(s).critical)
    return "\n".join(
        [
            '<section id="headline" aria-labelledby="headline-h">',
            '<h2 id="headline-h">Headline</h2>',
            '<dl class="figures">',
            _figure("Findings", str(len(active)), counts),
            _figure("Suppressed", str(sum(hidden.values())), suppressed or "none"),
            _figure("Critical suppliers", str(critical), "tier 1 in effect"),
            _figure(
                "Critical functions", str(len(facts.critical_functions())), "critical or important"
            ),
            _figure(
                "Deadlines",
                str(len(posture.deadlines)),
                f"{overdue} overdue, next {posture.days} days",
            ),
            "</dl>",
            priorities.render(posture),
            _by_area(posture),
            _change(posture),
            "</section>",
        ]
    )


def _figure(name: str, value: str, note: str) -> str:
    return f'<div><dt>{h(name)}</dt><dd><span class="n">{h(value)}</span> {h(note)}</dd></div>'


def _by_area(posture: Posture) -> str:
    table: dict[str, Counter[str]] = {}
    for f in posture.findings:
        row = table.setdefault(posture.area(f.code), Counter())
        row["suppressed" if f.suppression is not None else f.level.label] += 1
    head = "".join(f'<th scope="col">{c}</th>' for c in (*LEVELS, "suppressed"))
    rows = [
        f'<tr><th scope="row">{h(area)}</th>'
        + "".join(f'<td class="num">{counts[c]}</td>' for c in (*LEVELS, "suppressed"))
        + "</tr>"
        for area, counts in sorted(table.items(), key=lambda row: row[0].casefold())
    ]
    if not rows:
        rows = ['<tr><td colspan="5">No findings.</td></tr>']
    return (
        '<table class="by-area"><caption>Findings by area and level</caption>'
        f'<thead><tr><th scope="col">area</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _change(posture: Posture) -> str:
    change = posture.change
    if change is None:
        return (
            '<p class="change">No previous report given (<code>--previous FILE</code> shows '
            "the change since one).</p>"
        )
    what = _SOURCES.get(change.previous.source, h(change.previous.source))
    when = f", as of {h(change.previous.as_of)}" if change.previous.as_of else _UNDATED
    deltas = ", ".join(f"{_signed(change.delta[level])} {level}" for level in LEVELS)
    new = "".join(
        f"<li>{h(f.level.label)}: {priorities.rule_in_words(posture, f)}, "
        f"{h(priorities.concerns(posture, f))}</li>"
        for f in priorities.ranked(posture, change.new)[:MAX_NEW]
    )
    more = f"<li>and {len(change.new) - MAX_NEW} more</li>" if len(change.new) > MAX_NEW else ""
    return (
        f'<div class="change"><h3>Change since the previous report</h3>'
        f"<p>Compared with {what}{when}: "
        f"<strong>{len(change.new)} new</strong>, <strong>{change.resolved} resolved</strong> "
        f"({h(deltas)}).</p>"
        + (f"<ul>{new}{more}</ul>" if new else "")
        + _resolved(posture, change)
        + "</div>"
    )


_SOURCES = {
    "report": "the previous report",
    "check --format json": "the previous output of <code>resilint check --format json</code>",
}
"""What ``--previous`` named, in words."""
_UNDATED = " (it does not record the date it was checked as of)"


def _resolved(posture: Posture, change: Change) -> str:
    """The resolved findings by rule, most first: the rule's code and what it asks. Those of
    an earlier report that recorded no rules (written by an older resilint) are counted only."""
    if not change.resolved:
        return ""
    items = "".join(
        f'<li><span class="code">{h(code)}</span> {h(_asks(posture, code))}: {n}</li>'
        for code, n in list(change.resolved_rules.items())[:MAX_NEW]
    )
    named = sum(change.resolved_rules.values())
    rest = len(change.resolved_rules) - MAX_NEW
    if rest > 0:
        items += f"<li>and {rest} more rules</li>"
    if named < change.resolved:
        unknown = change.resolved - named
        items += f"<li>{unknown} whose rule the earlier report does not record</li>"
    return f'<h4>Resolved since, by rule</h4><ul class="resolved">{items}</ul>'


def _asks(posture: Posture, code: str) -> str:
    doc = posture.rules.get(code)
    return doc.title if doc is not None and doc.title else "(a rule this run does not load)"


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else ("±0" if n == 0 else f"\u2212{-n}")
