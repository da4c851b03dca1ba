"""INS-01 on an MFA condition whose control falls short (partial, or missing) names, in the same
finding, the supplier person accounts the condition reaches that sign in without MFA: a hospital
whose remote-access MFA is partial and whose PACS maker's remote-maintenance account has no MFA
learns both at once, rather than completing the control and then meeting a second finding for
the account. An account is named once per condition; a condition whose control is met still
names it, as before. Through the CLI."""

from __future__ import annotations

from one_file import check, doc, repo

ENTITY = doc("Entity", "hospital", "country: DE\nregimes: [nis2]\nnis2_category: essential\n")
SUPPLIER = doc(
    "Supplier",
    "pacs-maker",
    "tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n",
)
ACCOUNT = doc(
    "Identity",
    "pacs-remote-maintenance",
    "supplier: pacs-maker\ntype: human_account\naccess_level: privileged\nmfa: false\n"
    "owner: head-of-radiology-it\nstatus: active\n",
)


def _policy(categories: str, scope: str) -> str:
    return doc(
        "InsurancePolicy",
        "cyber",
        "insured_entities: [hospital]\nconditions:\n"
        "  - id: mfa\n"
        "    statement: MFA is enforced on all remote and privileged access, suppliers' too.\n"
        f"    control_categories: [{categories}]\n"
        f"    scope: [{scope}]\n"
        "    attested: true\n",
    )


def _control(category: str, status: str, scope: str) -> str:
    return doc(
        "Control",
        f"{category}-control",
        f"category: {category}\nstatus: {status}\nscope: [{scope}]\ncoverage_percent: 100\n",
    )


NAMED = (
    "supplier person accounts it reaches sign in without MFA (mfa: false): "
    "pacs-remote-maintenance (privileged, supplier pacs-maker)"
)


def test_a_partial_control_and_an_account_without_mfa_in_one_finding(cli, write) -> None:
    control = _control("mfa_remote_access", "partial", "remote_access")
    text = repo(ENTITY, SUPPLIER, ACCOUNT, _policy("mfa_remote_access", "remote_access"), control)
    (finding,) = check(cli, write, text, ["INS-01"])
    message = finding["message"]
    assert "(control mfa_remote_access-control is partial); also, " + NAMED in message
    assert "then record it as implemented, and turn on MFA for those accounts" in message
    places = [r["message"] for r in finding["related"]]
    assert "a supplier's person account without MFA" in places
    # completed, the control leaves the account: still one finding, naming it
    done = text.replace("status: partial", "status: implemented")
    (finding,) = check(cli, write, done, ["INS-01"])
    assert "partial" not in finding["message"]
    assert NAMED in finding["message"]
    # and with MFA on the account as well, the condition is met
    assert check(cli, write, done.replace("mfa: false", "mfa: true"), ["INS-01"]) == []


def test_an_account_is_named_once_for_a_condition(cli, write) -> None:
    # both areas short (no control at all): one finding per category, the account in the first
    policy = _policy("mfa_remote_access, mfa_privileged", "remote_access, privileged_access")
    found = check(cli, write, repo(ENTITY, SUPPLIER, ACCOUNT, policy), ["INS-01"])
    assert len(found) == 2
    assert [NAMED.split(" it reaches")[1] in f["message"] for f in found] == [True, False]
    # privileged access met, remote access short: the short one names it, the met one is quiet
    met = _control("mfa_privileged", "implemented", "privileged_access")
    found = check(cli, write, repo(ENTITY, SUPPLIER, ACCOUNT, policy, met), ["INS-01"])
    (finding,) = found
    assert "needs an implemented mfa_remote_access control" in finding["message"]
    assert NAMED in finding["message"]


def test_an_account_on_our_premises_only_is_not_named(cli, write) -> None:
    # remote access reaches no account that signs in only on our premises
    control = _control("mfa_remote_access", "partial", "remote_access")
    on_site = ACCOUNT.replace("mfa: false\n", "mfa: false\non_site_only: true\n")
    text = repo(ENTITY, SUPPLIER, on_site, _policy("mfa_remote_access", "remote_access"), control)
    (finding,) = check(cli, write, text, ["INS-01"])
    assert "without MFA" not in finding["message"]
    assert "turn on MFA" not in finding["message"]
