"""CTR-05 asks the incident notice of a supplier that operates in our systems to say which
privileged accounts were disabled. A facilities crew whose every account signs in only on our
premises (on_site_only: technicians at the building management consoles in our technical
rooms) works on accounts we issue and disable ourselves, and holds no remote path of its own
to disable: the item is not asked of it, as staff augmentation is not. Its notice is still
asked isolation status and a contact, and a remote account (an out-of-hours connection) or a
machine credential of it still asks the item."""

from __future__ import annotations

from one_file import check, doc, repo

FACILITIES = doc(
    "Supplier",
    "facilities",
    "name: Facility Services NV\n"
    "description: Facility management of our hospital sites, operating the building management"
    " system.\n"
    "tier: 1\nstatus: active\nprovides_ict_services: false\nsupports_critical_function: true\n"
    "data_sensitivity: internal\npersonal_data: false\nhighest_access_level: write\n"
    "services:\n  - {name: facility-management, service_type: facility management,"
    " stores_data: false}\n",
)
TECHNICIANS = doc(
    "Identity",
    "bms-technicians",
    "supplier: facilities\ntype: human_account\naccess_level: write\nsystems: [bms]\n"
    "owner: technical-services-manager\nmfa: true\non_site_only: true\nstatus: active\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-facilities",
    "supplier: facilities\nstatus: active\ncovers_ict_services: false\n"
    "supports_critical_function: true\nstart_date: 2024-01-01\nend_date: 2028-12-31\n"
    "incident_notification:\n  window_hours: 24\n  trigger: suspected\n"
    "  content: [isolation_status, contact]\n",
)


def _ctr05(cli, write, *documents: str) -> list[str]:
    return [f["message"] for f in check(cli, write, repo(*documents), ["CTR-05"])]


def test_an_on_site_crew_is_not_asked_which_privileged_accounts_were_disabled(cli, write) -> None:
    assert _ctr05(cli, write, FACILITIES, TECHNICIANS, CONTRACT) == []


def test_its_notice_still_needs_isolation_status_and_a_contact(cli, write) -> None:
    bare = CONTRACT.replace("content: [isolation_status, contact]", "content: [contact]")
    [message] = _ctr05(cli, write, FACILITIES, TECHNICIANS, bare)
    assert "whether affected systems were isolated" in message
    assert "disabled_privileged_accounts" not in message


def test_a_remote_account_or_a_machine_credential_still_asks_it(cli, write) -> None:
    remote = TECHNICIANS.replace("on_site_only: true", "on_site_only: false")
    gateway = doc(
        "Identity",
        "bms-gateway",
        "supplier: facilities\ntype: service_account\naccess_level: write\nsystems: [bms]\n"
        "owner: technical-services-manager\nrotation_days: 90\nlast_rotated: 2026-10-01\n"
        "status: active\n",
    )
    for documents in ((remote,), (TECHNICIANS, gateway)):
        [message] = _ctr05(cli, write, FACILITIES, *documents, CONTRACT)
        # its access is write access without privilege: the accounts are named as recorded
        words = "which of its accounts with write access to our systems were disabled"
        assert words + " (disabled_privileged_accounts)" in message
        assert "privileged accounts were disabled" not in message
