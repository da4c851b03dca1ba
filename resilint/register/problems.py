"""A problem of a built register, at the document and field its row or cell comes from: what
the ESAs' checks would reject or flag (:mod:`.checks`), with the remedy in words
(:mod:`.remedies`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilint.patterns import kept
from resilint.register.model import Place
from resilint.register.remedies import remedy

if TYPE_CHECKING:
    from resilint.findings import Finding


@dataclass(frozen=True)
class Problem:
    """What a register check found at one cell: the column, the place and the message."""

    template: str
    column: str
    """The column code (``c0010``), or the first of a key's."""
    place: Place
    message: str
    rule: str
    """The ESAs' check or rule it answers to: ``807 (R7)``, ``e23680_e``, ``ISO 17442``."""
    value: str = ""
    """The value written in the cell, where it says what is wrong (a closed list's)."""

    @property
    def cell(self) -> str:
        """``B_02.02.0050``: the template column, as the ITS cites it."""
        return f"{self.template}.{self.column[1:]}"

    @property
    def advice(self) -> str:
        """What to change, in words: which field of which document (:mod:`.remedies`)."""
        return remedy(self.template, self.column, self.rule, self.place, self.value)


_CITED = kept(r"(B_\d\d\.\d\d)\.(\d{4}((?:(?:,| and| to|,? and) \d{4})*))")
"""A template column as a message cites it, with the columns it names after it:
``B_02.01.0050 and 0040``, ``B_06.01.0080 and 0090``."""


@functools.lru_cache(maxsize=4096)
def cited(message: str) -> frozenset[str]:
    """The template columns ``message`` cites (``B_02.01.0050 and 0040``: both). Kept: REG-12
    asks it of the same finding's message for each problem of its document."""
    found: set[str] = set()
    for match in _CITED.finditer(message):
        found.update(f"{match.group(1)}.{n}" for n in re.findall(r"\d{4}", match.group(2)))
    return frozenset(found)


def reports(finding: Finding, problem: Problem) -> bool:
    """Whether ``finding`` reports ``problem``: on the same document, at the problem's field or
    at the part of the document that holds it (a subcontractor without an identifier is the
    empty code, type and person of its B_05.01 row), or, at the document as a whole, citing
    the problem's column. Where a
    readiness rule says it, the problem is not said again (REG-12), and the export does not list
    it apart."""
    document = problem.place.document
    if (finding.path, finding.kind, finding.doc_id) != (document.path, document.kind, document.id):
        return False
    gaps = [(part.json_path, part.message) for part in finding.parts]  # the gaps it folds
    pairs = [(finding.json_path, finding.message), *gaps]
    return any(
        problem.place.path[: len(at)] == at  # at a part of the document: the problem is in it
        if at not in ((), ("id",))
        else problem.cell in cited(message)  # at the document: what it names
        for at, message in pairs
    ) or (
        # at a field of the document itself, a finding citing the column of a problem at another
        # such field (REG-03 at termination_reason asks B_02.02.0090; the register finds it at
        # the end date the contract ended on)
        len(problem.place.path) == 1
        and any(len(at) == 1 and problem.cell in cited(message) for at, message in pairs)
    )
