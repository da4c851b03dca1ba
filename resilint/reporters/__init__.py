"""Stage 6 of the flow: reporters are pure functions ``(findings, context) -> str`` in a registry.

They decide nothing about exit codes.
"""

from __future__ import annotations

from collections.abc import Callable

from resilint.reporters.base import ReportContext
from resilint.reporters.json import report_json
from resilint.reporters.text import report_text

Reporter = Callable[[ReportContext], str]

REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
}

__all__ = ["REPORTERS", "ReportContext", "Reporter"]
