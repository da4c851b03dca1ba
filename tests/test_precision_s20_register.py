"""The DORA register as an e-money institution's and an insurer's programmes need it, through the
CLI on real YAML, reading the files back as their users open them (found by auditing a
Lithuanian e-money institution's and a Belgian insurer's programmes).

B_07.01 assesses the services of a contract that support a critical or important function: a
productivity suite's e-mail, which supports none and has no exit plan, is no longer merged into
the row of its sign-in service (the same ICT service type), which has a tested exit plan.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

from conftest import EXAMPLES
from test_register_readiness import package_tables, workbook_rows

REFERENCE = "2026-12-31"
YES, NO = "eba_BT:x28", "eba_BT:x29"


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bank(tmp_path: Path) -> Path:
    repo = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    return repo


def bank_with_payments_register(tmp_path: Path) -> Path:
    """The bundled bank, its payment institution naming the competent authority its own
    register (``--entity``) is filed with."""
    repo = bank(tmp_path)
    edit(
        repo,
        "entities.yaml",
        "parent: hb-bank\nentity_type: payment_institution\n",
        "parent: hb-bank\nentity_type: payment_institution\ncompetent_authority: BaFin\n",
    )
    return repo


def export(cli, repo: Path, fmt: str, out: Path) -> None:
    args = ("--format", fmt, "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr


# -- B_07.01: the services that support a critical or important function ----------------------
MAILBOX = """  - name: statement-mailbox
    description: Sends account statements by e-mail; the core banking runs without it.
    ict_service_type: S19
    provision_countries: [DE]
    supports_critical_function: false
    stores_data: true
    stored_data_sensitiveness: medium
    data_storage_countries: [DE]
    data_processing_countries: [DE]
    substitutability: easily_substitutable
    reintegration: easy
    discontinuation_impact: low
    alternatives_identified: 'yes'
