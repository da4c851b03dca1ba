"""Stage 6 of the flow: waivers, inline suppressions and the baseline decide which findings count.

Suppressed findings are kept, marked with their justification (JSON and SARIF show them); expired
or invalid suppressions stop suppressing and become findings themselves, and so do suppressions
that suppressed nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint import codes
from resilint.core_checks import CORE_CHECKS, core_finding
from resilint.domain.misnamed import Accepted
from resilint.domain.readers import as_date
from resilint.domain.waivers import waived_rules
from resilint.findings import Finding, JsonPath, Level, Suppression, format_json_path
from resilint.inline import InlineSuppression
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.waiver_targets import Targets, targets_of, waive


@dataclass(frozen=True)
class SuppressionPolicy:
    """What the configuration allows of inline suppressions and waivers."""

    forbid_inline: frozenset[str] = frozenset()
    """Rules only an approved Waiver may silence, by code or group."""
    require_expiry: bool = False
    report_unused_waivers: bool = True
    ran: frozenset[str] = frozenset()
    """Codes of the rules that ran: a waiver of a rule that did not run cannot be judged unused."""
    baseline: tuple[dict[str, Any], ...] | None = None
    baseline_path: str = ""
    known: frozenset[str] = frozenset()
    """Codes of every loaded rule and built-in check: a baseline entry of another code is of a
    rule no longer run, not a finding fixed (empty: not known)."""
    stands: Callable[[Document], bool] | None = None
    """Whether a waiver may suppress: EXC-01 accepts it, whatever rules run
    (:mod:`resilint.waiver_validity`). None: no waiver suppresses."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The configuration's (.gitignore-style pattern, rule codes and groups), relative to
    ``root``."""
    root: str = "."
    per_file_source: str = "the configuration"


def waiver_source(waiver: Document) -> str:
    """The ``source`` of a suppression by ``waiver`` (``Waiver w-1``): how a finding names the
    waiver that accepted it, and how the calendar finds that waiver again."""
    return f"Waiver {waiver.id}"


def apply_suppressions(
    findings: Iterable[Finding],
    inline: Iterable[InlineSuppression],
    index: Index,
    as_of: datetime.date,
    policy: SuppressionPolicy,
    locator: Locator,
) -> list[Finding]:
    results, extra = _inline(list(findings), list(inline), as_of, policy)
    results, unused = _waivers(results, index, policy.stands)
    if policy.report_unused_waivers:
        unread = _unread(results)  # what a waiver's targets hold may not have been seen
        report = _UnusedWaivers(locator, unread_note(unread))
        for waiver, idle in unused:
            extra += report(waiver, idle, policy.ran)
        if not unread:
            results = _expired_with_nothing_left(results, index, as_of, policy.ran)
    if policy.baseline is not None:
        results, fixed = _baseline(
            results, policy.baseline, policy.baseline_path, policy.known or None, policy.ran
        )
        extra += fixed
    return ignore_per_file(results + extra, policy)


def ignore_per_file(findings: Iterable[Finding], policy: SuppressionPolicy) -> list[Finding]:
    """per_file_ignores, last: what an inline comment, a waiver or the baseline already
    accounts for keeps that justification (and is not reported as unused or fixed)."""
    if not policy.per_file_ignores:
        return list(findings)
    ignored = per_file_matcher(policy)
    results = []
    for finding in findings:
        match = ignored(finding.path, finding.code)
        if match is not None and _ignorable(finding):
            reason = f"per_file_ignores: {match}"
            finding = dataclasses.replace(
                finding, suppression=Suppression("per-file", reason, policy.per_file_source)
            )
        results.append(finding)
    return results


def per_file_matcher(policy: SuppressionPolicy) -> Callable[[str, str], str | None]:
    """Which pattern of ``per_file_ignores`` turns off a rule (by code) for a file (by path as
    shown), or None: what check suppresses, and the calendar leaves out (a file outside the
    root is none of the patterns')."""
    from resilint.wildmatch import Patterns  # only for a configuration with per-file ignores

    specs = [
        (pattern, selectors, Patterns([pattern])) for pattern, selectors in policy.per_file_ignores
    ]

    def match(path: str, code: str) -> str | None:
        relative = Path(os.path.relpath(Path(path).absolute(), policy.root)).as_posix()
        if relative.startswith("../"):
            return None
        return next(
            (
                p
                for p, selectors, spec in specs
                if codes.any_names(selectors, code) and spec.covering(relative)
            ),
            None,
        )

    return match


def _suppressible(finding: Finding) -> bool:
    """Whether an inline comment, a waiver or the baseline may accept ``finding``."""
    check = CORE_CHECKS.get(finding.code)
    return finding.suppression is None and (check is None or check.kept)


def _ignorable(finding: Finding) -> bool:
    """Whether ``per_file_ignores`` may accept ``finding``: also a file named on purpose that
    holds no resilint document (DOC-04), which nothing else accepts."""
    check = CORE_CHECKS.get(finding.code)
    return finding.suppression is None and (check is None or check.suppressible)


def _inline(
    findings: list[Finding],
    comments: list[InlineSuppression],
    as_of: datetime.date,
    policy: SuppressionPolicy,
) -> tuple[list[Finding], list[Finding]]:
    extra: list[Finding] = []
    usable: dict[tuple[str, int], list[InlineSuppression]] = defaultdict(list)
    for c in comments:
        problem = c.problem or (
            "the configuration requires an expiry: add until=YYYY-MM-DD"
            if policy.require_expiry and c.until is None
            else None
        )
        if problem:
            extra.append(
                core_finding("IGN-01", f"inline suppression: {problem}", c.path, c.line, c.column)
            )
        elif c.until is not None and c.until < as_of:
            extra.append(
                core_finding(
                    "IGN-02",
                    f"suppression of {', '.join(c.codes)} expired on "
                    f"{c.until.isoformat()} (as of {as_of.isoformat()})",
                    c.path,
                    c.line,
                    c.column,
                )
            )
        else:
            usable[(c.path, c.target_line)].append(c)
    used: set[InlineSuppression] = set()
    results = []
    for finding in findings:
        match = next(
            (
                c
                for c in usable.get((finding.path, finding.line), [])
                if finding.code in c.codes and _suppressible(finding)
            ),
            None,
        )
        refusal = _inline_refusal(finding, policy) if match is not None else None
        if match is not None and refusal is not None:
            used.add(match)
            extra.append(core_finding("IGN-04", refusal, match.path, match.line, match.column))
        elif match is not None:
            used.add(match)
            finding = dataclasses.replace(
                finding,
                suppression=Suppression("inline", match.reason, f"{match.path}:{match.line}"),
            )
        results.append(finding)
    extra += [
        core_finding(
            "IGN-03",
            f"this suppression of {', '.join(c.codes)} matches no finding on its line; delete it",
            c.path,
            c.line,
            c.column,
        )
        for group in usable.values()
        for c in group
        if c not in used
    ]
    return results, extra


def _inline_refusal(finding: Finding, policy: SuppressionPolicy) -> str | None:
    """Why an inline comment may not silence this finding, or None when it may."""
    if finding.kind == "Waiver":
        return (
            f"{finding.code} judges the waiver this comment is in, and a waiver cannot be "
            "excused from it, inline or by another waiver: correct the waiver instead"
        )
    if codes.any_names(policy.forbid_inline, finding.code):
        return f"{finding.code} may only be waived by an approved Waiver document, not inline"
    return None


def _waivable(finding: Finding) -> bool:
    """A finding on a Waiver is never waived: the exception process cannot vouch for itself (a
    waiver naming itself would outlive EXC-01's max_days or its approvers for ever)."""
    return _suppressible(finding) and finding.kind != "Waiver"


def _waivers(
    findings: list[Finding], index: Index, stands: Callable[[Document], bool] | None
) -> tuple[list[Finding], list[tuple[Document, tuple[str, ...]]]]:
    """The findings, those the waivers that stand cover suppressed, and each waiver with the
    rules it names of which it suppressed nothing (a waiver of several rules is one of each,
    with the same terms)."""
    invalid = _invalid_waivers(findings)
    waivers = [
        w
        for w in index.of_kind("Waiver")
        if (w.path, w.id) not in invalid and stands is not None and stands(w)
    ]
    by_rule: dict[Any, list[tuple[Document, Targets]]] = defaultdict(list)
    for waiver in waivers:
        targets = targets_of(waiver)
        for code in waived_rules(waiver.data):
            by_rule[code].append((waiver, targets))
    used: set[tuple[Document, str]] = set()
    results = []
    for finding in findings:
        candidates = by_rule.get(finding.code, []) if _waivable(finding) else []
        for waiver, targets in candidates:
            waived, rest = waive(finding, targets)
            if waived is None:
                continue
            used.add((waiver, finding.code))
            reason = " ".join(str(waiver.data.get("rationale", "approved waiver")).split())
            suppression = Suppression("waiver", reason, waiver_source(waiver))
            results.append(dataclasses.replace(waived, suppression=suppression))
            if rest is None:
                break
            finding = rest  # the gaps this waiver does not cover: another waiver may
        else:
            results.append(finding)
    unused = [(w, tuple(c for c in waived_rules(w.data) if (w, c) not in used)) for w in waivers]
    return results, [(w, idle) for w, idle in unused if idle]


def silenced_references(
    references: Iterable[Finding],
    schema_errors: Iterable[Finding],
    inline: Iterable[InlineSuppression],
    index: Index,
    as_of: datetime.date,
    policy: SuppressionPolicy,
    locator: Locator,
) -> Accepted:
    """The references whose REF-01 finding is suppressed, by kind, id and field: by a standing
    Waiver, an inline comment, the baseline or ``per_file_ignores``, each of which accepts the
    reference as it is. The rules that wait for a misnamed reference to be corrected judge
    these as they are (:func:`resilint.domain.misnamed.unaccepted`): a silenced REF-01 hides
    nothing. Read before the rules run, with the suppressions the run applies after them."""
    dangling = [f for f in references if f.code == "REF-01"]
    if not dangling:
        return frozenset()
    refused = [f for f in schema_errors if f.code == "SCH-01" and f.kind == "Waiver"]
    quiet = dataclasses.replace(policy, report_unused_waivers=False)
    results = apply_suppressions([*refused, *dangling], inline, index, as_of, quiet, locator)
    return frozenset(
        (f.kind, f.doc_id, f.json_path)
        for f in results
        if f.code == "REF-01" and f.suppression is not None
    )


def every_reference(references: Iterable[Finding]) -> Accepted:
    """Every reference REF-01 reports, as a run recording a baseline accepts them: once the
    baseline holds their REF-01, what they would hide is said, and must be in it too."""
    return frozenset((f.kind, f.doc_id, f.json_path) for f in references if f.code == "REF-01")


def _invalid_waivers(findings: list[Finding]) -> set[tuple[str, str | None]]:
    """(file, id) of each waiver its schema refuses (SCH-01): it suppresses nothing, since
    what it says cannot be trusted (``naming: [""]`` would name every finding), and it is not
    reported as unused either: its SCH-01 says what to correct."""
    return {(f.path, f.doc_id) for f in findings if f.code == "SCH-01" and f.kind == "Waiver"}


RENEW = "fix the gap, or have the waiver approved again with a new expiry"
"""What EXC-01 tells an expired waiver's owners to do (``rules/exceptions.yaml``): right while a
finding of its rule still matches its targets."""


def _expired_with_nothing_left(
    findings: list[Finding], index: Index, as_of: datetime.date, ran: frozenset[str]
) -> list[Finding]:
    """The findings, EXC-01's word that a waiver has expired telling its owners to withdraw it
    where no finding of its rules is left for it to accept (the supplier signed the clause, or
    the rule does not ask the term of this supplier): fixing a gap that is not there, or having
    the waiver approved again, is work for nothing. Only rules that ran are judged, as EXC-02
    judges a waiver in force that suppressed nothing."""
    idle: dict[tuple[str, str | None], tuple[str, ...]] = {}
    invalid = _invalid_waivers(findings)  # its schema error, not its targets, is what to fix
    for waiver in index.of_kind("Waiver"):
        expires = as_date(waiver.data.get("expires"))
        rules = waived_rules(waiver.data)
        if expires is None or expires >= as_of or not rules:
            continue
        if (waiver.path, waiver.id) in invalid:
            continue
        if any(code not in ran and code not in CORE_CHECKS for code in rules):
            continue
        targets = targets_of(waiver)
        if not any(
            finding.code in rules
            and finding.suppression is None
            and _waivable(finding)
            and waive(finding, targets)[0] is not None
            for finding in findings
        ):
            idle[(waiver.path, waiver.id)] = rules
    if not idle:
        return findings
    return [_withdraw(f, idle[(f.path, f.doc_id)]) if _expiry_of(f, idle) else f for f in findings]


def _expiry_of(finding: Finding, idle: dict[tuple[str, str | None], tuple[str, ...]]) -> bool:
    return (
        finding.code == "EXC-01"
        and finding.kind == "Waiver"
        and (finding.path, finding.doc_id) in idle
        and ": " + RENEW in finding.message
    )


def _withdraw(finding: Finding, rules: tuple[str, ...]) -> Finding:
    instead = (
        f"; no finding of {', '.join(rules)} matches its targets now, so nothing is left for it "
        "to accept: withdraw it (delete the waiver) rather than have it approved again"
    )

    def said(message: str) -> str:
        return message.replace(": " + RENEW, instead)

    parts = tuple(dataclasses.replace(p, message=said(p.message)) for p in finding.parts)
    return dataclasses.replace(finding, message=said(finding.message), parts=parts)


@dataclass(frozen=True)
class _UnusedWaivers:
    """EXC-02's warnings for a waiver in force that suppressed nothing: one at its id when no
    rule it names matched a finding; for a waiver of several rules, one at each rule that
    matched none while another did, naming it (that rule's gap is closed, or it is not the rule
    meant). Only rules that ran are judged."""

    locator: Locator
    unread: str = ""
    """:func:`unread_note` of the run: while a file cannot be read, a waiver may match nothing
    for that alone, and is not to be withdrawn yet."""

    def __call__(
        self, waiver: Document, idle: tuple[str, ...], ran: frozenset[str]
    ) -> list[Finding]:
        judged = tuple(c for c in idle if c in ran or c in CORE_CHECKS)
        if not judged:
            return []
        if judged == waived_rules(waiver.data):
            several = "rules" if isinstance(waiver.data.get("rules"), list) else "rule"
            message = f"waiver {waiver.id} suppressed nothing: no finding of {', '.join(judged)} "
            if self.unread:
                message += "matches its targets" + self.unread + "; if it still matches none, "
            else:
                message += "matches its targets; "
            message += f"withdraw it or correct its {several} and targets"
            return [self._finding(waiver, message, ("id",), "unused")]
        rules = waiver.data.get("rules")
        listed = rules if isinstance(rules, list) else []
        then = self.unread + "; if it still matches none, " if self.unread else "; "
        return [
            self._finding(
                waiver,
                f"waiver {waiver.id} names {code} among its rules, but no finding of {code} "
                f"matches its targets: it suppressed nothing of {code}{then}withdraw {code} "
                "from its rules, or correct its targets",
                ("rules", listed.index(code)) if code in listed else ("id",),
                f"unused:{code}",
            )
            for code in judged
        ]

    def _finding(self, waiver: Document, message: str, at: JsonPath, discriminator: str) -> Finding:
        return self.locator.finding(
            "EXC-02",
            "waiver-integrity",
            Level.WARNING,
            message,
            waiver,
            at,
            discriminator=discriminator,
        )


def _baseline(
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
        candidates = waiting.get(fingerprint, []) if _suppressible(finding) else []
        taken = next((n for n in candidates if _agrees(entries[n], finding)), None)
        if taken is not None:
            candidates.remove(taken)
            accepted.setdefault(fingerprint, taken)
            finding = dataclasses.replace(
                finding, suppression=Suppression("baseline", "accepted in the baseline", path)
            )
        results.append(finding)
    left = sorted(n for ns in waiting.values() for n in ns)
    never = [n for n in left if _never_kept(entries[n], first)]
    misread = [n for n in left if n not in never and _is_misread(entries[n], first)]
    gone = [n for n in left if n not in never and not _is_misread(entries[n], first)]
    if known is not None and ran is not None:  # not looked for: neither fixed nor changed
        gone = [n for n in gone if not not_run(entries[n].get("code"), known, ran)]
    # an entry written twice (two branches' baselines merged): its finding stands, accepted
    repeated = {
        n: accepted[entries[n]["fingerprint"]]
        for n in gone
        if entries[n]["fingerprint"] in accepted
    }
    gone = [n for n in gone if n not in repeated]
    at = _EntryPlaces(path)
    found = _misread(misread, entries, first, at) + _never(never, entries, first, at)
    now = _changed_findings(gone, entries, results)
    fixed = [n for n in gone if n not in now]
    changed = [n for n in gone if n in now]
    standing = _unread(results) or _schema_errors(results)
    return results, found + _repeated(repeated, entries, at) + _fixed(
        fixed, entries, at, standing, known
    ) + _changed(changed, entries, now, at)


def not_run(code: Any, known: frozenset[str], ran: frozenset[str]) -> bool:
    """Whether ``code`` is a rule of the run that did not run: what a baseline entry of it
    accepts was not looked for, so it is neither fixed nor to be dropped."""
    return code in known and code not in ran and code not in CORE_CHECKS


def _unread(results: list[Finding]) -> list[Finding]:
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


def unread_note(unread: Sequence[Finding]) -> str:
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


def _repeated(
    repeated: dict[int, int], entries: tuple[dict[str, Any], ...], at: _EntryPlaces
) -> list[Finding]:
    """BSL-01 for each entry that repeats an earlier one: the finding stands and is accepted
    once; the copy accepts nothing more, and is not its finding "fixed"."""

    def each(n: int) -> str:
        entry = entries[n]
        subject = f"{entry.get('kind')} {entry.get('id')}" if entry.get("id") else entry.get("path")
        return (
            f"baseline entry {n + 1} repeats entry {repeated[n] + 1} ({entry.get('code')} on "
            f"{subject}), which accepts that finding: the copy accepts nothing more (two "
            "baselines merged?); delete it, or run `resilint baseline` to rewrite the baseline"
        )

    def rest(more: int) -> str:
        return (
            f"{more} more baseline entries repeat earlier ones (the first {FIXED_SHOWN} are "
            "listed one by one); run `resilint baseline` to rewrite the baseline"
        )

    return _each_then_counted("BSL-01", sorted(repeated), at, each, rest)


def _schema_errors(results: list[Finding]) -> list[Finding]:
    """The schema errors (SCH-01) that stand: while one does, the rules read that field as
    missing (a tier of ``"1"`` is no tier 1), so other documents' findings may be gone for
    that alone."""
    return [f for f in results if f.code == "SCH-01" and f.suppression is None]


def _changed_findings(
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
            if any(_section(format_json_path(p)) == section for p in _gaps(finding)):
                found[n] = finding
                break
    return found


def _gaps(finding: Finding) -> list[JsonPath]:
    return [part.json_path for part in finding.parts] or [finding.json_path]


def _section(json_path: str) -> str:
    """The top-level field a formatted JSON path starts with (``remedies`` of
    ``remedies.step_in_rights``)."""
    return json_path.split(".", 1)[0].split("[", 1)[0]


def _changed(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    now: dict[int, Finding],
    at: _EntryPlaces,
) -> list[Finding]:
    """BSL-01 for each entry whose finding changed: it says so, and where the finding is."""

    def each(n: int) -> str:
        entry, finding = entries[n], now[n]
        gaps = [format_json_path(path) for path in _gaps(finding)]
        listed = ", ".join(gaps[:5]) + (f" and {len(gaps) - 5} more" if len(gaps) > 5 else "")
        field = f" at field {entry.get('json_path')}" if entry.get("json_path") else ""
        return (
            f"changed: {entry.get('code')} on {entry.get('kind')} {entry.get('id')}, which this "
            f"entry accepts as recorded{field}, now reports {len(gaps)} "
            f"gap{'' if len(gaps) == 1 else 's'} ({listed}) at {finding.path}:{finding.line}, "
            "a finding the baseline does not accept; fix it, or run `resilint baseline` to "
            "accept it as it now stands"
        )

    def rest(more: int) -> str:
        return (
            f"changed: {more} more baseline entries accept findings that changed since (the "
            f"first {FIXED_SHOWN} are listed one by one); run `resilint baseline` to accept them "
            "as they now stand"
        )

    return _each_then_counted("BSL-01", numbers, at, each, rest)


def _never_kept(entry: dict[str, Any], first: dict[str, Finding]) -> bool:
    """Whether the entry's finding is there, of a check no baseline may accept (a file that
    cannot be read, a document of an unknown kind): it is not gone, and it still counts."""
    finding = first.get(entry["fingerprint"])
    check = CORE_CHECKS.get(finding.code) if finding is not None else None
    return check is not None and not check.kept


def _never(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    first: dict[str, Finding],
    at: _EntryPlaces,
) -> list[Finding]:
    """BSL-02 for each entry naming a finding that is there but never kept in a baseline: never
    told "fixed" while the finding still fails the run."""

    def each(n: int) -> str:
        finding = first[entries[n]["fingerprint"]]
        return (
            f"baseline entry {n + 1} names {_described(_labels(finding))} ({finding.path}:"
            f"{finding.line}), a finding no baseline keeps, since nothing in that file or "
            "document is checked while it stands: it suppresses nothing; fix the file, then "
            "delete the entry"
        )

    def rest(more: int) -> str:
        return (
            f"{more} more baseline entries name findings no baseline keeps (the first "
            f"{FIXED_SHOWN} are listed one by one); they suppress nothing"
        )

    return _each_then_counted("BSL-02", numbers, at, each, rest)


_LABELS = ("code", "kind", "id", "json_path")
"""What an entry says of its finding, compared when recorded. Not the file: documents move,
and the fingerprint names the file itself when the finding is on no document. Not the
message: its wording changes between versions."""


def _labels(finding: Finding) -> dict[str, str | None]:
    return {
        "code": finding.code,
        "kind": finding.kind,
        "id": finding.doc_id,
        "json_path": format_json_path(finding.json_path),
    }


def _agrees(entry: dict[str, Any], finding: Finding) -> bool:
    labels = _labels(finding)
    return all(entry[label] == labels[label] for label in _LABELS if label in entry)


def _is_misread(entry: dict[str, Any], first: dict[str, Finding]) -> bool:
    finding = first.get(entry["fingerprint"])
    return finding is not None and not _agrees(entry, finding)


def _misread(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    first: dict[str, Finding],
    at: _EntryPlaces,
) -> list[Finding]:
    """BSL-02 for each entry whose labels are not those of the finding its fingerprint names."""

    def each(n: int) -> str:
        entry = entries[n]
        finding = first[entry["fingerprint"]]
        labels = _labels(finding)
        differs = "; ".join(  # label by label: an empty one or one cut short is seen too
            f"{label} {_shown_label(entry[label])}, not {_shown_label(labels[label])}"
            for label in _LABELS
            if label in entry and entry[label] != labels[label]
        )
        return (
            f"baseline entry {n + 1} says {_described(entry)} ({differs}), but its fingerprint "
            f"is that of {_described(labels)} ({finding.path}:{finding.line}): it suppresses "
            "nothing, since an entry must say what it accepts; run `resilint baseline` to "
            "record the finding under its own name, or delete the entry"
        )

    def rest(more: int) -> str:
        return (
            f"{more} more baseline entries say another finding than their fingerprint's (the "
            f"first {FIXED_SHOWN} are listed one by one); they suppress nothing"
        )

    return _each_then_counted("BSL-02", numbers, at, each, rest)


def _shown_label(value: Any) -> str:
    """A label's value for a message: quoted and cut short; an empty one or none said so."""
    if value in (None, ""):
        return "empty"
    text = str(value)
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _described(labels: dict[str, Any]) -> str:
    """``CTR-08 on Contract ctr-acme, field remedies.step_in_rights``, each label cut short."""
    code, kind, doc_id, field = (str(labels.get(k) or "")[:80] for k in _LABELS)
    subject = f"{kind} {doc_id}".strip() or "a file"
    return f"{code or 'a finding'} on {subject}" + (f", field {field}" if field else "")


class _EntryPlaces:
    """Where each entry of the baseline file begins (line, column), for the findings about
    entries: the file is read again, bounded as when it was read, the first time one is placed
    (a run without such a finding never reads it twice). 1:1 where it cannot be read again."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._found: dict[int, tuple[int, int]] | None = None

    def __call__(self, number: int) -> tuple[int, int]:
        if self._found is None:
            self._found = _entries_at(self.path)
        return self._found.get(number, (1, 1))


def _entries_at(path: str) -> dict[int, tuple[int, int]]:
    import codecs

    from resilint.baseline import MAX_BYTES
    from resilint.load.positions import Lines
    from resilint.load.read import read_regular
    from resilint.strictjson import places

    data = read_regular(path, MAX_BYTES)
    if not isinstance(data, bytes):
        return {}
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        lines = Lines(text)
        return {
            where[1]: lines.position(offset)
            for where, offset in places(text)
            if len(where) == 2 and where[0] == "findings" and isinstance(where[1], int)
        }
    except ValueError:  # changed since it was read (no longer UTF-8 or JSON): at its start
        return {}


FIXED_SHOWN = 100
"""Baseline entries whose finding is gone reported one by one; the rest are counted in one
finding, so a stale baseline of any size gives a bounded report."""


def _fixed(
    gone: list[int],
    entries: tuple[dict[str, Any], ...],
    at: _EntryPlaces,
    standing: Sequence[Finding] = (),
    known: frozenset[str] | None = None,
) -> list[Finding]:
    """BSL-01 for each entry whose finding is gone: fixed, or, while ``standing`` files cannot be
    read (their documents unseen) or schema errors stand, gone perhaps only because of them
    (a rule cannot read a mistyped field), not to be dropped yet; an entry
    of a code that is none of the ``known`` rules' is not fixed but of a rule no longer run."""
    shrink = "run `resilint baseline` to shrink the baseline"
    unread = unread_note([f for f in standing if f.code != "SCH-01"])
    if unread:  # a file not read: its documents, and what other documents' rules saw in them
        but = unread + ", then, if it is still gone, " + shrink
    elif standing:  # a file's name may hold braces: the words are joined, never formatted
        first, count = standing[0], len(standing)
        errors, field, them = (
            (f"{count} schema errors stand (the first at", "fields", "them")
            if count > 1
            else ("a schema error stands (at", "field", "it")
        )
        but = (
            f", but while {errors} {first.path}:{first.line}) the rules do not read the mistyped "
            f"{field}, which may be why: fix {them} first, then, if it is still gone, " + shrink
        )
    else:
        but = ""

    upgraded = (
        " (or a rule changed with an upgrade no longer reports it: the entry accepts nothing)"
    )

    def said(what: str, listed: str = "") -> str:
        if but:
            return f"{what} gone{listed}{but}"
        return f"fixed: {what} gone{listed}{upgraded}; {shrink}"

    def each(n: int) -> str:
        entry = entries[n]
        subject = f"{entry.get('kind')} {entry.get('id')}" if entry.get("id") else entry.get("path")
        code = entry.get("code")
        if known is not None and code not in known:  # not fixed: nothing reports it any more
            return (
                f"{code} on {subject}: {code} is not a rule of this run (removed or renamed by "
                "an upgrade, or its rule file is no longer loaded), so this entry accepts "
                "nothing; run `resilint baseline` to drop it"
            )
        return said(f"{code} on {subject} is")

    def rest(more: int) -> str:
        listed = f" (the first {FIXED_SHOWN} are listed one by one)"
        return said(f"{more} more baseline entries are", listed)

    return _each_then_counted("BSL-01", gone, at, each, rest)


def _each_then_counted(
    code: str,
    numbers: list[int],
    at: _EntryPlaces,
    each: Callable[[int], str],
    rest: Callable[[int], str],
) -> list[Finding]:
    """A finding for each of the first :data:`FIXED_SHOWN` entries, at its place in the
    baseline, and one counting the rest, at the first of them: a baseline of any size gives a
    bounded report."""
    found = [core_finding(code, each(n), at.path, *at(n)) for n in numbers[:FIXED_SHOWN]]
    if len(numbers) > FIXED_SHOWN:
        more = len(numbers) - FIXED_SHOWN
        found.append(core_finding(code, rest(more), at.path, *at(numbers[FIXED_SHOWN])))
    return found
