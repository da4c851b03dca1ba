"""The coverage matrix: each critical supplier against the terms of the requirements matrix,
each required cell linked to the finding that shows the gap.

Which terms a supplier must carry is the domain model's (``facts.supplier(s).requires``), and
whether it carries them is the rules' verdict, read as ``check`` reports it. A cell is a gap
when a finding on the supplier, its live contracts or its joint playbooks reports that very term
(:mod:`resilint.report.term_fields`: a rule that checks several terms reports each at its own
fields), accepted when every such finding is suppressed, and met only when one of the term's
rules ran on one of those documents that is asked the term (:meth:`Posture.ran_on`: selected,
of its kind, and under the regimes it is confined to) and reported nothing. Otherwise it says
why: no live contract, none of them asked the term (a contract that covers no ICT services is
asked no ICT-security term), or no rule of the term checked them.

Under each term's header, what requires it in one word (law, policy or market practice), so a
committee does not read a gap in a term of the programme's own policy as a breach of law; the
header's title and the note below the table give each term's basis in full (the article, and for
whom).
"""

from __future__ import annotations

from resilint.domain.facts import SupplierFacts
from resilint.domain.lifecycle import ENDED, EXITED
from resilint.domain.readers import in_order, value_at
from resilint.domain.regimes import REGIME_NAMES
from resilint.domain.requirements import Term, basis_kind
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.report import applicability
from resilint.report.markup import h, slug
from resilint.report.posture import Posture
from resilint.report.term_fields import FIELDS, reports, rules_reporting, term_paths

_CELLS = {
    "met": ("✔", "met"),
    "gap": ("✘", "gap"),
    "suppressed": ("≈", "accepted"),
    "no-contract": ("?", "no contract"),
    "unchecked": ("·", "not checked"),
    "na": ("—", "not required"),
    "exempt": ("○", "not asked here"),
}

_RECORDED: dict[str, JsonPath] = {
    term: path
    for fields in FIELDS.values()
    for path, term in fields
    if len(path) == 2 and path[-1] == term  # a section's field named after its term
}
"""Terms a contract records as a yes or no, at a field named after the term (step_in_rights,
security_indemnity, accelerated_termination, forensic_images: :data:`.term_fields.FIELDS`).
Where the matrix asks one of a supplier but the rule's own conditions leave it out (a ready
alternative, a replaceable multi-tenant SaaS, escrow instead of step-in) the rule runs and
reports nothing although the contract says no: the cell says the term was not asked there,
not that it is met."""


def render(posture: Posture) -> str:
    facts = posture.facts
    # A term none of whose rules runs in this repository (CTR-11 and CTR-12 where no entity is
    # under NYDFS or NIS2), or judges no document here (CTR-12 where no NIS2 entity is of a kind
    # the implementing rules bind), would fill its column with "not checked": it is left out,
    # and the note below the table says which and why.
    every = list(facts.matrix.terms.values())
    terms = [t for t in every if any(posture.judges_any(code) for code in _rules_of(t))]
    dropped = [t for t in every if t not in terms]
    suppliers = [
        facts.supplier(s)
        for s in in_order(facts.index.of_kind("Supplier"))
        if facts.supplier(s).critical and facts.supplier(s).lifecycle != EXITED
    ]
    regimes = facts.regimes.laws
    head = "".join(_header(t, regimes) for t in terms)
    rows = [_row(posture, s, terms) for s in suppliers]
    if not rows:
        rows = [f'<tr><td colspan="{len(terms) + 1}">No critical supplier.</td></tr>']
    off = "".join(f'<p class="note"><strong>Note:</strong> {h(n)}</p>' for n in posture.notes)
    legend = " ".join(
        f'<span class="cell {k}">{sym} {h(word)}</span>' for k, (sym, word) in _CELLS.items()
    )
    return (
        '<section id="coverage" aria-labelledby="coverage-h"><h2 id="coverage-h">'
        "Coverage of critical suppliers</h2>"
        "<p>Each critical supplier (tier 1 in effect) against the terms the requirements matrix "
        "asks of its class. A gap links to its finding.</p>"
        f"{off}"
        f'<p class="legend">{legend}</p>{_BASIS_LEGEND}<div class="scroll">'
        '<table class="matrix"><caption>Requirements matrix coverage</caption>'
        f'<thead><tr><th scope="col">supplier</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{_dropped(dropped, regimes)}"
        f"{_bases(terms, regimes)}"
        f"{applicability.render(posture)}</section>"
    )


