"""What ``resilint baseline`` does with the entries of the baseline it replaces whose finding
is gone, and what it says of them: imported by that command alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint.baseline import read_baseline
from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.reporters.base import listed


@dataclass(frozen=True)
class Rewrite:
    """What rewriting a baseline does with the entries of the one it replaces whose finding is
    gone: ``kept`` while a schema error stands (the rules do not read a mistyped field, so the
    finding may be gone for that alone, and would come back as new once it is fixed), else
    ``dropped`` (fixed, or no longer reported as recorded); ``retired`` are dropped entries of
    rules this run does not have (a rule removed, renamed, or not loaded)."""

    kept: tuple[dict[str, Any], ...] = ()
    dropped: tuple[dict[str, Any], ...] = ()
    retired: tuple[str, ...] = ()
    schema_errors: tuple[Finding, ...] = ()
    unjudged: tuple[dict[str, Any], ...] = ()
    """Entries of rules that did not run (``--select``, ``--ignore``, a profile not active):
    kept as they were, since their findings were not looked for."""


def rewrite(
    previous: Sequence[dict[str, Any]],
    findings: Sequence[Finding],
    known: frozenset[str],
    ran: frozenset[str] | None = None,
) -> Rewrite:
    """How the entries of the baseline being rewritten fare beside this run's ``findings``,
    from the rules that ``ran`` (None: every rule ``known``)."""
    from resilint.baseline_match import not_run

    now = {f.fingerprint for f in findings if f.suppression is None}
    gone = [e for e in previous if e.get("fingerprint") not in now]
    unjudged = tuple(e for e in gone if ran is not None and not_run(e.get("code"), known, ran))
    gone = [e for e in gone if not any(e is u for u in unjudged)]
    errors = tuple(f for f in findings if f.code == "SCH-01" and f.suppression is None)
    retired = tuple(sorted({str(e.get("code")) for e in gone if e.get("code") not in known}))
    if not errors:
        return Rewrite((), tuple(gone), retired, unjudged=unjudged)
    # a schema error gone is fixed; a rule's finding gone may be gone for a standing one
    kept = [e for e in gone if e.get("code") in known and e.get("code") != "SCH-01"]
    dropped = [e for e in gone if e.get("code") not in known or e.get("code") == "SCH-01"]
    return Rewrite(tuple(kept), tuple(dropped), retired, errors, unjudged)


def previous_baseline(path: Path) -> list[dict[str, Any]]:
    """The entries of the baseline being rewritten; none where there is none, or it is not a
    baseline (rewriting it is how it is mended)."""
    try:
        return read_baseline(path) if path.is_file() else []
    except UsageError:
        return []


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def rewrite_notes(change: Rewrite) -> list[str]:
    """What ``resilint baseline`` says of the entries of the baseline it replaced that are
    gone: kept while a schema error stands, or dropped (and the rules it no longer has)."""
    notes = []
    if change.unjudged:
        codes = sorted({str(e.get("code")) for e in change.unjudged})
        notes.append(
            f"kept {_entries(len(change.unjudged))} of {listed(codes)}, which did not run "
            "(--select, --ignore, or a profile not active): their findings were not looked for"
        )
    if change.kept:
        first, count = change.schema_errors[0], len(change.schema_errors)
        errors = f"{count} schema errors stand" if count > 1 else "a schema error stands"
        notes.append(
            f"kept {_entries(len(change.kept))} whose finding is gone: "
            f"{errors} (the first at {first.path}:{first.line}), and the rules do not read a "
            "mistyped field, so the finding may be gone for that alone and would come back as "
            "new; fix the schema errors, then run `resilint baseline` again to drop those fixed"
        )
    if change.dropped:
        of_retired = sum(1 for e in change.dropped if e.get("code") in change.retired)
        retired = (
            f"; {of_retired} of them of {listed(list(change.retired))}, which this run no "
            "longer has as rules (removed or renamed by an upgrade, or a rule file no longer "
            "loaded)"
            if change.retired
            else ""
        )
        notes.append(
            f"dropped {_entries(len(change.dropped))} of the previous baseline whose finding is "
            f"gone (fixed, or a rule no longer reports it as recorded){retired}"
        )
    return notes
