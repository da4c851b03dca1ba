"""Stage 6 of the flow: reporters are pure functions ``(context) -> str`` in a registry.

They decide nothing about exit codes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from resilint.reporters.base import ReportContext, RuleDoc

Reporter = Callable[[ReportContext], str]

_WRITERS = {
    "text": "text:report_text",
    "json": "json:report_json",
    "sarif": "sarif:report_sarif",
    "junit": "junit:report_junit",
    "github": "github:report_github",
    "gitlab": "gitlab:report_gitlab",
    "markdown": "markdown:report_markdown",
}


class _Reporters(Mapping[str, Reporter]):
    """Each format's reporter, its module imported when first asked for: a run writes one or
    two formats of the seven."""

    def __getitem__(self, name: str) -> Reporter:
        module, _, function = _WRITERS[name].partition(":")
        reporter: Reporter = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_WRITERS)

    def __len__(self) -> int:
        return len(_WRITERS)


REPORTERS: Mapping[str, Reporter] = _Reporters()

__all__ = ["REPORTERS", "ReportContext", "Reporter", "RuleDoc"]
