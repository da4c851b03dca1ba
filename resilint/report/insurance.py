"""Insurance: each policy's conditions with the controls that meet them and their status, the
notice deadlines and the panel firms.

Whether a condition is met is INS-01's verdict (its findings on the condition), never judged
again here; the controls listed are those of the categories the condition names.
"""

from __future__ import annotations

from typing import Any

from resilint.domain.controls import entities_of
from resilint.domain.readers import (
    among,
    dicts,
    in_order,
    mapping_at,
    number,
    show_number,
    strings,
    text_of,
    value_at,
)
from resilint.domain.tower import OTHER, named_controls
from resilint.model import Document
from resilint.report.markup import h, slug
from resilint.report.posture import Posture


def render(posture: Posture) -> str:
    policies = in_order(posture.facts.index.of_kind("InsurancePolicy"))
    body = "".join(_policy(posture, p) for p in policies) or "<p>No insurance policy.</p>"
    return (
        '<section id="insurance" aria-labelledby="insurance-h"><h2 id="insurance-h">'
        f"Insurance</h2>{body}</section>"
    )


def _policy(posture: Posture, policy: Document) -> str:
    fact = posture.facts.policy(policy)
    data = policy.data
    period = (
        f"{value_at(data, 'period', 'start') or '?'} to {value_at(data, 'period', 'end') or '?'}"
    )
    state = "in force" if fact.in_force else "not in force"
    layer = fact.layer
    if fact.inherits_terms and fact.underlying is not None:
        layer += f", follows the form of {fact.underlying.id}"
    insurer = text_of(data.get("insurer")) or "insurer not recorded"
    follows = str(fact.underlying.id) if fact.inherits_terms and fact.underlying else None
    return (
        f'<article class="policy" id="pol-{slug(str(policy.id))}">'
        f"<h3>{h(policy.id)}: {h(insurer)}</h3>"
        f"<p>{h(period)} ({h(state)}; {h(layer)})</p>"
        f"{_notice(data, follows)}{_conditions(posture, policy)}{_panel(data, follows)}</article>"
    )


def _notice(data: dict[str, Any], follows: str | None) -> str:
    """The layer's notice terms; a term a following layer does not record is the form's."""
    notice = mapping_at(data, "notice")
    hours = number(notice.get("incident_notice_hours"))
    wording = (text_of(notice.get("incident_notice_wording")) or "").replace("_", " ")
    unrecorded = f"as in {follows}, whose form it follows" if follows else "not recorded"
    incident = f"{show_number(hours)} hours" if hours is not None else (wording or unrecorded)
    if hours is not None or wording:
        incident += " from discovery"
    claim = number(notice.get("claim_deadline_days"))
    claim_wording = (text_of(notice.get("claim_deadline_wording")) or "").replace("_", " ")
    contact = mapping_at(notice, "contact")
    reach = ", ".join(t for t in (text_of(contact.get(k)) for k in ("name", "email", "phone")) if t)
    return (
        '<dl class="notice">'
        f"<dt>Incident notice</dt><dd>{h(incident)}</dd>"
        f"<dt>Claim deadline</dt><dd>"
        f"{h(show_number(claim) + ' days' if claim is not None else claim_wording or unrecorded)}"
        "</dd>"
        f"<dt>Notice contact</dt><dd>{h(reach or _own_contact(follows))}</dd></dl>"
    )


def _own_contact(follows: str | None) -> str:
    """What a layer that records no notice contact shows: a following layer's notice still goes
    to its own insurer, not to the contact of the policy whose form it follows."""
    if not follows:
        return "not recorded"
    return (
        "none of its own: notify this layer's insurer itself, at the address its policy gives "
        f"(the contact of {follows} is another insurer's)"
    )


