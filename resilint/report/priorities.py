"""What to fix first: the headline's short list for a committee with ten minutes. The active
errors and warnings, ranked by what they expose: errors before warnings, then by how many
critical or important functions the gap reaches (the function it is about, or the functions a
24-hour outage of the supplier it is about would stop, as the what-if table counts them, or,
for an insurance gap that may leave a policy's cover unpaid, the functions of the entities the
policy insures), then by those whose claims a gap in the proof of a claim leaves open to
dispute (:mod:`resilint.report.cover_at_risk`), then whether a law asks it (a rule of a
regulatory profile: dora, dora-register, nis2, nydfs) before what this programme's policy asks
(the baseline profile, a repository's own rules), then whether it concerns a critical supplier.
Each says in words what is asked, what it concerns and what it exposes, and links to its
finding."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from resilint.domain.readers import in_order
from resilint.domain.regimes import REGIME_OF_PROFILE
from resilint.findings import Finding, Level
from resilint.model import Document
from resilint.report import cover_at_risk
from resilint.report.markup import h
from resilint.report.posture import Posture

MOST = 5
"""As many as a board member reads before the meeting; the rest are in the findings table."""

_ON_A_SUPPLIER = ("Contract", "Identity", "Playbook")
"""Kinds whose documents name the one supplier they are about in ``supplier``."""


def render(posture: Posture) -> str:
    gaps = [f for f in posture.findings if f.suppression is None and f.level >= Level.WARNING]
    if not gaps:
        return '<p class="first">Nothing to fix first: no active error or warning.</p>'
    exposed = _exposure(posture)
    grouped = _alike(posture, ranked(posture, gaps))
    rows = "".join(_row(posture, n, same, exposed) for n, same in enumerate(grouped[:MOST], 1))
    more = sum(len(same) for same in grouped[MOST:])
    rest = (
        f"<p>And {more} more {'error or warning' if more == 1 else 'errors and warnings'} in "
        'the <a href="#findings">findings</a>.</p>'
        if more > 0
        else ""
    )
    return (
        '<table class="first"><caption>What to fix first: the errors, then the warnings, '
        "each ranked by the critical and important functions it exposes, then what a law "
        "asks before what programme policy does</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">rule</th>'
        '<th scope="col">concerns</th><th scope="col">exposes</th>'
        '<th scope="col">level</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{rest}"
    )


def _alike(posture: Posture, found: list[Finding]) -> list[list[Finding]]:
    """The ranked findings, those of one rule about one and the same thing (a policy leaving
    out two suppliers: INS-04 twice at the policy's cover) in one row, at the place of the
    first: a committee reads one gap once, with how many findings it holds."""
    rows: dict[tuple[str, str, Level], list[Finding]] = {}
    for finding in found:
        key = (finding.code, concerns(posture, finding), finding.level)
        rows.setdefault(key, []).append(finding)
    return list(rows.values())


def ranked(posture: Posture, found: Iterable[Finding]) -> list[Finding]:
    """Errors, then warnings, then infos; each by the critical and important functions it
    exposes (those a claim may be disputed for after the others), then what a law asks before
    what programme policy does (:func:`by_law`), then whether it concerns a critical
    supplier."""
    exposed = _exposure(posture)
    critical = _critical_suppliers(posture)
    return sorted(
        found,
        key=lambda f: (
            -f.level,
            -len(exposed.functions.get(id(f), ())),
            -len(exposed.risk.disputed.get(id(f), ())),
            not by_law(posture, f),
            _supplier_of(posture, f) not in critical,
            f.code,
            f.path,
            f.line,
        ),
    )


def by_law(posture: Posture, finding: Finding) -> bool:
    """Whether a law asks what the finding's rule does: the rule belongs to a regulatory
    profile (DORA, its register of information, NIS2, NYDFS), whose rules cite the article.
    A rule of the baseline profile asks this programme's policy or market practice (its
    references may cite a law it goes beyond, as CON-04's exit plan for every irreplaceable
    service does DORA's for ICT services only); a built-in check or a repository's own rule
    (baseline unless it names a profile) is not taken for law either."""
    doc = posture.rules.get(finding.code)
    return doc is not None and any(p in REGIME_OF_PROFILE for p in doc.profiles)


def rule_in_words(posture: Posture, finding: Finding) -> str:
    """The rule's title (what it asks), its code a link to the finding: markup."""
    doc = posture.rules.get(finding.code)
    asked = doc.title if doc is not None and doc.title else finding.message
    return f"{h(asked)} ({posture.link(finding)})"


def concerns(posture: Posture, finding: Finding) -> str:
    """What the finding is about: its document (``contract ctr-acme``), with the named item of
    a list it is in (``insurance policy cyber-2026, condition mfa-remote-access``: two
    conditions of one policy told apart), else its file."""
    if finding.kind and finding.doc_id:
        return f"{_words(finding.kind)} {finding.doc_id}{_item(posture, finding)}"
    return posture.where(finding.path)


def _item(posture: Posture, finding: Finding) -> str:
    """``, condition mfa-remote-access`` where the finding's field is in an item, with an
    ``id``, of a list of its document (the first such on its path), else nothing."""
    document = posture.checked.model.index.get(finding.kind or "", finding.doc_id or "")
    data: object = document.data if document is not None else None
    field = ""
    for step in finding.json_path:
        if isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data):
            data = data[step]
            named = data.get("id") if isinstance(data, dict) else None
            if isinstance(named, str) and named and field:
                return f", {_singular(field)} {named}"
        elif isinstance(step, str) and isinstance(data, dict):
            data, field = data.get(step), step
        else:
            return ""
    return ""


