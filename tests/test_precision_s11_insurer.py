"""The eleventh precision audit's second programme (a US specialty insurer and broker under 23
NYCRR 500, with a UK subsidiary and a three-layer cyber tower), through the CLI on real YAML: an
MFA condition that extends to vendors' access asks that of the MFA controls together, not of the
email MFA and the privileged MFA each; a failed test of a restore-testing programme is told as
what it is, not as a copy the programme keeps. Each false alarm is gone, and each real gap is
still found."""

from __future__ import annotations

from one_file import check, doc, line, repo

# -- INS-01: vendors' access under an MFA condition naming several MFA categories ------------

CONDITION = (
    "period: {start: 2026-06-01, end: 2027-05-31}\n"
    "conditions:\n"
    "  - id: mfa\n"
    "    statement: MFA on email, remote access (vendors included) and privileged accounts.\n"
    "    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]\n"
    "    scope: [email, remote_access, privileged_access, third_party_access]\n"
    "    attested: true\n"
)
POLICY = doc("InsurancePolicy", "cyber", CONDITION)


def control(name: str, category: str, scope: str, status: str = "implemented") -> str:
    return doc("Control", name, f"category: {category}\nstatus: {status}\nscope: {scope}\n")


STAFF = (
    control("mfa-email", "mfa_email", "[email]"),
    control("mfa-remote", "mfa_remote_access", "[remote_access]"),
    control("mfa-admin", "mfa_privileged", "[privileged_access]"),
)


def test_ins01_vendor_access_is_asked_of_the_mfa_controls_together(cli, write) -> None:
    vendors = control("mfa-vendors", "mfa_remote_access", "[third_party_access]")
    assert check(cli, write, repo(POLICY, *STAFF, vendors), ["INS-01"]) == []
    # the privileged MFA covering vendors' admin sessions meets it as well
    admins = control("mfa-admin", "mfa_privileged", "[privileged_access, third_party_access]")
    assert check(cli, write, repo(POLICY, *STAFF[:2], admins), ["INS-01"]) == []


def test_ins01_vendor_access_without_mfa_is_one_finding_at_the_scope(cli, write) -> None:
    partial = control("mfa-vendors", "mfa_remote_access", "[third_party_access]", "partial")
    text = repo(POLICY, *STAFF, partial)
    (finding,) = check(cli, write, text, ["INS-01"])
    assert finding["line"] == line(text, "scope: [email")
    message = finding["message"]
    assert "needs an implemented MFA control (mfa_email, mfa_remote_access or mfa_privileged)" in (
        message
    )
    assert "covering third_party_access" in message and "control mfa-vendors is partial" in message
    assert "mfa_email controls covering" not in message
    assert [r["message"] for r in finding["related"]] == ["mfa_remote_access control"]


def test_ins01_each_mfa_area_is_still_asked_of_its_own_category(cli, write) -> None:
    vendors = control("mfa-vendors", "mfa_remote_access", "[third_party_access]")
    # the email MFA is only planned: the email area is uncovered, whatever covers vendors
    planned = control("mfa-email", "mfa_email", "[email]", "planned")
    found = check(cli, write, repo(POLICY, planned, *STAFF[1:], vendors), ["INS-01"])
    assert [f["message"].split(", but")[0].split("condition mfa, ")[1] for f in found] == [
        "needs an implemented mfa_email control covering email"
    ]
    # a condition naming one MFA category still asks that category to cover every scope
    single = CONDITION.replace(
        "[mfa_email, mfa_remote_access, mfa_privileged]", "[mfa_remote_access]"
    ).replace(
        "email, remote_access, privileged_access, third_party_access",
        "remote_access, third_party_access",
    )
    (finding,) = check(
        cli, write, repo(doc("InsurancePolicy", "cyber", single), *STAFF), ["INS-01"]
    )
    assert "leave third_party_access uncovered" in finding["message"]


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
