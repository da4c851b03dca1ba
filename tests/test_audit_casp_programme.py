"""A German crypto-asset service provider authorised under MiCA (Regulation (EU) 2023/1114), under
DORA by its Art. 2(1)(f), written as its risk and procurement teams would keep it
(tests/data/programmes/casp-de): an MPC wallet-infrastructure SaaS holding key shares, a
blockchain node provider, the cloud, a market-data feed, a travel-rule messaging network every
CASP shares, the bank holding clients' fiat funds, a liquidity provider and a trading venue it
routes client orders to, a KYC vendor, a chain-analytics vendor, the group company running the
matching engine, an exited sub-custodian and a prospective staking provider; a cyber policy and a
crime policy, continuity plans for wallet compromise and the node provider's loss, one exercise.
Each planted gap (a ``# gap`` comment) is found but G9 (the MPC provider's 8-hour recovery time
against custody's 4 hours, carried by the wallet plan's 24-hour degraded mode, as long as the
function's MTPD), and nothing else is reported but what the list below explains. The bank, the
liquidity provider and the venue are asked no ICT contract terms nor outsourcing terms, the
intra-group provider nothing, the travel-rule network no joint playbook, the prospective and the
exited suppliers nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme, located, planted_gaps

FOUND = [
    ("CTR-02", "contracts/blockrelay.yaml", 24),  # gap G2: Art. 30(3)(e)
    ("CTR-10", "contracts/blockrelay.yaml", 64),  # gap G2: no audit rights recorded
    ("REG-03", "contracts/chainsight.yaml", 3),  # gap G10: ended, recorded as in force
    ("CTR-13", "contracts/chainsight.yaml", 19),  # gap G10
    ("CTR-02", "contracts/shardline.yaml", 25),  # gap G1: Art. 30(3)(f), exit strategy
    ("CTR-06", "contracts/veritrail.yaml", 3),  # the network's rulebook: policy terms absent
    ("CTR-07", "contracts/veritrail.yaml", 3),
    ("CTR-08", "contracts/veritrail.yaml", 3),
    ("CTR-05", "contracts/veritrail.yaml", 39),
    ("CTR-03", "contracts/veritrail.yaml", 41),  # notice of a confirmed compromise only
    ("EXR-03", "exercises/2026-10-wallet-compromise.yaml", 19),  # gap G6: finding overdue
    ("CON-01", "functions/client-fiat-funds.yaml", 20),  # gap G4: one region
    ("INS-04", "insurance/cyber-2026.yaml", 25),  # info: 6 h waiting period, RTO 2 h and 4 h
    ("INS-04", "insurance/cyber-2026.yaml", 27),  # the venue, not named (advice for venues)
    ("INS-04", "insurance/cyber-2026.yaml", 27),  # gap G8: MPC provider not named for DBI
    ("INS-01", "insurance/cyber-2026.yaml", 36),  # gap G7: MFA attested, 92 %
    ("EXR-01", "plans/node-provider-loss.yaml", 52),  # gap G5: fail-over tested 2025
    ("SUP-04", "suppliers/identeo.yaml", 27),  # gap G3: last assessed 2024
    ("SUP-08", "suppliers/identeo.yaml", 39),  # the same vendor's exit plan, 2025
    ("SUP-02", "suppliers/tickmark.yaml", 3),  # gap G11: no LEI
    ("REG-05", "suppliers/veritrail.yaml", 27),  # no Annex III type for the network
]


def _found(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return list(result.json()["findings"])


def test_the_crypto_asset_service_provider_s_findings_are_its_planted_gaps(
    cli, tmp_path: Path
) -> None:
    root = copy_programme("casp-de", tmp_path, "casp")
    found = _found(cli, root)
    assert located(found) == FOUND
    assert planted_gaps(root) == 11
    paths = {Path(f["path"]).as_posix() for f in found}
    # the client funds bank, the liquidity provider, the venue, the group's technology company,
    # the exited sub-custodian and the prospective staking provider: nothing
    for quiet in (
        "suppliers/kranich-bank.yaml",
        "contracts/kranich-bank.yaml",
        "suppliers/lumen-liquidity.yaml",
        "contracts/lumen-liquidity.yaml",
        "suppliers/kestrel-exchange.yaml",
        "contracts/kestrel-exchange.yaml",
        "suppliers/spreeport-technology.yaml",
        "contracts/spreeport-technology.yaml",
        "suppliers/bernstein-verwahrung.yaml",
        "contracts/bernstein-verwahrung.yaml",
        "suppliers/stakeworks.yaml",
    ):
        assert quiet not in paths, quiet
    # the travel-rule network is a shared platform: no playbook asked, its model not "unknown"
    assert not [f for f in found if f["code"] == "PLB-02"]
    assert not [f for f in found if "neither recorded nor inferred" in f["message"]]
    # the DBI gaps name the MPC provider and the venue, the liquidity provider is a bank's peer
    left_out = [f["message"] for f in found if f["code"] == "INS-04" and f["level"] == "warning"]
    assert any("critical supplier shardline" in m for m in left_out)
    assert not any("lumen-liquidity" in m for m in left_out)


def test_the_register_holds_the_ict_providers_only(cli, tmp_path: Path) -> None:
    from one_file import register_rows

    root = copy_programme("casp-de", tmp_path, "casp")
    rows = register_rows(cli, root, "b_05.01", "2026-12-07")
    names = {row[4] for row in rows[1:]}
    assert "Kranich Bank AG" not in names
    assert "Lumen Liquidity Ltd" not in names
    assert "Kestrel Digital Exchange S.A." not in names
    assert "Stakeworks Validators OU" not in names
    assert {"Shardline Custody Technology AG", "Veritrail Network B.V."} <= names
