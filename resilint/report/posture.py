"""What the report's sections read: the checked model (the index, the facts and their one
graph, the findings), the rules' documentation, the deadlines and the change since the previous
report, with each finding's anchor so every section can link to it."""

from __future__ import annotations

import bisect
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from resilint.checker import Checked
from resilint.codes import group_of
from resilint.core_checks import CORE_CHECKS
from resilint.domain import Facts
from resilint.domain.lifecycle import Completed, completed_exercises
from resilint.findings import Finding
from resilint.impact.model import Impact
from resilint.model import Document
from resilint.report.deadline import Deadline
from resilint.report.history import Change
from resilint.report.markup import h
from resilint.reporters.base import RuleDoc, help_uri

READING = "reading and validation"
"""The area of the built-in checks."""

AREAS = {
    "BCM": "continuity",
    "CON": "concentration",
    "CTR": "contracts",
    "ENT": "entities",
    "EVD": "claims evidence",
    "EXC": "waivers",
    "EXR": "exercises",
    "IAM": "identities and access",
    "INS": "insurance",
    "PLB": "playbooks",
    "REG": "DORA register of information",
    "SUP": "suppliers",
}
"""Each group of rule codes and the area of the programme its rules judge, as the findings'
codes name it: SUP-08 (an exit plan) is a supplier's finding, though the DORA profile asks it."""


def area_of(code: str, source: str) -> str:
    """The area of a rule: its code group's, else (a policy repository's own group) the name
    of the rules file it comes from."""
    return AREAS.get(group_of(code)) or Path(source.rpartition(":")[0]).stem


