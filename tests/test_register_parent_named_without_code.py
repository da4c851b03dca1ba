"""A provider whose ultimate parent is recorded as another company, by name and without an
identifier, is not filed as its own parent: B_05.01.0110 is left empty and the export refuses
the register, listing the SUP-02 finding that asks for the parent's LEI, rather than filing the
provider's own LEI as its parent's (which a provider outside any group reports: ESAs' FAQ 99).
A provider that names itself as its ultimate parent keeps its own code. Through the CLI on the
e-money institution's programme (tests/data/programmes/emoney-ie), whose ledger provider, cloud
provider and identity-verification vendor each name a parent group without its LEI."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
ARGS = ("--format", "csv", "--reference-date", "2026-12-31")
LEDGER_PARENT = "ultimate_parent: {name: Ledgerworks Group Limited, country: GB}"


def _programme(tmp_path: Path) -> Path:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    return root


def _providers(out: Path) -> dict[str, list[str]]:
    with (out / "b_05.01.csv").open(encoding="utf-8") as handle:
        return {row[4]: row for row in list(csv.reader(handle))[1:]}


def test_a_parent_named_without_its_code_is_not_filed_as_the_provider(
    cli: Any, tmp_path: Path
) -> None:
    root = _programme(tmp_path)
    refused = cli("register", "export", ".", *ARGS, "-o", str(tmp_path / "no"), cwd=root)
    assert refused.exit_code == 1
    for supplier in ("idverify", "ledgerworks", "nimbus"):
        assert f"suppliers/{supplier}.yaml:12:1: SUP-02 error the ultimate parent" in refused.stdout
    out = tmp_path / "csv"
    done = cli("register", "export", ".", *ARGS, "-o", str(out), "--allow-incomplete", cwd=root)
    assert done.exit_code == 0, done.stdout + done.stderr
    rows = _providers(out)
    ledger = rows["Ledgerworks Technologies Limited"]
    assert ledger[0] == "549300LEDGERWORKS090"
    assert (ledger[10], ledger[11]) == ("", "")  # not its own LEI: that would misstate its group
    # one recorded as its own parent reports its own code
    karta = rows["Karta Processing UAB"]
    assert (karta[10], karta[11]) == ("724500KARTAPROCES061", "LEI")


def test_the_parent_s_code_once_recorded_is_filed_with_a_row_of_its_own(
    cli: Any, tmp_path: Path
) -> None:
    root = _programme(tmp_path)
    ledger = root / "suppliers" / "ledgerworks.yaml"
    text = ledger.read_text(encoding="utf-8")
    assert text.count(LEDGER_PARENT) == 1
    recorded = (
        "ultimate_parent: {name: Ledgerworks Group Limited, country: GB, "
        "provider_id: 5299000J2N45DDNE4Y28, provider_id_type: LEI}"
    )
    ledger.write_text(text.replace(LEDGER_PARENT, recorded), encoding="utf-8")
    out = tmp_path / "csv"
    done = cli("register", "export", ".", *ARGS, "-o", str(out), "--allow-incomplete", cwd=root)
    assert done.exit_code == 0, done.stdout + done.stderr
    assert "ledgerworks.yaml" not in done.stdout
    rows = _providers(out)
    assert rows["Ledgerworks Technologies Limited"][10:12] == ["5299000J2N45DDNE4Y28", "LEI"]
    assert rows["Ledgerworks Group Limited"][0] == "5299000J2N45DDNE4Y28"
