"""A supplier that supports a critical function only through another supplier (the mail relay our
payments SaaS uses as a subprocessor, tracked as a Supplier of its own): the SaaS's arrangement
carries that support, so SUP-05 asks no contract of the relay, and DORA's terms for a service
supporting a critical or important function (SUP-06, SUP-07, SUP-09; REG-06's B_07.01 columns)
are asked of the relay's services only through a contract of ours with it taken as supporting
one, as the register assesses them (B_07.01): not where we hold none, nor where ours records
that it supports none (through the CLI)."""

from __future__ import annotations

from pathlib import Path

from one_file import DORA_BANK, doc, register_rows, repo

SERVICE_TERMS = ("SUP-05", "SUP-06", "SUP-07", "SUP-09", "REG-06")


def programme(contract: str | None) -> str:
    documents = [
        DORA_BANK,
        doc(
            "BusinessFunction",
            "payments",
            "name: Payments\ncriticality: critical\ndepends_on: {suppliers: [saasco]}\n",
        ),
        doc(
            "Supplier",
            "saasco",
            "name: SaaS Co\ntier: 1\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - {name: payhub, ict_service_type: S02}\n"
            "shared_dependencies: {subprocessors: [MailRelay Ltd]}\n",
        ),
        doc(
            "Supplier",
            "mailrelay",
            "name: MailRelay Ltd\ntier: 3\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - {name: relay, ict_service_type: S03}\n",
        ),
        doc(
            "Contract",
            "ctr-saas",
            "supplier: saasco\nentities: [eu-bank]\nstatus: active\nstart_date: 2025-01-01\n"
            "covers_ict_services: true\n",
        ),
    ]
    if contract is not None:
        documents.append(
            doc(
                "Contract",
                "ctr-mail",
                "supplier: mailrelay\nentities: [eu-bank]\nstatus: active\n"
                f"start_date: 2025-01-01\ncovers_ict_services: true\n{contract}",
            )
        )
    return repo(*documents)


def relay_terms(cli, write, text: str) -> set[str]:
    write("resilint.yaml", "profiles: [baseline, dora]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    return {
        f["code"]
        for f in found.json()["findings"]
        if f.get("id") == "mailrelay" and f["code"] in SERVICE_TERMS
    }


def test_no_dora_service_terms_of_a_subprocessor_we_hold_no_contract_with(cli, write) -> None:
    assert relay_terms(cli, write, programme(None)) == set()


def test_nor_where_our_contract_records_that_it_supports_none(cli, write) -> None:
    found = relay_terms(cli, write, programme("supports_critical_function: false\n"))
    assert found == set()


def test_a_contract_recording_nothing_still_asks_them(cli, write) -> None:
    assert relay_terms(cli, write, programme("")) == {"SUP-06", "SUP-07", "SUP-09", "REG-06"}


def test_the_register_assesses_the_relay_as_the_rules_ask(cli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "resilint.yaml").write_text("profiles: [baseline, dora]\n", encoding="utf-8")
    for contract, rows in (("supports_critical_function: false\n", []), ("", ["ctr-mail"])):
        (root / "repo.yaml").write_text(programme(contract), encoding="utf-8")
        assessed = register_rows(cli, root, "b_07.01", "2026-06-30")[1:]
        assert [r[0] for r in assessed if r[0] == "ctr-mail"] == rows
