"""The DORA register and DORA's per-service terms ask only of what the register holds, through
the CLI on real YAML (found by auditing an asset manager's and a pension fund's programmes).

A supplier's service that only contracts not for ICT services cover (a regulated fund
administration under its own agreement, beside the same supplier's ICT data portal) is asked
none of the register's columns for a service (REG-05 to REG-07) nor DORA's terms for an ICT
service (SUP-06 to SUP-10), as the export reports no row of it; a service no contract names is
judged with its supplier, as before.
"""

from __future__ import annotations

from one_file import check, doc, line, repo

ENTITY = doc(
    "Entity",
    "manco",
    "name: Aurora ManCo\nlei: 5299000J2N45DDNE4Y28\ncountry: LU\nregimes: [dora]\n",
)
PORTAL = """  - name: portal
    ict_service_type: S19
    provision_countries: [LU]
    supports_critical_function: true
    stores_data: true
    stored_data_sensitiveness: high
    data_storage_countries: [IE]
    data_processing_countries: [LU]
    substitutability: highly_complex
    non_substitutability_reason: difficult_migration
    exit_plan: {reference: exit.pdf, last_tested: 2026-03-01, last_reviewed: 2026-09-01}
    reintegration: difficult
    discontinuation_impact: high
    alternatives_identified: 'yes'
    subcontracting: {allowed: false}
"""
ADMINISTRATION = """  - name: administration
    supports_critical_function: true
    stores_data: true
    subcontracting: {allowed: true}
  - name: registrar
    supports_critical_function: true
    ict_service_type: S19
    provision_countries: [LU]
    stores_data: false
    substitutability: medium_complexity
    exit_plan: {reference: exit.pdf, last_tested: 2024-01-10, last_reviewed: 2024-01-10}
    reintegration: difficult
    discontinuation_impact: high
    alternatives_identified: 'yes'
    subcontracting: {allowed: false}
"""
SUPPLIER = doc(
    "Supplier",
    "ardent",
    "name: Ardent Fund Services\nprovides_ict_services: true\ntier: 1\n"
    "supports_critical_function: true\nlevel_of_reliance: full\n"
    "subcontractors:\n"
    "  - {id: pricer, name: Pricer Ltd, rank: 2, country: GB, services: [administration],\n"
    "     supports_critical_function: true}\n"
    "services:\n" + ADMINISTRATION + PORTAL,
)
FUND_ADMINISTRATION = doc(
    "Contract",
    "ctr-administration",
    "supplier: ardent\nservices: [administration, registrar]\ncovers_ict_services: false\n"
    "start_date: 2021-01-01\n",
)
DATA_SERVICES = doc(
    "Contract",
    "ctr-portal",
    "supplier: ardent\nservices: [portal]\ncovers_ict_services: true\nstart_date: 2025-01-01\n",
)
NAV = doc("BusinessFunction", "nav", "criticality: critical\ndepends_on: {suppliers: [ardent]}\n")
PER_SERVICE = ["REG-05", "REG-06", "REG-07", "SUP-06", "SUP-07", "SUP-08", "SUP-09", "SUP-10"]


def where(found: list[dict], text: str) -> set[tuple[str, int]]:
    """Each finding as (code, the name of the service or subcontractor on its line)."""
    rows = text.splitlines()
    return {(f["code"], rows[f["line"] - 1].strip()) for f in found}


def test_a_service_only_a_contract_not_for_ict_services_covers_is_asked_no_ict_terms(
    cli, write
) -> None:
    """REG-05 to REG-07 and SUP-06 to SUP-10 are asked of the services a contract for ICT
    services (in the register) covers: the fund administration and the registrar, under the
    central administration agreement marked covers_ict_services: false, are left out; the same
    services under an ICT contract are asked all of them."""
    text = repo(ENTITY, SUPPLIER, FUND_ADMINISTRATION, DATA_SERVICES, NAV)
    assert check(cli, write, text, PER_SERVICE) == []
    ict = FUND_ADMINISTRATION.replace("covers_ict_services: false", "covers_ict_services: true")
    text = repo(ENTITY, SUPPLIER, ict, DATA_SERVICES, NAV)
    found = check(cli, write, text, PER_SERVICE)
    administration = "- name: administration"
    assert where(found, text) == {
        ("REG-05", administration),  # its ICT service type, countries of provision
        ("REG-05", "stores_data: true"),  # how sensitive the data it stores is
        ("REG-06", administration),
        (
            "REG-07",
            "- {id: pricer, name: Pricer Ltd, rank: 2, country: GB, services: [administration],",
        ),
        ("SUP-06", administration),
        ("SUP-07", administration),
        (
            "SUP-08",
            "exit_plan: {reference: exit.pdf, last_tested: 2024-01-10, last_reviewed: 2024-01-10}",
        ),
        ("SUP-09", "subcontracting: {allowed: true}"),
        ("SUP-10", administration),
    }


def test_a_contract_naming_no_service_covers_them_all_and_an_unnamed_one_is_the_suppliers(
    cli, write
) -> None:
    """A contract for ICT services that names no service covers every service of its supplier,
    as the register export reads it; a service that no contract names is judged with its
    supplier (an ICT provider with a contract in the register), as before."""
    blanket = doc("Contract", "ctr-frame", "supplier: ardent\nstart_date: 2024-01-01\n")
    text = repo(ENTITY, SUPPLIER, FUND_ADMINISTRATION, DATA_SERVICES, blanket, NAV)
    found = check(cli, write, text, ["REG-05", "SUP-06"])
    assert where(found, text) >= {
        ("REG-05", "- name: administration"),
        ("SUP-06", "- name: administration"),
    }
    unnamed = SUPPLIER.replace(
        "  - name: administration",
        "  - name: reporting\n    supports_critical_function: true\n  - name: administration",
    )
    contracts = FUND_ADMINISTRATION.replace("[administration, registrar]", "[administration]")
    text = repo(ENTITY, unnamed, contracts, DATA_SERVICES, NAV)
    found = check(cli, write, text, ["REG-05", "SUP-06"])
    assert {f["line"] for f in found} == {line(text, "- name: reporting")}
    assert {f["code"] for f in found} == {"REG-05", "SUP-06"}
