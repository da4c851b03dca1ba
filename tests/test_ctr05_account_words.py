"""CTR-05 asks the incident notice of a supplier that operates in our systems to say which
accounts were disabled, in the words of the access recorded: a maintenance firm whose
technicians hold accounts with write access, and nothing privileged, is asked which of its
accounts with write access were disabled, not which privileged accounts; a supplier with a
privileged identity, or one that runs our sign-in, is asked its privileged accounts."""

from __future__ import annotations

from one_file import check, doc, repo

SUPPLIER = doc(
    "Supplier",
    "robofix",
    "name: Robofix Service SRL\ntier: 1\nstatus: active\nprovides_ict_services: true\n"
    "supports_critical_function: true\ndata_sensitivity: internal\nhighest_access_level: write\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-robofix",
    "supplier: robofix\nstatus: active\ncovers_ict_services: true\n"
    "supports_critical_function: true\nstart_date: 2024-01-01\nend_date: 2028-12-31\n"
    "incident_notification:\n  window_hours: 24\n  trigger: suspected\n"
    "  content: [isolation_status, contact, secrets_to_rotate]\n",
)


def _account(level: str, extra: str = "") -> str:
    return doc(
        "Identity",
        f"robofix-{level}",
        f"supplier: robofix\ntype: human_account\naccess_level: {level}\nsystems: [plc]\n"
        "owner: plant-it\nmfa: true\ndisable_procedure: runbooks/robofix.md\n"
        f"time_to_disable_minutes: 10\nstatus: active\n{extra}",
    )


def _ctr05(cli, write, *documents: str) -> list[str]:
    return [f["message"] for f in check(cli, write, repo(*documents), ["CTR-05"])]


def test_write_access_without_privilege_is_asked_its_write_accounts(cli, write) -> None:
    [message] = _ctr05(cli, write, SUPPLIER, _account("write"), CONTRACT)
    assert (
        "to say which of its accounts with write access to our systems were disabled "
        "(disabled_privileged_accounts)" in message
    )
    assert "privileged accounts were disabled" not in message


def test_privileged_access_is_asked_its_privileged_accounts(cli, write) -> None:
    privileged = SUPPLIER.replace("highest_access_level: write", "highest_access_level: privileged")
    [message] = _ctr05(cli, write, privileged, _account("privileged"), CONTRACT)
    assert "to say which privileged accounts were disabled" in message
    assert "write access" not in message


def test_a_supplier_running_our_sign_in_is_asked_its_privileged_accounts(cli, write) -> None:
    """The identity provider of our identities: its administrators are what its notice names,
    whatever access its own technicians hold in our systems."""
    ours = doc(
        "Identity",
        "plant-operator",
        "supplier: robofix\ntype: human_account\naccess_level: write\nsystems: [plc]\n"
        "owner: plant-it\nmfa: true\nidentity_provider: robofix\nours_at_supplier: true\n"
        "status: active\n",
    )
    messages = _ctr05(cli, write, SUPPLIER, _account("write"), ours, CONTRACT)
    assert any("to say which privileged accounts were disabled" in m for m in messages), messages
