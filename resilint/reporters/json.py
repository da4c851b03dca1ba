"""A stable JSON document for machines: findings with positions, paths and related places."""

from __future__ import annotations

from typing import Any

from resilint.findings import Finding, Fix, format_json_path
from resilint.reporters import jsontext
from resilint.reporters.base import ReportContext, clip, json_log_safe, printable

SCHEMA_VERSION = 1


def report_json(context: ReportContext) -> str:
    counts = context.counts()
    active = context.active
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "resilint", "version": context.version},
        # the date findings about deadlines and ages were judged by: a report read later, or
        # one of a check pinned to a register's reference date, says which day it describes
        "as_of": context.as_of.isoformat() if context.as_of is not None else None,
        "summary": {
            "files": context.files,
            "documents": context.documents,
            "findings": len(active),
            "suppressed": len(context.findings) - len(active),
            "fixable": sum(1 for f in active if f.fix and f.fix.safe),
            "unsafe_fixable": sum(1 for f in active if f.fix and not f.fix.safe),
            **{level.label: n for level, n in counts.items()},
        },
        # what the reader must know beside the findings: rules of a regime in effect that
        # the configuration turns off, with the setting's place
        "notes": [
            {"title": n.title, "message": printable(n.text), "path": n.path, "line": n.line}
            for n in context.notes
        ],
        "findings": jsontext.Items(context.findings, _finding),
    }
    # ASCII only (as json's ensure_ascii) keeps the output valid even for lone surrogates
    return json_log_safe(jsontext.dumps(document, end="\n"))  # a path's ##[ as ##\u005b


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "level": f.level.label,
        "message": printable(clip(f.message)),
        "path": f.path,  # exact: the output is ASCII, every other character a JSON escape
        "line": f.line,
        "column": f.column,
        "kind": f.kind,
        "id": f.doc_id,
        "json_path": format_json_path(f.json_path),
        "json_path_parts": list(f.json_path),
        "fingerprint": f.fingerprint,
        "suppressed": f.suppression is not None,
        "suppression": None
        if f.suppression is None
        else {
            "kind": f.suppression.kind,
            "justification": printable(f.suppression.justification),
            "source": printable(f.suppression.source),
        },
        "related": [
            {
                "path": r.path,
                "line": r.line,
                "column": r.column,
                "message": printable(clip(r.message)),
            }
            for r in f.related
        ],
        "fix": _fix(f.fix),
    }


def _fix(fix: Fix | None) -> dict[str, Any] | None:
    """The remedy as text edits (the ``text`` is inserted raw, as the file needs it)."""
    if fix is None:
        return None
    return {
        "title": printable(fix.title),
        "applicability": fix.applicability.value,
        "edits": [
            {
                "line": e.line,
                "column": e.column,
                "end_line": e.end_line,
                "end_column": e.end_column,
                "text": e.text,
            }
            for e in fix.edits
        ],
    }
