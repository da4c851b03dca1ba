"""BCM-04 asks some plan of a function whose entities are under DORA, NIS2 or NYDFS for the
message to the regulator. Its finding names the regime and its first report's deadline, with
the citation, as a procurement manager can act on it, not the profile's id: a New York insurer
reads NYDFS's 72 hours (23 NYCRR 500.17(a)(1)) and no EU law; an entity under DORA and NIS2
reads DORA's 24 hours once, not one finding line per regime."""

from __future__ import annotations

import pytest
from one_file import CYBER_POLICY, check, doc, repo

PLAN = doc(
    "ContinuityPlan",
    "plan",
    "function: fn\nowner: ops-lead\ndeputy: ops-deputy\n"
    "activation_thresholds: [{type: supplier_compromise, description: suspected compromise}]\n"
    "manual_procedure: {reference: bcm/manual.md, max_degraded_hours: 48}\n"
    "comms_templates:\n  staff: {reference: bcm/staff.md}\n"
    "  customers: {reference: bcm/customers.md}\n  insurer: {reference: bcm/insurer.md}\n"
    "stand_down_criteria: [systems restored]\n",
)


def _programme(regimes: str, country: str) -> str:
    entity = doc("Entity", "ours", f"country: {country}\nregimes: [{regimes}]\n")
    function = doc("BusinessFunction", "fn", "entities: [ours]\ncriticality: critical\n")
    return repo(entity, function, PLAN, CYBER_POLICY)


@pytest.mark.parametrize(
    ("regimes", "country", "says", "not_said"),
    [
        (
            "nydfs",
            "US",
            "under NYDFS, whose notice to the superintendent is due within 72 hours of "
            "determining that a cybersecurity incident occurred (23 NYCRR 500.17(a)(1))",
            ("DORA", "NIS2", "(EU)"),
        ),
        (
            "nis2",
            "AT",
            "under NIS2, whose early warning of a significant incident is due within 24 hours",
            ("DORA", "NYCRR"),
        ),
        (
            "dora, nis2",
            "DE",
            "under DORA, whose initial notification of a major ICT-related incident is due "
            "within 24 hours of our becoming aware of it at the latest (Delegated Regulation "
            "(EU) 2025/301 Art. 5(1)(a))",
            ("NIS2", "NYCRR"),
        ),
    ],
)
def test_the_missing_regulator_message_names_the_regimes_first_report(
    cli, write, regimes: str, country: str, says: str, not_said: tuple[str, ...]
) -> None:
    [finding] = check(cli, write, _programme(regimes, country), ["BCM-04"])
    message = " ".join(finding["message"].split())
    assert "has no message prepared for the regulator, nor has any other plan" in message
    assert says in message
    assert "draft it now and record where it is kept (comms_templates.regulator.reference)" in (
        message
    )
    assert not [word for word in not_said if word in message]
    assert message.count("message prepared for the regulator") == 1


def test_a_function_outside_every_regime_is_asked_no_regulator_message(cli, write) -> None:
    assert check(cli, write, _programme("", "US"), ["BCM-04"]) == []


@pytest.mark.parametrize("regimes", ["dora", "nis2", "nydfs"])
def test_a_function_with_two_plans_is_asked_the_message_once(cli, write, regimes: str) -> None:
    """The regulator's report, and the insurer's notice, are the function's: where no plan of
    it has either, the gap is said once, at its first plan in file order, not once per plan."""
    bare = PLAN.replace("  insurer: {reference: bcm/insurer.md}\n", "")
    second = bare.replace("id: plan\n", "id: cyber-plan\n")
    entity = doc("Entity", "ours", f"country: DE\nregimes: [{regimes}]\n")
    function = doc("BusinessFunction", "fn", "entities: [ours]\ncriticality: critical\n")
    text = repo(entity, function, bare, second, CYBER_POLICY)
    [finding] = check(cli, write, text, ["BCM-04"])
    message = " ".join(finding["message"].split())
    assert message.startswith("continuity plan plan of critical function fn"), message
    assert "has no message prepared for the regulator, nor has any other plan" in message
    assert "has no incident notice prepared for the insurer, nor has any other plan" in message
