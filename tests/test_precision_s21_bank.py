"""The DORA register as a banking group's programme needs it, through the CLI on real YAML,
reading the files back as their users open them (found by auditing a Dutch banking group with an
investment firm, a payment institution, a branch and an ICT service company).

A contract of the parent that a subsidiary also uses, and that the parent's branch uses
(``using_branches``), is in the subsidiary's register at entity level: the branch's row of
B_04.01 belongs to the parent's register, not to the subsidiary's.
"""

from __future__ import annotations

from test_precision_s20_register import PAYMENTS_LEI, REFERENCE, bank, edit
from test_register_readiness import package_tables

BANK_LEI = "529900HAVELBANK0AG93"


def test_a_parents_branch_using_a_contract_stays_out_of_a_subsidiarys_register(
    cli, tmp_path
) -> None:
    """The core banking contract is used by the Vienna branch of the bank and by Havel
    Payments: Havel Payments' own register (--entity) was refused, at the contract's
    using_branches, for B_04.01.0020 left empty (805), as if the entry needed correcting; it is
    the bank's branch, reported in the bank's register and left out of Havel Payments'."""
    repo = bank(tmp_path)
    edit(
        repo,
        "entities.yaml",
        "parent: hb-bank\nentity_type: payment_institution\n",
        "parent: hb-bank\nentity_type: payment_institution\ncompetent_authority: BaFin\n",
    )
    edit(
        repo,
        "contracts/corebanq.yaml",
        "entities: [hb-bank]\n",
        "entities: [hb-bank, hb-payments]\n",
    )
    edit(
        repo,
        "functions.yaml",
        "entities: [hb-bank]\ncriticality: critical\ncriticality_reasons: Deposits",
        "entities: [hb-bank, hb-payments]\ncriticality: critical\ncriticality_reasons: Deposits",
    )
    out = tmp_path / "payments"
    args = ("--entity", "hb-payments", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    tables = package_tables(out)
    assert "HB-2022-004" in {r["c0010"] for r in tables["B_02.01"]}
    used = {(r["c0020"], r["c0040"]) for r in tables["B_04.01"]}
    assert used == {(PAYMENTS_LEI, "Not Applicable")}
    assert tables["B_01.03"] == []
    # the group's register still reports the branch's use
    group = tmp_path / "group"
    result = cli("register", "export", str(repo), "-o", str(group), "--reference-date", REFERENCE)
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = package_tables(group)["B_04.01"]
    branch = ("HB-2022-004", BANK_LEI, "eba_ZZ:x838", "HB-AT-VIE")
    assert branch in {(r["c0010"], r["c0020"], r["c0030"], r["c0040"]) for r in rows}
