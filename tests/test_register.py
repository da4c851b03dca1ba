"""The DORA register of information through the CLI, checked from the files it writes against the
templates as the EBA DORA 4.0 taxonomy declares them (written out here, not taken from resilint):
columns in order, primary keys unique, foreign keys R1-R22 resolving, LEIs valid; the workbook;
import of the workbook and export again giving the same rows; the readiness rules on the defects."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook

BANK = EXAMPLES / "havelbank"
REFERENCE = "2026-12-31"

# The taxonomy's columns of each template, in order (K: part of the primary key).
COLUMNS = {
    "B_01.01": "0010K 0020 0030 0040 0050 0060",
    "B_01.02": "0010K 0020 0030 0040 0050 0060 0070 0080 0090 0100 0110",
    "B_01.03": "0010K 0020K 0030 0040",
    "B_02.01": "0010K 0020 0030 0040 0050",
    "B_02.02": "0010K 0020K 0030K 0040 0050K 0060K 0070 0080 0090 0100 0110 0120 0130K 0140 "
    "0150K 0160K 0170 0180",
    "B_02.03": "0010K 0020K 0030",
    "B_03.01": "0010K 0020K 0030",
    "B_03.02": "0010K 0020K 0030",
    "B_03.03": "0010K 0020K 0031",
    "B_04.01": "0010K 0020K 0030 0040K",
    "B_05.01": "0010K 0020 0030 0040 0050 0060 0070 0080 0090 0100 0110 0120",
    "B_05.02": "0010K 0020K 0030K 0040 0050K 0060K 0070",
    "B_06.01": "0010K 0020 0030 0040K 0050 0060 0070 0080 0090 0100",
    "B_07.01": "0010K 0020K 0030 0040K 0050 0060 0070 0080 0090 0100 0110 0120",
    "B_99.01": " ".join(f"{n:04d}" for n in range(10, 200, 10)),
}
FOREIGN_KEYS = """
R1 B_03.03 c0020 B_01.02 c0010; R2 B_03.01 c0020 B_01.02 c0010; R3 B_01.03 c0020 B_01.02 c0010
R4 B_04.01 c0020 B_01.02 c0010; R5 B_06.01 c0040 B_01.02 c0010; R6 B_01.02 c0060 B_01.02 c0010
R7 B_02.02 c0050,c0020 B_06.01 c0010,c0040; R8 B_03.03 c0010 B_02.01 c0010
R9 B_03.02 c0010 B_02.01 c0010; R10 B_03.01 c0010 B_02.01 c0010; R11 B_02.03 c0010 B_02.01 c0010
R12 B_02.03 c0020 B_02.01 c0010; R13 B_02.01 c0030 B_02.01 c0010; R14 B_05.02 c0010 B_02.01 c0010
R15 B_07.01 c0010 B_02.01 c0010; R16 B_04.01 c0010 B_02.01 c0010
R17 B_02.02 c0010,c0030 B_03.02 c0010,c0020; R18 B_05.01 c0110 B_05.01 c0010
R19 B_03.02 c0020 B_05.01 c0010; R20 B_05.02 c0030 B_05.01 c0010; R21 B_05.02 c0060 B_05.01 c0010
R22 B_07.01 c0020 B_05.01 c0010
"""
LEI_COLUMNS = {
    "B_01.01": ["c0010"],
    "B_01.02": ["c0010", "c0060"],
    "B_01.03": ["c0020"],
    "B_02.02": ["c0020"],
    "B_03.01": ["c0020"],
    "B_03.03": ["c0020"],
    "B_04.01": ["c0020"],
    "B_06.01": ["c0040"],
}


def lei_valid(value: str) -> bool:
    """ISO 17442: 18 characters and 2 check digits, the whole equal to 1 modulo 97 (ISO 7064)."""
    if not re.fullmatch(r"[A-Z0-9]{18}[0-9]{2}", value):
        return False
    return int("".join(str(int(c, 36)) for c in value)) % 97 == 1


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, bytes]]:
    from click.testing import CliRunner

    from resilint.cli import main

    out = tmp_path_factory.mktemp("package")
    args = ["register", "export", str(BANK), "--format", "xbrl-csv", "-o", str(out)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (zip_path,) = out.glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        return zip_path.name, {name: archive.read(name) for name in archive.namelist()}


def tables(files: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    found = {}
    for name, data in files.items():
        match = re.search(r"/reports/(b_\d\d\.\d\d)\.csv$", name)
        if match:
            template = match.group(1).upper()
            found[template] = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    return found


def test_the_package_is_named_and_laid_out_as_the_filing_rules_say(package) -> None:
    name, files = package
    pattern = r"529900HAVELBANK0AG93\.CON_DE_DORA010100_DORA_2026-12-31_\d{17}\.zip"
    assert re.fullmatch(pattern, name)
    root = name.removesuffix(".zip")
    expected = {
        "META-INF/reportPackage.json",
        "reports/report.json",
        "reports/parameters.csv",
        "reports/FilingIndicators.csv",
        *(f"reports/{t.lower()}.csv" for t in COLUMNS),
    }
    assert set(files) == {f"{root}/{path}" for path in expected}
    assert json.loads(files[f"{root}/META-INF/reportPackage.json"]) == {
        "documentInfo": {"documentType": "https://xbrl.org/report-package/2023"}
    }
    assert json.loads(files[f"{root}/reports/report.json"]) == {
        "documentInfo": {
            "documentType": "https://xbrl.org/2021/xbrl-csv",
            "extends": ["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"],
        }
    }
    assert files[f"{root}/reports/parameters.csv"].decode().splitlines() == [
        "name,value",
        "entityID,rs:529900HAVELBANK0AG93.CON",
        f"refPeriod,{REFERENCE}",
        "baseCurrency,iso4217:EUR",
        "decimalsInteger,0",
        "decimalsMonetary,-3",
    ]
    indicators = files[f"{root}/reports/FilingIndicators.csv"].decode().splitlines()
    assert indicators == ["templateID,reported", *(f"{t},true" for t in COLUMNS)]


def test_every_template_carries_its_columns_in_order_utf8_crlf(package) -> None:
    _, files = package
    for template, columns in COLUMNS.items():
        data = next(v for k, v in files.items() if k.endswith(f"/{template.lower()}.csv"))
        assert not data.startswith(b"\xef\xbb\xbf"), template  # no byte order mark
        header = data.decode("utf-8").split("\r\n")[0]
        assert header == ",".join(f"c{c.rstrip('K')}" for c in columns.split()), template


def test_primary_keys_are_filled_and_unique(package) -> None:
    found = tables(package[1])
    for template, columns in COLUMNS.items():
        key = [f"c{c.rstrip('K')}" for c in columns.split() if c.endswith("K")]
        if not key:
            continue
        values = [tuple(row[c] for c in key) for row in found[template]]
        assert all(all(v) for v in values), template
        assert len(values) == len(set(values)), template


def test_foreign_keys_r1_to_r22_resolve(package) -> None:
    found = tables(package[1])
    checked = 0
    for spec in FOREIGN_KEYS.replace("\n", ";").split(";"):
        if not spec.strip():
            continue
        name, source, columns, target, target_columns = spec.split()
        targets = {tuple(r[c] for c in target_columns.split(",")) for r in found[target]}
        for row in found[source]:
            values = tuple(row[c] for c in columns.split(","))
            if all(values):
                assert values in targets, (name, row)
                checked += 1
    assert checked > 100


def test_leis_are_valid_and_values_are_taxonomy_members(package) -> None:
    found = tables(package[1])
    for template, columns in LEI_COLUMNS.items():
        for row in found[template]:
            for column in columns:
                assert lei_valid(row[column]), (template, column, row[column])
    assert found["B_01.02"][0]["c0030"] == "eba_GA:DE"
    assert {r["c0060"] for r in found["B_02.02"]} <= {f"eba_TA:S{n:02d}" for n in range(1, 20)}
    assert {r["c0040"] for r in found["B_04.01"]} >= {"Not Applicable", "HB-AT-VIE"}
    for row in found["B_02.01"]:
        assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", row["c0050"]), row
    assert all(r["c0080"] for r in found["B_02.02"])  # end dates; 9999-12-31 when open


def test_the_example_covers_what_the_issue_asks(package) -> None:
    found = tables(package[1])
    providers = {r["c0010"] for r in found["B_03.02"]}
    assert len(providers) >= 15
    assert found["B_03.03"] and found["B_02.03"]  # an intra-group provider, paired
    assert any(r["c0050"] == "3" for r in found["B_05.02"])  # a chain of two subcontractors
    assert any(r["c0050"] == "eba_BT:x28" for r in found["B_06.01"])  # critical functions
    assert any(r["c0090"] for r in found["B_02.02"])  # an arrangement ended in the year


def export(cli, repo: Path, fmt: str, out: Path, *extra: str):
    return cli("register", "export", str(repo), "--format", fmt, "-o", str(out), *extra)


def sheets(path: Path) -> dict[str, list[tuple[str, ...]]]:
    book = load_workbook(path, read_only=True)
    return {
        sheet.title: sorted(
            tuple("" if v is None else str(v) for v in row)
            for row in sheet.iter_rows(min_row=3, values_only=True)
        )
        for sheet in book.worksheets
    }


def test_the_workbook_has_a_sheet_per_template_and_imports_back_to_the_same_register(
    cli, tmp_path: Path
) -> None:
    first = tmp_path / "register.xlsx"
    assert export(cli, BANK, "xlsx", first).exit_code == 0
    book = load_workbook(first)
    assert book.sheetnames == list(COLUMNS)
    assert [c.value for c in book["B_02.01"][1]] == ["c0010", "c0020", "c0030", "c0040", "c0050"]
    assert book["B_02.01"]["A2"].value == "Contractual arrangement reference number"

    imported = tmp_path / "imported"
    result = cli("register", "import", str(first), "-o", str(imported))
    assert result.exit_code == 0, result.stderr
    assert (imported / "entities.yaml").read_text().startswith("# Imported from the register:")
    assert len(list((imported / "suppliers").glob("*.yaml"))) >= 15

    again = tmp_path / "again.xlsx"
    result = export(cli, imported, "xlsx", again, "--reference-date", REFERENCE)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sheets(again) == sheets(first)


def test_import_never_overwrites(cli, tmp_path: Path) -> None:
    workbook = tmp_path / "register.xlsx"
    export(cli, BANK, "xlsx", workbook)
    target = tmp_path / "out"
    assert cli("register", "import", str(workbook), "-o", str(target)).exit_code == 0
    before = (target / "entities.yaml").read_text()
    result = cli("register", "import", str(workbook), "-o", str(target))
    assert result.exit_code != 0
    assert "already exist; nothing was written" in result.stderr
    assert (target / "entities.yaml").read_text() == before
    # one file in the way, the others not yet there: nothing is written, not half of it
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "functions.yaml").write_text("# ours\n")
    result = cli("register", "import", str(workbook), "-o", str(fresh))
    assert result.exit_code == 2
    assert "functions.yaml already exist; nothing was written" in result.stderr
    assert sorted(p.name for p in fresh.rglob("*")) == ["functions.yaml"]


def test_import_reads_the_package_csvs_and_lists_what_it_cannot_map(cli, tmp_path: Path) -> None:
    export(cli, BANK, "xbrl-csv", tmp_path)
    (zip_path,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(tmp_path / "unpacked")
    reports = next((tmp_path / "unpacked").glob("*/reports"))
    with (reports / "b_99.01.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write(",".join(["our definition"] * 19) + "\r\n")
    result = cli("register", "import", str(reports), "-o", str(tmp_path / "docs"))
    assert result.exit_code == 1, result.stderr  # written, and a row left out: incomplete
    assert "b_99.01.csv row 2" in result.stdout
    assert "the import is incomplete: 1 row or value" in result.stderr
    assert "kind: Contract" in (tmp_path / "docs/suppliers/corebanq-systems-gmbh.yaml").read_text()


def test_readable_csv_has_the_column_codes_and_words(cli, tmp_path: Path) -> None:
    assert export(cli, BANK, "csv", tmp_path / "csv").exit_code == 0
    rows = list(csv.reader((tmp_path / "csv" / "b_01.02.csv").open(encoding="utf-8")))
    assert rows[0][0] == "c0010"  # LEI of the entity, headed as the ESAs' format names it
    assert rows[1][2:4] == ["DE", "credit_institution"]


def test_export_refuses_while_readiness_rules_fail(cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for path in BANK.rglob("*.yaml"):
        target = repo / path.relative_to(BANK)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text())
    contract = repo / "contracts" / "corebanq.yaml"
    contract.write_text(contract.read_text().replace("arrangement_type: standalone\n", ""))
    result = export(cli, repo, "xbrl-csv", tmp_path / "out")
    assert result.exit_code == 1
    assert "REG-03" in result.stdout and "B_02.01.0020" in result.stdout
    assert not list((tmp_path / "out").glob("*.zip")) if (tmp_path / "out").exists() else True
    result = export(cli, repo, "xbrl-csv", tmp_path / "out", "--allow-incomplete")
    assert result.exit_code == 0
    assert "not ready" in result.stderr
    assert "REG-03" in result.stdout  # the problems it was written with are listed
    # a file that cannot be read: written as asked, but what it holds is missing from it
    supplier = repo / "suppliers" / "corebanq.yaml"
    supplier.write_text(supplier.read_text() + "oops: [\n")
    result = export(cli, repo, "csv", tmp_path / "csv", "--allow-incomplete")
    assert result.exit_code == 2
    assert "YML-01" in result.stdout
    assert "1 file(s) could not be read (repo/suppliers/corebanq.yaml)" in result.stderr


def test_the_readiness_rules_fire_on_the_defects_with_template_columns(cli) -> None:
    result = cli("check", "--format", "json", "--no-cache", cwd=EXAMPLES / "defects")
    found = [f for f in result.json()["findings"] if f["code"].startswith("REG-")]
    assert {f["code"] for f in found} == {f"REG-{n:02d}" for n in range(1, 12)}
    for finding in found:
        assert re.search(r"B_0\d\.0\d(\.0\d{3})?", finding["message"]), finding["message"]
        assert finding["path"].startswith("register/")


def test_the_bank_checks_clean_and_dora_brings_the_register_profile(cli) -> None:
    result = cli("check", "--format", "json", "--no-cache", cwd=BANK)
    assert result.exit_code == 0, result.stdout
    assert result.json()["findings"] == []
    shown = cli("config", cwd=BANK).stdout
    assert "dora-register" in shown
    northwind = cli("check", "--format", "json", "--no-cache", cwd=EXAMPLES / "northwind")
    assert not [f for f in northwind.json()["findings"] if f["code"].startswith("REG-")]


def test_the_reference_date_defaults_to_the_last_31_december() -> None:
    import datetime

    from resilint.register.export import reference_date

    day = datetime.date
    assert reference_date(None, day(2027, 3, 15)) == day(2026, 12, 31)
    assert reference_date(None, day(2026, 12, 31)) == day(2026, 12, 31)
    assert reference_date(day(2025, 3, 31), day(2027, 3, 15)) == day(2025, 3, 31)


def test_several_registers_need_entity(cli, tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Entity\nid: a\nregimes: [dora]\n---\n"
        "apiVersion: resilint/v1\nkind: Entity\nid: b\nregimes: [dora]\n"
    )
    result = cli("register", "export", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "--entity" in result.stderr


def test_the_readable_csvs_import_back_to_the_same_register(cli, tmp_path: Path) -> None:
    assert export(cli, BANK, "csv", tmp_path / "first").exit_code == 0
    assert (
        cli("register", "import", str(tmp_path / "first"), "-o", str(tmp_path / "docs")).exit_code
        == 0
    )
    result = export(
        cli, tmp_path / "docs", "csv", tmp_path / "again", "--reference-date", REFERENCE
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    for path in (tmp_path / "first").glob("*.csv"):
        again = (tmp_path / "again" / path.name).read_text(encoding="utf-8")
        assert sorted(path.read_text(encoding="utf-8").splitlines()) == sorted(again.splitlines())


def test_the_export_is_ready_only_by_its_own_rules_whatever_checks_ignore(
    cli, tmp_path: Path
) -> None:
    """A configuration that ignores a readiness rule (or lowers its level) for daily checks
    does not let the export write the register with the column empty (exit 0, no word)."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo)
    contract = repo / "contracts" / "corebanq.yaml"
    lines = contract.read_text().splitlines(keepends=True)
    contract.write_text("".join(line for line in lines if "governing_law_country" not in line))
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + "ignore: [REG-04]\nrules: {REG-04: {level: info}}\n")
    checked = cli("check", str(repo), "--no-cache").stdout.splitlines()
    # no REG-04 finding; the note below the findings names it among the DORA rules turned off
    assert not [line for line in checked if "REG-04" in line and not line.startswith("note:")]
    assert any(line.startswith("note: DORA rule") and "REG-04" in line for line in checked)
    result = export(cli, repo, "csv", tmp_path / "out")
    assert result.exit_code == 1
    assert "REG-04" in result.stdout and "B_02.02.0120" in result.stdout


