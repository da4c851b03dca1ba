"""The flow, end to end: discover -> load -> validate -> index and references -> report.

Core code returns findings and never prints; the CLI and reporters write output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from resilint.core_checks import CORE_CHECKS
from resilint.discover import discover
from resilint.findings import Finding
from resilint.limits import Limits
from resilint.load import load_file
from resilint.locate import Locator
from resilint.model import Document, Index, Problem
from resilint.references import check_index, check_references
from resilint.schemas import SchemaSet
from resilint.validate import to_document


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    schemas: SchemaSet
    exclude: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Result:
    findings: tuple[Finding, ...]
    files: int
    documents: int

    @property
    def unreadable(self) -> bool:
        """True when some input could not be read as data at all."""
        return any(f.code in CORE_CHECKS and CORE_CHECKS[f.code].unreadable for f in self.findings)


def check(options: CheckOptions) -> Result:
    found = discover(options.paths, options.exclude)
    findings: list[Finding] = list(found.findings)
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in found.files:
        loaded = load_file(path, options.limits)
        findings.extend(loaded.findings)
        for raw in loaded.documents:
            document, schema_problems = to_document(raw, options.schemas)
            documents.append(document)
            problems.extend(schema_problems)
    index = Index(documents)
    problems.extend(check_index(index))
    problems.extend(check_references(index, options.schemas))
    findings.extend(_locate(problems, options.limits))
    return Result(
        tuple(sorted(findings, key=lambda f: f.sort_key)), len(found.files), len(documents)
    )


def _locate(problems: Iterable[Problem], limits: Limits) -> list[Finding]:
    locator = Locator(limits)
    return [locator.finding(problem) for problem in problems]
