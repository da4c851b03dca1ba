"""A problem of a built register, at the document and field its row or cell comes from: what
the ESAs' checks would reject or flag (:mod:`.checks`), with the remedy in words
(:mod:`.remedies`)."""

from __future__ import annotations

from dataclasses import dataclass

from resilint.register.model import Place
from resilint.register.remedies import remedy


@dataclass(frozen=True)
class Problem:
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
