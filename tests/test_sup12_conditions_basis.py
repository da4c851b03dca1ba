"""SUP-12's finding that an outsourced service may be sub-outsourced on no recorded conditions
says what asks the conditions for the sector of the entity served, with the article, and what
to do: an insurer's claims administrator reads Delegated Regulation (EU) 2015/35 Art. 274(4)(k)
and (l); an AIFM's delegate, Delegated Regulation (EU) No 231/2013 Art. 81(1); a bank's
provider, the EBA's guidelines; an IORP's administrator, this programme's policy."""

from __future__ import annotations

from one_file import check, doc, messages, repo

TO_DO = "record the agreement's terms"


def outsourcing(entity_type: str) -> str:
    entity = doc("Entity", "firm", f"entity_type: {entity_type}\nregimes: [dora]\n")
    supplier = doc(
        "Supplier",
        "administrator",
        "provides_ict_services: false\nsupports_critical_function: true\n"
        "services:\n  - name: administration\n    subcontracting: {allowed: true}\n",
    )
    contract = doc(
        "Contract",
        "ctr-administrator",
        "supplier: administrator\nstatus: active\ncovers_ict_services: false\n"
        "outsources_function: true\n"
        "audit: {rights: true, includes_competent_authority: true}\n",
    )
    return repo(entity, supplier, contract)


def _message(cli, write, entity_type: str) -> str:
    found = check(cli, write, outsourcing(entity_type), ["SUP-12"])
    assert len(found) == 1, found
    return messages(found, "SUP-12")


def test_each_sector_is_told_what_asks_the_conditions(cli, write) -> None:
    insurer = _message(cli, write, "insurance_undertaking")
    assert "Delegated Regulation (EU) 2015/35 Art. 274(4)(k) and (l)" in insurer
    aifm = _message(cli, write, "alternative_investment_fund_manager")
    assert "No 231/2013 Art. 81(1)" in aifm and "2015/35" not in aifm
    bank = _message(cli, write, "credit_institution")
    assert "EBA/GL/2019/02 section 13.1" in bank
    iorp = _message(cli, write, "occupational_retirement_institution")
    assert "this programme's policy" in iorp and "Art." not in iorp
    assert all(TO_DO in text for text in (insurer, aifm, bank, iorp))


def test_recorded_conditions_are_not_reported(cli, write) -> None:
    agreed = outsourcing("insurance_undertaking").replace(
        "{allowed: true}", "{allowed: true, conditions: Our prior written consent.}"
    )
    assert check(cli, write, agreed, ["SUP-12"]) == []
