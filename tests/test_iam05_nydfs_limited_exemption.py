"""Under the limited exemption of 23 NYCRR 500.19(a), 500.12(a) asks a covered entity for MFA
on remote access to its information systems, remote access to third-party applications with
nonpublic information, and privileged accounts, not for every individual. IAM-05 does not ask
it of a supplier person's read-only account that signs in only from our premises
(``on_site_only: true``) where every entity under NYDFS it reaches is under the exemption; one
that signs in from outside is asked, with the exemption's reason; an entity without the
exemption asks it of every account, on-site or not."""

from __future__ import annotations

import pytest
from one_file import check, doc, repo


def _programme(limited: bool, on_site: bool) -> str:
    entity = doc(
        "Entity",
        "agency",
        f"country: US\nregimes: [nydfs]\nnydfs_limited_exemption: {str(limited).lower()}\n",
    )
    supplier = doc("Supplier", "acme", "tier: 2\nprovides_ict_services: true\n")
    contract = doc("Contract", "ctr-acme", "supplier: acme\nentities: [agency]\nstatus: active\n")
    identity = doc(
        "Identity",
        "acme-clerk",
        "supplier: acme\ntype: human_account\naccess_level: read-only\nmfa: false\n"
        f"on_site_only: {str(on_site).lower()}\nstatus: active\n",
    )
    return repo(entity, supplier, contract, identity)


def test_an_on_site_account_under_the_limited_exemption_is_not_asked_mfa(cli, write) -> None:
    assert check(cli, write, _programme(limited=True, on_site=True), ["IAM-05"]) == []


def test_a_remote_account_under_the_limited_exemption_is_asked_for_its_remote_access(
    cli, write
) -> None:
    [finding] = check(cli, write, _programme(limited=True, on_site=False), ["IAM-05"])
    message = " ".join(finding["message"].split())
    assert "signs in from outside our premises" in message
    assert "limited exemption of 500.19(a) for MFA on remote access" in message
    assert "any individual" not in message


@pytest.mark.parametrize("on_site", [True, False])
def test_without_the_exemption_every_account_is_asked(cli, write, on_site: bool) -> None:
    [finding] = check(cli, write, _programme(limited=False, on_site=on_site), ["IAM-05"])
    assert "asks MFA of any individual accessing" in " ".join(finding["message"].split())
