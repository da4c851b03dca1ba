"""The annual filing of a covered entity under NYDFS, defined once for ENT-02 and the calendar:
by 15 April of each year, for the prior calendar year, a certification of material compliance
with 23 NYCRR Part 500 or an acknowledgment of noncompliance (500.17(b)(1), as amended
November 2023), recorded on the Entity (``nydfs_certifications``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from resilint.domain.readers import as_date, dicts, integer
from resilint.findings import JsonPath
from resilint.model import Document

DUE_MONTH, DUE_DAY = 4, 15
"""15 April: 500.17(b)(1) ("Annually each covered entity shall submit ... by April 15")."""


@dataclass(frozen=True)
class Filing:
    """The filing for one calendar year: when it falls due and what the entity records of it."""

    year: int
    """The calendar year it covers."""
    due: datetime.date
    """15 April of the next year: the last day to file it."""
    recorded: dict[str, Any] | None
    """The entity's item of ``nydfs_certifications`` for the year (the first), or None."""
    path: JsonPath
    """Where that item is, or the list (the field) where none is."""

    @property
    def filed(self) -> datetime.date | None:
        return as_date(self.recorded.get("filed")) if self.recorded is not None else None


def due_on(year: int) -> datetime.date:
    """The last day to file the certification covering ``year``."""
    return datetime.date(min(year + 1, datetime.MAXYEAR), DUE_MONTH, DUE_DAY)


def last_due(entity: Document, as_of: datetime.date) -> Filing | None:
    """The filing whose last day has passed most recently by ``as_of`` (from 16 April, the
    prior year's; until then, the year before), as the entity records it; None where that
    is a year before 2017, the first a filing covered."""
    year = as_of.year - 1 if as_of > due_on(as_of.year - 1) else as_of.year - 2
    return filing(entity, year) if year >= 2017 else None


def next_due(entity: Document, as_of: datetime.date) -> Filing:
    """The first filing whose last day is on or after ``as_of``."""
    year = as_of.year - 1 if as_of <= due_on(as_of.year - 1) else as_of.year
    return filing(entity, year)


def filing(entity: Document, year: int) -> Filing:
    """The filing covering ``year``, with the entity's first item recording it."""
    for position, item in dicts(entity.data.get("nydfs_certifications")):
        if integer(item.get("year")) == year:
            return Filing(year, due_on(year), item, ("nydfs_certifications", position))
    return Filing(year, due_on(year), None, ("nydfs_certifications",))
