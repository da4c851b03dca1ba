"""The twentieth precision audit's insurance findings (an electronic-money institution, a SaaS
vendor and an insurer), through the CLI on real YAML: a condition asking MFA for all remote
access reaches the person accounts suppliers' staff sign in with from outside (a gap that went
unreported), but not one recorded as signing in only on our premises."""

from __future__ import annotations

from one_file import check, doc, line, repo

# -- INS-01: remote access reaches the person accounts of suppliers' staff --------------------

REMOTE = (
    "period: {start: 2026-06-01, end: 2027-05-31}\n"
    "conditions:\n"
    "  - id: mfa\n"
    "    statement: MFA for all email, all remote access and all privileged accounts.\n"
    "    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]\n"
    "    scope: [email, remote_access, privileged_access]\n"
    "    attested: true\n"
)


def control(name: str, category: str, scope: str) -> str:
    return doc("Control", name, f"category: {category}\nstatus: implemented\nscope: {scope}\n")


CONTROLS = (
    control("mfa-email", "mfa_email", "[email]"),
    control("mfa-remote", "mfa_remote_access", "[remote_access]"),
    control("mfa-admin", "mfa_privileged", "[privileged_access]"),
)
AGENCY = doc("Supplier", "devnest", "tier: 2\nservice_model: staff_augmentation\n")


def developers(extra: str = "") -> str:
    body = "supplier: devnest\ntype: human_account\naccess_level: write\nstatus: active\n"
    return doc("Identity", "placed-developers", body + "mfa: false\n" + extra)


def ins01(cli, write, *documents: str, condition: str = REMOTE) -> list[dict]:
    policy = doc("InsurancePolicy", "cyber", condition)
    return check(cli, write, repo(policy, *CONTROLS, AGENCY, *documents), ["INS-01"])


def test_remote_access_mfa_reaches_a_supplier_person_account_without_mfa(cli, write) -> None:
    assert ins01(cli, write) == []
    (finding,) = ins01(cli, write, developers())
    message = finding["message"]
    assert "condition mfa, needs MFA on remote access" in message
    assert "placed-developers (write, supplier devnest)" in message
    assert "we attested this condition" in message
    # a condition naming only the category asks it over its own area, remote access
    bare = REMOTE.replace("    scope: [email, remote_access, privileged_access]\n", "").replace(
        "[mfa_email, mfa_remote_access, mfa_privileged]", "[mfa_remote_access]"
    )
    (finding,) = ins01(cli, write, developers(), condition=bare)
    assert "placed-developers" in finding["message"]


def test_remote_access_mfa_does_not_reach_an_account_used_only_on_our_premises(cli, write) -> None:
    assert ins01(cli, write, developers("on_site_only: true\n")) == []
    # MFA for third parties' access reaches it all the same: on site is still their access
    vendors = REMOTE.replace("privileged_access]\n", "privileged_access, third_party_access]\n")
    text_controls = control("mfa-vendors", "mfa_remote_access", "[third_party_access]")
    (finding,) = ins01(
        cli, write, developers("on_site_only: true\n"), text_controls, condition=vendors
    )
    assert "placed-developers" in finding["message"]


def test_email_mfa_and_machine_credentials_are_not_reached(cli, write) -> None:
    email_only = REMOTE.replace(
        "[mfa_email, mfa_remote_access, mfa_privileged]", "[mfa_email]"
    ).replace("[email, remote_access, privileged_access]", "[email]")
    assert ins01(cli, write, developers(), condition=email_only) == []
    robot = developers().replace("human_account", "service_account")
    assert ins01(cli, write, robot) == []
    text = repo(doc("InsurancePolicy", "cyber", REMOTE), *CONTROLS, AGENCY, developers())
    (finding,) = check(cli, write, text, ["INS-01"])
    assert finding["line"] == line(text, "control_categories:")


# -- INS-02: a control proved by a test is judged by the date of the test ---------------------

BACKUPS = doc(
    "InsurancePolicy",
    "cyber",
    "period: {start: 2026-06-01, end: 2027-05-31}\nconditions:\n"
    "  - id: backups\n    statement: Immutable backups, restore tested at least yearly.\n"
    "    control_categories: [backup_restore_test, mfa_email, ir_plan_tested]\n",
)


def proved(name: str, category: str, body: str) -> str:
    return doc("Control", name, f"category: {category}\nstatus: implemented\n{body}")


def restore(day: str, evidence: str = "") -> str:
    test = f"last_restore_test: {{date: {day}, result: pass, reference: restore-{day}.pdf}}\n"
    return proved("restore-test", "backup_restore_test", evidence + test)


def evidence(day: str) -> str:
    return f"evidence: {{reference: evidence-{day}.pdf, last_verified: {day}}}\n"


def test_ins02_takes_a_restore_test_within_the_year_as_its_evidence(cli, write) -> None:
    # tested in May: six months later, the condition's yearly test is still proved
    assert (
        check(cli, write, repo(BACKUPS, restore("2026-05-16", evidence("2026-05-16"))), ["INS-02"])
        == []
    )
    # the report of the restore test is the evidence: no other record is asked
    assert check(cli, write, repo(BACKUPS, restore("2026-05-16")), ["INS-02"]) == []
    # an incident response plan exercised in March is proved by that exercise's report
    drill = proved("ir-drill", "ir_plan_tested", evidence("2026-03-10"))
    assert check(cli, write, repo(BACKUPS, drill), ["INS-02"]) == []


def test_ins02_still_finds_a_restore_test_out_of_date_or_missing(cli, write) -> None:
    text = repo(BACKUPS, restore("2025-09-22", evidence("2026-11-01")))
    (finding,) = check(cli, write, text, ["INS-02"])
    assert finding["line"] == line(text, "last_restore_test:")
    message = finding["message"]
    assert "its last restore test was on 2025-09-22, not within the last 365 days" in message
    # the yearly interval is this programme's policy, not the law: the message says so
    assert "365 days (programme policy, not a legal requirement)" in message
    assert "run a restore test" in message
    untested = proved("restore-test", "backup_restore_test", evidence("2026-11-01"))
    (finding,) = check(cli, write, repo(BACKUPS, untested), ["INS-02"])
    assert "records no restore test (last_restore_test" in finding["message"]
    drill = proved("ir-drill", "ir_plan_tested", evidence("2025-10-01"))
    (finding,) = check(cli, write, repo(BACKUPS, drill), ["INS-02"])
    assert "the test its evidence reports was on 2025-10-01" in finding["message"]
    assert "365 days ago (programme policy, not a legal requirement)" in finding["message"]


def test_ins02_keeps_90_days_for_a_control_whose_state_can_drift(cli, write) -> None:
    mfa = proved("mfa-email", "mfa_email", "scope: [email]\n" + evidence("2026-05-16"))
    (finding,) = check(cli, write, repo(BACKUPS, mfa), ["INS-02"])
    message = finding["message"]
    assert "last verified on 2026-05-16, more than 90 days ago" in message
    # the 90 days are this programme's policy, not the law: the message says so
    assert "90 days ago (programme policy, not a legal requirement)" in message
