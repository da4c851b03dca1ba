"""Template B_07.01, the assessment of the ICT services supporting critical or important
functions: one row per contract, provider and ICT service type (its key, columns 0010, 0020 and
0040), from the services the contract covers that support such a function
(:func:`.providers.assessed_services`): a service of the same type it also covers that supports
none (the e-mail beside the sign-in of one productivity contract) is not assessed with them.
Services of one type under one contract that do support one are assessed together: the row holds
what the hardest of them to replace or reintegrate says (the ESAs ask how the provider's services
of that type could be substituted; a row as easy as the easiest would understate it), an exit
plan only where every one of them has one, and the latest audit by the reference date."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from resilint.domain import Facts
from resilint.domain.readers import dicts, strings, text_of, value_at
from resilint.model import Document
from resilint.register import codes
from resilint.register.model import Place, Register, Row, reference
from resilint.register.values import day, service_type

Cell = tuple[str, Place]
"""A column's value for one service, and where it is recorded."""
Service = tuple[int, dict[str, Any]]


def add_assessment(
    facts: Facts,
    register: Register,
    contract: Document,
    supplier: Document,
    services: Sequence[Service],
    provider: tuple[str, str],
) -> None:
    """The B_07.01 rows of the contract's services (``services``: those it assesses) with the
    provider (``provider``: its code and the code's type, B_07.01.0020 and 0030)."""
    by_type: dict[str, list[Service]] = {}
    for j, service in services:
        kind = service_type(service)
        # a service without a type keeps a row of its own: REG checks point at its field
        by_type.setdefault(kind or f"#{j}", []).append((j, service))
    code, kind = provider
    for group in by_type.values():
        cells = [_cells(facts, supplier, j, service) for j, service in group]
        first = group[0][0]
        values = {"c0010": reference(contract), "c0020": code, "c0030": kind}
        places = dict.fromkeys(("c0020", "c0030"), Place(supplier, ("provider_id",)))
        for column, merge in _MERGES.items():
            values[column], places[column] = merge([c[column] for c in cells])
        register.add("B_07.01", Row(values, Place(supplier, ("services", first)), places))


_NAMES = {
    "c0040": "ict_service_type",
    "c0050": "substitutability",
    "c0060": "non_substitutability_reason",
    "c0070": "last_audit",
    "c0080": "exit_plan",
    "c0090": "reintegration",
    "c0100": "discontinuation_impact",
    "c0110": "alternatives_identified",
    "c0120": "alternatives",
}


def _cells(facts: Facts, supplier: Document, j: int, service: dict[str, Any]) -> dict[str, Cell]:
    alternative = _alternative(facts, supplier, str(service.get("name")))
    identified = text_of(service.get("alternatives_identified")) or ("yes" if alternative else "")
    values = {
        "c0040": service_type(service),
        "c0050": codes.SUBSTITUTABILITY.get(str(service.get("substitutability")), ""),
        "c0060": codes.NOT_SUBSTITUTABLE_REASONS.get(
            str(service.get("non_substitutability_reason")), ""
        ),
        "c0070": _audit(day(service.get("last_audit")), facts.as_of.isoformat()),
        "c0080": codes.YES_NO[bool(value_at(service, "exit_plan", "reference"))],
        "c0090": codes.REINTEGRATION.get(str(service.get("reintegration")), ""),
        "c0100": codes.IMPACT.get(str(service.get("discontinuation_impact")), ""),
        "c0110": codes.YES_NO_NOT_ASSESSED.get(identified, ""),
        "c0120": alternative,
    }
    at = ("services", j)
    places = {c: Place(supplier, (*at, n)) for c, n in _NAMES.items()}
    places["c0120"] = Place(supplier, at)
    return {c: (v, places[c]) for c, v in values.items()}


def _audit(last: str, reference: str) -> str:
    """The last audit by the reference date: one after it is not reported as of that date, and
    the one before is not recorded (the column is not demanded, docs/register.md)."""
    return last if last <= reference else ""


def _alternative(facts: Facts, supplier: Document, service: str) -> str:
    """The identifier (else the id) of the first alternative recorded for the service."""
    for _, item in dicts(supplier.data.get("alternatives")):
        covers = strings(item.get("services"))
        if covers and service not in covers:
            continue
        other = facts.index.get("Supplier", str(item.get("supplier")))
        return (text_of(other.data.get("provider_id")) if other else None) or str(
            item.get("supplier")
        )
    return ""


def _ranked(order: Sequence[str]) -> Callable[[list[Cell]], Cell]:
    """The first cell whose value comes first in ``order`` (the hardest, the highest); an
    empty cell first of all, so that the register's checks point at the field to fill."""

    def pick(cells: list[Cell]) -> Cell:
        rank = {value: i for i, value in enumerate(("", *order))}
        return min(cells, key=lambda cell: rank.get(cell[0], len(rank)))

    return pick


def _first(cells: list[Cell]) -> Cell:
    return cells[0]


def _first_given(cells: list[Cell]) -> Cell:
    return next((cell for cell in cells if cell[0]), cells[0])


def _latest(cells: list[Cell]) -> Cell:
    """The latest audit (ISO dates order as text); empty only when none is recorded."""
    return max(cells, key=lambda cell: cell[0])


def _reason(cells: list[Cell]) -> Cell:
    """Both reasons where the services give different ones."""
    given = [cell for cell in cells if cell[0]]
    if len({value for value, _ in given}) > 1:
        return codes.NOT_SUBSTITUTABLE_REASONS["both"], given[0][1]
    return _first_given(cells)


_S, _R, _I = codes.SUBSTITUTABILITY, codes.REINTEGRATION, codes.IMPACT
_MERGES: dict[str, Callable[[list[Cell]], Cell]] = {
    "c0040": _first,
    "c0050": _ranked([_S[k] for k in ("not_substitutable", "highly_complex", "medium_complexity")]),
    "c0060": _reason,
    "c0070": _latest,
    "c0080": _ranked([codes.YES_NO[False]]),
    "c0090": _ranked([_R[k] for k in ("highly_complex", "difficult", "easy")]),
    "c0100": _ranked([_I[k] for k in ("high", "not_assessed", "medium", "low")]),
    "c0110": _ranked([codes.YES_NO_NOT_ASSESSED[k] for k in ("no", "not_assessed")]),
    "c0120": _first_given,
}
"""How the cells of services of one type combine into the row's cell."""
