"""Our own contract with a supplier that supports a critical function only through another
supplier (the data centre that runs a critical provider's platform, as its subcontractor) and
that records nothing of what it supports is asked what a contract for a critical or important
function is asked (DORA Art. 30(3): CTR-02; the register's notice periods: REG-04), as before;
the register links it only to the functions that name its supplier (B_02.02), none of them
critical, so the findings now say why it is taken as critical and which record settles it
(through the CLI)."""

from __future__ import annotations

from one_file import DORA_BANK, doc, repo

NOTE = "only through another supplier (on corecloud, corecloud subcontracts to dcops)"


def programme(payments_on: str = "[corecloud]", flag: str = "") -> str:
    return repo(
        DORA_BANK,
        doc(
            "BusinessFunction",
            "payments",
            f"name: Payments\nentities: [eu-bank]\ncriticality: critical\n"
            f"depends_on: {{suppliers: {payments_on}}}\n",
        ),
        doc(
            "BusinessFunction",
            "canteen",
            "name: Canteen booking\nentities: [eu-bank]\ncriticality: standard\n"
            "depends_on: {suppliers: [dcops]}\n",
        ),
        doc(
            "Supplier",
            "corecloud",
            "name: CoreCloud SE\ntier: 1\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - {name: hosting, ict_service_type: S01}\n"
            "subcontractors:\n  - {id: dc, supplier: dcops, rank: 2, country: DE,"
            " service_type: data centre operations}\n",
        ),
        doc(
            "Supplier",
            "dcops",
            "name: DC Ops GmbH\ntier: 3\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - {name: racks, ict_service_type: S04}\n",
        ),
        doc(
            "Contract",
            "ctr-dcops",
            "supplier: dcops\nentities: [eu-bank]\nstatus: active\nstart_date: 2025-01-01\n"
            f"covers_ict_services: true\n{flag}",
        ),
    )


def messages(cli, write, text: str) -> dict[str, list[str]]:
    write("resilint.yaml", "profiles: [baseline, dora]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    by_code: dict[str, list[str]] = {}
    for f in found.json()["findings"]:
        if f.get("id") == "ctr-dcops":
            by_code.setdefault(f["code"], []).append(f["message"])
    return by_code


def test_the_findings_say_the_contract_is_critical_only_through_another_supplier(
    cli, write
) -> None:
    found = messages(cli, write, programme())
    for code in ("CTR-02", "REG-04"):
        assert NOTE in found[code][0], found[code]
        assert (
            "critical or important function payments rests on its supplier dcops"
            in (found[code][0])
        )
        assert "record supports_critical_function: false on it" in found[code][0]


def test_recording_that_it_serves_none_settles_it(cli, write) -> None:
    found = messages(cli, write, programme(flag="supports_critical_function: false\n"))
    assert "CTR-02" not in found and "REG-04" not in found


def test_no_such_words_where_the_function_rests_on_the_supplier_directly(cli, write) -> None:
    found = messages(cli, write, programme(payments_on="[corecloud, dcops]"))
    assert found["CTR-02"] and not any("another supplier" in m for m in found["CTR-02"])
