"""SARIF 2.1.0 for GitHub code scanning and other viewers: rule metadata with help text,
levels, related locations, partial fingerprints and suppressions."""

from __future__ import annotations

import functools
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding, Fix, Level
from resilint.reporters import jsontext
from resilint.reporters.base import (
    ReportContext,
    RuleDoc,
    RunNote,
    clip,
    from_root,
    help_uri,
    json_log_safe,
    markdown_inert,
    printable,
    report_fingerprints,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/resilint/resilint"
_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
_SECURITY_SEVERITY = {Level.ERROR: "7.0", Level.WARNING: "5.0", Level.INFO: "2.0"}
"""GitHub code scanning's scale (CVSS-like, 0.0 to 10.0): an error is high (7.0 to 8.9), a
warning medium (4.0 to 6.9), info low (0.1 to 3.9). Nothing is critical: a resilience gap is
not an exploitable vulnerability in itself."""


GITHUB_SHOWN, GITHUB_ACCEPTED = 5000, 25000
"""GitHub code scanning's limits on results per SARIF run: it shows the top 5,000 by severity and
rejects a run of more than 25,000 (docs.github.com, "SARIF results exceed limit")."""


def github_limits_note(results: int) -> str:
    """What GitHub code scanning will do with a SARIF run of ``results`` results, where it will
    not take them all (empty otherwise)."""
    if results > GITHUB_ACCEPTED:
        return (
            f"the SARIF output holds {results:,} results, and GitHub code scanning rejects a run "
            f"of more than {GITHUB_ACCEPTED:,}: its upload will fail; fix or leave out the bulk "
            "first (--select, per_file_ignores, exclude)"
        )
    if results > GITHUB_SHOWN:
        return (
            f"the SARIF output holds {results:,} results; GitHub code scanning shows only the "
            f"top {GITHUB_SHOWN:,} of a run, by severity (every finding is still in the file)"
        )
    return ""


def report_sarif(context: ReportContext) -> str:
    root = context.source_root
    codes = sorted({f.code for f in context.findings})
    index = {code: i for i, code in enumerate(codes)}
    run = {
        "tool": {
            "driver": {
                "name": "resilint",
                "version": context.version,
                "semanticVersion": context.version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(code, context.rules.get(code), context.version) for code in codes],
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"SRCROOT": {"description": {"text": ROOT_DESCRIPTION}}},
        "results": jsontext.Items(
            list(zip(context.findings, report_fingerprints(context.findings, root), strict=True)),
            lambda r: _result(r[0], r[1], index[r[0].code], root),
        ),
    }
    if context.notes:  # rules the configuration turns off: said where SARIF says settings
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolConfigurationNotifications": [_notification(n, root) for n in context.notes],
            }
        ]
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_log_safe(jsontext.dumps(document, end="\n"))


def _notification(note: RunNote, root: str) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": "warning",
        "message": {"text": printable(note.text)},
        "descriptor": {"id": "resilint-config"},
    }
    if note.path:
        notification["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(note.path, root),
                    "region": {"startLine": note.line},
                }
            }
        ]
    return notification


def _rule(code: str, doc: RuleDoc | None, version: str) -> dict[str, Any]:
    uri = help_uri(code, version, built_in=code in CORE_CHECKS)
    if doc is None:
        return {"id": code, "helpUri": uri}
    md = (lambda text: text) if doc.documented else markdown_inert  # a repository's own: data
    references = "\n".join(f"- {md(ref)}" for ref in doc.references)
    markdown = (
        f"**{md(doc.title)}**\n\n{md(doc.rationale)}\n\n**How to fix it.** {md(doc.remediation)}"
    )
    if references:
        markdown += f"\n\n**Based on:**\n{references}"
    described = {
        "id": code,
        "name": doc.name,
        "shortDescription": {"text": doc.title},
        "fullDescription": {"text": " ".join(doc.rationale.split())},
        "help": {"text": " ".join(doc.remediation.split()), "markdown": markdown},
        "helpUri": uri,
        "defaultConfiguration": {"level": _LEVELS[doc.level]},
        "properties": {
            "tags": ["resilience", "security", *doc.profiles],
            "security-severity": _SECURITY_SEVERITY[doc.level],
        },
    }
    if not doc.documented:  # a repository's own rule: resilint's rule reference has no page
        del described["helpUri"]
    return described


ROOT_DESCRIPTION = "The root of the git work tree (outside git, the directory resilint ran in)."


def location(path: str, line: int, column: int, root: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(path, root),
            "region": {"startLine": line, "startColumn": column},
        }
    }


@functools.lru_cache(maxsize=4096)
def _artifact(path: str, root: str) -> dict[str, str]:
    """Where a file is, for a viewer: a URI relative to SRCROOT, the work tree's root (GitHub
    code scanning reads a relative URI from the repository's root, so a path as shown from a
    subdirectory, ``../suppliers/a.yaml``, or an absolute one named no file there); a file
    outside it, an absolute ``file://`` URI. ``root`` empty: the path as shown."""
    relative = from_root(path, root)
    if relative is None:
        absolute = os.path.normpath(Path.cwd() / path)
        return {"uri": "file://" + _uri(PurePath(absolute).as_posix())}
    return {"uri": _uri(relative), "uriBaseId": "SRCROOT"}


def _uri(path: str) -> str:
    """A relative URI reference (RFC 3986), as SARIF requires: every character outside the
    unreserved set percent-encoded from UTF-8, so a space, %, #, ? or a control in a file name
    cannot change what the URI points to. A name that is not UTF-8 (``sup\\xff.yaml``, read
    with Python's surrogate escapes) is encoded from its bytes (``sup%FF.yaml``), so the URI
    names the file it came from."""
    posix = PurePath(path).as_posix()
    try:
        return quote(posix.encode("utf-8", "surrogateescape"), safe="/")
    except UnicodeEncodeError:  # a surrogate no file name's byte gave (not from the file system)
        return quote(posix, safe="/", errors="surrogatepass")


def _fix(path: str, fix: Fix, root: str) -> dict[str, Any]:
    """A SARIF fix: the replacements in the finding's file; whether it is safe to apply
    without review is a property, as SARIF has no word for it."""
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.line,
                "startColumn": e.column,
                "endLine": e.end_line,
                "endColumn": e.end_column,
            },
            "insertedContent": {"text": e.text},
        }
        for e in fix.edits
    ]
    return {
        "description": {"text": printable(fix.title)},
        "artifactChanges": [
            {
                "artifactLocation": _artifact(path, root),
                "replacements": replacements,
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _result(f: Finding, fingerprint: str, rule_index: int, root: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.level],
        "message": {"text": printable(clip(f.message))},
        "locations": [location(f.path, f.line, f.column, root)],
        "partialFingerprints": {"resilint/v2": fingerprint},
    }
    if f.related:
        result["relatedLocations"] = [
            {
                "id": i,
                **location(r.path, r.line, r.column, root),
                "message": {"text": printable(clip(r.message))},
            }
            for i, r in enumerate(f.related)
        ]
    if f.fix is not None:
        result["fixes"] = [_fix(f.path, f.fix, root)]
    if f.suppression is not None:
        kind = "inSource" if f.suppression.kind == "inline" else "external"
        result["suppressions"] = [
            {
                "kind": kind,
                "status": "accepted",
                "justification": printable(f.suppression.justification),
            }
        ]
    return result
