"""Precision from the audit of a crypto-asset service provider under DORA and MiCA and of a
German hospital group under NIS2, through the CLI on real files.

CON-04 asks an exit plan of the services of engaged suppliers only, as SUP-07 does: a
prospective supplier in due diligence (the candidate alternative an exit plan names) supports
no function yet, and is asked once a contract with it is in force.

EVD-01 and the calendar ask no update of a claims evidence item that records something past
(type other, ``kept_current: false``: the claim file of an earlier incident), while a stale
living item of type other is still reported, and no item the insurer needs current may be
marked so.

CTR-03 and CTR-04 name the same deadline of several entities of a group once ("the 24-hour
early-warning deadline to the regulator of entities kvw and kh-holzminden"), each entity still
a related place of its own.

``resilint impact --region`` takes as down the suppliers that run in the region as their
primary one (and the region's provider), not one that keeps only a standby or a replica there:
a node provider whose failover site is in the cloud region that is down goes on serving, and
its identities are not to be disabled nor its playbook opened.

``resilint register export`` does not file a B_02.02 row saying the provider stores data
(0140: yes) with "not applicable" as its location (0150): SUP-10 keeps it from filing where
the dora profile runs, REG-12 at the field to fill where it does not.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from conftest import EXAMPLES
from one_file import AS_OF, check, doc, evidence_package, repo


# -- 1. CON-04: a prospective supplier -----------------------------------------------------------
def candidate(status: str) -> str:
    """A tier-1 supplier of a hard-to-replace service recorded as supporting a critical
    function, with no exit plan and no ready alternative."""
    body = (
        f"name: Candidate HSM Services GmbH\nstatus: {status}\ntier: 1\n"
        "supports_critical_function: true\nprovides_ict_services: true\n"
        "services:\n  - name: hsm-service\n    supports_critical_function: true\n"
        "    substitutability: highly_complex\n"
        "    non_substitutability_reason: difficult_migration\n"
    )
    return doc("Supplier", "candidate", body)


def contract(status: str) -> str:
    body = (
        f"supplier: candidate\nstatus: {status}\nstart_date: 2026-01-01\nend_date: 2029-12-31\n"
        "services: [hsm-service]\n"
    )
    return doc("Contract", "ctr-candidate", body)


def test_con04_asks_no_exit_plan_of_a_prospective_supplier(cli, write) -> None:
    assert check(cli, write, repo(candidate("prospective")), ["CON-04"]) == []
    # a draft contract under negotiation does not engage it either
    text = repo(candidate("prospective"), contract("draft"))
    assert check(cli, write, text, ["CON-04"]) == []


def test_con04_still_asks_an_engaged_supplier(cli, write) -> None:
    found = check(cli, write, repo(candidate("active")), ["CON-04"])
    assert [(f["id"], f["json_path"]) for f in found] == [
        ("candidate", "services[0].exit_plan.reference")
    ]
    # recorded as prospective, but working for us under a contract in force: engaged
    found = check(cli, write, repo(candidate("prospective"), contract("active")), ["CON-04"])
    assert [f["id"] for f in found] == ["candidate"]


# -- 2. EVD-01: a record of an earlier incident in the claims evidence package -------------------
CLAIM_FILE = (
    "{type: other, description: claim file of the 2025 ransomware incident, "
    "location: vault/claim-2025, owner: risk, last_updated: 2025-03-10"
)


def test_evd01_asks_no_update_of_a_record_of_an_earlier_incident(cli, write) -> None:
    text = evidence_package(CLAIM_FILE + ", kept_current: false}")
    assert check(cli, write, text, ["EVD-01"]) == []
    calendar = cli("calendar", "repo.yaml", "--as-of", AS_OF, "--format", "json")
    assert "other item" not in calendar.stdout and "claim-2025" not in calendar.stdout
    # without the marker, the same item is held to 180 days, in the check and the calendar
    found = check(cli, write, evidence_package(CLAIM_FILE + "}"), ["EVD-01"])
    assert [(f["json_path"], "2025-03-10" in f["message"]) for f in found] == [("items[7]", True)]
    calendar = cli("calendar", "repo.yaml", "--as-of", AS_OF, "--format", "json")
    assert "other item of the claims evidence" in json.dumps(calendar.json())


def test_evd01_still_reports_a_stale_living_item_beside_a_record(cli, write) -> None:
    record = CLAIM_FILE + ", kept_current: false}"
    living = "{type: other, location: vault/screens, owner: soc, last_updated: 2025-01-10}"
    found = check(cli, write, evidence_package(record, living), ["EVD-01"])
    assert [f["json_path"] for f in found] == ["items[8]"]
    # a record still needs a place and an owner
    found = check(
        cli,
        write,
        evidence_package("{type: other, location: vault/x, kept_current: false}"),
        ["EVD-01"],
    )
    assert [(f["json_path"], "no owner" in f["message"]) for f in found] == [("items[7]", True)]


def test_only_an_item_of_type_other_may_be_a_record_of_the_past(cli, write) -> None:
    text = evidence_package().replace(
        "backup_validation_reports, location: vault/backup_validation_reports, owner: risk, "
        "last_updated: 2026-10-01}",
        "backup_validation_reports, location: vault/b, owner: risk, last_updated: 2024-01-01, "
        "kept_current: false}",
    )
    found = check(cli, write, text, ["SCH-01", "EVD-01"])
    assert [f["code"] for f in found] == ["SCH-01"], found
    assert "kept_current must be true, got false" in found[0]["message"]


# -- 3. CTR-03 and CTR-04: one phrase for the same deadline of a group's entities ----------------
HOSPITAL = (
    "country: DE\nregimes: [nis2]\nnis2_category: essential\nnis2_entity_type: other\n"
    "reporting_clocks: {regulator_early_warning_hours: 24, regulator_initial_hours: 72}\n"
)


def test_a_group_s_same_deadline_is_named_once(cli, write) -> None:
    vendor = (
        "name: Imaging Vendor GmbH\ntier: 1\nsupports_critical_function: true\n"
        "provides_ict_services: true\nhighest_access_level: privileged\n"
        "data_sensitivity: restricted\nservices:\n  - name: pacs\n"
        "    supports_critical_function: true\n"
    )
    contract = (
        "supplier: vendor\nentities: [hameln, holzminden]\nstatus: active\n"
        "start_date: 2024-01-01\nend_date: 2029-12-31\nservices: [pacs]\n"
        "incident_notification: {window_hours: 72, trigger: suspected}\n"
    )
    text = repo(
        doc("Entity", "hameln", HOSPITAL),
        doc("Entity", "holzminden", HOSPITAL + "parent: hameln\n"),
        doc("Supplier", "vendor", vendor),
        doc("Contract", "ctr-vendor", contract),
    )
    found = check(cli, write, text, ["CTR-03", "CTR-04"])
    ctr03 = [f for f in found if f["code"] == "CTR-03"]
    assert len(ctr03) == 1, found
    message = ctr03[0]["message"]
    assert "early-warning deadline to the regulator of entities hameln and holzminden" in message
    assert message.count("early-warning") == 1
    # CTR-04, for a tier-2 supplier within its tier's 48 hours: each entity's clock is still
    # shown where it is recorded
    text = text.replace("tier: 1\nsupports_critical_function: true", "tier: 2").replace(
        "highest_access_level: privileged\ndata_sensitivity: restricted",
        "highest_access_level: write\ndata_sensitivity: confidential",
    )
    text = text.replace("    supports_critical_function: true\n", "").replace(
        "window_hours: 72", "window_hours: 48"
    )
    found = check(cli, write, text, ["CTR-03", "CTR-04"])
    assert [f["code"] for f in found] == ["CTR-04"], found
    message = found[0]["message"]
    assert "early-warning deadline to the regulator of entities hameln and holzminden" in message
    assert message.count("early-warning") == 1
    related = [r["message"] for r in found[0]["related"]]
    assert sum("early-warning" in r for r in related) == 2, related


def test_the_same_notice_deadline_of_two_policies_is_named_once_in_the_plural(cli, write) -> None:
    """The kind is named in the plural from the documents' kind: "insurance policies"."""
    policy = (
        "insured_entities: [insurer-de]\nperiod: {start: 2026-01-01, end: 2026-12-31}\n"
        "notice: {incident_notice_hours: 48}\n"
    )
    vendor = (
        "name: Vendor GmbH\ntier: 1\nprovides_ict_services: true\n"
        "highest_access_level: privileged\ndata_sensitivity: restricted\n"
        "services:\n  - name: hosting\n"
    )
    contract = (
        "supplier: vendor\nentities: [insurer-de]\nstatus: active\nstart_date: 2024-01-01\n"
        "end_date: 2029-12-31\nservices: [hosting]\n"
        "incident_notification: {window_hours: 72, trigger: suspected}\n"
    )
    text = repo(
        doc("Entity", "insurer-de", "country: DE\n"),
        doc("InsurancePolicy", "cyber", policy),
        doc("InsurancePolicy", "cyber-xs", policy),
        doc("Supplier", "vendor", vendor),
        doc("Contract", "ctr-vendor", contract),
    )
    (finding,) = check(cli, write, text, ["CTR-03"])
    message = finding["message"]
    assert "72 hours also run past the 48-hour incident notice deadline of insurance policies " in (
        message
    )
    assert "of insurance policies cyber and cyber-xs (a policy condition" in message
    assert message.count("incident notice deadline") == 1


