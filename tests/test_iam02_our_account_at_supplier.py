"""Our own people's account in a supplier's system (``ours_at_supplier: true``: our logistics
staff in a 3PL's booking portal) signing in without MFA, through the CLI on real YAML: IAM-02
still asks MFA of it (whoever steals the password acts there in our name), but says it is our
account in the supplier's system, not "a person's account of the supplier", and does not offer
on_site_only, which only an account into our own systems can use. The supplier's own person's
account keeps its message."""

from __future__ import annotations

from one_file import check, doc, messages, repo

SUPPLIER = doc(
    "Supplier",
    "padana",
    "name: Padana Logistics\nstatus: active\ntier: 3\nprovides_ict_services: false\n"
    "supports_critical_function: false\ndata_sensitivity: internal\n",
)
CONTRACT = doc("Contract", "ctr-padana", "supplier: padana\nstatus: active\n")


def programme(level: str, ours: bool, mfa: str = "false") -> str:
    identity = doc(
        "Identity",
        "portal-users",
        "supplier: padana\n"
        + ("ours_at_supplier: true\n" if ours else "")
        + f"type: human_account\naccess_level: {level}\nmfa: {mfa}\n"
        "disable_procedure: reset in the portal\ntime_to_disable_minutes: 10\n"
        "owner: logistics\nstatus: active\n",
    )
    return repo(SUPPLIER, CONTRACT, identity)


def test_our_account_in_the_suppliers_portal_is_asked_mfa_as_ours(cli, write) -> None:
    for level in ("write", "privileged"):
        found = check(cli, write, programme(level, ours=True), ["IAM-02"])
        message = " ".join(messages(found, "IAM-02").split())
        assert "our own people's account in the system of supplier padana" in message
        assert f"with {level} rights there" in message
        assert "person's account of supplier" not in message
        assert "on_site_only" not in message


def test_our_account_with_mfa_draws_nothing(cli, write) -> None:
    assert check(cli, write, programme("write", ours=True, mfa="true"), ["IAM-02"]) == []


def test_the_suppliers_own_persons_account_keeps_its_message(cli, write) -> None:
    found = check(cli, write, programme("write", ours=False), ["IAM-02"])
    message = " ".join(messages(found, "IAM-02").split())
    assert "is a person's account of supplier padana" in message
    assert "on_site_only" in message


def test_under_nydfs_our_write_account_is_asked_mfa_once(cli, write) -> None:
    """23 NYCRR 500.12(a)'s requirement speaks for it there: no second finding of the same MFA."""
    entity = doc("Entity", "ny", "country: US\nregimes: [nydfs]\n")
    text = repo(entity, programme("write", ours=True))
    text = text.replace(
        "supplier: padana\nstatus: active\n", "supplier: padana\nentities: [ny]\nstatus: active\n"
    )
    found = [f for f in check(cli, write, text, ["IAM-02"]) if "MFA" in f["message"]]
    assert len(found) == 1
    assert "23 NYCRR 500.12(a)" in found[0]["message"]
