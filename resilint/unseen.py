"""What a run did not see: files or documents that could not be read or checked, and schema
errors whose fields the rules read as missing. While one stands, a finding gone (a baseline
entry's, a waiver's target's) may be gone for that alone, and the words that say it are shared
by the baseline (:mod:`.baseline_match`) and the waivers (:mod:`.suppress`)."""

from __future__ import annotations

from collections.abc import Sequence

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding


def unread(results: list[Finding]) -> list[Finding]:
    """The findings that a file or document could not be read or checked (a syntax error, a
    link out of the repository, an unknown kind): while one stands, what it holds is not seen,
    so a finding gone may be gone for that alone."""
    return [
        f
        for f in results
        if f.suppression is None
        and (check := CORE_CHECKS.get(f.code)) is not None
        and (check.unreadable or check.unchecked)
    ]


def schema_errors(results: list[Finding]) -> list[Finding]:
    """The schema errors (SCH-01) that stand: while one does, the rules read that field as
    missing (a tier of ``"1"`` is no tier 1), so other documents' findings may be gone for
    that alone."""
    return [f for f in results if f.code == "SCH-01" and f.suppression is None]


def unseen_note(unread: Sequence[Finding]) -> str:
    """Words saying that while the ``unread`` files or documents stand, what they hold is not
    seen (", but while a file ... (at P:L, CODE) what it holds is not seen, which may be why:
    fix it first"), to follow a finding's "gone" or "matches nothing"; empty for none. Joined,
    never formatted: a file's name may hold braces."""
    if not unread:
        return ""
    first, count = unread[0], len(unread)
    errors = (
        f"{count} files or documents cannot be read or checked (the first at"
        if count > 1
        else "a file or document cannot be read or checked (at"
    )
    return (
        f", but while {errors} {first.path}:{first.line}, {first.code}) what "
        f"{'they hold' if count > 1 else 'it holds'} is not seen, which may be why: fix "
        f"{'them' if count > 1 else 'it'} first"
    )
