"""What a Control covers: the entities whose systems it runs on (``entities``; every entity of
the repository when it names none, a group-wide control) and the business functions it protects
(``functions``; every function when it names none). One meaning for every check that asks
whether a control counts: for an entity under NYDFS (IAM-06), for the entities an insurance
policy insures (INS-01), for a critical function's backups (BCM-06, BCM-09). A group whose
subsidiary runs no MFA is not covered by its parent's MFA control that names only the parent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from resilint.domain.readers import strings
from resilint.model import Document


def entities_of(control: Document) -> frozenset[str] | None:
    """The entities a control names, or None where it names none (it covers every entity)."""
    named = strings(control.data.get("entities"))
    return frozenset(named) if named else None


def covers_entity(control: Document, entity: str) -> bool:
    named = entities_of(control)
    return named is None or entity in named


def covers_any_entity(control: Document, entities: Iterable[str]) -> bool:
    """Whether the control runs on the systems of one of ``entities`` (those of a function or a
    contract: every entity when they name none)."""
    named = entities_of(control)
    return named is None or not named.isdisjoint(entities)


def scoped(controls: Sequence[Document]) -> bool:
    """Whether any of the controls names the entities it covers (else every control counts for
    every entity, and a check need not ask entity by entity)."""
    return any(entities_of(control) is not None for control in controls)


def for_entity(controls: Sequence[Document], entity: str) -> list[Document]:
    return [control for control in controls if covers_entity(control, entity)]


def covers_function(
    control: Document,
    function: str | None,
    entities: Iterable[str],
    meant: Sequence[Document] = (),
) -> bool:
    """Whether a control protects a function: it lists the function (or lists none, or lists it
    misspelt: ``meant``, the controls doing so, as correcting it will), and runs on the systems of
    one of the function's ``entities``."""
    named = strings(control.data.get("functions"))
    listed = not named or function in named or any(control is c for c in meant)
    return listed and covers_any_entity(control, entities)
