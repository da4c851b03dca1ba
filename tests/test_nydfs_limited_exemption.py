"""A small New York covered entity under the limited exemption of 23 NYCRR 500.19(a) is asked
the multi-factor authentication that 500.12(a) asks of it (remote access, third-party
applications holding nonpublic information, privileged accounts), not MFA on every access,
through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, repo

EXEMPT = doc("Entity", "lender", "country: US\nregimes: [nydfs]\nnydfs_limited_exemption: true\n")
COVERED = doc("Entity", "lender", "country: US\nregimes: [nydfs]\n")


def control(cid: str, category: str, scope: str) -> str:
    return doc("Control", cid, f"category: {category}\nstatus: implemented\nscope: [{scope}]\n")


REMOTE = control("mfa-remote", "mfa_remote_access", "remote_access, third_party_access")
PRIVILEGED = control("mfa-privileged", "mfa_privileged", "privileged_access")


def test_an_exempt_lender_with_remote_and_privileged_mfa_is_not_asked_more(cli, write) -> None:
    assert check(cli, write, repo(EXEMPT, REMOTE, PRIVILEGED), ["IAM-06"]) == []


def test_the_exemption_still_asks_mfa_on_privileged_accounts(cli, write) -> None:
    (finding,) = check(cli, write, repo(EXEMPT, REMOTE), ["IAM-06"])
    assert finding["id"] == "lender"
    assert "limited exemption of 23 NYCRR 500.19(a)" in finding["message"]
    assert "1 implemented control(s) enforcing MFA on remote access" in finding["message"]
    assert "0 on privileged accounts" in finding["message"]
    assert "any individual accessing any" not in finding["message"]


def test_an_entity_not_exempt_is_still_asked_mfa_on_every_access(cli, write) -> None:
    (finding,) = check(cli, write, repo(COVERED, REMOTE, PRIVILEGED), ["IAM-06"])
    assert "any individual accessing any of its information systems" in finding["message"]
    assert "nydfs_limited_exemption: true" in finding["message"]


def test_the_rules_citing_500_16_say_the_exemption_lifts_it(cli) -> None:
    # 500.19(a) exempts such an entity from 500.16 (incident response and continuity plans,
    # their tests, backups): the rules asking the same as policy must not cite it as its law
    for code in ("BCM-04", "BCM-06", "EXR-01"):
        said = cli("explain", code).stdout
        assert "500.16" in said and "limited exemption of 500.19(a)" in said, code
