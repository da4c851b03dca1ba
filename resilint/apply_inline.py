"""Inline suppression comments applied to the findings of their line: IGN-01 for a comment
that cannot be used, IGN-02 for one expired, IGN-04 for one a finding may not be silenced by
(a Waiver's own, a rule ``forbid_inline`` names), IGN-03 for one that matched nothing. For
:mod:`resilint.suppress`."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from typing import TYPE_CHECKING

from resilint import codes
from resilint.core_checks import core_finding
from resilint.findings import Finding, Suppression
from resilint.inline import InlineSuppression
from resilint.suppressible import _suppressible

if TYPE_CHECKING:
    from resilint.suppress import SuppressionPolicy


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
