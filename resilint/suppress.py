"""Stage 6 of the flow: waivers, inline suppressions and the baseline decide which findings count.

Suppressed findings are kept, marked with their justification (JSON and SARIF show them); expired
or invalid suppressions stop suppressing and become findings themselves, and so do suppressions
that suppressed nothing.

Each kind of suppression is applied by its own module: inline comments by
:mod:`resilint.apply_inline`, Waiver documents by :mod:`resilint.apply_waivers`, the baseline
by :mod:`resilint.apply_baseline`; which findings any of them may accept is
:mod:`resilint.suppressible`. ``per_file_ignores`` is applied here, last.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint import codes
from resilint.apply_baseline import _baseline
from resilint.apply_inline import _inline
from resilint.apply_waivers import _UnusedWaivers, _waivers
from resilint.domain.misnamed import Accepted
from resilint.findings import Finding, Suppression
from resilint.inline import InlineSuppression
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.suppressible import _ignorable


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
        report = _UnusedWaivers(locator)
        for waiver, idle in unused:
            extra += report(waiver, idle, policy.ran)
    if policy.baseline is not None:
        results, fixed = _baseline(
            results, policy.baseline, policy.baseline_path, policy.known or None
        )
        extra += fixed
    return ignore_per_file(results + extra, policy)


def ignore_per_file(findings: Iterable[Finding], policy: SuppressionPolicy) -> list[Finding]:
    """per_file_ignores, last: what an inline comment, a waiver or the baseline already
    accounts for keeps that justification (and is not reported as unused or fixed)."""
    if not policy.per_file_ignores:
        return list(findings)
    from resilint.wildmatch import Patterns  # only for a configuration with per-file ignores

    specs = [
        (pattern, selectors, Patterns([pattern])) for pattern, selectors in policy.per_file_ignores
    ]
    results = []
    for finding in findings:
        relative = Path(os.path.relpath(Path(finding.path).absolute(), policy.root)).as_posix()
        match = next(
            (
                p
                for p, selectors, spec in specs
                if codes.any_names(selectors, finding.code) and spec.covering(relative)
            ),
            None,
        )
        if match is not None and _ignorable(finding) and not relative.startswith("../"):
            reason = f"per_file_ignores: {match}"
            finding = dataclasses.replace(
                finding, suppression=Suppression("per-file", reason, policy.per_file_source)
            )
        results.append(finding)
    return results


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
