"""GitLab Code Quality report: a JSON list of issues with stable fingerprints, one for each
issue (GitLab shows one issue for all that share one)."""

from __future__ import annotations

import hashlib
from typing import Any

from resilint.findings import Finding, Level
from resilint.reporters import jsontext
from resilint.reporters.base import (
    ReportContext,
    RunNote,
    clip,
    from_root,
    printable,
    report_fingerprints,
)

_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def report_gitlab(context: ReportContext) -> str:
    root = context.source_root
    active = context.active
    issues = list(zip(active, report_fingerprints(active, root), strict=True))
    notes: list[Any] = [n for n in context.notes if n.path]
    return jsontext.dumps(
        jsontext.Items(
            [*notes, *issues],
            lambda i: _note(i, root) if isinstance(i, RunNote) else _issue(i[0], i[1], root),
        ),
        end="\n",
    )


def _note(note: RunNote, root: str) -> dict[str, Any]:
    """A note on the configuration's line (rules of a regime in effect turned off): an issue
    of its own, so that the merge request shows what the gate did not check."""
    path = printable(from_root(note.path, root) or note.path)
    text = printable(note.text)
    return {
        "type": "issue",
        "check_name": "resilint-config",
        "description": text,
        "categories": ["Security"],
        "severity": "major",
        "fingerprint": hashlib.sha256(f"{path}\x00{text}".encode()).hexdigest()[:32],
        "location": {"path": path, "lines": {"begin": note.line}},
    }


def _issue(f: Finding, fingerprint: str, root: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": f.code,
        "description": f"{f.code} {printable(clip(f.message))}",
        "categories": ["Security"],
        "severity": _SEVERITY[f.level],
        "fingerprint": fingerprint,
        "location": {
            "path": printable(from_root(f.path, root) or f.path),
            "lines": {"begin": f.line},
        },
    }
