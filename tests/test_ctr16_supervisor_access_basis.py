"""CTR-16's finding on the supervisor's access (audit.includes_competent_authority) says, as its
finding on our own audit right does, what asks it for the sector of the entity served, with the
exact article, and what to do: an insurer's claims administrator reads Solvency II Art. 38(1) and
Delegated Regulation (EU) 2015/35 Art. 274(4)(h) and (i); an IORP's administrator is told the
clause is market practice, not the law; a bank's outsourcing, the EBA's guidelines."""

from __future__ import annotations

from one_file import check, doc, messages, repo

RECORD = "record audit.includes_competent_authority: true"


def outsourcing(entity_type: str) -> str:
    """Our entity of ``entity_type`` and its claims or member administrator (no ICT service)
    whose agreement gives us an audit right, but the supervisor none."""
    entity = doc("Entity", "firm", f"entity_type: {entity_type}\nregimes: [dora]\n")
    supplier = doc(
        "Supplier",
        "administrator",
        "provides_ict_services: false\nsupports_critical_function: true\n"
        "services:\n  - name: administration\n"
        "    subcontracting: {allowed: false}\n",
    )
    contract = doc(
        "Contract",
        "ctr-administrator",
        "supplier: administrator\nstatus: active\ncovers_ict_services: false\n"
        "outsources_function: true\naudit: {rights: true, frequency_months: 12}\n",
    )
    return repo(entity, supplier, contract)


def test_an_insurers_outsourcing_cites_solvency_ii_and_says_what_to_do(cli, write) -> None:
    (found,) = check(cli, write, outsourcing("insurance_undertaking"), ["CTR-16"])
    text = found["message"]
    assert "does not give the competent authority access" in text
    assert "Directive 2009/138/EC Art. 38(1)" in text
    assert "Delegated Regulation (EU) 2015/35 Art. 274(4)(h) and (i)" in text
    assert RECORD in text


def test_an_iorps_outsourcing_is_told_market_practice_not_the_law(cli, write) -> None:
    text = messages(
        check(cli, write, outsourcing("occupational_retirement_institution"), ["CTR-16"]),
        "CTR-16",
    )
    assert "market practice" in text and RECORD in text
    assert "2015/35" not in text and "must give" not in text


def test_a_banks_outsourcing_cites_the_eba_guidelines(cli, write) -> None:
    text = messages(check(cli, write, outsourcing("credit_institution"), ["CTR-16"]), "CTR-16")
    assert "EBA/GL/2019/02 section 13.3" in text and "complied with or explained" in text


def test_an_agreement_giving_the_supervisor_access_is_not_reported(cli, write) -> None:
    agreed = outsourcing("insurance_undertaking").replace(
        "audit: {rights: true,", "audit: {rights: true, includes_competent_authority: true,"
    )
    assert check(cli, write, agreed, ["CTR-16"]) == []
