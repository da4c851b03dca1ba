"""Clauses recorded as not applicable: each contract clause the firm has judged to have no object
in its arrangement (``clauses.<id>.applicable: false`` with a reason). The clause rules accept
such a clause in place of the clause itself, so the judgement is listed here for review."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.lifecycle import ENDED
from resilint.domain.readers import in_order, mapping_at, text_of
from resilint.report.markup import h
from resilint.report.posture import Posture


def rows(posture: Posture) -> Iterator[tuple[str, str, str, str, str]]:
    """(contract, supplier, clause, reason, file) of every clause of a live contract recorded
    as not applicable."""
    facts = posture.facts
    for contract in in_order(facts.index.of_kind("Contract")):
        if facts.contract(contract).lifecycle == ENDED:
            continue
        for clause, entry in mapping_at(contract.data, "clauses").items():
            if isinstance(entry, dict) and entry.get("applicable") is False:
                reason = text_of(entry.get("reason")) or "(no reason recorded)"
                supplier = text_of(contract.data.get("supplier")) or ""
                yield str(contract.id), supplier, str(clause), reason, posture.where(contract.path)


def render(posture: Posture) -> str:
    """A sub-section of the coverage section (empty when no clause is recorded so)."""
    found = list(rows(posture))
    if not found:
        return ""
    body = "".join(
        f"<tr><td>{h(contract)}</td><td>{h(supplier)}</td><td>{h(clause)}</td>"
        f"<td>{h(reason)}</td><td>{h(where)}</td></tr>"
        for contract, supplier, clause, reason, where in found
    )
    return (
        '<h3 id="not-applicable">Clauses recorded as not applicable</h3>'
        "<p>The clause rules accept these in place of the clause: review each judgement.</p>"
        '<div class="scroll"><table><caption>Clauses recorded as not applicable</caption>'
        '<thead><tr><th scope="col">contract</th><th scope="col">supplier</th>'
        '<th scope="col">clause</th><th scope="col">reason</th><th scope="col">file</th></tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )
