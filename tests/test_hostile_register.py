"""The DORA register against hostile input: a value that a spreadsheet would run as a formula
is written inert, and a hostile workbook or CSV (zip bomb, entity bomb, not a zip, a FIFO, a
link out, Latin-1, an endless field) is refused with status 2 and the file named, never an
internal error or a hang."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    supplier = root / "suppliers" / "corebanq.yaml"
    text = supplier.read_text().replace("name: Corebanq Systems GmbH\n", f'name: "{FORMULA}"\n', 1)
    supplier.write_text(text.replace("hq_country: DE", "hq_country: DE", 1))
    return root


def test_a_formula_in_a_value_is_inert_in_the_readable_csv_and_comes_back(cli, programme):
    assert cli("register", "export", "--format", "csv", "-o", "reg", cwd=programme).exit_code == 0
    cells = [
        cell
        for path in (programme / "reg").glob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text()))
        for cell in row
    ]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if re.match(r"[=+@\t\r]", c)]
    assert not [c for c in cells if c.startswith("-") and not re.fullmatch(r"-[0-9.]+", c)]
    result = cli("register", "import", "reg", "-o", "imported", cwd=programme)
    assert result.exit_code == 0, result.stderr
    imported = "".join(p.read_text() for p in (programme / "imported").rglob("*.yaml"))
    assert f"name: {FORMULA}\n" in imported  # the value as it was, without the apostrophe


def test_a_formula_in_a_value_is_text_in_the_workbook(cli, programme):
    assert (
        cli("register", "export", "--format", "xlsx", "-o", "r.xlsx", cwd=programme).exit_code == 0
    )
    book = openpyxl.load_workbook(programme / "r.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert FORMULA in [c.value for c in cells]


def _workbook(root: Path, mutate) -> None:
    """An exported workbook with its first sheet's XML changed."""
    source = root.parent / "base.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "B_01.01"
    book.save(source)
    with (
        zipfile.ZipFile(source) as zin,
        zipfile.ZipFile(root / "in.xlsx", "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = mutate(data.decode()).encode()
            zout.writestr(info.filename, data)


ENTITIES = '<!ENTITY a "lollollollol">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
)
WORKBOOKS = {
    "zip bomb": (
        lambda x: x.replace("<sheetData", "<!--" + "A" * 300_000_000 + "--><sheetData"),
        "zip bomb",
    ),
    "entity bomb": (
        lambda x: x.replace("?>", f"?><!DOCTYPE r [{ENTITIES}]>", 1).replace(
            "<sheetData/>",
            "<sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>&i;</t></is></c></row>"
            "</sheetData>",
        ),
        "",  # expat refuses the expansion, or openpyxl finds no cell: either way, refused
    ),
}


@pytest.mark.parametrize("case", list(WORKBOOKS))
def test_a_hostile_workbook_is_refused(cli, tmp_path, case):
    root = tmp_path / "repo"
    root.mkdir()
    mutate, words = WORKBOOKS[case]
    _workbook(root, mutate)
    result = cli("register", "import", "in.xlsx", "-o", "out", cwd=root)
    assert result.exit_code == 2, result.stderr
    assert "in.xlsx: " in result.stderr and words in result.stderr
    assert not (root / "out").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "not a workbook"), (b"PK\x03\x04garbage" * 10, "not a workbook")],
    ids=["empty", "not a zip"],
)
def test_a_file_that_is_no_workbook_is_refused(cli, tmp_path, content, words):
    (tmp_path / "in.xlsx").write_bytes(content)
    result = cli("register", "import", "in.xlsx", "-o", "out")
    assert result.exit_code == 2 and words in result.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("c0010,c0020\nZ\xfcrich,x\n".encode("latin-1"), "b_05.01.csv:2: not UTF-8"),
        (b'c0010\n"' + b"x" * 200_000 + b'"\n', "not a readable CSV file"),
        (b"a,b\nc,d\n", "no header row"),
    ],
    ids=["latin-1", "endless field", "no header"],
)
def test_a_hostile_csv_is_refused_with_its_name(cli, tmp_path, content, words):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b_05.01.csv").write_bytes(content)
    result = cli("register", "import", "in", "-o", "out")
    assert result.exit_code == 2, result.stderr
    assert "b_05.01.csv" in result.stderr and words in result.stderr


