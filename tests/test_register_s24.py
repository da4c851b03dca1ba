"""The DORA register of information, export and import, through the CLI on real files, each
read back as its users open it (the report package with zipfile and csv, the workbook with
openpyxl): what a provider's total expense adds up, the names of the columns, which
arrangements are assessed, the intra-group providers, and what an import refuses to read."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_precision_s20_register import REFERENCE, bank_with_payments_register
from test_register_readiness import package_tables

STRATOCLOUD = "635400STRATOCLOUDE91"
HB_IT = "529900HAVELITSERVI62"
BANK = EXAMPLES / "havelbank"


# -- 1. a provider's total annual expense (B_05.01.0100) ----------------------------------------
def test_a_providers_total_adds_only_the_arrangements_the_register_uses(cli, tmp_path) -> None:
    """Havel Payments' own register holds the bank's cloud arrangement with Stratocloud only so
    that its intra-group arrangement's link resolves (B_02.03.0020, key R12): the payment
    institution does not use it, and it has no row of B_02.02 or B_04.01 there. Its cost
    (2,100,000 EUR a year, which the bank pays) was filed as the payment institution's total
    expense with Stratocloud (B_05.01.0100); it is filed for no one there, while the intra-group
    arrangement it uses keeps its total, and the group's register keeps Stratocloud's."""
    repo = bank_with_payments_register(tmp_path)
    out = tmp_path / "payments"
    args = ("--entity", "hb-payments", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    tables = package_tables(out)
    providers = {r["c0010"]: r for r in tables["B_05.01"]}
    assert "HB-2024-017" in {r["c0010"] for r in tables["B_02.01"]}  # held for the key
    assert "HB-2024-017" not in {r["c0010"] for r in tables["B_04.01"]}
    assert (providers[STRATOCLOUD]["c0090"], providers[STRATOCLOUD]["c0100"]) == ("", "")
    assert (providers[HB_IT]["c0090"], providers[HB_IT]["c0100"]) == ("eba_CU:EUR", "6800000")
    group = tmp_path / "group"
    result = cli("register", "export", str(repo), "-o", str(group), "--reference-date", REFERENCE)
    assert result.exit_code == 0, result.stdout + result.stderr
    providers = {r["c0010"]: r for r in package_tables(group)["B_05.01"]}
    assert providers[STRATOCLOUD]["c0100"] == "2100000"


# -- 2. the columns' names cite other columns as the ITS does ---------------------------------
CITING = {
    ("B_02.01", 4): "Currency of the amount reported in B_02.01.0050",
    ("B_02.03", 2): "Contractual arrangement linked to the contractual arrangement referred in "
    "B_02.03.0010",
    ("B_05.01", 9): "Currency of the amount reported in B_05.01.0100",
}
EARLIER = {
    ("B_02.01", 4): "Currency of the amount reported in RT.02.01.0050",
    ("B_02.03", 2): "Contractual arrangement linked to the contractual arrangement referred in "
    "RT.02.03.0010",
    ("B_05.01", 9): "Currency of the amount reported in RT.05.01.0070",  # the ESAs' template
}


def test_a_columns_name_cites_another_column_by_its_code(cli, tmp_path) -> None:
    """The workbook's second row named B_05.01.0090 "Currency of the amount reported in
    RT.05.01.0100": the draft's RT. prefix on the corrected column number, which neither the
    ITS (B_05.01.0100, since its corrigendum) nor the ESAs' annotated template (RT.05.01.0070)
    writes, beside B_02.01.0040 and B_02.03.0020 in the draft's style. Each name now cites the
    column as the ITS does, by the code of a column of the same template."""
    import re

    from openpyxl import load_workbook

    workbook = tmp_path / "register.xlsx"
    result = cli("register", "export", str(BANK), "--format", "xlsx", "-o", str(workbook))
    assert result.exit_code == 0, result.stdout + result.stderr
    book = load_workbook(workbook, read_only=True)
    for (sheet, column), name in CITING.items():
        names = next(book[sheet].iter_rows(min_row=2, max_row=2, values_only=True))
        assert names[column - 1] == name
    for sheet in book.worksheets:
        codes, names = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
        for name in names:
            assert "RT." not in str(name), (sheet.title, name)
            for cited in re.findall(r"B_\d\d\.\d\d\.(\d{4})", str(name)):
                assert str(name).count(sheet.title) and f"c{cited}" in codes, (sheet.title, name)


def test_a_workbook_naming_columns_the_earlier_way_imports_the_same(cli, tmp_path) -> None:
    """A workbook an earlier version wrote (or the ESAs' annotated template) names these
    columns in the draft's style in its second row: that row is still the row of names, not an
    arrangement called "Contractual arrangement reference number"."""
    from openpyxl import load_workbook

    workbook = tmp_path / "register.xlsx"
    assert (
        cli("register", "export", str(BANK), "--format", "xlsx", "-o", str(workbook)).exit_code == 0
    )
    book = load_workbook(workbook)
    for (sheet, column), name in EARLIER.items():
        book[sheet].cell(row=2, column=column).value = name
    earlier = tmp_path / "earlier.xlsx"
    book.save(earlier)
    now, then = tmp_path / "now", tmp_path / "then"
    assert cli("register", "import", str(workbook), "-o", str(now)).exit_code == 0
    result = cli("register", "import", str(earlier), "-o", str(then))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "not mapped" not in result.stdout + result.stderr  # a row of names read as a row
    written = sorted(p.relative_to(now) for p in now.rglob("*.yaml"))
    assert written == sorted(p.relative_to(then) for p in then.rglob("*.yaml"))
    for path in written:
        ours = (now / path).read_text(encoding="utf-8").replace("register.xlsx", "")
        assert ours == (then / path).read_text(encoding="utf-8").replace("earlier.xlsx", "")


# -- 3. a critical contract none of whose services supports a critical function ----------------
def critical_contract_of_uncritical_services(tmp_path: Path) -> Path:
    """Aurelia's intra-group contract, recorded as supporting a critical function (claims
    handling rests on the IT company as a whole), each service it covers recorded as
    supporting none."""
    from test_register_readiness import REPRO

    repo = tmp_path / "aurelia"
    for name, text in REPRO.items():
        if name == "supplier.yaml":
            text = text.replace(
                "  provider_id_type: VAT\n",
                "  provider_id_type: VAT\n  person_type: legal_person\n",
            ).replace(
                "  supports_critical_function: true\n  stores_data: true",
                "  supports_critical_function: false\n  stores_data: true",
            )
        if name == "function.yaml":
            text = text.replace(
                "  services:\n  - {supplier: av-it-services, service: private-cloud}\n",
                "  suppliers: [av-it-services]\n",
            )
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    return repo


def test_a_critical_contract_of_services_supporting_none_is_one_finding_and_no_rows(
    cli, tmp_path
) -> None:
    """Each service was assessed in B_07.01 (and followed down the supply chain in B_05.02)
    although each is recorded as supporting no critical or important function, and REG-12
    asked for the reintegration, impact and alternatives of the service desk. The templates
    cover the services supporting such functions: the export writes no row of either for the
    contract, and REG-12 reports the contradiction once, at the contract's
    supports_critical_function, saying what to record. Recorded, the private cloud alone is
    assessed and followed down its chain."""
    import csv

    repo = critical_contract_of_uncritical_services(tmp_path)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    register = [f for f in found if f["code"].startswith("REG")]
    assert [(f["code"], f["path"].rsplit("/", 1)[-1], f["line"]) for f in register] == [
        ("REG-12", "contract.yaml", 13)
    ]
    message = register[0]["message"]
    assert "record supports_critical_function: true on the services" in message
    assert "B_07.01" in message and "reintegration" not in message
    out = tmp_path / "csv"
    result = cli(
        "register",
        "export",
        str(repo),
        "--format",
        "csv",
        "-o",
        str(out),
        "--allow-incomplete",
        "--reference-date",
        REFERENCE,
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "contract.yaml:13:29: REG-12" in result.stdout

    def rows(directory: Path, template: str) -> list[dict[str, str]]:
        with (directory / f"{template}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    assert rows(out, "b_07.01") == [] and rows(out, "b_05.02") == []
    assert {r["c0060"] for r in rows(out, "b_02.02")} == {"S14", "S03"}  # still in use
    supplier = repo / "supplier.yaml"
    text = supplier.read_text(encoding="utf-8")
    supplier.write_text(
        text.replace(
            "  supports_critical_function: false\n  stores_data: true",
            "  supports_critical_function: true\n  stores_data: true",
        ),
        encoding="utf-8",
    )
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert [f for f in found if f["code"].startswith("REG")] == []
    again = tmp_path / "again"
    args = ("--format", "csv", "-o", str(again), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert [r["c0040"] for r in rows(again, "b_07.01")] == ["S14"]
    assert {r["c0020"] for r in rows(again, "b_05.02")} == {"S14"}


# -- 4. an intra-group provider: B_03.02 (key R17) and B_03.03 (key R1), under one LEI ----------
def intra_group_rows(cli, repo: Path, out: Path) -> tuple[list[list[str]], list[list[str]]]:
    import csv

    result = cli(
        "register", "export", str(repo), "--format", "csv", "-o", str(out), "--allow-incomplete"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    found = []
    for template in ("b_03.02", "b_03.03"):
        with (out / f"{template}.csv").open(encoding="utf-8", newline="") as handle:
            found.append([r for r in csv.reader(handle) if r[0] == "HB-IG-2023-001"])
    return found[0], found[1]


def test_the_groups_it_company_signs_in_b0303_though_its_supplier_names_no_entity(
    cli, tmp_path
) -> None:
    """Havel IT Services (hb-it, in B_01.02) signs the group's intra-group arrangement: with
    its Supplier document recording no group_entity, the arrangement had no row of B_03.03
    (the entities of the register providing ICT services), and check passed. The entity whose
    LEI the supplier is identified by is that entity: it signs in B_03.03 as in B_03.02."""
    import shutil

    repo = tmp_path / "bank"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = repo / "suppliers" / "hb-it-services.yaml"
    lines = supplier.read_text(encoding="utf-8").splitlines(keepends=True)
    supplier.write_text("".join(x for x in lines if not x.startswith("group_entity:")))
    third_party, ours = intra_group_rows(cli, repo, tmp_path / "csv")
    assert third_party == [["HB-IG-2023-001", HB_IT, "LEI"]]
    assert ours == [["HB-IG-2023-001", HB_IT, "true"]]


def test_an_intra_group_provider_has_one_code_in_b0302_and_b0303(cli, tmp_path) -> None:
    """The IT company's Supplier document gave another LEI than its Entity's: B_03.03 named
    the provider by the entity's LEI and B_03.02 (and B_05.01) by the other, one company under
    two codes, and check passed. REG-12 reports it at the supplier's provider_id."""
    import shutil

    other = "529900T8BM49AURSDO55"
    repo = tmp_path / "bank"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = repo / "suppliers" / "hb-it-services.yaml"
    text = supplier.read_text(encoding="utf-8")
    supplier.write_text(text.replace(f"provider_id: {HB_IT}", f"provider_id: {other}", 1))
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    (finding,) = [f for f in found if f["code"].startswith("REG")]
    assert (finding["code"], finding["path"].rsplit("/", 1)[-1]) == (
        "REG-12",
        "hb-it-services.yaml",
    )
    assert finding["message"].startswith(
        "correct the field provider_id of supplier hb-it-services: the supplier is one of the "
        "register's entities"
    )
    assert f"as the entity {HB_IT}" in finding["message"]
    third_party, ours = intra_group_rows(cli, repo, tmp_path / "csv")
    assert (third_party[0][1], ours[0][1]) == (other, HB_IT)


