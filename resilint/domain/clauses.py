"""Clause ids: the keys of a contract's ``clauses``, and which clause an id that names none
most likely means.

An id names a clause when a clause library defines it or a rule reads it (``dora.30.2.a``,
``nis2.staff_training``: the ids every loaded rule reads, resilint's and the repository's own,
whatever regime is in effect, so an id of another regime is never taken for a slip). An id
that names none, written as a near miss of exactly one that does (``nis2.staff_trainng``,
``dora.30.2c``), means that one: CTR-18 says so at the id, and a rule that finds the clause it
asks for lacking or not recorded says that the contract holds the near miss. One answer per
check, worked out once for every id written (in file order, within the "did you mean" budget),
so that the two always agree.

A near miss is what :func:`resilint.suggest.near_misses` finds, the nearest only, with the same
numbers: a number names an article, a point or a version, so ``dora.30.3.c`` is never a slip for
``dora.30.2.c``, nor ``sla_v2`` for ``sla_v1`` (written otherwise only in its separators or
case, ``dora.303.f`` for ``dora.30.3.f``, it is). An id as near to two (``dora.30.2.z``: a
letter off each point of Art. 30(2)) means neither: resilint cannot tell which clause, or which
law, the person meant, and says nothing, as of an id near none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilint.domain.readers import dicts, in_order, text_of
from resilint.suggest import Budget, check_budget, near_misses

if TYPE_CHECKING:
    from resilint.domain.model import Facts
    from resilint.model import Document

ReadBy = tuple[tuple[str, tuple[str, ...]], ...]
"""The clause ids the loaded rules read, each with the codes of the rules reading it."""


@dataclass(frozen=True)
class Defined:
    """Where a clause library defines a clause id: the library and the clause's place in its
    ``clauses`` list."""

    library: Document
    position: int


@dataclass(frozen=True)
class ClauseIds:
    """The clause ids of one check: where each is defined or read, and what the others mean."""

    defined: Mapping[str, Defined]
    """Each id a clause library defines, at the first library defining it (in file order)."""
    read: Mapping[str, tuple[str, ...]]
    """Each id a loaded rule reads, with the codes of the rules reading it."""
    libraries: tuple[Document, ...]
    meant: Mapping[str, str]
    """Each id a contract holds or a library defines that names no clause (a library's: that
    no rule reads), by the one id it is a near miss of."""

    def known(self, clause_id: str) -> bool:
        """Whether ``clause_id`` names a clause: a library defines it or a rule reads it."""
        return clause_id in self.defined or clause_id in self.read

    def held_for(self, contract: Document, clause_id: str) -> str | None:
        """The key of ``contract``'s clauses that is a near miss of ``clause_id``, where it
        holds exactly one and not ``clause_id`` itself: what the contract most likely records
        the clause under."""
        clauses = contract.data.get("clauses")
        if not self.meant or not isinstance(clauses, dict) or clause_id in clauses:
            return None
        held = [k for k in clauses if isinstance(k, str) and self.meant.get(k) == clause_id]
        return held[0] if len(held) == 1 else None


def clause_ids(facts: Facts, read: Callable[[], ReadBy]) -> ClauseIds:
    """The clause ids of the check, ``read`` giving those the loaded rules read
    (``facts.derived(clause_ids, read)``: once per check)."""
    libraries = tuple(in_order(facts.index.of_kind("ClauseLibrary")))
    defined: dict[str, Defined] = {}
    for library in libraries:
        for position, clause_id in _library_ids(library):
            defined.setdefault(clause_id, Defined(library, position))
    by_rules = dict(read())
    known = sorted({*defined, *by_rules})
    budget = check_budget(len(facts.index.documents))
    meant: dict[str, str] = {}
    decided: set[str] = set()
    for contract in in_order(facts.index.of_kind("Contract")):
        clauses = contract.data.get("clauses")
        for key in clauses if isinstance(clauses, dict) else ():
            if isinstance(key, str) and key not in defined and key not in by_rules:
                _decide(key, known, budget, meant, decided)
    rules_read = sorted(by_rules)
    for library in libraries:
        for _, clause_id in _library_ids(library):
            if clause_id not in by_rules:
                _decide(clause_id, rules_read, budget, meant, decided)
    return ClauseIds(defined, by_rules, libraries, meant)


def _library_ids(library: Document) -> Iterator[tuple[int, str]]:
    for position, clause in dicts(library.data.get("clauses")):
        clause_id = text_of(clause.get("id"))
        if clause_id:
            yield position, clause_id


def _decide(
    written: str, known: list[str], budget: Budget, meant: dict[str, str], decided: set[str]
) -> None:
    """Records what ``written`` means, once per id, while the budget lasts."""
    if written in decided or not budget.spend(len(known)):
        return
    decided.add(written)
    found = intended(written, known)
    if found is not None:
        meant[written] = found


def intended(written: str, known: Collection[str]) -> str | None:
    """The one id of ``known`` that ``written`` is a near miss of (the module's words), or
    None: near none, or as near to two."""
    near = {
        clause_id: apart
        for clause_id, apart in near_misses(written, known).items()
        if apart == 0 or _numbers(clause_id) == _numbers(written)
    }
    if not near:
        return None
    nearest = min(near.values())
    found = [clause_id for clause_id, apart in near.items() if apart == nearest]
    return found[0] if len(found) == 1 else None


_NUMBER = re.compile(r"[0-9]+")


def _numbers(clause_id: str) -> tuple[int, ...]:
    """The numbers an id holds, in order (``nis2.5.1.4.b``: 2, 5, 1, 4)."""
    return tuple(int(n) for n in _NUMBER.findall(clause_id))
