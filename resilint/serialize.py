"""Findings, documents and inline suppressions to JSON-able data and back, for the cache."""

from __future__ import annotations

import datetime
from typing import Any

from resilint.findings import Finding, Level, Related, Suppression
from resilint.inline import InlineSuppression
from resilint.model import Document


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
    ]


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
    )


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
