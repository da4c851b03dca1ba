"""Rules the rule language cannot express well are Python functions under a typed interface,
registered explicitly in :data:`resilint.rules.builtin.PYTHON_CHECKS` (never by import side effect).
Their documentation lives in ``rules/*.yaml`` like every other rule's, naming the check.

A check builds each finding complete with ``context.finding(info, document, json_path, message)``
and the other places involved with ``context.related(document, json_path, message)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from resilint.findings import Finding
from resilint.rules.model import RuleContext, RuleInfo


class PythonCheck(Protocol):
    def __call__(self, context: RuleContext, info: RuleInfo) -> Iterator[Finding]: ...


@dataclass(frozen=True)
class PythonRule:
    info: RuleInfo
    check: PythonCheck

    def run(self, context: RuleContext) -> Iterator[Finding]:
        return self.check(context, self.info)
