"""Cells and files of the register a user files, read as the user reads them: the zip the export
writes (opened with zipfile, its CSVs with csv), the findings ``check`` prints.

- A provider whose legal name is written in another script than the Latin alphabet (a Greek
  subcontractor) is reported until its Latin name is recorded (B_05.01.0060), and the package
  then carries it; import gives it back.
- ``-o DIR`` names a directory, created if missing: the zip keeps the name the filing rules give
  it, whether or not DIR exists yet.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

from conftest import EXAMPLES

BANK = EXAMPLES / "havelbank"
PACKAGE = r"529900HAVELBANK0AG93\.CON_DE_DORA010100_DORA_2026-12-31_\d{17}\.zip"
GREEK = "Ελληνικά Δίκτυα A.E."  # Greek words; the initials in Latin letters
GREEK_LEI = "213800DIKTYAGR000149"  # valid check digits


def _programme(tmp_path: Path, latin: str | None) -> Path:
    """examples/havelbank with a Greek network provider as a third subcontractor of the core
    banking provider (a critical arrangement: its chain is in B_05.02, its row in B_05.01)."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = repo / "suppliers" / "corebanq.yaml"
    entry = (
        "  - id: diktya\n"
        f"    name: {GREEK}\n"
        + (f"    latin_name: {latin}\n" if latin else "")
        + f"    provider_id: {GREEK_LEI}\n"
        "    provider_id_type: LEI\n"
        "    rank: 2\n"
        "    service_type: network for the core banking platform\n"
        "    services: [core-banking]\n"
        "    country: GR\n"
        "    supports_critical_function: true\n"
    )
    anchor = "services:\n  - name: core-banking"
    supplier.write_text(supplier.read_text().replace(anchor, entry + anchor))
    return repo


def _b_05_01(zip_path: Path) -> dict[str, dict[str, str]]:
    with zipfile.ZipFile(zip_path) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("/reports/b_05.01.csv")]
        rows = csv.DictReader(io.StringIO(archive.read(name).decode("utf-8")))
        return {row["c0010"]: row for row in rows}


def test_a_name_in_another_script_needs_its_latin_form(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path, latin=None)
    result = cli("check", str(repo))
    assert result.exit_code == 1
    (line,) = [line for line in result.lines if "B_05.01.0060" in line]
    assert "REG-12" in line and "subcontractors[2].latin_name" in line, line
    assert "not written in the Latin alphabet" in line
    # the export refuses it, as check does
    assert cli("register", "export", str(repo), "-o", str(tmp_path / "out")).exit_code == 1

    fixed = _programme(tmp_path / "fixed", latin="Ellinika Diktya A.E.")
    result = cli("check", str(fixed))
    assert result.exit_code == 0, result.stdout
    assert cli("register", "export", str(fixed), "-o", str(tmp_path / "pkg")).exit_code == 0
    (zip_path,) = (tmp_path / "pkg").glob("*.zip")
    rows = _b_05_01(zip_path)
    assert rows[GREEK_LEI]["c0050"] == GREEK
    assert rows[GREEK_LEI]["c0060"] == "Ellinika Diktya A.E."
    # a name in Latin letters with accents is Latin: nothing asked of it
    assert rows["529900SPREERECHENZ95"]["c0060"] == ""


def test_the_latin_name_survives_an_import(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path, latin="Ellinika Diktya A.E.")
    book = tmp_path / "register.xlsx"
    assert cli("register", "export", str(repo), "--format", "xlsx", "-o", str(book)).exit_code == 0
    imported = tmp_path / "imported"
    assert cli("register", "import", str(book), "-o", str(imported)).exit_code == 0
    texts = "\n".join(p.read_text() for p in imported.rglob("*.yaml"))
    assert f"name: {GREEK}" in texts
    assert "latin_name: Ellinika Diktya A.E." in texts


