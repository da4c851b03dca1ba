"""The DORA register of information, export and import, through the CLI on real files, each
read back as its users open it (the report package with zipfile and csv, the workbook with
openpyxl): what a provider's total expense adds up, the names of the columns, which
arrangements are assessed, the intra-group providers, and what an import refuses to read."""

from __future__ import annotations

from test_precision_s20_register import REFERENCE, bank_with_payments_register
from test_register_readiness import package_tables

STRATOCLOUD = "635400STRATOCLOUDE91"
HB_IT = "529900HAVELITSERVI62"


# -- 1. a provider's total annual expense (B_05.01.0100) ----------------------------------------
def test_a_providers_total_adds_only_the_arrangements_the_register_uses(cli, tmp_path) -> None:
    """Havel Payments' own register holds the bank's cloud arrangement with Stratocloud only so
    that its intra-group arrangement's link resolves (B_02.03.0020, key R12): the payment
    institution does not use it, and it has no row of B_02.02 or B_04.01 there. Its cost
    (2,100,000 EUR a year, which the bank pays) was filed as the payment institution's total
    expense with Stratocloud (B_05.01.0100); it is filed for no one there, while the intra-group
    arrangement it uses keeps its total, and the group's register keeps Stratocloud's."""
    repo = bank_with_payments_register(tmp_path)
    out = tmp_path / "payments"
    args = ("--entity", "hb-payments", "-o", str(out), "--reference-date", REFERENCE)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    tables = package_tables(out)
    providers = {r["c0010"]: r for r in tables["B_05.01"]}
    assert "HB-2024-017" in {r["c0010"] for r in tables["B_02.01"]}  # held for the key
    assert "HB-2024-017" not in {r["c0010"] for r in tables["B_04.01"]}
    assert (providers[STRATOCLOUD]["c0090"], providers[STRATOCLOUD]["c0100"]) == ("", "")
    assert (providers[HB_IT]["c0090"], providers[HB_IT]["c0100"]) == ("eba_CU:EUR", "6800000")
    group = tmp_path / "group"
    result = cli("register", "export", str(repo), "-o", str(group), "--reference-date", REFERENCE)
    assert result.exit_code == 0, result.stdout + result.stderr
    providers = {r["c0010"]: r for r in package_tables(group)["B_05.01"]}
    assert providers[STRATOCLOUD]["c0100"] == "2100000"
