"""The DORA register's templates agree with one another, cell by cell, as the user files them
(the package's CSVs opened with zipfile and csv, the workbook with openpyxl), on a copy of
examples/havelbank:

- B_05.02 (the supply chain) holds the ICT services that support a critical or important
  function, the same ones B_07.01 assesses: not the service desk the intra-group arrangement
  also covers (recorded as supporting none), which had a rank-1 row of its own.
- B_05.02 and B_07.01 name only (arrangement, service type) pairs of B_02.02: an arrangement
  held only as the target of a key, or a critical service an entity does not use, is not
  traced or assessed in that entity's register.
- An arrangement its head office signs for a branch that alone uses it (``using_entities: []``
  beside ``using_branches``) is filed as the branch's use (B_04.01, x838), with no row saying
  the head office uses it (x839); its B_02.02 rows stay, under the head office's LEI.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES
from test_register_readiness import package_tables, workbook_rows

REFERENCE = "2026-12-31"
INTRA_GROUP = "HB-IG-2023-001"  # the group's IT company: a private cloud (S14) and a desk (S03)


def bank(tmp_path: Path) -> Path:
    repo = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    return repo


def export(cli, repo: Path, fmt: str, out: Path, *extra: str) -> None:
    args = ("--format", fmt, "-o", str(out), "--reference-date", REFERENCE, *extra)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr


def chains(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The (arrangement, ICT service type) pairs of B_05.02."""
    return {(r["c0010"], r["c0020"]) for r in rows}


