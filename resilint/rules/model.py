"""What every rule is, declarative or Python: its documentation and a ``run`` giving problems."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from resilint.findings import Finding, JsonPath, Level, Related
from resilint.locate import Locator
from resilint.model import Document, Index

PROFILES = ("baseline", "dora", "nis2", "nydfs")


@dataclass(frozen=True)
class ExpectedFinding:
    id: str
    line: int


@dataclass(frozen=True)
class RuleExamples:
    passing: str
    failing: str
    expect: tuple[ExpectedFinding, ...]


@dataclass(frozen=True)
class RuleInfo:
    """A rule's identity and documentation, as ``resilint explain`` prints it."""

    code: str
    name: str
    level: Level
    profiles: tuple[str, ...]
    title: str
    rationale: str
    references: tuple[str, ...]
    remediation: str
    source: str
    """Where the rule is defined: ``rules/contracts.yaml:12``."""
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: RuleExamples | None = None
    time_aware: bool = False


@dataclass(frozen=True)
class RuleContext:
    """What a rule run receives: the whole repository, the as-of date, parameters and level."""

    index: Index
    as_of: datetime.date
    params: Mapping[str, Any]
    level: Level
    known_codes: frozenset[str]
    """Codes of every loaded rule (resilint's, the user's, plug-ins') and built-in check."""
    locator: Locator

    def finding(
        self,
        info: RuleInfo,
        document: Document,
        json_path: JsonPath,
        message: str,
        related: tuple[Related, ...] = (),
        discriminator: str = "",
    ) -> Finding:
        """A finding of rule ``info`` at the level the configuration gives it."""
        return self.locator.finding(
            info.code,
            info.name,
            self.level,
            message,
            document,
            json_path,
            related=related,
            discriminator=discriminator,
        )

    def related(self, document: Document, json_path: JsonPath, message: str) -> Related:
        """Another document a finding involves, shown beside it with its position."""
        return self.locator.related(document, json_path, message)


class Rule(Protocol):
    @property
    def info(self) -> RuleInfo: ...

    def run(self, context: RuleContext) -> Iterator[Finding]: ...
