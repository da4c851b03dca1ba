"""``check --group-by document|rule``: the text output with findings under a heading per
document (kind and id, or the file for findings outside any document) or per rule."""

from __future__ import annotations

from collections.abc import Callable

from resilint.findings import Finding
from resilint.reporters.base import ReportContext, printable

GROUPINGS = ("document", "rule")


def _by_document(f: Finding) -> tuple[str, str]:
    if f.kind and f.doc_id:
        return (f.path, f"{f.kind} {f.doc_id} ({f.path})")
    return (f.path, f.path)


def _by_rule(f: Finding) -> tuple[str, str]:
    return (f.code, f"{f.code} {f.name}")


_KEYS: dict[str, Callable[[Finding], tuple[str, str]]] = {
    "document": _by_document,
    "rule": _by_rule,
}


def grouped_lines(
    context: ReportContext, by: str, line: Callable[[Finding], list[str]]
) -> list[str]:
    """The findings under their group's heading (groups in order of their first finding's
    sort key within the group: by file for documents, by code for rules), each finding's lines
    as ``line`` renders them, indented."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in context.active:
        groups.setdefault(_KEYS[by](f), []).append(f)
    lines = []
    for (_, heading), found in sorted(groups.items(), key=lambda item: item[0]):
        noun = "finding" if len(found) == 1 else "findings"
        lines.append(f"{printable(heading)}: {len(found)} {noun}")
        lines += ["  " + text for f in found for text in line(f)]
        lines.append("")
    return lines