def assessed(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The (arrangement, ICT service type) pairs of B_07.01."""
    return {(r["c0010"], r["c0040"]) for r in rows}


# -- B_05.02: the supply chains of the services supporting a critical or important function --
def test_the_supply_chain_holds_the_services_that_support_a_critical_function(
    cli, tmp_path
) -> None:
    repo = bank(tmp_path)
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    tables = package_tables(tmp_path / "package")
    ranks = {
        (r["c0020"], r["c0030"], r["c0050"]) for r in tables["B_05.02"] if r["c0010"] == INTRA_GROUP
    }
    # the private cloud, with the cloud provider under it; no row for the service desk (S03)
    assert ranks == {
        ("eba_TA:S14", "529900HAVELITSERVI62", "1"),
        ("eba_TA:S14", "635400STRATOCLOUDE91", "2"),
    }
    assert chains(tables["B_05.02"]) == assessed(tables["B_07.01"])
    # the desk is still one of the arrangement's services (B_02.02)
    assert ("eba_TA:S03", INTRA_GROUP) in {(r["c0060"], r["c0010"]) for r in tables["B_02.02"]}
    workbook = tmp_path / "register.xlsx"
    export(cli, repo, "xlsx", workbook)
    rows = workbook_rows(workbook, "B_05.02")
    assert chains(rows) == assessed(workbook_rows(workbook, "B_07.01"))
    assert (INTRA_GROUP, "eba_TA:S03") not in chains(rows)


# -- an arrangement held only as the target of a key -------------------------------------------
CLOUD = "HB-2024-017"  # the bank's cloud arrangement, which the intra-group one rests on


def with_authorities(repo: Path) -> Path:
    """The payment institution and the leasing company name the authority their own registers
    (``--entity``) are filed with."""
    path = repo / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    for kind in ("payment_institution", "other_financial_entity"):
        old = f"entity_type: {kind}\n"
        assert old in text
        text = text.replace(old, f"{old}competent_authority: BaFin\n", 1)
    path.write_text(text, encoding="utf-8")
    return repo


def test_an_arrangement_held_for_a_key_has_no_supply_chain_or_assessment_of_its_own(
    cli, tmp_path
) -> None:
    """The payment institution's register at entity level holds the bank's cloud arrangement
    only because its intra-group arrangement rests on it (B_02.03.0020, key R12): in B_02.01
    with its provider (B_03.02, B_05.01), never as a use of the institution's (no B_02.02,
    B_03.01 or B_04.01 row: the bank that signs and uses it is not in this register's
    B_01.02, keys R2 and R4). Its supply chain and assessment were filed all the same
    (B_05.02, B_07.01), for services the institution makes no use of."""
    repo = with_authorities(bank(tmp_path))
    export(cli, repo, "xbrl-csv", tmp_path / "payments", "--entity", "hb-payments")
    tables = package_tables(tmp_path / "payments")
    assert CLOUD in {r["c0020"] for r in tables["B_02.03"]}
    assert CLOUD in {r["c0010"] for r in tables["B_02.01"]}
    assert CLOUD in {r["c0010"] for r in tables["B_03.02"]}
    for template in ("B_02.02", "B_03.01", "B_04.01", "B_05.02", "B_07.01"):
        assert CLOUD not in {r["c0010"] for r in tables[template]}, template
    specific = {(r["c0010"], r["c0060"]) for r in tables["B_02.02"]}
    assert chains(tables["B_05.02"]) <= specific
    assert assessed(tables["B_07.01"]) <= specific
    assert (INTRA_GROUP, "eba_TA:S14") in assessed(tables["B_07.01"])  # its own use: assessed


def test_a_critical_service_an_entity_makes_no_use_of_is_not_in_its_register(cli, tmp_path) -> None:
    """The leasing company uses the group's IT company for its ICT operations (the service
    desk, S03) alone, no critical or important function of its own resting on it: its
    register at entity level has the arrangement's B_02.02 row for the desk, and no supply
    chain or assessment of the private cloud (S14), which only the bank and the payment
    institution use."""
    repo = with_authorities(bank(tmp_path))
    book = tmp_path / "leasing.xlsx"
    export(cli, repo, "xlsx", book, "--entity", "hb-leasing")
    specific = {(r["c0010"], r["c0060"]) for r in workbook_rows(book, "B_02.02")}
    assert (INTRA_GROUP, "eba_TA:S03") in specific
    assert (INTRA_GROUP, "eba_TA:S14") not in specific
    assert chains(workbook_rows(book, "B_05.02")) <= specific
    assert assessed(workbook_rows(book, "B_07.01")) <= specific
    assert INTRA_GROUP not in {r["c0010"] for r in workbook_rows(book, "B_07.01")}


# -- an arrangement a branch alone uses ---------------------------------------------------------
CORE = "HB-2022-004"  # core banking, signed by the bank, used by its Vienna branch
BANK_LEI, VIENNA = "529900HAVELBANK0AG93", "HB-AT-VIE"


def branch_alone(repo: Path, how: str) -> Path:
    """The core banking arrangement used by the Vienna branch alone: ``how`` is what the
    contract records of our entities besides ``using_branches``."""
    path = repo / "contracts" / "corebanq.yaml"
    text = path.read_text(encoding="utf-8")
    old = "entities: [hb-bank]\n"
    assert old in text
    path.write_text(text.replace(old, how, 1), encoding="utf-8")
    return repo


def uses(rows: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    return {(r["c0020"], r["c0030"], r["c0040"]) for r in rows if r["c0010"] == CORE}


def test_an_arrangement_a_branch_alone_uses_is_filed_for_the_branch(cli, tmp_path) -> None:
    branch = {(BANK_LEI, "eba_ZZ:x838", VIENNA)}
    for n, how in enumerate(
        (
            "entities: [hb-bank]\nusing_entities: []\n",  # party to it, not a user
            "signing_entities: [hb-bank]\n",  # it signed, names no user
        )
    ):
        repo = branch_alone(bank(tmp_path / str(n)), how)
        assert cli("check", str(repo), "--no-cache").exit_code == 0, how
        export(cli, repo, "xbrl-csv", tmp_path / f"package{n}")
        tables = package_tables(tmp_path / f"package{n}")
        assert uses(tables["B_04.01"]) == branch, how  # no head-office row (x839)
        specific = [r for r in tables["B_02.02"] if r["c0010"] == CORE]
        assert specific and {r["c0020"] for r in specific} == {BANK_LEI}, how
        assert {(r["c0010"], r["c0020"]) for r in tables["B_03.01"]} >= {(CORE, BANK_LEI)}
    # as the bundled bank records it (entities: [hb-bank], no using_entities), the head office
    # uses it too
    export(cli, bank(tmp_path / "as-is"), "xbrl-csv", tmp_path / "as-is-package")
    both = uses(package_tables(tmp_path / "as-is-package")["B_04.01"])
    assert both == branch | {(BANK_LEI, "eba_ZZ:x839", "Not Applicable")}


def test_a_branch_alone_survives_an_import(cli, tmp_path) -> None:
    """A register imported from a workbook in which the branch alone uses the arrangement
    exports the same B_04.01 again: the import records it as using_entities: []."""
    repo = branch_alone(bank(tmp_path), "entities: [hb-bank]\nusing_entities: []\n")
    book = tmp_path / "register.xlsx"
    export(cli, repo, "xlsx", book)
    assert uses(workbook_rows(book, "B_04.01")) == {(BANK_LEI, "eba_ZZ:x838", VIENNA)}
    imported = tmp_path / "imported"
    assert cli("register", "import", str(book), "-o", str(imported)).exit_code == 0
    again = tmp_path / "again.xlsx"
    result = cli(
        "register", "export", str(imported), "--format", "xlsx", "-o", str(again),
        "--reference-date", REFERENCE, "--allow-incomplete",
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.stderr
    assert uses(workbook_rows(again, "B_04.01")) == {(BANK_LEI, "eba_ZZ:x838", VIENNA)}


# -- B_01.02 of the group's ICT company -----------------------------------------------------------
IT_LEI = "529900HAVELITSERVI62"


def test_the_groups_ict_company_is_x317_with_its_place_in_the_group_and_no_assets(
    cli, tmp_path
) -> None:
    """Havel IT Services GmbH, the group's non-financial ICT subsidiary, in B_01.02: type of
    entity x317 (never "not applicable": the list has no such member), hierarchy x56 (existence
    rule e23676_e wants 0020 to 0090 filled), its parent's LEI. Total assets are a financial
    entity's (v8804_m): recorded for it, in another currency than the register's, they were
    filed, and REG-12 asked for them in euros."""
    repo = bank(tmp_path)
    path = repo / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    old = "entity_type: non_financial_ict_intra_group\n"
    assert old in text
    assets = "total_assets: {amount: 45000000, currency: USD}\n"
    path.write_text(text.replace(old, old + assets), encoding="utf-8")
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert found == []
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    (row,) = [r for r in package_tables(tmp_path / "package")["B_01.02"] if r["c0010"] == IT_LEI]
    assert (row["c0040"], row["c0050"], row["c0060"]) == ("eba_CT:x317", "eba_RP:x56", BANK_LEI)
    assert all(row[c] for c in ("c0020", "c0030", "c0070", "c0080", "c0090"))
    assert (row["c0100"], row["c0110"]) == ("", "")


# -- headers: the column codes, as the ESAs' reporting format names columns --------------------
def test_every_csv_is_headed_by_the_templates_column_codes(cli, tmp_path) -> None:
    """The package's table files and the readable CSVs alike: ``c`` and the four-digit column
    code, in the taxonomy's order (B_03.03's link column is c0031). The readable CSVs were
    headed by the column names ("Currency of the amount reported in RT.02.01.0050"), which no
    template or tool matches; their values stay in resilint's words, and they still import."""
    import csv
    import io
    import zipfile

    expected = {
        "b_01.01.csv": "c0010 c0020 c0030 c0040 c0050 c0060",
        "b_02.01.csv": "c0010 c0020 c0030 c0040 c0050",
        "b_03.03.csv": "c0010 c0020 c0031",
        "b_04.01.csv": "c0010 c0020 c0030 c0040",
        "b_05.02.csv": "c0010 c0020 c0030 c0040 c0050 c0060 c0070",
        "b_06.01.csv": " ".join(f"c{n:04d}" for n in range(10, 110, 10)),
        "b_99.01.csv": " ".join(f"c{n:04d}" for n in range(10, 200, 10)),
    }
    repo = bank(tmp_path)
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    (zip_path,) = (tmp_path / "package").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        packaged = {
            name.rsplit("/", 1)[1]: next(csv.reader(io.StringIO(archive.read(name).decode())))
            for name in archive.namelist()
            if "/reports/b_" in name
        }
    export(cli, repo, "csv", tmp_path / "readable")
    readable = {
        path.name: next(csv.reader(path.open(encoding="utf-8", newline="")))
        for path in (tmp_path / "readable").glob("b_*.csv")
    }
    assert len(packaged) == len(readable) == 15
    assert readable == packaged
    for name, header in expected.items():
        assert readable[name] == header.split(), name
    with (tmp_path / "readable" / "b_02.01.csv").open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["c0010"] == "HB-2022-004")
    assert (row["c0020"], row["c0040"]) == ("standalone", "EUR")  # resilint's words
    imported = tmp_path / "imported"
    assert cli("register", "import", str(tmp_path / "readable"), "-o", str(imported)).exit_code == 0
    assert "arrangement_reference: HB-2022-004" in "".join(
        p.read_text(encoding="utf-8") for p in imported.rglob("*.yaml")
    )


