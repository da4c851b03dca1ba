"""What a reviewer of a register workbook does not see: a template sheet that is hidden, and the
hidden rows and columns of one that hold register values. The import takes in only what a
reviewer of the workbook could see, so :mod:`resilint.register.tables` refuses a workbook with
any of these, naming them."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.dimensions import ColumnDimension, RowDimension

from resilint.reporters.base import printable

SHOWN = 5
"""How many hidden rows or columns a message names before counting the rest."""

UNSEEN_REMEDY = (
    "; a reviewer of the workbook does not see them, so nothing was imported: unhide them and "
    "review them, or delete them, and import again"
)


class _Dimensions(WorkSheetParser):
    """openpyxl's own sheet parser, keeping the rows' and columns' dimensions only (a cell is
    not converted: its value was read already)."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        return {}


def unseen_parts(
    sheet: Any, grid: list[list[str]], header: tuple[dict[int, str], int]
) -> list[str]:
    """What of a template sheet (read-only, already read into ``grid``) a reviewer cannot see:
    the sheet itself when hidden, or its hidden rows from the header row down and its hidden
    register columns that hold a value in a register column."""
    name = printable(sheet.title)
    if sheet.sheet_state != "visible":  # "hidden", or "veryHidden": shown by no menu at all
        how = (
            "very hidden (no menu of the spreadsheet shows it)"
            if sheet.sheet_state == "veryHidden"
            else "hidden"
        )
        return [f"sheet {name} is {how}"]
    rows, columns, by_default = _hidden(sheet)
    if by_default:  # every row without a height of its own is hidden
        return [f"sheet {name} hides its rows by default (zeroHeight)"]
    codes, start = header
    found = []
    held = [n for n in sorted(rows) if start <= n <= len(grid) and _holds(grid[n - 1], codes)]
    if held:
        found.append(_few("row", [str(n) for n in held]))
    body = grid[start:]
    cols = [
        f"{get_column_letter(i + 1)} ({code})"
        for i, code in sorted(codes.items())
        if any(lo <= i + 1 <= hi for lo, hi in columns) and any(_holds(r, {i: code}) for r in body)
    ]
    if cols:
        found.append(_few("column", cols))
    return [f"sheet {name}: hidden {' and '.join(found)} holding register values"] if found else []


def _hidden(sheet: Any) -> tuple[set[int], list[tuple[int, int]], bool]:
    """The sheet's hidden row numbers and hidden column ranges (openpyxl keeps a ``<col>``
    element as one dimension spanning ``min`` to ``max``), and whether it hides its rows by
    default."""
    with sheet._get_source() as source:  # the sheet's XML, as openpyxl's read-only sheet reads it
        parser = _Dimensions(source, [])
        for _ in parser.parse():
            pass
    # only the attributes asked about: any other (``phonetic``, an extension's) is no concern
    rows = {int(n) for n, attrs in parser.row_dimensions.items() if _unseen_row(sheet, attrs)}
    columns = []
    for attrs in parser.column_dimensions.values():
        column = ColumnDimension(
            sheet,
            hidden=attrs.get("hidden", False),
            width=attrs.get("width", 1),
            min=attrs.get("min"),
            max=attrs.get("max"),
        )
        if column.hidden or column.width == 0:  # no width shows nothing, hidden or not
            columns.append((column.min or 1, column.max or column.min or 1))
    fmt = getattr(parser, "sheet_format", None)  # set only when the sheet has the element
    return rows, columns, bool(fmt is not None and fmt.zeroHeight)


def _unseen_row(sheet: Any, attrs: dict[str, str]) -> bool:
    row = RowDimension(sheet, hidden=attrs.get("hidden", False), ht=attrs.get("ht"))
    return bool(row.hidden) or row.ht == 0  # no height shows nothing, hidden or not


def _holds(cells: list[str], codes: dict[int, str]) -> bool:
    return any(i < len(cells) and cells[i].strip() for i in codes)


def _few(what: str, names: list[str]) -> str:
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    plural = "s" if len(names) > 1 else ""
    return f"{what}{plural} {', '.join(names[:SHOWN])}{more}"
