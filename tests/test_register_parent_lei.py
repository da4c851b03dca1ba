"""B_01.02.0060 (the LEI of the entity's direct parent undertaking) as filed, the workbook opened
with openpyxl: a subsidiary whose parent is in the register names the parent's LEI; the group's
ultimate parent, and an entity whose parent is outside the register (a UK parent above a
Lithuanian payment institution that keeps its own register, or the bank above a subsidiary
exporting its register at entity level), name their own LEI. The column is inside existence rule
e23676_e (it must be filled) and is a key to B_01.02.0010 (R6): a parent's LEI that no row of
B_01.02 holds fails the blocking foreign-key check, so every value names an entity the template
lists."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from programmes import copy_programme
from test_register_readiness import workbook_rows

BANK, PAYMENTS, LEASING = "529900HAVELBANK0AG93", "529900HAVELPAYMENT89", "222100HAVELLEASING50"
BALTVERA, BALTVERA_GROUP = "98450077BALTVERA0024", "2138007BALTVERAGRP75"


def entities(cli: Any, repo: Path, out: Path, *extra: str) -> dict[str, dict[str, str]]:
    args = ("--format", "xlsx", "-o", str(out), "--reference-date", "2026-12-31", *extra)
    result = cli("register", "export", str(repo), *args, "--allow-incomplete")
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    rows = workbook_rows(out, "B_01.02")
    by_lei = {row["c0010"]: row for row in rows}
    assert {row["c0060"] for row in rows} <= set(by_lei), "R6: c0060 names a row of B_01.02"
    return by_lei


def test_a_groups_parent_links_and_its_ultimate_parent(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    group = entities(cli, repo, tmp_path / "group.xlsx")
    assert (group[BANK]["c0050"], group[BANK]["c0060"]) == ("eba_RP:x53", BANK)
    assert (group[PAYMENTS]["c0050"], group[PAYMENTS]["c0060"]) == ("eba_RP:x56", BANK)
    assert group[LEASING]["c0060"] == BANK
    # the payment subsidiary's own register: its parent is not in it
    own = entities(cli, repo, tmp_path / "own.xlsx", "--entity", "hb-payments")
    assert set(own) == {PAYMENTS}
    assert own[PAYMENTS]["c0060"] == PAYMENTS


def test_a_parent_outside_the_register_gives_the_entitys_own_lei(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("pi-lt", tmp_path, "pi")
    rows = entities(cli, root, tmp_path / "pi.xlsx")
    # the UK parent runs the platform as an ICT intra-group provider, above the keeper
    assert BALTVERA_GROUP not in rows
    assert (rows[BALTVERA]["c0050"], rows[BALTVERA]["c0060"]) == ("eba_RP:x56", BALTVERA)
