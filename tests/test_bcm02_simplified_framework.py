"""BCM-02 asks the criticality of each function of an entity under DORA reassessed at least
yearly (DORA Art. 8(1)). Article 8 does not bind an entity that applies the simplified ICT
risk-management framework (DORA Art. 16(1)); its framework asks the classification reviewed as
needed, with no yearly minimum (Delegated Regulation (EU) 2024/1774 Art. 30(1)). A function
only such an entity performs is not asked a review within the year, but still the date the
register reports; a function shared with an entity on the full framework still is. The
finding says what to do."""

from __future__ import annotations

from one_file import check, doc, repo

SMALL = doc(
    "Entity",
    "small-pi",
    "entity_type: payment_institution\nregimes: [dora]\ndora_simplified_framework: true\n",
)
BANK = doc("Entity", "bank", "entity_type: credit_institution\nregimes: [dora]\n")


def function(entities: str, assessed: str = "last_criticality_assessment: 2025-01-01\n") -> str:
    return doc("BusinessFunction", "payments", f"entities: [{entities}]\n{assessed}")


def test_a_simplified_framework_entity_is_not_asked_a_yearly_review(cli, write) -> None:
    assert check(cli, write, repo(SMALL, function("small-pi")), ["BCM-02"]) == []


def test_it_is_still_asked_the_date_the_register_reports(cli, write) -> None:
    [finding] = check(cli, write, repo(SMALL, function("small-pi", "")), ["BCM-02"])
    assert "has no date of its last criticality assessment" in finding["message"]
    assert "B_06.01.0070" in finding["message"]


def test_an_entity_on_the_full_framework_is_asked_and_told_what_to_do(cli, write) -> None:
    for entities in ("bank", "small-pi, bank"):
        [finding] = check(cli, write, repo(SMALL, BANK, function(entities)), ["BCM-02"])
        message = finding["message"]
        assert "last assessed for criticality on 2025-01-01, more than 365 days ago" in message
        assert "DORA Art. 8(1) asks the classification reviewed at least yearly" in message
        assert "reassess its criticality with its owner" in message
        assert "record the date in last_criticality_assessment" in message
