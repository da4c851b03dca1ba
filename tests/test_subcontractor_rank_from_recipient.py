"""A subcontractor entry that names no recipient serves the supplier itself, the provider that
signed (rank 1), so it is rank 2 in the register's supply chain (B_05.02.0050) without writing
it: REG-07 and SUP-09 do not ask for it, and the export files 2. An entry that serves another
subcontractor (recipient) and records no rank is still asked for it, by both rules, since only
the chain can say it. Through the CLI on the e-money institution's programme
(tests/data/programmes/emoney-ie), whose ledger provider lists the cloud it runs on without a
rank."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
CHAIN = """    cloud:
      - {provider: nimbus, region: eu-dublin-1}
      - {provider: nimbus, region: eu-frankfurt-1, role: standby}
services:"""
SECOND = """    cloud:
      - {provider: nimbus, region: eu-dublin-1}
      - {provider: nimbus, region: eu-frankfurt-1, role: standby}
  - id: lw-database-support
    name: Relational Support Services Ltd
    provider_id: 5299000J2N45DDNE4Y28
    provider_id_type: LEI
    recipient: lw-hosting
    service_type: support of the managed database
    services: [emoney-ledger]
    country: IE
    supports_critical_function: true
services:"""


def _programme(tmp_path: Path) -> Path:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    return root


def _chain_findings(cli: Any, root: Path) -> list[tuple[str, int, str]]:
    args = ("check", ".", "--format", "json", "--no-cache", "--select", "REG-07,SUP-09")
    found = cli(*args, cwd=root).json()["findings"]
    return [
        (f["code"], f["line"], f["message"])
        for f in found
        if Path(f["path"]).as_posix() == "suppliers/ledgerworks.yaml"
    ]


def _b0502(cli: Any, root: Path, out: Path) -> list[list[str]]:
    args = ("--format", "csv", "-o", str(out), "--reference-date", "2026-12-31")
    result = cli("register", "export", ".", *args, "--allow-incomplete", cwd=root)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    with (out / "b_05.02.csv").open(encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def test_a_direct_subcontractor_without_a_rank_is_rank_two(cli, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    assert "rank:" not in (root / "suppliers" / "ledgerworks.yaml").read_text(encoding="utf-8")
    assert _chain_findings(cli, root) == []
    chain = [r for r in _b0502(cli, root, tmp_path / "csv") if r[0] == "CM-2024-001"]
    # the provider at rank 1, the cloud it runs on at rank 2, serving the provider
    assert [(r[2], r[4], r[5]) for r in chain] == [
        ("549300LEDGERWORKS090", "1", "549300LEDGERWORKS090"),
        ("549300NIMBUSCLOUD026", "2", "549300LEDGERWORKS090"),
    ]


def test_a_subcontractor_serving_another_is_asked_its_rank(cli, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    ledger = root / "suppliers" / "ledgerworks.yaml"
    text = ledger.read_text(encoding="utf-8")
    assert text.count(CHAIN) == 1
    ledger.write_text(text.replace(CHAIN, SECOND), encoding="utf-8")
    found = _chain_findings(cli, root)
    assert [(code, line) for code, line, _ in found] == [("REG-07", 39), ("SUP-09", 39)]
    assert (
        "subcontractor lw-database-support of supplier ledgerworks serves subcontractor "
        "lw-hosting but has no rank (B_05.02.0050): record it, one more than the rank of the "
        "one it serves"
    ) in found[0][2]
    assert "lw-database-support in the chain of supplier ledgerworks lacks rank" in found[1][2]
    chain = [r for r in _b0502(cli, root, tmp_path / "csv") if r[0] == "CM-2024-001"]
    assert [(r[2], r[4]) for r in chain] == [
        ("549300LEDGERWORKS090", "1"),
        ("549300NIMBUSCLOUD026", "2"),
        ("5299000J2N45DDNE4Y28", ""),  # left for the chain to say
    ]
    # recorded, both rules are content and the export files it
    ranked = SECOND.replace("recipient: lw-hosting\n", "recipient: lw-hosting\n    rank: 3\n")
    ledger.write_text(text.replace(CHAIN, ranked), encoding="utf-8")
    assert _chain_findings(cli, root) == []
    chain = [r for r in _b0502(cli, root, tmp_path / "csv2") if r[0] == "CM-2024-001"]
    assert [r[4] for r in chain] == ["1", "2", "3"]
