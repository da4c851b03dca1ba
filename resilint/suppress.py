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
from resilint.findings import Finding, JsonPath, Level, Suppression
from resilint.inline import InlineSuppression
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.unseen import unread, unseen_note
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
        unseen = unread(results)  # what a waiver's targets hold may not have been seen
        report = _UnusedWaivers(locator, unseen_note(unseen))
        for waiver, idle in unused:
            extra += report(waiver, idle, policy.ran)
        if not unseen:
            results = _expired_with_nothing_left(results, index, as_of, policy.ran)
    if policy.baseline is not None:
        from resilint.baseline_match import match_baseline  # only a run with a baseline

        results, fixed = match_baseline(
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


def suppressible(finding: Finding) -> bool:
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
                if finding.code in c.codes and suppressible(finding)
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
    return suppressible(finding) and finding.kind != "Waiver"


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
    refused = _refused_waivers(schema_errors)
    results = _judged(dangling, refused, inline, index, as_of, policy, locator)
    return frozenset(
        (f.kind, f.doc_id, f.json_path)
        for f in results
        if f.code == "REF-01" and f.suppression is not None
    )


def standing_findings(
    schema_errors: Iterable[Finding],
    inline: Iterable[InlineSuppression],
    index: Index,
    as_of: datetime.date,
    policy: SuppressionPolicy,
    locator: Locator,
) -> Callable[[Sequence[Finding]], list[Finding]]:
    """Which of a rule's findings no standing Waiver, inline comment or ``per_file_ignores``
    accepts: what a check that leaves a gap to that rule (BCM-03 leaving a planless function
    to BCM-07) may count as said. A waiver accepts the risk of the finding it names, not of
    another rule's gap on the same document, which is then said. The baseline is left out:
    it holds findings still to be fixed, which go on asking for what they ask. Read while the
    rules run, with the suppressions the run applies after them."""
    refused = _refused_waivers(schema_errors)
    unbaselined = dataclasses.replace(policy, baseline=None)

    def standing(findings: Sequence[Finding]) -> list[Finding]:
        if not findings:
            return []
        asked = {f.code for f in findings}
        results = _judged(findings, refused, inline, index, as_of, unbaselined, locator)
        return [f for f in results if f.code in asked and f.suppression is None]

    return standing


def _refused_waivers(schema_errors: Iterable[Finding]) -> list[Finding]:
    """The SCH-01 findings of waivers their schema refuses: given with the findings to judge,
    so that such a waiver suppresses nothing there either (:func:`_invalid_waivers`)."""
    return [f for f in schema_errors if f.code == "SCH-01" and f.kind == "Waiver"]


def _judged(
    findings: Iterable[Finding],
    refused: list[Finding],
    inline: Iterable[InlineSuppression],
    index: Index,
    as_of: datetime.date,
    policy: SuppressionPolicy,
    locator: Locator,
) -> list[Finding]:
    """``findings`` with the suppressions the run will apply after the rules set on them, read
    before or while the rules run; a waiver left unused here is not reported (the run says
    that once, at its end)."""
    quiet = dataclasses.replace(policy, report_unused_waivers=False)
    return apply_suppressions([*refused, *findings], inline, index, as_of, quiet, locator)


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
    """:func:`unseen_note` of the run: while a file cannot be read, a waiver may match nothing
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
