"""``path:line:col: CODE level message``, one finding a line, then a summary."""

from __future__ import annotations

from resilint.findings import Level
from resilint.reporters.base import ReportContext, printable

_COLORS = {Level.ERROR: "\033[31m", Level.WARNING: "\033[33m", Level.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def report_text(context: ReportContext) -> str:
    lines = []
    for f in context.active:
        where = f"{printable(f.path)}:{f.line}:{f.column}:"
        level = f.level.label
        if context.color:
            where = f"{_BOLD}{where}{_RESET}"
            level = f"{_COLORS[f.level]}{level}{_RESET}"
        lines.append(f"{where} {f.code} {level} {printable(f.message)}")
        for rel in f.related:
            note = f"    {printable(rel.path)}:{rel.line}:{rel.column}: {printable(rel.message)}"
            lines.append(f"{_DIM}{note}{_RESET}" if context.color else note)
    lines.append(_summary(context))
    return "\n".join(lines) + "\n"


def _summary(context: ReportContext) -> str:
    counts = context.counts()
    total = sum(counts.values())
    files = f"{context.files} file{'s' if context.files != 1 else ''}"
    docs = f"{context.documents} document{'s' if context.documents != 1 else ''}"
    hidden = len(context.suppressed)
    note = f"; {hidden} suppressed" if hidden else ""
    if not total:
        return f"Checked {files}, {docs}: no findings{note}."
    parts = ", ".join(
        f"{n} {level.label}{'s' if n != 1 else ''}" for level, n in counts.items() if n
    )
    return f"Checked {files}, {docs}: {total} finding{'s' if total != 1 else ''} ({parts}){note}."
