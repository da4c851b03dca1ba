"""Run the selected rules over the indexed repository.

A rule that raises does not stop the others: its failure becomes a finding with the rule's code,
and the run exits with its own status.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from resilint.findings import Finding, Level
from resilint.locate import Locator
from resilint.model import Index
from resilint.rules import Rule, RuleContext


@dataclass(frozen=True)
class RuleSettings:
    """The configuration's say over one rule."""

    level: Level | None = None
    params: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class EngineResult:
    findings: tuple[Finding, ...]
    crashes: tuple[Finding, ...]


def run_rules(
    rules: Iterable[Rule],
    index: Index,
    as_of: datetime.date,
    settings: Mapping[str, RuleSettings],
    known_codes: frozenset[str],
    locator: Locator,
) -> EngineResult:
    findings: list[Finding] = []
    crashes: list[Finding] = []
    for rule in rules:
        info = rule.info
        own = settings.get(info.code, RuleSettings())
        context = RuleContext(
            index,
            as_of,
            {**info.params, **(own.params or {})},
            own.level or info.level,
            known_codes,
            locator,
        )
        try:
            findings.extend(rule.run(context))
        except Exception as exc:  # a defect in one rule must not hide the others' findings
            crashes.append(_crash(rule, exc))
    return EngineResult(tuple(findings), tuple(crashes))


def _crash(rule: Rule, exc: Exception) -> Finding:
    file, _, line = rule.info.source.rpartition(":")
    return Finding(
        rule.info.code,
        rule.info.name,
        Level.ERROR,
        f"rule {rule.info.code} ({rule.info.name}) could not be evaluated: "
        f"{type(exc).__name__}: {exc}; the other rules ran. Please report this.",
        file,
        int(line) if line.isdigit() else 1,
        1,
    )
