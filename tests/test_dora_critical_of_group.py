"""In a group, a contract's critical function may be another entity's: DORA Art. 30(3) asks its
provisions of the ICT services supporting the financial entity's own critical or important
functions, so a treasury platform critical only to the New York subsidiary's payouts, and used
by the EU payment institution for its bookkeeping, is not asked them (through the CLI)."""

from __future__ import annotations

from typing import Any

from one_file import doc, repo

DORA_30_2 = "".join(f"  dora.30.2.{c}: {{present: true, variant: standard}}\n" for c in "abcdefghi")


def group(us_payouts: str = "[ny-sub]") -> str:
    return repo(
        doc("Entity", "eu-pay", "country: DE\nregimes: [dora]\n"),
        doc("Entity", "ny-sub", "country: US\nregimes: [nydfs]\n"),
        doc(
            "Supplier",
            "treasury",
            "tier: 1\nprovides_ict_services: true\nservices:\n  - name: treasury-saas\n",
        ),
        doc(
            "Contract",
            "ctr-treasury",
            "supplier: treasury\nentities: [eu-pay, ny-sub]\nstatus: active\n"
            "covers_ict_services: true\nsupports_critical_function: true\n"
            "services: [treasury-saas]\nclauses:\n" + DORA_30_2,
        ),
        doc(
            "BusinessFunction",
            "us-payouts",
            f"criticality: critical\nentities: {us_payouts}\n"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
        doc(
            "BusinessFunction",
            "bookkeeping",
            "criticality: standard\nentities: [eu-pay, ny-sub]\n"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
    )


def ctr_02(cli, write, text: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    return [f for f in found.json()["findings"] if f["code"] == "CTR-02"]


def test_a_function_critical_only_to_the_new_york_subsidiary_asks_no_dora_30_3(cli, write) -> None:
    assert ctr_02(cli, write, group()) == []


def test_a_critical_function_of_the_payment_institution_still_asks_it(cli, write) -> None:
    (finding,) = ctr_02(cli, write, group("[eu-pay]"))
    assert finding["id"] == "ctr-treasury" and "DORA Art. 30(3)" in finding["message"]
