"""Stage 6 of the flow: reporters are pure functions ``(context) -> str`` in a registry.

They decide nothing about exit codes.
"""

from __future__ import annotations

from collections.abc import Callable

from resilint.reporters.base import ReportContext, RuleDoc
from resilint.reporters.github import report_github
from resilint.reporters.gitlab import report_gitlab
from resilint.reporters.json import report_json
from resilint.reporters.junit import report_junit
from resilint.reporters.markdown import report_markdown
from resilint.reporters.sarif import report_sarif
from resilint.reporters.text import report_text

Reporter = Callable[[ReportContext], str]

REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
    "sarif": report_sarif,
    "junit": report_junit,
    "github": report_github,
    "gitlab": report_gitlab,
    "markdown": report_markdown,
}

__all__ = ["REPORTERS", "ReportContext", "Reporter", "RuleDoc"]
