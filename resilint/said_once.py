"""A long note said once in a check, not in every finding it would end.

Where the service model of a supplier is neither recorded nor inferred, every term the model
decides is asked as of a service run for us, and each such finding (CTR-06, CTR-07, CTR-08,
PLB-02 on the same supplier, its contracts and playbooks) ended with the same note naming the
eight models to choose from: some 480 characters, three or four times for one supplier. The
note stays in full on one finding of the supplier (the most severe that is not suppressed,
then by document kind and id and rule code); the others say in a line which finding lists the
models. Only messages change: fingerprints do not depend on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from resilint.domain.delivery import ict_model_note, ict_model_pointer
from resilint.domain.readers import text_of
from resilint.findings import Finding, format_json_path
from resilint.model import Index

_OF_SUPPLIER = ("Contract", "Playbook")
"""The kinds whose ``supplier`` field names the supplier a note is about."""


def said_once(findings: Iterable[Finding], index: Index) -> list[Finding]:
    """``findings`` with each supplier's service-model note in full on one of them."""
    found = list(findings)
    noted = [(n, sid) for n, f in enumerate(found) if (sid := _noted(f, index)) is not None]
    carriers: dict[str, int] = {}
    for n, sid in sorted(noted, key=lambda pair: _first(found[pair[0]])):
        if found[n].suppression is None:
            carriers.setdefault(sid, n)
    for n, sid in noted:
        carrier = carriers.get(sid)
        if carrier is not None and carrier != n:
            found[n] = _pointing(found[n], sid, found[carrier])
    return found


def _noted(finding: Finding, index: Index) -> str | None:
    """The supplier whose note the finding's message holds, if it holds one."""
    sid = _supplier(finding, index)
    return sid if sid is not None and ict_model_note(sid) in finding.message else None


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


def _pointing(finding: Finding, sid: str, carrier: Finding) -> Finding:
    note = ict_model_note(sid)
    pointer = ict_model_pointer(sid, carrier.code, carrier.kind or "", carrier.doc_id or "")
    return dataclasses.replace(
        finding,
        message=finding.message.replace(note, pointer),
        parts=tuple(
            dataclasses.replace(p, message=p.message.replace(note, pointer)) for p in finding.parts
        ),
    )
