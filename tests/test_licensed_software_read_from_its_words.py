"""Software we license and run ourselves, described in words rather than the DORA code S13 (a
PLC maker's "signed firmware and engineering software licences", storing none of our data), is
licensed software: step-in rights and forensic images have no object in it (escrow of its code
is asked in place of step-in, CTR-08). Words saying it is hosted, run or remotely supported by
the supplier, or data it stores, leave its model unknown, every term asked."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo

RULES = ["CTR-06", "CTR-08"]


def vendor(service_type: str, stores_data: str = "false", remedies: str = "") -> str:
    entity = doc("Entity", "waterco", "regimes: [nis2]\nnis2_category: essential\n")
    supplier = doc(
        "Supplier",
        "plcmaker",
        "status: active\ntier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
        "highest_access_level: none\ndata_sensitivity: internal\n"
        "services:\n  - name: firmware\n"
        f"    service_type: {service_type}\n    stores_data: {stores_data}\n",
    )
    contract = doc(
        "Contract",
        "ctr-plcmaker",
        "supplier: plcmaker\nentities: [waterco]\nstatus: active\ncovers_ict_services: true\n"
        "incident_notification: {window_hours: 12, trigger: suspected}\n"
        "evidence_retention: {log_days: 365, preservation_on_request: true,"
        " access_for: [incident_team, insurer_forensics]}\n"
        "cooperation: {incident_team: true}\n"
        f"remedies: {{security_indemnity: true, accelerated_termination: true{remedies}}}\n",
    )
    return repo(entity, supplier, contract)


def test_firmware_and_licences_we_run_are_asked_escrow_not_step_in(cli, write) -> None:
    found = check(cli, write, vendor("PLC firmware and engineering software licences"), RULES)
    assert codes(found) == ["CTR-08"]
    text = messages(found, "CTR-08")
    assert "escrow" in text and "step-in" not in text
    escrowed = vendor("PLC firmware and engineering software licences", remedies=", escrow: true")
    assert check(cli, write, escrowed, RULES) == []


def test_its_record_as_s13_reads_the_same(cli, write) -> None:
    coded = vendor("PLC firmware", remedies=", escrow: true").replace(
        "stores_data: false", "stores_data: false\n    ict_service_type: S13"
    )
    assert check(cli, write, coded, RULES) == []


def test_hosted_or_remotely_supported_software_is_asked_every_term(cli, write) -> None:
    for words, stores in (
        ("firmware updates and remote maintenance of our controllers", "false"),
        # the maker reaches our controllers or hosts an instance: not software we only run
        ("PLC firmware updates and remote diagnostics", "false"),
        ("SCADA software licence, vendor support over VPN", "false"),
        ("core software licence; the vendor hosts the DR instance", "false"),
        # the vendor runs or administers it for us, or updates it over the air
        ("software licence and application management", "false"),
        ("licensed software, operated by the vendor at our site", "false"),
        ("PLC firmware updated over the air by the maker", "false"),
        ("engineering software licences, hosted in the vendor's cloud", "false"),
        ("PLC firmware", "true"),
    ):
        found = check(cli, write, vendor(words, stores, ", escrow: true"), RULES)
        assert "step-in" in messages(found, "CTR-08"), (words, codes(found))


def test_firmware_for_remote_sites_is_still_software_we_run(cli, write) -> None:
    # "remote" naming where the devices stand says nothing of the maker reaching them, nor a
    # product's kind ("asset management software") who runs it
    for words in ("firmware for remote pumping stations", "asset management software licences"):
        found = check(cli, write, vendor(words), RULES)
        assert "step-in" not in messages(found, "CTR-08"), words
