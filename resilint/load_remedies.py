"""Remedies for what loading finds: a '---' line missing between two documents, an apiVersion
line forgotten or misspelt (DOC-03). Computed from the node marks, as text edits."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode

from resilint.findings import Applicability, Edit, Fix
from resilint.load.positions import Lines
from resilint.yamltext import at, newline, source

API_LINE = "apiVersion: resilint/v1"


def document_break(lines: Lines, key: Node) -> Fix | None:
    """Insert '---' where a second document starts inside the first: before the top-level key
    that repeats, and before the comment lines right above it (that document's header)."""
    line, column = lines.mark(key.start_mark)
    if column != 1:
        return None
    while line > 1 and lines.line(line - 1).startswith("#"):
        line -= 1
    return Fix(
        f"start a new document with a '---' line before line {line}",
        Applicability.SAFE,
        (Edit(line, 1, line, 1, "---" + newline(lines.text)),),
    )


def add_api_version(
    root: Node, lines: Lines, applicability: Applicability = Applicability.SAFE
) -> Fix | None:
    """Write ``apiVersion: resilint/v1`` as the document's first line: safe where the document
    can be no other tool's, else for a person to confirm (``--unsafe-fixes``)."""
    if not isinstance(root, MappingNode) or root.flow_style or not root.value:
        return None
    line, column = lines.mark(root.value[0][0].start_mark)
    if column != 1:
        return None
    return Fix(
        f"add '{API_LINE}' as the document's first line",
        applicability,
        (Edit(line, 1, line, 1, API_LINE + newline(lines.text)),),
        (("apiVersion",),),
    )


def respell_key(key: ScalarNode, lines: Lines) -> Fix | None:
    """``apiversion:`` -> ``apiVersion:``."""
    if source(key, lines) is None:
        return None
    edit = at(lines, key.start_mark.index, key.end_mark.index, "apiVersion")
    old = (key.value,)
    return Fix(
        f"write the key '{key.value}' as apiVersion",
        Applicability.SAFE,
        (edit,),
        (old, ("apiVersion",)),
        ((old, ("apiVersion",)),),
    )


def respell_value(value: Node, lines: Lines) -> Fix | None:
    """``Resilint/v1``, `` resilint/v1``, ``resillint/v1`` -> ``resilint/v1``."""
    if not isinstance(value, ScalarNode) or source(value, lines) is None:
        return None
    edit = at(lines, value.start_mark.index, value.end_mark.index, "resilint/v1")
    return Fix(
        "write the apiVersion as resilint/v1", Applicability.SAFE, (edit,), (("apiVersion",),)
    )
