"""What a reviewer of a register workbook does not see: a template sheet that is hidden, and the
hidden rows and columns of one that hold register values. The import takes in only what a
reviewer of the workbook could see, so :mod:`resilint.register.tables` refuses a workbook with
any of these, naming them."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.dimensions import ColumnDimension, RowDimension

from resilint.patterns import kept
from resilint.reporters.base import printable

SHOWN = 5
"""How many hidden rows or columns a message names before counting the rest."""
MIN_ROW_HEIGHT = 6.0
"""The lowest row (in points) that shows a line of text: a row set lower (1 point, a line a
reviewer scrolls past) shows no value, hidden or not (policy: the smallest type a spreadsheet
offers is 6 points)."""
MIN_COLUMN_WIDTH = 1.0
"""The narrowest column (in characters) that shows a character: a narrower one shows none."""

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
    dimensions = {int(n): attrs for n, attrs in parser.row_dimensions.items()}
    rows = {n for n, attrs in dimensions.items() if _unseen_row(sheet, attrs)}
    rows |= _collapsed(dimensions)
    columns = []
    spans: dict[int, dict[str, str]] = {}
    for attrs in parser.column_dimensions.values():
        column = ColumnDimension(
            sheet,
            hidden=attrs.get("hidden", False),
            width=attrs.get("width", 1),
            min=attrs.get("min"),
            max=attrs.get("max"),
        )
        low, high = column.min or 1, column.max or column.min or 1
        given: dict[str, str] = dict(attrs)
        spans |= dict.fromkeys(range(low, min(high, low + _MAX_SPAN) + 1), given)
        if column.hidden or column.width < MIN_COLUMN_WIDTH:  # too narrow to show a character
            columns.append((low, high))
    columns += [(n, n) for n in sorted(_collapsed(spans))]
    fmt = getattr(parser, "sheet_format", None)  # set only when the sheet has the element
    return rows, columns, bool(fmt is not None and fmt.zeroHeight)


_MAX_SPAN = 16_384
"""The columns a sheet has: a ``<col>`` element spans at most these."""


def _unseen_row(sheet: Any, attrs: dict[str, str]) -> bool:
    row = RowDimension(sheet, hidden=attrs.get("hidden", False), ht=attrs.get("ht"))
    # too low to show a line of text (no height at all included), hidden or not
    return bool(row.hidden) or (row.ht is not None and row.ht < MIN_ROW_HEIGHT)


def _collapsed(dimensions: dict[int, dict[str, str]]) -> set[int]:
    """The rows (or columns) of an outline group that is collapsed: at each outline level, a
    run of consecutive ones of that level or deeper next to one marked ``collapsed`` (its
    summary row, below or above it). A spreadsheet does not show them, whether or not each is
    also marked hidden."""
    levels = {n: _level(attrs) for n, attrs in dimensions.items()}
    found: set[int] = set()
    for level in sorted(set(levels.values()) - {0}):
        run: list[int] = []
        for n in [*sorted(n for n, deep in levels.items() if deep >= level), -1]:
            if run and n != run[-1] + 1:
                edges = (dimensions.get(run[0] - 1, {}), dimensions.get(run[-1] + 1, {}))
                if any(_true(edge.get("collapsed")) for edge in edges):
                    found.update(run)
                run = []
            if n != -1:
                run.append(n)
    return found


def _level(attrs: dict[str, str]) -> int:
    try:
        return int(attrs.get("outlineLevel", "0"))
    except ValueError:
        return 1  # unreadable: taken as grouped (fail closed)


def _true(value: str | None) -> bool:
    return value in ("1", "true")


def _holds(cells: list[str], codes: dict[int, str]) -> bool:
    return any(i < len(cells) and cells[i].strip() for i in codes)


def _few(what: str, names: list[str]) -> str:
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    plural = "s" if len(names) > 1 else ""
    return f"{what}{plural} {', '.join(names[:SHOWN])}{more}"


# -- a cell whose value does not show --------------------------------------------------------
_WHITE, _BLACK = "FFFFFF", "000000"
_NEAR = 48
"""The least difference (summed over red, green and blue, 0 to 765) between a value's colour
and its cell's at which the value shows: closer, it is the same colour to a reader."""