@pytest.mark.parametrize("quiet", ["per_file_ignores", "an inline comment", "the baseline"])
def test_the_export_is_not_quieted_by_what_quiets_checks(cli, tmp_path: Path, quiet) -> None:
    """per_file_ignores, an inline comment or the baseline quiet a readiness finding for daily
    checks, as ``ignore`` does; the export wrote the register with the column empty, exit 0,
    not a word. Only a Waiver accepts a gap in the register."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    contract = repo / "contracts" / "corebanq.yaml"
    lines = contract.read_text().splitlines(keepends=True)
    kept = [line for line in lines if "governing_law_country" not in line]
    if quiet == "an inline comment":
        comment = ' # resilint: ignore[REG-04] reason="law still negotiated"\n'
        kept[2] = kept[2].rstrip("\n") + comment
    contract.write_text("".join(kept))
    config = repo / "resilint.yaml"
    if quiet == "per_file_ignores":
        config.write_text(config.read_text() + "per_file_ignores:\n  contracts/*.yaml: [REG]\n")
    if quiet == "the baseline":
        config.write_text(config.read_text() + "baseline: .resilint-baseline.json\n")
        assert cli("baseline", str(repo), cwd=repo).exit_code == 0
    assert cli("check", str(repo), "--no-cache", cwd=repo).exit_code == 0
    result = export(cli, repo, "csv", tmp_path / "out")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "REG-04" in result.stdout and "quieted for checks" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "own",
    [
        "parent: hb-bank\nregimes: [dora]\n",
        "regimes: [nydfs]\n",  # its own regime only, no parent: still the head office's branch
        "regimes: [dora]\n",  # under DORA itself, no parent: not a second register's keeper
    ],
)
def test_a_branch_recorded_as_an_entity_is_filed_as_a_branch(cli, tmp_path: Path, own: str) -> None:
    """A branch recorded as an Entity of its own (for its own regimes and clocks) is no legal
    person: the register files it in B_01.03 under its head office, never in B_01.02, and a
    contract it uses is filed in B_04.01 under the head office's LEI, as a branch, with the
    branch's code; REG-01 asks it nothing of a legal person (total assets, register entry)."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo)
    vienna = (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: hb-vienna\n"
        "name: Havel Bank AG Zweigniederlassung Wien\nlei: 529900HAVELVIENNA044\ncountry: AT\n"
        f"{own}branch_of: {{entity: hb-bank, code: HB-AT-WIE}}\n"
    )
    with (repo / "entities.yaml").open("a", encoding="utf-8") as entities:
        entities.write(vienna)
    contract = repo / "contracts" / "corebanq.yaml"
    text = contract.read_text(encoding="utf-8")
    contract.write_text(text.replace("entities: [hb-bank]", "entities: [hb-bank, hb-vienna]"))
    checked = cli("check", str(repo), "--no-cache", "--format", "json", "--select", "REG")
    assert [f for f in checked.json()["findings"] if f["id"] == "hb-vienna"] == []
    out = tmp_path / "out"
    assert export(cli, repo, "xbrl-csv", out).exit_code == 0
    (zip_path,) = out.glob("*.zip")  # one register: the branch keeps none of its own
    with zipfile.ZipFile(zip_path) as archive:
        found = tables({name: archive.read(name) for name in archive.namelist()})
    assert "529900HAVELVIENNA044" not in {r["c0010"] for r in found["B_01.02"]}
    assert ("HB-AT-WIE", "529900HAVELBANK0AG93") in {
        (r["c0010"], r["c0020"]) for r in found["B_01.03"]
    }
    used = {(r["c0020"], r["c0030"], r["c0040"]) for r in found["B_04.01"]}
    assert ("529900HAVELBANK0AG93", "eba_ZZ:x838", "HB-AT-WIE") in used
    every = {v for rows in found.values() for row in rows for v in row.values()}
    assert "529900HAVELVIENNA044" not in every  # the branch's own LEI is filed nowhere