_BASIS_LEGEND = (
    '<p class="basis-legend">Under each term, what requires it: <span class="basis basis-law">law'
    "</span> a law requires it, of the entities its basis names (below); "
    '<span class="basis basis-policy">policy</span> the programme requires it, no law does '
    '(or only the part its basis names); <span class="basis basis-market-practice">market '
    "practice</span> it is what the market gives, no law requires it.</p>"
)


_LAWS = {
    "dora": "DORA (Regulation (EU) 2022/2554)",
    "nis2": "NIS2 (Directive (EU) 2022/2555)",
    "nydfs": "NYDFS Part 500 (23 NYCRR Part 500)",
}
"""Each regime's law as the note below the matrix names it."""


def _dropped(terms: list[Term], regimes: frozenset[str]) -> str:
    """Which terms the matrix has but no rule of this repository checks, and why: a term only a
    law asks, of the entities it binds, where no entity is under that law (a US company is told
    which law binds none of its entities, not that some profile is off); otherwise its rules
    are off in the configuration, or, where an entity is under NIS2, judge no contract of an
    entity of a kind the NIS2 implementing rules bind."""
    if not terms:
        return ""
    unbound = [t for t in terms if t.law_for and not set(t.law_for) & regimes]
    rest = [t for t in terms if t not in unbound]
    said = []
    if unbound:
        laws = list(dict.fromkeys(r for t in unbound for r in t.law_for))
        names = ", ".join(h(t.name.replace("_", " ")) for t in unbound)
        under = " or ".join(h(_LAWS.get(r, r)) for r in laws)
        none = "it" if len(laws) == 1 else "either" if len(laws) == 2 else "any of them"
        said.append(
            f"{names}: {'terms' if len(unbound) > 1 else 'a term'} only {under} asks, of the "
            f"entities it binds; no entity of this programme is under {none}, so "
            f"{'they are' if len(unbound) > 1 else 'it is'} not asked here"
        )
    if rest:
        names = ", ".join(h(t.name.replace("_", " ")) for t in rest)
        why = "their rules are off in the configuration"
        if "nis2" in regimes:
            why += (
                "; or no entity is of a kind the rule binds, as for the NIS2 implementing rules' "
                "supplier clauses, which bind only the eleven kinds of entity of Implementing "
                "Regulation (EU) 2024/2690"
            )
        them = "them" if len(rest) > 1 else "it"
        said.append(f"{names}: no rule that checks {them} runs here ({why})")
    return f'<p class="note">Not shown: {"; ".join(said)}.</p>'


def _header(term: Term, regimes: frozenset[str]) -> str:
    """The term's name and, under it, the kind of its basis for this repository (law only
    where one of its entities is under a regime whose law the basis cites); the title says
    both in full."""
    kind = term.kind_for(regimes)
    return (
        f'<th scope="col" title="{h(term.title)}. What requires it: {h(_basis(term, regimes))}">'
        f'<span><span class="term">{h(term.name.replace("_", " "))}</span>'
        f'<span class="basis basis-{slug(kind)}">{h(kind)}</span></span></th>'
    )


def _basis(term: Term, regimes: frozenset[str]) -> str:
    """The term's basis in full for this repository: where the law it cites binds none of the
    repository's entities, the matrix's basis otherwise, or without one the basis and that it
    is policy here."""
    basis = term.basis_for(regimes)
    if basis != term.basis or term.kind_for(regimes) == term.basis_kind:
        return basis
    under = " or ".join(REGIME_NAMES.get(r, r) for r in term.law_for)
    return f"{term.basis} (no entity of this repository is under {under}: policy here)"


_KINDS = {
    "law": "a law requires it, of the entities its basis names",
    "market practice": "it is what the market gives, no law requires it",
    "policy": "this programme's choice: no law requires it (or only the part its basis names)",
}
"""Each kind of basis, said once above the terms it holds in the note below the matrix."""
_CHOICE = "this programme's choice"


def _bases(terms: list[Term], regimes: frozenset[str]) -> str:
    """What requires each term, in full: the note below the matrix (and the printed page's),
    the terms grouped by the kind of their basis, which is said once for the group (a list of
    sixteen terms each followed by "policy (this programme's choice)" read as noise), each
    term with what its basis adds."""
    groups: dict[str, list[str]] = {}
    for term in terms:
        kind = term.kind_for(regimes)
        detail = _detail(_basis(term, regimes), kind)
        said = f": {h(detail)}" if detail else ""
        name = h(term.name.replace("_", " "))
        groups.setdefault(kind, []).append(f'<li><span class="term">{name}</span>{said}</li>')
    items = "".join(
        f'<dt><span class="basis basis-{slug(kind)}">{h(kind)}</span>: '
        f"{h(_KINDS.get(kind, ''))}</dt><dd><ul>{''.join(groups[kind])}</ul></dd>"
        for kind in sorted(groups, key=lambda k: list(_KINDS).index(k) if k in _KINDS else 9)
    )
    return f'<h3 id="coverage-basis">What requires each term</h3><dl class="bases">{items}</dl>'


