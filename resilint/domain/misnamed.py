"""References that name no document but most likely mean one (REF-01 suggests it): a
continuity plan naming function ``last-mile`` where the function is ``last-mile-delivery``.

Until the reference is corrected, a rule that counts the documents referring to the one it
means (BCM-07: a critical function's continuity plans) would report it as having none, a
finding that follows from the reference alone: such a rule waits for REF-01's finding to be
fixed. Computed once a check, for each reference field a rule counts referrers by."""

from __future__ import annotations

from typing import TYPE_CHECKING

from resilint.schemas import ANY_ITEM, ANY_KEY
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
        stand_in = _stand_in(field, document)
        if stand_in is not None and index.get(field.target, stand_in) is not None:
            meant.setdefault(stand_in, []).append(document)
    return meant


Accepted = frozenset[tuple[str | None, str | None, tuple[str | int, ...]]]
"""References whose REF-01 is suppressed (a standing Waiver, an inline comment, the baseline or
``per_file_ignores``), accepted as they are, by kind, id and field of the document holding them
(:func:`resilint.suppress.silenced_references`)."""


def unaccepted(
    facts: Facts, field: RefField, documents: list[Document], accepted: Accepted
) -> list[Document]:
    """The documents misnaming a reference in ``field`` but those whose every such reference
    a waiver of REF-01 accepts: a plan naming function ``last-mile`` with a waiver saying it
    means the subsidiary's own function, not ``last-mile-delivery``. The waiver accepts the
    reference, not what it would hide: the function it was taken to mean is judged without
    that plan (BCM-07 says it has none) instead of waiting for the reference to be corrected."""
    if not accepted:
        return documents
    index = facts.index
    kept = []
    for document in documents:
        dangling = [
            path
            for path, value in field.values(document.data)
            if isinstance(value, str) and index.get(field.target, value) is None
        ]
        if not all((document.kind, document.id, path) in accepted for path in dangling):
            kept.append(document)
    return kept


_DECLARED = frozenset({"apiVersion", "kind"})


def _stand_in(field: RefField, document: Document) -> str | None:
    """The value of the one unknown field of a document that lacks the top-level reference
    ``field`` (``lieferant: acme`` where ``supplier`` is missing): SCH-01 asks to rename the
    key, and until then the document is taken to mean what it names."""
    pattern = field.pattern
    step = pattern[0] if len(pattern) == 1 else None
    if not isinstance(step, str) or step in (ANY_ITEM, ANY_KEY) or step in document.data:
        return None
    from resilint.load.kinds import kind_fields  # rare: a document lacking a reference field

    known = kind_fields().get(field.kind)
    if known is None:
        return None
    unknown = [key for key in document.data if key not in known and key not in _DECLARED]
    value = document.data.get(unknown[0]) if len(unknown) == 1 else None
    return value if isinstance(value, str) else None
