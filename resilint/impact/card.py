"""The incident card of one supplier: one printable page for the offline binder, with whom to
call, the deadlines, who decides, what to disable, the joint playbook and the manual fallback.

The card's content is built once as sections of rows (:func:`sections`), then written as
Markdown or as self-contained HTML with a print stylesheet. Every value is escaped: ``printable``
first (control, bidi and invisible characters shown as escapes), then the format's own markup.
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass

from resilint.impact import clocks, words
from resilint.impact.model import Impact, SupplierView
from resilint.reporters.base import markdown_inert as md
from resilint.reporters.base import printable


@dataclass(frozen=True)
class Section:
    """One section of a supplier card: its title, column heads and rows."""

    title: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "none recorded"


def sections(impact: Impact) -> tuple[Section, ...]:
    supplier = impact.suppliers[0]
    return (
        Section("Call", ("who", "how"), tuple(_calls(impact, supplier))),
        Section(
            # said where a regulator's clock is among them (impact's notes say so), as the
            # board view does: an unregulated retailer's card has none
            "Deadlines (regulator clocks run from our awareness, not from the supplier's "
            "compromise)"
            if clocks.tells_awareness(impact.notes)
            else "Deadlines",
            ("deadline", "to", "counted from", "condition", "basis", "send to"),
            _deadlines(impact),
        ),
        Section("Who decides", ("decision", "owner", "deputy"), _decisions(impact)),
        Section("What to disable", ("identity", "access", "time", "how"), _disable(impact)),
        Section("Joint playbook", ("", ""), _playbook(impact), "no joint playbook recorded"),
        Section(
            "Manual fallback",
            ("function", "RTO / MTPD", "owner", "degraded mode", "procedure"),
            _fallbacks(impact),
            "no business function rests on it",
        ),
        Section("Insurance", ("policy", "cover", "panel firms", "evidence"), _insurance(impact)),
    )


def _deadlines(impact: Impact) -> tuple[tuple[str, ...], ...]:
    """A deadline's condition is on the card as in ``impact``: a regulator's clock that starts
    only if the incident is classified as major (DORA), significant (NIS2) or a personal data
    breach (GDPR) must not read as due for every outage of the supplier."""
    return tuple(
        (words.deadline(n), words.whom(n), n.starts, n.condition, n.basis, n.contact)
        for n in impact.notices
    )


def _decisions(impact: Impact) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (d.decision.replace("_", " "), words.decider(d.owner), d.deputy)
        for book in impact.playbooks
        for d in book.decisions
    )


def _fallbacks(impact: Impact) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            f.id,
            f"{words.hours(f.rto_hours)} / {words.hours(f.mtpd_hours)}",
            words.owner(f.fallback, f.fallback_needed),
            words.degraded(f.fallback, None, f.unfitting_plans, f.also_fitting, f.fallback_needed),
            (f.fallback.reference or f.fallback.description) if f.fallback else "",
        )
        for f in impact.functions
    )


def _calls(impact: Impact, supplier: SupplierView) -> list[tuple[str, str]]:
    contact = supplier.security_contact
    rows = [(words.security_label(contact), words.contact(contact))]
    rows += [(f"escalation {i}", words.contact(c)) for i, c in enumerate(supplier.escalation, 1)]
    if supplier.account_manager is not None:
        rows.append(("account manager", words.contact(supplier.account_manager)))
    for contract in supplier.contracts:
        if when := words.notice(contract.notice_window_hours, contract.notice_wording):
            what = f"must notify us {when}"
            rows.append((f"contract {contract.id}", f"{what} ({contract.trigger or 'trigger?'})"))
    roles: dict[str, list[str]] = {}
    for owner in impact.owners:
        roles.setdefault(owner.who, []).append(owner.role)
    rows += [(f"{who} (ours)", "; ".join(said)) for who, said in roles.items()]
    return rows


def _disable(impact: Impact) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            i.id + ("" if i.status == "active" else f" [{i.status}]"),
            f"{i.type} {i.access_level}".strip(),
            f"{i.time_to_disable_minutes} min" if i.time_to_disable_minutes is not None else "?",
            i.disable_procedure,
        )
        for i in impact.identities
    )


def _playbook(impact: Impact) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, str]] = []
    for book in impact.playbooks:
        last = book.last_exercised.isoformat() if book.last_exercised else "never"
        rows.append((book.id, f"{book.reference} (owner {book.owner}, last exercised {last})"))
        rows += [("disable when", c) for c in book.disable_criteria]
        rows += [("switch to manual when", c) for c in book.manual_switch_criteria]
        rows += [(f"escalation {i}", words.contact(c)) for i, c in enumerate(book.escalation, 1)]
    return tuple(rows)


def _insurance(impact: Impact) -> tuple[tuple[str, ...], ...]:
    rows = []
    for policy in impact.insurance:
        covers = "; ".join(
            f"{words.COVER_NAMES.get(c.cover, c.cover)}: {c.responds}, {words.waiting(c, None)}"
            for c in policy.covers
        )
        firms = ", ".join(f"{f.name} ({f.role})" for f in policy.panel)
        evidence = ", ".join(e.package for e in policy.evidence)
        rows.append((f"{policy.policy} ({policy.insurer})", covers, firms, evidence))
    return tuple(rows)


def _title(impact: Impact) -> str:
    supplier = impact.suppliers[0]
    tier = f", tier {supplier.tier}" if supplier.tier is not None else ""
    return f"Incident card: {supplier.name or supplier.id} ({supplier.id}{tier})"


def _subtitle(impact: Impact) -> str:
    supplier = impact.suppliers[0]
    if not supplier.critical:
        return f"As of {impact.as_of.isoformat()}. Not critical in effect."
    return f"As of {impact.as_of.isoformat()}. Critical: {'; '.join(supplier.reasons)}."


# -- Markdown ---------------------------------------------------------------------------------
def card_markdown(impact: Impact) -> str:
    lines = [f"# {md(_title(impact))}", "", md(_subtitle(impact)), ""]
    for section in sections(impact):
        lines += [f"## {md(section.title)}", ""]
        if not section.rows:
            lines += [md(section.empty.capitalize()) + ".", ""]
            continue
        lines.append("| " + " | ".join(md(h) for h in section.head) + " |")
        lines.append("|" + "---|" * len(section.head))
        lines += ["| " + " | ".join(md(c) or "—" for c in row) + " |" for row in section.rows]
        lines.append("")
    return "\n".join(lines)


# -- HTML -------------------------------------------------------------------------------------
_STYLE = """
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 15pt; margin: 0 0 .2rem; }
h2 { font-size: 11pt; margin: .9rem 0 .3rem; border-bottom: 1px solid #999; }
p.sub { margin: 0 0 .6rem; color: #333; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .15rem .4rem; border: 1px solid #ccc;
         overflow-wrap: anywhere; }
th { background: #eee; }
p.empty { color: #555; font-style: italic; margin: .2rem 0; }
@page { size: A4; margin: 10mm; }
@media print {
  body { font-size: 8pt; margin: 0; max-width: none; padding: 0; }
  h1 { font-size: 12pt; } h2 { font-size: 9pt; break-after: avoid; }
  table, tr { break-inside: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(text: str) -> str:
    """A value from the data, safe in HTML text and attributes."""
    return html.escape(printable(text), quote=True)


def _policy() -> str:
    """Nothing but the card's own stylesheet: no script, image or font, so a value that slipped
    through escaping could still load or run nothing (as the report's policy)."""
    digest = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def card_html(impact: Impact) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_policy()}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(_title(impact))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{esc(_title(impact))}</h1>",
        f'<p class="sub">{esc(_subtitle(impact))}</p>',
    ]
    for section in sections(impact):
        parts.append(f"<h2>{esc(section.title)}</h2>")
        if not section.rows:
            parts.append(f'<p class="empty">{esc(section.empty)}</p>')
            continue
        head = "".join(f"<th>{esc(h)}</th>" for h in section.head)
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in section.rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
