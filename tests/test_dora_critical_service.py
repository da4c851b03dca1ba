"""In a group, a service's critical function may be another entity's: DORA asks its terms for an
ICT service supporting a critical or important function of the financial entity (substitutability
and exit plans, SUP-06 to SUP-08; subcontracting, SUP-09; the register's B_05.02 and B_07.01),
so a treasury platform critical only to the New York subsidiary's payouts, used by the EU payment
institution for its bookkeeping, is not asked them, while a function naming no entity still
counts for every entity (through the CLI)."""

from __future__ import annotations

from typing import Any

from one_file import doc, repo
from test_register_readiness import package_tables

DORA_30_2 = "".join(f"  dora.30.2.{c}: {{present: true, variant: standard}}\n" for c in "abcdefghi")
SERVICE_RULES = ("SUP-06", "SUP-07", "SUP-09")


def group(us_payouts: str = "entities: [ny-sub]\n") -> str:
    return repo(
        doc("Entity", "eu-pay", "country: DE\nregimes: [dora]\nlei: 529900T8BM49AURSDO55\n"),
        doc("Entity", "ny-sub", "country: US\nregimes: [nydfs]\n"),
        doc(
            "Supplier",
            "treasury",
            "tier: 1\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - name: treasury-saas\n    ict_service_type: S02\n"
            "    supports_critical_function: true\n",
        ),
        doc(
            "Contract",
            "ctr-treasury",
            "supplier: treasury\nentities: [eu-pay, ny-sub]\nstatus: active\n"
            "start_date: 2025-01-01\n"
            "covers_ict_services: true\nsupports_critical_function: true\n"
            "services: [treasury-saas]\nclauses:\n" + DORA_30_2,
        ),
        doc(
            "BusinessFunction",
            "us-payouts",
            f"criticality: critical\n{us_payouts}"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
        doc(
            "BusinessFunction",
            "bookkeeping",
            "criticality: standard\nentities: [eu-pay, ny-sub]\n"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
    )


def service_findings(cli, write, text: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    return [f for f in found.json()["findings"] if f["code"] in SERVICE_RULES]


def test_a_service_critical_only_to_the_new_york_subsidiary_is_asked_no_dora_terms(
    cli, write
) -> None:
    assert service_findings(cli, write, group()) == []


def test_a_critical_function_of_the_payment_institution_still_asks_them(cli, write) -> None:
    found = service_findings(cli, write, group("entities: [eu-pay]\n"))
    assert {f["code"] for f in found} == set(SERVICE_RULES)
    assert all(f["id"] == "treasury" for f in found)


def test_a_critical_function_naming_no_entity_counts_for_every_entity(cli, write) -> None:
    found = service_findings(cli, write, group(""))
    assert {f["code"] for f in found} == set(SERVICE_RULES)


def test_the_register_assesses_only_services_of_a_dora_entitys_critical_function(
    cli, write, tmp_path
) -> None:
    """B_05.02 and B_07.01 (and REG-06, which asks B_07.01's columns) follow the same services as
    SUP-06 to SUP-09: none of the treasury platform while only the New York payouts rest on it,
    its row once the payment institution's do."""
    for us_payouts, rows in (("entities: [ny-sub]\n", 0), ("entities: [eu-pay]\n", 1)):
        write("resilint.yaml", "profiles: [baseline]\n")
        write("repo.yaml", group(us_payouts))
        out = tmp_path / f"register-{rows}"
        result = cli(
            "register",
            "export",
            "repo.yaml",
            "-o",
            str(out),
            "--reference-date",
            "2026-06-30",
            "--allow-incomplete",
        )
        assert out.exists(), result.stdout + result.stderr
        assert ("REG-06" in result.stdout) == bool(rows)  # B_07.01's own columns
        tables = package_tables(out)
        assert len([r for r in tables["B_07.01"] if r["c0010"] == "ctr-treasury"]) == rows
