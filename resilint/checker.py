"""The flow, end to end: discover -> load -> validate -> index and references -> rules -> report.

Core code returns findings and never prints; the CLI and reporters write output.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.discover import discover
from resilint.engine import run_rules
from resilint.findings import Finding
from resilint.limits import Limits
from resilint.load import load_file
from resilint.locate import Locator
from resilint.model import Document, Index, Problem
from resilint.references import check_index, check_references
from resilint.rules import Rule
from resilint.schemas import SchemaSet
from resilint.selection import select_rules
from resilint.validate import to_document


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    schemas: SchemaSet
    config: Config
    rules: tuple[Rule, ...] = ()
    as_of: datetime.date = field(default_factory=datetime.date.today)


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    files: int
    documents: int
    crashes: tuple[Finding, ...] = ()

    @property
    def unreadable(self) -> bool:
        """True when some input could not be read as data at all."""
        return any(f.code in CORE_CHECKS and CORE_CHECKS[f.code].unreadable for f in self.findings)


def check(options: CheckOptions) -> Result:
    config = options.config
    found = discover(options.paths, config.exclude)
    findings: list[Finding] = list(found.findings)
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in found.files:
        loaded = load_file(path, config.limits)
        findings.extend(loaded.findings)
        for raw in loaded.documents:
            document, schema_problems = to_document(raw, options.schemas)
            documents.append(document)
            problems.extend(schema_problems)
    index = Index(documents)
    problems.extend(check_index(index))
    problems.extend(check_references(index, options.schemas))
    engine = run_rules(
        select_rules(options.rules, config, index), index, options.as_of, config.rules
    )
    problems.extend(engine.problems)
    findings.extend(_locate(problems, config.limits))
    findings.extend(engine.crashes)
    return Result(
        tuple(sorted(findings, key=lambda f: f.sort_key)),
        len(found.files),
        len(documents),
        engine.crashes,
    )


def _locate(problems: Iterable[Problem], limits: Limits) -> list[Finding]:
    locator = Locator(limits)
    return [locator.finding(problem) for problem in problems]
