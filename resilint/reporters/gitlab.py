"""GitLab Code Quality report: a JSON list of issues with stable fingerprints, one for each
issue (GitLab shows one issue for all that share one)."""

from __future__ import annotations

from typing import Any

from resilint.findings import Finding, Level
from resilint.reporters import jsontext
from resilint.reporters.base import (
    ReportContext,
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
    return jsontext.dumps(jsontext.Items(issues, lambda i: _issue(i[0], i[1], root)), end="\n")


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
