"""The scenario as Markdown (a pull-request comment, a wiki page, a briefing), and the board's
what-if table of every critical supplier. Text from the data is inert: no HTML, no pipes, no
Markdown markup, no line breaks."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.readers import show_number
from resilint.impact import board, clocks, words
from resilint.impact.model import Impact, Notice, PolicyImpact, SupplierView
from resilint.reporters.base import markdown_inert as md


def _row(*cells: str) -> str:
    return "| " + " | ".join(md(c) if c else "—" for c in cells) + " |"


def _table(head: tuple[str, ...], rows: list[str]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head), *rows]


def render_markdown(impact: Impact) -> str:
    lines = [f"# Impact: {md(words.headline(impact))}", ""]
    for supplier in impact.suppliers:
        lines += [*_supplier(supplier), ""]
    lines += ["## Functions hit", "", *_functions(impact), ""]
    if impact.once_engaged:
        lines += [
            "## Notice clocks",
            "",
            "None: the supplier is prospective and nothing of ours is with it yet.",
            "",
            "## Once engaged, its compromise would start these clocks",
            "",
            *_notices(impact.once_engaged),
            "",
        ]
    else:
        lines += ["## Notice clocks", "", *_notices(impact.notices), ""]
    lines += ["## Identities to disable", "", *_identities(impact), ""]
    lines += ["## Insurance", ""]
    for policy in impact.insurance:
        lines += [*_policy(policy, impact.hours), ""]
    if not impact.insurance:
        lines += ["No policy in force insures the entities involved.", ""]
    for book in impact.playbooks:
        lines += [f"## Joint playbook {md(book.id)}", ""]
        rows = [
            _row(d.decision.replace("_", " "), words.decider(d.owner), d.deputy)
            for d in book.decisions
        ]
        lines += [*_table(("decision", "owner", "deputy"), rows), ""]
    owners = [_row(o.who, o.role) for o in impact.owners]
    lines += ["## Our owners", "", *_table(("who", "role"), owners), ""]
    if impact.notes:
        lines += ["## Notes", "", *(f"- {md(note)}" for note in impact.notes)]
    return "\n".join(lines) + "\n"


def _supplier(supplier: SupplierView) -> Iterator[str]:
    yield f"## Supplier {md(supplier.id)}"
    yield ""
    security = supplier.security_contact
    rows = [
        _row("name", supplier.name),
        _row("tier", str(supplier.tier) if supplier.tier is not None else ""),
        *(
            [_row("status", words.lifecycle(supplier.lifecycle))]
            if words.lifecycle(supplier.lifecycle)
            else []
        ),
        _row(
            "critical",
            "; ".join(supplier.reasons)
            if supplier.critical
            else ": ".join(part for part in ("no", words.not_critical(supplier)) if part),
        ),
        _row(words.security_label(security), words.contact(security)),
        *(_row(f"escalation {i}", words.contact(c)) for i, c in enumerate(supplier.escalation, 1)),
        _row("owner", supplier.owner),
    ]
    yield from _table(("", ""), rows)


def _functions(impact: Impact) -> list[str]:
    head = ("function", "criticality", "via", "RTO", "MTPD", "fallback owner", "degraded mode")
    rows = []
    for f in impact.functions:
        rto = words.objective("", f.rto_hours, f.breaches_rto, impact.hours).strip()
        mtpd = words.objective("", f.mtpd_hours, f.breaches_mtpd, impact.hours).strip()
        if f.mtpd_bridged:
            mtpd = f"{words.hours(f.mtpd_hours or 0)}: {words.BRIDGED}"
        if not f.stopped:
            rto = mtpd = f"not stopped ({f.not_stopped})"
        degraded = words.degraded(
            f.fallback, f.fallback_lasts, f.unfitting_plans, f.also_fitting, f.fallback_needed
        )
        rows.append(
            _row(
                f.id,
                words.criticality(f) if f.criticality else "",
                " > ".join(f.via),
                rto,
                mtpd,
                words.owner(f.fallback, f.fallback_needed),
                f"{degraded}; {words.exercised(f)}",
            )
        )
    return _table(head, rows) if rows else ["No business function rests on it."]


def _notices(notices: tuple[Notice, ...]) -> list[str]:
    head = ("deadline", "to", "basis", "counted from", "condition", "send to", "decides")
    rows = [
        _row(
            words.deadline(n),
            words.whom(n),
            n.basis + (f" ({n.note})" if n.note else "") + (f"; {n.content}" if n.content else ""),
            n.starts,
            n.condition,
            n.contact,
            n.decides,
        )
        for n in notices
    ]
    return _table(head, rows) if rows else ["None recorded for the entities involved."]


def _identities(impact: Impact) -> list[str]:
    head = ("identity", "type", "access", "status", "time to disable", "how", "owner")
    rows = [
        _row(
            i.id,
            i.type,
            i.access_level,
            i.status,
            f"{i.time_to_disable_minutes} min" if i.time_to_disable_minutes is not None else "",
            i.disable_procedure,
            i.owner,
        )
        for i in impact.identities
    ]
    return _table(head, rows) if rows else ["None recorded."]


def _policy(policy: PolicyImpact, length: float | None) -> Iterator[str]:
    layers = f", with excess layers {', '.join(policy.layers)}" if policy.layers else ""
    yield f"### {md(policy.policy)} ({md(policy.insurer)}{md(layers)})"
    yield ""
    head = ("cover", "responds", "why", "waiting period", "sublimit", "retention")
    rows = [
        _row(
            words.COVER_NAMES.get(c.cover, c.cover) + (f" ({c.supplier})" if c.supplier else ""),
            c.responds,
            c.why,
            words.waiting(c, length),
            words.money(c.sublimit, policy.currency),
            words.money(c.retention, policy.currency),
        )
        for c in policy.covers
    ]
    yield from _table(head, rows)
    yield ""
    if policy.exclusions_note:
        yield f"- exclusions: {md(policy.exclusions_note)}"
    for exclusion in policy.exclusions:
        yield f"- exclusion {md(exclusion.id)} may apply if {md(exclusion.may_apply_when)}"
    firms = [
        f"{f.name} ({f.role}{', pre-approved' if f.pre_approved else ''})" for f in policy.panel
    ]
    if firms:
        yield f"- panel: {md('; '.join(firms))}"
    for evidence in policy.evidence:
        owner = f" (owner {evidence.owner})" if evidence.owner else ""
        yield f"- open evidence package {md(evidence.package)}{md(owner)}"


def render_board_markdown(impacts: list[Impact]) -> str:
    """One table, one row per critical supplier: the board's what-if review."""
    length = impacts[0].hours if impacts else None
    shown = f" for {show_number(length)} hours" if length is not None else ""
    as_of = impacts[0].as_of.isoformat() if impacts else ""
    lines = [f"# What if a critical supplier is down{shown}?", ""]
    lines += [f"Outage length: {md(board.length_words(length))}.", ""]
    if as_of:
        regulated = any(clocks.tells_awareness(i.notes) for i in impacts)
        said = (
            " Regulator clocks run from our awareness, not from the supplier's compromise."
            if regulated
            else ""
        )
        lines += [f"As of {as_of}.{said}", ""]
    rows = [_row(*board.cells(i)) for i in impacts]
    lines += _table(board.HEAD, rows) if rows else ["No supplier is critical."]
    for note in board.notes(impacts):
        lines += ["", md(note)]
    return "\n".join(lines) + "\n"