def test_output_directory_is_created_and_the_zip_keeps_its_filing_name(cli, tmp_path: Path) -> None:
    for target in ("new-dir", "nested/new-dir/", "existing"):
        (tmp_path / "existing").mkdir(exist_ok=True)
        result = cli("register", "export", str(BANK), "-o", target, cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
        out = tmp_path / target
        assert out.is_dir(), target
        (zip_path,) = out.glob("*.zip")
        assert re.fullmatch(PACKAGE, zip_path.name)
        with zipfile.ZipFile(zip_path) as archive:  # the root folder is named like the zip
            assert {n.split("/")[0] for n in archive.namelist()} == {zip_path.stem}
    # a path ending in .zip names the file itself
    result = cli("register", "export", str(BANK), "-o", "mine.zip", cwd=tmp_path)
    assert result.exit_code == 0
    assert zipfile.is_zipfile(tmp_path / "mine.zip")


def test_an_amount_in_another_currency_is_not_filed_as_the_registers(cli, tmp_path: Path) -> None:
    """The package states one currency (baseCurrency, the unit of every amount): an annual cost
    recorded in USD in a register kept in EUR would be filed as that many euros. check reports
    it at the contract's currency and the export refuses it; recorded in EUR, it files."""
    repo = _programme(tmp_path, latin="Ellinika Diktya A.E.")
    contract = repo / "contracts" / "kursblick.yaml"
    text = contract.read_text()
    assert "annual_cost: {amount: 180000, currency: EUR}" in text
    contract.write_text(
        text.replace("amount: 180000, currency: EUR", "amount: 195000, currency: USD")
    )
    result = cli("check", str(repo))
    assert result.exit_code == 1
    (line,) = [line for line in result.lines if "B_02.01.0050" in line]
    assert line.startswith("repo/contracts/kursblick.yaml:10:41: REG-12"), line
    assert "is in USD" in line and "every amount in EUR" in line
    assert "2024/2956 Art. 4" in line
    assert cli("register", "export", str(repo), "-o", str(tmp_path / "refused")).exit_code == 1
    assert not list((tmp_path / "refused").glob("*.zip"))

    contract.write_text(text)  # 180,000 EUR again
    assert cli("register", "export", str(repo), "-o", str(tmp_path / "pkg")).exit_code == 0
    (zip_path,) = (tmp_path / "pkg").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        (params,) = [n for n in names if n.endswith("/reports/parameters.csv")]
        (b0201,) = [n for n in names if n.endswith("/reports/b_02.01.csv")]
        parameters = dict(csv.reader(io.StringIO(archive.read(params).decode())))
        rows = list(csv.DictReader(io.StringIO(archive.read(b0201).decode())))
    assert parameters["baseCurrency"] == "iso4217:EUR"
    assert {r["c0040"] for r in rows} == {"eba_CU:EUR"}


def test_the_workbook_types_dates_and_numbers(cli, tmp_path: Path) -> None:
    """Opened with openpyxl as a spreadsheet opens it: dates are dates (shown yyyy-mm-dd),
    amounts and integers numbers that total and sort, the same values as the package's CSVs;
    codes and identifiers stay text."""
    import datetime
    from decimal import Decimal

    from openpyxl import load_workbook

    book_path = tmp_path / "register.xlsx"
    assert (
        cli("register", "export", str(BANK), "--format", "xlsx", "-o", str(book_path)).exit_code
        == 0
    )
    assert cli("register", "export", str(BANK), "-o", str(tmp_path / "pkg")).exit_code == 0
    (zip_path,) = (tmp_path / "pkg").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        (b0201,) = [n for n in archive.namelist() if n.endswith("/reports/b_02.01.csv")]
        amounts = {
            r["c0010"]: Decimal(r["c0050"])
            for r in csv.DictReader(io.StringIO(archive.read(b0201).decode()))
        }
    book = load_workbook(book_path)
    sheet = book["B_02.01"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)]
    assert {r["c0010"].value: Decimal(str(r["c0050"].value)) for r in rows} == amounts
    assert all(r["c0050"].data_type == "n" for r in rows)
    assert sum(r["c0050"].value for r in rows) == sum(amounts.values())
    sheet = book["B_02.02"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, sheet[3], strict=True))
    assert isinstance(first["c0070"].value, datetime.datetime)  # the start date, as a date
    assert first["c0070"].number_format == "yyyy-mm-dd"
    assert isinstance(first["c0100"].value, int)  # notice period in days
    assert first["c0020"].data_type == "s" and first["c0020"].value == "529900HAVELBANK0AG93"


