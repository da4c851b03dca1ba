"""The register written out: the ESAs' xBRL-CSV report package (EBA Filing Rules; the EBA DORA
4.0 taxonomy's module DORA 1.1.0), a readable CSV per template, or one workbook with a sheet per
template. Pure functions from a built register to bytes; the command writes them."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal

from resilint.load.decode import control_name, hidden_name, is_control, unshown
from resilint.patterns import kept
from resilint.register import codes
from resilint.register.model import Register, Row
from resilint.register.templates import DATE, INTEGER, MONETARY, TEMPLATES, Template

ENTRY_POINT = "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"
"""The DORA module of the EBA 4.0 taxonomy (framework DORA, module version 1.1.0)."""
MODULE = "DORA010100"
REPORT_PACKAGE = "https://xbrl.org/report-package/2023"
XBRL_CSV = "https://xbrl.org/2021/xbrl-csv"


def package_name(register: Register, created: datetime.datetime) -> str:
    """``{LEI}.{CON|IND}_{CC}_DORA010100_DORA_{reference date}_{creation timestamp}``: the EBA
    Filing Rules' pattern, as the EBA's sample package spells it. The file is named after it, so
    only an LEI and a country of their own form go in (an incomplete register, written with
    ``--allow-incomplete``, may hold anything: ``../../x`` would name a file elsewhere, and an
    empty LEI a hidden one): else ``NO-VALID-LEI`` and ``XX``."""
    lei = register.lei if _LEI.fullmatch(register.lei or "") else "NO-VALID-LEI"
    country = register.maintainer.data.get("country")
    country = country if isinstance(country, str) and _COUNTRY.fullmatch(country) else "XX"
    stamp = created.strftime("%Y%m%d%H%M%S") + f"{created.microsecond // 1000:03d}"
    return (
        f"{lei}.{register.level}_{country}_{MODULE}_DORA_"
        f"{register.reference_date.isoformat()}_{stamp}"
    )


_LEI = kept(r"[A-Z0-9]{18}[0-9]{2}", re.ASCII)
_COUNTRY = kept(r"[A-Z]{2}", re.ASCII)


def xbrl_csv(register: Register, created: datetime.datetime) -> tuple[str, bytes]:
    """The report package: a zip holding one folder named like it, with META-INF/ and
    reports/ (report.json, parameters.csv, FilingIndicators.csv, one CSV per template)."""
    name = package_name(register, created)
    files = {
        "META-INF/reportPackage.json": _json({"documentInfo": {"documentType": REPORT_PACKAGE}}),
        "reports/report.json": _json(
            {"documentInfo": {"documentType": XBRL_CSV, "extends": [ENTRY_POINT]}}
        ),
        "reports/parameters.csv": _csv(
            ["name", "value"],
            [
                ["entityID", f"rs:{register.lei}.{register.level}"],
                ["refPeriod", register.reference_date.isoformat()],
                ["baseCurrency", f"iso4217:{register.base_currency}"],
                ["decimalsInteger", "0"],
                ["decimalsMonetary", "-3"],
            ],
        ),
        "reports/FilingIndicators.csv": _csv(
            ["templateID", "reported"], [[t.id, "true"] for t in TEMPLATES]
        ),
    }
    for template in TEMPLATES:
        files[f"reports/{template.file}"] = _csv(
            [c.code for c in template.columns], _cells(register, template)
        )
    out = io.BytesIO()
    stamp = (created.year, created.month, created.day, created.hour, created.minute, created.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(zipfile.ZipInfo(f"{name}/{path}", stamp), data, zipfile.ZIP_DEFLATED)
    return f"{name}.zip", out.getvalue()


def readable_csv(register: Register) -> dict[str, bytes]:
    """One CSV per template, with resilint's words for the closed lists (``DE``,
    ``credit_institution``, ``yes``) instead of the ESAs' codes, headed as the package's files
    are: by the template's column codes (``c0010``), which is how the ESAs' reporting format
    names a column (a name such as "Currency of the amount reported in B_02.01.0050" is no
    header any tool or template matches). Made to be opened in a spreadsheet, so a value that
    one would run as a formula is quoted (:func:`inert`)."""
    return {
        template.file: _csv(
            [c.code for c in template.columns],
            ([inert(readable(v)) for v in row] for row in _cells(register, template)),
        )
        for template in TEMPLATES
    }


_NUMBER = kept(r"[-+]?[0-9]+(?:\.[0-9]+)?\Z")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def inert(value: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula (``=cmd|' /C calc'!A0``,
    ``+``, ``-``, ``@``, a tab or line break) gets a leading apostrophe, as OWASP advises against
    CSV injection; a plain number is left as it is. The import takes the apostrophe off again."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def _not_made_lines(
    reason: str, status: int, version: str, today: datetime.date, what: str
) -> list[str]:
    """What replaces a register an earlier run wrote, in every format (``what``: the workbook,
    the file, the package): not made, why, and that the earlier one no longer shows the
    programme."""
    from resilint.reporters.base import printable

    return [
        "The register of information could not be made",
        f"resilint wrote no register (exit status {status}): {printable(reason)}",
        f"This {what} replaces the register an earlier run wrote here, which no longer shows "
        "the programme as it is. Correct what is named above and run "
        "`resilint register export` again.",
        f"resilint {version}, {today.isoformat()}",
    ]


def not_made(reason: str, status: int, version: str, today: datetime.date) -> bytes:
    """The workbook that replaces a register an earlier run wrote, where this run wrote none: one
    sheet, NOT MADE, saying so and why, and none of the templates' sheets, so that no one files
    or reads the earlier register as this one."""
    from openpyxl import Workbook  # only this format needs it
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "NOT MADE"
    for line in _not_made_lines(reason, status, version, today, "workbook"):
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).data_type = "s"  # text, never a formula
    sheet["A1"].font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def not_made_csv(reason: str, status: int, version: str, today: datetime.date) -> bytes:
    """The CSV that replaces a template's file an earlier run wrote, where this run wrote none:
    headed NOT MADE, not by the template's column codes, so that no tool reads it as the
    template and no one files last year's rows as this year's."""
    lines = _not_made_lines(reason, status, version, today, "file")
    return _csv(["NOT MADE"], [[inert(line)] for line in lines])


NOT_MADE_FILE = "NOT-MADE.txt"
"""The one file of the package that replaces an earlier one: no report.json, no templates."""


def not_made_package(reason: str, status: int, version: str, today: datetime.date) -> bytes:
    """The zip that replaces a report package an earlier run wrote at a named ``.zip``, where
    this run wrote none: one text file saying so and why, no report package (the ESAs' checks
    reject it, rather than take last year's register for this one)."""
    text = "\n".join(_not_made_lines(reason, status, version, today, "package")) + "\n"
    out = io.BytesIO()
    stamp = (today.year, today.month, today.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(NOT_MADE_FILE, stamp)
        archive.writestr(info, text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def xlsx(register: Register) -> bytes:
    """One workbook, a sheet per template (named by its id): the column codes in the first row,
    their names in the second, then the rows as the package writes them, each cell of its
    column's type: dates as dates (shown yyyy-mm-dd), integers and amounts as numbers, so that a
    spreadsheet sorts, filters and totals them (:func:`typed`)."""
    from openpyxl import Workbook  # only this format needs it
    from openpyxl.styles import Font

    book = Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    for template in TEMPLATES:
        sheet = book.create_sheet(template.id)
        sheet.append([c.code for c in template.columns])
        sheet.append([c.name for c in template.columns])
        for cell in (*sheet[1], *sheet[2]):
            cell.font = Font(bold=True)
        kinds = [c.kind for c in template.columns]
        for row in _cells(register, template):
            sheet.append([typed(value, kind) for value, kind in zip(row, kinds, strict=True)])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # openpyxl takes text starting with '=' for a formula
                    cell.data_type = "s"
                elif cell.data_type == "d":
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CELL_LIMIT = 32_767
"""The most characters a workbook cell holds (Excel's specification); openpyxl cuts a longer
text to it without a word, so the export refuses such a workbook (:func:`unholdable`)."""


def unholdable(register: Register, workbook: bool) -> list[tuple[str, Row, str, str]]:
    """The cells the register cannot hold as they are: template, row, column code and why, for
    each text holding a control character (written in a document as an escape, ENC-04) or a
    bidirectional or invisible one (ENC-03), which a register written with --allow-incomplete
    would carry to whoever opens it, shown otherwise than it reads; in a ``workbook``, also each
    text longer than :data:`CELL_LIMIT`."""
    return [
        (template.id, row, code, why)
        for template in TEMPLATES
        for row in register.rows[template.id]
        for code, value in row.values.items()
        if (why := _unholdable(value, workbook))
    ]


def _unholdable(value: str, workbook: bool) -> str:
    if workbook and len(value) > CELL_LIMIT:
        return (
            f"is {len(value):,} characters, more than a workbook cell holds "
            f"({CELL_LIMIT:,}, Excel's limit)"
        )
    char = unshown(value) if not value.isprintable() else None
    if char is None:
        return ""
    if is_control(char):
        return (
            f"holds control character {control_name(char)}, which a workbook cannot hold and "
            "a terminal acts on"
        )
    return f"holds {hidden_name(char)}: the register would show it otherwise than it reads"


_INTEGER = kept(r"[0-9]+\Z")


def typed(value: str, kind: str) -> str | int | Decimal | datetime.date | None:
    """A cell of the workbook: a date column's ``yyyy-mm-dd`` as a date, an integer's digits as
    an integer, an amount as a decimal number; empty as no value; anything else as the text."""
    if not value:
        return None
    if kind == DATE:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if kind == INTEGER and _INTEGER.match(value):
        return int(value)
    if kind == MONETARY and _NUMBER.match(value):
        return Decimal(value)
    return value


def _cells(register: Register, template: Template) -> list[list[str]]:
    return [
        [row.values.get(c.code, "") for c in template.columns] for row in register.rows[template.id]
    ]


_WORDS = {
    qname: str(word).lower() if isinstance(word, bool) else word
    for table in (
        codes.ENTITY_TYPES,
        codes.HIERARCHY,
        codes.ARRANGEMENT_TYPES,
        codes.TERMINATION_REASONS,
        codes.ID_TYPES,
        codes.PERSON_TYPES,
        codes.YES_NO_NOT_ASSESSED,
        codes.IMPACT,
        codes.RELIANCE,
        codes.SUBSTITUTABILITY,
        codes.NOT_SUBSTITUTABLE_REASONS,
        codes.REINTEGRATION,
    )
    for word, qname in table.items()
} | {"eba_ZZ:x838": "branch", "eba_ZZ:x839": "not_branch", codes.NOT_APPLICABLE_COUNTRY: "n/a"}


def readable(value: str) -> str:
    """A cell in resilint's words: ``eba_GA:DE`` is ``DE``, ``eba_BT:x28`` is ``yes``."""
    if value in _WORDS:
        return _WORDS[value]
    prefix, _, member = value.partition(":")
    return member if prefix in ("eba_GA", "eba_CU", "eba_TA") else value


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def _csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
