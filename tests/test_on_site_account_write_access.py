"""A grid operator's substation contractor: its technicians sign in to the bay controllers and
protection relays only at the substation's engineering console (on_site_only: true), with write
access and without MFA. IAM-02 asked MFA or just-in-time access of that account, as of one any
supplier staff could use from anywhere; a credential stolen from the contractor does not reach
our systems from outside, and the locked substation stands in. A write account that can sign
in from outside is still asked, a privileged one is asked MFA wherever it signs in, and under
NYDFS every individual is asked MFA (23 NYCRR 500.12(a)). Checked through `resilint check`."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo

RULES = ["IAM-02"]


def programme(account: str, entity: str = "regimes: [nis2]\nnis2_category: essential\n") -> str:
    return repo(
        doc("Entity", "netz", f"country: DE\n{entity}"),
        doc(
            "Supplier",
            "substation-service",
            "status: active\ntier: 1\nprovides_ict_services: false\n"
            "supports_critical_function: true\nhighest_access_level: write\n",
        ),
        doc(
            "Contract",
            "ctr-substation-service",
            "supplier: substation-service\nentities: [netz]\nstatus: active\n"
            "covers_ict_services: false\n",
        ),
        doc(
            "Identity",
            "relay-engineering",
            "supplier: substation-service\ntype: human_account\nsystems: [bay-controllers]\n"
            "disable_procedure: https://runbooks.example/disable\ntime_to_disable_minutes: 10\n"
            f"status: active\nmfa: false\n{account}",
        ),
    )


def test_an_on_site_write_account_is_not_asked_mfa_or_just_in_time(cli, write) -> None:
    assert check(cli, write, programme("access_level: write\non_site_only: true\n"), RULES) == []


def test_from_outside_or_privileged_it_is_still_asked(cli, write) -> None:
    found = check(cli, write, programme("access_level: write\n"), RULES)
    assert codes(found) == ["IAM-02"]
    assert "record on_site_only: true where that is so" in messages(found, "IAM-02")
    found = check(cli, write, programme("access_level: write\non_site_only: false\n"), RULES)
    assert codes(found) == ["IAM-02"]
    text = programme("access_level: privileged\non_site_only: true\n")
    found = check(cli, write, text, RULES)
    assert codes(found) == ["IAM-02"] and "without MFA" in messages(found, "IAM-02")


def test_under_nydfs_every_individual_is_asked_mfa(cli, write) -> None:
    text = programme("access_level: write\non_site_only: true\n", "regimes: [nydfs]\n")
    found = check(cli, write, text, RULES)
    assert codes(found) == ["IAM-02"] and "MFA" in messages(found, "IAM-02")
