"""SUP-03: a supplier's security contact reached through a ticket portal whose web address is
recorded (contacts.*.url, or written in the channel) has a way to be reached, as an email
address or a phone number is; a portal named without its address does not, and the finding
says where to record it."""

from __future__ import annotations

from one_file import check, doc, repo


def supplier(contact: str, key: str = "security_24x7", tier: int = 2) -> str:
    return doc(
        "Supplier",
        "pixelprint",
        f"name: Pixelprint Ltd\ntier: {tier}\nprovides_ict_services: true\n"
        f"data_sensitivity: confidential\nhighest_access_level: none\ncontacts:\n  {key}:\n"
        f"{contact}",
    )


def sup03(cli, write, text: str) -> list[str]:
    return [f["message"] for f in check(cli, write, repo(text), ["SUP-03"])]


PORTAL = "    name: Pixelprint security desk\n    available_24x7: true\n"


def test_a_portal_address_reaches_a_24x7_contact(cli, write) -> None:
    in_url = PORTAL + "    url: https://support.pixelprint.example/security\n"
    assert sup03(cli, write, supplier(in_url)) == []
    in_channel = PORTAL + (
        "    channel: https://support.pixelprint.example/security (ticket portal, watched 24x7)\n"
    )
    assert sup03(cli, write, supplier(in_channel)) == []


def test_a_portal_named_without_its_address_is_asked_for_it(cli, write) -> None:
    named = PORTAL + "    channel: Pixelprint customer portal\n"
    [message] = sup03(cli, write, supplier(named))
    assert "no email address, phone number or portal address" in message
    assert "contacts.security_24x7.url" in message


def test_a_named_security_contact_below_tier_1_counts_a_portal_too(cli, write) -> None:
    base = "    name: Data protection office\n"
    tier3 = {"key": "security", "tier": 3}
    assert (
        sup03(cli, write, supplier(base + "    url: https://dpo.pixelprint.example\n", **tier3))
        == []
    )
    [message] = sup03(cli, write, supplier(base + "    channel: ticket portal\n", **tier3))
    assert "contacts.security.url" in message


def test_a_url_that_is_no_web_address_is_a_schema_error(cli, write) -> None:
    text = supplier(PORTAL + "    url: support.pixelprint.example\n")
    found = check(cli, write, repo(text), ["SUP-03", "SCH-01"])
    assert [f["code"] for f in found] == ["SCH-01"]
    assert "contacts.security_24x7.url" in found[0]["message"]


def test_any_url_the_schema_takes_reaches_the_contact(cli, write) -> None:
    """An intranet host or a host name without a dot is a web address the schema takes in the
    url field: SUP-03 does not ask for an address already recorded. In the channel's words only
    an address with a dotted host counts, as before."""
    for url in ("https://servicedesk/security", "https://localhost/tickets", "http://itsm:8080"):
        text = supplier(PORTAL + f"    url: {url}\n")
        assert check(cli, write, repo(text), ["SUP-03", "SCH-01"]) == [], url
    in_channel = PORTAL + "    channel: https://servicedesk/security (ticket portal)\n"
    [message] = sup03(cli, write, supplier(in_channel))
    assert "contacts.security_24x7.url" in message
