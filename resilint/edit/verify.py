"""Before a file is written: it must still load with resilint's own loader, mean what it meant
everywhere the edit was not meant to change, and keep every comment."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from typing import Any

from yaml.nodes import Node, ScalarNode

from resilint.findings import Fix, JsonPath, format_json_path
from resilint.limits import Limits
from resilint.load import compose_text
from resilint.load.compose import children
from resilint.load.convert import Converter
from resilint.load.positions import Lines, LoadError
from resilint.patterns import kept

_COMMENT = kept(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.MULTILINE)
_MISSING = object()


def verify(old: str, new: str, fixes: Iterable[Fix], limits: Limits) -> str | None:
    """None when ``new`` is ``old`` changed only as ``fixes`` say; else why it is refused."""
    fixes = list(fixes)
    after = _documents(new, limits)
    if isinstance(after, LoadError):
        return f"the result would not load ({after.code} at line {after.line}: {after.message})"
    before = _documents(old, limits)
    if isinstance(before, LoadError):
        if any(fix.changes or fix.keeps for fix in fixes):
            return f"the file does not load ({before.code} at line {before.line})"
    elif len(before[0]) != len(after[0]):
        return "it would change how many documents the file holds"
    else:
        reason = _compare(before, after, fixes)
        if reason:
            return reason
    if Counter(comments(old, limits)) != Counter(comments(new, limits)):
        return "it would lose or change a comment"
    return None


_Loaded = tuple[list[Any], list[int]]
"""Each document's data, and the line each starts on."""


def _documents(text: str, limits: Limits) -> _Loaded | LoadError:
    lines = Lines(text)
    try:
        roots = compose_text(text, limits)
        converter = Converter(limits, lines)
        return [converter.convert(r) for r in roots], [lines.mark(r.start_mark)[0] for r in roots]
    except LoadError as error:
        return error


def _compare(before: _Loaded, after: _Loaded, fixes: list[Fix]) -> str | None:
    old, new = list(before[0]), list(after[0])
    for fix in fixes:
        first = min((edit.line for edit in fix.edits), default=1)
        index = max(bisect_right(before[1], first) - 1, 0)
        for was, now in fix.keeps:
            if not same(_get(old[index], was), _get(new[index], now)):
                return f"{format_json_path(now)} would not hold what {format_json_path(was)} held"
        old[index] = _without(old[index], fix.changes)
        new[index] = _without(new[index], fix.changes)
    for number, (was_doc, now_doc) in enumerate(zip(old, new, strict=True), start=1):
        if not same(was_doc, now_doc):
            return f"it would change the meaning of document {number} beyond what it fixes"
    return None


def same(a: Any, b: Any) -> bool:
    """Equal data with equal types: true is not 1, 1 is not 1.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _get(data: Any, path: JsonPath) -> Any:
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step, _MISSING)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return _MISSING
    return data


def _without(data: Any, paths: Iterable[JsonPath]) -> Any:
    """A copy of ``data`` without the values at ``paths``."""
    result = data
    for path in paths:
        result = _drop(result, path)
    return result


def _drop(data: Any, path: JsonPath) -> Any:
    if not path:
        return _MISSING
    step, rest = path[0], path[1:]
    if isinstance(data, dict) and isinstance(step, str) and step in data:
        inner = _drop(data[step], rest)
        return {k: v for k, v in data.items() if k != step} | (
            {} if inner is _MISSING else {step: inner}
        )
    if isinstance(data, list) and isinstance(step, int) and step < len(data):
        inner = _drop(data[step], rest)
        return [*data[:step], *([] if inner is _MISSING else [inner]), *data[step + 1 :]]
    return data


def comments(text: str, limits: Limits) -> list[str]:
    """Every comment of the text, in order: a '#' at a line's start or after a space that is
    not inside a value."""
    try:
        roots = compose_text(text, limits)
    except LoadError:
        roots = []
    spans = sorted(_scalar_spans(roots))
    starts = [start for start, _ in spans]
    found = []
    for match in _COMMENT.finditer(text):
        place = bisect_right(starts, match.start()) - 1
        if place >= 0 and spans[place][0] <= match.start() < spans[place][1]:
            continue
        found.append(match.group().rstrip())
    return found


def _scalar_spans(roots: list[Node]) -> set[tuple[int, int]]:
    spans, seen, stack = set(), set(), list(roots)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            spans.add((node.start_mark.index, node.end_mark.index))
        stack.extend(children(node))
    return spans
