"""A Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from resilint.findings import Finding
from resilint.patterns import Lazy
from resilint.reporters.base import ReportContext, clip, counted, printable

MAX_ROWS = 200
_ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}


_MENTION = Lazy(r"(?<![A-Za-z0-9._%+-])@(?=[A-Za-z0-9])")


def _cell(text: str) -> str:
    """Text from the data, inert in a Markdown table: no HTML, no pipes, no line breaks, and no
    @mention that would notify a person or team from a pull-request comment (a zero-width
    space, written as an entity, after the @: the practice of Renovate's comments)."""
    import html  # imported when this format is asked for

    escaped = html.escape(printable(text), quote=False)
    for char in "|`*_[]<>#!":
        escaped = escaped.replace(char, "\\" + char)
    return _MENTION.sub("@&#8203;", escaped.replace("\n", " "))


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
    if total:
        lines += ["", "| | where | rule | finding |", "|---|---|---|---|"]
        lines += [_row(f) for f in context.active[:MAX_ROWS]]
        if total > MAX_ROWS:
            lines.append(f"\n…and {total - MAX_ROWS} more; see the full report.")
    return "\n".join(lines) + "\n"


def _row(f: Finding) -> str:
    message = _cell(clip(f.message))
    return f"| {_ICONS[f.level.label]} | {_cell(f.path)}:{f.line} | {f.code} | {message} |"