def test_an_ended_contract_records_the_functions_it_served(cli, tmp_path: Path) -> None:
    """A contract that ended in the register's year is still filed, with the functions it
    served (part of B_02.02's key); once no function's depends_on names the supplier we left,
    the contract says which under functions_served, and REG-10 says so."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo)
    assert "beratwerk" not in (repo / "functions.yaml").read_text(encoding="utf-8")
    contract = repo / "contracts" / "beratwerk.yaml"
    served = "functions_served: [ict-operations]\n"
    text = contract.read_text(encoding="utf-8")
    assert served in text
    contract.write_text(text.replace(served, ""), encoding="utf-8")
    asked = cli("check", str(repo), "--no-cache", "--format", "json", "--select", "REG-10")
    [finding] = [f for f in asked.json()["findings"] if f["id"] == "ctr-beratwerk-2025"]
    assert "functions_served" in finding["message"]
    contract.write_text(text, encoding="utf-8")
    checked = cli("check", str(repo), "--no-cache", "--format", "json", "--select", "REG")
    assert [f for f in checked.json()["findings"] if f["id"] == "ctr-beratwerk-2025"] == []
    out = tmp_path / "out"
    assert export(cli, repo, "xbrl-csv", out).exit_code == 0
    (zip_path,) = out.glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        found = tables({name: archive.read(name) for name in archive.namelist()})
    filed = {(r["c0010"], r["c0050"]) for r in found["B_02.02"]}
    assert ("HB-2025-053", "ict-operations") in filed


@pytest.mark.parametrize("lei", ['"../../escaped"', '""', "null"])
def test_a_package_is_named_by_a_valid_lei_only(cli, tmp_path: Path, lei: str) -> None:
    """The report package and its root folder are named after the keeping entity's LEI: an
    incomplete register (--allow-incomplete) whose LEI is a path, or empty, must not write the
    file elsewhere, hide it, or put its members outside their folder."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo)
    entities = repo / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("lei: 529900HAVELBANK0AG93", f"lei: {lei}", 1))
    out = tmp_path / "deep" / "out"
    result = export(cli, repo, "xbrl-csv", out, "--allow-incomplete")
    assert "NO-VALID-LEI" in result.stderr + result.stdout  # it says where it wrote
    (written,) = list(tmp_path.rglob("*.zip"))
    assert written.parent == out and written.name.startswith("NO-VALID-LEI.CON_DE_DORA010100")
    with zipfile.ZipFile(written) as archive:
        assert all(name.startswith(written.stem + "/") for name in archive.namelist())
