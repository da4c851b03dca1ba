"""SUP-03 asks a round-the-clock security line of a supplier whose compromise can start one of
our incident clocks: a tier-2 email API holding our customers' addresses, a tier-3 3PL writing
into our order system with an API key. No law asks it of a supplier below tier 1 (the NIS2
implementing rules ask a contact point), so the finding says it is the programme's policy; a
tier-1 supplier's finding is unchanged, and a tier-3 supplier with ICT services but no access
is asked a named contact only. Through the CLI on real files."""

from __future__ import annotations

from one_file import check, doc

POLICY = (
    "(below tier 1, round-the-clock security response is this programme's policy, not a "
    "legal requirement)"
)
NAMED = "contacts:\n  security: {name: Security team, email: security@example.com}\n"


def supplier(body: str) -> str:
    return doc("Supplier", "vendor", "status: active\nsupports_critical_function: false\n" + body)


def sup03(cli, write, body: str) -> list[str]:
    return [f["message"] for f in check(cli, write, supplier(body), ["SUP-03"])]


def test_a_tier2_email_api_is_asked_the_line_as_policy(cli, write) -> None:
    body = (
        "tier: 2\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
        "data_sensitivity: confidential\npersonal_data: true\nhighest_access_level: none\n" + NAMED
    )
    (message,) = sup03(cli, write, body)
    assert "has no 24x7 security contact" in message
    assert message.endswith(POLICY), message


def test_a_tier3_3pl_with_a_write_key_is_asked_the_line_as_policy(cli, write) -> None:
    body = (
        "tier: 3\nprovides_ict_services: false\ndata_sensitivity: internal\n"
        "highest_access_level: write\n" + NAMED
    )
    (message,) = sup03(cli, write, body)
    assert "has no 24x7 security contact" in message and POLICY in message, message


def test_a_tier1_supplier_is_asked_the_line_without_the_policy_words(cli, write) -> None:
    body = (
        "tier: 1\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
        "data_sensitivity: confidential\nhighest_access_level: write\n" + NAMED
    )
    messages = sup03(cli, write, body)
    assert any("has no 24x7 security contact" in m for m in messages), messages
    assert not any("policy" in m for m in messages), messages


def test_a_tier3_ict_supplier_without_access_needs_a_named_contact_only(cli, write) -> None:
    body = (
        "tier: 3\nprovides_ict_services: true\ndata_sensitivity: public\n"
        "highest_access_level: none\n"
    )
    (message,) = sup03(cli, write, body)
    assert "has no security contact" in message and "need not answer around the clock" in message
    assert sup03(cli, write, body + NAMED) == []
