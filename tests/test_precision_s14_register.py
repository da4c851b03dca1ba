"""Precision from the audit of an Irish payment institution under DORA (commit 7d73ce5), through
the CLI on real files: a copy of examples/havelbank edited in ``tmp_path``, its register exported
and opened with the csv module as its users open it, and small one-file repositories for the
rules.

B_02.02 files a business function only with the services of the contract it rests on
(``depends_on.services``), or with every service the contract covers where it rests on the
supplier as a whole; two services of one ICT-service type with the same countries are one row,
holding what the more exposed of them says. REG-10 names an entity party to a contract that
performs none of the functions resting on it, at that entity's place in the contract. A gap of
the register is reported once: REG-12 leaves to SUP-02, SUP-06 and BCM-02 what they say in their
own words where they run (and says it where they do not), SUP-02 leaves an LEI's check digits to
REG-11, and SUP-02's missing provider_id is placed at that field. CON-04 asks no exit plan of a
payment scheme or market infrastructure; INS-04 does not ask dependent business-interruption
cover to name one of our own insured group companies, nor market infrastructure whose failure
the policy excludes, and still asks for an ordinary critical ICT supplier.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from one_file import check, doc, docs, repo

BANK = EXAMPLES / "havelbank"
REFERENCE = "2026-12-31"
INTRA_GROUP = "HB-IG-2023-001"  # ctr-hb-it-2023: private-cloud-platform (S14), workplace (S03)
BANK_LEI, PAYMENTS_LEI, LEASING_LEI = (
    "529900HAVELBANK0AG93",
    "529900HAVELPAYMENT89",
    "222100HAVELLEASING50",
)
# the readable CSV's headers of the B_02.02 columns the tests read: the column codes
REFERENCE_NUMBER = "c0010"  # Contractual arrangement reference number
ENTITY_LEI = "c0020"  # LEI of the financial entity making use of the ICT service(s)
FUNCTION = "c0050"  # Function identifier
SERVICE_TYPE = "c0060"  # Type of ICT services
STORES = "c0140"  # Storage of data
STORED_AT = "c0150"  # Location of the data at rest (storage)
PROCESSED_AT = "c0160"  # Location of management of the data (processing)
SENSITIVENESS = "c0170"  # Sensitiveness of the data stored by the ICT third-party service provider
RELIANCE = "c0180"  # Level of reliance on the ICT service supporting the critical or important ...


# -- a copy of the bank, its register and its findings ------------------------------------------
def copy(tmp_path: Path) -> Path:
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank, ignore=shutil.ignore_patterns(".resilint_cache"))
    return bank


def edit(bank: Path, name: str, old: str, new: str) -> None:
    path = bank / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def export(cli, bank: Path, out: Path, *extra: str):
    args = ("--format", "csv", "-o", str(out), "--reference-date", REFERENCE, *extra)
    return cli("register", "export", str(bank), *args)


def b_02_02(out: Path, reference: str = INTRA_GROUP) -> list[dict[str, str]]:
    """The rows of B_02.02 of one arrangement, from the readable CSV the export wrote."""
    with (out / "b_02.02.csv").open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row[REFERENCE_NUMBER] == reference]


def uses(rows: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    """Each row as (entity's LEI, function, type of ICT service)."""
    return {(r[ENTITY_LEI], r[FUNCTION], r[SERVICE_TYPE]) for r in rows}


def findings(cli, bank: Path, *extra: str) -> list[dict[str, Any]]:
    """Every finding of ``check`` on the copy (the bank as shipped has none)."""
    result = cli("check", str(bank), "--format", "json", "--no-cache", *extra)
    found: list[dict[str, Any]] = result.json()["findings"]
    return found


def where(found: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Each finding as (code, document, field), sorted."""
    return sorted((f["code"], f["id"], f["json_path"]) for f in found)


# -- 1. B_02.02: a function with the services it rests on ---------------------------------------
def test_b0202_files_each_function_only_with_the_services_it_rests_on(cli, tmp_path) -> None:
    """payments and deposits-and-lending rest on the private cloud (S14), ict-operations on the
    workplace and network (S03): no function is filed with the other service of the contract,
    and Havel Leasing, which performs only ict-operations, has no row of the private cloud."""
    out = tmp_path / "csv"
    result = export(cli, BANK, out)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert uses(b_02_02(out)) == {
        (BANK_LEI, "payments", "S14"),
        (BANK_LEI, "deposits-and-lending", "S14"),
        (BANK_LEI, "ict-operations", "S03"),
        (PAYMENTS_LEI, "payments", "S14"),
        (PAYMENTS_LEI, "ict-operations", "S03"),
        (LEASING_LEI, "ict-operations", "S03"),
    }
    with (out / "b_02.02.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 56  # 71 before, 15 of them invented


def test_a_function_resting_on_the_whole_supplier_is_filed_with_every_service(
    cli, tmp_path
) -> None:
    bank = copy(tmp_path)
    edit(
        bank,
        "functions.yaml",
        "  services:\n    - {supplier: hb-it-services, service: workplace-and-network}\n",
        "  suppliers: [hb-it-services]\n  services:\n",
    )
    out = tmp_path / "csv"
    result = export(cli, bank, out)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert uses(b_02_02(out)) == {
        (BANK_LEI, "payments", "S14"),
        (BANK_LEI, "deposits-and-lending", "S14"),
        (PAYMENTS_LEI, "payments", "S14"),
        # the whole supplier: both services the contract covers
        *(
            (lei, "ict-operations", t)
            for lei in (BANK_LEI, PAYMENTS_LEI, LEASING_LEI)
            for t in ("S03", "S14")
        ),
    }


DESK = """  - name: service-desk
    description: The group service desk, with the tickets of our staff.
    ict_service_type: S03
    provision_countries: [DE]
    supports_critical_function: false
    stores_data: true
    stored_data_sensitiveness: high
    data_processing_countries: [DE]
    level_of_reliance: low
    substitutability: medium_complexity
    reintegration: easy
    discontinuation_impact: medium
    alternatives_identified: yes
    contracted_rto_hours: 8
    contracted_rpo_hours: 4
"""


def with_service_desk(tmp_path: Path, processed_in: str = "DE") -> Path:
    """The bank with a second S03 service of Havel IT Services (the service desk, provided in
    DE, storing high-sensitivity data with no storage country recorded, relied on little) that
    the contract covers and ict-operations rests on, beside the workplace and network (S03,
    provided in DE, storing none, relied on fully as the supplier is). Its register is written
    only as asked (--allow-incomplete): a row saying the provider stores data (0140) gives where
    (0150), and "not applicable" there is what the ESAs reject."""
    bank = copy(tmp_path)
    path = bank / "suppliers/hb-it-services.yaml"
    desk = DESK.replace(
        "data_processing_countries: [DE]", f"data_processing_countries: [{processed_in}]"
    )
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + desk, encoding="utf-8")
    edit(
        bank,
        "contracts/hb-it-services.yaml",
        "services: [private-cloud-platform, workplace-and-network]",
        "services: [private-cloud-platform, workplace-and-network, service-desk]",
    )
    edit(
        bank,
        "functions.yaml",
        "    - {supplier: hb-it-services, service: workplace-and-network}\n",
        "    - {supplier: hb-it-services, service: workplace-and-network}\n"
        "    - {supplier: hb-it-services, service: service-desk}\n",
    )
    return bank


def test_two_services_of_one_type_with_the_same_countries_are_one_row_of_the_more_exposed(
    cli, tmp_path
) -> None:
    bank = with_service_desk(tmp_path)
    out = tmp_path / "csv"
    refused = export(cli, bank, out)  # the desk's storage country is missing: said once, of it
    assert refused.exit_code == 1
    assert "SUP-10 error service service-desk of supplier hb-it-services" in refused.stdout
    assert "REG-12" not in refused.stdout, refused.stdout
    result = export(cli, bank, out, "--allow-incomplete")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "data_storage_countries" in result.stdout + result.stderr
    assert "is there twice" not in result.stdout + result.stderr
    rows = [r for r in b_02_02(out) if r[SERVICE_TYPE] == "S03"]
    # one row per entity: stores data as the desk does, its high sensitivity, and the full
    # reliance of the workplace and network
    assert sorted(
        (r[ENTITY_LEI], r[FUNCTION], r[STORES], r[STORED_AT], r[SENSITIVENESS], r[RELIANCE])
        for r in rows
    ) == [
        (LEASING_LEI, "ict-operations", "yes", "n/a", "high", "full"),
        (BANK_LEI, "ict-operations", "yes", "n/a", "high", "full"),
        (PAYMENTS_LEI, "ict-operations", "yes", "n/a", "high", "full"),
    ]


def test_two_services_of_one_type_in_other_countries_keep_their_own_rows(cli, tmp_path) -> None:
    bank = with_service_desk(tmp_path, processed_in="AT")
    out = tmp_path / "csv"
    result = export(cli, bank, out, "--allow-incomplete")
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = [r for r in b_02_02(out) if r[SERVICE_TYPE] == "S03" and r[ENTITY_LEI] == BANK_LEI]
    assert sorted(
        (r[FUNCTION], r[PROCESSED_AT], r[STORES], r[SENSITIVENESS], r[RELIANCE]) for r in rows
    ) == [
        ("ict-operations", "AT", "yes", "high", "low"),  # the desk's own
        ("ict-operations", "DE", "no", "", "full"),  # the workplace and network's own
    ]


# -- 2. REG-10: an entity that performs none of the contract's functions ------------------------
LOHNWERK = "contracts/lohnwerk.yaml"
STAFF = "description: Payroll and HR for the group.\nowner: chief-operating-officer\n"


@pytest.mark.parametrize(
    ("parties", "field", "position"),
    [
        (None, "entities[2]", (6, 34)),  # entities: [hb-bank, hb-payments, hb-leasing]
        (
            "entities: [hb-bank]\nusing_entities: [hb-leasing, hb-bank, hb-payments]\n",
            "using_entities[0]",
            (7, 18),
        ),
    ],
    ids=["entities", "using_entities"],
)
def test_reg10_names_the_entity_party_to_a_contract_that_performs_none_of_its_functions(
    cli, tmp_path, parties, field, position
) -> None:
    """Havel Leasing no longer performs staff administration, the one function resting on the
    payroll contract it is party to: REG-10 names it where the contract does, and says what to
    do, instead of asking to link a contract that is linked."""
    bank = copy(tmp_path)
    edit(
        bank,
        "functions.yaml",
        STAFF + "entities: [hb-bank, hb-payments, hb-leasing]\n",
        STAFF + "entities: [hb-bank, hb-payments]\n",
    )
    if parties:
        edit(bank, LOHNWERK, "entities: [hb-bank, hb-payments, hb-leasing]\n", parties)
    (finding,) = findings(cli, bank)
    assert (finding["code"], finding["id"], finding["json_path"]) == (
        "REG-10",
        "ctr-lohnwerk-2025",
        field,
    )
    assert finding["path"].endswith(LOHNWERK)
    assert (finding["line"], finding["column"]) == position
    assert finding["message"] == (
        f"entity hb-leasing, named in the field {field} of contract ctr-lohnwerk-2025, uses the "
        "contract's ICT services but performs none of the business functions resting on it: "
        "name the entity in the entities of each function it uses them for, or, if it does not "
        "use them, leave it out of the contract's using_entities; B_02.02.0050 (Function "
        "identifier) is part of the key and is empty (the ESAs' check: 805)"
    )
    # the entity keeps its row, without a function; the others keep theirs
    out = tmp_path / "csv"
    assert export(cli, bank, out, "--allow-incomplete").exit_code == 0
    assert uses(b_02_02(out, "HB-2025-045")) == {
        (BANK_LEI, "staff-administration", "S19"),
        (PAYMENTS_LEI, "staff-administration", "S19"),
        (LEASING_LEI, "", "S19"),
    }


# -- 3. one register gap, one finding ------------------------------------------------------------
GAPS = {
    # BCM-02: the date of the last criticality assessment (B_06.01.0070)
    "BCM-02": (
        "functions.yaml",
        "last_criticality_assessment: 2026-06-30\nrto_hours: 4\n",
        "rto_hours: 4\n",
        ("payments", "last_criticality_assessment"),
    ),
    # SUP-06: how hard a service is to substitute (B_07.01.0050)
    "SUP-06": (
        "suppliers/corebanq.yaml",
        "    substitutability: not_substitutable\n    non_substitutability_reason: both\n",
        "",
        ("corebanq", "services[0].substitutability"),
    ),
    # SUP-06 again: the reason a service is not substitutable (B_07.01.0060), which REG-12 said
    # again while SUP-06 placed it at the substitutability and cited the column in other words
    "SUP-06 reason": (
        "suppliers/corebanq.yaml",
        "    non_substitutability_reason: both\n",
        "",
        ("corebanq", "services[0].non_substitutability_reason"),
    ),
}


@pytest.mark.parametrize("code", sorted(GAPS))
def test_reg12_leaves_a_gap_to_the_dora_rule_that_reports_it_and_says_it_where_none_runs(
    cli, tmp_path, code
) -> None:
    name, old, new, (doc_id, field) = GAPS[code]
    code = code.split()[0]
    bank = copy(tmp_path)
    edit(bank, name, old, new)
    # the dora profile runs (the entities' regimes switch it on): its rule says it, REG-12 not
    found = findings(cli, bank)
    assert [f["code"] for f in found] == [code], where(found)
    assert found[0]["id"] == doc_id
    # the export refuses and lists that finding: the gap does not pass as "no rule reports"
    result = export(cli, bank, tmp_path / "csv")
    assert result.exit_code == 1
    assert f" {code} error " in result.stdout
    assert "REG-12" not in result.stdout
    assert "no rule reports" not in result.stderr
    # where the dora rules do not run, REG-12 still reports the gap at the field to fill: the
    # register's rules alone (--select REG), or a configuration leaving the dora rule out
    assert where(findings(cli, bank, "--select", "REG")) == [("REG-12", doc_id, field)]
    edit(bank, "resilint.yaml", "fail_on: error\n", f"fail_on: error\nignore: [{code}]\n")
    assert where(findings(cli, bank)) == [("REG-12", doc_id, field)]


def test_a_missing_provider_id_is_one_sup02_finding_at_that_field(cli, tmp_path) -> None:
    """One provider without an LEI (corebanq: subcontractors, a parent; kursblick: its own
    parent) gave REG-12 and REG-10 findings at its contract, its parent, its subcontractors and
    its services besides SUP-02's; now SUP-02 alone, at provider_id."""
    bank = copy(tmp_path)
    for supplier, lei in (
        ("corebanq", "391200COREBANQSYST85"),
        ("kursblick", "529900KURSBLICKDAT32"),
    ):
        edit(bank, f"suppliers/{supplier}.yaml", f"provider_id: {lei}\nprovider_id_type: LEI\n", "")
    found = findings(cli, bank)
    assert where(found) == [
        ("SUP-02", "corebanq", "provider_id"),
        ("SUP-02", "kursblick", "provider_id"),
    ]
    assert found[0]["message"].startswith("supplier corebanq has no provider_id: ")
    result = export(cli, bank, tmp_path / "csv")
    assert result.exit_code == 1
    assert "the register as of 2026-12-31 is not ready to file (2 findings)" in result.stderr
    assert result.stdout.count(" SUP-02 error supplier ") == 2
    assert "REG-1" not in result.stdout
    # the register's rules alone still report it, at the same field
    assert where(findings(cli, bank, "--select", "REG")) == [
        ("REG-12", "corebanq", "provider_id"),
        ("REG-12", "kursblick", "provider_id"),
    ]


def test_sup02_leaves_a_providers_check_digits_to_reg11(cli, tmp_path) -> None:
    bank = copy(tmp_path)
    edit(
        bank,
        "suppliers/corebanq.yaml",
        "provider_id: 391200COREBANQSYST85",
        "provider_id: 391200COREBANQSYST58",
    )
    assert where(findings(cli, bank)) == [("REG-11", "corebanq", "provider_id")]
    # without REG-11, SUP-02 reports it
    (finding,) = findings(cli, bank, "--ignore", "REG-11")
    assert (finding["code"], finding["json_path"]) == ("SUP-02", "provider_id")
    assert "the LEI 391200COREBANQSYST58 of supplier corebanq is not valid" in finding["message"]


# -- 4. CON-04 and INS-04: schemes, market infrastructure and our own group ------------------------
def scheme(sid: str, model: str, services: str) -> str:
    """A critical supplier a critical function rests on, whose services cannot be substituted and
    have no exit plan, without a ready alternative."""
    body = (
        f"name: {sid.title()} International\ntier: 1\nsupports_critical_function: true\n"
        f"provides_ict_services: false\n{model}services:\n{services}"
    )
    return doc("Supplier", sid, body)


def irreplaceable(name: str, model: str = "") -> str:
    return (
        f"  - name: {name}\n    supports_critical_function: true\n"
        f"    substitutability: not_substitutable\n"
        f"    non_substitutability_reason: lack_of_alternatives\n{model}"
    )


def relying(*suppliers: str) -> str:
    body = (
        "criticality: critical\nrto_hours: 4\nmtpd_hours: 24\n"
        f"depends_on: {{suppliers: [{', '.join(suppliers)}]}}\n"
    )
    return doc("BusinessFunction", "card-authorisation", body)


def test_con04_asks_no_exit_plan_of_a_payment_scheme_or_market_infrastructure(cli, write) -> None:
    own_model = "    service_model: market_infrastructure\n"
    text = repo(
        # every service market_infrastructure: the supplier's model, or each service's own
        scheme("meridian", "service_model: market_infrastructure\n", irreplaceable("card-scheme")),
        scheme(
            "polaris",
            "",
            irreplaceable("card-scheme", own_model) + irreplaceable("clearing", own_model),
        ),
        # one service of another model: that one is asked an exit plan, the scheme's own is not
        scheme("corvid", "", irreplaceable("card-scheme", own_model) + irreplaceable("processing")),
        # an ordinary critical supplier
        scheme("orbis", "service_model: multi_tenant_saas\n", irreplaceable("acquiring")),
        relying("meridian", "polaris", "corvid", "orbis"),
    )
    found = check(cli, write, text, ["CON-04"])
    assert sorted((f["id"], f["json_path"]) for f in found) == [
        ("corvid", "services[1].exit_plan.reference"),
        ("orbis", "services[0].exit_plan.reference"),
    ]


ENTITIES = ("kind: Entity\nid: north\n", "kind: Entity\nid: north-tech\nparent: north\n")
SUPPLIERS = (
    """
    kind: Supplier
    id: north-tech-services
    name: North Technology Services Ltd
    group_entity: north-tech
    tier: 1
    provides_ict_services: true
    """,
    """
    kind: Supplier
    id: meridian
    name: Meridian International
    tier: 1
    provides_ict_services: false
    service_model: market_infrastructure
    """,
    """
    kind: Supplier
    id: acme
    name: Acme Processing Ltd
    tier: 1
    provides_ict_services: true
    """,
    """
    kind: BusinessFunction
    id: card-authorisation
    criticality: critical
    entities: [north]
    rto_hours: 4
    mtpd_hours: 24
    depends_on: {suppliers: [north-tech-services, meridian, acme]}
    """,
)


def policy(insured: str = "north, north-tech", exclusion: str = "infrastructure_failure") -> str:
    return f"""
kind: InsurancePolicy
id: cyber
insured_entities: [{insured}]
business_interruption: {{waiting_period_hours: 1}}
dependent_bi: {{scope: named, named_providers: []}}
exclusions:
  - {{id: schemes, type: {exclusion}}}
"""


def left_out(cli, write, text: str) -> list[str]:
    """The suppliers INS-04 says dependent cover leaves out."""
    said = [f["message"] for f in check(cli, write, text, ["INS-04"])]
    marker = "insurance policy cyber leaves out critical supplier "
    assert all(m.startswith(marker) for m in said), said  # no waiting-period finding
    return sorted(m.removeprefix(marker).split(",")[0] for m in said)


def test_ins04_asks_dependent_cover_to_name_no_own_group_company_nor_excluded_scheme(
    cli, write
) -> None:
    # our own insured group company, and a scheme whose failure the policy excludes: only the
    # ordinary critical ICT supplier is an uninsured dependency
    assert left_out(cli, write, docs(*ENTITIES, *SUPPLIERS, policy())) == ["acme"]
    # a group company the policy does not insure is a supplier like another
    assert left_out(cli, write, docs(*ENTITIES, *SUPPLIERS, policy(insured="north"))) == [
        "acme",
        "north-tech-services",
    ]
    # a scheme whose failure the policy does not exclude: dependent cover could name it
    assert left_out(cli, write, docs(*ENTITIES, *SUPPLIERS, policy(exclusion="war"))) == [
        "acme",
        "meridian",
    ]


def test_a_providers_own_lei_repeated_as_its_parent_is_judged_once(cli, tmp_path) -> None:
    """A provider that is its own ultimate parent repeats its own LEI there: a wrong check digit
    is one finding (REG-11's where the register holds it; SUP-02's with REG-11 left out), not a
    second one at ultimate_parent."""
    bank = copy(tmp_path)
    lei = "391200COREBANQSYST85"
    wrong = lei[:-2] + lei[-1] + lei[-2]
    path = bank / "suppliers/corebanq.yaml"
    text = path.read_text(encoding="utf-8")
    name = next(line[6:] for line in text.splitlines() if line.startswith("name: "))
    own = f"ultimate_parent: {{name: {name}, provider_id: {lei}, provider_id_type: LEI}}\n"
    text = "\n".join(
        own.rstrip("\n") if line.startswith("ultimate_parent:") else line
        for line in text.splitlines()
    )
    path.write_text(text.replace(lei, wrong) + "\n", encoding="utf-8")
    found = findings(cli, bank)
    assert [f["code"] for f in found] == ["REG-11"], where(found)
    alone = findings(cli, bank, "--ignore", "REG-11")
    assert [(f["code"], f["json_path"]) for f in alone] == [("SUP-02", "provider_id")], where(alone)


def test_a_recipient_without_an_identifier_is_its_own_gap_said_once(cli, tmp_path) -> None:
    """A rank-3 subcontractor serves a rank-2 one that has no identifier: REG-07 reports the
    rank-2 subcontractor's missing code; the empty recipient code of the rank-3 row is that same
    gap, not a REG-10 and a REG-12 at the recipient."""
    bank = copy(tmp_path)
    edit(
        bank,
        "suppliers/corebanq.yaml",
        "    provider_id: 529900NORDRECHENHO21\n    provider_id_type: LEI\n",
        "",
    )
    found = findings(cli, bank)
    assert [f["code"] for f in found] == ["REG-07"], where(found)
    assert found[0]["json_path"].startswith("subcontractors[0]")
