"""A supplier recorded as supporting no critical function (supports_critical_function: false)
that a critical function names through one of its services, with no record saying that service
supports one: SUP-01 warns that the records disagree and that resilint goes by the supplier's
record. Its services and its contract are then judged as recorded too, everywhere: DORA's terms
for a service supporting a critical or important function (SUP-06, SUP-07, SUP-09), the contract's
Art. 30(3) terms (CTR-02, REG-04) and the register's assessment (B_07.01) are not asked until the
records agree, rather than each repeating the point the one warning makes (through the CLI)."""

from __future__ import annotations

from pathlib import Path

from one_file import DORA_BANK, doc, register_rows, repo

SERVICE_TERMS = ("SUP-06", "SUP-07", "SUP-09", "CTR-02", "REG-04")


def ledger(supplier_flag: str, contract_services: str = "services: [core-ledger]\n") -> str:
    return repo(
        DORA_BANK,
        doc(
            "BusinessFunction",
            "payments",
            "name: Payments\nentities: [eu-bank]\ncriticality: critical\n"
            "depends_on: {services: [{supplier: ledger, service: core-ledger}]}\n",
        ),
        doc(
            "Supplier",
            "ledger",
            f"name: Ledger Systems GmbH\ntier: 2\nprovides_ict_services: true\nstatus: active\n"
            f"{supplier_flag}services:\n  - name: core-ledger\n    ict_service_type: S02\n",
        ),
        doc(
            "Contract",
            "ctr-ledger",
            "supplier: ledger\nentities: [eu-bank]\nstatus: active\nstart_date: 2025-01-01\n"
            f"covers_ict_services: true\nsupports_critical_function: false\n{contract_services}",
        ),
    )


def findings(cli, write, text: str) -> list[tuple[str, str]]:
    write("resilint.yaml", "profiles: [baseline, dora]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    return [(f["code"], f["message"]) for f in found.json()["findings"]]


def test_a_contested_supplier_is_asked_no_dora_terms_for_its_services(cli, write) -> None:
    found = findings(cli, write, ledger("supports_critical_function: false\n"))
    warned = [m for code, m in found if code == "SUP-01"]
    assert len(warned) == 1 and "goes by the supplier's record" in warned[0]
    assert [code for code, _ in found if code in SERVICE_TERMS] == []


def test_nor_when_its_contract_names_no_service(cli, write) -> None:
    found = findings(cli, write, ledger("supports_critical_function: false\n", ""))
    assert [code for code, _ in found if code in SERVICE_TERMS] == []


def test_without_the_suppliers_record_the_function_makes_it_critical(cli, write) -> None:
    """The same repository with the supplier's record silent: the function's dependency makes
    it tier 1 in effect, and every one of these terms is asked."""
    found = findings(cli, write, ledger(""))
    assert {code for code, _ in found} >= set(SERVICE_TERMS)
    assert not any("records disagree" in m for _, m in found)


def test_the_register_assesses_no_service_of_a_contested_supplier(cli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "resilint.yaml").write_text("profiles: [baseline, dora]\n", encoding="utf-8")
    (root / "repo.yaml").write_text(ledger("supports_critical_function: false\n"), "utf-8")
    assert register_rows(cli, root, "b_07.01", "2026-06-30")[1:] == []
    (root / "repo.yaml").write_text(ledger(""), encoding="utf-8")
    assessed = register_rows(cli, root, "b_07.01", "2026-06-30")[1:]
    assert [row[0] for row in assessed] == ["ctr-ledger"]


def test_impact_says_why_the_supplier_a_critical_function_names_is_not_critical(
    cli, tmp_path: Path
) -> None:
    """`resilint impact` lists the critical function the outage stops and says the supplier is
    not critical: it gives SUP-01's reason, so the two lines do not read as a contradiction."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "resilint.yaml").write_text("profiles: [baseline, dora]\n", encoding="utf-8")
    (root / "repo.yaml").write_text(ledger("supports_critical_function: false\n"), "utf-8")
    args = ("impact", "--supplier", "ledger", "--as-of", "2026-12-01")
    text = cli(*args, cwd=root).stdout
    assert (
        "tier 2, not critical: recorded as supporting no critical function "
        "(supports_critical_function: false), though critical or important function payments "
        "names it: the records disagree and resilint goes by the supplier's (SUP-01)"
    ) in text
    assert "payments (Payments), critical" in text
    found = cli(*args, "-f", "json", cwd=root).json()
    (supplier,) = found["suppliers"]
    assert supplier["critical"] is False and supplier["contested_functions"] == ["payments"]
