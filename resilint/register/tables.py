"""Reading a register kept in the templates' layout: a workbook with a sheet per template (this
export's, or the EBA template workbook's) or a directory of template CSV files (the xBRL-CSV
package's ``b_02.01.csv``, or this export's readable CSVs). Each table becomes rows of cells by
column code, each row knowing the sheet or file and the row number it came from."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from resilint.errors import UsageError
from resilint.register.templates import BY_ID, TEMPLATES

_TEMPLATE = re.compile(r"b[_ ]?(\d\d)[._ ]?(\d\d)", re.IGNORECASE)
_COLUMN = re.compile(r"^(?:c|b_\d\d\.\d\d\.)?(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceRow:
    template: str
    where: str
    """``B_02.01 row 4`` or ``b_02.01.csv row 4``: what a comment names."""
    values: dict[str, str]


def read_tables(source: Path) -> list[SourceRow]:
    if source.is_dir():
        return [row for path in sorted(source.rglob("*.csv")) for row in _csv(path)]
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook(source)
    raise UsageError(f"{source}: give a workbook (.xlsx) or a directory of template CSV files")


def template_of(name: str) -> str | None:
    found = _TEMPLATE.search(name)
    template = f"B_{found.group(1)}.{found.group(2)}" if found else None
    return template if template in BY_ID else None


def _csv(path: Path) -> list[SourceRow]:
    template = template_of(path.name)
    if template is None:
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        grid = [list(r) for r in csv.reader(handle)]
    return _rows(template, path.name, grid)


def _workbook(path: Path) -> list[SourceRow]:
    from openpyxl import load_workbook  # only this source needs it

    book = load_workbook(path, read_only=True, data_only=True)
    rows: list[SourceRow] = []
    for sheet in book.worksheets:
        template = template_of(sheet.title)
        if template is not None:
            grid = [[_text(v) for v in r] for r in sheet.iter_rows(values_only=True)]
            rows += _rows(template, template, grid)
    return rows


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
    header, start = _header(template, grid)
    rows = []
    for number, cells in enumerate(grid[start:], start + 1):
        values = {code: cells[i].strip() for i, code in header.items() if i < len(cells)}
        annotation = all(v.startswith("<") for v in values.values() if v)  # "<Key value>"
        if any(values.values()) and not annotation and not _is_label_row(template, values):
            rows.append(SourceRow(template, f"{label} row {number}", values))
    return rows


def _header(template: str, grid: list[list[str]]) -> tuple[dict[int, str], int]:
    known = {c.code for c in BY_ID[template].columns}
    names = {c.name.casefold(): c.code for c in BY_ID[template].columns}
    for number, cells in enumerate(grid[:15]):
        codes = {i: f"c{m.group(1)}" for i, cell in enumerate(cells) if (m := _COLUMN.match(cell))}
        codes = {i: c for i, c in codes.items() if c in known}
        if codes:
            return codes, number + 1
        by_name = {
            i: names[cell.casefold()] for i, cell in enumerate(cells) if cell.casefold() in names
        }
        if by_name:
            return by_name, number + 1
    raise UsageError(f"{template}: no header row naming the template's columns (c0010 ...)")


def _is_label_row(template: str, values: dict[str, str]) -> bool:
    """The row of column names under a row of codes (this export's workbook)."""
    names = {c.code: c.name for c in BY_ID[template].columns}
    return all(v == names.get(k) for k, v in values.items() if v)


def templates_present(rows: Iterable[SourceRow]) -> set[str]:
    return {row.template for row in rows} & {t.id for t in TEMPLATES}