@dataclass(frozen=True)
class Posture:
    """What the report says of the programme: what was checked, by area, and what is due."""

    checked: Checked
    rules: Mapping[str, RuleDoc]
    areas: Mapping[str, str]
    """Rule code -> its area (:func:`area_of`: contracts, suppliers, continuity...)."""
    deadlines: tuple[Deadline, ...]
    days: int
    version: str
    scope: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """The rules this run ran, each with the regimes its findings are confined to (empty:
    everywhere)."""
    kinds: Mapping[str, str | None] = field(default_factory=dict)
    """The kind of document each rule selects."""
    change: Change | None = None
    root: str = "."
    """The repository root, which the report's file names are relative to."""
    what_if: tuple[Impact, ...] = ()
    """Each critical supplier's outage scenario (:mod:`resilint.impact.board`)."""
    what_if_hours: float = 24
    applies: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each rule's ``applies_to``, by code: the documents of its kind it runs on (a rule not
    named here: every one)."""
    selects: Mapping[str, Callable[[Document], bool]] = field(default_factory=dict)
    """For a rule whose own conditions (a declarative rule's ``when``) leave documents of its
    kind out beyond ``applies_to``: whether it judges a document (a rule not named here: every
    one its ``applies_to`` names)."""
    test_days: int = 365
    """How long a critical function's plan test stays current: EXR-01's ``max_age_days``."""
    notes: tuple[str, ...] = ()
    """What the reader must know of the coverage: the rules of a regime in effect that the
    configuration turns off (their terms are not shown as met)."""
    _anchors: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    _about: dict[tuple[str, str], list[Finding]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        seen: set[str] = set()
        about: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for finding in self.findings:
            anchor = base = f"f-{finding.fingerprint[:16]}"
            n = 1
            while anchor in seen:
                n += 1
                anchor = f"{base}-{n}"
            seen.add(anchor)
            self._anchors[id(finding)] = anchor
            if finding.kind and finding.doc_id:
                about[(finding.kind, finding.doc_id)].append(finding)
        self._about.update(about)

    @property
    def facts(self) -> Facts:
        return self.checked.facts

    @cached_property
    def completed(self) -> Completed:
        """The exercises completed by the as-of date."""
        return completed_exercises(self.facts.index, self.facts.as_of)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.checked.result.findings

    def anchor(self, finding: Finding) -> str:
        return self._anchors[id(finding)]

    def about(self, document: Document, codes: Iterable[str] | None = None) -> list[Finding]:
        """The findings located on ``document`` (of these rules)."""
        found = self._about.get((document.kind, document.id or ""), [])
        wanted = set(codes) if codes is not None else None
        return [f for f in found if wanted is None or f.code in wanted]

    def concerning(self, document: Document) -> list[Finding]:
        """The findings located on ``document``, then those located elsewhere that name a place
        in it (a concentration finding on one function's file naming all six functions it
        spans, a backup finding naming the function it is for)."""
        located = self.about(document)
        seen = {id(f) for f in located}
        named = [f for f in self._naming.get(id(document), []) if id(f) not in seen]
        return located + named

    @cached_property
    def _naming(self) -> dict[int, list[Finding]]:
        """Each document's findings located elsewhere that name a place in it: a related place
        lies in the last document of its file that starts at or before its line."""
        by_file: dict[str, list[Document]] = defaultdict(list)
        for document in self.facts.index.documents:
            by_file[document.path].append(document)
        lines: dict[str, list[int]] = {}
        for path, documents in by_file.items():
            documents.sort(key=lambda d: (d.line, d.index))
            lines[path] = [d.line for d in documents]
        naming: dict[int, list[Finding]] = defaultdict(list)
        seen: set[tuple[int, int]] = set()
        for finding in self.findings:
            for related in finding.related:
                at = bisect.bisect_right(lines.get(related.path, []), related.line)
                if not at:
                    continue
                document = by_file[related.path][at - 1]
                if (id(document), id(finding)) not in seen:
                    seen.add((id(document), id(finding)))
                    naming[id(document)].append(finding)
        return naming

    def where(self, path: str) -> str:
        """A file as the report names it: relative to the repository root."""
        return os.path.relpath(Path(path).absolute(), self.root)

    def area(self, code: str) -> str:
        return self.areas.get(code, READING)

    def link(self, finding: Finding, text: str | None = None, markup: str | None = None) -> str:
        """A link to the finding's row in the findings table, showing ``text`` (escaped) or
        ``markup`` (made by the caller from escaped parts); by default the finding's code."""
        label = markup if markup is not None else h(text if text is not None else finding.code)
        title = h(f"{finding.code}: {finding.message}")
        return f'<a href="#{self.anchor(finding)}" title="{title}">{label}</a>'

    def help_url(self, code: str) -> str:
        """The rule's section in docs/rules.md (the built-in checks share one)."""
        return help_uri(code, self.version, built_in=code in CORE_CHECKS)

    def ran_on(self, code: str, document: Document) -> bool:
        """Whether the rule ran on ``document``: it was selected, it reads documents of its
        kind, its ``applies_to`` names it, the regimes its findings are confined to (the
        engine drops the others) include one the document falls under, and its own conditions
        (a declarative rule's ``when``) let it judge the document."""
        if not self._admits(code, document):
            return False
        selects = self.selects.get(code)
        return selects is None or selects(document)

    def _admits(self, code: str, document: Document) -> bool:
        """Whether the rule's ``applies_to`` and the regimes it is confined to name the
        document (its own conditions aside)."""
        confined = self.scope.get(code)
        if confined is None or self.kinds.get(code) not in (None, document.kind):
            return False
        if not self.facts.matches(document, self.applies.get(code, {})):
            return False
        return not confined or bool(confined & self.facts.document_regimes(document))

    def judges_any(self, code: str) -> bool:
        """Whether the rule runs here and its own conditions let it judge some document of its
        kind: CTR-12 in a repository whose NIS2 entities are none of the kinds the implementing
        rules bind judges nothing, and its term is no column of the coverage matrix."""
        if self.scope.get(code) is None:
            return False
        selects = self.selects.get(code)
        if selects is None:
            return True
        kind = self.kinds.get(code)
        documents = self.facts.index.of_kind(kind) if kind else ()
        admitted = [d for d in documents if self._admits(code, d)]
        # no document of its scope at all says nothing of its conditions: the column stays
        return not admitted or any(selects(d) for d in admitted)
