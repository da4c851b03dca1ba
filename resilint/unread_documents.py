"""Files a directory walk passes over for their names alone, yet which hold a resilint
document: one written as JSON (``acme.json``), kept in a hidden file (``.acme.yaml``), or named
without the YAML suffix (``acme``, or ``acme.yaml `` with a space or a dot after it).
Such a document is never checked while a reviewer takes it for part of the programme, so the
walk reports it (DOC-05) rather than skip it in silence.

Only the start of the file is read (a document opens with its ``apiVersion``), never past a
link, and only from a regular file: a walk over thousands of other tools' JSON files reads a
few kilobytes of each.
"""

from __future__ import annotations

import functools
import re

from resilint.load.read import read_start

MOST_READ = 8192
"""Bytes read of each such file: a document's apiVersion comes first."""

_JSON = rb'"apiVersion"\s*:\s*"(resilint/[^"\\]{0,40})"'
"""The key and value as JSON writes them (not inside a string: there its quotes are \\")."""
_YAML = rb"""(?m)^[ \t]*["']?apiVersion["']?[ \t]*:[ \t]*["']?(resilint/[^\s"'#]{0,40})"""


def passed_over(name: str) -> bool:
    """Whether the walk passes a file of this name over although it could hold a document: a
    hidden YAML file (not a configuration file), or a JSON file that is not hidden."""
    lower = name.lower()
    if name.startswith("."):
        return lower.endswith((".yaml", ".yml")) and name != ".resilint.yaml"
    return lower.endswith(".json")


_TRAILING = " \t\r\n\v\f."
"""What may follow a ``.yaml`` suffix by mistake (a space typed after it, a final dot)."""


def unsuffixed(name: str) -> bool:
    """Whether a file (not a directory) of this name is passed over for want of the YAML
    suffix although it is named like a document: no suffix at all (``acme``), or ``.yaml``
    with blanks or dots after it (``acme.yaml ``). Other suffixes (``.bak``, ``.txt``, an
    editor's ``~``) name copies and notes, left alone."""
    if name.startswith("."):
        return False
    stripped = name.rstrip(_TRAILING)
    if stripped != name:
        return stripped.lower().endswith((".yaml", ".yml"))
    return "." not in name


def suffixed(name: str) -> tuple[str, str]:
    """What is wrong with an unsuffixed file's name, and the name it should have: ``acme.yaml``
    for ``acme`` or ``acme.yaml ``."""
    stripped = name.rstrip(_TRAILING)
    if stripped != name:
        return "a file whose name goes on after .yaml (a space or a dot)", stripped
    return "a file without the .yaml suffix", name + ".yaml"


def document_at(path: str) -> tuple[int, int, str] | None:
    """Line, column and apiVersion of the resilint document the file ``path`` holds, or None
    (no document, or not a regular file)."""
    data = read_start(path, MOST_READ)
    if data is None:
        return None
    found = _compiled(_JSON if path.lower().endswith(".json") else _YAML).search(data)
    if found is None:
        return None
    start = found.start(1)
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return line, column, found.group(1).decode("utf-8", "replace")


@functools.cache
def _compiled(pattern: bytes) -> re.Pattern[bytes]:
    """A pattern compiled when first used: most runs meet no file the walk passes over."""
    return re.compile(pattern)