def _singular(field: str) -> str:
    """A list field's name for one of its items, in words: ``conditions`` a condition,
    ``remedies`` a remedy, ``depends_on`` itself."""
    words = field.replace("_", " ")
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith("s") and not words.endswith("ss"):
        return words[:-1]
    return words


def _row(posture: Posture, n: int, same: list[Finding], exposed: _Exposed) -> str:
    finding = same[0]
    exposes = _exposes(same, exposed)
    held = f" ({len(same)} findings)" if len(same) > 1 else ""
    return (
        f'<tr data-level="{finding.level.label}"><td class="num">{n}</td>'
        f"<td>{rule_in_words(posture, finding)}</td>"
        f"<td>{h(concerns(posture, finding) + held)}</td>"
        f"<td>{h(exposes)}</td><td>{h(finding.level.label)}</td></tr>"
    )


def _exposes(same: list[Finding], exposed: _Exposed) -> str:
    """The functions findings of one row expose, in words; those of an insurance gap with the
    policy whose cover it puts at risk and how."""
    functions = set().union(*(exposed.functions.get(id(f), set()) for f in same))
    disputed = set().union(*(exposed.risk.disputed.get(id(f), set()) for f in same))
    covers = list(dict.fromkeys(p for f in same for p in exposed.risk.policies.get(id(f), [])))
    if not functions and not disputed:
        return "no critical or important function"
    words = ", ".join(sorted(functions | disputed))
    if not covers:
        return words
    named = covers[0] if len(covers) == 1 else f"{', '.join(covers[:-1])} and {covers[-1]}"
    policies = f"insurance {'policy' if len(covers) == 1 else 'policies'} {named}"
    if functions:
        return f"{words} (the cover of {policies} may not pay)"
    return f"{words} (a claim under {policies} may be disputed)"


def _words(kind: str) -> str:
    return Document("", 0, 0, kind, None, {}).label


class _Exposed(NamedTuple):
    functions: dict[int, set[str]]
    """Each finding's critical and important functions, by ``id(finding)``: those it concerns,
    those an outage of the supplier it concerns stops and those whose losses the insurance
    cover it puts at risk may not pay for."""
    risk: cover_at_risk.AtRisk
    """What the insurance and claims-evidence findings put at risk."""


def _exposure(posture: Posture) -> _Exposed:
    """What each finding exposes (:class:`_Exposed`)."""
    risk = cover_at_risk.at_risk(posture)
    exposed: dict[int, set[str]] = defaultdict(set)
    for key, unpaid in risk.unpaid.items():
        exposed[key].update(unpaid)
    for function in posture.facts.critical_functions():
        for finding in posture.concerning(function):
            exposed[id(finding)].add(str(function.id))
    stops = {
        impact.target.value: {f.id for f in impact.functions if f.critical and f.stopped}
        for impact in posture.what_if
    }
    index = posture.facts.index
    for finding in posture.findings:
        functions = stops.get(_supplier_of(posture, finding) or "")
        if functions:
            exposed[id(finding)].update(functions)
    for supplier, functions in stops.items():
        document = index.get("Supplier", supplier)
        if document is not None:
            for finding in posture.concerning(document):
                exposed[id(finding)].update(functions)
    return _Exposed(exposed, risk)


def _supplier_of(posture: Posture, finding: Finding) -> str | None:
    """The supplier a finding is about: its own document's, or the one its contract, identity
    or playbook names."""
    if finding.kind == "Supplier":
        return finding.doc_id
    if finding.kind in _ON_A_SUPPLIER and finding.doc_id:
        document = posture.facts.index.get(finding.kind, finding.doc_id)
        named = document.data.get("supplier") if document is not None else None
        return named if isinstance(named, str) else None
    return None


def _critical_suppliers(posture: Posture) -> set[str]:
    suppliers: Iterable[Document] = posture.facts.index.of_kind("Supplier")
    return {str(s.id) for s in in_order(suppliers) if posture.facts.supplier(s).critical}