# -- 5. import: one column code given to two columns --------------------------------------------
def test_import_refuses_a_column_code_given_twice_in_a_csv_header(cli, tmp_path) -> None:
    """A package's b_02.01.csv with a second c0050 column (an amount pasted beside the first):
    the later column's values were imported as each arrangement's annual cost, the other
    dropped unseen, with status 0. The import now refuses, naming the file, the column code
    and both columns, and writes nothing."""
    import csv

    out = tmp_path / "csv"
    assert cli("register", "export", str(BANK), "--format", "csv", "-o", str(out)).exit_code == 0
    path = out / "b_02.01.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0].append("c0050")
    for row in rows[1:]:
        row.append("1")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    imported = tmp_path / "imported"
    result = cli("register", "import", str(out), "-o", str(imported))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "b_02.01.csv row 1: the header gives one column code to two columns" in result.stderr
    assert "B_02.01.0050 (c0050) in columns E (field 5) and F (field 6)" in result.stderr
    assert not imported.exists() or not any(imported.iterdir())


def test_import_refuses_two_workbook_columns_of_one_code(cli, tmp_path) -> None:
    """A workbook whose B_05.01 sheet has a column headed B_05.01.0050 beside c0050 (the
    provider's legal name): the import read the one further right, whatever the reviewer
    read in the other. Refused, naming the sheet and both columns."""
    from openpyxl import load_workbook

    workbook = tmp_path / "register.xlsx"
    assert (
        cli("register", "export", str(BANK), "--format", "xlsx", "-o", str(workbook)).exit_code == 0
    )
    book = load_workbook(workbook)
    sheet = book["B_05.01"]
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column).value = "B_05.01.0050"
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row=row, column=column).value = "Another Name GmbH"
    book.save(workbook)
    imported = tmp_path / "imported"
    result = cli("register", "import", str(workbook), "-o", str(imported))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "B_05.01 row 1: the header gives one column code to two columns" in result.stderr
    assert "B_05.01.0050 (c0050) in columns E (field 5) and M (field 13)" in result.stderr
    assert not imported.exists() or not any(imported.iterdir())


