"""GitLab Code Quality report: a JSON list of issues with stable fingerprints."""

from __future__ import annotations

from typing import Any

from resilint.findings import Finding, Level
from resilint.reporters import jsontext
from resilint.reporters.base import ReportContext, clip, from_root, printable

_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def report_gitlab(context: ReportContext) -> str:
    root = context.source_root
    return jsontext.dumps(jsontext.Items(context.active, lambda f: _issue(f, root)), end="\n")


def _issue(f: Finding, root: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": f.code,
        "description": f"{f.code} {printable(clip(f.message))}",
        "categories": ["Security"],
        "severity": _SEVERITY[f.level],
        "fingerprint": f.fingerprint,
        "location": {
            "path": printable(from_root(f.path, root) or f.path),
            "lines": {"begin": f.line},
        },
    }
