"""Reading a register kept in the templates' layout: a workbook with a sheet per template (this
export's, or the EBA template workbook's) or a directory of template CSV files (the xBRL-CSV
package's ``b_02.01.csv``, or this export's readable CSVs). Each table becomes rows of cells by
column code, each row knowing the sheet or file and the row number it came from."""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint.errors import UsageError
from resilint.load.decode import control_name, hidden_name, is_control, unshown
from resilint.load.read import Refusal, read_regular
from resilint.patterns import kept
from resilint.quoting import quoted
from resilint.register.formats import FORMULA_STARTS
from resilint.register.hidden import UNSEEN_REMEDY, unseen_parts, unseen_value
from resilint.register.templates import BY_ID, TEMPLATES, column_names
from resilint.reporters.base import printable
from resilint.userfiles import read_input

_TEMPLATE = kept(r"b[_ ]?(\d\d)[._ ]?(\d\d)", re.IGNORECASE)
_COLUMN = kept(r"^(?:c|b_\d\d\.\d\d\.)?(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceRow:
    """One row read from a register file, with where it was read."""

    template: str
    where: str
    """``B_02.01 row 4`` or ``b_02.01.csv row 4``: what a comment names."""
    values: dict[str, str]


MAX_SOURCE_BYTES = 64 * 1024 * 1024
"""Largest workbook or CSV file read: a register of tens of thousands of contracts is a few MB."""
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Most a workbook may unpack to (its parts' declared sizes, which the reader holds to)."""
MAX_RATIO = 200
"""Highest compression ratio of a workbook part: XML packs ten to fifty times, a zip bomb
thousands of times."""
MAX_ROWS = 200_000
"""Most rows of one template table."""
MAX_CELLS = 10_000_000
"""Most cells of one template table as read (a row holds cells up to its last written one): a
few kilobytes of workbook XML with one cell in column XFD per row, or a sheet that declares
its size as A1:XFD1048576, made openpyxl hand back every row 16,384 cells wide (a 4.9 KB
workbook: 3.4 GB within 20 seconds); a 60 MB CSV of commas, 60 million cells."""


def read_tables(source: Path) -> list[SourceRow]:
    if source.is_dir() and not source.is_symlink():
        files = _csv_files(source)
        try:
            _one_table_each(
                ((template_of(p.name), str(p.relative_to(source))) for p in files), "files"
            )
        except UsageError as exc:
            raise UsageError(f"{printable(str(source))}: {exc}") from None
        return [row for path in files for row in _csv(path)]
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook(source)
    raise UsageError(
        f"{printable(str(source))}: give a workbook (.xlsx) or a directory of template CSV files"
    )


def _one_table_each(tables: Iterable[tuple[str | None, str]], what: str) -> None:
    """Refuse two sheets (or CSV files) read as one template: their rows were added together
    without a word, so a copy kept beside the register (``B_05.01 (2)``, last year's
    ``old/b_05.01.csv``) had its providers and contracts imported as the register's."""
    first: dict[str, str] = {}
    for template, name in tables:
        if template is None:
            continue
        if template in first:
            raise UsageError(
                f"{what} {quoted(first[template], 80)} and {quoted(name, 80)} are both read as "
                f"template {template}, and one register has one table of each; delete or "
                "rename the one that is not the register's (or copy its rows into the other) "
                "and import again"
            )
        first[template] = name


def _csv_files(directory: Path) -> list[Path]:
    """The CSV files under ``directory``; links to directories are not followed (a loop or a
    way out), links to files are refused when read."""
    found = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs.sort()
        found += [Path(root) / name for name in sorted(files) if name.lower().endswith(".csv")]
    return found


def template_of(name: str) -> str | None:
    found = _TEMPLATE.search(name)
    template = f"B_{found.group(1)}.{found.group(2)}" if found else None
    return template if template in BY_ID else None


def _csv(path: Path) -> list[SourceRow]:
    template = template_of(path.name)
    if template is None:
        return []
    data = read_regular(path, MAX_SOURCE_BYTES, follow=False, limit_name="the register size limit")
    if isinstance(data, Refusal):
        raise UsageError(f"{printable(str(path))}: {data.message}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{printable(str(path))}:{line}: not UTF-8; save the CSV as UTF-8 and import again"
        ) from None
    try:
        grid = _counted(path.name, csv.reader(io.StringIO(text, newline="")), str)
    except csv.Error as exc:
        raise UsageError(f"{printable(str(path))}: not a readable CSV file ({exc})") from None
    cells = [[_uninert(cell) for cell in row] for row in _bounded(path.name, grid)]
    return _rows(template, path.name, cells)


def _uninert(cell: str) -> str:
    """A cell as written before the export quoted it against formula injection."""
    return cell[1:] if cell[:1] == "'" and cell[1:].startswith(FORMULA_STARTS) else cell


def _bounded(label: str, grid: list[list[str]]) -> list[list[str]]:
    if len(grid) > MAX_ROWS:
        raise UsageError(f"{printable(label)}: more than {MAX_ROWS:,} rows; not imported")
    return grid


def _counted(
    label: str, rows: Iterable[Sequence[Any]], text: Callable[[Any], str]
) -> list[list[str]]:
    """Up to one row more than :data:`MAX_ROWS` (so that :func:`_bounded` can refuse the
    table), each cell as ``text`` makes it, refused past :data:`MAX_CELLS` cells before more
    are read."""
    grid: list[list[str]] = []
    cells = 0
    for row in itertools.islice(rows, MAX_ROWS + 1):
        cells += len(row)
        if cells > MAX_CELLS:
            raise UsageError(
                f"{printable(label)}: more than {MAX_CELLS:,} cells (row {len(grid) + 1} ends in "
                f"column {len(row):,}); not imported"
            )
        grid.append([text(v) for v in row])
    return grid


def _workbook(path: Path) -> list[SourceRow]:
    from openpyxl import load_workbook  # only this source needs it

    data = read_input(path, "register workbook", MAX_SOURCE_BYTES)
    _not_a_bomb(path, data)
    try:
        # formulas are read as formulas (data_only=False): the result a workbook stores with
        # one is what the program that saved it computed, if any saved it, not necessarily
        # what a reader of the workbook is shown, so a formula a row is read from is refused
        with warnings.catch_warnings():  # said as refusals at their cells, not as warnings
            warnings.simplefilter("ignore")
            return _sheets(load_workbook(io.BytesIO(data), read_only=True, data_only=False))
    except UsageError as exc:
        raise UsageError(f"{printable(str(path))}: {exc}") from None
    except Exception as exc:  # openpyxl raises anything at all on a hostile workbook
        raise UsageError(
            f"{printable(str(path))}: not a workbook resilint can read "
            f"({type(exc).__name__}: {printable(str(exc))[:200]})"
        ) from None


def _sheets(book: Any) -> list[SourceRow]:
    """The rows of each template sheet of ``book``."""
    rows: list[SourceRow] = []
    unseen: list[str] = []
    _one_table_each(((template_of(s.title), s.title) for s in book.worksheets), "sheets")
    for sheet in book.worksheets:
        template = template_of(sheet.title)
        if template is not None:
            # the size a sheet declares is not trusted: openpyxl pads every row to it, and
            # yields the rows it skips, each as wide
            sheet.reset_dimensions()
            grid = _bounded(template, _counted(template, sheet.iter_rows(), _Cells(template)))
            rows += _rows(template, template, grid)
            unseen += unseen_parts(sheet, grid, _header(template, template, grid))
    if unseen:
        raise UsageError("; ".join(unseen) + UNSEEN_REMEDY)
    return rows


def _not_a_bomb(path: Path, data: bytes) -> None:
    """Refuse a workbook that is no zip, or unpacks to far more than it weighs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UsageError(f"{printable(str(path))}: not a workbook ({exc})") from None
    total = sum(p.file_size for p in parts)
    worst = max((p.file_size / max(p.compress_size, 1) for p in parts), default=0)
    if total > MAX_UNPACKED_BYTES or worst > MAX_RATIO or len(parts) > 10_000:
        raise UsageError(
            f"{printable(str(path))}: unpacks to {total:,} bytes (compressed up to {worst:.0f} "
            "times); refused as a possible zip bomb"
        )


MAX_FORMULAS = 100_000
"""Most formula cells of one template sheet: each is parsed (a shared formula translated to
its cell), and none of them may be a cell a row is read from."""


class Formula(str):
    """A workbook cell holding a formula (its text, ``=...``), not a value: refused where a
    row is read from it (:func:`_rows`)."""


class Unseen(str):
    """A workbook cell's value that does not show where it stands (:func:`.unseen_value`):
    refused where a row is read from it (:func:`_rows`)."""

    why = ""


class _Cells:
    """Each cell of a template sheet as text, a formula as :class:`Formula`; refused past
    :data:`MAX_FORMULAS` formulas."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.formulas = 0

    def __call__(self, cell: Any) -> str:
        if getattr(cell, "data_type", None) != "f":
            text = _text(cell.value)
            why = unseen_value(cell) if text else ""
            if why:
                unseen = Unseen(text)
                unseen.why = why
                return unseen
            return text
        self.formulas += 1
        if self.formulas > MAX_FORMULAS:
            raise UsageError(
                f"{self.template}: more than {MAX_FORMULAS:,} formulas; not imported (a "
                "register holds values: copy its cells and paste them as values)"
            )
        text = getattr(cell.value, "text", cell.value)  # an array formula keeps its text
        return Formula(text if isinstance(text, str) and text else "a data table")


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(template: str, label: str, grid: list[list[str]]) -> list[SourceRow]:
    """The rows under the header: the first row whose cells name column codes (``c0010``,
    ``0010``, ``B_02.01.0010``, ``c0010 Name``), or, in a readable CSV, the column names."""
    header, start = _header(template, label, grid)
    rows = []
    for number, cells in enumerate(grid[start:], start + 1):
        for i, code in header.items():
            if i < len(cells) and isinstance(cells[i], Formula):
                raise _formula(label, number, i, code, cells[i])
        values = {code: cells[i].strip() for i, code in header.items() if i < len(cells)}
        shows_otherwise = _shows_otherwise(label, number, header, values)
        if shows_otherwise is not None:
            raise shows_otherwise
        annotation = all(v.startswith("<") for v in values.values() if v)  # "<Key value>"
        if any(values.values()) and not annotation and not _is_label_row(template, values):
            for i, code in header.items():
                cell = cells[i] if i < len(cells) else ""
                if isinstance(cell, Unseen):
                    raise _unseen(label, number, i, code, cell)
                if cell.strip().upper() in SPREADSHEET_ERRORS:
                    raise _error_value(label, number, i, code, cell.strip())
            rows.append(SourceRow(template, f"{label} row {number}", values))
    return rows


def _shows_otherwise(
    label: str, row: int, header: dict[int, str], values: dict[str, str]
) -> UsageError | None:
    """A value holding a control, bidirectional or invisible character: the documents written
    would hold it, and the check refuses them (ENC-02, ENC-03); said here, at its cell."""
    from openpyxl.utils import get_column_letter

    for index, code in header.items():
        value = values.get(code, "")
        char = unshown(value) if not value.isprintable() else None
        if char is not None:
            what = (
                f"control character {control_name(char)}"
                if is_control(char)
                else (hidden_name(char))
            )
            return UsageError(
                f"{printable(label)} row {row}, column {code} (cell "
                f"{get_column_letter(index + 1)}{row}) holds {what}, which shows otherwise than "
                "it reads (or not at all); nothing was imported: delete it and import again"
            )
    return None


def _unseen(label: str, row: int, index: int, code: str, cell: Unseen) -> UsageError:
    """A value a reviewer of the workbook does not see, though its row and column show."""
    from openpyxl.utils import get_column_letter

    return UsageError(
        f"{printable(label)} row {row}, column {code} (cell {get_column_letter(index + 1)}{row}) "
        f"holds a value that does not show: {cell.why}; a reviewer of the workbook does not "
        "see it, so nothing was imported: make it show (the General number format, a text "
        "colour that stands out from the cell's) and review it, or delete it, and import again"
    )


SPREADSHEET_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)
"""The error values a spreadsheet shows in a cell whose formula failed, and, in an exported
CSV, writes as its text; openpyxl gives one too for a date cell out of the calendar's range."""


def _error_value(label: str, row: int, index: int, code: str, error: str) -> UsageError:
    """A cell holding a spreadsheet error: no register value, whatever column it is in (a
    provider named ``#N/A`` would be filed so)."""
    from openpyxl.utils import get_column_letter

    return UsageError(
        f"{printable(label)} row {row}, column {code} (cell {get_column_letter(index + 1)}{row}) "
        f"holds the spreadsheet error {printable(error)}, not a value (a formula that failed, "
        "or a date or number the workbook cannot show); nothing was imported: enter the "
        "cell's value and import again"
    )


def _formula(label: str, row: int, index: int, code: str, formula: str) -> UsageError:
    """A formula in a cell a row is read from: its stored result (when the program that saved
    the workbook stored one) need not be what the formula gives where the workbook is opened,
    nor what a reviewer of the workbook saw, so neither is taken."""
    from openpyxl.utils import get_column_letter

    return UsageError(
        f"{printable(label)} row {row}, column {code} (cell {get_column_letter(index + 1)}{row}) "
        f"holds a formula ({printable(formula[:100])}), not a value: the result a workbook "
        "keeps with a formula is the one its program last saved, if any, and may differ from "
        "what the formula gives when the workbook is opened; replace the formulas of the "
        "register's columns by their values (copy the cells, paste them as values) and import "
        "again"
    )


def _header(template: str, label: str, grid: list[list[str]]) -> tuple[dict[int, str], int]:
    known = {c.code for c in BY_ID[template].columns}
    names = column_names(template)
    for number, cells in enumerate(grid[:15]):
        codes = {i: f"c{m.group(1)}" for i, cell in enumerate(cells) if (m := _COLUMN.match(cell))}
        codes = {i: c for i, c in codes.items() if c in known}
        if codes:
            return _once(template, label, number + 1, codes), number + 1
        by_name = {
            i: names[cell.casefold()] for i, cell in enumerate(cells) if cell.casefold() in names
        }
        if by_name:
            return _once(template, label, number + 1, by_name), number + 1
    raise UsageError(
        f"{printable(label)} ({template}): no header row naming the template's columns (c0010 ...)"
    )


def _once(template: str, label: str, row: int, header: dict[int, str]) -> dict[int, str]:
    """The header, each column code once: two columns of one code (``c0050`` twice, or beside
    ``B_02.01.0050``) would each give the cell of a row, the later one kept and the other
    dropped unseen, whichever a reviewer read."""
    from openpyxl.utils import get_column_letter

    at: dict[str, list[int]] = {}
    for i, code in header.items():
        at.setdefault(code, []).append(i)
    twice = {code: found for code, found in at.items() if len(found) > 1}
    if not twice:
        return header
    said = "; ".join(
        f"{template}.{code[1:]} ({code}) in columns "
        + " and ".join(f"{get_column_letter(i + 1)} (field {i + 1})" for i in found)
        for code, found in twice.items()
    )
    raise UsageError(
        f"{printable(label)} row {row}: the header gives one column code to two columns: {said}; "
        "which of them holds the register's value cannot be told, so nothing was imported: keep "
        "one column per code (delete or rename the other) and import again"
    )


def _is_label_row(template: str, values: dict[str, str]) -> bool:
    """The row of column names under a row of codes (this export's workbook, of this version or
    an earlier one, or the ESAs' annotated template)."""
    names = column_names(template)
    return all(names.get(v.casefold()) == k for k, v in values.items() if v)


def templates_present(rows: Iterable[SourceRow]) -> set[str]:
    return {row.template for row in rows} & {t.id for t in TEMPLATES}
