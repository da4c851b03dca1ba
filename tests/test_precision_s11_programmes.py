"""The eleventh precision audit (a NIS2 pharmaceutical manufacturer with OT suppliers and a DORA
payment institution keeping its register of information), through the CLI on real YAML: a 24x7
security contact with a phone number has a channel to raise an incident on; a restore test
recorded on the backup control itself meets an insurer's restore-testing warranty. Each false
alarm is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import check, doc, line, repo

# -- SUP-03: a phone number answered around the clock is the hotline -------------------------

TIER_2 = "tier: 2\nprovides_ict_services: true\n"


def contact(fields: str) -> str:
    return doc("Supplier", "telco", f"{TIER_2}contacts:\n  security_24x7: {{{fields}}}\n")


def test_sup03_a_24x7_phone_is_a_channel_to_raise_an_incident(cli, write) -> None:
    phone = contact('name: NOC, phone: "+49 800 555 0660", available_24x7: true')
    assert check(cli, write, phone, ["SUP-03"]) == []
    labelled = contact("name: NOC, email: noc@telco.example, channel: portal, available_24x7: true")
    assert check(cli, write, labelled, ["SUP-03"]) == []


def test_sup03_an_email_address_alone_still_needs_its_channel(cli, write) -> None:
    text = contact("name: NOC, email: noc@telco.example, available_24x7: true")
    (finding,) = check(cli, write, text, ["SUP-03"])
    assert "has no channel to raise an incident on" in finding["message"]
    assert "contacts.security_24x7.phone" in finding["message"]
    assert finding["line"] == line(text, "security_24x7")


# -- INS-01: a restore test recorded on the backup control meets a restore-testing warranty ---

WARRANTY = """insured_entities: []
conditions:
  - id: backups
    statement: Immutable backups of critical systems, restore tested at least annually.
    control_categories: [backup_immutable, backup_restore_test]
    scope: [servers, backups]
    attested: true
"""


def backup(test: str) -> str:
    body = "category: backup_immutable\nstatus: implemented\nscope: [servers, backups]\n"
    return doc("Control", "backup-immutable", body + test)


def policy(*controls: str) -> str:
    period = "period: {start: 2026-07-01, end: 2027-06-30}\n"
    return repo(doc("InsurancePolicy", "cyber", period + WARRANTY), *controls)


def test_ins01_a_backup_control_with_its_own_passed_restore_test_meets_the_warranty(
    cli, write
) -> None:
    tested = backup("last_restore_test: {date: 2026-10-20, result: pass}\n")
    assert check(cli, write, policy(tested), ["INS-01"]) == []


def test_ins01_its_failed_stale_or_missing_restore_test_still_does_not(cli, write) -> None:
    failed = backup("last_restore_test: {date: 2026-10-20, result: fail}\n")
    (finding,) = check(cli, write, policy(failed), ["INS-01"])
    message = finding["message"]
    assert "the latest restore test of control backup-immutable failed on 2026-10-20" in message
    stale = backup("last_restore_test: {date: 2025-05-14, result: pass}\n")
    (finding,) = check(cli, write, policy(stale), ["INS-01"])
    assert "control backup-immutable was last tested on 2025-05-14" in finding["message"]
    (finding,) = check(cli, write, policy(backup("")), ["INS-01"])
    assert "needs an implemented backup_restore_test control" in finding["message"]
    assert "the controls inventory has none" in finding["message"]
