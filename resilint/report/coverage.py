"""The coverage matrix: each critical supplier against the terms of the requirements matrix,
each required cell linked to the finding that shows the gap.

Which terms a supplier must carry is the domain model's (``facts.supplier(s).requires``), and
whether it carries them is the rules' verdict: a cell is a gap when a rule of the term (the
matrix names them) found one on the supplier, its contracts or its joint playbooks. A cell whose
rules did not run for this supplier (a regulatory profile not in effect for it) says so, and a
contract term of a supplier with no live contract is not counted as met.
"""

from __future__ import annotations

from resilint.domain.facts import SupplierFacts
from resilint.domain.lifecycle import ENDED, EXITED
from resilint.domain.readers import in_order
from resilint.domain.requirements import Term
from resilint.findings import Finding, format_json_path
from resilint.model import Document
from resilint.report import applicability
from resilint.report.markup import h, slug
from resilint.report.posture import Posture

_CELLS = {
    "met": ("✔", "met"),
    "gap": ("✘", "gap"),
    "suppressed": ("≈", "accepted"),
    "no-contract": ("?", "no contract"),
    "unchecked": ("·", "not checked"),
    "na": ("—", "not required"),
}
_SHARED_RULE_FIELDS = {"escalation_order": "contacts.escalation"}
"""Terms that share a rule with another term, told apart by the field the finding is on
(SUP-03 checks both the 24x7 contact and the escalation order)."""


def render(posture: Posture) -> str:
    facts = posture.facts
    terms = list(facts.matrix.terms.values())
    suppliers = [
        facts.supplier(s)
        for s in in_order(facts.index.of_kind("Supplier"))
        if facts.supplier(s).critical and facts.supplier(s).lifecycle != EXITED
    ]
    head = "".join(
        f'<th scope="col" title="{h(t.title)}"><span>{h(t.name.replace("_", " "))}</span></th>'
        for t in terms
    )
    rows = [_row(posture, s, terms) for s in suppliers]
    if not rows:
        rows = [f'<tr><td colspan="{len(terms) + 1}">No critical supplier.</td></tr>']
    legend = " ".join(
        f'<span class="cell {k}">{sym} {h(word)}</span>' for k, (sym, word) in _CELLS.items()
    )
    return (
        '<section id="coverage" aria-labelledby="coverage-h"><h2 id="coverage-h">'
        "Coverage of critical suppliers</h2>"
        "<p>Each critical supplier (tier 1 in effect) against the terms the requirements matrix "
        "asks of its class. A gap links to its finding.</p>"
        f'<p class="legend">{legend}</p><div class="scroll">'
        '<table class="matrix"><caption>Requirements matrix coverage</caption>'
        f'<thead><tr><th scope="col">supplier</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{applicability.render(posture)}</section>"
    )


def _row(posture: Posture, supplier: SupplierFacts, terms: list[Term]) -> str:
    document = supplier.document
    cells = "".join(_cell(posture, supplier, term) for term in terms)
    reasons = "; ".join(supplier.reasons)
    return (
        f'<tr><th scope="row" id="cov-{slug(str(document.id))}" title="{h(reasons)}">'
        f"{h(document.id)}</th>{cells}</tr>"
    )


def _cell(posture: Posture, supplier: SupplierFacts, term: Term) -> str:
    if term.name not in supplier.requires:
        return _show("na")
    if not any(posture.ran(code, supplier.regimes) for code in term.rules):
        return _show("unchecked")
    places = _places(posture, supplier.document)
    found = [f for doc in places for f in _findings(posture, doc, term)]
    active = [f for f in found if f.suppression is None]
    if active:
        extra = f" ({len(active)})" if len(active) > 1 else ""
        return _show("gap", posture.link(active[0], f"✘ gap{extra}"))
    if found:
        return _show("suppressed", posture.link(found[0], "≈ accepted"))
    contract_term = all(posture.kinds.get(code) == "Contract" for code in term.rules)
    if contract_term and not any(d.kind == "Contract" for d in places):
        return _show("no-contract")
    return _show("met")


def _show(kind: str, content: str | None = None) -> str:
    symbol, word = _CELLS[kind]
    return f'<td class="cell {kind}">{content or f"{symbol} {h(word)}"}</td>'


def _places(posture: Posture, supplier: Document) -> list[Document]:
    """The supplier, its live contracts and its joint playbooks: where a term's rules look."""
    facts = posture.facts
    sid = supplier.id or ""
    contracts = [
        c
        for c in facts.index.having("Contract", "supplier", sid)
        if facts.contract(c).lifecycle != ENDED
    ]
    return [supplier, *contracts, *facts.index.having("Playbook", "supplier", sid)]


def _findings(posture: Posture, document: Document, term: Term) -> list[Finding]:
    found = posture.about(document, term.rules)
    field = _SHARED_RULE_FIELDS.get(term.name)
    if field is not None:
        return [f for f in found if format_json_path(f.json_path).startswith(field)]
    shared = [v for k, v in _SHARED_RULE_FIELDS.items() if set(term.rules) & _rules_of(posture, k)]
    return [
        f for f in found if not any(format_json_path(f.json_path).startswith(v) for v in shared)
    ]


def _rules_of(posture: Posture, term: str) -> set[str]:
    found = posture.facts.matrix.terms.get(term)
    return set(found.rules) if found else set()
