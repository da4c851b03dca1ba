"""``path:line:col: CODE level message``, one finding a line, then a summary."""

from __future__ import annotations

from resilint.findings import Finding, Level
from resilint.reporters.base import ReportContext, clip, counted, location, log_safe, printable
from resilint.reporters.grouped import grouped_lines

_COLORS = {Level.ERROR: "\033[31m", Level.WARNING: "\033[33m", Level.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def report_text(context: ReportContext) -> str:
    if context.group_by:
        lines = grouped_lines(context, context.group_by, lambda f: _lines(context, f))
    else:
        lines = [text for f in context.active for text in _lines(context, f)]
    lines += [f"note: {printable(n.text)}" for n in context.notes]
    lines += [summary(context), ""]  # the last line ends too, without a copy of the text
    return log_safe("\n".join(lines))  # each line starts with a path


def _lines(context: ReportContext, f: Finding) -> list[str]:
    where = f"{location(f.path)}:{f.line}:{f.column}:"
    level = f.level.label
    if context.color:
        where = f"{_BOLD}{where}{_RESET}"
        level = f"{_COLORS[f.level]}{level}{_RESET}"
    lines = [f"{where} {f.code}{_fixable(f)} {level} {printable(clip(f.message))}"]
    for rel in f.related:
        note = f"    {location(rel.path)}:{rel.line}:{rel.column}: {printable(clip(rel.message))}"
        lines.append(f"{_DIM}{note}{_RESET}" if context.color else note)
    return lines


def _fixable(finding: Finding) -> str:
    """``[fix]`` when ``resilint fix`` can remedy the finding, ``[unsafe fix]`` when only
    ``--unsafe-fixes`` will (ruff's ``[*]``, in words)."""
    if finding.fix is None:
        return ""
    return " [fix]" if finding.fix.safe else " [unsafe fix]"


def _fixes_note(context: ReportContext) -> str:
    safe = sum(1 for f in context.active if f.fix and f.fix.safe)
    unsafe = sum(1 for f in context.active if f.fix and not f.fix.safe)
    if not safe and not unsafe:
        return ""
    note = f"{safe} fixable with `resilint fix`" if safe else ""
    if unsafe:
        more = f"{unsafe} {'more ' if safe else ''}with `resilint fix --unsafe-fixes`"
        note = f"{note}, {more}" if note else more
    return f" {note[0].upper()}{note[1:]}."


def summary(context: ReportContext) -> str:
    counts = context.counts()
    total = sum(counts.values())
    files = counted(context.files, "file")
    docs = counted(context.documents, "document")
    hidden = len(context.suppressed)
    note = f"; {hidden} suppressed" if hidden else ""
    if not total:
        return f"Checked {files}, {docs}: no findings{note}."
    parts = ", ".join(counted(n, level.label) for level, n in counts.items() if n)
    found = f"{counted(total, 'finding')} ({parts}){note}"
    return f"Checked {files}, {docs}: {found}.{_fixes_note(context)}"
