"""INS-01 said of every unmet attested condition that "under insurer market practice" it can
void cover, citing a US case (Travelers v. International Control Services, 2022). A policy
insuring only entities in France is read under French law: the attestation is the declaration
of the risk the insurer asked for (Code des assurances Art. L113-2, 2°), and an inexact one
voids the policy where it was intentional (Art. L113-8) and otherwise reduces any indemnity in
the ratio of the premium paid to the premium that would have been due (Art. L113-9). The finding
now says so; a policy insuring entities in France and elsewhere, whose law cannot be told, is
told that the consequences depend on its governing law, the US case as an example only
(tests/test_ins01_governing_law.py). Through the CLI on a small French investment firm's files."""

from __future__ import annotations

from one_file import check, doc, repo
from test_ins01_governing_law import policy as cyber_policy

FIRM = doc("Entity", "firm", "country: FR\nentity_type: investment_firm\nregimes: [dora]\n")
BRANCH = doc("Entity", "firm-lu", "country: LU\nregimes: []\n")
CONTROL = doc(
    "Control",
    "mfa-privileged",
    "category: mfa_privileged\nstatus: implemented\nscope: [privileged_access]\n"
    "coverage_percent: 85\nevidence: {reference: evidence/mfa.pdf, last_verified: 2026-10-28}\n",
)


def policy(insured: str, attested: bool = True) -> str:
    return cyber_policy(insured, attested, insurer="Mutuelle Atlantique d'Assurances")


def _message(cli, write, *documents: str) -> str:
    [finding] = check(cli, write, repo(*documents, CONTROL), ["INS-01"])
    message: str = finding["message"]
    assert "control mfa-privileged covers 85%, under the 100% required" in message
    return message


def test_an_attested_condition_of_a_french_policy_cites_the_code_des_assurances(cli, write) -> None:
    message = _message(cli, write, FIRM, policy("firm"))
    assert (
        "we attested this condition to the insurer, and under French insurance law an inexact "
        "declaration of the risk voids the policy where it was intentional (Code des assurances "
        "Art. L113-8) and otherwise reduces any indemnity in the ratio of the premium paid to "
        "the premium that would have been due (Art. L113-9): implement the control, or correct "
        "the declaration with the broker"
    ) in message
    assert "Travelers" not in message and "market practice" not in message


def test_a_condition_not_attested_is_still_market_practice(cli, write) -> None:
    message = _message(cli, write, FIRM, policy("firm", attested=False))
    assert "under insurer market practice a claim can be refused" in message
    assert "had we declared it met, under French insurance law" in message
    assert "Travelers" not in message


def test_a_policy_insuring_an_entity_elsewhere_is_told_its_law_decides(cli, write) -> None:
    message = _message(cli, write, FIRM, BRANCH, policy("firm, firm-lu"))
    assert (
        "we attested this condition to the insurer, and what an inaccurate attestation costs "
        "depends on the law governing the policy, which neither its governing_law_country nor "
        "its insured entities' countries tell"
    ) in message
    assert "for example, a US court rescinded by consent judgment" in message
    assert "Code des assurances" not in message
