"""``check --statistics``: how many findings each rule has, as ``ruff check --statistics``
prints it (count, code, ``[*]`` when ``resilint fix`` can fix them all, ``[-]`` when only
``--unsafe-fixes`` can, else ``[ ]``, then the rule's name), most frequent first; or the same
as JSON, in ruff's shape (code, name, count, fixable, fixable_count) plus the level."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from resilint.findings import Finding
from resilint.reporters.base import ReportContext, log_safe, printable
from resilint.reporters.text import summary


@dataclass(frozen=True)
class RuleCount:
    """How many findings one rule has, for ``--statistics``."""

    code: str
    name: str
    level: str
    count: int
    fixable: int
    unsafe_fixable: int


def counts(findings: tuple[Finding, ...]) -> list[RuleCount]:
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    rows = []
    for code, found in by_code.items():
        fixes = Counter("safe" if f.fix.safe else "unsafe" for f in found if f.fix is not None)
        levels = Counter(f.level for f in found)
        level = max(levels).label
        rows.append(
            RuleCount(code, found[0].name, level, len(found), fixes["safe"], fixes["unsafe"])
        )
    return sorted(rows, key=lambda r: (-r.count, r.code))


def report_statistics(context: ReportContext) -> str:
    rows = counts(context.active)
    width = max((len(str(r.count)) for r in rows), default=1)
    code_width = max((len(r.code) for r in rows), default=1)
    lines = [
        f"{r.count:>{width}}\t{r.code:<{code_width}}\t{_marker(r)} {printable(r.name)}"
        for r in rows
    ]
    lines.append(summary(context))
    return log_safe("\n".join(lines) + "\n")


def _marker(row: RuleCount) -> str:
    if row.fixable == row.count:
        return "[*]"
    if row.fixable + row.unsafe_fixable == row.count:
        return "[-]"
    return "[ ]"


def report_statistics_json(context: ReportContext) -> str:
    rows = [
        {
            "code": r.code,
            "name": printable(r.name),
            "level": r.level,
            "count": r.count,
            "fixable": r.fixable == r.count,
            "fixable_count": r.fixable,
            "unsafe_fixable_count": r.unsafe_fixable,
        }
        for r in counts(context.active)
    ]
    return json.dumps(rows, indent=2, ensure_ascii=True) + "\n"


MANY = 100
"""More findings than a reader takes in as one list (a programme's first runs, files recorded
with a name and little else): the text output is then followed by a note on how to take them."""


def many_findings_note(findings: tuple[Finding, ...]) -> str:
    """Where the text output lists more than ``MANY`` findings, the rules most of them come from
    and the views that order them (empty otherwise): an alphabetical list of hundreds of lines
    does not say where to begin."""
    rows = counts(findings)
    total = sum(r.count for r in rows)
    if total <= MANY:
        return ""
    top = rows[:3]
    named = ", ".join(f"{r.code} {r.count}" for r in top)
    documents = len({(f.path, f.kind, f.doc_id) for f in findings})
    return (
        f"{total:,} findings in {documents:,} documents, {sum(r.count for r in top):,} of them "
        f"from {len(top)} rules ({named}): --statistics counts them by rule, --group-by "
        "document lists them under each document, and `resilint report -o report.html` shows "
        "them by area beside the critical suppliers' gaps and the deadlines"
    )