# -- who signs and who uses, in a register at entity level ----------------------------------------
PAYMENTS_LEI = "529900HAVELPAYMENT89"
TRANSFERIA = "HB-2024-031"  # instant payments, for the bank and the payment institution


def test_an_entity_level_register_files_only_its_own_signatures_and_uses(cli, tmp_path) -> None:
    """The intra-group arrangement names the three financial entities as its parties and the
    bank alone as its signer (``signing_entities: [hb-bank]``): the payment institution's own
    register said that the institution signed it (B_03.01), taken from ``entities`` because
    its signer is not in that register. An arrangement the bank signs for the institution
    alone (``using_entities: [hb-payments]``; both are its parties and so its signers) was
    likewise filed in the bank's own register as a use of the bank's (B_04.01, B_02.02)."""
    repo = with_authorities(bank(tmp_path))
    path = repo / "contracts" / "transferia.yaml"
    text = path.read_text(encoding="utf-8")
    old = "entities: [hb-bank, hb-payments]\n"
    assert old in text
    path.write_text(text.replace(old, old + "using_entities: [hb-payments]\n"), encoding="utf-8")
    assert cli("check", str(repo), "--no-cache").exit_code == 0
    export(cli, repo, "xbrl-csv", tmp_path / "payments", "--entity", "hb-payments")
    payments = package_tables(tmp_path / "payments")
    signed = {(r["c0010"], r["c0020"]) for r in payments["B_03.01"]}
    assert (INTRA_GROUP, PAYMENTS_LEI) not in signed
    assert (INTRA_GROUP, PAYMENTS_LEI) in {(r["c0010"], r["c0020"]) for r in payments["B_04.01"]}
    assert (TRANSFERIA, PAYMENTS_LEI) in {(r["c0010"], r["c0020"]) for r in payments["B_04.01"]}
    export(cli, repo, "xbrl-csv", tmp_path / "own", "--entity-level")
    own = package_tables(tmp_path / "own")
    assert (TRANSFERIA, BANK_LEI) in {(r["c0010"], r["c0020"]) for r in own["B_03.01"]}
    for template in ("B_02.02", "B_04.01", "B_05.02", "B_07.01"):
        assert TRANSFERIA not in {r["c0010"] for r in own[template]}, template
    # the group's register: the bank alone signs the intra-group arrangement, and the payment
    # institution alone uses the instant payments
    export(cli, repo, "xbrl-csv", tmp_path / "group")
    group = package_tables(tmp_path / "group")
    signed = {(r["c0010"], r["c0020"]) for r in group["B_03.01"]}
    assert {(INTRA_GROUP, BANK_LEI), (TRANSFERIA, BANK_LEI)} <= signed
    assert {r["c0020"] for r in group["B_03.01"] if r["c0010"] == INTRA_GROUP} == {BANK_LEI}
    assert {r["c0020"] for r in group["B_04.01"] if r["c0010"] == TRANSFERIA} == {PAYMENTS_LEI}
