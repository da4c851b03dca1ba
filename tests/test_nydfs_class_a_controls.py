"""CTL-03: a Class A company under 23 NYCRR Part 500 (recorded nydfs_class_a: true) runs a
privileged access management solution (500.7(c)(1)), endpoint detection and response and a
solution centralizing logging and security event alerting (500.14(b)), all in force since
1 May 2025. A New York lender assessed as not Class A records false and is asked none of it; a
programme that says nothing is asked nothing. Through the CLI on real files."""

from __future__ import annotations

from typing import Any

import pytest
from one_file import doc, line, repo


def control(cid: str, category: str, status: str = "implemented", extra: str = "") -> str:
    return doc("Control", cid, f"category: {category}\nstatus: {status}\n{extra}")


SOUND = [
    control("pam", "pam", extra="scope: [privileged_access]\n"),
    control("edr", "edr", extra="scope: [endpoints, servers]\ncoverage_percent: 98\n"),
    control("siem", "logging", extra="scope: [all]\n"),
]


def lender(class_a: str) -> str:
    return doc("Entity", "lender", f"country: US\nregimes: [nydfs]\n{class_a}")


def ctl_03(cli, write, text: str, as_of: str = "2026-12-07") -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("programme/repo.yaml", text)
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", as_of)
    return [f for f in found.json()["findings"] if f["code"] == "CTL-03"]


def test_a_class_a_company_with_the_three_solutions_passes(cli, write) -> None:
    assert ctl_03(cli, write, repo(lender("nydfs_class_a: true\n"), *SOUND)) == []


def test_one_with_edr_rolling_out_and_no_central_logging_is_told_both(cli, write) -> None:
    text = repo(
        lender("nydfs_class_a: true\n"),
        SOUND[0],
        control("edr", "edr", "partial", "scope: [endpoints, servers]\ncoverage_percent: 82\n"),
    )
    (finding,) = ctl_03(cli, write, text)
    said = finding["message"]
    assert finding["id"] == "lender" and finding["line"] == line(text, "nydfs_class_a")
    assert "23 NYCRR 500.14(b)(1)" in said and "23 NYCRR 500.14(b)(2)" in said
    assert "500.7(c)(1)" not in said  # its privileged access management is recorded
    assert "Waiver for CTL-03" in said


def test_privileged_access_management_is_asked_without_a_compensating_control(cli, write) -> None:
    (finding,) = ctl_03(cli, write, repo(lender("nydfs_class_a: true\n"), *SOUND[1:]))
    assert "privileged access management solution (23 NYCRR 500.7(c)(1))" in finding["message"]
    assert "Waiver" not in finding["message"]


def test_a_solution_recorded_for_another_entity_does_not_count(cli, write) -> None:
    elsewhere = control("pam", "pam", extra="scope: [all]\nentities: [eu-sub]\n")
    text = repo(
        lender("nydfs_class_a: true\n"),
        doc("Entity", "eu-sub", "country: DE\nregimes: [dora]\n"),
        elsewhere,
        *SOUND[1:],
    )
    (finding,) = ctl_03(cli, write, text)
    assert "500.7(c)(1)" in finding["message"]


@pytest.mark.parametrize("class_a", ["nydfs_class_a: false\n", ""])
def test_a_company_not_recorded_as_class_a_is_asked_nothing(cli, write, class_a: str) -> None:
    assert ctl_03(cli, write, lender(class_a)) == []


def test_nothing_is_asked_before_the_amendment_applied(cli, write) -> None:
    assert ctl_03(cli, write, lender("nydfs_class_a: true\n"), as_of="2025-04-30") == []
    assert len(ctl_03(cli, write, lender("nydfs_class_a: true\n"), as_of="2025-05-01")) == 1


def test_an_entity_not_under_nydfs_is_not_asked(cli, write) -> None:
    text = doc("Entity", "eu", "country: DE\nregimes: [dora]\nnydfs_class_a: true\n")
    assert ctl_03(cli, write, text) == []
