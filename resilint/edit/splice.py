"""Apply text edits to a file's text: every character outside them is kept as it was."""

from __future__ import annotations

from collections.abc import Iterable

from resilint.findings import Edit
from resilint.load.positions import Lines


class SpliceError(Exception):
    """Edits that do not fit the text: overlapping, or past its end (it changed)."""


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made; edits are positioned in ``text`` and must not overlap."""
    lines = Lines(text)
    spans = sorted(
        (
            (_offset(lines, e.line, e.column), _offset(lines, e.end_line, e.end_column), e.text)
            for e in edits
        ),
        key=lambda span: (span[0], span[1]),
    )
    out: list[str] = []
    position = 0
    for start, end, new in spans:
        if start < position or end < start:
            raise SpliceError("two of its edits overlap")
        out += [text[position:start], new]
        position = end
    out.append(text[position:])
    return "".join(out)


def span(lines: Lines, edit: Edit) -> tuple[int, int]:
    """Where ``edit`` starts and ends in the text of ``lines``, as character offsets."""
    return _offset(lines, edit.line, edit.column), _offset(lines, edit.end_line, edit.end_column)


def _offset(lines: Lines, line: int, column: int) -> int:
    starts = lines.starts
    if not 1 <= line <= len(starts):
        raise SpliceError(f"line {line} is not in the file (it changed)")
    end = starts[line] if line < len(starts) else len(lines.text)
    offset = starts[line - 1] + column - 1
    if column < 1 or offset > end:
        raise SpliceError(f"line {line} has no column {column} (the file changed)")
    return offset
