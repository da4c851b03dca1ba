"""The DORA register as a banking group's programme needs it, through the CLI on real YAML,
reading the files back as their users open them (found by auditing a Dutch banking group with an
investment firm, a payment institution, a branch and an ICT service company).

A contract of the parent that a subsidiary also uses, and that the parent's branch uses
(``using_branches``), is in the subsidiary's register at entity level: the branch's row of
B_04.01 belongs to the parent's register, not to the subsidiary's.
"""

from __future__ import annotations

from test_precision_s20_register import (
    PAYMENTS_LEI,
    REFERENCE,
    bank_with_payments_register,
    edit,
)
from test_register_readiness import package_tables

BANK_LEI = "529900HAVELBANK0AG93"


def test_a_parents_branch_using_a_contract_stays_out_of_a_subsidiarys_register(
    cli, tmp_path
) -> None:
    """The core banking contract is used by the Vienna branch of the bank and by Havel
    Payments: Havel Payments' own register (--entity) was refused, at the contract's
    using_branches, for B_04.01.0020 left empty (805), as if the entry needed correcting; it is
    the bank's branch, reported in the bank's register and left out of Havel Payments'."""
    repo = bank_with_payments_register(tmp_path)
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


def test_a_subsidiarys_call_off_under_its_parents_framework_files_with_the_framework(
    cli, tmp_path
) -> None:
    """Havel Payments concludes its own statement of work under the bank's framework with
    Codekontor (a subsequent arrangement, B_02.01.0020 x3): its register at entity level was
    refused because B_02.01.0030 named the framework, which that register did not hold (807,
    key R13), and the message asked to name another overarching contract or remove it. The
    framework is held as the group arrangements an intra-group arrangement rests on are: its
    row of B_02.01 (and its provider's), not a use by Havel Payments."""
    repo = bank_with_payments_register(tmp_path)
    edit(
        repo,
        "contracts/codekontor.yaml",
        "entities: [hb-bank]\nreference: https://contracts.havelbank.example/cms/ctr-codekontor-2025\n",
        "entities: [hb-payments]\n"
        "reference: https://contracts.havelbank.example/cms/ctr-codekontor-2025\n",
    )
    edit(
        repo,
        "functions.yaml",
        "description: Development of the online banking app.\nowner: chief-operating-officer\n"
        "entities: [hb-bank]\n",
        "description: Development of the online banking app.\nowner: chief-operating-officer\n"
        "entities: [hb-bank, hb-payments]\n",
    )
    assert cli("check", str(repo)).exit_code == 0
    out = tmp_path / "payments"
    args = ("--entity", "hb-payments", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    tables = package_tables(out)
    general = {r["c0010"]: r for r in tables["B_02.01"]}
    assert general["HB-2025-046"]["c0030"] == "HB-2025-002"
    assert general["HB-2025-002"]["c0020"] == "eba_CO:x2"
    # the framework is the bank's: no use of it by Havel Payments is reported
    assert "HB-2025-002" not in {r["c0010"] for r in tables["B_04.01"]}
    assert "HB-2025-002" not in {r["c0010"] for r in tables["B_02.02"]}
    assert "HB-2025-002" in {r["c0010"] for r in tables["B_03.02"]}
