"""A long note said once in a check, not in every finding it would end.

Where the service model of a supplier is neither recorded nor inferred, every term the model
decides is asked as of a service run for us, and each such finding (CTR-06, CTR-07, CTR-08,
PLB-02 on the same supplier, its contracts and playbooks) ended with the same note naming the
eight models to choose from: some 480 characters, three or four times for one supplier. A
supplier that provides no ICT services is asked such terms (a 24x7 security contact, an incident
notification window: SUP-03, SUP-04, CTR-03) because nothing recorded says it is an adviser, a
regulated financial firm or a market infrastructure, and each finding ended with that note, some
250 characters. Each note stays in full on one finding of the supplier (the most severe that is
not suppressed, then by document kind and id and rule code), once in it where it folds several
gaps; the others say in a line which finding says it in full. The adviser note names only the
models whose record would take the finding's term off the supplier (a critical law firm is asked
an incident-notice window too, so CTR-03 names a financial firm or a market infrastructure, and
SUP-03, whose 24x7 contact a bank owes, a professional adviser): each such note is said once of
its own. Only messages change: fingerprints do not depend on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from resilint.domain.delivery import (
    ADVISER_RECORD,
    adviser_pointer,
    ict_model_note,
    ict_model_pointer,
)
from resilint.domain.readers import text_of
from resilint.findings import Finding, format_json_path
from resilint.model import Index

_OF_SUPPLIER = ("Contract", "Playbook")
"""The kinds whose ``supplier`` field names the supplier a note is about."""

AGAIN = " (asked for the same reason)"
"""What a gap says, after the first, where one finding folds several that end with one note."""


@dataclass(frozen=True)
class Note:
    """A note said once a supplier: the words it may have for a supplier (``full``: each with
    what tells it from the others, for ``pointer``) and what the other findings say instead
    (``pointer``: supplier, that, code, kind and id of the finding that says it). ``marker``:
    words every such note holds, looked for before ``full`` is asked, which may need the
    supplier's facts."""

    marker: str
    full: Callable[[str], Mapping[str, Any]]
    pointer: Callable[[str, Any, str, str, str], str]


def said_once(
    findings: Iterable[Finding],
    index: Index,
    adviser_notes: Callable[[str], Mapping[str, frozenset[str]]],
) -> list[Finding]:
    """``findings`` with each supplier's long notes in full on one of them: the service-model
    note of an ICT supplier, and the adviser notes of one that provides no ICT services
    (``adviser_notes``: given a supplier's id, each note's words with the models it names)."""
    found = list(findings)
    notes = (
        Note("", _ict_notes, _ict_pointer),  # its words cost nothing to make
        Note(ADVISER_RECORD, adviser_notes, adviser_pointer),
    )
    for note in notes:
        found = _said_once(found, index, note)
    return found


def _ict_notes(supplier_id: str) -> dict[str, None]:
    return {ict_model_note(supplier_id): None}


def _ict_pointer(supplier_id: str, _: Any, code: str, kind: str, doc_id: str) -> str:
    return ict_model_pointer(supplier_id, code, kind, doc_id)


def _said_once(found: list[Finding], index: Index, note: Note) -> list[Finding]:
    noted = [(n, said) for n, f in enumerate(found) if (said := _noted(f, index, note))]
    carriers: dict[tuple[str, str], int] = {}
    for n, said in sorted(noted, key=lambda pair: _first(found[pair[0]])):
        if found[n].suppression is None:
            carriers.setdefault(said, n)
    for n, (sid, words) in noted:
        carrier = carriers.get((sid, words))
        if carrier is not None and carrier != n:
            pointer = _pointer(note, sid, words, found[carrier])
            found[n] = _pointing(found[n], words, pointer)
        else:  # it says the note: once, where it folds several gaps that end with it
            found[n] = _once(found[n], words)
    return found


def _noted(finding: Finding, index: Index, note: Note) -> tuple[str, str] | None:
    """The supplier whose note the finding's message holds, and the note's words, if it holds
    one (the longest that fits: a note naming two models holds no other whole)."""
    if note.marker not in finding.message:
        return None
    sid = _supplier(finding, index)
    if sid is None:
        return None
    held = [words for words in note.full(sid) if words and words in finding.message]
    return (sid, max(held, key=len)) if held else None


def _supplier(finding: Finding, index: Index) -> str | None:
    if finding.kind == "Supplier" or finding.doc_id is None:
        return finding.doc_id
    if finding.kind not in _OF_SUPPLIER:
        return None
    document = index.get(finding.kind, finding.doc_id)
    return text_of(document.data.get("supplier")) if document is not None else None


def _first(finding: Finding) -> tuple[int, str, str, str, str]:
    """The most severe first, then by document and rule: not by file, so that a repository's
    findings say the same whether its documents share a file or each has its own."""
    path = format_json_path(finding.json_path)
    return (-finding.level, finding.kind or "", finding.doc_id or "", finding.code, path)


def _pointer(note: Note, sid: str, words: str, carrier: Finding) -> str:
    which = note.full(sid)[words]
    return note.pointer(sid, which, carrier.code, carrier.kind or "", carrier.doc_id or "")


def _pointing(finding: Finding, words: str, pointer: str) -> Finding:
    """The finding saying ``pointer`` for the note, once: the gaps it folds each keep the
    pointer (a waiver narrowed to one of them shows it alone)."""
    head, sep, tail = finding.message.partition(words)
    return dataclasses.replace(
        finding,
        message=head + sep.replace(words, pointer) + tail.replace(words, AGAIN),
        parts=tuple(
            dataclasses.replace(p, message=p.message.replace(words, pointer)) for p in finding.parts
        ),
    )


def _once(finding: Finding, words: str) -> Finding:
    """The finding saying the note in full where it first does, and after that that a gap is
    asked for the same reason: a folded SUP-03 ended both its gaps with it."""
    head, sep, tail = finding.message.partition(words)
    if words not in tail:
        return finding
    return dataclasses.replace(finding, message=head + sep + tail.replace(words, AGAIN))
