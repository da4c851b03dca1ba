"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

import re

from resilint.findings import Level
from resilint.reporters.base import ReportContext, clip, counted, from_root, printable

_LINE_BREAK = re.compile("([\r\n])")
_BREAKS = {"\r": "%0D", "\n": "%0A"}
_COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def command_data(text: str) -> str:
    """A workflow command's message: controls escaped first, so no newline or ESC from the data
    can end the command and start another; then GitHub's own escapes."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    return command_data(text).replace(":", "%3A").replace(",", "%2C")


def command_file(path: str) -> str:
    """The ``file`` property: a line break in a file's name as GitHub's escape (``%0A``), which
    the runner reads back, so that the annotation lands on that file; every other control
    character escaped as in messages (the log shows them)."""
    return "".join(_BREAKS.get(part) or command_property(part) for part in _LINE_BREAK.split(path))


def report_github(context: ReportContext) -> str:
    lines = []
    for f in context.active:
        props = (
            f"file={command_file(from_root(f.path, context.source_root) or f.path)},"
            f"line={f.line},col={f.column},"
            f"title={command_property(f'{f.code} {f.name}')}"
        )
        lines.append(f"::{_COMMANDS[f.level]} {props}::{command_data(clip(f.message))}")
    for n in context.notes:  # on the configuration's line where there is one
        where = (
            f"file={command_file(from_root(n.path, context.source_root) or n.path)},line={n.line},"
            if n.path
            else ""
        )
        lines.append(
            f"::warning {where}title={command_property(f'resilint: {n.title}')}"
            f"::{command_data(n.text)}"
        )
    counts = context.counts()
    summary = ", ".join(counted(n, level.label) for level, n in counts.items() if n)
    files = counted(context.files, "file")
    lines += [
        f"resilint: {files}, {counted(context.documents, 'document')}: {summary or 'no findings'}",
        "",  # the last line ends too, without a copy of the text
    ]
    return "\n".join(lines)