def _detail(basis: str, kind: str) -> str:
    """What a basis of ``kind`` says beyond its kind, which its group says: ``policy (this
    programme's choice; no law requires step-in rights)`` adds "no law requires step-in
    rights", ``policy (this programme's choice)`` nothing. A basis of another kind (a law
    binding none of the repository's entities, policy here) is said in full."""
    if basis_kind(basis) != kind:
        return basis
    rest = basis[len(kind) :].strip(" :")
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    parts = [p.strip() for p in rest.split(";")]
    said = [p.removeprefix(_CHOICE).lstrip(" :,") for p in parts]
    return "; ".join(p for p in said if p)


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
    places = _places(posture, supplier.document)
    found = [f for place in places for f in _findings(posture, place, term)]
    active = [f for f in found if f.suppression is None]
    if active:
        extra = f" ({len(active)})" if len(active) > 1 else ""
        return _show("gap", posture.link(active[0], markup=_mark("gap", extra)))
    if found:
        return _show("suppressed", posture.link(found[0], markup=_mark("suppressed")))
    unread = _unreadable(posture, places, term)
    if unread is not None:  # its rules wait for the field's schema error: nothing was judged
        return _show("unchecked", posture.link(unread, markup=_mark("unchecked")))
    return _show(_unreported(posture, places, term))


def _unreadable(posture: Posture, places: list[Document], term: Term) -> Finding | None:
    """The schema error at a field holding ``term`` (``window_hours: 24h``), if one stands:
    the rules asking the term wait for it, so the term is not met, only not judged."""
    paths = term_paths(term.name)
    for place in places:
        for finding in posture.about(place, ("SCH-01",)):
            at = finding.json_path
            if finding.suppression is None and any(at[: len(p)] == p for p in paths):
                return finding
    return None


def _unreported(posture: Posture, places: list[Document], term: Term) -> str:
    """A cell no finding reports: met where one of the term's rules ran on a document asked
    the term; else why not (no contract, none of them asked it, or no rule ran)."""
    kinds = {posture.kinds.get(code) for code in term.rules}
    candidates = [p for p in places if None in kinds or p.kind in kinds]
    asked = [p for p in candidates if _asks(posture, p, term)]
    if any(posture.ran_on(code, p) for p in asked for code in term.rules):
        field = _RECORDED.get(term.name)
        contracts = [p for p in asked if p.kind == "Contract"]
        if field and contracts and not any(value_at(p.data, *field) is True for p in contracts):
            return "exempt"
        return "met"
    if not candidates:
        return "no-contract" if kinds == {"Contract"} else "unchecked"
    return "unchecked" if asked else "na"


def _show(kind: str, content: str | None = None) -> str:
    return f'<td class="cell {kind}">{content or _mark(kind)}</td>'


def _mark(kind: str, extra: str = "") -> str:
    """``✔ met``: the symbol, then the word in a span of its own, which the printed page leaves
    out so that every term's column fits the page's width (the legend says each symbol)."""
    symbol, word = _CELLS[kind]
    return f'{symbol}<span class="word"> {h(word)}</span>{h(extra)}'


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
    """The findings on ``document`` that report ``term`` (not every finding of its rules:
    some rules check several terms, or other things besides)."""
    asked = _asks(posture, document, term)
    found = posture.about(document, _rules_of(term))
    return [f for f in found if reports(f, term.name, document, asked)]


def _rules_of(term: Term) -> tuple[str, ...]:
    """The rules whose findings may report ``term``: its own, and one that reports it where the
    section holding it is missing altogether (CTR-03 for the notice's content)."""
    return (*term.rules, *rules_reporting(term.name))


def _asks(posture: Posture, document: Document, term: Term) -> bool:
    """Whether the requirements matrix asks ``term`` of the document (a kind it has no say
    over, a playbook, is asked whatever its supplier is)."""
    requires = posture.facts.of(document).get("requires")
    return requires is None or term.name in requires
