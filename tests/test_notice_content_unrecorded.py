"""A contract imported from a spreadsheet with its notice window and trigger but not what the
notice must contain, through the CLI: CTR-05 says that the record does not say, never that
"the contract lists (not set)"."""

from __future__ import annotations

import json

from one_file import AS_OF, doc, repo

ENTITY = doc(
    "Entity",
    "kranich",
    "name: Kranich Logistik GmbH\ncountry: DE\nregimes: [nis2]\nnis2_category: important\n",
)


def ctr05(cli, write, supplier: str, notice: str) -> list[str]:
    text = repo(
        ENTITY,
        doc(
            "Supplier",
            "routeo",
            "name: Routeo TMS GmbH\ntier: 1\nprovides_ict_services: true\n" + supplier,
        ),
        doc(
            "Contract",
            "ctr-routeo",
            "supplier: routeo\nentities: [kranich]\nstatus: active\ncovers_ict_services: true\n"
            "start_date: 2024-01-01\nend_date: 2027-12-31\n" + notice,
        ),
    )
    write("resilint.yaml", "fail_on: error\n")
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    return [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "CTR-05"]


def test_notice_content_not_recorded_is_said_as_not_recorded(cli, write) -> None:
    said = ctr05(
        cli,
        write,
        "highest_access_level: write\ndata_sensitivity: confidential\n",
        "incident_notification: {window_hours: 24, trigger: suspected}\n",
    )
    assert len(said) == 1, said
    assert "(not set)" not in said[0]
    assert said[0].startswith(
        "the record of contract ctr-routeo does not say what the incident notice of supplier "
        "routeo must contain (incident_notification.content): it must say whether affected "
        "systems were isolated and whom to contact (isolation_status, contact)"
    )
    # its access is write access without privilege: its accounts are named as recorded
    assert "must say which of its accounts with write access to our systems" in said[0]


def test_notice_content_recorded_short_is_what_the_contract_lacks(cli, write) -> None:
    said = ctr05(
        cli,
        write,
        "",
        "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n",
    )
    assert len(said) == 1, said
    assert "does not require an actionable incident notice" in said[0]
    assert "but the contract lists contact" in said[0]