# -- 4. impact --region: a supplier with only its standby in the region is not down -------------
def region_repo() -> str:
    def supplier(sid: str, role: str) -> str:
        body = (
            f"name: {sid.title()} GmbH\ntier: 1\nsupports_critical_function: true\n"
            "provides_ict_services: true\nhighest_access_level: write\n"
            "shared_dependencies:\n  cloud:\n"
            f"    - {{provider: nimbo, region: fra-1, role: {role}}}\n"
        )
        if role != "primary":
            body += "    - {provider: ownsite, region: dc-1, role: primary}\n"
        return doc("Supplier", sid, body)

    def identity(sid: str) -> str:
        body = (
            f"supplier: {sid}\nintegration: webhooks\ntype: api_key\naccess_level: write\n"
            "owner: iam-lead\nstatus: active\n"
        )
        return doc("Identity", f"{sid}-key", body)

    function = (
        "criticality: critical\nrto_hours: 4\nmtpd_hours: 24\n"
        "depends_on: {suppliers: [wallets, nodes]}\n"
    )
    return repo(
        supplier("wallets", "primary"),
        supplier("nodes", "standby"),
        identity("wallets"),
        identity("nodes"),
        doc("BusinessFunction", "custody", function),
    )


def test_impact_of_a_region_leaves_out_a_supplier_with_only_its_standby_there(cli, write) -> None:
    write("repo.yaml", region_repo())
    args = ("--region", "nimbo/fra-1", "--format", "json", "--as-of", AS_OF)
    result = cli("impact", "repo.yaml", *args)
    answer = result.json()
    assert [s["id"] for s in answer["suppliers"]] == ["wallets"], result.stdout
    assert [i["id"] for i in answer["identities"]] == ["wallets-key"]
    # its own primary region down, the node provider is down
    answer = cli("impact", "repo.yaml", "--region", "ownsite/dc-1", *args[2:]).json()
    assert [s["id"] for s in answer["suppliers"]] == ["nodes"]


