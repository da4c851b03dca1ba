"""What every reporter receives, and helpers they share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from resilint.findings import Finding, Level

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class RuleDoc:
    """What output formats that describe rules (SARIF, Code Quality) say about one."""

    code: str
    name: str
    level: Level
    title: str
    rationale: str
    remediation: str
    references: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportContext:
    findings: tuple[Finding, ...]
    files: int
    documents: int
    version: str
    color: bool = False
    rules: Mapping[str, RuleDoc] = field(default_factory=dict)
    fail_on: str = "error"

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings that count: not suppressed."""
        return tuple(f for f in self.findings if f.suppression is None)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.suppression is not None)

    def counts(self) -> dict[Level, int]:
        counter = Counter(finding.level for finding in self.active)
        return {level: counter.get(level, 0) for level in sorted(Level, reverse=True)}


def printable(text: str) -> str:
    """Text from the data, made safe for a terminal: control characters and lone surrogates
    are shown as escapes, never sent raw."""
    return _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )
