"""A spreadsheet's table saved under a YAML name: rows of values separated by commas,
semicolons or tabs, as a spreadsheet saves CSV or "Unicode text", in a file named ``.yaml``.

YAML reads such a file as one long text, a single value at the top level, which in a file of
no resilint document is another tool's YAML and is left alone: the suppliers or contracts in
its rows would never be checked, and a check of the directory would pass. A table whose
header row names resilint's fields (``id`` and a field that tells of a kind, as ``tier`` or
``end_date``, :mod:`.kinds`) is resilint's data in the wrong form, and said so.
"""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from resilint.load.kinds import fold, kind_fields, telling_fields
from resilint.load.positions import Lines, LoadError

_SEPARATORS = {"\t": "tabs", ";": "semicolons", ",": "commas"}
_MOST_CELLS = 200
"""A header row of more cells is no table of resilint's fields (and costs nothing to skip)."""


def spreadsheet_table(root: Node, lines: Lines) -> LoadError | None:
    """YML-08 for a top-level plain text of two lines or more whose first line is a table's
    header naming resilint's fields; None for any other single value."""
    if not isinstance(root, ScalarNode) or root.style:  # plain: no quotes, no | or >
        return None
    first = root.start_mark.line + 1
    if root.end_mark.line + 1 <= first:
        return None
    header = lines.line(first).strip()
    for separator, named in _SEPARATORS.items():
        cells = [cell.strip().strip("\"'") for cell in header.split(separator)]
        if not 2 <= len(cells) <= _MOST_CELLS:
            continue
        kind, fields = _kind_of([fold(cell) for cell in cells])
        if kind is None:
            continue
        return LoadError(
            "YML-08",
            f"this file is a table (values separated by {named}, as a spreadsheet saves CSV or "
            "text), "
            f"not YAML documents: its first line names resilint's fields ({', '.join(fields)}), "
            "so nothing in its rows would ever be checked; write each row as a document of its "
            f"own (apiVersion: resilint/v1, kind: {kind}, id: ..., documents separated by "
            "lines '---'), or, if the table is another tool's, name the file .csv or exclude "
            "it in the configuration",
            first,
            1,
        )
    return None


def _kind_of(cells: list[str]) -> tuple[str | None, list[str]]:
    """The kind whose fields a header row names: ``id`` and at least one field that tells of
    the kind; with the fields named, in the header's order."""
    if "id" not in cells:
        return None, []
    folded = {kind: {fold(f): f for f in fields} for kind, fields in kind_fields().items()}
    best, weight = None, 0
    for kind, telling in telling_fields().items():
        told = sum(telling.get(folded[kind].get(cell, ""), 0) for cell in cells)
        if told > weight:
            best, weight = kind, told
    if best is None:
        return None, []
    return best, [folded[best][cell] for cell in cells if cell in folded[best]]
