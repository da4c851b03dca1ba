"""The register of one entity as rows of the fifteen templates, each row and cell knowing the
document and field it came from, so that a problem with a row is reported where it can be fixed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from resilint.domain.readers import text_of
from resilint.findings import JsonPath
from resilint.model import Document
from resilint.register.templates import TEMPLATES

OPEN_END = "9999-12-31"
"""End dates and deletion dates that have not come: the ESAs' convention."""
NOT_APPLICABLE = "Not Applicable"
"""B_04.01.0040 of a row that is not a branch: the column is a key, so it cannot be empty."""


@dataclass(frozen=True, slots=True)
class Place:
    """A field of a document: where a row or a cell comes from."""

    document: Document
    path: JsonPath = ("id",)


def places(document: Document, **fields: str) -> dict[str, Place]:
    """Cells that come from top-level fields of one document, by column code."""
    return {code: Place(document, (name,)) for code, name in fields.items()}


@dataclass(slots=True)
class Row:
    """One row of a register template: its values by column, and where each came from."""

    values: dict[str, str]
    """Cells by column code (``c0010``), as the xBRL-CSV package writes them."""
    source: Place
    places: dict[str, Place] = field(default_factory=dict)
    """Where a cell comes from, when not from ``source``."""

    def place(self, code: str) -> Place:
        return self.places.get(code, self.source)


@dataclass
class Register:
    """The register of information as built: its keeper, level, reference date and rows."""

    maintainer: Document
    lei: str
    level: str
    """CON when the register covers more than one legal person (a group), else IND."""
    reference_date: datetime.date
    base_currency: str
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t.id: [] for t in TEMPLATES})
    unassessed: list[Place] = field(default_factory=list)
    """Where an arrangement the register's entities use is said to support a critical or
    important function while no ICT service it covers is recorded as supporting one: B_05.02
    and B_07.01 have no row for it (they cover such services), which :mod:`.checks` reports."""
    _seen: dict[str, set[frozenset[tuple[str, str]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """The values of each template's rows: a repeat is found at once, not by comparing it with
    every row before it (quadratic: 80 of a 10,000-document check's 100 profiled seconds)."""

    def add(self, template: str, row: Row) -> None:
        """A row; once only when it repeats another exactly (two services of one type under one
        contract are one row of the register)."""
        values = frozenset(row.values.items())
        seen = self._seen.setdefault(template, set())
        if values not in seen:
            seen.add(values)
            self.rows[template].append(row)

    def complete(self) -> None:
        """Every row is in: the values kept to find repeats are let go (as large as the rows,
        they would stay as long as the register, which a check keeps for its three checks)."""
        self._seen.clear()


def reference(contract: Document) -> str:
    """The arrangement's reference number (B_02.01.0010): as recorded, else the contract's id."""
    return text_of(contract.data.get("arrangement_reference")) or str(contract.id)
