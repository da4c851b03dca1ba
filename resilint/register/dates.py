"""The register's dates against its reference date: the register reports the arrangements and
entities as they stand on that date (ITS 2024/2956; the ESAs' Joint Decision of 8 November
2024 sets 31 December).

- An arrangement whose end date (B_02.02.0080) is before the reference date has ended, whatever
  its status says, and states why (0090): the register of the year it ended still reports it
  (EIOPA Q&A DORA 253-3393).
- A date that records something done, the integration of an entity in the register
  (B_01.02.0080) or the last assessment of a function's criticality (B_06.01.0070), cannot be
  after the reference date: the register as of that date cannot report it. (Columns decided
  elsewhere: an arrangement starting after the reference date is not in that register,
  :mod:`resilint.domain.registers`; a deletion after it is not one yet, 9999-12-31,
  :mod:`.build`; of the audits, the last one by the reference date is reported,
  :mod:`.assessment`; the date of last update, B_01.02.0070, may come after it, as the register
  is brought up to date for filing.)
"""

from __future__ import annotations

from collections.abc import Iterator

from resilint.register.model import Register
from resilint.register.problems import Problem
from resilint.register.remedies import AFTER, ENDED
from resilint.register.templates import BY_ID

DONE_BY_REFERENCE = (("B_01.02", "c0080"), ("B_06.01", "c0070"))
"""Dates of things done, which cannot come after the reference date."""


def problems(register: Register) -> Iterator[Problem]:
    yield from _ended(register)
    yield from _after(register)


def _ended(register: Register) -> Iterator[Problem]:
    reference = register.reference_date.isoformat()
    for row in register.rows["B_02.02"]:
        end = row.values.get("c0080", "")
        if end and end < reference and not row.values.get("c0090"):
            place = row.place("c0080")
            renews = place.document.data.get("auto_renew") is True
            # an end date alone does not end a contract that renews automatically: its recorded
            # end is stale, not an ending (domain.registers.contract_ended)
            happened = (
                f"its recorded end, {end}, is" if renews else f"the arrangement ended on {end},"
            )
            message = (
                f"B_02.02.0090 (Reason of the termination or ending of the contractual "
                f"arrangement) is empty, and {happened} before the reference date {reference}"
            )
            yield Problem("B_02.02", "c0090", place, message, ENDED, end)


def _after(register: Register) -> Iterator[Problem]:
    reference = register.reference_date.isoformat()
    for template, code in DONE_BY_REFERENCE:
        name = BY_ID[template].column(code).name
        for row in register.rows[template]:
            value = row.values.get(code, "")
            if value > reference:  # ISO dates order as text; an empty cell never does
                message = (
                    f"{template}.{code[1:]} ({name}) is {value}, after the reference date "
                    f"{reference}"
                )
                yield Problem(template, code, row.place(code), message, AFTER, value)
