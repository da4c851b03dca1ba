"""A Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from resilint.findings import Finding
from resilint.reporters.base import ReportContext, clip, counted, location
from resilint.reporters.base import markdown_inert as _cell

MAX_ROWS = 200
_ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def report_markdown(context: ReportContext) -> str:
    counts = context.counts()
    total = sum(counts.values())
    head = "## resilint: " + (
        "no findings ✅"
        if not total
        else ", ".join(counted(n, level.label) for level, n in counts.items() if n)
    )
    checked = f"{counted(context.files, 'file')}, {counted(context.documents, 'document')}"
    lines = [head, "", f"Checked {checked}."]
    if context.suppressed:
        lines.append(
            f"{len(context.suppressed)} findings are suppressed by waivers, inline "
            "comments or the baseline."
        )
    for n in context.notes:
        lines += ["", f"> ⚠️ **Note:** {_cell(n.text)}"]
    if total:
        lines += ["", "| | where | rule | finding |", "|---|---|---|---|"]
        lines += [_row(f) for f in context.active[:MAX_ROWS]]
        if total > MAX_ROWS:
            lines.append(f"\n…and {total - MAX_ROWS} more; see the full report.")
    return "\n".join(lines) + "\n"


def _row(f: Finding) -> str:
    message = _cell(clip(f.message))
    return (
        f"| {_ICONS[f.level.label]} | {_cell(location(f.path))}:{f.line} | {f.code} | {message} |"
    )
