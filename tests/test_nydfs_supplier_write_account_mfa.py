"""A supplier's staff working in the systems of an entity under NYDFS with write access and no
MFA (a call centre's agents in our servicing CRM): IAM-02 asks MFA, as 23 NYCRR 500.12(a) does,
where elsewhere it accepts just-in-time access instead. Following the old advice (grant the
access just in time) traded IAM-02's error for IAM-05's. Through the CLI on real files."""

from __future__ import annotations

from typing import Any

from one_file import doc, line, repo

SUPPLIER = doc(
    "Supplier",
    "callco",
    "tier: 2\ndata_sensitivity: confidential\nhighest_access_level: write\n"
    "services:\n  - {name: contact-centre, description: Call centre run for us.}\n",
)


def programme(regimes: str, mfa: str = "false", jit: str = "false") -> str:
    agents = doc(
        "Identity",
        "callco-agents",
        "supplier: callco\ntype: human_account\nsystems: [servicing-crm]\naccess_level: write\n"
        f"mfa: {mfa}\njust_in_time: {jit}\ndisable_procedure: runbooks/disable-callco.md\n"
        "time_to_disable_minutes: 15\nowner: head-of-customer-operations\n",
    )
    return repo(
        doc("Entity", "lender", f"country: US\nregimes: [{regimes}]\n"),
        SUPPLIER,
        doc("Contract", "ctr-callco", "supplier: callco\nentities: [lender]\nstatus: active\n"),
        agents,
    )


def mfa_findings(cli, write, text: str) -> list[dict[str, Any]]:
    """IAM-02's and IAM-05's findings on the account's protection (not its rotation or disable
    time); the configuration names no regime's profile, so each applies where its entities are."""
    write("resilint.yaml", "profiles: [baseline]\n")
    write("programme/repo.yaml", text)
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2026-12-07")
    return [
        f
        for f in found.json()["findings"]
        if f["code"] == "IAM-05" or (f["code"] == "IAM-02" and f["json_path"] == "mfa")
    ]


def test_under_nydfs_a_write_account_without_mfa_is_told_to_turn_mfa_on(cli, write) -> None:
    text = programme("nydfs")
    (finding,) = mfa_findings(cli, write, text)
    assert finding["code"] == "IAM-02" and finding["id"] == "callco-agents"
    assert "turn on MFA (mfa: true): 23 NYCRR 500.12(a)" in finding["message"]
    assert "just-in-time access alone does not meet it" in finding["message"]
    assert "require one of them" not in finding["message"]
    assert finding["line"] == line(text, "mfa: false")


def test_granting_it_just_in_time_leaves_the_nydfs_gap_to_iam_05_once(cli, write) -> None:
    (finding,) = mfa_findings(cli, write, programme("nydfs", jit="true"))
    assert finding["code"] == "IAM-05" and "23 NYCRR 500.12(a)" in finding["message"]


def test_with_mfa_nothing_is_said(cli, write) -> None:
    assert mfa_findings(cli, write, programme("nydfs", mfa="true")) == []


def test_elsewhere_mfa_or_just_in_time_still_does(cli, write) -> None:
    (finding,) = mfa_findings(cli, write, programme("dora"))
    assert finding["code"] == "IAM-02"
    assert "neither MFA nor just-in-time access; require one of them" in finding["message"]
    assert "NYCRR" not in finding["message"]
    assert mfa_findings(cli, write, programme("dora", jit="true")) == []


def test_before_the_amended_rule_took_effect_just_in_time_still_does(cli, write) -> None:
    """23 NYCRR 500.12(a) as amended asks MFA of every individual from 1 November 2025 (IAM-05
    and IAM-06 are judged from then too): checked as of an earlier day, IAM-02 neither cites
    it nor refuses just-in-time access."""
    write("resilint.yaml", "profiles: [baseline]\n")
    write("programme/repo.yaml", programme("nydfs"))
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2025-06-01")
    (finding,) = [f for f in found.json()["findings"] if f["json_path"] == "mfa"]
    assert finding["code"] == "IAM-02"
    assert "neither MFA nor just-in-time access; require one of them" in finding["message"]
    assert "NYCRR" not in finding["message"]
    write("programme/repo.yaml", programme("nydfs", jit="true"))
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2025-06-01")
    assert [f for f in found.json()["findings"] if f["json_path"] == "mfa"] == []
