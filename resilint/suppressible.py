"""Which findings a suppression may accept: an inline comment, a waiver and the baseline only
findings of a rule or of a built-in check they may keep (not a file that cannot be read);
``per_file_ignores`` also a file named on purpose that holds no resilint document."""

from __future__ import annotations

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding


def _suppressible(finding: Finding) -> bool:
    """Whether an inline comment, a waiver or the baseline may accept ``finding``."""
    check = CORE_CHECKS.get(finding.code)
    return finding.suppression is None and (check is None or check.kept)


def _ignorable(finding: Finding) -> bool:
    """Whether ``per_file_ignores`` may accept ``finding``: also a file named on purpose that
    holds no resilint document (DOC-04), which nothing else accepts."""
    check = CORE_CHECKS.get(finding.code)
    return finding.suppression is None and (check is None or check.suppressible)
