"""A long note said once in a check, not in every finding it would end.

Where the service model of a supplier is neither recorded nor inferred, every term the model
decides is asked as of a service run for us, and each such finding (CTR-06, CTR-07, CTR-08,
PLB-02 on the same supplier, its contracts and playbooks) ended with the same note naming the
eight models to choose from: some 480 characters, three or four times for one supplier. A
supplier that provides no ICT services is asked such terms (a 24x7 security contact, an
incident notification window: SUP-03, SUP-04, CTR-03) because nothing recorded says it is an
adviser, a bank or a payment scheme, and each finding ended with that note, some 200
characters. Each note stays in full on one finding of the supplier (the most severe that is
not suppressed, then by document kind and id and rule code), once in it where it folds
several gaps; the others say in a line which finding says it in full. Only messages change:
fingerprints do not depend on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from resilint.domain.delivery import (
    ADVISER_QUESTION,
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
    """A note said once a supplier: its words for a supplier (``full``, "" where it has none)
    and what the other findings say instead (``pointer``: supplier, code, kind and id of the
    finding that says it). ``marker``: words every such note holds, looked for before ``full``
    is asked, which may need the supplier's facts."""

    marker: str
    full: Callable[[str], str]
    pointer: Callable[[str, str, str, str], str]


def said_once(
    findings: Iterable[Finding], index: Index, adviser_note: Callable[[str], str]
) -> list[Finding]:
    """``findings`` with each supplier's long notes in full on one of them: the service-model
    note of an ICT supplier, and ``adviser_note`` (the words, given a supplier's id, for one that
    provides no ICT services)."""
    found = list(findings)
    notes = (
        Note("", ict_model_note, ict_model_pointer),  # its words cost nothing to make
        Note(ADVISER_QUESTION, adviser_note, adviser_pointer),
    )
    for note in notes:
        found = _said_once(found, index, note)
    return found


def _said_once(found: list[Finding], index: Index, note: Note) -> list[Finding]:
    noted = [(n, sid) for n, f in enumerate(found) if (sid := _noted(f, index, note)) is not None]
    carriers: dict[str, int] = {}
    for n, sid in sorted(noted, key=lambda pair: _first(found[pair[0]])):
        if found[n].suppression is None:
            carriers.setdefault(sid, n)
    for n, sid in noted:
        carrier = carriers.get(sid)
        if carrier is not None and carrier != n:
            found[n] = _pointing(found[n], note.full(sid), _pointer(note, sid, found[carrier]))
        else:  # it says the note: once, where it folds several gaps that end with it
            found[n] = _once(found[n], note.full(sid))
    return found


def _noted(finding: Finding, index: Index, note: Note) -> str | None:
    """The supplier whose note the finding's message holds, if it holds one."""
    if note.marker not in finding.message:
        return None
    sid = _supplier(finding, index)
    words = note.full(sid) if sid is not None else ""
    return sid if words and words in finding.message else None


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


def _pointer(note: Note, sid: str, carrier: Finding) -> str:
    return note.pointer(sid, carrier.code, carrier.kind or "", carrier.doc_id or "")


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