# -- 6. import: what a reviewer of the workbook does not see, however it is hidden -------------
def _tiny_row(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.row_dimensions[4].height = 1.5


def _narrow_column(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.column_dimensions["C"].width = 0.2


def _collapsed_group(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.row_dimensions.group(4, 5, outline_level=1, hidden=False)
    sheet.row_dimensions[6].collapsed = True


def _white_on_white(sheet) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Font

    sheet["E4"].font = Font(color="FFFFFFFF")


def _same_colour(sheet) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Font, PatternFill

    sheet["E4"].font = Font(color="FF2E7D32")
    sheet["E4"].fill = PatternFill("solid", fgColor="FF2F7E33")


def _no_format(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet["E4"].number_format = ";;;"


@pytest.mark.parametrize(
    ("hide", "words"),
    [
        (_tiny_row, "sheet B_05.01: hidden row 4 holding register values"),
        (_narrow_column, "sheet B_05.01: hidden column C (c0030) holding register values"),
        (_collapsed_group, "sheet B_05.01: hidden rows 4, 5 holding register values"),
        (
            _white_on_white,
            "B_05.01 row 4, column c0050 (cell E4) holds a value that does not show: its text "
            "is the colour of its background (#FFFFFF on #FFFFFF)",
        ),
        (
            _same_colour,
            "B_05.01 row 4, column c0050 (cell E4) holds a value that does not show: its text "
            "is the colour of its background (#2E7D32 on #2F7E33)",
        ),
        (
            _no_format,
            "B_05.01 row 4, column c0050 (cell E4) holds a value that does not show: its "
            "number format ;;; shows nothing of it",
        ),
    ],
    ids=[
        "row 1.5 points high",
        "column 0.2 wide",
        "collapsed group",
        "white on white",
        "green on green",
        ";;; format",
    ],
)
def test_import_refuses_a_value_hidden_other_ways(cli, tmp_path, hide, words) -> None:
    """A row too low to show text, a column too narrow to show a character, rows in a
    collapsed outline group (not marked hidden themselves), text the colour of its cell and a
    number format that shows nothing: each showed the reviewer of the workbook nothing of a
    provider's value, and was imported with status 0. Refused, naming the sheet and the row,
    column or cell, and nothing written."""
    from openpyxl import load_workbook

    workbook = tmp_path / "register.xlsx"
    assert (
        cli("register", "export", str(BANK), "--format", "xlsx", "-o", str(workbook)).exit_code == 0
    )
    book = load_workbook(workbook)
    hide(book["B_05.01"])
    book.save(workbook)
    imported = tmp_path / "imported"
    result = cli("register", "import", str(workbook), "-o", str(imported))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not imported.exists()


def test_an_ordinary_styled_workbook_imports_as_the_plain_one(cli, tmp_path) -> None:
    """What a spreadsheet saves for a register someone formatted: rows of LibreOffice's height
    (12.8 points), narrow but readable columns, an expanded outline group, white bold headers
    on a dark fill, white text on a dark fill, the theme's text colour, and number and date
    formats. It imports to the same files as the plain workbook."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font, PatternFill

    plain = tmp_path / "plain.xlsx"
    assert cli("register", "export", str(BANK), "--format", "xlsx", "-o", str(plain)).exit_code == 0
    book = load_workbook(plain)
    dark = PatternFill("solid", fgColor="FF1F3864")
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font, cell.fill = Font(bold=True, color="FFFFFFFF"), dark
        for row in range(3, sheet.max_row + 1):
            sheet.row_dimensions[row].height = 12.8
    sheet = book["B_05.01"]
    sheet.column_dimensions["B"].width = 2.5
    sheet.row_dimensions.group(4, 6, outline_level=1, hidden=False)
    sheet["E4"].font, sheet["E4"].fill = Font(color="FFFFFFFF"), dark
    sheet["E5"].font = Font(color="FF000000")
    sheet["J4"].number_format = "#,##0.00;[Red]-#,##0.00;0"
    sheet["E6"].number_format = "@"
    dates = book["B_02.02"]
    for cell in dates["G"][2:]:
        cell.number_format = "yyyy-mm-dd"
    styled = tmp_path / "styled.xlsx"
    book.save(styled)
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("register", "import", str(plain), "-o", str(one)).exit_code == 0
    result = cli("register", "import", str(styled), "-o", str(two))
    assert result.exit_code == 0, result.stdout + result.stderr
    written = sorted(p.relative_to(one) for p in one.rglob("*.yaml"))
    assert written == sorted(p.relative_to(two) for p in two.rglob("*.yaml"))
    for path in written:
        ours = (one / path).read_text(encoding="utf-8").replace("plain.xlsx", "")
        assert ours == (two / path).read_text(encoding="utf-8").replace("styled.xlsx", "")
