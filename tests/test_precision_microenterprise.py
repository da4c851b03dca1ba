"""The audit of a small insurance broker recorded as a DORA microenterprise: what DORA's scope
and the size of the firm change in the findings, and that the real gaps are still found."""

from __future__ import annotations

from one_file import check, doc, repo


def broker(body: str) -> str:
    return doc("Entity", "broker", f"entity_type: insurance_intermediary\n{body}")


def test_ent01_an_insurance_intermediary_microenterprise_is_outside_dora(cli, write) -> None:
    text = repo(broker("regimes: [dora]\ndora_microenterprise: true\n"))
    (found,) = check(cli, write, text, ["ENT-01"])
    assert "Art. 2(3)(e)" in found["message"] and "policy, not law" in found["message"]


def test_ent01_is_silent_for_an_entity_dora_binds(cli, write) -> None:
    larger_broker = broker("regimes: [dora]\ndora_microenterprise: false\n")
    small_bank = doc(
        "Entity", "bank", "entity_type: credit_institution\nregimes: [dora]\ndora_microenterprise: true\n"
    )
    outside = broker("regimes: []\ndora_microenterprise: true\n")
    assert check(cli, write, repo(larger_broker, small_bank, outside), ["ENT-01"]) == []
