"""Stage 6, the baseline's part: which findings the entries of a baseline accept (by
fingerprint, where the entry's labels agree), and which entries are stale
(:mod:`.baseline_stale` reports them)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from resilint.baseline_stale import (
    EntryPlaces,
    agrees,
    gaps,
    is_misread,
    never_kept,
    report_changed,
    report_fixed,
    report_misread,
    report_never_kept,
    report_repeated,
)
from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding, Suppression, format_json_path
from resilint.suppress import suppressible
from resilint.unseen import schema_errors, unread


def match_baseline(
    findings: list[Finding],
    entries: tuple[dict[str, Any], ...],
    path: str,
    known: frozenset[str] | None = None,
    ran: frozenset[str] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """A finding is accepted by an entry with its fingerprint whose labels (code, kind, id,
    field) agree with it. The fingerprint is an unkeyed hash anyone can compute, and what a
    reviewer reads is the labels: an entry that says one thing and hashes to another suppresses
    nothing and is reported. An entry of a rule of the ``known`` that did not run (``--select``,
    ``--ignore``, a profile not active) is not judged: its finding is not gone, it was not
    looked for."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for n, entry in enumerate(entries):
        waiting[entry["fingerprint"]].append(n)
    first: dict[str, Finding] = {}
    accepted: dict[str, int] = {}  # the first entry that accepted a finding of the fingerprint
    results = []
    for finding in findings:
        fingerprint = finding.fingerprint
        first.setdefault(fingerprint, finding)
        candidates = waiting.get(fingerprint, []) if suppressible(finding) else []
        taken = next((n for n in candidates if agrees(entries[n], finding)), None)
        if taken is not None:
            candidates.remove(taken)
            accepted.setdefault(fingerprint, taken)
            finding = dataclasses.replace(
                finding, suppression=Suppression("baseline", "accepted in the baseline", path)
            )
        results.append(finding)
    left = sorted(n for ns in waiting.values() for n in ns)
    never = [n for n in left if never_kept(entries[n], first)]
    misread = [n for n in left if n not in never and is_misread(entries[n], first)]
    gone = [n for n in left if n not in never and not is_misread(entries[n], first)]
    if known is not None and ran is not None:  # not looked for: neither fixed nor changed
        gone = [n for n in gone if not not_run(entries[n].get("code"), known, ran)]
    # an entry written twice (two branches' baselines merged): its finding stands, accepted
    repeated = {
        n: accepted[entries[n]["fingerprint"]]
        for n in gone
        if entries[n]["fingerprint"] in accepted
    }
    gone = [n for n in gone if n not in repeated]
    at = EntryPlaces(path)
    found = report_misread(misread, entries, first, at)
    found += report_never_kept(never, entries, first, at)
    now = changed_findings(gone, entries, results)
    fixed = [n for n in gone if n not in now]
    changed = [n for n in gone if n in now]
    standing = unread(results) or schema_errors(results)
    found += report_repeated(repeated, entries, at)
    found += report_fixed(fixed, entries, at, standing, known)
    return results, found + report_changed(changed, entries, now, at)


def not_run(code: Any, known: frozenset[str], ran: frozenset[str]) -> bool:
    """Whether ``code`` is a rule of the run that did not run: what a baseline entry of it
    accepts was not looked for, so it is neither fixed nor to be dropped."""
    return code in known and code not in ran and code not in CORE_CHECKS


def changed_findings(
    gone: list[int], entries: tuple[dict[str, Any], ...], results: list[Finding]
) -> dict[int, Finding]:
    """For each entry whose finding is gone, the finding of the same rule on the same document
    and section that stands unaccepted in its place, if any: the finding changed (a gap more or
    less, which the rule folds into one finding with another fingerprint), it is not fixed."""
    standing: dict[tuple[Any, Any, Any], list[Finding]] = defaultdict(list)
    for finding in results:
        if finding.suppression is None and finding.doc_id is not None:
            standing[(finding.code, finding.kind, finding.doc_id)].append(finding)
    found: dict[int, Finding] = {}
    for n in gone:
        entry = entries[n]
        if entry.get("id") is None:
            continue
        section = _section(str(entry.get("json_path") or ""))
        for finding in standing.get((entry.get("code"), entry.get("kind"), entry.get("id")), ()):
            if any(_section(format_json_path(p)) == section for p in gaps(finding)):
                found[n] = finding
                break
    return found


def _section(json_path: str) -> str:
    """The top-level field a formatted JSON path starts with (``remedies`` of
    ``remedies.step_in_rights``)."""
    return json_path.split(".", 1)[0].split("[", 1)[0]
