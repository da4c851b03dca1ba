"""The levels of the DORA register of information (Implementing Regulation (EU) 2024/2956
Art. 3(1): entity, sub-consolidated and consolidated; Art. 6(2): a sub-group's register includes
its financial entities and ICT intra-group service providers), exported through the CLI on a
copy of the bundled bank group and read back as a supervisor's tool opens them (the report
package with zipfile and csv, the workbook with openpyxl)."""

from __future__ import annotations

from pathlib import Path

from test_precision_s20_register import REFERENCE, bank_with_payments_register, edit
from test_register_readiness import package_tables

BANK = "529900HAVELBANK0AG93"
PAYMENTS = "529900HAVELPAYMENT89"
LEASING = "222100HAVELLEASING50"
HB_IT = "529900HAVELITSERVI62"


def sub_group(tmp_path: Path) -> Path:
    """The bank group with its leasing company held by the payment institution, not by the
    bank: Havel Payments is the parent of a sub-group of two financial entities."""
    repo = bank_with_payments_register(tmp_path)
    edit(
        repo,
        "entities.yaml",
        "country: LU\nparent: hb-bank\n",
        "country: LU\nparent: hb-payments\n",
    )
    return repo


def test_a_sub_groups_parent_exports_its_sub_consolidated_register(cli, tmp_path) -> None:
    """`--entity hb-payments` gave the payment institution's register at entity level only;
    the register of its sub-group (itself and the leasing company below it) could not be
    exported. `--sub-consolidated` writes it: filed as consolidated, the payment institution
    keeping it (B_01.01) and both entities in B_01.02, the leasing company under its parent,
    neither the bank above nor the group's IT company beside it."""
    repo = sub_group(tmp_path)
    out = tmp_path / "sub"
    args = ("--entity", "hb-payments", "--sub-consolidated", "-o", str(out))
    result = cli("register", "export", str(repo), *args, "--reference-date", REFERENCE)
    assert result.exit_code == 0, result.stdout + result.stderr
    (package,) = out.glob("*.zip")
    assert package.name.startswith(f"{PAYMENTS}.CON_DE_DORA010100_DORA_{REFERENCE}_")
    tables = package_tables(out)
    assert [r["c0010"] for r in tables["B_01.01"]] == [PAYMENTS]
    entities = {r["c0010"]: r for r in tables["B_01.02"]}
    assert set(entities) == {PAYMENTS, LEASING}
    assert entities[LEASING]["c0060"] == PAYMENTS
    assert entities[PAYMENTS]["c0060"] == PAYMENTS  # its parent is not in this register
    users = {r["c0020"] for r in tables["B_02.02"]}
    assert users <= {PAYMENTS, LEASING} and LEASING in users
    assert not {BANK, HB_IT} & {r["c0040"] for r in tables["B_06.01"]}


def test_the_sub_consolidated_workbook_lists_the_sub_group(cli, tmp_path) -> None:
    from openpyxl import load_workbook

    repo = sub_group(tmp_path)
    book_path = tmp_path / "sub.xlsx"
    args = ("--entity", "hb-payments", "--sub-consolidated", "--format", "xlsx")
    result = cli(
        "register", "export", str(repo), *args, "-o", str(book_path), "--reference-date", REFERENCE
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    book = load_workbook(book_path, read_only=True)
    leis = [row[0] for row in book["B_01.02"].iter_rows(min_row=3, values_only=True)]
    assert sorted(leis) == sorted([PAYMENTS, LEASING])


def test_the_entity_level_register_of_a_sub_groups_parent_stays_its_own(cli, tmp_path) -> None:
    """Without --sub-consolidated, --entity hb-payments is still its register at entity
    level (IND): the leasing company below it is not in it."""
    repo = sub_group(tmp_path)
    out = tmp_path / "own"
    args = ("--entity", "hb-payments", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert next(out.glob("*.zip")).name.startswith(f"{PAYMENTS}.IND_")
    assert [r["c0010"] for r in package_tables(out)["B_01.02"]] == [PAYMENTS]


def test_sub_consolidated_needs_the_sub_groups_parent(cli, tmp_path) -> None:
    repo = sub_group(tmp_path)
    result = cli("register", "export", str(repo), "--sub-consolidated", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "name the sub-group's parent with --entity" in result.stderr
    both = ("--entity", "hb-payments", "--sub-consolidated", "--entity-level")
    result = cli("register", "export", str(repo), *both, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "choose one" in result.stderr


def test_the_documented_licensed_activities_are_the_lists_members() -> None:
    """Every code docs/register.md gives for B_06.01.0020 (the tables of licensed activities by
    type of entity) is a member of the list REG-09 accepts, and the list has the EBA's 131."""
    import re

    from conftest import REPO

    from resilint.register.codes import LICENSED_ACTIVITIES

    text = (REPO / "docs" / "register.md").read_text(encoding="utf-8")
    section = text.split("## Licensed activities", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(q?x\d+)`", section))
    assert len(LICENSED_ACTIVITIES) == 131
    assert {"x228", "x183", "x184", "x237"} <= named
    assert named <= LICENSED_ACTIVITIES, sorted(named - LICENSED_ACTIVITIES)
