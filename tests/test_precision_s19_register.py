"""The DORA register and DORA's per-service terms ask only of what the register holds, through
the CLI on real YAML (found by auditing an asset manager's and a pension fund's programmes).

A supplier's service that only contracts not for ICT services cover (a regulated fund
administration under its own agreement, beside the same supplier's ICT data portal) is asked
none of the register's columns for a service (REG-05 to REG-07) nor DORA's terms for an ICT
service (SUP-06 to SUP-10), as the export reports no row of it; a service no contract names is
judged with its supplier, as before. A supplier recorded as providing no ICT services whose
contract covers a regulated financial service (or an adviser's or a scheme's) is not made an
ICT provider by a seat its staff have in our systems. The ICT supply chain of the register
(B_05.02, REG-07) leaves out a subcontractor recorded as supporting no critical or important
function.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from conftest import EXAMPLES
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


# -- a seat we give a regulated financial service is no ICT service ---------------------------
FUND = doc(
    "Entity",
    "fund",
    "name: Pensioenfonds Zuidrand\nlei: 5299000J2N45DDNE4Y28\ncountry: NL\nregimes: [dora]\n",
)
FIDUCIARY = doc(
    "Supplier",
    "delta",
    "name: Delta Fiduciair Vermogensbeheer N.V.\nprovides_ict_services: false\n"
    "service_model: financial_service\ntier: 1\nsupports_critical_function: true\n"
    "services:\n"
    "  - {name: fiduciary-management, supports_critical_function: true, stores_data: true}\n",
)
SEAT = doc(
    "Identity",
    "delta-board-portal",
    "supplier: delta\ntype: human_account\naccess_level: write\nmfa: true\nstatus: active\n",
)
MANDATE = doc(
    "Contract",
    "ctr-delta",
    "supplier: delta\nservices: [fiduciary-management]\nsupports_critical_function: true\n"
    "start_date: 2022-01-01\n",
)
ICT_CONTRACT = ["CTR-01", "CTR-02", "CTR-09", "CTR-10", "REG-03", "REG-05", "REG-06", "REG-12"]


def test_a_seat_in_our_systems_does_not_make_a_financial_service_an_ict_contract(
    cli, write
) -> None:
    """A fiduciary manager recorded as providing no ICT services (a regulated financial service:
    the Commission's answer to ESAs Q&A 2999) whose staff post papers in our board portal: the
    seat is our service to it, so its contract is no ICT contract (DORA Art. 28(7), 30) and not
    in the register. A supplier that acts in our systems and whose model nothing records (a
    payroll bureau with administrator rights) still makes its contract an ICT one."""
    text = repo(FUND, FIDUCIARY, SEAT, MANDATE)
    assert check(cli, write, text, ICT_CONTRACT) == []
    unknown = FIDUCIARY.replace("service_model: financial_service\n", "")
    found = check(cli, write, repo(FUND, unknown, SEAT, MANDATE), ICT_CONTRACT)
    # (CTR-10 waits for the audit clause or its terms to be recorded: CTR-02 asks for them)
    assert {"CTR-01", "CTR-02", "CTR-09", "REG-03"} <= {f["code"] for f in found}


def test_a_bank_told_by_its_name_is_no_ict_contract_for_its_file_exchange(cli, write) -> None:
    """Inferred as well as recorded: a bank that records no model, whose SFTP account drops
    payment files in our systems (write access, no person acting in them), is told by its
    name."""
    bank = doc(
        "Supplier",
        "handelsbank",
        "name: Noordelijke Handelsbank N.V.\nprovides_ict_services: false\ntier: 2\n"
        "services:\n  - {name: payments-account}\n",
    )
    sftp = doc(
        "Identity",
        "handelsbank-sftp",
        "supplier: handelsbank\ntype: sftp_user\naccess_level: write\nstatus: active\n",
    )
    account = doc("Contract", "ctr-bank", "supplier: handelsbank\nstart_date: 2020-01-01\n")
    assert check(cli, write, repo(FUND, bank, sftp, account), ["CTR-01", "CTR-09"]) == []
    unnamed = bank.replace("Noordelijke Handelsbank N.V.", "Noordelijke Diensten N.V.")
    found = check(cli, write, repo(FUND, unnamed, sftp, account), ["CTR-01", "CTR-09"])
    assert {f["code"] for f in found} == {"CTR-01", "CTR-09"}


def test_the_security_terms_its_access_calls_for_are_still_asked(cli, write) -> None:
    """Its access still counts for the security terms: an entity the NIS2 implementing rules
    bind asks the point 5.1.4 clauses (CTR-12) of the fiduciary manager with a seat in its
    systems, as of any supplier with access."""
    msp = doc(
        "Entity",
        "msp",
        "name: Zuidrand IT\ncountry: NL\nregimes: [nis2]\n"
        "nis2_entity_type: managed_service_provider\n",
    )
    found = check(cli, write, repo(msp, FIDUCIARY, SEAT, MANDATE), ["CTR-12", "CTR-01"])
    assert {f["code"] for f in found} == {"CTR-12"}


# -- the supply chain: only subcontractors that underpin a critical service -------------------
SMS_GATEWAY = """  - id: sms-gateway
    name: Bundes-SMS Dienst
    rank: 2
    service_type: one-time passcodes by text message for the payment portal's sign-in
    services: [payment-hub]
    country: DE
    supports_critical_function: false
"""


def with_gateway(tmp_path: Path, supports: str = "false") -> Path:
    """The bank, with a subcontractor of the payment hub (Transferia, arrangement HB-2024-031)
    that has no identifier and is recorded as supporting no critical function."""
    bank = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", bank, ignore=shutil.ignore_patterns(".resilint_cache"))
    path = bank / "suppliers" / "transferia.yaml"
    text = path.read_text(encoding="utf-8")
    gateway = SMS_GATEWAY.replace(
        "supports_critical_function: false", f"supports_critical_function: {supports}"
    )
    path.write_text(
        text.replace(
            "services:\n  - name: payment-hub", gateway + "services:\n  - name: payment-hub"
        ),
        encoding="utf-8",
    )
    return bank


def rows(out: Path, template: str) -> list[list[str]]:
    """The rows of a template, from the readable CSV the export wrote (header left out)."""
    with (out / f"{template}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def test_a_subcontractor_underpinning_no_critical_function_is_in_no_supply_chain(
    cli, tmp_path
) -> None:
    """Implementing Regulation (EU) 2024/2956 Art. 3(2): the register holds the subcontractors
    that effectively underpin ICT services supporting critical or important functions. One
    recorded supports_critical_function: false has no row in B_05.02 or B_05.01, and REG-07 and
    REG-12 do not ask its identifier: the register is exported."""
    bank = with_gateway(tmp_path)
    found = cli("check", str(bank), "--format", "json", "--no-cache").json()["findings"]
    assert found == []
    out = tmp_path / "csv"
    args = ("--format", "csv", "-o", str(out), "--reference-date", "2026-12-31")
    result = cli("register", "export", str(bank), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    chain = [r for r in rows(out, "b_05.02") if r[0] == "HB-2024-031"]
    assert [r[2] for r in chain] == ["724500TRANSFERIAPA36", "549300CLEARNETEURO14"], chain
    assert "" not in {r[2] for r in rows(out, "b_05.02")}  # no row without its provider's key
    assert not any("Bundes-SMS" in cell for r in rows(out, "b_05.01") for cell in r)
    # recorded as underpinning the payment hub, it is asked its identifier and refuses the export
    bank = with_gateway(tmp_path / "critical", "true")
    found = cli("check", str(bank), "--format", "json", "--no-cache").json()["findings"]
    assert {f["code"] for f in found} == {"REG-07"}
    assert cli("register", "export", str(bank), *args).exit_code == 1


def test_sup09_maps_no_link_that_underpins_no_critical_function(cli, write) -> None:
    """SUP-09 asks the name, rank and country of each link of the chain behind a critical or
    important function, as B_05.02 lists it: not of one recorded as supporting none."""
    supplier = doc(
        "Supplier",
        "portalco",
        "provides_ict_services: true\n"
        "services:\n"
        "  - name: portal\n"
        "    supports_critical_function: true\n"
        "    subcontracting: {allowed: true, conditions: Prior notice and our right to object.}\n"
        "subcontractors:\n"
        "  - {id: sms, services: [portal], supports_critical_function: false}\n",
    )
    assert check(cli, write, supplier, ["SUP-09"]) == []
    underpinning = supplier.replace(
        "supports_critical_function: false", "supports_critical_function: true"
    )
    (finding,) = check(cli, write, underpinning, ["SUP-09"])
    assert (
        "subcontractor sms in the chain of supplier portalco lacks name, country"
        in finding["message"]
    )  # no recipient: it serves portalco itself, rank 2
