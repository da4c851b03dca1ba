"""Waiver documents applied to the findings: those that stand (EXC-01, decided by
:mod:`resilint.waiver_validity`) suppress the findings of the rules and targets they name,
never a finding on a Waiver; EXC-02 for a waiver, or a rule of one, that suppressed nothing.
For :mod:`resilint.suppress`."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from resilint.core_checks import CORE_CHECKS
from resilint.domain.waivers import waived_rules
from resilint.findings import Finding, JsonPath, Level, Suppression
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.suppressible import _suppressible
from resilint.waiver_targets import Targets, targets_of, waive


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
            suppression = Suppression("waiver", reason, f"Waiver {waiver.id}")
            results.append(dataclasses.replace(waived, suppression=suppression))
            if rest is None:
                break
            finding = rest  # the gaps this waiver does not cover: another waiver may
        else:
            results.append(finding)
    unused = [(w, tuple(c for c in waived_rules(w.data) if (w, c) not in used)) for w in waivers]
    return results, [(w, idle) for w, idle in unused if idle]


def _invalid_waivers(findings: list[Finding]) -> set[tuple[str, str | None]]:
    """(file, id) of each waiver its schema refuses (SCH-01): it suppresses nothing, since
    what it says cannot be trusted (``naming: [""]`` would name every finding), and it is not
    reported as unused either: its SCH-01 says what to correct."""
    return {(f.path, f.doc_id) for f in findings if f.code == "SCH-01" and f.kind == "Waiver"}


@dataclass(frozen=True)
class _UnusedWaivers:
    """EXC-02's warnings for a waiver in force that suppressed nothing: one at its id when no
    rule it names matched a finding; for a waiver of several rules, one at each rule that
    matched none while another did, naming it (that rule's gap is closed, or it is not the rule
    meant). Only rules that ran are judged."""

    locator: Locator

    def __call__(
        self, waiver: Document, idle: tuple[str, ...], ran: frozenset[str]
    ) -> list[Finding]:
        judged = tuple(c for c in idle if c in ran or c in CORE_CHECKS)
        if not judged:
            return []
        if judged == waived_rules(waiver.data):
            several = "rules" if isinstance(waiver.data.get("rules"), list) else "rule"
            message = (
                f"waiver {waiver.id} suppressed nothing: no finding of {', '.join(judged)} "
                f"matches its targets; withdraw it or correct its {several} and targets"
            )
            return [self._finding(waiver, message, ("id",), "unused")]
        rules = waiver.data.get("rules")
        listed = rules if isinstance(rules, list) else []
        return [
            self._finding(
                waiver,
                f"waiver {waiver.id} names {code} among its rules, but no finding of {code} "
                f"matches its targets: it suppressed nothing of {code}; withdraw {code} from "
                "its rules, or correct its targets",
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
