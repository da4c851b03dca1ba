"""EVD-01's words for a cyber policy without a claims evidence package, through the CLI: a policy
with no excess layer is asked a package for the policy (a small pension fund's one policy is no
"tower"); a primary policy with an excess layer above it is asked one for the tower, naming the
layer. Either says why: so that a claim can be proven quickly."""

from __future__ import annotations

from one_file import check, doc, repo

PERIOD = "period: {start: 2026-07-01, end: 2027-06-30}\n"


def test_a_single_policy_is_asked_a_package_for_the_policy(cli, write) -> None:
    (finding,) = check(cli, write, doc("InsurancePolicy", "cyber-2026", PERIOD), ["EVD-01"])
    message = finding["message"]
    assert "has no claims evidence package: prepare one for the policy (" in message
    assert "tower" not in message
    assert "so that a claim can be proven quickly" in message
    # no law asks a claims evidence package: the finding says what it rests on
    assert "(insurer market practice, not a legal requirement)" in message


def test_a_policy_with_an_excess_layer_is_asked_a_package_for_the_tower(cli, write) -> None:
    layer = PERIOD + "layer: {position: excess, sits_over: cyber-2026, follows_form: true}\n"
    text = repo(
        doc("InsurancePolicy", "cyber-2026", PERIOD), doc("InsurancePolicy", "excess", layer)
    )
    found = check(cli, write, text, ["EVD-01"])
    (finding,) = [f for f in found if f["id"] == "cyber-2026"]
    message = finding["message"]
    assert "(with its excess layer excess) has no claims evidence package" in message
    assert "prepare one for the tower (" in message