# -- 5. register export: a provider storing our data somewhere unsaid ------------------------------
def bank_storing_nowhere(tmp_path: Path, config: str = "") -> Path:
    """A copy of examples/havelbank whose core banking service stores data in no country."""
    bank = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", bank, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = bank / "suppliers" / "corebanq.yaml"
    text = supplier.read_text(encoding="utf-8")
    assert text.count("    data_storage_countries: [DE]\n") == 1
    supplier.write_text(text.replace("    data_storage_countries: [DE]\n", ""), encoding="utf-8")
    settings = bank / "resilint.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + config, encoding="utf-8")
    return bank


def export(cli, bank: Path, out: Path, *extra: str):
    args = ("--format", "csv", "-o", str(out), "--reference-date", "2026-12-31", *extra)
    return cli("register", "export", str(bank), *args)


def test_register_export_does_not_file_stored_data_without_a_location(cli, tmp_path) -> None:
    bank = bank_storing_nowhere(tmp_path)
    out = tmp_path / "register"
    result = export(cli, bank, out)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "SUP-10 error service core-banking of supplier corebanq stores our data" in result.stdout
    assert not out.exists()
    # written as asked, the row is what the finding said
    assert export(cli, bank, out, "--allow-incomplete").exit_code == 0
    with (out / "b_02.02.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["c0030"] == "391200COREBANQSYST85"]
    assert rows and {(r["c0140"], r["c0150"]) for r in rows} == {("yes", "n/a")}


def test_reg12_says_it_where_sup10_does_not_run(cli, tmp_path) -> None:
    bank = bank_storing_nowhere(tmp_path, "ignore: [SUP-10]\n")
    result = export(cli, bank, tmp_path / "register")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (
        "REG-12 error fill in the field services[0].data_storage_countries of supplier corebanq; "
        "B_02.02.0150 (Location of the data at rest (storage)) would say not applicable while "
        "B_02.02.0140 says the provider stores data"
    ) in result.stdout
    # and the check says it once, with the dora profile on or off
    found = cli("check", str(bank), "--format", "json", "--no-cache").json()["findings"]
    assert [f["code"] for f in found] == ["REG-12"], found
    bank = bank_storing_nowhere(tmp_path / "on")
    found = cli("check", str(bank), "--format", "json", "--no-cache").json()["findings"]
    assert [f["code"] for f in found] == ["SUP-10"], found