"""


def add_mailbox(repo: Path, service: str) -> None:
    """The statement mailbox (``service``, as the supplier lists it) added beside core banking,
    and to the services the contract covers."""
    edit(
        repo,
        "suppliers/corebanq.yaml",
        "services:\n  - name: core-banking",
        "services:\n" + service + "  - name: core-banking",
    )
    edit(
        repo,
        "contracts/corebanq.yaml",
        "services: [core-banking]",
        "services: [core-banking, statement-mailbox]",
    )


def test_a_service_supporting_no_critical_function_is_not_assessed_with_its_neighbour(
    cli, tmp_path
) -> None:
    """The core banking contract also covers a statement mailbox of the same ICT service type
    (S19) that supports no critical function and has no exit plan. B_07.01 (key: contract,
    provider, service type) assesses the core banking alone: an exit plan (it has one, tested),
    not substitutable. Before, the mailbox was merged into the row and its missing exit plan
    made the row say No."""
    repo = bank(tmp_path)
    add_mailbox(repo, MAILBOX)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert found == []
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    (row,) = [
        r for r in package_tables(tmp_path / "package")["B_07.01"] if r["c0010"] == "HB-2022-004"
    ]
    assert (row["c0040"], row["c0050"], row["c0080"]) == ("eba_TA:S19", "eba_ZZ:x959", YES)
    workbook = tmp_path / "register.xlsx"
    export(cli, repo, "xlsx", workbook)
    (row,) = [r for r in workbook_rows(workbook, "B_07.01") if r["c0010"] == "HB-2022-004"]
    assert row["c0080"] == YES
    # the mailbox is still in the arrangement's specific rows (B_02.02), as a service it covers
    specific = package_tables(tmp_path / "package")["B_02.02"]
    assert any(r["c0010"] == "HB-2022-004" for r in specific)


def test_a_critical_service_without_exit_plan_still_says_no(cli, tmp_path) -> None:
    """Among the services that support a critical or important function, an exit plan is Yes
    only when each has one: the mailbox recorded as supporting one (and assessed, with no exit
    plan) makes the row No, and SUP-07 asks for its plan."""
    repo = bank(tmp_path)
    critical = MAILBOX.replace(
        "supports_critical_function: false", "supports_critical_function: true"
    )
    add_mailbox(repo, critical)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert "SUP-07" in {f["code"] for f in found}
    out = tmp_path / "csv"
    result = cli(
        "register",
        "export",
        str(repo),
        "--format",
        "csv",
        "-o",
        str(out),
        "--reference-date",
        REFERENCE,
        "--allow-incomplete",
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    with (out / "b_07.01.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    (row,) = [r for r in rows if r[0] == "HB-2022-004"]
    assert row[7] == "no"


def test_reg06_asks_only_what_b_07_01_assesses(cli, tmp_path) -> None:
    """A service the contract covers that no record says supports a critical or important
    function, beside one recorded so (and named by the bank's critical functions), is not
    assessed in B_07.01, so REG-06 does not ask its reintegration, impact or alternatives; it
    did, for a column the export never files."""
    repo = bank(tmp_path)
    unsaid = "".join(
        row + "\n"
        for row in MAILBOX.splitlines()
        if not row.strip().startswith(
            ("supports_critical", "reintegration", "discontinuation", "alternatives")
        )
    )
    add_mailbox(repo, unsaid)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert [f for f in found if f["code"] in ("REG-06", "REG-12")] == []
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    rows = package_tables(tmp_path / "package")["B_07.01"]
    assert [r["c0080"] for r in rows if r["c0010"] == "HB-2022-004"] == [YES]


# -- a subcontractor we also track as a supplier -----------------------------------------------
HOSTING = """  - id: hub-hosting
    name: Stratocloud Europe SE
    supplier: stratocloud
    rank: 2
    service_type: hosting of the payment hub
    services: [payment-hub]
    country: IE
    supports_critical_function: true
"""
STRATOCLOUD = "635400STRATOCLOUDE91"


def with_hosting(tmp_path: Path, entry: str = HOSTING) -> Path:
    """The bank, with the payment hub's provider (Transferia, arrangement HB-2024-031) hosted by
    Stratocloud, which the bank also contracts with and tracks as a supplier: the entry names
    its Supplier document and records no identifier of its own."""
    repo = bank(tmp_path)
    edit(
        repo,
        "suppliers/transferia.yaml",
        "services:\n  - name: payment-hub",
        entry + "services:\n  - name: payment-hub",
    )
    return repo


def test_a_subcontractor_naming_its_supplier_document_is_filed_under_its_identity(
    cli, tmp_path
) -> None:
    """REG-07 and the export take the identifier, name and country of a subcontractor that
    names its Supplier document (subcontractors[].supplier) from that document: no REG-07, and
    the supply chain of HB-2024-031 (B_05.02) names Stratocloud by its LEI, which keys to its one
    row in B_05.01 (before, REG-07 asked the entry for an identifier and the export wrote a
    B_05.01 row with an empty key beside Stratocloud's own)."""
    repo = with_hosting(tmp_path)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert [f for f in found if f["code"].startswith("REG")] == []
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    tables = package_tables(tmp_path / "package")
    chain = [r for r in tables["B_05.02"] if r["c0010"] == "HB-2024-031"]
    assert {(r["c0030"], r["c0050"]) for r in chain} >= {(STRATOCLOUD, "2")}
    providers = [r["c0010"] for r in tables["B_05.01"]]
    assert "" not in providers and providers.count(STRATOCLOUD) == 1
    (row,) = [r for r in tables["B_05.01"] if r["c0010"] == STRATOCLOUD]
    assert (row["c0050"], row["c0080"]) == ("Stratocloud Europe SE", "eba_GA:IE")


def test_an_entry_that_contradicts_its_supplier_document_is_reported(cli, tmp_path) -> None:
    """Where the entry and the Supplier it names both record an identifier or a country and
    they differ, one record is wrong: REG-07 says so at the entry's field, and the register
    files the Supplier's."""
    entry = HOSTING.replace(
        "    country: IE\n",
        "    provider_id: 529900T8BM49AURSDO55\n    provider_id_type: LEI\n    country: DE\n",
    )
    repo = with_hosting(tmp_path, entry)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    text = (repo / "suppliers" / "transferia.yaml").read_text(encoding="utf-8").splitlines()
    reg07 = {(text[f["line"] - 1].strip(), f["message"]) for f in found if f["code"] == "REG-07"}
    assert {line for line, _ in reg07} == {
        "provider_id: 529900T8BM49AURSDO55",
        "country: DE",
    }, reg07
    assert all("(stratocloud)" in message for _, message in reg07)
    out = tmp_path / "package"
    args = ("--format", "xbrl-csv", "-o", str(out), "--reference-date", REFERENCE)
    assert cli("register", "export", str(repo), *args, "--allow-incomplete").exit_code == 0
    chain = [r for r in package_tables(out)["B_05.02"] if r["c0010"] == "HB-2024-031"]
    assert "529900T8BM49AURSDO55" not in {r["c0030"] for r in chain}


def test_the_entry_needs_no_copy_of_what_its_supplier_document_records(cli, tmp_path) -> None:
    """An entry naming its Supplier document records its rank and the services it serves; its
    name and country are the Supplier's, for REG-07 and for SUP-09's map of the chain alike."""
    entry = "".join(
        row + "\n"
        for row in HOSTING.splitlines()
        if not row.strip().startswith(("name:", "country:"))
    )
    repo = with_hosting(tmp_path, entry)
    found = cli("check", str(repo), "--format", "json", "--no-cache").json()["findings"]
    assert [f for f in found if f["code"] in ("REG-07", "SUP-09", "REG-12")] == []


# -- a register at entity level, of any entity under DORA --------------------------------------
PAYMENTS_LEI = "529900HAVELPAYMENT89"


def test_an_entity_below_the_groups_keeper_exports_its_own_register(cli, tmp_path) -> None:
    """DORA Art. 28(3) asks each financial entity's register at entity level as well as the
    group's: --entity hb-payments (a payment institution under the bank) was refused as "not an
    entity that keeps a DORA register". It is the individual register (IND) of what Havel
    Payments uses: the arrangements it signs or uses, and the group's cloud arrangement its
    intra-group IT arrangement rests on (B_02.03), not the bank's own."""
    repo = bank_with_payments_register(tmp_path)
    out = tmp_path / "package"
    args = ("--entity", "hb-payments", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    (package,) = out.glob("*.zip")
    assert package.name.startswith(f"{PAYMENTS_LEI}.IND_DE_DORA010100_DORA_{REFERENCE}_")
    with zipfile.ZipFile(package) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("/reports/parameters.csv")]
        parameters = dict(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
    assert parameters["entityID"] == f"rs:{PAYMENTS_LEI}.IND"
    tables = package_tables(out)
    assert [r["c0010"] for r in tables["B_01.01"]] == [PAYMENTS_LEI]
    assert [r["c0010"] for r in tables["B_01.02"]] == [PAYMENTS_LEI]
    held = {r["c0010"] for r in tables["B_02.01"]}
    assert {"HB-IG-2023-001", "HB-2024-017", "HB-2024-031"} <= held  # IT, its cloud, payments
    assert "HB-2022-004" not in held  # the bank's core banking
    assert {r["c0020"] for r in tables["B_04.01"]} == {PAYMENTS_LEI}
    # the group's register is the bank's, as before
    group = tmp_path / "group"
    result = cli("register", "export", str(repo), "-o", str(group), "--reference-date", REFERENCE)
    assert result.exit_code == 0, result.stdout + result.stderr
    (package,) = group.glob("*.zip")
    assert ".CON_DE_" in package.name
    assert len(package_tables(group)["B_01.02"]) == 4
    # a gap in the bank's own core banking contract keeps the group's register from filing,
    # not Havel Payments' own, which does not hold that contract
    edit(repo, "contracts/corebanq.yaml", "annual_cost: {amount: 3900000, currency: EUR}\n", "")
    again = cli("register", "export", str(repo), *args[:2], "-o", str(tmp_path / "again"))
    assert again.exit_code == 0, again.stdout + again.stderr
    refused = cli("register", "export", str(repo), "-o", str(tmp_path / "refused"))
    assert refused.exit_code == 1 and "REG-03" in refused.stdout


def test_the_groups_keeper_exports_its_register_at_entity_level_on_request(cli, tmp_path) -> None:
    """--entity-level: the bank's own register, of what it alone uses, filed as individual."""
    repo = bank(tmp_path)
    out = tmp_path / "csv"
    args = ("--entity-level", "--format", "csv", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    with (out / "b_01.02.csv").open(encoding="utf-8", newline="") as handle:
        entities = list(csv.reader(handle))[1:]
    assert [r[0] for r in entities] == ["529900HAVELBANK0AG93"]
    with (out / "b_02.01.csv").open(encoding="utf-8", newline="") as handle:
        held = {r[0] for r in list(csv.reader(handle))[1:]}
    assert "HB-2022-004" in held and "HB-2025-052" not in held  # not the leasing company's


def test_an_entity_that_keeps_no_register_is_told_which_do(cli, tmp_path) -> None:
    """The group's IT company is not under DORA: it keeps no register, and the message names
    the entities whose register can be exported."""
    result = cli("register", "export", str(bank(tmp_path)), "--entity", "hb-it")
    assert result.exit_code == 2
    assert "entity hb-it is not under DORA (regimes: [dora]), so it keeps no register" in (
        result.stderr
    )
    assert "the entities under DORA here: hb-bank, hb-payments, hb-leasing" in result.stderr