def _conditions(posture: Posture, policy: Document) -> str:
    fact = posture.facts.policy(policy)
    conditions = dicts(policy.data.get("conditions"))
    if fact.inherits_terms:
        return "<p>Conditions: those of the policy it follows.</p>"
    if not conditions:
        return "<p>No conditions recorded.</p>"
    judged = fact.in_force
    findings = posture.about(policy, ["INS-01"])
    rows = []
    for i, condition in conditions:
        mine = [f for f in findings if f.json_path[:2] == ("conditions", i)]
        rows.append(_condition_row(posture, condition, mine, judged))
    return (
        '<table class="conditions"><caption>Conditions and the controls that meet them'
        '</caption><thead><tr><th scope="col">condition</th><th scope="col">controls '
        '(category: status)</th><th scope="col">verdict</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _condition_row(
    posture: Posture, condition: dict[str, Any], findings: list[Any], judged: bool
) -> str:
    categories = strings(condition.get("control_categories"))
    every = in_order(posture.facts.index.of_kind("Control"))
    mine = named_controls(condition, every)
    named = mine is not every
    # the controls a condition names meet it (one of category other whatever their category);
    # an unnamed condition of category other is met by no control in particular
    controls = [
        c
        for c in mine
        if (named and OTHER in categories)
        or (among(c.data.get("category"), categories) and c.data.get("category") != OTHER)
    ]
    listed = "".join(
        f"<li>{h(c.id)} ({h(c.data.get('category'))}: {h(_status(c))})</li>" for c in controls
    )
    missing = [
        c
        for c in categories
        if not any(x.data.get("category") == c or (named and c == OTHER) for x in controls)
    ]
    if condition.get("any_category") is True and len(missing) < len(categories):
        missing = []  # one of its categories has controls: the others are not asked
    listed += "".join(
        "<li>✘ no control named (controls)</li>" if c == OTHER else f"<li>✘ no {h(c)} control</li>"
        for c in missing
    )
    active = [f for f in findings if f.suppression is None]
    # the controls meet it as recorded, but the evidence the insurer may ask for is out of date
    stale = [f for c in controls for f in posture.about(c, ["INS-02"]) if f.suppression is None]
    if not judged:
        verdict = "· not judged (not in force)"
    elif active:
        verdict = "✘ not met: " + ", ".join(posture.link(f) for f in active)
    elif findings:
        verdict = "≈ accepted: " + ", ".join(posture.link(f) for f in findings)
    elif stale:
        verdict = "≈ met as recorded, evidence out of date: " + ", ".join(
            posture.link(f) for f in stale
        )
    else:
        verdict = "✔ met"
    clean = not findings and not stale
    kind = "gap" if judged and active else ("met" if judged and clean else "other")
    statement = text_of(condition.get("statement")) or ""
    attested = " (attested to the insurer)" if condition.get("attested") is True else ""
    return (
        f'<tr><th scope="row">{h(condition.get("id") or "?")}'
        f'<br><span class="sub">{h(statement)}{h(attested)}</span></th>'
        f'<td><ul class="plain">{listed}</ul></td><td class="cell {kind}">{verdict}</td></tr>'
    )


def _status(control: Document) -> str:
    status = text_of(control.data.get("status")) or "no status"
    coverage = number(control.data.get("coverage_percent"))
    entities = entities_of(control)  # a control of some entities only meets it for them
    return (
        status
        + (f", {show_number(coverage)}%" if coverage is not None else "")
        + (f", for {', '.join(sorted(entities))} only" if entities else "")
    )


def _panel(data: dict[str, Any], follows: str | None) -> str:
    panel = mapping_at(data, "panel")
    items = [
        f"<dt>{h(role)}</dt><dd>{h(', '.join(strings(firms)) or 'none')}</dd>"
        for role, firms in panel.items()
    ]
    approved = [
        text_of(firm.get("name")) or "?" for _, firm in dicts(data.get("pre_approved_firms"))
    ]
    if approved:
        items.append(f"<dt>pre-approved</dt><dd>{h(', '.join(approved))}</dd>")
    if not items and follows:
        return (
            f"<p>No panel firms of its own: the panel of {h(follows)}, whose form it follows.</p>"
        )
    if not items:
        return "<p>No panel firms recorded.</p>"
    return f'<h4>Panel firms</h4><dl class="panel">{"".join(items)}</dl>'
