"""INS-01 tells a condition whose control is in progress (status partial) to complete it and
extend it to the systems it does not yet cover, as INS-07 tells an exclusion's: one definition of
what closes the gap. A planned control is still told to be implemented. Through the CLI."""

from __future__ import annotations

from one_file import check, doc, repo

POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "conditions:\n"
    "  - id: mfa-remote\n"
    "    statement: MFA is enforced on all remote access.\n"
    "    control_categories: [mfa_remote_access]\n"
    "    scope: [remote_access]\n"
    "    attested: true\n",
)


def control(status: str) -> str:
    return doc(
        "Control",
        "mfa-vpn",
        f"category: mfa_remote_access\nstatus: {status}\nscope: [remote_access]\n",
    )


def test_a_partial_control_is_told_to_be_completed(cli, write) -> None:
    (finding,) = check(cli, write, repo(POLICY, control("partial")), ["INS-01"])
    message = finding["message"]
    assert "(control mfa-vpn is partial)" in message
    assert (
        "complete the partial control (mfa-vpn): extend it to the systems it does not yet "
        "cover, then record it as implemented, or correct the attestation with the broker"
    ) in message
    assert "implement the control," not in message


def test_a_planned_control_is_told_to_be_implemented(cli, write) -> None:
    (finding,) = check(cli, write, repo(POLICY, control("planned")), ["INS-01"])
    message = finding["message"]
    assert "implement the control, or correct the attestation with the broker" in message
    assert "partial control" not in message
