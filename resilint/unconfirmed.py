"""Findings that a broken file may explain: held back, and counted once beside its error.

A file with a syntax or encoding error holds no documents resilint can see. A rule that finds a
document missing ("no continuity plan for grid-operation") may be finding the plan that sits in
that file, and each such finding would send people to write a document that already exists. So
a rule's finding about a document that a broken file names (its id stands in the file's text,
as a plan names the function it serves) is held back, and one REF-03 finding at the file's
error says how many were held back and about what. The run still fails on the file's own error;
once it is fixed, the next run judges them all again. References into a broken file are REF-02
(:mod:`resilint.references`); this is the same reasoning for the rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from resilint.core_checks import CORE_CHECKS, why_unreadable
from resilint.findings import Finding, Related
from resilint.model import from_root
from resilint.patterns import kept
from resilint.references import Unreadable

_ID_TOKEN = kept(r"[a-z0-9][a-z0-9._-]*")
SHOWN = 20
"""Held-back findings listed as related places of the REF-03 finding; the rest are counted."""


def hold_back(
    findings: Iterable[Finding], broken: Iterable[Unreadable], root: str = ""
) -> tuple[list[Finding], list[Finding]]:
    """The rule findings to report, and one REF-03 finding per broken file that held some back;
    ``root``: what the file its message names is named from (:func:`model.message_root`)."""
    findings = list(findings)
    if not any(_about_a_document(finding) for finding in findings):
        return findings, []  # a broken file's words are read only when a finding may need them
    named = [(b, _ids_named(b.text)) for b in broken if b.text]
    if not named:
        return findings, []
    kept: list[Finding] = []
    held: dict[str, list[Finding]] = {}
    holders = {b.finding.path: b for b, _ in named}
    for finding in findings:
        holder = _holder(finding, named)
        if holder is None:
            kept.append(finding)
        else:
            held.setdefault(holder.finding.path, []).append(finding)
    return kept, [_summary(holders[path].finding, found, root) for path, found in held.items()]


def _ids_named(text: str) -> frozenset[str]:
    """Every word of the text that could be an id (lower-case, as ids are)."""
    return frozenset(t.rstrip(".") for t in _ID_TOKEN.findall(text))


def _about_a_document(finding: Finding) -> bool:
    """A rule's finding about a document: one a broken file may explain."""
    return finding.code not in CORE_CHECKS and bool(finding.doc_id)


def _holder(finding: Finding, named: list[tuple[Unreadable, frozenset[str]]]) -> Unreadable | None:
    if not _about_a_document(finding):
        return None
    return next((b for b, ids in named if finding.doc_id in ids), None)


def _summary(error: Finding, held: list[Finding], root: str) -> Finding:
    check = CORE_CHECKS["REF-03"]
    count = len(held)
    codes = ", ".join(
        f"{code} x{n}" if n > 1 else code
        for code, n in sorted(Counter(f.code for f in held).items())
    )
    about = ", ".join(dict.fromkeys(f"{f.kind or 'document'} {f.doc_id}" for f in held))
    problem = why_unreadable(error.code)
    message = (
        f"{count} finding{'s' if count > 1 else ''} of the rules ({codes}) about documents that "
        f"{from_root(error.path, root)} names ({about}) {'are' if count > 1 else 'is'} held "
        "back: that file has "
        f"{problem} at line {error.line} ({error.code}), so what it holds cannot be seen and "
        "they may only say that its documents are missing. Fix that file first; the next run "
        "judges them again"
    )
    related = tuple(
        Related(f.path, f.line, f.column, f"{f.code}: {f.message}") for f in held[:SHOWN]
    )
    return Finding(
        code=check.code,
        name=check.name,
        level=check.level,
        message=message,
        path=error.path,
        line=error.line,
        column=error.column,
        related=related,
    )
