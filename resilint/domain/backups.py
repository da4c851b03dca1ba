"""Which critical functions need backups of ours, and which controls count as naming them: one
reading for BCM-06, which reports a missing or untested backup, and the calendar, which lists
the restore test it will ask for. A function run only by regulated firms asks none; a control
naming a function misspelt covers it, as correcting the name will (REF-01 reports the name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from resilint.domain.controls import covers_function
from resilint.domain.delivery import OWN_TRADE
from resilint.domain.misnamed import Accepted, misnamed_referrers, unaccepted
from resilint.domain.readers import strings, value_at
from resilint.schemas import RefField

if TYPE_CHECKING:
    from resilint.domain.model import Facts
    from resilint.model import Document

CONTROL_FUNCTIONS = RefField("Control", ("functions", "[]"), "BusinessFunction")
"""The reference from a control to the functions it protects."""


def held_by_regulated_firms(facts: Facts, function: Document) -> bool:
    """The function runs on no ICT of ours that we record: it rests only on suppliers that
    provide no ICT services and serve it as a bank, custodian, scheme or adviser (their
    records are theirs to keep and restore), and names no cloud region or sign-in of its own.
    A pension fund's investment management, done by its custodian and fiduciary manager."""
    depends = value_at(function.data, "depends_on")
    if not isinstance(depends, dict) or depends.get("cloud") or depends.get("identity_providers"):
        return False
    named = list(strings(depends.get("suppliers")))
    for item in depends.get("services") or []:
        supplier = value_at(item, "supplier")
        if not isinstance(supplier, str):
            return False
        named.append(supplier)
    if not named:
        return False
    for supplier_id in named:
        found = facts.supplier_by_id(supplier_id)
        if found is None or found.ict or not found.service_models:
            return False
        if not found.service_models <= OWN_TRADE:
            return False
    return True


def misspelling_controls(
    facts: Facts, function_id: str, accepted: Accepted = frozenset()
) -> list[Document]:
    """The controls whose ``functions`` name no function but most likely mean ``function_id``,
    but those a waiver of REF-01 accepts as they are (``accepted``)."""
    meant = list(facts.derived(misnamed_referrers, CONTROL_FUNCTIONS).get(function_id, []))
    return unaccepted(facts, CONTROL_FUNCTIONS, meant, accepted)


def critical_entities(facts: Facts) -> dict[str, tuple[str, ...]]:
    """Each critical or important function's id, with the entities whose systems a control
    must run on to cover it: what BCM-09 and the calendar's restore tests of each backup read."""
    return {
        str(f.id): facts.function(f).entities
        for f in facts.critical_functions()
        if f.id is not None
    }


def critical_covered(control: Document, critical: dict[str, tuple[str, ...]]) -> list[str]:
    """The critical functions (:func:`critical_entities`) a control covers
    (:func:`.controls.covers_function`)."""
    return [f for f, entities in critical.items() if covers_function(control, f, entities)]
