"""Files a directory walk passes over for their names alone, yet which hold a resilint
document: one written as JSON (``acme.json``), kept in a hidden file (``.acme.yaml``), or named
without the YAML suffix (``acme``, or ``acme.yaml `` with a space or a dot after it).
Such a document is never checked while a reviewer takes it for part of the programme, so the
walk reports it (DOC-05) rather than skip it in silence.

Only the start of the file is read (a document opens with its ``apiVersion``), never past a
link, and only from a regular file: a walk over thousands of other tools' JSON files reads a
few kilobytes of each. A file without the suffix is told by what it is, since READMEs, NOTES,
CHANGELOGs and Makefiles have none either and may quote a document: only one that reads as
YAML documents, an apiVersion and a kind at the top level of one, is reported (or, where its
YAML is broken, one that starts as a document does).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from resilint.limits import Limits
from resilint.load.read import read_start

MOST_READ = 8192
"""Bytes read of each such file: a document's apiVersion comes first."""
MOST_PARSED = 65536
"""Bytes of a file without the suffix read as YAML, to its last whole line, when its start
holds an apiVersion of resilint's: a document's top level shows within them (a 10 MB file
would take seconds)."""

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


def _invisible(char: str) -> bool:
    """A character beyond ASCII that a listing shows as nothing or as a space: a Unicode space
    (no-break, ideographic...), a format character (zero width space or joiner, a direction
    mark, a byte order mark, a soft hyphen) or a C1 control."""
    if char.isascii():
        return False
    return char.isspace() or unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf", "Cc")


def _named_as(name: str) -> str:
    """The name as a listing shows it, less what may follow the suffix by mistake: without
    its invisible characters (``acme.yaml`` + a no-break or zero width space, which the walk
    does not read as YAML, looks exactly like ``acme.yaml``), blanks and dots at its end."""
    return "".join(c for c in name if not _invisible(c)).rstrip(_TRAILING)


def unsuffixed(name: str) -> bool:
    """Whether a file (not a directory) of this name is passed over for want of the YAML
    suffix although it is named like a document: no suffix at all (``acme``), or ``.yaml``
    with blanks, dots or invisible characters after it or in it (``acme.yaml ``). Other
    suffixes (``.bak``, ``.txt``, an editor's ``~``) name copies and notes, left alone."""
    if name.startswith("."):
        return False
    shown = _named_as(name)
    if shown != name:
        return shown.lower().endswith((".yaml", ".yml"))
    return "." not in name


def suffixed(name: str) -> tuple[str, str]:
    """What is wrong with an unsuffixed file's name, and the name it should have: ``acme.yaml``
    for ``acme`` or ``acme.yaml ``."""
    shown = _named_as(name)
    if shown == name.rstrip(_TRAILING) and shown != name:
        return "a file whose name goes on after .yaml (a space or a dot)", shown
    if shown != name:
        return (
            "a file whose name holds an invisible character (a no-break or zero width space, "
            "a direction mark) in or after .yaml",
            shown,
        )
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


def unsuffixed_document_at(path: str, limits: Limits) -> tuple[int, int, str] | None:
    """:func:`document_at` for a file without the YAML suffix (``unsuffixed``), when the file
    is a resilint document, not text about one (a README's example, a Makefile's heredoc)."""
    found = document_at(path)
    if found is None:
        return None
    data = read_start(path, MOST_PARSED + 1)
    if data is None:
        return None
    if len(data) > MOST_PARSED:  # its first lines are enough to tell
        end = data.rfind(b"\n", 0, MOST_PARSED) + 1
        data = data[: end or MOST_PARSED]
    return found if _is_document(data, limits) else None


def _is_document(data: bytes, limits: Limits) -> bool:
    """Whether the file reads as YAML documents, one of which has an apiVersion of resilint's
    and a kind among its own keys; where it does not read as YAML (a document with a mistake
    in it), whether it starts as one: its first line that is not blank, a comment, a directive
    or a document marker is a top-level apiVersion or kind."""
    from yaml.nodes import MappingNode, ScalarNode

    from resilint.load import compose_text
    from resilint.load.decode import decode
    from resilint.load.positions import LoadError

    try:
        roots = compose_text(decode(data), limits)
    except LoadError:
        return _starts_as_document(data)
    for root in roots:
        if isinstance(root, MappingNode):
            keys = {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}
            version = keys.get("apiVersion")
            resilint = isinstance(version, ScalarNode) and version.value.startswith("resilint/")
            if resilint and "kind" in keys:
                return True
    return False


def _starts_as_document(data: bytes) -> bool:
    for line in data.splitlines():
        text = line.rstrip()
        if not text or text.startswith((b"#", b"%", b"---")):
            continue
        return _compiled(_TOP_KEY).match(text) is not None
    return False


_TOP_KEY = rb"""["']?(apiVersion|kind)["']?[ \t]*:"""
"""A top-level apiVersion or kind key, at the start of its line."""