def unseen_value(cell: Any) -> str:
    """Why a workbook cell's value does not show where it stands (its number format shows
    nothing of it, ``;;;``; its text is the colour of its background, white on white), or ""
    when it shows, or cannot be told here (a colour of the workbook's theme other than its
    first two)."""
    fmt = getattr(cell, "number_format", None)
    if isinstance(fmt, str) and _format_hides(fmt, cell.value):
        return f"its number format {printable(fmt)[:40]} shows nothing of it"
    font = getattr(cell, "font", None)
    ink = _rgb(getattr(font, "color", None), _BLACK)
    fill = getattr(cell, "fill", None)
    solid = getattr(fill, "fill_type", None) == "solid"
    paper = _rgb(getattr(fill, "fgColor", None), _WHITE) if solid else _WHITE
    if ink is not None and paper is not None and _distance(ink, paper) < _NEAR:
        return f"its text is the colour of its background (#{ink} on #{paper})"
    return ""


def _rgb(color: Any, default: str) -> str | None:
    """A colour as six hex digits: as given, from the legacy palette, or the theme's first
    two (background 1, white; text 1, black) untinted; ``default`` when none is given."""
    if color is None:
        return default
    kind = getattr(color, "type", None)
    if kind == "rgb" and isinstance(color.rgb, str) and len(color.rgb) in (6, 8):
        return color.rgb[-6:].upper()
    if kind == "indexed" and isinstance(color.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        system = {64: _BLACK, 65: _WHITE}  # the system's text and window colours
        if color.indexed in system:
            return system[color.indexed]
        return COLOR_INDEX[color.indexed][-6:] if color.indexed < len(COLOR_INDEX) else None
    if kind == "theme" and color.theme in (0, 1) and not color.tint:
        return (_WHITE, _BLACK)[color.theme]
    if kind == "auto":
        return default
    return None


def _distance(one: str, other: str) -> int:
    return sum(abs(int(one[i : i + 2], 16) - int(other[i : i + 2], 16)) for i in (0, 2, 4))


def _format_hides(fmt: str, value: object) -> bool:
    """Whether the section of a number format that applies to ``value`` shows nothing of it: an
    empty one (``;;;``), or one of text alone (``"n/a"``). A text value shows unless a fourth
    section, the one for text, leaves out ``@``."""
    sections = _sections(fmt)
    if isinstance(value, str):
        return len(sections) >= 4 and "@" not in _bare(sections[3])
    if isinstance(value, bool) or value is None:
        return False
    number = value if isinstance(value, (int, float)) else 1  # a date: the first section
    if number < 0 and len(sections) >= 2:
        section = sections[1]
    elif number == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section = sections[0]
    return not _NUMBER_SHOWN.search(_bare(section).lower())


_NUMBER_SHOWN = kept(r"[0#?]|general|[ymdhs]|e[+-]")
"""What of a format section shows a number or a date: a digit placeholder, General, a date or
time code."""


def _sections(fmt: str) -> list[str]:
    """A format's sections, split at the semicolons outside quotes and brackets."""
    sections, current, quoted, bracket, escaped = [], "", False, False, False
    for char in fmt:
        if escaped:
            current, escaped = current + char, False
            continue
        if char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "[" and not quoted:
            bracket = True
        elif char == "]" and not quoted:
            bracket = False
        elif char == ";" and not quoted and not bracket:
            sections.append(current)
            current = ""
            continue
        current += char
    return [*sections, current]


def _bare(section: str) -> str:
    """A section without its literal text, colours and conditions, and the characters that only
    pad (``_x``, ``*x``): what is left formats the value."""
    return _LITERAL.sub("", section)


_LITERAL = kept(r'"[^"]*"|\[[^\]]*\]|\\.|[_*].')