@pytest.mark.parametrize("shape", ["fifo workbook", "fifo csv", "linked csv", "linked output"])
def test_fifos_and_links_are_refused_without_waiting(tmp_path, shape):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "creds").write_text("TOPSECRET\n")
    root = tmp_path / "repo"
    (root / "in").mkdir(parents=True)
    source = "in"
    if shape == "fifo workbook":
        os.mkfifo(root / "in.xlsx")
        source = "in.xlsx"
    elif shape == "fifo csv":
        os.mkfifo(root / "in" / "b_05.01.csv")
    elif shape == "linked csv":
        (root / "in" / "b_05.01.csv").symlink_to(tmp_path / "outside" / "creds")
    else:
        (root / "in" / "b_05.01.csv").write_text("c0010,c0020\nx,y\n")
        (root / "out").symlink_to(tmp_path / "outside")
    result = subprocess.run(
        [sys.executable, "-m", "resilint", "register", "import", source, "-o", "out"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "outside").iterdir()) == ["creds"]


# -- providers whose names read alike are never merged ---------------------------------------------
def _readable_csvs(cli, tmp_path: Path) -> Path:
    out = tmp_path / "csv"
    result = cli(
        "register", "export", str(EXAMPLES / "havelbank"), "--format", "csv", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    return out


def _rewrite(path: Path, change) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return rows


def _documents(root: Path) -> list[dict]:
    import yaml

    return [
        doc
        for path in sorted(root.rglob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8"))
    ]


def _signers(out: Path) -> dict[str, str]:
    """The provider code that signs each arrangement (B_03.02), as the register says."""
    with (out / "b_03.02.csv").open(encoding="utf-8", newline="") as handle:
        return {row[0]: row[1] for row in list(csv.reader(handle))[1:]}


@pytest.mark.parametrize(
    "names",
    [
        {1: "Beratwerk IT Consulting GmbH", 2: "BERATWERK IT-Consulting GmbH"},
        {1: "Берат", 2: "Кодеконтор", 3: "コア"},
    ],
    ids=["near-names", "non-latin"],
)
def test_providers_whose_names_give_one_id_stay_apart_with_their_contracts(
    cli, tmp_path, names
) -> None:
    out = _readable_csvs(cli, tmp_path)

    def rename(rows: list[list[str]]) -> None:
        for number, name in names.items():
            rows[number][4] = name

    rows = _rewrite(out / "b_05.01.csv", rename)
    providers = {row[0] for row in rows[1:]}
    result = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 0, result.stderr
    documents = _documents(tmp_path / "docs")
    suppliers = {d["id"]: d for d in documents if d["kind"] == "Supplier"}
    codes = [s["provider_id"] for s in suppliers.values()]
    assert len(codes) == len(set(codes))  # one document per provider
    renamed = {rows[n][0] for n in names}
    assert renamed <= set(codes)
    for sid, supplier in suppliers.items():
        assert sid != "x" and re.fullmatch(r"[a-z0-9][a-z0-9._-]*", sid), sid
        if supplier["provider_id"] in renamed and not supplier["name"].isascii():
            assert sid == f"provider-{supplier['provider_id'].lower()}"  # readable: its code
    # each contract is attached to the provider that signs it, none to another
    signers = _signers(out)
    by_id = {sid: s["provider_id"] for sid, s in suppliers.items()}
    contracts = [d for d in documents if d["kind"] == "Contract"]
    assert contracts and all(
        by_id[c["supplier"]] == signers[c["arrangement_reference"]] for c in contracts
    )
    assert {signers[c["arrangement_reference"]] for c in contracts} <= providers


def test_a_provider_listed_twice_differently_is_refused_naming_the_rows(cli, tmp_path) -> None:
    out = _readable_csvs(cli, tmp_path)

    def repeat(rows: list[list[str]]) -> None:
        rows.append([*rows[2][:4], "Codekontor Zwei GmbH", *rows[2][5:]])

    rows = _rewrite(out / "b_05.01.csv", repeat)
    result = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 2
    assert f"b_05.01.csv row 3 and b_05.01.csv row {len(rows)} both give the provider" in (
        result.stderr
    )
    assert "nothing was written" in result.stderr and not (tmp_path / "docs").exists()


@pytest.mark.parametrize("count", [1, 2], ids=["one", "two"])
def test_providers_without_an_identification_code_are_neither_merged_nor_named_by_a_blank(
    cli, tmp_path, count
) -> None:
    """An incomplete register (``export --allow-incomplete``) holds providers whose code is
    blank: two of them are no one provider listed twice, and a blank ultimate parent elsewhere
    names none of them."""
    out = _readable_csvs(cli, tmp_path)

    def blanks(rows: list[list[str]]) -> None:
        rows[1][10:12] = ["", ""]  # Beratwerk: its ultimate parent not given
        for name in ("Nameless Hosting S.A.", "Nameless Payments S.A.")[:count]:
            rows.append(["", "", "", "", name, "", "", "LU", "", "", "", ""])

    rows = _rewrite(out / "b_05.01.csv", blanks)
    result = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 1, result.stderr  # written, the nameless ones left out
    assert f"the import is incomplete: {count} row" in result.stderr
    suppliers = [d for d in _documents(tmp_path / "docs") if d["kind"] == "Supplier"]
    beratwerk = next(s for s in suppliers if s["provider_id"] == rows[1][0])
    assert beratwerk["ultimate_parent"]["name"] == rows[1][4]  # its own, not a nameless one
    assert not any("Nameless" in str(s) for s in suppliers)
    for number in range(len(rows) - count + 1, len(rows) + 1):
        assert f"b_05.01.csv row {number}: provider Nameless" in result.stdout
    assert "no identification code (B_05.01.0010)" in result.stdout


def test_a_provider_no_arrangement_names_is_listed_not_dropped(cli, tmp_path) -> None:
    """A provider of B_05.01 becomes a Supplier through an arrangement that names it: one that
    nothing names was left out of the import without a word. It is listed as not imported."""
    out = _readable_csvs(cli, tmp_path)

    def extra(rows: list[list[str]]) -> None:
        rows.append(["529900ORPHANPROVID99", *rows[1][1:4], "Orphan Hosting SE", *rows[1][5:]])

    rows = _rewrite(out / "b_05.01.csv", extra)
    result = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 1, result.stderr  # written, the orphan left out
    assert "the import is incomplete: 1 row or value" in result.stderr
    assert not any("Orphan" in str(d) for d in _documents(tmp_path / "docs"))
    assert (
        f"not mapped: b_05.01.csv row {len(rows)}: provider Orphan Hosting SE is named by no "
        "arrangement"
    ) in result.stdout
    assert "Beratwerk" not in result.stdout  # the providers imported are not listed


def test_a_register_none_of_whose_rows_gives_a_document_is_refused(cli, tmp_path) -> None:
    """Providers alone (B_05.01, no arrangement): the import said "wrote 0 files", status 0."""
    out = _readable_csvs(cli, tmp_path)
    for table in out.glob("*.csv"):
        if table.name != "b_05.01.csv":
            table.unlink()
    result = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "rows gives a resilint document" in result.stderr
    assert "nothing was written" in result.stderr and not (tmp_path / "docs").exists()
    assert "is named by no arrangement" in result.stdout


def test_a_value_longer_than_a_workbook_cell_is_not_cut_short_in_silence(cli, tmp_path):
    """Excel holds 32,767 characters in a cell and openpyxl cuts a longer text to that: the
    workbook is refused, naming the field, and the CSV files and the package hold it whole."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    supplier = root / "suppliers" / "corebanq.yaml"
    name = "N" * 100_000
    supplier.write_text(supplier.read_text().replace("Corebanq Systems GmbH", name, 1))
    result = cli("register", "export", "--format", "xlsx", "-o", "r.xlsx", cwd=root)
    assert result.exit_code == 2
    assert not (root / "r.xlsx").exists()
    line = next(n for n, t in enumerate(supplier.read_text().splitlines(), 1) if name in t)
    assert f"suppliers/corebanq.yaml:{line}:7: the field name of supplier corebanq" in result.stdout
    assert "100,000 characters, more than a workbook cell holds (32,767" in result.stdout
    assert "no workbook written: 1 value cannot be held whole" in result.stderr
    assert cli("register", "export", "--format", "csv", "-o", "reg", cwd=root).exit_code == 0
    cells = [
        c for row in csv.reader(io.StringIO((root / "reg/b_05.01.csv").read_text())) for c in row
    ]
    assert name in cells


def _workbook_with_a_formula(cli, tmp_path: Path, cached: str | None) -> Path:
    """havelbank's exported workbook with the legal name of one provider (B_05.01, c0050)
    replaced by a formula, stored with the result ``cached`` (as a spreadsheet program saves
    one), or with none (as a script writes one)."""
    book_path = tmp_path / "r.xlsx"
    exported = cli(
        "register", "export", str(EXAMPLES / "havelbank"), "--format", "xlsx", "-o", str(book_path)
    )
    assert exported.exit_code == 0, exported.stderr
    book = openpyxl.load_workbook(book_path)
    sheet = book["B_05.01"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "Corebanq Systems GmbH")
    cell.value = '="Corebanq Systems GmbH (in liquidation)"'
    book.save(book_path)
    if cached is not None:
        shown = tmp_path / "shown.xlsx"
        with zipfile.ZipFile(book_path) as zin, zipfile.ZipFile(shown, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename.startswith("xl/worksheets/"):
                    data = re.sub(rb"(</f>)<v\s*/>|(</f>)<v></v>", rb"\1\2", data)
                    data = data.replace(b"</f>", b"</f><v>" + cached.encode() + b"</v>")
                    data = re.sub(
                        rb'(<c r="[A-Z]+[0-9]+"[^>]*?)( t="[a-zA-Z]+")?><f>',
                        rb'\1 t="str"><f>',
                        data,
                    )
                zout.writestr(info, data)
        shown.replace(book_path)
    return book_path


@pytest.mark.parametrize(
    "cached", [None, "Corebanq Systems GmbH"], ids=["no result stored", "another result stored"]
)
def test_a_formula_in_a_register_cell_is_refused_not_read_as_its_stored_result(
    cli, tmp_path, cached
):
    """A formula's result as the workbook stores it is whatever its program last saved, or
    nothing: neither is taken for the provider's name, in silence."""
    book = _workbook_with_a_formula(cli, tmp_path, cached)
    cell = next(
        (c.coordinate, c.row)
        for row in openpyxl.load_workbook(book)["B_05.01"].iter_rows()
        for c in row
        if c.data_type == "f"
    )
    result = cli("register", "import", str(book), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.stdout
    assert (
        f"r.xlsx: B_05.01 row {cell[1]}, column c0050 (cell {cell[0]}) holds a formula "
        '(="Corebanq Systems GmbH (in liquidation)"), not a value' in result.stderr
    )
    assert "paste them as values" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_formula_in_a_column_the_import_does_not_read_is_left_alone(cli, tmp_path):
    """A helper column of the sheet's own (no template column code) may compute what it
    likes: the register's values are read as before."""
    book_path = _workbook_with_a_formula(cli, tmp_path, None)
    book = openpyxl.load_workbook(book_path)
    sheet = book["B_05.01"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.data_type == "f")
    cell.value = "Corebanq Systems GmbH"
    helper = sheet.cell(row=cell.row, column=sheet.max_column + 1)
    helper.value = "=LEN(A3)"
    book.save(book_path)
    result = cli("register", "import", str(book_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    imported = "".join(p.read_text() for p in (tmp_path / "out").rglob("*.yaml"))
    assert "name: Corebanq Systems GmbH\n" in imported


def test_a_data_table_in_a_register_cell_is_refused_by_name(cli, tmp_path):
    """A what-if data table's cell has no formula text of its own: named as what it is, never
    as a Python object."""
    book = _workbook_with_a_formula(cli, tmp_path, "Corebanq Systems GmbH")
    table = tmp_path / "table.xlsx"
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(table, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb"<f>[^<]*</f>", b'<f t="dataTable" ref="A1" dt2D="0" r1="A1"/>', data
                )
            zout.writestr(info, data)
    result = cli("register", "import", str(table), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.stdout
    assert "column c0050" in result.stderr and "holds a formula (a data table), not a value" in (
        result.stderr
    )
    assert " object at 0x" not in result.stderr and not (tmp_path / "out").exists()


def _hide(book: openpyxl.Workbook) -> None:
    """Rows 3 to 9 of B_02.02, columns B to D of B_05.01 (one ``<col>`` range), sheet B_03.02."""
    for row in range(3, 10):
        book["B_02.02"].row_dimensions[row].hidden = True
    book["B_05.01"].column_dimensions.group("B", "D", hidden=True)
    book["B_03.02"].sheet_state = "veryHidden"


def _unhide_all_but(book: openpyxl.Workbook, keep: str) -> None:
    if keep != "rows":
        for row in range(3, 10):
            book["B_02.02"].row_dimensions[row].hidden = False
    if keep != "columns":
        book["B_05.01"].column_dimensions["B"].hidden = False
    if keep != "sheet":
        book["B_03.02"].sheet_state = "visible"


@pytest.mark.parametrize(
    ("keep", "words"),
    [
        ("rows", "sheet B_02.02: hidden rows 3, 4, 5, 6, 7 and 2 more holding register values"),
        (
            "columns",
            "sheet B_05.01: hidden columns B (c0020), C (c0030), D (c0040) holding register values",
        ),
        ("sheet", "sheet B_03.02 is very hidden"),
    ],
)
def test_what_a_reviewer_of_the_workbook_cannot_see_is_not_imported(cli, tmp_path, keep, words):
    """A row, a column or a sheet hidden in the spreadsheet a reviewer checked would otherwise
    become suppliers and contracts no one saw: refused, naming them, nothing written."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    assert cli("register", "export", "--format", "xlsx", "-o", "r.xlsx", cwd=root).exit_code == 0
    book = openpyxl.load_workbook(root / "r.xlsx")
    _hide(book)
    _unhide_all_but(book, keep)
    book.save(root / "r.xlsx")
    result = cli("register", "import", "r.xlsx", "-o", "out", cwd=root)
    assert result.exit_code == 2, result.stderr
    assert f"r.xlsx: {words}" in result.stderr
    assert "unhide them and review them, or delete them" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "out").exists()


def test_hidden_parts_that_hold_no_register_value_are_imported_as_before(cli, tmp_path):
    """A hidden notes sheet, a hidden column of the user's own and a hidden empty row are not
    read, so they do not stop the import."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    assert cli("register", "export", "--format", "xlsx", "-o", "r.xlsx", cwd=root).exit_code == 0
    book = openpyxl.load_workbook(root / "r.xlsx")
    notes = book.create_sheet("Notes")
    notes["A1"] = "call Corebanq about the exit plan"
    notes.sheet_state = "hidden"
    sheet = book["B_05.01"]
    sheet.cell(row=3, column=sheet.max_column + 2).value = "checked"
    sheet.column_dimensions[openpyxl.utils.get_column_letter(sheet.max_column)].hidden = True
    sheet.row_dimensions[sheet.max_row + 2].hidden = True
    book.save(root / "r.xlsx")
    result = cli("register", "import", "r.xlsx", "-o", "out", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "out" / "entities.yaml").exists()


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            lambda x: x.replace('<row r="4"', '<row r="4" ht="0" customHeight="1"', 1),
            "sheet B_05.01: hidden row 4 holding register values",
        ),
        (
            lambda x: x.replace(
                "<sheetData", '<cols><col min="3" max="3" width="0"/></cols><sheetData', 1
            ),
            "sheet B_05.01: hidden column C (c0030) holding register values",
        ),
        (
            lambda x: x.replace("<sheetFormatPr ", '<sheetFormatPr zeroHeight="1" ', 1),
            "sheet B_05.01 hides its rows by default (zeroHeight)",
        ),
    ],
    ids=["no height", "no width", "rows hidden by default"],
)
def test_a_row_or_column_shown_with_no_size_is_hidden_too(cli, tmp_path, edit, words):
    """A row of height 0 or a column of width 0 shows nothing though not marked hidden, and a
    sheet may hide its rows by default: each is refused like a hidden one."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    assert cli("register", "export", "--format", "xlsx", "-o", "r.xlsx", cwd=root).exit_code == 0
    book = openpyxl.load_workbook(root / "r.xlsx")
    book.save(root / "plain.xlsx")  # as a spreadsheet saves it: a <sheetFormatPr> in every sheet
    sheet = book.sheetnames.index("B_05.01") + 1
    with (
        zipfile.ZipFile(root / "plain.xlsx") as zin,
        zipfile.ZipFile(root / "in.xlsx", "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{sheet}.xml":
                data = edit(data.decode()).encode()
            zout.writestr(info.filename, data)
    result = cli("register", "import", "in.xlsx", "-o", "out", cwd=root)
    assert result.exit_code == 2, result.stderr
    assert f"in.xlsx: {words}" in result.stderr
    assert not (root / "out").exists()