def test_an_intra_group_provider_has_its_entitys_country(cli, tmp_path: Path) -> None:
    """Havel IT Services is in the register as our entity (B_01.02.0030) and as a provider
    (B_05.01.0080) under the same LEI: a supplier file giving another headquarters country
    than the entity would file one company in two countries."""
    repo = _programme(tmp_path, latin="Ellinika Diktya A.E.")
    supplier = repo / "suppliers" / "hb-it-services.yaml"
    text = supplier.read_text()
    assert "\nhq_country: DE\n" in text
    supplier.write_text(text.replace("\nhq_country: DE\n", "\nhq_country: NL\n"))
    result = cli("check", str(repo))
    assert result.exit_code == 1
    (line,) = [line for line in result.lines if "B_05.01.0080" in line]
    assert line.startswith("repo/suppliers/hb-it-services.yaml:") and "REG-12" in line, line
    assert "hq_country" in line and "529900HAVELITSERVI62 the country DE" in line
    assert cli("register", "export", str(repo), "-o", str(tmp_path / "refused")).exit_code == 1


def test_our_top_entitys_name_in_another_script_as_an_ultimate_parent(cli, tmp_path: Path) -> None:
    """A group whose parent bank has a Greek legal name: as the ultimate parent of its ICT
    subsidiary it has a row of B_05.01, made from the Entity, whose Latin name the supplier's
    ultimate_parent gives (an Entity has no field for it)."""
    repo = _programme(tmp_path, latin="Ellinika Diktya A.E.")
    entities = repo / "entities.yaml"
    entities.write_text(
        entities.read_text().replace("name: Havel Bank AG\n", "name: Τράπεζα Χάβελ\n")
    )
    supplier = repo / "suppliers" / "hb-it-services.yaml"
    recorded = (
        "ultimate_parent: {name: Havel Bank AG, provider_id: 529900HAVELBANK0AG93, "
        "provider_id_type: LEI, country: DE}\n"
    )
    text = supplier.read_text()
    assert recorded in text
    supplier.write_text(text.replace(recorded, ""))  # derived from the entities' parent links
    result = cli("check", str(repo))
    (line,) = [line for line in result.lines if "B_05.01.0060" in line]
    assert line.startswith("repo/suppliers/hb-it-services.yaml:") and "REG-12" in line, line
    assert "ultimate_parent.latin_name" in line
    named = recorded.replace(
        "name: Havel Bank AG", "name: Τράπεζα Χάβελ, latin_name: Trapeza Havel"
    )
    supplier.write_text(text.replace(recorded, named))
    assert cli("check", str(repo)).exit_code == 0
    assert cli("register", "export", str(repo), "-o", str(tmp_path / "pkg")).exit_code == 0
    (zip_path,) = (tmp_path / "pkg").glob("*.zip")
    row = _b_05_01(zip_path)["529900HAVELBANK0AG93"]
    assert (row["c0050"], row["c0060"]) == ("Τράπεζα Χάβελ", "Trapeza Havel")


def test_a_code_typed_euid_is_in_the_euids_form(cli, tmp_path: Path) -> None:
    """A subcontractor identified by an EUID recorded as its bare registration number (the
    business register's number without the country and register codes) would be filed as an
    EUID the ESAs' data-quality checks reject; in its form (DEHRB.HRB123456) it files."""
    repo = _programme(tmp_path, latin="Ellinika Diktya A.E.")
    supplier = repo / "suppliers" / "corebanq.yaml"
    text = supplier.read_text()
    chained = text.replace(
        "    provider_id: 529900SPREERECHENZ95\n    provider_id_type: LEI\n",
        "    provider_id: 'EUID-HERE'\n    provider_id_type: EUID\n",
    )
    assert chained != text
    supplier.write_text(chained.replace("EUID-HERE", "HRB123456"))
    result = cli("check", str(repo))
    assert result.exit_code == 1
    (line,) = [line for line in result.lines if "form of an EUID" in line]
    assert line.startswith("repo/suppliers/corebanq.yaml:") and "REG-12" in line, line
    assert "subcontractors[1].provider_id" in line and "B_05.01.0010" in line
    supplier.write_text(chained.replace("EUID-HERE", "DEHRB.HRB123456"))
    assert cli("check", str(repo)).exit_code == 0
    assert cli("register", "export", str(repo), "-o", str(tmp_path / "pkg")).exit_code == 0
    (zip_path,) = (tmp_path / "pkg").glob("*.zip")
    assert _b_05_01(zip_path)["DEHRB.HRB123456"]["c0020"] == "eba_qCO:qx2002"
