"""Findings, documents and inline suppressions to JSON-able data and back, for the cache."""

from __future__ import annotations

import datetime
from typing import Any

from resilint.findings import (
    Applicability,
    Edit,
    Elsewhere,
    Finding,
    Fix,
    Level,
    Part,
    Related,
    Suppression,
)
from resilint.inline import InlineSuppression
from resilint.model import Document
from resilint.result import FileResult


def finding_out(f: Finding) -> list[Any]:
    return [
        f.code,
        f.name,
        int(f.level),
        f.message,
        f.path,
        f.line,
        f.column,
        f.kind,
        f.doc_id,
        list(f.json_path),
        [[r.path, r.line, r.column, r.message] for r in f.related],
        f.discriminator,
        _suppression_out(f.suppression),
        _fix_out(f.fix),
        [[list(p.json_path), p.message, p.lead, [list(n) for n in p.needs]] for p in f.parts],
        [list(n) for n in f.needs],
        [[e.path, e.kind, e.doc_id, list(e.json_path)] for e in f.elsewhere],
        f.note,
    ]


def _fix_out(fix: Fix | None) -> list[Any] | None:
    if fix is None:
        return None
    edits = [[e.line, e.column, e.end_line, e.end_column, e.text] for e in fix.edits]
    keeps = [[list(a), list(b)] for a, b in fix.keeps]
    return [fix.title, fix.applicability.value, edits, [list(c) for c in fix.changes], keeps]


def _fix_in(d: list[Any] | None) -> Fix | None:
    if not d:
        return None
    return Fix(
        d[0],
        Applicability(d[1]),
        tuple(Edit(*e) for e in d[2]),
        tuple(tuple(c) for c in d[3]),
        tuple((tuple(a), tuple(b)) for a, b in d[4]),
    )


def _suppression_out(s: Suppression | None) -> list[str] | None:
    return None if s is None else [s.kind, s.justification, s.source]


def finding_in(d: list[Any]) -> Finding:
    return Finding(
        d[0],
        d[1],
        Level(d[2]),
        d[3],
        d[4],
        d[5],
        d[6],
        d[7],
        d[8],
        tuple(d[9]),
        tuple(Related(*r) for r in d[10]),
        Suppression(*d[12]) if d[12] else None,
        d[11],
        _fix_in(d[13] if len(d) > 13 else None),
        tuple(_part_in(p) for p in d[14]) if len(d) > 14 else (),
        tuple(tuple(n) for n in d[15]) if len(d) > 15 else (),
        tuple(Elsewhere(e[0], e[1], e[2], tuple(e[3])) for e in d[16]) if len(d) > 16 else (),
        d[17] if len(d) > 17 else "",
    )


def _part_in(p: list[Any]) -> Part:
    needs = tuple(tuple(n) for n in p[3]) if len(p) > 3 else ()
    return Part(tuple(p[0]), p[1], p[2], needs)


def document_out(doc: Document) -> list[Any]:
    return [doc.path, doc.index, doc.line, doc.kind, doc.id, doc.data]


def document_in(d: list[Any]) -> Document:
    return Document(d[0], d[1], d[2], d[3], d[4], d[5])


def suppression_out(s: InlineSuppression) -> list[Any]:
    return [
        s.path,
        s.line,
        s.column,
        s.target_line,
        list(s.codes),
        s.reason,
        s.until.isoformat() if s.until else None,
        s.problem,
    ]


def suppression_in(d: list[Any]) -> InlineSuppression:
    until = datetime.date.fromisoformat(d[6]) if d[6] else None
    return InlineSuppression(d[0], d[1], d[2], d[3], tuple(d[4]), d[5], until, d[7])


def same_data(a: Any, b: Any) -> bool:
    """Whether two values are the same data, as JSON and the rules tell it: of the same types
    (``1`` is not ``1.0`` nor ``True``), keys in the same order (a rule that lists a mapping
    sees its order), floats by their text (``-0.0`` is not ``0.0``)."""
    if a.__class__ is not b.__class__:
        return False
    if a.__class__ is dict:
        return len(a) == len(b) and all(
            same_data(ka, kb) and same_data(va, vb)
            for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True)
        )
    if a.__class__ is list:
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if a.__class__ is float:
        return repr(a) == repr(b)
    return bool(a == b)


def file_out(file: FileResult) -> list[Any]:
    """A file's result as plain lists and values (marshal holds them: the cache, a worker's
    chunk of files read)."""
    return [
        [finding_out(f) for f in file.findings],
        [document_out(d) for d in file.documents],
        [suppression_out(s) for s in file.suppressions],
        file.nodes,
    ]


def file_in(data: list[Any]) -> FileResult:
    return FileResult(
        tuple(finding_in(f) for f in data[0]),
        tuple(document_in(d) for d in data[1]),
        tuple(suppression_in(s) for s in data[2]),
        int(data[3]),
    )
