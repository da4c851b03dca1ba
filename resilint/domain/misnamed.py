"""References that name no document but most likely mean one (REF-01 suggests it): a
continuity plan naming function ``last-mile`` where the function is ``last-mile-delivery``.

Until the reference is corrected, a rule that counts the documents referring to the one it
means (BCM-07: a critical function's continuity plans) would report it as having none, a
finding that follows from the reference alone: such a rule waits for REF-01's finding to be
fixed. Computed once a check, for each reference field a rule counts referrers by."""

from __future__ import annotations

from typing import TYPE_CHECKING

from resilint.suggest import check_budget

if TYPE_CHECKING:
    from resilint.domain.model import Facts
    from resilint.model import Document
    from resilint.schemas import RefField


def misnamed_referrers(facts: Facts, field: RefField) -> dict[str, list[Document]]:
    """The documents whose ``field`` names no document, by the id each most likely means."""
    index = facts.index
    budget = check_budget(len(index.documents))
    meant: dict[str, list[Document]] = {}
    for document in index.of_kind(field.kind):
        for _, value in field.values(document.data):
            if not isinstance(value, str) or index.get(field.target, value) is not None:
                continue
            target = index.meant(field.target, value, budget)
            if target is not None:
                meant.setdefault(target, []).append(document)
    return meant
