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
