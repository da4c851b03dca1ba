"""Rules the rule language cannot express well are Python functions under a typed interface,
registered explicitly in :data:`resilint.rules.builtin.PYTHON_CHECKS` (never by import side effect).
Their documentation lives in ``rules/*.yaml`` like every other rule's, naming the check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from resilint.findings import JsonPath
from resilint.model import Document, Problem, RelatedPlace
from resilint.rules.model import RuleContext, RuleInfo


class PythonCheck(Protocol):
    def __call__(self, context: RuleContext, info: RuleInfo) -> Iterator[Problem]: ...


@dataclass(frozen=True)
class PythonRule:
    info: RuleInfo
    check: PythonCheck

    def run(self, context: RuleContext) -> Iterator[Problem]:
        return self.check(context, self.info)


def make_problem(
    info: RuleInfo,
    context: RuleContext,
    document: Document,
    json_path: JsonPath,
    message: str,
    related: tuple[RelatedPlace, ...] = (),
    discriminator: str = "",
) -> Problem:
    """A problem of a Python check, at the level the configuration gives the rule."""
    return Problem(
        info.code,
        info.name,
        context.level,
        message,
        document,
        json_path,
        related=related,
        discriminator=discriminator,
    )
