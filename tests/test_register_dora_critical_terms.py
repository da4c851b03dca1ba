"""The register asks the columns B_02.02 reports for an arrangement supporting a critical or
important function (notice periods and governing law, REG-04; countries of provision, REG-05)
and the supply chain B_05.02 lists (REG-07) only where that function is one of an entity under
DORA or the register, as CTR-02 and the export's B_05.02 and B_07.01 read it: a group treasury
platform critical only to the New York subsidiary's payouts, which the payment institution uses
for its bookkeeping, keeps its B_02.02 rows and is asked none of them (through the CLI)."""

from __future__ import annotations

from typing import Any

from one_file import doc, repo

TERMS = ("REG-04", "REG-05", "REG-07")


def group(payouts_of: str) -> str:
    return repo(
        doc("Entity", "eu-pay", "country: DE\nregimes: [dora]\nlei: 529900T8BM49AURSDO55\n"),
        doc("Entity", "ny-sub", "country: US\nregimes: [nydfs]\n"),
        doc(
            "Supplier",
            "treasury",
            "tier: 1\nprovides_ict_services: true\nstatus: active\nlevel_of_reliance: material\n"
            "services:\n  - name: treasury-saas\n    ict_service_type: S02\n"
            "    supports_critical_function: true\n    stores_data: false\n"
            "subcontractors:\n  - id: hoster\n    rank: 2\n",
        ),
        doc(
            "Contract",
            "ctr-treasury",
            "supplier: treasury\nentities: [eu-pay, ny-sub]\nstatus: active\n"
            "start_date: 2025-01-01\ncovers_ict_services: true\n"
            "supports_critical_function: true\nservices: [treasury-saas]\n",
        ),
        doc(
            "BusinessFunction",
            "payouts",
            f"criticality: critical\nentities: [{payouts_of}]\n"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
        doc(
            "BusinessFunction",
            "bookkeeping",
            "criticality: standard\nentities: [eu-pay, ny-sub]\n"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
    )


def terms(cli, write, payouts_of: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: [dora-register]\n")
    write("repo.yaml", group(payouts_of))
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    return [f for f in found.json()["findings"] if f["code"] in TERMS]


def test_a_contract_critical_only_to_the_new_york_subsidiary_is_asked_no_register_terms(
    cli, write
) -> None:
    assert terms(cli, write, "ny-sub") == []


def test_a_critical_function_of_the_payment_institution_asks_them(cli, write) -> None:
    found = terms(cli, write, "eu-pay")
    assert sorted(f["code"] for f in found) == list(TERMS)
    assert "notice period" in next(f["message"] for f in found if f["code"] == "REG-04")


def test_b_06_01_columns_are_asked_only_of_functions_the_register_lists(cli, write) -> None:
    """REG-08 asks the B_06.01 columns of the functions the register lists: those of its
    entities (bookkeeping), not the New York subsidiary's payouts, which rest on the same
    contract but are no function of the payment institution."""
    write("resilint.yaml", "profiles: [dora-register]\n")
    for payouts_of, asked in (("ny-sub", ["bookkeeping"]), ("eu-pay", ["bookkeeping", "payouts"])):
        write("repo.yaml", group(payouts_of))
        result = cli(
            "check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01"
        )
        found = [f["id"] for f in result.json()["findings"] if f["code"] == "REG-08"]
        assert sorted(found) == asked
