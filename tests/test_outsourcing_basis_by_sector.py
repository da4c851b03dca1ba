"""CTR-16 and SUP-12 say what asks an outsourcing's access rights and sub-outsourcing terms for
the sector of the entity it serves, as their rationale reads the laws: an insurer's or an AIFM's
outsourcing law asks them of the agreement; a bank's, payment or e-money institution's comes from
the EBA's guidelines; a UCITS management company's or an IORP's law sets only the outcome, so the
access clause is market practice and the sub-outsourcing terms policy. A risk committee reading
"the sector's outsourcing law asks" of a UCITS delegation would take a policy for the law."""

from __future__ import annotations

from one_file import check, doc, messages, repo

CODES = ["CTR-16", "SUP-12"]
LAW = "the sector's outsourcing law asks"


def delegation(entity_types: tuple[str, ...]) -> str:
    """Our entities of ``entity_types`` and a delegated portfolio manager (no ICT service) with
    no audit rights and no sub-outsourcing terms recorded."""
    entities = [
        doc("Entity", f"firm-{n}", f"entity_type: {t}\nregimes: [dora]\n")
        for n, t in enumerate(entity_types)
    ]
    supplier = doc(
        "Supplier",
        "sub-manager",
        "provides_ict_services: false\nsupports_critical_function: true\n"
        "services:\n  - name: delegated-portfolio-management\n"
        "    service_type: delegated collective portfolio management\n",
    )
    contract = doc(
        "Contract",
        "ctr-sub-manager",
        "supplier: sub-manager\nstatus: active\ncovers_ict_services: false\n"
        "outsources_function: true\naudit: {frequency_months: 12}\n",
    )
    return repo(*entities, supplier, contract)


def test_a_ucits_management_companys_delegation_is_not_told_the_law_asks_the_clause(
    cli, write
) -> None:
    found = check(cli, write, delegation(("management_company",)), CODES)
    assert sorted(f["code"] for f in found) == ["CTR-16", "SUP-12"]
    access, sub = messages(found, "CTR-16"), messages(found, "SUP-12")
    assert LAW not in access and LAW not in sub
    assert "market practice" in access
    assert "not impair supervision" in access
    assert "policy" in sub


def test_an_iorps_outsourcing_reads_like_a_management_companys(cli, write) -> None:
    found = check(cli, write, delegation(("occupational_retirement_institution",)), CODES)
    assert LAW not in messages(found, "CTR-16") + messages(found, "SUP-12")
    assert "market practice" in messages(found, "CTR-16")


def test_an_insurer_and_an_aifm_are_told_the_law_asks(cli, write) -> None:
    for entity_type in ("insurance_undertaking", "alternative_investment_fund_manager"):
        found = check(cli, write, delegation((entity_type,)), CODES)
        assert LAW in messages(found, "CTR-16"), entity_type
        assert "as the sector's outsourcing law asks the agreement to" in messages(found, "SUP-12")


def test_a_bank_is_told_the_guidelines_ask(cli, write) -> None:
    found = check(cli, write, delegation(("credit_institution",)), CODES)
    access, sub = messages(found, "CTR-16"), messages(found, "SUP-12")
    assert LAW not in access and LAW not in sub
    assert "EBA's outsourcing guidelines" in access
    assert "EBA's outsourcing guidelines" in sub


def test_one_finding_with_the_strongest_basis_where_entities_of_two_sectors_share_it(
    cli, write
) -> None:
    # a management company and its AIFM sister both rely on the delegate: the AIFM's law asks
    found = check(
        cli, write, delegation(("management_company", "alternative_investment_fund_manager")), CODES
    )
    assert [f["code"] for f in found].count("CTR-16") == 1
    assert [f["code"] for f in found].count("SUP-12") == 1
    assert LAW in messages(found, "CTR-16")


def test_a_type_the_programme_adds_is_told_its_own_policy(cli, write) -> None:
    found = check(
        cli,
        write,
        delegation(("investment_firm",)),
        CODES,
        {
            "rules": {
                "CTR-16": {"params": {"entity_types": ["investment_firm"]}},
                "SUP-12": {"params": {"entity_types": ["investment_firm"]}},
            }
        },
    )
    assert sorted(f["code"] for f in found) == ["CTR-16", "SUP-12"]
    assert LAW not in messages(found, "CTR-16") + messages(found, "SUP-12")
    assert "policy" in messages(found, "CTR-16")
