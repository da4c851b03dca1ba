"""What an import builds (documents with the rows they came from) and how cells read back into
resilint's words."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from resilint.register import codes
from resilint.register.tables import SourceRow

Doc = dict[str, Any]
K = TypeVar("K", bound=Hashable)


@dataclass
class Built:
    """The documents being built, each with the rows it came from."""

    entities: dict[str, Doc] = field(default_factory=dict)
    suppliers: dict[str, Doc] = field(default_factory=dict)
    contracts: dict[str, Doc] = field(default_factory=dict)
    functions: dict[str, Doc] = field(default_factory=dict)
    function_ids: dict[str, str] = field(default_factory=dict)
    """The id each function identifier of B_06.01 became."""
    sources: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    unmapped: list[str] = field(default_factory=list)
    """Rows, or values of them, that the documents written do not hold."""
    noted: list[str] = field(default_factory=list)
    """Values the documents hold other than in their own field (in a note)."""

    def note(self, document: Doc, row: SourceRow) -> None:
        if row.where not in self.sources[id(document)]:
            self.sources[id(document)].append(row.where)


# -- values ------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """``text`` as a resilint id, or '' when nothing of it is a letter a-z or a digit (a name in
    another script): :func:`unique_ids` then takes the code."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.casefold()).strip("-._")[:128].strip("-._")


def unique_ids(named: Sequence[tuple[K, str, str]], prefix: str) -> dict[K, str]:
    """An id for each key of ``named`` (key, name, code: the code that identifies it in the
    register, unique to it): the name's slug, else ``prefix`` and the code's (a name in a script
    other than Latin); where two keys' names give one id, each takes its code as a suffix, so
    that two providers or entities never become one document. Deterministic: the same register
    gives the same ids."""
    base = {key: slug(name) or slug(f"{prefix}-{code}") or prefix for key, name, code in named}
    shared = Counter(base.values())
    ids: dict[K, str] = {}
    taken: set[str] = set()
    for key, _, code in named:
        found = base[key]
        if shared[found] > 1:
            found = f"{found[: 127 - len(slug(code))]}-{slug(code)}".strip("-")
        number = 2
        while found in taken:  # a code that still leaves two alike: numbered, in row order
            found = f"{base[key][:120]}-{number}"
            number += 1
        taken.add(found)
        ids[key] = found
    return ids


def word(value: str, table: dict[Any, str]) -> Any:
    """A cell in resilint's word for it: the QName's key in ``table``, or the word itself."""
    inverse = {qname: key for key, qname in table.items()}
    if value in inverse:
        return inverse[value]
    shown = {str(k).lower() if isinstance(k, bool) else k: k for k in table}
    return shown.get(value)


def country(value: str) -> str | None:
    member = value.partition(":")[2] if value.startswith("eba_GA:") else value
    return member if re.fullmatch(r"[A-Z]{2}", member) else None


def currency(value: str) -> str | None:
    member = value.partition(":")[2] if value.startswith("eba_CU:") else value
    return member if re.fullmatch(r"[A-Z]{3}", member) else None


def number(value: str) -> int | float | None:
    try:
        found = float(value)
    except ValueError:
        return None
    return int(found) if found.is_integer() else found


def objective(value: str) -> int | float | None:
    """A recovery objective in hours (B_06.01.0080, 0090); none for 0, which the register
    reports where no objective is set (Implementing Regulation (EU) 2024/2956, Annex I: an
    objective under one hour is reported as 1), not an objective of no time at all."""
    found = number(value)
    return None if found == 0 else found


def yes(value: str) -> bool | None:
    """Yes or no, as a QName (eba_BT:x28) or a word (yes, as the readable CSV writes it)."""
    found = word(value, codes.YES_NO_NOT_ASSESSED)
    return {"yes": True, "no": False}.get(found) if isinstance(found, str) else None


def member(value: str) -> str:
    """The member of a QName (``eba_TA:S19`` is ``S19``); a bare code as it is."""
    return value.partition(":")[2] if ":" in value else value


def clean(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if v not in (None, "", [], {})}


def service_of(supplier: Doc, kind: str) -> Doc:
    """The supplier's service of one ICT service type (the register knows services by type)."""
    for service in supplier["services"]:
        if service["ict_service_type"] == kind:
            found: Doc = service
            return found
    created: Doc = {"name": kind.lower(), "ict_service_type": kind}
    supplier["services"].append(created)
    return created
