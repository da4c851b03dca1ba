"""What every reporter receives, and helpers they share."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from resilint.findings import Finding, Level

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class ReportContext:
    findings: tuple[Finding, ...]
    files: int
    documents: int
    version: str
    color: bool = False

    def counts(self) -> dict[Level, int]:
        counter = Counter(finding.level for finding in self.findings)
        return {level: counter.get(level, 0) for level in sorted(Level, reverse=True)}


def printable(text: str) -> str:
    """Text from the data, made safe for a terminal: control characters and lone surrogates
    are shown as escapes, never sent raw."""
    return _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )
