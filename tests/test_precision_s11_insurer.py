"""The eleventh precision audit's second programme (a US specialty insurer and broker under 23
NYCRR 500, with a UK subsidiary and a three-layer cyber tower), through the CLI on real YAML: a
failed test of a restore-testing programme is told as what it is, not as a copy the programme
keeps. Each false alarm is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import check, doc, repo

# -- BCM-09: a restore-testing programme keeps no copy of its own ----------------------------

FUNCTION = doc("BusinessFunction", "claims", "criticality: critical\n")


def backup(name: str, category: str, result: str, day: str) -> str:
    body = f"category: {category}\nstatus: implemented\nfunctions: [claims]\n"
    return doc("Control", name, body + f"last_restore_test: {{date: {day}, result: {result}}}\n")


def test_bcm09_a_failed_programme_test_is_told_as_a_backup_it_tested(cli, write) -> None:
    vault = backup("vault", "backup_immutable", "pass", "2026-10-18")
    programme = backup("restore-testing", "backup_restore_test", "fail", "2026-11-12")
    (finding,) = check(cli, write, repo(FUNCTION, vault, programme), ["BCM-09"])
    message = finding["message"]
    assert "restore testing control restore-testing failed on 2026-11-12" in message
    assert "a backup it tested did not restore" in message
    assert "the copy it keeps" not in message
    # a backup copy's own failed test still speaks of the copy it keeps
    copy = backup("vault", "backup_immutable", "fail", "2026-11-12")
    (finding,) = check(cli, write, repo(FUNCTION, copy), ["BCM-09"])
    assert "the copy it keeps may not restore" in finding["message"]
